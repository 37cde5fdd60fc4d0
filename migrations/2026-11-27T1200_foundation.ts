// Frozen: never edit after it lands, never import application code. Later changes are new files.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SCHEMA kernel;
    CREATE SCHEMA identity;
    CREATE SCHEMA meetings;

    -- Append-only: each entry carries the hash of the previous one, so a changed or missing row is detectable.
    CREATE TABLE kernel.audit_log (
      seq          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at  timestamptz NOT NULL,
      actor_id     uuid,
      actor_label  text NOT NULL,
      action       text NOT NULL,
      subject_type text NOT NULL,
      subject_id   text,
      data         jsonb NOT NULL DEFAULT '{}'::jsonb,
      prev_hash    text NOT NULL,
      hash         text NOT NULL UNIQUE
    );
    CREATE INDEX audit_log_subject ON kernel.audit_log (subject_type, subject_id);
    CREATE FUNCTION kernel.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'kernel.audit_log is append-only'; END $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON kernel.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION kernel.refuse_change();

    CREATE TABLE kernel.jobs (
      id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind         text NOT NULL,
      payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
      status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
      attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
      run_at       timestamptz NOT NULL,
      locked_until timestamptz,
      last_error   text,
      errors       jsonb NOT NULL DEFAULT '[]'::jsonb,
      created_at   timestamptz NOT NULL,
      finished_at  timestamptz
    );
    CREATE INDEX jobs_due ON kernel.jobs (run_at) WHERE status IN ('queued', 'running');

    CREATE TABLE kernel.blobs (
      sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      size       integer NOT NULL CHECK (size >= 0),
      media_type text NOT NULL,
      content    bytea NOT NULL,
      created_at timestamptz NOT NULL
    );

    CREATE TABLE kernel.mail (
      id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      recipients  text[] NOT NULL CHECK (cardinality(recipients) > 0),
      subject     text NOT NULL,
      text_body   text NOT NULL,
      html_body   text,
      transport   text CHECK (transport IN ('smtp', 'outbox')),
      message_id  text,
      created_at  timestamptz NOT NULL,
      sent_at     timestamptz
    );

    CREATE TABLE identity.accounts (
      id            uuid PRIMARY KEY,
      email         text NOT NULL,
      display_name  text NOT NULL,
      role          text NOT NULL CHECK (role IN ('helpdesk', 'secretariat', 'focal_point', 'delegate')),
      organisation  text,
      password_hash text NOT NULL,
      created_at    timestamptz NOT NULL,
      disabled_at   timestamptz,
      CHECK ((role IN ('helpdesk', 'secretariat')) = (organisation IS NULL))
    );
    CREATE UNIQUE INDEX accounts_email ON identity.accounts (lower(email));

    CREATE TABLE meetings.debates (
      id             uuid PRIMARY KEY,
      slug           text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      body           text NOT NULL CHECK (body IN ('security_council')),
      kind           text NOT NULL DEFAULT 'open_debate' CHECK (kind IN ('open_debate')),
      agenda_item    text NOT NULL,
      theme          text NOT NULL,
      starts_at      timestamptz NOT NULL,
      time_zone      text NOT NULL DEFAULT 'America/New_York',
      format         text NOT NULL CHECK (format IN ('in_person', 'videoconference', 'hybrid')),
      presiding_state text NOT NULL CHECK (presiding_state ~ '^[A-Z]{3}$'),
      chair_name     text NOT NULL,
      chair_function text NOT NULL,
      concept_note   jsonb NOT NULL,
      guidance_note  jsonb NOT NULL,
      word_guidance  integer NOT NULL DEFAULT 500 CHECK (word_guidance > 0),
      submissions_open_at timestamptz NOT NULL,
      submission_deadline timestamptz NOT NULL,
      letter_date    date,
      created_at     timestamptz NOT NULL,
      updated_at     timestamptz NOT NULL,
      CHECK (submissions_open_at < submission_deadline)
    );
    CREATE INDEX debates_starts_at ON meetings.debates (starts_at);

    CREATE TABLE meetings.briefers (
      debate_id       uuid NOT NULL REFERENCES meetings.debates (id) ON DELETE CASCADE,
      position        integer NOT NULL CHECK (position > 0),
      name            text,
      function        text NOT NULL,
      to_be_confirmed boolean NOT NULL DEFAULT false,
      PRIMARY KEY (debate_id, position)
    );

    CREATE TABLE meetings.contacts (
      debate_id  uuid NOT NULL REFERENCES meetings.debates (id) ON DELETE CASCADE,
      position   integer NOT NULL CHECK (position > 0),
      purpose    text NOT NULL CHECK (purpose IN ('technical', 'substantive')),
      unit       text NOT NULL,
      phone      text,
      email      text,
      PRIMARY KEY (debate_id, position),
      CHECK (phone IS NOT NULL OR email IS NOT NULL)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP SCHEMA meetings CASCADE; DROP SCHEMA identity CASCADE; DROP SCHEMA kernel CASCADE;`.execute(db);
}
