// Tables of the meeting's speakers (schema `statements`): the briefers, the Council members and the non-members who
// spoke live, in speaking order, each with the texts received for it. The only queries on these tables.
import type { Selectable } from 'kysely';
import type { Database, Transaction } from '../../kernel/db/database.js';
import type { SpeakerKind, SpeakersTable, SpeakerTextsTable } from './tables.js';

export type { SpeakerKind, SpeakersTable, SpeakerTextsTable } from './tables.js';

export const SPEAKER_KINDS: readonly SpeakerKind[] = ['briefer', 'council', 'live'];

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

/** Every speaker of a debate, removed ones included, with the name in its current text: what a compilation compares. */
export async function speakerStandings(
  db: Queryable,
  debateId: string,
): Promise<Array<Pick<SpeakerRow, 'id' | 'delegation' | 'current_text' | 'removed_at'> & { speaker_name: string }>> {
  return db
    .selectFrom('statements.speakers as s')
    .innerJoin('statements.speaker_texts as t', 't.id', 's.current_text')
    .select(['s.id', 's.delegation', 's.current_text', 's.removed_at', 't.speaker_name'])
    .where('s.debate_id', '=', debateId)
    .execute();
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
