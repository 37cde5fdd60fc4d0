// Tables of the statements module (schema `statements`) and the only queries on them.
import type { ColumnType, Selectable } from 'kysely';
import type { Database, Transaction } from '../../kernel/db/database.js';
import type { Checkpoint } from '../../kernel/audit-seal.js';
import type { CleanReport } from '../../kernel/ooxml/clean.js';
import type { OfficialLanguage } from '../../kernel/i18n/languages.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface Warning {
  code: string;
  message: string;
}

/** One delegation's statement to one debate: its state and its current revision. */
export interface SubmissionsTable {
  id: string;
  debate_id: string;
  delegation: string;
  state: 'submitted' | 'withdrawn';
  current_revision: string;
  /** How many revisions it has (the next one takes revisions + 1). */
  revisions: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The symbol of the issued compilation that encloses the current revision, and its annex number; null otherwise. */
  issued_in: ColumnType<string | null, string | null | undefined, string | null>;
  issued_annex: ColumnType<number | null, number | null | undefined, number | null>;
}

/** An upload or a withdrawal, as received: never changed, never removed (a trigger refuses it). */
export interface RevisionsTable {
  id: string;
  submission_id: string;
  seq: number;
  action: 'submit' | 'withdraw';
  statement_sha256: string | null;
  statement_name: string | null;
  cover_sha256: string | null;
  cover_type: 'docx' | 'pdf' | null;
  cover_name: string | null;
  signatory_id: string | null;
  signatory_name: string | null;
  signatory_title: string | null;
  original_language: OfficialLanguage | null;
  on_behalf_of: string | null;
  group_members: ColumnType<string[], string[] | undefined, never>;
  words: number | null;
  footnote_words: number | null;
  warnings: Json<Warning[]>;
  content: Json<unknown> | null;
  /**
   * The clean copies Rostrum hands out instead of the files received (kernel/ooxml/clean.ts), and what each left out;
   * null for a PDF, and for files received before clean copies were made.
   */
  statement_clean_sha256: string | null;
  statement_cleaned: Json<CleanReport> | null;
  cover_clean_sha256: string | null;
  cover_cleaned: Json<CleanReport> | null;
  late: boolean;
  via: 'web' | 'api' | 'secretariat';
  /** Entered by the Secretariat on the mission's behalf (via 'secretariat'): the officer's note, such as "received by e-mail on ...". */
  secretariat_note: string | null;
  /** Entered after the deadline: the time the officer states the statement was received, before the deadline. */
  received_before_deadline_at: Timestamp | null;
  receipt_reference: string;
  receipt: Json<Receipt>;
  receipt_signature: string;
  created_at: Timestamp;
  created_by: string;
}

/** What a delegate uploaded and chose, waiting for confirmation; one per person per debate. */
export interface DraftsTable {
  id: string;
  debate_id: string;
  delegation: string;
  account_id: string;
  statement_sha256: string | null;
  statement_name: string | null;
  statement_check: Json<StoredCheck> | null;
  /** The clean copy of each file (a Word document), what the check's `cleaned` says it left out. */
  statement_clean_sha256: string | null;
  cover_sha256: string | null;
  cover_name: string | null;
  cover_check: Json<StoredCheck> | null;
  cover_clean_sha256: string | null;
  choices: Json<DraftChoices>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A Secretariat decision about one revision: accepted, or returned for correction with the reason. */
export interface ReviewsTable {
  id: string;
  submission_id: string;
  revision_id: string;
  decision: 'accepted' | 'returned';
  reason: string | null;
  decided_at: Timestamp;
  decided_by: string;
}

export interface StatementsTables {
  'statements.submissions': SubmissionsTable;
  'statements.revisions': RevisionsTable;
  'statements.drafts': DraftsTable;
  'statements.reviews': ReviewsTable;
}

/** The signed receipt: every field a delegation may later need to prove what it sent and when. */
export interface Receipt {
  /** 1: receipts issued before they named their audit log entry; 2: with `log`. */
  version: 1 | 2;
  reference: string;
  action: 'submit' | 'withdraw';
  debate: { slug: string; theme: string };
  delegation: { code: string; name: string };
  /** The server's time, ISO 8601 UTC, and the same instant in the debate's zone as written on the page. */
  receivedAt: string;
  receivedAtLocal: string;
  revision: number;
  late: boolean;
  statement?: { name: string; sha256: string; size: number; words: number };
  coverLetter?: { name: string; sha256: string; size: number; type: 'docx' | 'pdf' };
  signatory?: { name: string; title: string };
  /** Entered by the Secretariat on the mission's behalf: its note, and the time it states the statement was received when that was before the deadline. */
  enteredBySecretariat?: { note: string; receivedBeforeDeadlineAt?: string; receivedBeforeDeadlineAtLocal?: string };
  keyId: string;
  /**
   * Version 2: the hash of this revision's entry in the audit log, and the log's latest signed checkpoint when the
   * receipt was issued (null before the first seal). Once sealed, the entry can be proven in the log at /audit/proof.
   */
  log?: { entry: string; checkpoint: Checkpoint | null };
}

/** What the checks found about one file, kept with the draft (the extracted content is kept only on confirm). */
export interface StoredCheck {
  outcome: 'accept' | 'warn';
  size: number;
  words?: number;
  footnoteWords?: number;
  kind: 'docx' | 'pdf';
  warnings: Warning[];
  /** The first paragraphs of the text, for the preview. */
  preview?: string[];
  /** What the file's clean copy left out (a Word document). */
  cleaned?: CleanReport;
}

export interface DraftChoices {
  signatoryId?: string;
  originalLanguage?: OfficialLanguage;
  onBehalfOf?: string;
  groupMembers?: string[];
}

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
