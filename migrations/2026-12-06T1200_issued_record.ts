// Frozen: never edit after it lands, never import application code. Later changes are new files.
// The issued record:
// - a symbol says who numbered it: this installation's own counter, or the documents service (entered by hand);
// - a delegation's statement enclosed in an issued compilation is frozen there: the submission names the symbol and
//   its annex number, and no revision can follow until the Secretariat reopens it for a corrigendum.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE documents.symbols ADD COLUMN numbered_by text NOT NULL DEFAULT 'installation'
      CHECK (numbered_by IN ('installation', 'documents_service'));
    ALTER TABLE statements.submissions ADD COLUMN issued_in text;
    ALTER TABLE statements.submissions ADD COLUMN issued_annex integer CHECK (issued_annex > 0);
    ALTER TABLE statements.submissions ADD CONSTRAINT submissions_issued_pair CHECK ((issued_in IS NULL) = (issued_annex IS NULL));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE statements.submissions DROP CONSTRAINT submissions_issued_pair;
    ALTER TABLE statements.submissions DROP COLUMN issued_annex;
    ALTER TABLE statements.submissions DROP COLUMN issued_in;
    ALTER TABLE documents.symbols DROP COLUMN numbered_by;
  `.execute(db);
}
