// Frozen: never edit after it lands, never import application code. Later changes are new files.
// One row per notification e-mail queued: the event it tells of (a key such as 'statement.accepted:<revision id>')
// and the account told, written in the transaction that queues the mail. The primary key is the guard that tells no
// one of the same event twice, whatever retries the command or the job fanning it out goes through.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE kernel.notifications_sent (
      event      text NOT NULL CHECK (length(event) BETWEEN 1 AND 200),
      account_id uuid NOT NULL,
      mail_id    integer REFERENCES kernel.mail (id),
      queued_at  timestamptz NOT NULL,
      PRIMARY KEY (event, account_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE kernel.notifications_sent;`.execute(db);
}
