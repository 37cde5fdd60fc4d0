// A mission's focal point takes module access away. The grant row is kept with who revoked it and when; the
// person's next request is refused because sessions read grants live (sessions.ts), and the person's API tokens that
// hold the module's scopes are revoked.
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import type { Acting } from '../../../kernel/authz.js';
import { auditActorOf } from '../people.js';
import { revokeTokensWithCredentials, scopesOfModule } from '../api-tokens.js';
import { loadManagedAccount } from './admin-scope.js';
import { moduleInput, type ModuleInput } from './grant-module.js';

export async function revokeModule(trx: Transaction, clock: Clock, by: Acting, raw: ModuleInput): Promise<void> {
  const input = parseInput(moduleInput, raw);
  const account = await loadManagedAccount(trx, by, input, { focalPoint: true, helpdesk: false });
  if (account.mission === null) throw new AppError('account.not_found');
  const revoked = await trx
    .updateTable('identity.module_grants')
    .set({ revoked_at: clock.now(), revoked_by: by.actor.id })
    .where('account_id', '=', account.id)
    .where('module', '=', input.module)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (revoked.numUpdatedRows === 0n) throw new AppError('module.not_granted');
  // Tokens made to use the module stop working with the access, and do not come back if it is granted again.
  await revokeTokensWithCredentials(trx, clock, {
    actor: auditActorOf(by),
    accountId: account.id,
    mission: account.mission,
    because: 'module_revoked',
    scopes: scopesOfModule(input.module),
  });
  await recordAudit(trx, clock, {
    action: 'module.revoked',
    actor: auditActorOf(by),
    subject: { type: 'account', id: account.id },
    data: { mission: account.mission, module: input.module },
  });
}
