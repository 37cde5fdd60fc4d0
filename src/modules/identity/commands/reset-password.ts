// Choosing a new password from a reset link. Every session of the account ends and its API tokens are revoked (whoever
// had the old password is out), the failed attempts counted for the e-mail address (from every network address) are
// forgotten, and the person signs in again with the new password.
import { recordAudit } from '../../../kernel/audit.js';
import { newPasswordErrors, type NewPasswordErrors } from '../domain/password-rules.js';
import { queueMail } from '../../../kernel/mail/index.js';
import { passwordChangedMail } from '../admin-mail.js';
import { revokeTokensWithCredentials } from '../api-tokens.js';
import { consumeLink } from '../links.js';
import { hashPassword } from '../passwords.js';
import { endSessionsOf } from '../sessions.js';
import { clearAccountThrottle } from '../throttle.js';
import { openLink, type LinkProblem, type NewPassword } from './accept-invitation.js';
import { auditActorOf, type AuthAccount, type AuthDeps } from './sign-in.js';

export type ResetPasswordResult =
  | { outcome: 'reset'; sessionsEnded: number }
  | { outcome: 'invalid'; errors: NewPasswordErrors; account: AuthAccount }
  | { outcome: 'link'; reason: LinkProblem };

export async function resetPassword(deps: AuthDeps, token: string, input: NewPassword): Promise<ResetPasswordResult> {
  const { db, clock } = deps;
  const link = await openLink(db, clock, token, 'password_reset');
  if (!link.ok) return { outcome: 'link', reason: link.reason };
  const account = link.account;
  const errors = newPasswordErrors(input.password, input.confirmation, account.email);
  if (Object.keys(errors).length > 0) return { outcome: 'invalid', errors, account };
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx): Promise<ResetPasswordResult> => {
    const used = await consumeLink(trx, clock, token, 'password_reset');
    if (!used.ok) return { outcome: 'link', reason: used.reason };
    await trx
      .updateTable('identity.accounts')
      .set({ password_hash: passwordHash, password_changed_at: clock.now() })
      .where('id', '=', account.id)
      .execute();
    const sessionsEnded = await endSessionsOf(trx, clock, account.id);
    await clearAccountThrottle(trx, account.email);
    const tokensRevoked = await revokeTokensWithCredentials(trx, clock, {
      actor: auditActorOf(account),
      accountId: account.id,
      mission: account.organisation,
      because: 'password_reset',
    });
    await queueMail(
      trx,
      clock,
      passwordChangedMail({
        to: account.email,
        name: account.display_name,
        how: 'reset',
        tokensRevoked,
        helpUrl: `${deps.settings.publicUrl}/password/forgot`,
      }),
    );
    await recordAudit(trx, clock, {
      action: 'auth.password_reset',
      actor: auditActorOf(account),
      subject: { type: 'account', id: account.id },
      data: { mission: account.organisation, sessionsEnded },
    });
    return { outcome: 'reset', sessionsEnded };
  });
}
