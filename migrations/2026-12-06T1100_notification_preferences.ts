// Frozen: never edit after it lands, never import application code. Later changes are new files.
// Which notifications a person receives by e-mail: a late submission allowed for their mission, their mission's
// statement accepted, the compilation issued with it, the announcement letter issued. Every one is on until the person
// turns it off on their account page, so an account without a row receives them all. Receipts and mails about the
// account's security are not notifications and cannot be turned off.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE identity.notification_preferences (
      account_id              uuid PRIMARY KEY REFERENCES identity.accounts (id) ON DELETE CASCADE,
      late_submission_allowed boolean NOT NULL DEFAULT true,
      statement_accepted      boolean NOT NULL DEFAULT true,
      compilation_issued      boolean NOT NULL DEFAULT true,
      letter_issued           boolean NOT NULL DEFAULT true,
      updated_at              timestamptz NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE identity.notification_preferences;`.execute(db);
}
