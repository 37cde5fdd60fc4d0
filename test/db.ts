// A fresh, migrated database for one test file, on the engine the run was started with.
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type OpenDatabase } from '../src/kernel/db/database.js';

export async function testDatabase(): Promise<OpenDatabase> {
  const target = inject('testDatabase');
  if (target.kind === 'pglite') {
    const snapshot = new Blob([await readFile(target.snapshot)]);
    return openDatabase({ kind: 'pglite', loadDataDir: snapshot });
  }
  const name = `${target.prefix}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: target.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${target.template}`);
  await admin.end();
  const url = new URL(target.url);
  url.pathname = `/${name}`;
  const open = await openDatabase({ kind: 'postgres', url: url.href, poolSize: 4 });
  return {
    ...open,
    async close() {
      await open.close();
      const c = new pg.Client({ connectionString: target.url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
