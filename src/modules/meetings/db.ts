// Reads of the meetings module's tables (./tables.ts); writes and locking reads are inline in the commands that own the transaction.
import { sql, type Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database, Transaction } from '../../kernel/db/database.js';
import { AppError } from '../../kernel/errors.js';
import { councilData, type CouncilData } from './domain/council.js';
import type { SubmissionWindow } from './domain/submission-window.js';
import { windowOf } from './domain/window.js';
import type { DebatesTable, BriefersTable, ContactsTable, LateGrantsTable } from './tables.js';

export type {
  MeetingFormat,
  DebatesTable,
  EligibleEntitiesTable,
  RemindersSentTable,
  BriefersTable,
  ContactsTable,
  LateGrantsTable,
  CouncilTermsTable,
  CouncilPresidenciesTable,
  MeetingsTables,
} from './tables.js';

// ---- Queries: the only code that reads these tables. ----

export type DebateRow = Selectable<DebatesTable>;
export type BrieferRow = Selectable<BriefersTable>;
export type ContactRow = Selectable<ContactsTable>;
export type LateGrantRow = Selectable<LateGrantsTable>;

export interface DebateRecord extends DebateRow {
  briefers: BrieferRow[];
  contacts: ContactRow[];
}

/**
 * For each debate, the positions (meetings.briefers.position) of its announced briefers whose briefing is recorded.
 * What is recorded at the meeting is the statements module's knowledge: it is given to this module's pages, as the
 * reminders are given who has submitted, so this module does not read another module's tables.
 */
export type RecordedBriefings = (db: Database, debateIds: readonly string[]) => Promise<ReadonlyMap<string, ReadonlySet<number>>>;

/** Debates with their briefers and contacts, each debate in one row (the page is read far more than written). */
function debatesWithLists(db: Database | Transaction) {
  return db
    .selectFrom('meetings.debates as d')
    .selectAll('d')
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom('meetings.briefers as b').selectAll('b').whereRef('b.debate_id', '=', 'd.id').orderBy('b.position')).as(
        'briefers',
      ),
      jsonArrayFrom(eb.selectFrom('meetings.contacts as c').selectAll('c').whereRef('c.debate_id', '=', 'd.id').orderBy('c.position')).as(
        'contacts',
      ),
    ]);
}

/** One debate with its briefers and contacts, in one round trip. */
export async function findDebateBySlug(db: Database | Transaction, slug: string): Promise<DebateRecord | undefined> {
  return debatesWithLists(db).where('d.slug', '=', slug).executeTakeFirst();
}

/**
 * One debate, its row locked until the transaction ends; refuses an address that names none. Every writer that must
 * not interleave with another on one debate (building and issuing its compilation, recording its speakers) takes this
 * lock first, so commands that lock more rows afterwards keep one order and cannot deadlock.
 */
export async function lockDebate(trx: Transaction, slug: string): Promise<DebateRecord> {
  const locked = await trx.selectFrom('meetings.debates').select('id').where('slug', '=', slug).forUpdate().executeTakeFirst();
  const debate = locked ? await findDebateBySlug(trx, slug) : undefined;
  if (!debate) throw new AppError('debate.not_found', { detail: slug });
  return debate;
}

/** One debate's own row, without its lists. */
export async function findDebateById(db: Database | Transaction, id: string): Promise<DebateRow | undefined> {
  return db.selectFrom('meetings.debates').selectAll().where('id', '=', id).executeTakeFirst();
}

export type DebateSummary = Pick<
  DebateRow,
  | 'id'
  | 'slug'
  | 'body'
  | 'theme'
  | 'starts_at'
  | 'time_zone'
  | 'format'
  | 'presiding_state'
  | 'submission_deadline'
  | 'submissions_open_at'
  | 'grace_minutes'
>;

/** Every debate, the most recent meeting first. */
export async function listDebates(db: Database, limit = 200): Promise<DebateSummary[]> {
  return db
    .selectFrom('meetings.debates')
    .select([
      'id',
      'slug',
      'body',
      'theme',
      'starts_at',
      'time_zone',
      'format',
      'presiding_state',
      'submission_deadline',
      'submissions_open_at',
      'grace_minutes',
    ])
    .orderBy('starts_at', 'desc')
    .limit(limit)
    .execute();
}

// ---- The submission window and late grants. ----

export type DebateWindowRow = Pick<
  DebateRow,
  'id' | 'slug' | 'time_zone' | 'submissions_open_at' | 'submission_deadline' | 'modification_deadline' | 'grace_minutes'
