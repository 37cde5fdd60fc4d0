// The help desk lifts a sign-in lock: the failures counted for the account's e-mail address, account-wide and from
// each network address, are cleared, so the person may try again at once. Counts kept for network addresses alone
// are left as they are (they are not one person's).
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { parseInput } from '../../../kernel/validation.js';
import type { Acting } from '../../../kernel/authz.js';
import { auditActorOf } from '../people.js';
import { clearAccountThrottle } from '../throttle.js';
import { accountTarget, loadManagedAccount, type AccountTarget } from './admin-scope.js';

export async function unlockSignIn(trx: Transaction, clock: Clock, by: Acting, raw: AccountTarget): Promise<{ cleared: boolean }> {
  const target = parseInput(accountTarget, raw);
  const account = await loadManagedAccount(trx, by, target, { focalPoint: false, helpdesk: true });
  const cleared = (await clearAccountThrottle(trx, account.email)) > 0;
  await recordAudit(trx, clock, {
    action: 'signin.unlocked',
    actor: auditActorOf(by),
    subject: { type: 'account', id: account.id },
    data: { mission: account.mission, cleared },
  });
  return { cleared };
}
