// Deactivation: the account can no longer sign in, its sessions end now, links it was sent stop working and its
// API tokens are revoked (a program must be given a new token deliberately). Module grants and history stay,
// so reactivation gives the same person back the same access.
// The mission's focal points (for their own people) and the help desk (for anyone); never oneself.
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import type { Acting } from '../../../kernel/authz.js';
import { auditActorOf } from '../people.js';
import { revokeTokensWithCredentials } from '../api-tokens.js';
import { endSessionsOf } from '../sessions.js';
import { accountTarget, loadManagedAccount, type AccountTarget } from './admin-scope.js';

export async function deactivateAccount(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  raw: AccountTarget,
): Promise<{ sessionsEnded: number }> {
  const target = parseInput(accountTarget, raw);
  const account = await loadManagedAccount(trx, by, target, { focalPoint: true, helpdesk: true });
  if (account.id === by.actor.id) throw new AppError('account.self');
  if (account.disabledAt !== null) throw new AppError('account.already_deactivated');
  const now = clock.now();
  await trx.updateTable('identity.accounts').set({ disabled_at: now }).where('id', '=', account.id).execute();
  const sessionsEnded = await endSessionsOf(trx, clock, account.id);
  // An invitation or reset link still in someone's inbox must not bring the account back.
  await trx.updateTable('identity.links').set({ used_at: now }).where('account_id', '=', account.id).where('used_at', 'is', null).execute();
  await revokeTokensWithCredentials(trx, clock, {
    actor: auditActorOf(by),
    accountId: account.id,
    mission: account.mission,
    because: 'deactivated',
  });
  await recordAudit(trx, clock, {
    action: 'account.deactivated',
    actor: auditActorOf(by),
    subject: { type: 'account', id: account.id },
    data: { mission: account.mission, sessionsEnded },
  });
  return { sessionsEnded };
}
