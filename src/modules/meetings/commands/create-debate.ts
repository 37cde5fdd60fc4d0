// Creates a debate with its briefers, contacts and submission window, and its audit entry, in one transaction.
// Everything is validated before the first write (times that do not exist in the debate's zone, a deadline before
// the opening, a modification deadline before the deadline), so a refusal leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { parseInput } from '../../delegations/index.js';
import { createDebateInput, debateInstants, type CreateDebateInput } from '../domain/debate-input.js';

/** Refuses bad input with `input.invalid`; the detail lists each problem with its field, in words a person can act on. */
export async function createDebate(trx: Transaction, clock: Clock, actor: AuditActor, raw: CreateDebateInput): Promise<{ id: string; slug: string }> {
  const input = parseInput(createDebateInput, raw);
  const id = randomUUID();
  const now = clock.now();
  const times = debateInstants(input);

  await trx
    .insertInto('meetings.debates')
    .values({
      id,
      slug: input.slug,
      body: input.body,
      agenda_item: input.agendaItem,
      theme: input.theme,
      starts_at: times.startsAt,
      time_zone: input.timeZone,
      format: input.format,
      presiding_state: input.presidingState,
      chair_name: input.chairName,
      chair_function: input.chairFunction,
      concept_note: JSON.stringify(input.conceptNote),
      guidance_note: JSON.stringify(input.guidanceNote),
      word_guidance: input.wordGuidance,
      submissions_open_at: times.submissionsOpenAt,
      submission_deadline: times.submissionDeadline,
      modification_deadline: times.modificationDeadline,
      grace_minutes: input.graceMinutes,
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
