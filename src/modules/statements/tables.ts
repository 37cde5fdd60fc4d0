// The tables of the statements module (schema `statements`), as Kysely sees them: types only (queries: ./db.ts, ./speakers-db.ts).
import type { ColumnType } from 'kysely';
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
  'statements.speakers': SpeakersTable;
  'statements.speaker_texts': SpeakerTextsTable;
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

export type SpeakerKind = 'briefer' | 'council' | 'live';

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
