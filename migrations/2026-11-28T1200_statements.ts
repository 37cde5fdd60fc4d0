// Frozen: never edit after it lands, never import application code. Later changes are new files.
// Written statements. The delegation (the mission) is the submitter: one submission per delegation per debate,
// whose history is a chain of immutable revisions (each upload, each withdrawal), each with its signed receipt.
// A draft holds what a delegate uploaded and typed until they confirm it, so a failed or interrupted submission
// loses nothing.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SCHEMA statements;

    CREATE TABLE statements.submissions (
      id            uuid PRIMARY KEY,
      debate_id     uuid NOT NULL REFERENCES meetings.debates (id),
      delegation    text NOT NULL REFERENCES delegations.missions (code),
      state         text NOT NULL CHECK (state IN ('submitted', 'withdrawn')),
      current_revision uuid NOT NULL,
      revisions     integer NOT NULL CHECK (revisions >= 1),
      created_at    timestamptz NOT NULL,
      updated_at    timestamptz NOT NULL,
      UNIQUE (debate_id, delegation)
    );
    CREATE INDEX submissions_delegation ON statements.submissions (delegation);

    CREATE TABLE statements.revisions (
      id               uuid PRIMARY KEY,
      submission_id    uuid NOT NULL REFERENCES statements.submissions (id),
      seq              integer NOT NULL CHECK (seq >= 1),
      action           text NOT NULL CHECK (action IN ('submit', 'withdraw')),
      statement_sha256 text REFERENCES kernel.blobs (sha256),
      statement_name   text,
      cover_sha256     text REFERENCES kernel.blobs (sha256),
      cover_type       text CHECK (cover_type IN ('docx', 'pdf')),
      cover_name       text,
      signatory_id     uuid REFERENCES delegations.signatories (id),
      signatory_name   text,
      signatory_title  text,
      original_language text CHECK (original_language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
      on_behalf_of     text CHECK (length(on_behalf_of) BETWEEN 2 AND 300),
      group_members    text[] NOT NULL DEFAULT '{}',
      words            integer CHECK (words >= 0),
      footnote_words   integer CHECK (footnote_words >= 0),
      warnings         jsonb NOT NULL DEFAULT '[]'::jsonb,
      content          jsonb,
      late             boolean NOT NULL DEFAULT false,
      via              text NOT NULL CHECK (via IN ('web', 'api', 'secretariat')),
      receipt_reference text NOT NULL UNIQUE,
      receipt          jsonb NOT NULL,
      receipt_signature text NOT NULL,
      created_at       timestamptz NOT NULL,
      created_by       uuid NOT NULL REFERENCES identity.accounts (id),
      UNIQUE (submission_id, seq),
      CHECK ((action = 'submit') = (statement_sha256 IS NOT NULL AND cover_sha256 IS NOT NULL AND signatory_name IS NOT NULL AND original_language IS NOT NULL AND words IS NOT NULL))
    );
    -- A revision is evidence: what was received, when, under which receipt. Never changed, never removed.
    CREATE TRIGGER revisions_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON statements.revisions
      FOR EACH STATEMENT EXECUTE FUNCTION kernel.refuse_change();
    ALTER TABLE statements.submissions ADD CONSTRAINT submissions_current_revision
      FOREIGN KEY (current_revision) REFERENCES statements.revisions (id) DEFERRABLE INITIALLY DEFERRED;

    -- What a delegate uploaded and chose, checked, waiting for confirmation. Kept per person so a new sign-in finds it.
    CREATE TABLE statements.drafts (
      id               uuid PRIMARY KEY,
      debate_id        uuid NOT NULL REFERENCES meetings.debates (id) ON DELETE CASCADE,
      delegation       text NOT NULL REFERENCES delegations.missions (code),
      account_id       uuid NOT NULL REFERENCES identity.accounts (id),
      statement_sha256 text REFERENCES kernel.blobs (sha256),
      statement_name   text,
      statement_check  jsonb,
      cover_sha256     text REFERENCES kernel.blobs (sha256),
      cover_name       text,
      cover_check      jsonb,
      choices          jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at       timestamptz NOT NULL,
      updated_at       timestamptz NOT NULL,
      UNIQUE (debate_id, account_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP SCHEMA statements CASCADE;`.execute(db);
}
