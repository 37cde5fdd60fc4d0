// Frozen: never edit after it lands, never import application code. Later changes are new files.
// The speakers of a debate's meeting, whose texts the compilation encloses besides the written statements: the
// briefers, the Council members, and the non-members who spoke live. One row per speaker with its place in the
// speaking order; each text received for it (uploaded by the Secretariat, or by a Council member's own delegates) is
// an immutable row of its own, so a compilation run that names a text keeps naming exactly that text.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE statements.speakers (
      id               uuid PRIMARY KEY,
      debate_id        uuid NOT NULL REFERENCES meetings.debates (id),
      kind             text NOT NULL CHECK (kind IN ('briefer', 'council', 'live')),
      position         integer NOT NULL CHECK (position >= 1),
      -- The announced briefer (meetings.briefers, by position) the Secretariat started from, when there was one. Not a
      -- foreign key: the debate form replaces the announced list on every edit, while what was said stays recorded.
      briefer_position integer CHECK (briefer_position >= 1),
      delegation       text REFERENCES delegations.missions (code),
      current_text     uuid NOT NULL,
      created_at       timestamptz NOT NULL,
      created_by       uuid NOT NULL REFERENCES identity.accounts (id),
      updated_at       timestamptz NOT NULL,
      removed_at       timestamptz,
      removed_by       uuid REFERENCES identity.accounts (id),
      CHECK ((kind = 'briefer') = (delegation IS NULL)),
      CHECK (kind = 'briefer' OR briefer_position IS NULL),
      CHECK ((removed_at IS NULL) = (removed_by IS NULL))
    );
    CREATE INDEX speakers_debate ON statements.speakers (debate_id, position);
    -- A delegation speaks once in a meeting: a second text for it replaces the first.
    CREATE UNIQUE INDEX speakers_delegation ON statements.speakers (debate_id, delegation) WHERE removed_at IS NULL AND delegation IS NOT NULL;

    CREATE TABLE statements.speaker_texts (
      id                uuid PRIMARY KEY,
      speaker_id        uuid NOT NULL REFERENCES statements.speakers (id),
      seq               integer NOT NULL CHECK (seq >= 1),
      speaker_name      text NOT NULL CHECK (length(speaker_name) BETWEEN 2 AND 200),
      speaker_title     text NOT NULL CHECK (length(speaker_title) BETWEEN 2 AND 300),
      original_language text NOT NULL CHECK (original_language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
      file_sha256       text NOT NULL REFERENCES kernel.blobs (sha256),
      file_name         text NOT NULL,
      words             integer NOT NULL CHECK (words >= 0),
      warnings          jsonb NOT NULL DEFAULT '[]'::jsonb,
      content           jsonb,
      via               text NOT NULL CHECK (via IN ('secretariat', 'delegation')),
      created_at        timestamptz NOT NULL,
      created_by        uuid NOT NULL REFERENCES identity.accounts (id),
      UNIQUE (speaker_id, seq)
    );
    -- A text is what was received: never changed, never removed.
    CREATE TRIGGER speaker_texts_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON statements.speaker_texts
      FOR EACH STATEMENT EXECUTE FUNCTION kernel.refuse_change();
    ALTER TABLE statements.speakers ADD CONSTRAINT speakers_current_text
      FOREIGN KEY (current_text) REFERENCES statements.speaker_texts (id) DEFERRABLE INITIALLY DEFERRED;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE statements.speakers DROP CONSTRAINT speakers_current_text;
    DROP TABLE statements.speaker_texts;
    DROP TABLE statements.speakers;
  `.execute(db);
}
