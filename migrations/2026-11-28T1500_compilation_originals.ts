// Frozen: never edit after it lands, never import application code. Later changes are new files.
// Each compilation run keeps a ZIP of the original files it was built from (every statement and cover letter).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE compilation.runs ADD COLUMN originals_sha256 text REFERENCES kernel.blobs (sha256);`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE compilation.runs DROP COLUMN originals_sha256;`.execute(db);
}
