// Removes a signatory entered by mistake. The row stays (removed_at), so the audit trail can still name it;
// ending an authority that was real is `endSignatory`.
import { recordAudit } from '../../../kernel/audit.js';
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { findSignatory } from '../db.js';
import { MISSION_MANAGE_SIGNATORIES } from '../policies.js';
import { parseInput, UUID } from '../../../kernel/validation.js';
import { removeSignatoryInput, type RemoveSignatoryInput } from './signatory-input.js';

export async function removeSignatory(trx: Transaction, clock: Clock, by: Acting, raw: RemoveSignatoryInput): Promise<void> {
  const input = parseInput(removeSignatoryInput, raw);
  if (!allows(by.actor, MISSION_MANAGE_SIGNATORIES, input.mission)) throw new AppError('auth.forbidden');
  if (!UUID.test(input.signatoryId)) throw new AppError('signatory.not_found');
  const signatory = await findSignatory(trx, input.mission, input.signatoryId, { forUpdate: true });
  if (!signatory) throw new AppError('signatory.not_found');
  await trx.updateTable('delegations.signatories').set({ removed_at: clock.now() }).where('id', '=', signatory.id).execute();
  await recordAudit(trx, clock, {
    action: 'signatory.removed',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'signatory', id: signatory.id },
    data: { mission: signatory.mission },
  });
}
