// Frozen: never edit after it lands, never import application code. Later changes are new files.
// The Secretariat's review of a statement: each decision (accepted, or returned for correction with a reason) is
// about one revision, kept as a history; the current decision is the latest about the current revision.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE statements.reviews (
      id            uuid PRIMARY KEY,
      submission_id uuid NOT NULL REFERENCES statements.submissions (id),
      revision_id   uuid NOT NULL REFERENCES statements.revisions (id),
      decision      text NOT NULL CHECK (decision IN ('accepted', 'returned')),
      reason        text CHECK (length(reason) BETWEEN 3 AND 2000),
      decided_at    timestamptz NOT NULL,
      decided_by    uuid NOT NULL REFERENCES identity.accounts (id),
      CHECK ((decision = 'returned') = (reason IS NOT NULL))
    );
    CREATE INDEX reviews_revision ON statements.reviews (revision_id, decided_at DESC);
    CREATE INDEX reviews_submission ON statements.reviews (submission_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE statements.reviews;`.execute(db);
}
