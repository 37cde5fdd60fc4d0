// Reads of the documents module's tables (./tables.ts); writes and locking reads are inline in the commands that own the transaction.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Database, Transaction } from '../../kernel/db/database.js';
import type { DocumentModel } from './domain/document-model.js';
import type { Series } from './domain/symbols.js';
import type { SymbolsTable, DocumentKind, RenditionFormat, GenerationsTable, RenditionsTable } from './tables.js';

export type {
  SymbolSeriesTable,
  SymbolsTable,
  SymbolNumberer,
  DocumentKind,
  RenditionFormat,
  RenditionStatus,
  GenerationsTable,
  RenditionsTable,
  DocumentsTables,
} from './tables.js';

export type SymbolRow = Selectable<SymbolsTable>;

export type GenerationRow = Selectable<GenerationsTable>;

/** The order formats are listed in: what a reader opens first, then the editable file, the print file, the data. */
const RENDITION_ORDER: readonly RenditionFormat[] = ['html', 'docx', 'pdf', 'akn'];

function inRenditionOrder(renditions: RenditionRow[]): RenditionRow[] {
  return renditions.sort((a, b) => RENDITION_ORDER.indexOf(a.format) - RENDITION_ORDER.indexOf(b.format));
}
export type RenditionRow = Selectable<RenditionsTable>;

type Queryable = Database | Transaction;

/**
 * Takes the next number of a series and year and returns it. One statement that inserts the counter at 1 or adds
 * one to it: the row lock it takes is held until the transaction ends, so a concurrent issue of the same series and
 * year waits here and then reads the committed value (READ COMMITTED re-reads the row after the wait). ON CONFLICT
 * also covers the first issue of a year, when there is no row yet to lock: the second of two concurrent inserts
 * waits for the first and then takes the update path, rather than failing on the primary key.
 */
