// Frozen: never edit after it lands, never import application code. Later changes are new files.
// Hand-corrected finals: after a compilation (or its corrigendum) is issued, the Secretariat may upload a DOCX or PDF
// corrected by hand, which the public download of that format then serves instead of the generated file. The
// generated file stays where it is (documents.renditions); each upload is a new version of the run's final in that
// format, and none is ever changed or removed, so the history of what was published stays whole.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE compilation.finals (
      id          uuid PRIMARY KEY,
      run_id      uuid NOT NULL REFERENCES compilation.runs (id),
      format      text NOT NULL CHECK (format IN ('docx', 'pdf')),
      version     integer NOT NULL CHECK (version >= 1),
      blob_sha256 text NOT NULL REFERENCES kernel.blobs (sha256),
      size        integer NOT NULL CHECK (size > 0),
      file_name   text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
      uploaded_at timestamptz NOT NULL,
      uploaded_by uuid REFERENCES identity.accounts (id),
      UNIQUE (run_id, format, version)
    );
    CREATE TRIGGER finals_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON compilation.finals
      FOR EACH STATEMENT EXECUTE FUNCTION kernel.refuse_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE compilation.finals;`.execute(db);
}
