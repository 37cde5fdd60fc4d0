// The tables of the compilation module (schema `compilation`), as Kysely sees them: the types only, no queries (./db.ts).
import type { ColumnType } from 'kysely';
import type { CleanReport } from '../../kernel/ooxml/clean.js';
import type { AnnexGroup } from './domain/compilation-letter.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** What a run was built from, frozen: the revisions by id and hash, the order policy and the procedural text. */
export interface RunInputs {
  order: AnnexGroup[];
  procedure: string;
  presidentName: string;
  letterDate: string;
  /** The State presiding the Council in the month of the letter's date, whose representative signs. Absent from runs built before it was recorded. */
  presidingState?: string;
  written: Array<{ delegation: string; revisionId: string; statementSha256: string; coverSha256: string }>;
  /** The briefings, in speaking order. Absent from runs built before speakers were recorded: read as none. */
  briefers?: FrozenSpeaker[];
  /** The Council members' statements (the presiding member's among them). Absent: none. */
  council?: FrozenSpeaker[];
  /** The statements delivered live by non-members, in speaking order. Absent: none. */
  live?: FrozenSpeaker[];
}

/** A speaker's text as a run froze it: the immutable text by id and file hash, and the speaker's place in the order. */
export interface FrozenSpeaker {
  speakerId: string;
  textId: string;
  /** The place in the speaking order when the run was built. */
  position: number;
  /** The mission's code; absent for a briefer. */
  delegation?: string;
  sha256: string;
}

export interface RunsTable {
  id: string;
  debate_id: string;
  seq: number;
  inputs: ColumnType<RunInputs, string, string>;
  inputs_sha256: string;
  generation_id: string;
  /** The ZIP of the original statements and cover letters the run was built from. */
  originals_sha256: string | null;
  /** Whether that ZIP holds the files' clean copies; a run built before clean copies were made holds them as received. */
  originals_clean: ColumnType<boolean, boolean | undefined, boolean>;
  corrects: string | null;
  symbol: string | null;
  created_at: Timestamp;
  created_by: string | null;
  issued_at: Timestamp | null;
  issued_by: string | null;
}

export interface CompilationTables {
  'compilation.runs': RunsTable;
  'compilation.finals': FinalsTable;
}

export type FinalFormat = 'docx' | 'pdf';

/** A DOCX or PDF the Secretariat corrected by hand and uploaded for an issued run; append-only (a trigger refuses changes). */
export interface FinalsTable {
  id: string;
  run_id: string;
  format: FinalFormat;
  /** 1 for the first upload of this run and format, then 2, ...; the highest is the one published. */
  version: number;
  blob_sha256: string;
  size: number;
  /** The clean copy of a DOCX, what is served, and what it left out; null for a PDF and for finals uploaded before clean copies were made. */
  clean_sha256: string | null;
  cleaned: ColumnType<CleanReport, string, string> | null;
  /** The name of the uploaded file, as the Secretariat's browser gave it (shown on the desk, never used as a path). */
  file_name: string;
  uploaded_at: Timestamp;
  uploaded_by: string | null;
}
