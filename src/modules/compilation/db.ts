// Tables of the compilation module (schema `compilation`) and the only queries on them.
import type { ColumnType, Selectable } from 'kysely';
import type { Database, Transaction } from '../../kernel/db/database.js';
import type { AnnexGroup } from './domain/compilation-letter.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** What a run was built from, frozen: the revisions by id and hash, the order policy and the procedural text. */
export interface RunInputs {
  order: AnnexGroup[];
  procedure: string;
  presidentName: string;
  letterDate: string;
  written: Array<{ delegation: string; revisionId: string; statementSha256: string; coverSha256: string }>;
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
  corrects: string | null;
  symbol: string | null;
  created_at: Timestamp;
  created_by: string | null;
  issued_at: Timestamp | null;
  issued_by: string | null;
}

export interface CompilationTables {
  'compilation.runs': RunsTable;
}

export type RunRow = Selectable<RunsTable>;

type Queryable = Database | Transaction;

export async function runsOf(db: Queryable, debateId: string): Promise<RunRow[]> {
  return db.selectFrom('compilation.runs').selectAll().where('debate_id', '=', debateId).orderBy('seq', 'desc').execute();
}

export async function latestIssuedRun(db: Queryable, debateId: string): Promise<RunRow | undefined> {
  return db.selectFrom('compilation.runs').selectAll().where('debate_id', '=', debateId).where('symbol', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}
