// The help desk resets a lost second factor: the TOTP secret and the recovery codes go, every session ends, the API
// tokens are revoked (whoever has the phone may have made some), and
// the person sets two-step verification up again at their next sign-in if their role requires it. Never one's
// own: a help desk officer changes their own from the account page, with their current code.
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { queueMail } from '../../../kernel/mail/index.js';
import { parseInput } from '../../../kernel/validation.js';
import { mfaResetMail, type AdminMailSettings } from '../admin-mail.js';
import type { Acting } from '../../../kernel/authz.js';
import { auditActorOf } from '../people.js';
import { revokeTokensWithCredentials } from '../api-tokens.js';
import { endSessionsOf } from '../sessions.js';
import { accountTarget, loadManagedAccount, type AccountTarget } from './admin-scope.js';

export async function resetMfa(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  raw: AccountTarget,
  settings: AdminMailSettings,
): Promise<{ sessionsEnded: number }> {
  const target = parseInput(accountTarget, raw);
  const account = await loadManagedAccount(trx, by, target, { focalPoint: false, helpdesk: true });
  if (account.id === by.actor.id) throw new AppError('account.self');
  const mfa = await trx.deleteFrom('identity.mfa').where('account_id', '=', account.id).executeTakeFirst();
  const codes = await trx.deleteFrom('identity.recovery_codes').where('account_id', '=', account.id).executeTakeFirst();
  if (mfa.numDeletedRows === 0n && codes.numDeletedRows === 0n) throw new AppError('mfa.nothing_to_reset');
  const sessionsEnded = await endSessionsOf(trx, clock, account.id);
  await revokeTokensWithCredentials(trx, clock, {
    actor: auditActorOf(by),
    accountId: account.id,
    mission: account.mission,
    because: 'mfa_reset',
  });
  await queueMail(trx, clock, mfaResetMail({ to: account.email, name: account.displayName, signInUrl: `${settings.publicUrl}/sign-in` }));
  await recordAudit(trx, clock, {
    action: 'mfa.reset',
    actor: auditActorOf(by),
    subject: { type: 'account', id: account.id },
    data: { mission: account.mission, sessionsEnded },
  });
  return { sessionsEnded };
}
