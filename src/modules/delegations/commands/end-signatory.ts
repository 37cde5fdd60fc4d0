// A signatory's authority ends (a new Permanent Representative arrives, a chargé d'affaires hands back): the
// entry stays, with its last day, so letters signed before it still check out.
import { recordAudit } from '../../../kernel/audit.js';
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { findSignatory } from '../db.js';
import { MISSION_MANAGE_SIGNATORIES } from '../policies.js';
import { parseInput, UUID } from '../../../kernel/validation.js';
import { endSignatoryInput, type EndSignatoryInput } from './signatory-input.js';

export async function endSignatory(trx: Transaction, clock: Clock, by: Acting, raw: EndSignatoryInput): Promise<void> {
  const input = parseInput(endSignatoryInput, raw);
  if (!allows(by.actor, MISSION_MANAGE_SIGNATORIES, input.mission)) throw new AppError('auth.forbidden');
  if (!UUID.test(input.signatoryId)) throw new AppError('signatory.not_found');
  const signatory = await findSignatory(trx, input.mission, input.signatoryId, { forUpdate: true });
  if (!signatory) throw new AppError('signatory.not_found');
  if (signatory.to_date !== null) throw new AppError('signatory.already_ended');
  if (input.toDate < signatory.from_date) throw new AppError('signatory.end_before_start');
  await trx.updateTable('delegations.signatories').set({ to_date: input.toDate }).where('id', '=', signatory.id).execute();
  await recordAudit(trx, clock, {
    action: 'signatory.ended',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'signatory', id: signatory.id },
    data: { mission: signatory.mission, toDate: input.toDate },
  });
}
