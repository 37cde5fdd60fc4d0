// Frozen: never edit after it lands, never import application code. Later changes are new files.
// Compilation runs: each build of a debate's compilation is a record of exactly what went in (the revisions by id
// and hash, the order policy, the procedural text) and of the generation that rendered it. Issuing a run gives it
// its symbol and publishes it; an issued run never changes, and a correction is a new run against it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SCHEMA compilation;

    CREATE TABLE compilation.runs (
      id            uuid PRIMARY KEY,
      debate_id     uuid NOT NULL REFERENCES meetings.debates (id),
      seq           integer NOT NULL CHECK (seq >= 1),
      inputs        jsonb NOT NULL,
      inputs_sha256 text NOT NULL CHECK (inputs_sha256 ~ '^[0-9a-f]{64}$'),
      generation_id uuid NOT NULL REFERENCES documents.generations (id),
      corrects      uuid REFERENCES compilation.runs (id),
      symbol        text REFERENCES documents.symbols (symbol),
      created_at    timestamptz NOT NULL,
      created_by    uuid REFERENCES identity.accounts (id),
      issued_at     timestamptz,
      issued_by     uuid REFERENCES identity.accounts (id),
      UNIQUE (debate_id, seq),
      CHECK ((issued_at IS NULL) = (symbol IS NULL)),
      CHECK ((issued_at IS NULL) = (issued_by IS NULL))
    );
    CREATE INDEX runs_debate ON compilation.runs (debate_id, seq DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP SCHEMA compilation CASCADE;`.execute(db);
}
