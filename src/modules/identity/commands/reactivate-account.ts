// Reactivation: the account may sign in again with its password (and two-step verification); links sent before
// the deactivation stay void, so someone who never accepted their invitation needs a new one.
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import type { Acting } from '../../../kernel/authz.js';
import { auditActorOf } from '../people.js';
import { accountTarget, loadManagedAccount, type AccountTarget } from './admin-scope.js';

export async function reactivateAccount(trx: Transaction, clock: Clock, by: Acting, raw: AccountTarget): Promise<void> {
  const target = parseInput(accountTarget, raw);
  const account = await loadManagedAccount(trx, by, target, { focalPoint: true, helpdesk: true });
  if (account.id === by.actor.id) throw new AppError('account.self');
  if (account.disabledAt === null) throw new AppError('account.already_active');
  await trx.updateTable('identity.accounts').set({ disabled_at: null }).where('id', '=', account.id).execute();
  await recordAudit(trx, clock, {
    action: 'account.reactivated',
    actor: auditActorOf(by),
    subject: { type: 'account', id: account.id },
    data: { mission: account.mission },
  });
}
