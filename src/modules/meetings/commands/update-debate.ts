// Changes a debate. The editor names the version they started from: if someone saved in between, nothing is
// written and they are told to reload (two officers editing the same concept note must not overwrite each other
// silently). Briefers and contacts are replaced as lists. The audit entry names the fields that changed.
import { recordAudit, type AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { findDebateBySlug, loadCouncil } from '../db.js';
import { updateDebateInput, type UpdateDebateInput } from '../domain/debate-input.js';
import { debateColumns, insertDebateLists } from './create-debate.js';
import { scheduleReminder } from '../reminders.js';
import { presidesOver, presidingStateFor, type Scheduler } from './debate-scope.js';

/** Column name → the field name the audit entry uses. */
const FIELD_OF_COLUMN: Record<string, string> = {
  agenda_item: 'agendaItem',
  theme: 'theme',
  starts_at: 'startsAt',
  time_zone: 'timeZone',
  format: 'format',
  presiding_state: 'presidingState',
  chair_name: 'chairName',
  chair_function: 'chairFunction',
  concept_note: 'conceptNote',
  guidance_note: 'guidanceNote',
  word_guidance: 'wordGuidance',
  submissions_open_at: 'submissionsOpenAt',
  submission_deadline: 'submissionDeadline',
  modification_deadline: 'modificationDeadline',
  grace_minutes: 'graceMinutes',
  letter_date: 'letterDate',
  letter_sender_title: 'letterSenderTitle',
  letter_signed_by: 'letterSignedBy',
  letter_signature_lines: 'letterSignatureLines',
  letter_original: 'letterOriginal',
  concept_note_original: 'conceptNoteOriginal',
  reminder_hours: 'reminderHours',
};

/** A value as text that is equal for equal values: dates as instants, objects with their keys sorted (jsonb reorders them). */
function comparable(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  return JSON.stringify(sorted(value ?? null));
}

export async function updateDebate(
  trx: Transaction,
  clock: Clock,
  actor: AuditActor,
  slug: string,
  raw: UpdateDebateInput,
  scheduler: Scheduler = { kind: 'secretariat' },
): Promise<{ id: string; version: number; fields: string[] }> {
  const input = parseInput(updateDebateInput, raw);
  const locked = await trx.selectFrom('meetings.debates').select(['id', 'version']).where('slug', '=', slug).forUpdate().executeTakeFirst();
  if (!locked) throw new AppError('debate.not_found', { detail: slug });
  const current = await findDebateBySlug(trx, slug);
  if (!current) throw new AppError('debate.not_found', { detail: slug });
  const council = await loadCouncil(trx);
  if (!presidesOver(council, scheduler, current))
    throw new AppError('debate.outside_presidency', { detail: `the debate ${slug} is outside the presidency's month` });
  const presidingState = presidingStateFor(council, scheduler, input);
  if (locked.version !== input.version)
    throw new AppError('debate.changed_meanwhile', { detail: `${slug}: edited from version ${input.version}, now ${locked.version}` });

  const columns = debateColumns(input, presidingState);
  const fields = Object.entries(columns)
    .filter(
      ([column, value]) =>
        comparable((current as unknown as Record<string, unknown>)[column]) !==
        comparable(column === 'concept_note' || column === 'guidance_note' ? JSON.parse(value as string) : value),
    )
    .map(([column]) => FIELD_OF_COLUMN[column] ?? column);
  const lists = (rows: object[]) => JSON.stringify(rows);
  const briefersBefore = lists(current.briefers.map((b) => ({ name: b.name, function: b.function, toBeConfirmed: b.to_be_confirmed })));
  const contactsBefore = lists(current.contacts.map((c) => ({ purpose: c.purpose, unit: c.unit, phone: c.phone, email: c.email })));
  if (briefersBefore !== lists(input.briefers.map((b) => ({ name: b.name, function: b.function, toBeConfirmed: b.toBeConfirmed }))))
    fields.push('briefers');
  if (contactsBefore !== lists(input.contacts.map((c) => ({ purpose: c.purpose, unit: c.unit, phone: c.phone, email: c.email }))))
    fields.push('contacts');

  const version = locked.version + 1;
  await trx
    .updateTable('meetings.debates')
    .set({ ...columns, version, updated_at: clock.now(), updated_by: actor.id })
    .where('id', '=', locked.id)
    .execute();
  await trx.deleteFrom('meetings.briefers').where('debate_id', '=', locked.id).execute();
  await trx.deleteFrom('meetings.contacts').where('debate_id', '=', locked.id).execute();
  await insertDebateLists(trx, locked.id, input);
  if (fields.includes('submissionDeadline') || fields.includes('reminderHours')) await scheduleReminder(trx, clock, locked.id);
  await recordAudit(trx, clock, {
    action: 'debate.updated',
    actor,
    subject: { type: 'debate', id: locked.id },
    data: { slug, version, fields },
  });
  return { id: locked.id, version, fields };
}