>;

/**
 * A debate's window columns, by its slug. Inside a transaction, `lock` takes the debate's row: 'update' for a change
 * to the window or its grants, 'share' for a decision made on it (submitting). Submissions then run side by side,
 * while a revocation waits for those in flight and every later one reads it.
 */
export async function findDebateWindow(
  db: Database | Transaction,
  slug: string,
  options: { lock?: 'share' | 'update' } = {},
): Promise<DebateWindowRow | undefined> {
  let query = db
    .selectFrom('meetings.debates')
    .select(['id', 'slug', 'time_zone', 'submissions_open_at', 'submission_deadline', 'modification_deadline', 'grace_minutes'])
    .where('slug', '=', slug);
  if (options.lock === 'update') query = query.forUpdate();
  else if (options.lock === 'share') query = query.forShare();
  return query.executeTakeFirst();
}

/** Every late grant of a debate, revoked ones included, oldest first. */
export async function lateGrantsOf(db: Database | Transaction, debateId: string): Promise<LateGrantRow[]> {
  return db.selectFrom('meetings.late_grants').selectAll().where('debate_id', '=', debateId).orderBy('granted_at').orderBy('id').execute();
}

/** The delegation's current (unrevoked) grant for the debate, if any. */
export async function currentLateGrant(
  db: Database | Transaction,
  debateId: string,
  delegation: string,
): Promise<LateGrantRow | undefined> {
  return db
    .selectFrom('meetings.late_grants')
    .selectAll()
    .where('debate_id', '=', debateId)
    .where('delegation', '=', delegation)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function insertLateGrant(
  trx: Transaction,
  grant: { id: string; debateId: string; delegation: string; until: Date; reason: string; grantedAt: Date; grantedBy: string },
): Promise<void> {
  await trx
    .insertInto('meetings.late_grants')
    .values({
      id: grant.id,
      debate_id: grant.debateId,
      delegation: grant.delegation,
      until: grant.until,
      reason: grant.reason,
      granted_at: grant.grantedAt,
      granted_by: grant.grantedBy,
      revoked_at: null,
      revoked_by: null,
    })
    .execute();
}

/** Revokes the delegation's current grant; undefined when it had none. */
export async function revokeCurrentLateGrant(
  trx: Transaction,
  debateId: string,
  delegation: string,
  at: Date,
  by: string,
): Promise<LateGrantRow | undefined> {
  return trx
    .updateTable('meetings.late_grants')
    .set({ revoked_at: at, revoked_by: by })
    .where('debate_id', '=', debateId)
    .where('delegation', '=', delegation)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * What submissionDecision needs for a debate: its window and all its late grants. Inside a submitting transaction,
 * pass `lock: 'share'` so a revocation cannot slip between the decision and the write.
 */
export async function loadSubmissionWindow(
  db: Database | Transaction,
  slug: string,
  options: { lock?: 'share' | 'update' } = {},
): Promise<{ debate: DebateWindowRow; window: SubmissionWindow } | undefined> {
  const debate = await findDebateWindow(db, slug, options);
  if (!debate) return undefined;
  const grants = await lateGrantsOf(db, debate.id);
  return {
    debate,
    window: windowOf(
      debate,
      grants.map((g) => ({ delegation: g.delegation, until: g.until, revokedAt: g.revoked_at })),
    ),
  };
}

/**
 * A debate as a statement command needs it, in one round trip: the debate with its lists, the missions the
 * Secretariat added to those that may submit, and its submission window with every late grant. Inside a submitting
 * transaction, `lock: 'share'` takes the debate's row as loadSubmissionWindow does.
 */
export async function loadDebateForSubmissions(
  db: Database | Transaction,
  slug: string,
  options: { lock?: 'share' } = {},
): Promise<{ debate: DebateRecord; added: string[]; window: SubmissionWindow } | undefined> {
  let query = debatesWithLists(db)
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('meetings.eligible_entities as e')
          .select('e.delegation')
          .whereRef('e.debate_id', '=', 'd.id')
          .orderBy('e.added_at')
          .orderBy('e.delegation'),
      ).as('added'),
      jsonArrayFrom(
        eb
          .selectFrom('meetings.late_grants as g')
          .select(['g.delegation', 'g.until', 'g.revoked_at'])
          .whereRef('g.debate_id', '=', 'd.id')
          .orderBy('g.granted_at')
          .orderBy('g.id'),
      ).as('grants'),
    ])
    .where('d.slug', '=', slug);
  if (options.lock === 'share') query = query.forShare();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const { added, grants, ...debate } = row;
  // Inside JSON, timestamps come back as text.
  const lateGrants = grants.map((g) => ({
    delegation: g.delegation,
    until: new Date(g.until),
    revokedAt: g.revoked_at === null ? null : new Date(g.revoked_at),
  }));
  return { debate, added: added.map((a) => a.delegation), window: windowOf(debate, lateGrants) };
}

