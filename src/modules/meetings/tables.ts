// The tables of the meetings module (schema `meetings`), as Kysely sees them: the types only, no queries (./db.ts).
import { type ColumnType, type Generated } from 'kysely';
import type { OfficialLanguage } from '../../kernel/i18n/languages.js';
import type { SenderTitle } from './domain/announcement-letter.js';
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
  /** The last instant on time (inclusive). */
  submission_deadline: Timestamp;
  /** The last instant to replace or withdraw a statement (at or after the deadline); null: the deadline. */
  modification_deadline: Timestamp | null;
  /** Minutes every delegation gets after each deadline, 0 to 1440. */
  grace_minutes: Generated<number>;
  /** 'YYYY-MM-DD' */
  letter_date: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Raised by every edit; an edit names the version it started from. */
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  letter_sender_title: Generated<SenderTitle>;
  /** Who signs the announcement letter; null: the chair. */
  letter_signed_by: string | null;
  /** The signer's function, a printed line each; empty: generated from the sender's title. */
  letter_signature_lines: Generated<string[]>;
  letter_original: Generated<OfficialLanguage>;
  concept_note_original: Generated<OfficialLanguage>;
  /** Hours before the deadline at which delegations that have not submitted are reminded; null: none. */
  reminder_hours: number | null;
}

/** A mission the Secretariat allows to submit beyond the default (the States not on the Council that day). */
export interface EligibleEntitiesTable {
  debate_id: string;
  delegation: string;
  added_at: Timestamp;
  added_by: string | null;
}

/** One reminder per delegation per deadline. */
export interface RemindersSentTable {
  debate_id: string;
  delegation: string;
  deadline: Timestamp;
  sent_at: Timestamp;
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

/** A delegation allowed to submit late, with the Secretariat's reason. Revoking keeps the row. */
export interface LateGrantsTable {
  id: string;
  debate_id: string;
  /** The mission's code (delegations.missions). */
  delegation: string;
  /** The last instant at which the delegation may act (inclusive). */
  until: Timestamp;
  reason: string;
  granted_at: Timestamp;
  granted_by: string;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

/** A seat on the Security Council: an elected member's term, or a permanent seat (no end). */
export interface CouncilTermsTable {
  iso3: string;
  /** 'YYYY-MM-DD' */
  starts_on: string;
  /** 'YYYY-MM-DD', inclusive; null for a permanent seat. */
  ends_on: string | null;
  /** Filled from the reference file at start, or added by the Secretariat. */
  source: 'reference' | 'secretariat';
  recorded_at: Timestamp;
  recorded_by: string | null;
}

/** The member presiding the Security Council in a month. */
export interface CouncilPresidenciesTable {
  /** 'YYYY-MM' */
  month: string;
  iso3: string;
  source: 'reference' | 'secretariat';
  recorded_at: Timestamp;
  recorded_by: string | null;
}

export interface MeetingsTables {
  'meetings.debates': DebatesTable;
  'meetings.council_terms': CouncilTermsTable;
  'meetings.council_presidencies': CouncilPresidenciesTable;
  'meetings.briefers': BriefersTable;
  'meetings.contacts': ContactsTable;
  'meetings.late_grants': LateGrantsTable;
  'meetings.eligible_entities': EligibleEntitiesTable;
  'meetings.reminders_sent': RemindersSentTable;
}
