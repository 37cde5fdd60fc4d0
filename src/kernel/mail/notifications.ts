// Notifications: e-mails that tell one person of one event (a late submission allowed, a statement accepted, a
// document issued). Each is queued like any mail, in the transaction of the event or of the job that fans it out,
// with a row in kernel.notifications_sent under the event's key and the account told: a second attempt to tell the
// same person of the same event (a retried job, a command run again) finds the row and queues nothing.
import type { Clock } from '../clock.js';
import type { Database, Transaction } from '../db/database.js';
import { queueMail, type OutgoingMail } from './mailer.js';

export interface Notification {
  /** What happened, as a key unique to the event: 'statement.accepted:<revision id>'. */
  event: string;
  /** The account told; the mail goes to its address. */
  accountId: string;
  mail: OutgoingMail;
}

/** Queues the notification unless this account was already told of this event; true when it was queued now. */
export async function queueNotification(trx: Transaction, clock: Clock, n: Notification): Promise<boolean> {
  // The row first: two attempts at once queue one mail, the second waiting on the first's row until it commits.
  const claimed = await trx
    .insertInto('kernel.notifications_sent')
    .values({ event: n.event, account_id: n.accountId, mail_id: null, queued_at: clock.now() })
    .onConflict((oc) => oc.columns(['event', 'account_id']).doNothing())
    .returning('event')
    .executeTakeFirst();
  if (!claimed) return false;
  const { mailId } = await queueMail(trx, clock, n.mail);
  await trx
    .updateTable('kernel.notifications_sent')
    .set({ mail_id: mailId })
    .where('event', '=', n.event)
    .where('account_id', '=', n.accountId)
    .execute();
  return true;
}

/** How many notifications one transaction of a fan-out queues (each is four short statements). */
export const NOTIFICATION_BATCH = 50;

/**
 * Queues many notifications from a background job, a batch per transaction. Each batch commits on its own: no
 * transaction holds a connection for long (PGlite has one, which every request waits for), and a job retried after a
 * failure part-way resumes where it stopped, the people already told being skipped by their rows. Returns how many
 * were queued now.
 */
export async function queueNotificationsInBatches(
  db: Database,
  clock: Clock,
  notifications: readonly Notification[],
  batch = NOTIFICATION_BATCH,
): Promise<number> {
  let queued = 0;
  for (let i = 0; i < notifications.length; i += batch) {
    const part = notifications.slice(i, i + batch);
    await db.transaction().execute(async (trx) => {
      for (const n of part) if (await queueNotification(trx, clock, n)) queued++;
    });
  }
  return queued;
}