export async function takeNextNumber(trx: Transaction, series: Series, year: number): Promise<number> {
  const row = await trx
    .insertInto('documents.symbol_series')
    .values({ series, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['series', 'year']).doUpdateSet({ last_number: sql<number>`symbol_series.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

/** Moves the counter up to `number` if it is behind (a symbol registered from outside); locks the row like takeNextNumber. */
export async function raiseLastNumber(trx: Transaction, series: Series, year: number, number: number): Promise<void> {
  await trx
    .insertInto('documents.symbol_series')
    .values({ series, year, last_number: number })
    .onConflict((oc) =>
      oc.columns(['series', 'year']).doUpdateSet({ last_number: sql<number>`greatest(symbol_series.last_number, excluded.last_number)` }),
    )
    .execute();
}

export async function findSymbol(db: Queryable, symbol: string): Promise<SymbolRow | undefined> {
  return db.selectFrom('documents.symbols').selectAll().where('symbol', '=', symbol).executeTakeFirst();
}

/** The symbol's row, locked until the transaction ends: corrigenda, revisions and addenda of one document queue here. */
export async function lockSymbol(trx: Transaction, symbol: string): Promise<SymbolRow | undefined> {
  return trx.selectFrom('documents.symbols').selectAll().where('symbol', '=', symbol).forUpdate().executeTakeFirst();
}

/** The direct children of a document (its corrigenda, revisions and addenda), as symbols. */
export async function childSymbols(db: Queryable, parent: string): Promise<string[]> {
  const rows = await db.selectFrom('documents.symbols').select('symbol').where('parent', '=', parent).execute();
  return rows.map((r) => r.symbol);
}

export async function insertSymbol(trx: Transaction, row: Insertable<SymbolsTable>): Promise<void> {
  await trx.insertInto('documents.symbols').values(row).execute();
}

/** A series' symbols of one year, originals in number order, each followed by its corrigenda, revisions and addenda. */
export async function listSymbols(db: Queryable, series: Series, year: number): Promise<SymbolRow[]> {
  return db
    .selectFrom('documents.symbols')
    .selectAll()
    .where('series', '=', series)
    .where('year', '=', year)
    .orderBy('number')
    .orderBy(sql`parent IS NOT NULL`)
    .orderBy('issued_at')
    .orderBy('symbol')
    .execute();
}

/** Symbols handed out for one subject (a debate's announcement letter and compilation, say), oldest first. */
export async function symbolsOfSubject(db: Queryable, subjectId: string): Promise<SymbolRow[]> {
  return db
    .selectFrom('documents.symbols')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('issued_at')
    .orderBy('symbol')
    .execute();
}

/** The counter of a series and year: 0 when nothing was issued yet. */
export async function lastNumber(db: Queryable, series: Series, year: number): Promise<number> {
  const row = await db
    .selectFrom('documents.symbol_series')
    .select('last_number')
    .where('series', '=', series)
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.last_number ?? 0;
}

// ---- Generations and their renditions. ----

export async function insertGeneration(
  trx: Transaction,
  row: Omit<GenerationRow, 'model'> & { model: DocumentModel },
  formats: readonly RenditionFormat[],
): Promise<void> {
  await trx
    .insertInto('documents.generations')
    .values({ ...row, model: JSON.stringify(row.model) })
    .execute();
  await trx
    .insertInto('documents.renditions')
    .values(formats.map((format) => ({ generation_id: row.id, format, status: 'queued' as const })))
    .execute();
}

export async function findGeneration(db: Queryable, id: string): Promise<GenerationRow | undefined> {
  return db.selectFrom('documents.generations').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A generation's model as the JSON text the database holds, never parsed here (a compilation's is large: the render
 * worker parses it), and the pictures it shows: the hash of every image inline that has one, each once, as
 * documentPictures finds them.
 */
export async function findGenerationModelText(db: Queryable, id: string): Promise<{ modelJson: string; pictures: string[] } | undefined> {
  const row = await db
    .selectFrom('documents.generations')
    .select([
      sql<string>`model::text`.as('model_json'),
      sql<string[]>`array(SELECT jsonb_path_query(model, 'strict $.** ? (@.kind == "image" && exists(@.sha256)).sha256') #>> '{}')`.as(
        'pictures',
      ),
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { modelJson: row.model_json, pictures: [...new Set(row.pictures)] };
}

export interface GenerationWithRenditions extends Omit<GenerationRow, 'model'> {
  renditions: RenditionRow[];
}

/** A subject's generations of one document, the latest first, each with its formats (no models: they are large). */
export async function generationsOf(
  db: Queryable,
  document: DocumentKind,
  subjectId: string,
  limit = 20,
): Promise<GenerationWithRenditions[]> {
  const generations = await db
    .selectFrom('documents.generations')
    .select(['id', 'document', 'subject_id', 'symbol', 'model_sha256', 'requested_at', 'requested_by'])
    .where('document', '=', document)
    .where('subject_id', '=', subjectId)
    .orderBy('requested_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  if (generations.length === 0) return [];
  const renditions = await db
    .selectFrom('documents.renditions')
    .selectAll()
    .where(
      'generation_id',
      'in',
      generations.map((g) => g.id),
    )
    .execute();
  return generations.map((g) => ({ ...g, renditions: inRenditionOrder(renditions.filter((r) => r.generation_id === g.id)) }));
}

export async function findRendition(db: Queryable, generationId: string, format: RenditionFormat): Promise<RenditionRow | undefined> {
  return db
    .selectFrom('documents.renditions')
    .selectAll()
    .where('generation_id', '=', generationId)
    .where('format', '=', format)
    .executeTakeFirst();
}

export async function markRendition(
  db: Queryable,
  generationId: string,
  format: RenditionFormat,
  change: Partial<Pick<RenditionRow, 'status' | 'blob_sha256' | 'size' | 'error' | 'started_at' | 'finished_at' | 'duration_ms'>>,
): Promise<void> {
  await db.updateTable('documents.renditions').set(change).where('generation_id', '=', generationId).where('format', '=', format).execute();
}

/** The latest generation of a subject's document, with its model and formats; `issued`: only those under a symbol. */
export async function latestGeneration(
  db: Queryable,
  document: DocumentKind,
  subjectId: string,
  options: { issued?: boolean } = {},
): Promise<(GenerationRow & { renditions: RenditionRow[] }) | undefined> {
  let query = db.selectFrom('documents.generations').selectAll().where('document', '=', document).where('subject_id', '=', subjectId);
  if (options.issued) query = query.where('symbol', 'is not', null);
  const generation = await query.orderBy('requested_at', 'desc').orderBy('id').limit(1).executeTakeFirst();
  if (!generation) return undefined;
  const renditions = await db.selectFrom('documents.renditions').selectAll().where('generation_id', '=', generation.id).execute();
  return { ...generation, renditions: inRenditionOrder(renditions) };
}
