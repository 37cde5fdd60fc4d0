// Puts an existing account back to a known state with a new password: enabled, two-step verification to enrol
// again, every session ended, every link voided and every API token revoked. Used to reload the demonstration
// accounts; nothing that refers to the account (grants, history, what it created) is touched.
import { recordAudit, type AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { revokeApiTokensOf } from '../api-tokens.js';
import { removeMfa } from '../mfa.js';
import { hashPassword } from '../passwords.js';
import { endSessionsOf } from '../sessions.js';

export async function resetCredentials(
  trx: Transaction,
  clock: Clock,
  actor: AuditActor,
  accountId: string,
  password: string,
): Promise<void> {
  const now = clock.now();
  const account = await trx
    .updateTable('identity.accounts')
    .set({ password_hash: await hashPassword(password), password_changed_at: now, disabled_at: null })
    .where('id', '=', accountId)
    .returning(['organisation'])
    .executeTakeFirstOrThrow();
  await removeMfa(trx, accountId);
  await endSessionsOf(trx, clock, accountId);
  await trx.updateTable('identity.links').set({ used_at: now }).where('account_id', '=', accountId).where('used_at', 'is', null).execute();
  await revokeApiTokensOf(trx, clock, accountId);
  await recordAudit(trx, clock, {
    action: 'account.credentials_reset',
    actor,
    subject: { type: 'account', id: accountId },
    data: { mission: account.organisation },
  });
}
