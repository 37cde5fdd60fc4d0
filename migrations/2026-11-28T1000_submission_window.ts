// Frozen: never edit after it lands, never import application code. Later changes are new files.
// The submission window as constrained columns (after Indico's call for abstracts: start, end, a separate
// modification end, and the people allowed to submit late), not settings.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Null modification deadline: replacing or withdrawing a statement ends with the submission deadline. When set,
    -- it is at or after the deadline (as Indico's modification end): a delegation may always correct what it sent
    -- while it may still send.
    ALTER TABLE meetings.debates
      ADD COLUMN modification_deadline timestamptz,
      ADD COLUMN grace_minutes integer NOT NULL DEFAULT 0 CHECK (grace_minutes BETWEEN 0 AND 1440),
      ADD CONSTRAINT debates_modification_after_deadline CHECK (modification_deadline IS NULL OR modification_deadline >= submission_deadline);
    COMMENT ON COLUMN meetings.debates.submission_deadline IS 'the last instant on time (inclusive); by default 23:59:59.999 on the meeting day in the debate''s zone';
    COMMENT ON COLUMN meetings.debates.modification_deadline IS 'the last instant to replace or withdraw a statement; null: the submission deadline';
    COMMENT ON COLUMN meetings.debates.grace_minutes IS 'minutes every delegation is given after each deadline; stated on the page, never hidden';

    -- Late submission allowed to one delegation, with the Secretariat's reason. Revoking keeps the row; one current
    -- (unrevoked) grant per delegation per debate. The debate's own rows go with it (like its briefers).
    CREATE TABLE meetings.late_grants (
      id          uuid PRIMARY KEY,
      debate_id   uuid NOT NULL REFERENCES meetings.debates (id) ON DELETE CASCADE,
      delegation  text NOT NULL REFERENCES delegations.missions (code),
      until       timestamptz NOT NULL,
      reason      text NOT NULL CHECK (length(reason) BETWEEN 3 AND 1000),
      granted_at  timestamptz NOT NULL,
      granted_by  uuid NOT NULL REFERENCES identity.accounts (id),
      revoked_at  timestamptz,
      revoked_by  uuid REFERENCES identity.accounts (id),
      CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
      CHECK (revoked_at IS NULL OR revoked_at >= granted_at)
    );
    CREATE UNIQUE INDEX late_grants_current ON meetings.late_grants (debate_id, delegation) WHERE revoked_at IS NULL;
    CREATE INDEX late_grants_delegation ON meetings.late_grants (delegation);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE meetings.late_grants;
    ALTER TABLE meetings.debates DROP CONSTRAINT debates_modification_after_deadline, DROP COLUMN grace_minutes, DROP COLUMN modification_deadline;
    COMMENT ON COLUMN meetings.debates.submission_deadline IS NULL;
  `.execute(db);
}
