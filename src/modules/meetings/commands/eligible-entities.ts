// The Secretariat lets a mission submit to a debate beyond the default (an entity, or a State the default leaves
// out, such as a Council member's own statement), or takes that back. Each is one row and one audit entry in the
// mission's trail.
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { isoDateIn } from '../../../kernel/dates.js';
import { parseInput } from '../../../kernel/validation.js';
import { findMission, MISSION_CODE } from '../../delegations/index.js';
import { loadCouncil } from '../db.js';
import { eligibleByDefault } from '../domain/eligibility.js';

export const eligibleEntityInput = z.strictObject({
  slug: z.string().min(1).max(120),
  mission: z.string().regex(MISSION_CODE, 'choose a delegation from the list'),
});
export type EligibleEntityInput = z.input<typeof eligibleEntityInput>;

async function lockDebate(trx: Transaction, slug: string) {
  const debate = await trx
    .selectFrom('meetings.debates')
    .select(['id', 'slug', 'starts_at', 'time_zone'])
    .where('slug', '=', slug)
    .forUpdate()
    .executeTakeFirst();
  if (!debate) throw new AppError('debate.not_found', { detail: slug });
  return debate;
}

export async function addEligibleEntity(trx: Transaction, clock: Clock, actor: AuditActor, raw: EligibleEntityInput): Promise<void> {
  const input = parseInput(eligibleEntityInput, raw);
  const debate = await lockDebate(trx, input.slug);
  if (!(await findMission(trx, input.mission))) throw new AppError('mission.not_found', { detail: input.mission });
  if (eligibleByDefault(await loadCouncil(trx), isoDateIn(debate.starts_at, debate.time_zone), input.mission))
    throw new AppError('entity.already_eligible', { detail: `${input.mission} by default` });
  const inserted = await trx
    .insertInto('meetings.eligible_entities')
    .values({ debate_id: debate.id, delegation: input.mission, added_at: clock.now(), added_by: actor.id })
    .onConflict((oc) => oc.columns(['debate_id', 'delegation']).doNothing())
    .returning('delegation')
    .executeTakeFirst();
  if (!inserted) throw new AppError('entity.already_eligible', { detail: `${input.mission} already added` });
  await recordAudit(trx, clock, {
    action: 'debate.entity_added',
    actor,
    subject: { type: 'debate', id: debate.id },
    data: { mission: input.mission, debate: debate.slug },
  });
}

export async function removeEligibleEntity(trx: Transaction, clock: Clock, actor: AuditActor, raw: EligibleEntityInput): Promise<void> {
  const input = parseInput(eligibleEntityInput, raw);
  const debate = await lockDebate(trx, input.slug);
  const removed = await trx
    .deleteFrom('meetings.eligible_entities')
    .where('debate_id', '=', debate.id)
    .where('delegation', '=', input.mission)
    .returning('delegation')
    .executeTakeFirst();
  if (!removed) throw new AppError('entity.not_added', { detail: input.mission });
  await recordAudit(trx, clock, {
    action: 'debate.entity_removed',
    actor,
    subject: { type: 'debate', id: debate.id },
    data: { mission: input.mission, debate: debate.slug },
  });
}
