// Tables of the meeting's speakers (schema `statements`): the briefers, the Council members and the non-members who
// spoke live, in speaking order, each with the texts received for it. The only queries on these tables.
import type { ColumnType, Selectable } from 'kysely';
import type { Database, Transaction } from '../../kernel/db/database.js';
import type { CleanReport } from '../../kernel/ooxml/clean.js';
import type { OfficialLanguage } from '../../kernel/i18n/languages.js';
import type { Warning } from './db.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type SpeakerKind = 'briefer' | 'council' | 'live';
export const SPEAKER_KINDS: readonly SpeakerKind[] = ['briefer', 'council', 'live'];

/** One speaker of a debate's meeting and its place in the speaking order. */
export interface SpeakersTable {
  id: string;
  debate_id: string;
  kind: SpeakerKind;
  /** 1, 2, 3... in the order they spoke; renumbered by every change of the order. */
  position: number;
  /** The announced briefer (meetings.briefers.position) the record started from, if any. */
  briefer_position: number | null;
  /** The mission's code, for a Council member or a live speaker; null for a briefer. */
  delegation: string | null;
  current_text: string;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  removed_at: Timestamp | null;
  removed_by: string | null;
}

/** A text received for a speaker, as received: never changed, never removed (a trigger refuses it). */
export interface SpeakerTextsTable {
  id: string;
  speaker_id: string;
  seq: number;
  /** The name and title as the person spoke. */
  speaker_name: string;
  speaker_title: string;
  original_language: OfficialLanguage;
  file_sha256: string;
  file_name: string;
  /**
   * The clean copy handed out instead of the file received, and what it left out; null for texts received before clean
   * copies were made.
   */
  file_clean_sha256: string | null;
  file_cleaned: Json<CleanReport> | null;
  words: number;
  warnings: Json<Warning[]>;
  /** The faithful content model read from the file by the statement checks. */
  content: Json<unknown> | null;
  via: 'secretariat' | 'delegation';
  created_at: Timestamp;
  created_by: string;
}

export interface SpeakersTables {
  'statements.speakers': SpeakersTable;
  'statements.speaker_texts': SpeakerTextsTable;
}

export type SpeakerRow = Selectable<SpeakersTable>;
export type SpeakerTextRow = Selectable<SpeakerTextsTable>;

/** A speaker with its current text. */
export interface SpeakerEntry {
  speaker: SpeakerRow;
  text: SpeakerTextRow;
}

type Queryable = Database | Transaction;

/** The debate's speakers (removed ones left out) in speaking order, each with its current text. */
export async function speakersOf(db: Queryable, debateId: string): Promise<SpeakerEntry[]> {
  const speakers = await db
    .selectFrom('statements.speakers')
    .selectAll()
    .where('debate_id', '=', debateId)
    .where('removed_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute();
  if (speakers.length === 0) return [];
  const texts = await db
    .selectFrom('statements.speaker_texts')
    .selectAll()
    .where(
      'id',
      'in',
      speakers.map((s) => s.current_text),
    )
    .execute();
  return speakers.flatMap((speaker) => {
    const text = texts.find((t) => t.id === speaker.current_text);
    return text ? [{ speaker, text }] : [];
  });
}

/** The positions of the announced briefers (meetings.briefers.position) whose briefing is among these speakers. */
export function briefedPositions(entries: readonly SpeakerEntry[]): Set<number> {
  return new Set(
    entries.flatMap((e) => (e.speaker.kind === 'briefer' && e.speaker.briefer_position !== null ? [e.speaker.briefer_position] : [])),
  );
}

/**
 * For each debate, the positions of the announced briefers (meetings.briefers.position) whose briefing is recorded: a
 * briefer speaker, not removed, recorded from the announced briefer. Debates with none are absent.
 */
export async function recordedBriefings(db: Queryable, debateIds: readonly string[]): Promise<Map<string, Set<number>>> {
  const out = new Map<string, Set<number>>();
  if (debateIds.length === 0) return out;
  const rows = await db
    .selectFrom('statements.speakers')
    .select(['debate_id', 'briefer_position'])
    .where('debate_id', 'in', [...debateIds])
    .where('kind', '=', 'briefer')
    .where('briefer_position', 'is not', null)
    .where('removed_at', 'is', null)
    .execute();
  for (const r of rows) out.set(r.debate_id, (out.get(r.debate_id) ?? new Set()).add(r.briefer_position!));
  return out;
}

/** The texts with these ids (a compilation run's frozen inputs). */
export async function speakerTextsById(db: Queryable, ids: readonly string[]): Promise<Map<string, SpeakerTextRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('statements.speaker_texts')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** One speaker of the debate (not removed), or undefined. */
export async function findSpeaker(db: Queryable, debateId: string, id: string): Promise<SpeakerRow | undefined> {
  return db
    .selectFrom('statements.speakers')
    .selectAll()
    .where('debate_id', '=', debateId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

/** The current speaker of a delegation in the debate, or undefined. */
export async function speakerOfDelegation(db: Queryable, debateId: string, delegation: string): Promise<SpeakerEntry | undefined> {
  const speaker = await db
    .selectFrom('statements.speakers')
    .selectAll()
    .where('debate_id', '=', debateId)
    .where('delegation', '=', delegation)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!speaker) return undefined;
  const text = await db.selectFrom('statements.speaker_texts').selectAll().where('id', '=', speaker.current_text).executeTakeFirstOrThrow();
  return { speaker, text };
}
