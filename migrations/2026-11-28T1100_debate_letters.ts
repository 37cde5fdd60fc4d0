// Frozen: never edit after it lands, never import application code. Later changes are new files.
// Debates become editable (a version for concurrent edits, who changed them), carry what their announcement letter
// needs (sender, signer, languages of the originals), who may submit beyond the default, and when to remind; and the
// documents module keeps every generation of a document with the state of each format.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE meetings.debates
      ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      ADD COLUMN created_by uuid REFERENCES identity.accounts (id),
      ADD COLUMN updated_by uuid REFERENCES identity.accounts (id),
      ADD COLUMN letter_sender_title text NOT NULL DEFAULT 'Permanent Representative'
        CHECK (letter_sender_title IN ('Permanent Representative', 'Chargé d''affaires a.i.')),
      ADD COLUMN letter_signed_by text CHECK (length(letter_signed_by) BETWEEN 2 AND 200),
      ADD COLUMN letter_signature_lines text[] NOT NULL DEFAULT '{}' CHECK (cardinality(letter_signature_lines) <= 6),
      ADD COLUMN letter_original text NOT NULL DEFAULT 'en' CHECK (letter_original IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
      ADD COLUMN concept_note_original text NOT NULL DEFAULT 'en' CHECK (concept_note_original IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
      ADD COLUMN reminder_hours integer DEFAULT 48 CHECK (reminder_hours BETWEEN 1 AND 720),
      ADD CONSTRAINT debates_theme_length CHECK (length(theme) BETWEEN 3 AND 300),
      ADD CONSTRAINT debates_agenda_item_length CHECK (length(agenda_item) BETWEEN 3 AND 300);
    COMMENT ON COLUMN meetings.debates.version IS 'raised by every edit; an edit names the version it started from';
    COMMENT ON COLUMN meetings.debates.letter_signed_by IS 'who signs the announcement letter; null: the chair';
    COMMENT ON COLUMN meetings.debates.letter_signature_lines IS 'the signer''s function, a printed line each; empty: generated from the sender''s title';
    COMMENT ON COLUMN meetings.debates.reminder_hours IS 'hours before the deadline at which delegations that have not submitted are reminded; null: none';

    -- Entities (and any other mission) the Secretariat allows to submit beyond the default: the States not on the
    -- Council on the meeting day.
    CREATE TABLE meetings.eligible_entities (
      debate_id  uuid NOT NULL REFERENCES meetings.debates (id) ON DELETE CASCADE,
      delegation text NOT NULL REFERENCES delegations.missions (code),
      added_at   timestamptz NOT NULL,
      added_by   uuid REFERENCES identity.accounts (id),
      PRIMARY KEY (debate_id, delegation)
    );

    -- One reminder per delegation per deadline: a retried job or a second run never mails twice.
    CREATE TABLE meetings.reminders_sent (
      debate_id  uuid NOT NULL REFERENCES meetings.debates (id) ON DELETE CASCADE,
      delegation text NOT NULL REFERENCES delegations.missions (code),
      deadline   timestamptz NOT NULL,
      sent_at    timestamptz NOT NULL,
      PRIMARY KEY (debate_id, delegation, deadline)
    );

    -- Each request to render a document: the exact model rendered (so a rebuild uses the same input) and its hash.
    CREATE TABLE documents.generations (
      id           uuid PRIMARY KEY,
      document     text NOT NULL CHECK (document IN ('announcement_letter', 'compilation')),
      subject_id   uuid NOT NULL,
      symbol       text REFERENCES documents.symbols (symbol),
      model        jsonb NOT NULL,
      model_sha256 text NOT NULL CHECK (model_sha256 ~ '^[0-9a-f]{64}$'),
      requested_at timestamptz NOT NULL,
      requested_by uuid REFERENCES identity.accounts (id)
    );
    CREATE INDEX generations_subject ON documents.generations (document, subject_id, requested_at DESC);

    -- One row per format of a generation: its state, the stored file, or why there is none.
    CREATE TABLE documents.renditions (
      generation_id uuid NOT NULL REFERENCES documents.generations (id) ON DELETE CASCADE,
      format        text NOT NULL CHECK (format IN ('docx', 'pdf', 'html', 'akn')),
      status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'unavailable')),
      blob_sha256   text REFERENCES kernel.blobs (sha256),
      size          integer CHECK (size >= 0),
      error         text,
      started_at    timestamptz,
      finished_at   timestamptz,
      duration_ms   integer CHECK (duration_ms >= 0),
      PRIMARY KEY (generation_id, format),
      CHECK ((status = 'done') = (blob_sha256 IS NOT NULL)),
      CHECK (status NOT IN ('failed', 'unavailable') OR error IS NOT NULL)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE documents.renditions;
    DROP TABLE documents.generations;
    DROP TABLE meetings.reminders_sent;
    DROP TABLE meetings.eligible_entities;
    ALTER TABLE meetings.debates
      DROP CONSTRAINT debates_agenda_item_length, DROP CONSTRAINT debates_theme_length,
      DROP COLUMN reminder_hours, DROP COLUMN concept_note_original, DROP COLUMN letter_original,
      DROP COLUMN letter_signature_lines, DROP COLUMN letter_signed_by, DROP COLUMN letter_sender_title,
      DROP COLUMN updated_by, DROP COLUMN created_by, DROP COLUMN version;
  `.execute(db);
}
