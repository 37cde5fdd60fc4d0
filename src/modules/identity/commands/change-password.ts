// Changing one's password from the account page: the current password first (a borrowed, signed-in browser is
// not enough), then the new one twice. Every other session of the account ends, and its API tokens are revoked;
// this session goes on.
import { recordAudit } from '../../../kernel/audit.js';
import { newPasswordErrors, type NewPasswordErrors } from '../domain/password-rules.js';
import { queueMail } from '../../../kernel/mail/index.js';
import { passwordChangedMail } from '../admin-mail.js';
import { revokeTokensWithCredentials } from '../api-tokens.js';
import { hashPassword } from '../passwords.js';
import { endSessionsOf } from '../sessions.js';
import { settleAttempt, throttleKeys } from '../throttle.js';
import {
  attempt,
  auditActorOf,
  findAccountById,
  recordFailedAttempt,
  type AuthAccount,
  type AuthDeps,
  type RequestMeta,
} from './sign-in.js';

/** `locked`: minutes before another try (a lock, or the account-wide spacing rounded up), or null for a plain refusal. */
export type CurrentPasswordCheck = { ok: true; account: AuthAccount } | { ok: false; locked: number | null };

/**
 * Checks the password of a signed-in account before a sensitive change. The attempt is reserved and throttled like
 * a sign-in, and a wrong password counts as a failed sign-in, so a stolen session cannot be used to guess the
 * password at leisure. The person is signed in, so the check goes ahead of visitors' at the password gate.
 */
export async function checkCurrentPassword(
  deps: AuthDeps,
  accountId: string,
  password: string,
  meta: RequestMeta,
): Promise<CurrentPasswordCheck> {
  const { db, clock } = deps;
  const account = await findAccountById(db, accountId);
  if (!account || account.password_hash === null) return { ok: false, locked: null };
  const stored = account.password_hash;
  const keys = throttleKeys(account.email, meta.address);
  const checked = await attempt(deps, keys, { knownDevice: true, priority: 'high' }, (verify) => verify(stored, password));
  if (!checked.admitted)
    return { ok: false, locked: checked.refusal.outcome === 'locked' ? checked.refusal.minutes : Math.ceil(checked.refusal.seconds / 60) };
  if (checked.value) {
    await db.transaction().execute((trx) => settleAttempt(trx, keys, 'success', clock.now()));
    return { ok: true, account };
  }
  const locked = await db.transaction().execute((trx) => recordFailedAttempt(trx, clock, keys, account, 'wrong_password'));
  return { ok: false, locked };
}

export interface ChangePasswordInput {
  current: string;
  password: string;
  confirmation: string;
}

export type ChangePasswordResult =
  | { outcome: 'changed'; sessionsEnded: number; tokensRevoked: number }
  | { outcome: 'invalid'; errors: NewPasswordErrors & { current?: string } }
  | { outcome: 'locked'; minutes: number };

export async function changePassword(
  deps: AuthDeps,
  session: { accountId: string; sessionId: string },
  input: ChangePasswordInput,
  meta: RequestMeta,
): Promise<ChangePasswordResult> {
  const { db, clock } = deps;
  const account = await findAccountById(db, session.accountId);
  if (!account) return { outcome: 'invalid', errors: { current: 'Your current password is not right.' } };
  // The new password is checked first: a typo in the confirmation should not cost a sign-in attempt.
  const errors = newPasswordErrors(input.password, input.confirmation, account.email, input.current);
  if (input.current === '') return { outcome: 'invalid', errors: { current: 'Enter your current password.', ...errors } };
  if (Object.keys(errors).length > 0) return { outcome: 'invalid', errors };
  const check = await checkCurrentPassword(deps, session.accountId, input.current, meta);
  if (!check.ok) {
    if (check.locked !== null) return { outcome: 'locked', minutes: check.locked };
    return { outcome: 'invalid', errors: { current: 'Your current password is not right.' } };
  }
  const passwordHash = await hashPassword(input.password, { priority: 'high' });
  return db.transaction().execute(async (trx): Promise<ChangePasswordResult> => {
    await trx
      .updateTable('identity.accounts')
      .set({ password_hash: passwordHash, password_changed_at: clock.now() })
      .where('id', '=', account.id)
      .execute();
    const sessionsEnded = await endSessionsOf(trx, clock, account.id, session.sessionId);
    const tokensRevoked = await revokeTokensWithCredentials(trx, clock, {
      actor: auditActorOf(account),
      accountId: account.id,
      mission: account.organisation,
      because: 'password_changed',
    });
    await queueMail(
      trx,
      clock,
      passwordChangedMail({
        to: account.email,
        name: account.display_name,
        how: 'changed',
        tokensRevoked,
        helpUrl: `${deps.settings.publicUrl}/password/forgot`,
      }),
    );
    await recordAudit(trx, clock, {
      action: 'auth.password_changed',
      actor: auditActorOf(account),
      subject: { type: 'account', id: account.id },
      data: { mission: account.organisation, sessionsEnded },
    });
    return { outcome: 'changed', sessionsEnded, tokensRevoked };
  });
}
