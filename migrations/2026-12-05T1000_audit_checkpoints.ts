// Frozen: never edit after it lands, never import application code. Later changes are new files.
// The audit log without a head row. An entry is a plain insert that carries the SHA-256 of its own content
// (entry_hash), so appends take no lock beyond their own row. A sealer later gives committed entries their place in
// the chain (position, set once, in one statement per batch) and records a checkpoint: the number of entries sealed
// so far, the chain's hash after the last of them, and an Ed25519 signature by the installation's key.
// Entries written before keep their chained prev_hash and hash; their entry_hash is their hash, and the first seal
// gives them their positions in seq order like any other entry.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER audit_log_append_only ON kernel.audit_log;

    ALTER TABLE kernel.audit_log
      ADD COLUMN entry_hash text,
      ADD COLUMN position bigint UNIQUE,
      ALTER COLUMN prev_hash DROP NOT NULL,
      ALTER COLUMN hash DROP NOT NULL;
    UPDATE kernel.audit_log SET entry_hash = hash;
    ALTER TABLE kernel.audit_log
      ALTER COLUMN entry_hash SET NOT NULL,
      ADD CONSTRAINT audit_log_entry_hash_hex CHECK (entry_hash ~ '^[0-9a-f]{64}$'),
      ADD CONSTRAINT audit_log_position_positive CHECK (position > 0),
      -- An entry written before sealing has both of the old chain's hashes; a later one has neither.
      ADD CONSTRAINT audit_log_legacy_chain CHECK ((prev_hash IS NULL) = (hash IS NULL));
    -- Proofs and receipts find an entry by its hash; the sealer finds the entries still waiting for a position.
    CREATE INDEX audit_log_entry_hash ON kernel.audit_log (entry_hash);
    CREATE INDEX audit_log_unsealed ON kernel.audit_log (seq) WHERE position IS NULL;

    -- Append-only, except that sealing sets an entry's position once: every other column must stay as it was.
    CREATE FUNCTION kernel.audit_log_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.position IS NULL AND NEW.position IS NOT NULL
           AND (to_jsonb(NEW) - 'position') IS NOT DISTINCT FROM (to_jsonb(OLD) - 'position') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'kernel.audit_log is append-only: only sealing may change an entry, by setting its position once';
      END $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON kernel.audit_log
      FOR EACH ROW EXECUTE FUNCTION kernel.audit_log_seal_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON kernel.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION kernel.refuse_change();

    CREATE TABLE kernel.audit_checkpoints (
      -- The number of entries sealed so far, which is the position of the last of them.
      size      bigint PRIMARY KEY CHECK (size > 0),
      -- The chain's hash after that entry.
      head      text NOT NULL CHECK (head ~ '^[0-9a-f]{64}$'),
      sealed_at timestamptz NOT NULL,
      key_id    text NOT NULL CHECK (key_id ~ '^[0-9a-f]{16}$'),
      -- Ed25519 over the checkpoint's text, base64url without padding (64 bytes).
      signature text NOT NULL CHECK (signature ~ '^[A-Za-z0-9_-]{86}$')
    );
    CREATE FUNCTION kernel.refuse_checkpoint_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'kernel.audit_checkpoints is append-only'; END $$;
    CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON kernel.audit_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION kernel.refuse_checkpoint_change();

    DROP TABLE kernel.audit_head;
    DROP FUNCTION kernel.keep_audit_head();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Entries written since carry no chained hash, and the old format cannot take them: going back would lose them.
  await sql`
    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM kernel.audit_log WHERE hash IS NULL) THEN
        RAISE EXCEPTION 'kernel.audit_log holds entries written since checkpoints were introduced; they cannot be put back in the old chain';
      END IF;
    END $$;

    DROP TABLE kernel.audit_checkpoints;
    DROP FUNCTION kernel.refuse_checkpoint_change();
    DROP TRIGGER audit_log_no_truncate ON kernel.audit_log;
    DROP TRIGGER audit_log_append_only ON kernel.audit_log;
    DROP FUNCTION kernel.audit_log_seal_only();
    DROP INDEX kernel.audit_log_unsealed;
    DROP INDEX kernel.audit_log_entry_hash;
    ALTER TABLE kernel.audit_log
      DROP CONSTRAINT audit_log_legacy_chain,
      DROP COLUMN position,
      DROP COLUMN entry_hash,
      ALTER COLUMN prev_hash SET NOT NULL,
      ALTER COLUMN hash SET NOT NULL;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON kernel.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION kernel.refuse_change();

    CREATE TABLE kernel.audit_head (
      only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
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
