// Runs the dated migrations in migrations/ in name order, under the migrator's lock (an advisory lock on
// PostgreSQL, so concurrent starts do not race). Works from the TypeScript sources and the compiled build.
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet, type Kysely } from 'kysely';
import { AppError } from '../errors.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// src/kernel/db -> <root>/migrations, and dist/src/kernel/db -> dist/migrations.
export const migrationsDir = path.resolve(here, '../../../migrations');

const MIGRATION_FILE = /^\d{4}-\d{2}-\d{2}T\d{4}_[a-z0-9_-]+\.(ts|js)$/;

class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(migrationsDir)).filter((f) => MIGRATION_FILE.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const name = file.replace(/\.(ts|js)$/, '');
      migrations[name] = (await import(pathToFileURL(path.join(migrationsDir, file)).href)) as Migration;
    }
    return migrations;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema
export function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new FolderProvider(), migrationTableSchema: 'public' });
}

/** Brings the schema up to date; returns the names applied now. Throws if one fails (nothing half-applied). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('config.migration_failed', {
      detail: `Migration ${failed} failed: ${result.error instanceof Error ? result.error.message : String(result.error)}`,
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