/** What a debate's two calendar events (meeting, deadline) are made of. */
export type CalendarDebate = Pick<
  DebateRow,
  | 'id'
  | 'slug'
  | 'body'
  | 'theme'
  | 'starts_at'
  | 'time_zone'
  | 'format'
  | 'chair_name'
  | 'chair_function'
  | 'submission_deadline'
  | 'grace_minutes'
  | 'updated_at'
>;

/** The most recent debates for the iCalendar feed, the latest meeting first (id breaks ties, so the order never varies). */
export async function listDebatesForCalendar(db: Database, limit = 200): Promise<CalendarDebate[]> {
  return db
    .selectFrom('meetings.debates')
    .select([
      'id',
      'slug',
      'body',
      'theme',
      'starts_at',
      'time_zone',
      'format',
      'chair_name',
      'chair_function',
      'submission_deadline',
      'grace_minutes',
      'updated_at',
    ])
    .orderBy('starts_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The missions the Secretariat added to a debate's default eligibility, in the order added. */
export async function addedDelegations(db: Database | Transaction, debateId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('meetings.eligible_entities')
    .select('delegation')
    .where('debate_id', '=', debateId)
    .orderBy('added_at')
    .orderBy('delegation')
    .execute();
  return rows.map((r) => r.delegation);
}

/** Upcoming debates (meeting not yet begun), soonest first, with their briefers and contacts: the Journal's programme. */
export async function listUpcomingDebates(db: Database, from: Date, limit = 100): Promise<DebateRecord[]> {
  return debatesWithLists(db).where('d.starts_at', '>=', from).orderBy('d.starts_at').orderBy('d.id').limit(limit).execute();
}

// ---- The Council's membership and presidencies. ----

/**
 * The Council data as the rules read it (domain/council.ts), in one round trip: every seat and every presidency.
 * A few hundred short rows at most; read where a decision needs them, inside the transaction that acts on it.
 */
export async function loadCouncil(db: Database | Transaction): Promise<CouncilData> {
  const rows = await db
    .selectFrom('meetings.council_terms')
    .select([
      sql<'seat' | 'presidency'>`'seat'`.as('kind'),
      'iso3',
      sql<string>`starts_on::text`.as('start'),
      sql<string | null>`ends_on::text`.as('end'),
    ])
    .unionAll(
      db
        .selectFrom('meetings.council_presidencies')
        .select([sql<'seat' | 'presidency'>`'presidency'`.as('kind'), 'iso3', 'month as start', sql<string | null>`NULL::text`.as('end')]),
    )
    .execute();
  const seats = rows.filter((r) => r.kind === 'seat');
  return councilData({
    permanent: seats.filter((r) => r.end === null).map((r) => r.iso3),
    terms: seats.filter((r): r is typeof r & { end: string } => r.end !== null).map((r) => ({ iso3: r.iso3, from: r.start, to: r.end })),
    presidencies: rows.filter((r) => r.kind === 'presidency').map((r) => ({ month: r.start, iso3: r.iso3 })),
  });
}

/** Where each year's presidencies come from: the reference file, or the Secretariat (and when; the audit log says who). */
export interface CouncilYearRecord {
  year: number;
  source: 'reference' | 'secretariat';
  recordedAt: Date;
}

/** For each year with presidencies, where they come from (the Council page says so beside the year). */
export async function councilYearRecords(db: Database): Promise<CouncilYearRecord[]> {
  const rows = await db
    .selectFrom('meetings.council_presidencies')
    .select([sql<number>`substr(month, 1, 4)::int`.as('year'), 'source', sql<Date>`max(recorded_at)`.as('recorded_at')])
    .groupBy([sql`substr(month, 1, 4)`, 'source'])
    .orderBy('year')
    .execute();
  return rows.map((r) => ({ year: Number(r.year), source: r.source, recordedAt: new Date(r.recorded_at) }));
}
