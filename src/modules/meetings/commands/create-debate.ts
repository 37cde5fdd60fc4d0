// Creates a debate with its briefers and contacts, and its audit entry, in one transaction.
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import { endOfDayIn, zonedTimeToUtc } from '../../../kernel/dates.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { createDebateInput, type CreateDebateInput } from '../domain/debate-input.js';

export async function createDebate(trx: Transaction, clock: Clock, actor: AuditActor, raw: CreateDebateInput): Promise<{ id: string; slug: string }> {
  const input = createDebateInput.parse(raw);
  const id = randomUUID();
  const now = clock.now();
  const startsAt = zonedTimeToUtc(input.startsAt, input.timeZone);
  const deadline = input.submissionDeadline ? zonedTimeToUtc(input.submissionDeadline, input.timeZone) : endOfDayIn(input.startsAt.slice(0, 10), input.timeZone);

  await trx
    .insertInto('meetings.debates')
    .values({
      id,
      slug: input.slug,
      body: input.body,
      agenda_item: input.agendaItem,
      theme: input.theme,
      starts_at: startsAt,
      time_zone: input.timeZone,
      format: input.format,
      presiding_state: input.presidingState,
      chair_name: input.chairName,
      chair_function: input.chairFunction,
      concept_note: JSON.stringify(input.conceptNote),
      guidance_note: JSON.stringify(input.guidanceNote),
      word_guidance: input.wordGuidance,
      submissions_open_at: zonedTimeToUtc(input.submissionsOpenAt, input.timeZone),
      submission_deadline: deadline,
      letter_date: input.letterDate ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (input.briefers.length > 0) {
    await trx
      .insertInto('meetings.briefers')
      .values(input.briefers.map((b, i) => ({ debate_id: id, position: i + 1, name: b.name, function: b.function, to_be_confirmed: b.toBeConfirmed })))
      .execute();
  }
  await trx
    .insertInto('meetings.contacts')
    .values(input.contacts.map((c, i) => ({ debate_id: id, position: i + 1, purpose: c.purpose, unit: c.unit, phone: c.phone, email: c.email })))
    .execute();
  await recordAudit(trx, clock, {
    action: 'debate.created',
    actor,
    subject: { type: 'debate', id },
    data: { slug: input.slug, theme: input.theme },
  });
  return { id, slug: input.slug };
}
