// A focal point records an authorised signatory of their mission: who may sign its cover letters, from when
// (and until when, if known).
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../kernel/audit.js';
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { findMission } from '../db.js';
import { signatoryTitleProblem } from '../domain/signatories.js';
import { MISSION_MANAGE_SIGNATORIES } from '../policies.js';
import { parseInput } from '../../../kernel/validation.js';
import { addSignatoryInput, type AddSignatoryInput } from './signatory-input.js';

export async function addSignatory(trx: Transaction, clock: Clock, by: Acting, raw: AddSignatoryInput): Promise<{ id: string }> {
  const input = parseInput(addSignatoryInput, raw);
  if (!allows(by.actor, MISSION_MANAGE_SIGNATORIES, input.mission)) throw new AppError('auth.forbidden');
  const mission = await findMission(trx, input.mission);
  if (!mission) throw new AppError('mission.not_found');
  const problem = signatoryTitleProblem(mission.organisation_kind, input.title);
  if (problem) throw new AppError('input.invalid', { detail: `title: ${problem}` });
  const id = randomUUID();
  await trx
    .insertInto('delegations.signatories')
    .values({
      id,
      mission: mission.code,
      name: input.name,
      title: input.title,
      from_date: input.fromDate,
      to_date: input.toDate,
      created_at: clock.now(),
      created_by: by.actor.id,
      removed_at: null,
    })
    .execute();
  await recordAudit(trx, clock, {
    action: 'signatory.added',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'signatory', id },
    data: { mission: mission.code, fromDate: input.fromDate, toDate: input.toDate },
  });
  return { id };
}
