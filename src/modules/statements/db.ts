// Reads of the statements module's tables (./tables.ts); writes and locking reads are inline in the commands that own the transaction.
import type { Selectable } from 'kysely';
import type { Database, Transaction } from '../../kernel/db/database.js';
import type { SubmissionsTable, RevisionsTable, DraftsTable, ReviewsTable } from './tables.js';

export type {
  Warning,
  SubmissionsTable,
  RevisionsTable,
  DraftsTable,
  ReviewsTable,
  StatementsTables,
  Receipt,
  StoredCheck,
  DraftChoices,
} from './tables.js';

export type SubmissionRow = Selectable<SubmissionsTable>;
export type RevisionRow = Selectable<RevisionsTable>;
export type DraftRow = Selectable<DraftsTable>;
export type ReviewRow = Selectable<ReviewsTable>;

/** A debate's submissions with their current revision and that revision's latest review: what the review desk lists. */
export interface DeskEntry {
  submission: SubmissionRow;
  revision: RevisionRow;
  review: ReviewRow | undefined;
  /** How many revisions the delegation has sent. */
  revisions: number;
}

export async function deskEntries(db: Queryable, debateId: string): Promise<DeskEntry[]> {
  const submissions = await db.selectFrom('statements.submissions').selectAll().where('debate_id', '=', debateId).execute();
  if (submissions.length === 0) return [];
  const revisions = await db
    .selectFrom('statements.revisions')
    .selectAll()
    .where(
      'id',
      'in',
      submissions.map((s) => s.current_revision),
    )
    .execute();
  const reviews = await db
    .selectFrom('statements.reviews')
    .selectAll()
    .where(
      'revision_id',
      'in',
      revisions.map((r) => r.id),
    )
    .orderBy('decided_at', 'desc')
    .orderBy('id')
    .execute();
  return submissions.flatMap((submission) => {
    const revision = revisions.find((r) => r.id === submission.current_revision);
    if (!revision) return [];
    return [{ submission, revision, review: reviews.find((r) => r.revision_id === revision.id), revisions: submission.revisions }];
  });
}

/** The latest review of a revision, if any. */
export async function latestReview(db: Queryable, revisionId: string): Promise<ReviewRow | undefined> {
  return db
    .selectFrom('statements.reviews')
    .selectAll()
    .where('revision_id', '=', revisionId)
    .orderBy('decided_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

type Queryable = Database | Transaction;

/** The delegations that have a statement (not withdrawn) for the debate. */
export async function delegationsWithStatements(db: Queryable, debateId: string): Promise<ReadonlySet<string>> {
  const rows = await db
    .selectFrom('statements.submissions')
    .select('delegation')
    .where('debate_id', '=', debateId)
    .where('state', '=', 'submitted')
    .execute();
  return new Set(rows.map((r) => r.delegation));
}

export async function findSubmission(
  db: Queryable,
  debateId: string,
  delegation: string,
  options: { lock?: boolean } = {},
): Promise<SubmissionRow | undefined> {
  let q = db.selectFrom('statements.submissions').selectAll().where('debate_id', '=', debateId).where('delegation', '=', delegation);
  if (options.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Where a delegation's statement to a debate stands, for the debate's page: received or withdrawn, and when. */
export async function ownStatement(
  db: Queryable,
  debateId: string,
  delegation: string,
): Promise<{ state: 'submitted' | 'withdrawn'; at: Date } | undefined> {
  const submission = await findSubmission(db, debateId, delegation);
  return submission && { state: submission.state, at: submission.updated_at };
}

/** Every decision about a submission's revisions, the latest first. */
export async function reviewsOfSubmission(db: Queryable, submissionId: string): Promise<ReviewRow[]> {
  return db
    .selectFrom('statements.reviews')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .orderBy('decided_at', 'desc')
    .orderBy('id')
    .execute();
}

/** A submission's revisions, the latest first. */
export async function revisionsOf(db: Queryable, submissionId: string): Promise<RevisionRow[]> {
  return db.selectFrom('statements.revisions').selectAll().where('submission_id', '=', submissionId).orderBy('seq', 'desc').execute();
}

export async function findRevision(db: Queryable, id: string): Promise<RevisionRow | undefined> {
  return db.selectFrom('statements.revisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Who wrote each revision (the account that confirmed it, or the officer who entered it), by revision id. */
export async function revisionAuthors(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('statements.revisions')
    .select(['id', 'created_by'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.created_by]));
}

export async function findRevisionByReference(db: Queryable, reference: string): Promise<RevisionRow | undefined> {
  return db.selectFrom('statements.revisions').selectAll().where('receipt_reference', '=', reference).executeTakeFirst();
}

export async function findDraft(db: Queryable, debateId: string, accountId: string): Promise<DraftRow | undefined> {
  return db
    .selectFrom('statements.drafts')
    .selectAll()
    .where('debate_id', '=', debateId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export interface AcceptedRevision {
  revisionId: string;
  statementSha256: string;
  coverSha256: string;
}

/**
 * The statements the review desk has accepted now (what a compilation encloses), by delegation: each submitted statement whose current revision's
 * latest decision is an acceptance, with the hashes of its two files. One query, however many statements.
 */
export async function acceptedRevisionsNow(db: Queryable, debateId: string): Promise<Map<string, AcceptedRevision>> {
  const rows = await db
    .selectFrom('statements.submissions as s')
    .innerJoin('statements.revisions as r', 'r.id', 's.current_revision')
    .select(['s.delegation', 's.current_revision', 'r.statement_sha256', 'r.cover_sha256'])
    .where('s.debate_id', '=', debateId)
    .where('s.state', '=', 'submitted')
    .where((eb) =>
      eb(
        eb
          .selectFrom('statements.reviews as v')
          .select('v.decision')
          .whereRef('v.revision_id', '=', 's.current_revision')
          .orderBy('v.decided_at', 'desc')
          .orderBy('v.id')
          .limit(1),
        '=',
        'accepted',
      ),
    )
    .orderBy('s.delegation')
    .execute();
  return new Map(
    rows.map((r) => [
      r.delegation,
      { revisionId: r.current_revision, statementSha256: r.statement_sha256 ?? '', coverSha256: r.cover_sha256 ?? '' },
    ]),
  );
}

/** Where each delegation's submission to a debate stands, and its current revision. */
export async function submissionStates(
  db: Queryable,
  debateId: string,
): Promise<Array<Pick<SubmissionRow, 'delegation' | 'state' | 'current_revision'>>> {
  return db
    .selectFrom('statements.submissions')
    .select(['delegation', 'state', 'current_revision'])
    .where('debate_id', '=', debateId)
    .execute();
}
