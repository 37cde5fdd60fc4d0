// Reads of the compilation module's tables (./tables.ts); writes and locking reads are inline in the commands that own the transaction.
import type { Insertable, Selectable } from 'kysely';
import type { Database, Transaction } from '../../kernel/db/database.js';
import type { RunsTable, FinalFormat, FinalsTable } from './tables.js';

export type { RunInputs, FrozenSpeaker, RunsTable, CompilationTables, FinalFormat, FinalsTable } from './tables.js';

export type RunRow = Selectable<RunsTable>;

type Queryable = Database | Transaction;

export async function runsOf(db: Queryable, debateId: string): Promise<RunRow[]> {
  return db.selectFrom('compilation.runs').selectAll().where('debate_id', '=', debateId).orderBy('seq', 'desc').execute();
}

/**
 * How many builds wait to be issued, by debate: runs not issued, made after the debate's latest issued one (a build
 * superseded by an issue is history, not work).
 */
export async function buildsToIssue(db: Queryable): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('compilation.runs as r')
    .select(['r.debate_id', (eb) => eb.fn.countAll<number>().as('builds')])
    .where('r.issued_at', 'is', null)
    .where((eb) =>
      eb(
        'r.seq',
        '>',
        eb.fn.coalesce(
          eb
            .selectFrom('compilation.runs as i')
            .select((ib) => ib.fn.max('i.seq').as('seq'))
            .whereRef('i.debate_id', '=', 'r.debate_id')
            .where('i.issued_at', 'is not', null),
          eb.lit(0),
        ),
      ),
    )
    .groupBy('r.debate_id')
    .execute();
  return new Map(rows.map((r) => [r.debate_id, Number(r.builds)]));
}

/** The issued original of a debate's compilation (the run issued under an S/ number, not a corrigendum). */
export async function issuedOriginal(db: Queryable, debateId: string): Promise<RunRow | undefined> {
  return db
    .selectFrom('compilation.runs')
    .selectAll()
    .where('debate_id', '=', debateId)
    .where('symbol', 'is not', null)
    .where('corrects', 'is', null)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
}

/** The issued corrigenda of a run, in the order they were issued (Corr.1, Corr.2, ...). */
export async function issuedCorrigenda(db: Queryable, runId: string): Promise<RunRow[]> {
  return db
    .selectFrom('compilation.runs')
    .selectAll()
    .where('corrects', '=', runId)
    .where('symbol', 'is not', null)
    .orderBy('issued_at')
    .orderBy('seq')
    .execute();
}

export async function findRun(db: Queryable, debateId: string, seq: number): Promise<RunRow | undefined> {
  return db.selectFrom('compilation.runs').selectAll().where('debate_id', '=', debateId).where('seq', '=', seq).executeTakeFirst();
}

export async function findRunById(db: Queryable, id: string): Promise<RunRow | undefined> {
  return db.selectFrom('compilation.runs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The run's row, locked until the transaction ends: issuing it, correcting it and its finals queue here. */
export async function lockRun(trx: Transaction, debateId: string, seq: number): Promise<RunRow | undefined> {
  return trx
    .selectFrom('compilation.runs')
    .selectAll()
    .where('debate_id', '=', debateId)
    .where('seq', '=', seq)
    .forUpdate()
    .executeTakeFirst();
}

// ---- Hand-corrected finals ----

export type FinalRow = Selectable<FinalsTable>;

/** Every final uploaded for a run, the latest version of each format first. */
export async function finalsOf(db: Queryable, runId: string): Promise<FinalRow[]> {
  return db.selectFrom('compilation.finals').selectAll().where('run_id', '=', runId).orderBy('format').orderBy('version', 'desc').execute();
}

/** The final published for a run in this format: its latest version. */
export async function currentFinal(db: Queryable, runId: string, format: FinalFormat): Promise<FinalRow | undefined> {
  return db
    .selectFrom('compilation.finals')
    .selectAll()
    .where('run_id', '=', runId)
    .where('format', '=', format)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertFinal(trx: Transaction, row: Insertable<FinalsTable>): Promise<void> {
  await trx.insertInto('compilation.finals').values(row).execute();
}
