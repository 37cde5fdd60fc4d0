// Frozen: never edit after it lands, never import application code. Later changes are new files.
// The head of the audit log's hash chain, in a row of its own. An entry is appended by one statement that updates
// the head (the row lock orders concurrent writers, and a writer that waited reads the head its predecessor
// committed) and inserts the entry chained to the head it replaced. The log itself stays append-only; the head is
// only where the next entry starts, and `rostrum audit verify` checks that it is the last entry's hash.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE kernel.audit_head (
      only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      -- The last entry's hash, and the one before it (what the last append replaced).
      hash      text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
      prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$')
    );
    INSERT INTO kernel.audit_head (hash, prev_hash)
      SELECT coalesce(last.hash, repeat('0', 64)), coalesce(last.prev_hash, repeat('0', 64))
        FROM (SELECT 1) AS one
        LEFT JOIN (SELECT hash, prev_hash FROM kernel.audit_log ORDER BY seq DESC LIMIT 1) AS last ON true;
    CREATE FUNCTION kernel.keep_audit_head() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'kernel.audit_head always holds one row'; END $$;
    CREATE TRIGGER audit_head_kept BEFORE DELETE OR TRUNCATE ON kernel.audit_head
      FOR EACH STATEMENT EXECUTE FUNCTION kernel.keep_audit_head();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE kernel.audit_head; DROP FUNCTION kernel.keep_audit_head();`.execute(db);
}
