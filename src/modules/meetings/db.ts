// Tables of the meetings module (schema `meetings`).
import type { ColumnType, Generated, Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database, Transaction } from '../../kernel/db/database.js';
import type { ConceptNote, GuidanceNote } from './domain/debate.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type MeetingFormat = 'in_person' | 'videoconference' | 'hybrid';

export interface DebatesTable {
  id: string;
  slug: string;
  body: 'security_council';
  kind: Generated<'open_debate'>;
  agenda_item: string;
  theme: string;
  starts_at: Timestamp;
  time_zone: Generated<string>;
  format: MeetingFormat;
  presiding_state: string;
  chair_name: string;
  chair_function: string;
  concept_note: Json<ConceptNote>;
  guidance_note: Json<GuidanceNote>;
  word_guidance: Generated<number>;
  submissions_open_at: Timestamp;
  submission_deadline: Timestamp;
  /** 'YYYY-MM-DD' */
  letter_date: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BriefersTable {
  debate_id: string;
  position: number;
  name: string | null;
  function: string;
  to_be_confirmed: Generated<boolean>;
}

export interface ContactsTable {
  debate_id: string;
  position: number;
  purpose: 'technical' | 'substantive';
  unit: string;
  phone: string | null;
  email: string | null;
}

export interface MeetingsTables {
  'meetings.debates': DebatesTable;
  'meetings.briefers': BriefersTable;
  'meetings.contacts': ContactsTable;
}

// ---- Queries: the only code that reads these tables. ----

export type DebateRow = Selectable<DebatesTable>;
export type BrieferRow = Selectable<BriefersTable>;
export type ContactRow = Selectable<ContactsTable>;

export interface DebateRecord extends DebateRow {
  briefers: BrieferRow[];
  contacts: ContactRow[];
}

/** One debate with its briefers and contacts, in one round trip (the page is read far more than written). */
export async function findDebateBySlug(db: Database | Transaction, slug: string): Promise<DebateRecord | undefined> {
  return db
    .selectFrom('meetings.debates as d')
    .selectAll('d')
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom('meetings.briefers as b').selectAll('b').whereRef('b.debate_id', '=', 'd.id').orderBy('b.position')).as('briefers'),
      jsonArrayFrom(eb.selectFrom('meetings.contacts as c').selectAll('c').whereRef('c.debate_id', '=', 'd.id').orderBy('c.position')).as('contacts'),
    ])
    .where('d.slug', '=', slug)
    .executeTakeFirst();
}

export type DebateSummary = Pick<DebateRow, 'id' | 'slug' | 'body' | 'theme' | 'starts_at' | 'time_zone' | 'format' | 'presiding_state' | 'submission_deadline' | 'submissions_open_at'>;

/** Every debate, the most recent meeting first. */
export async function listDebates(db: Database, limit = 200): Promise<DebateSummary[]> {
  return db
    .selectFrom('meetings.debates')
    .select(['id', 'slug', 'body', 'theme', 'starts_at', 'time_zone', 'format', 'presiding_state', 'submission_deadline', 'submissions_open_at'])
    .orderBy('starts_at', 'desc')
    .limit(limit)
    .execute();
}
