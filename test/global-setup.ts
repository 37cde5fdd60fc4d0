// Prepares one migrated database that every test file of the db and slow tiers starts from (the migrations and the
// reference data run from the sources: no build needed):
// - PGlite (default): a data-folder snapshot, loaded by each test file (much faster than a fresh instance);
// - PostgreSQL (TEST_DATABASE_URL set): a template database that each test file clones.
// Both tiers list this setup; when both run, the second gets the database the first prepared.
import { randomBytes } from 'node:crypto';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../src/kernel/db/migrate.js';
import { PGlitePool } from '../src/kernel/db/pglite-pool.js';
import type { TestProject } from 'vitest/node';
import { systemClock } from '../src/kernel/clock.js';
import type { Database } from '../src/kernel/db/database.js';
import { syncReferenceMissions } from '../src/modules/delegations/index.js';
import { syncCouncilData } from '../src/modules/meetings/index.js';

// Names unique to this run, so two runs against the same server (two developers, CI) never touch each other's databases.
const RUN = `rostrum_test_${randomBytes(4).toString('hex')}`;
const TEMPLATE_DB = `${RUN}_template`;

type Target = { kind: 'postgres'; url: string; template: string; prefix: string } | { kind: 'pglite'; snapshot: string };

// Kept on the global object: each test project loads this file on its own, in the same process.
const SHARED = Symbol.for('rostrum.testDatabase');
interface Shared {
  prepared: Promise<{ target: Target; remove: () => Promise<void> }>;
  users: number;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const holder = globalThis as { [SHARED]?: Shared };
  const shared = (holder[SHARED] ??= { prepared: prepare(), users: 0 });
  shared.users++;
  const { target, remove } = await shared.prepared;
  project.provide('testDatabase', target);
  return async () => {
    if (--shared.users > 0) return;
    delete holder[SHARED];
    await remove();
  };
}

async function prepare(): Promise<{ target: Target; remove: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${TEMPLATE_DB}`;
    const pool = new pg.Pool({ connectionString: templateUrl.href, max: 1 });
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    await migrateToLatest(db);
    await syncReferenceMissions(db as unknown as Database, systemClock);
    await syncCouncilData(db as unknown as Database, systemClock);
    await db.destroy();
    await admin.end();
    return {
      target: { kind: 'postgres', url, template: TEMPLATE_DB, prefix: `${RUN}_` },
      remove: async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [`${RUN}_`]);
        for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rostrum-test-'));
  const pglite = await PGlite.create();
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  await migrateToLatest(db);
  await syncReferenceMissions(db as unknown as Database, systemClock);
  await syncCouncilData(db as unknown as Database, systemClock);
  const dump = await pglite.dumpDataDir('none');
  const file = path.join(dir, 'snapshot.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  return { target: { kind: 'pglite', snapshot: file }, remove: () => rm(dir, { recursive: true, force: true }) };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: Target;
  }
}
