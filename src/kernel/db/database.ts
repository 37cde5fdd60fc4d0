// Opens the database: embedded PostgreSQL (PGlite) in DATA_DIR/db when no DATABASE_URL is set,
// server PostgreSQL through a `pg` pool otherwise. The same Kysely API, SQL and migrations serve both.
import { mkdir, access, constants } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PostgresDialect, type Transaction as KyselyTransaction } from 'kysely';
import pg from 'pg';
import { AppError } from '../errors.js';
import type { KernelTables } from './kernel-tables.js';
import { listenPGlite, listenPostgres, type Listen } from './notifications.js';
import { OverloadPool } from './overload-pool.js';
import { PGlitePool } from './pglite-pool.js';

/**
 * The whole database as Kysely sees it. The kernel declares its own tables; src/db-schema.ts adds each module's
 * (declaration merging, as Fastify's interfaces are extended), so the kernel imports no module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DB extends KernelTables {}

export type Database = Kysely<DB>;
export type Transaction = KyselyTransaction<DB>;
export type Engine = 'pglite' | 'postgres';

export interface OpenDatabase {
  db: Database;
  engine: Engine;
  /** Notifications (LISTEN/NOTIFY): on a connection of its own on server PostgreSQL, in-process on PGlite. */
  listen: Listen;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;
// Identical value shapes on both engines: 64-bit integers as numbers, dates as 'YYYY-MM-DD' strings.
const parsers = { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v };

/** Where the data is. `waitMs`: how long a caller waits for a free PostgreSQL connection before it is overload. */
export type DatabaseTarget =
  { kind: 'postgres'; url: string; poolSize: number; waitMs?: number } | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if (target.kind === 'postgres') return openPostgres(target.url, target.poolSize, target.waitMs ?? 5000);
  return openPGlite(target.dataDir, target.loadDataDir);
}

async function openPostgres(url: string, poolSize: number, waitMs: number): Promise<OpenDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: waitMs,
    types: {
      getTypeParser: (oid: number, format?: string) =>
        parsers[oid as keyof typeof parsers] ?? pg.types.getTypeParser(oid, format as 'text'),
    },
  });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new AppError('config.database_unreachable', { detail: describeConnectError(url, err) });
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new OverloadPool(pool) }) });
  return { db, engine: 'postgres', listen: listenPostgres(url, { connectTimeoutMs: waitMs }), close: () => db.destroy() };
}

async function openPGlite(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<OpenDatabase> {
  if (dataDir) await ensureWritableDir(dataDir);
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers,
  });
  const pool = new PGlitePool(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    listen: listenPGlite(pglite, pool),
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

async function ensureWritableDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch {
    throw new AppError('config.data_dir_unwritable', { detail: path.resolve(dir) });
  }
}

function describeConnectError(url: string, err: unknown): string {
  const u = new URL(url);
  const where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
  const reason = err instanceof Error ? err.message : String(err);
  return `${where}: ${reason}`;
}
