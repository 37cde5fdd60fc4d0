// The tables of the documents module (schema `documents`), as Kysely sees them: the types only, no queries (./db.ts).
import { type ColumnType } from 'kysely';
import type { DocumentModel } from './domain/document-model.js';
import type { Series, SuffixKind } from './domain/symbols.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface SymbolSeriesTable {
  series: Series;
  year: number;
  /** The last number handed out (or registered) in this series and year; the next issue takes last_number + 1. */
  last_number: number;
}

export interface SymbolsTable {
  symbol: string;
  series: Series;
  year: number;
  /** The original document's number; a corrigendum, revision or addendum repeats its parent's. */
  number: number;
  parent: string | null;
  suffix_kind: SuffixKind | null;
  suffix_number: number | null;
  issued_at: Timestamp;
  issued_by: string | null;
  purpose: string;
  subject_id: string | null;
  /** Who gave the number: this installation's own counter, or the documents service (entered when issuing). */
  numbered_by: ColumnType<SymbolNumberer, SymbolNumberer | undefined, SymbolNumberer>;
}

export type SymbolNumberer = 'installation' | 'documents_service';

export type DocumentKind = 'announcement_letter' | 'compilation';

export type RenditionFormat = 'docx' | 'pdf' | 'html' | 'akn';

export type RenditionStatus = 'queued' | 'running' | 'done' | 'failed' | 'unavailable';

/** A request to render a document: the exact model rendered and its hash. */
export interface GenerationsTable {
  id: string;
  document: DocumentKind;
  subject_id: string;
  symbol: string | null;
  model: ColumnType<DocumentModel, string, string>;
  model_sha256: string;
  requested_at: Timestamp;
  requested_by: string | null;
}

/** One format of a generation: its state, its file, or why there is none. */
export interface RenditionsTable {
  generation_id: string;
  format: RenditionFormat;
  status: RenditionStatus;
  blob_sha256: string | null;
  size: number | null;
  error: string | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  duration_ms: number | null;
}

export interface DocumentsTables {
  'documents.symbol_series': SymbolSeriesTable;
  'documents.symbols': SymbolsTable;
  'documents.generations': GenerationsTable;
  'documents.renditions': RenditionsTable;
}
