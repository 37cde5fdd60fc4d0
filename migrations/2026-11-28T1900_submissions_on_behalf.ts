// Frozen: never edit after it lands, never import application code. Later changes are new files.
// A statement that reached the Secretariat by e-mail and was entered by an officer on the mission's behalf: the
// revision keeps the officer's note ("received by e-mail on ...") and, when it was entered after the deadline, the
// time the officer states it was received, before the deadline. created_by is the officer; via is 'secretariat'.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE statements.revisions
      ADD COLUMN secretariat_note text CHECK (length(secretariat_note) BETWEEN 3 AND 500),
      ADD COLUMN received_before_deadline_at timestamptz,
      ADD CONSTRAINT revisions_secretariat_note CHECK ((via = 'secretariat') = (secretariat_note IS NOT NULL)),
      ADD CONSTRAINT revisions_received_before_deadline CHECK (received_before_deadline_at IS NULL OR via = 'secretariat');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE statements.revisions
      DROP CONSTRAINT revisions_received_before_deadline,
      DROP CONSTRAINT revisions_secretariat_note,
      DROP COLUMN received_before_deadline_at,
      DROP COLUMN secretariat_note;
  `.execute(db);
}
