// Fixtures for the notification tests: a module grant as the table holds it, a background job run on the jobs of its
// kind that are queued (as the runner would, without the other kinds), and the notifications queued, with their mails.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../src/kernel/clock.js';
import type { Database } from '../src/kernel/db/database.js';
import type { JobDefinition } from '../src/kernel/jobs/index.js';
import type { TestAccount } from './accounts.js';

const silent = { info() {}, warn() {}, error() {} };

/** The statements module given to a person (and taken back, with `revoked`). */
export async function grantStatements(db: Database, clock: Clock, person: TestAccount, o: { revoked?: boolean } = {}): Promise<void> {
  await db
    .insertInto('identity.module_grants')
    .values({
      id: randomUUID(),
      account_id: person.id,
      module: 'statements',
      granted_at: clock.now(),
      granted_by: null,
      revoked_at: o.revoked ? clock.now() : null,
      revoked_by: null,
    })
    .execute();
}

/** Runs the queued jobs of the definition's kind, oldest first, and marks them done; returns how many ran. */
export async function runQueuedJobs<P>(db: Database, clock: Clock, job: JobDefinition<P>): Promise<number> {
  const rows = await db
    .selectFrom('kernel.jobs')
    .select(['id', 'payload'])
    .where('kind', '=', job.kind)
    .where('status', '=', 'queued')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    await job.handler(job.payload.parse(row.payload), { db, clock, log: silent, attempt: 1, jobId: row.id });
    await db.updateTable('kernel.jobs').set({ status: 'done', finished_at: clock.now() }).where('id', '=', row.id).execute();
  }
  return rows.length;
}

export interface SentNotification {
  event: string;
  to: string[];
  subject: string;
  text: string;
}

/** The notifications queued for events whose key starts with `prefix`, in the order they were queued. */
export async function notificationsSent(db: Database, prefix = ''): Promise<SentNotification[]> {
  const rows = await db
    .selectFrom('kernel.notifications_sent as n')
    .innerJoin('kernel.mail as m', 'm.id', 'n.mail_id')
    .select(['n.event', 'm.recipients', 'm.subject', 'm.text_body'])
    .where('n.event', 'like', `${prefix.replace(/[\\%_]/g, '\\$&')}%`)
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ event: r.event, to: r.recipients, subject: r.subject, text: r.text_body }));
}

/** Who was told, each address once, sorted. */
export function addressesOf(sent: readonly SentNotification[]): string[] {
  return [...new Set(sent.flatMap((s) => s.to))].sort();
}
