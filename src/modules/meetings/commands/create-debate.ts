// Creates a debate with its briefers, contacts and submission window, and its audit entry, in one transaction.
// Everything is validated before the first write (times that do not exist in the debate's zone, a deadline before
// the opening, a modification deadline before the deadline, an over-long theme, a month the Council data does not
// cover), so a refusal leaves nothing behind. The presiding State is not typed: it is the State presiding the
// Council in the meeting's month.
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { isUniqueViolation, parseInput } from '../../../kernel/validation.js';
import { createDebateInput, debateInstants, type CreateDebateInput, type DebateInput } from '../domain/debate-input.js';
import { loadCouncil } from '../db.js';
import { scheduleReminder } from '../reminders.js';
import { presidingStateFor, type Scheduler } from './debate-scope.js';

/** The debate's columns from validated input and its presiding State (everything but identity and bookkeeping). */
export function debateColumns(input: Omit<DebateInput, 'slug'>, presidingState: string) {
  const times = debateInstants(input);
  return {
    body: input.body,
    agenda_item: input.agendaItem,
    theme: input.theme,
    starts_at: times.startsAt,
    time_zone: input.timeZone,
    format: input.format,
    presiding_state: presidingState,
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
    letter_sender_title: input.letterSenderTitle,
    letter_signed_by: input.letterSignedBy,
    letter_signature_lines: input.letterSignatureLines,
    letter_original: input.letterOriginal,
    concept_note_original: input.conceptNoteOriginal,
    reminder_hours: input.reminderHours,
  };
}

/** Briefers and contacts, numbered in the order given. */
export async function insertDebateLists(trx: Transaction, id: string, input: Pick<DebateInput, 'briefers' | 'contacts'>): Promise<void> {
  if (input.briefers.length > 0) {
    await trx
      .insertInto('meetings.briefers')
      .values(
        input.briefers.map((b, i) => ({
          debate_id: id,
          position: i + 1,
          name: b.name,
          function: b.function,
          to_be_confirmed: b.toBeConfirmed,
        })),
      )
      .execute();
  }
  await trx
    .insertInto('meetings.contacts')
    .values(
      input.contacts.map((c, i) => ({ debate_id: id, position: i + 1, purpose: c.purpose, unit: c.unit, phone: c.phone, email: c.email })),
    )
    .execute();
}

/**
 * Refuses bad input with `input.invalid` (the detail lists each problem with its field, in words a person can act
 * on), a taken address with `debate.slug_taken`, a month without Council data with `debate.no_council_data`, and a
 * presidency scheduling outside its month with `debate.outside_presidency`.
 */
export async function createDebate(
  trx: Transaction,
  clock: Clock,
  actor: AuditActor,
  raw: CreateDebateInput,
  scheduler: Scheduler = { kind: 'secretariat' },
): Promise<{ id: string; slug: string }> {
  const input = parseInput(createDebateInput, raw);
  const presidingState = presidingStateFor(await loadCouncil(trx), scheduler, input);
  const id = randomUUID();
  const now = clock.now();
  const taken = await trx.selectFrom('meetings.debates').select('id').where('slug', '=', input.slug).executeTakeFirst();
  if (taken) throw new AppError('debate.slug_taken', { detail: input.slug });
  try {
    await trx
      .insertInto('meetings.debates')
      .values({
        id,
        slug: input.slug,
        ...debateColumns(input, presidingState),
        created_at: now,
        updated_at: now,
        created_by: actor.id,
        updated_by: actor.id,
      })
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('debate.slug_taken', { detail: input.slug });
    throw err;
  }
  await insertDebateLists(trx, id, input);
  await scheduleReminder(trx, clock, id);
  await recordAudit(trx, clock, {
    action: 'debate.created',
    actor,
    subject: { type: 'debate', id },
    data: { slug: input.slug, theme: input.theme },
  });
  return { id, slug: input.slug };
}
