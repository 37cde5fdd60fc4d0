// Accepting an invitation: the link in the e-mail leads to a form to choose a password; the link works once.
// Then the person is signed in as after a sign-in (to enrol a second factor first when the role requires one).
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SessionStage } from '../tables.js';
import { newPasswordErrors, type NewPasswordErrors } from '../domain/password-rules.js';
import { checkLink, consumeLink, type LinkPurpose } from '../links.js';
import { hashPassword } from '../passwords.js';
import { auditActorOf, findAccountById, startSignedInSession, type AuthAccount, type AuthDeps, type RequestMeta } from './sign-in.js';

export type LinkProblem = 'unknown' | 'used' | 'expired';
export type OpenLinkResult = { ok: true; account: AuthAccount } | { ok: false; reason: LinkProblem };

/** Looks a link up to show its form, without using it. A link of a disabled account is as good as unknown. */
export async function openLink(db: Database, clock: Clock, token: string, purpose: LinkPurpose): Promise<OpenLinkResult> {
  return db.transaction().execute(async (trx): Promise<OpenLinkResult> => {
    const check = await checkLink(trx, clock, token, purpose);
    if (!check.ok) return check;
    const account = await findAccountById(trx, check.accountId);
    if (!account || account.disabled_at !== null) return { ok: false, reason: 'unknown' };
    return { ok: true, account };
  });
}

export interface NewPassword {
  password: string;
  confirmation: string;
}

export type AcceptInvitationResult =
  | { outcome: 'signed_in'; token: string; stage: SessionStage; role: AuthAccount['role'] }
  | { outcome: 'invalid'; errors: NewPasswordErrors; account: AuthAccount }
  | { outcome: 'link'; reason: LinkProblem };

export async function acceptInvitation(
  deps: AuthDeps,
  token: string,
  input: NewPassword,
  meta: RequestMeta,
): Promise<AcceptInvitationResult> {
  const { db, clock } = deps;
  const link = await openLink(db, clock, token, 'invitation');
  if (!link.ok) return { outcome: 'link', reason: link.reason };
  const errors = newPasswordErrors(input.password, input.confirmation, link.account.email);
  if (Object.keys(errors).length > 0) return { outcome: 'invalid', errors, account: link.account };
  // Hashed before the transaction: argon2id takes tens of milliseconds and must not hold the connection.
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx): Promise<AcceptInvitationResult> => {
    const used = await consumeLink(trx, clock, token, 'invitation');
    if (!used.ok) return { outcome: 'link', reason: used.reason };
    const account = link.account;
    await trx
      .updateTable('identity.accounts')
      .set({ password_hash: passwordHash, password_changed_at: clock.now() })
      .where('id', '=', account.id)
      .execute();
    await recordAudit(trx, clock, {
      action: 'auth.invitation_accepted',
      actor: auditActorOf(account),
      subject: { type: 'account', id: account.id },
      data: { mission: account.organisation },
    });
    const session = await startSignedInSession(trx, deps, account, 'invitation', meta);
    return { outcome: 'signed_in', ...session, role: account.role };
  });
}
