// Mail is queued, never sent, inside a request: the row and its 'mail.send' job are written in the command's
// transaction, so an e-mail leaves only if the change it announces was committed, and a crash after the commit
// cannot lose it (the job is still in the table). The kernel.mail table doubles as the outbox an operator reads
// when no SMTP server is configured.
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Database, Transaction } from '../db/database.js';
import type { MailTable } from '../db/kernel-tables.js';
import { AppError } from '../errors.js';
import { enqueue } from '../jobs/enqueue.js';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

export type MailRow = Selectable<MailTable>;

export const MAIL_SEND_KIND = 'mail.send';
// With the runner's backoff this keeps trying for about an hour and a half: long enough to ride out an SMTP outage.
export const MAIL_MAX_ATTEMPTS = 10;

const outgoingMail = z.object({
  to: z.array(z.email()).min(1),
  // A line break in a subject is a header-injection attempt or a template bug; either way, not sent.
  subject: z
    .string()
    .trim()
    .min(1)
    .regex(/^[^\r\n]*$/, 'must be a single line'),
  text: z.string().min(1),
  html: z.string().min(1).optional(),
});

export async function queueMail(trx: Transaction, clock: Clock, mail: OutgoingMail): Promise<{ mailId: number; jobId: number }> {
  const parsed = outgoingMail.safeParse(mail);
  if (!parsed.success) throw new AppError('mail.invalid', { detail: z.prettifyError(parsed.error) });
  const m = parsed.data;
  const row = await trx
    .insertInto('kernel.mail')
    .values({
      recipients: m.to,
      subject: m.subject,
      text_body: m.text,
      html_body: m.html ?? null,
      transport: null,
      message_id: null,
      created_at: clock.now(),
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const jobId = await enqueue(trx, clock, MAIL_SEND_KIND, { mailId: row.id }, { maxAttempts: MAIL_MAX_ATTEMPTS });
  return { mailId: row.id, jobId };
}

/** Newest first, sent or not: what `rostrum outbox` prints. */
export async function listOutbox(db: Database, options: { limit: number }): Promise<MailRow[]> {
  return db.selectFrom('kernel.mail').selectAll().orderBy('id', 'desc').limit(options.limit).execute();
}

/** How many messages the outbox page shows at a time. */
export const OUTBOX_PAGE_SIZE = 50;

/**
 * The outbox page's messages: those not sent over SMTP (delivered to the outbox, or queued for it), newest first,
 * `OUTBOX_PAGE_SIZE` at a time, older than `before` (a message id) when given; `more` when older ones remain.
 */
export async function outboxMessages(db: Database, options: { before?: number } = {}): Promise<{ mails: MailRow[]; more: boolean }> {
  let query = db
    .selectFrom('kernel.mail')
    .selectAll()
    .where((eb) => eb.or([eb('transport', 'is', null), eb('transport', '=', 'outbox')]))
    .orderBy('id', 'desc')
    .limit(OUTBOX_PAGE_SIZE + 1);
  if (options.before !== undefined) query = query.where('id', '<', options.before);
  const rows = await query.execute();
  return { mails: rows.slice(0, OUTBOX_PAGE_SIZE), more: rows.length > OUTBOX_PAGE_SIZE };
}

/** One message of the outbox page; undefined when there is none by that id, or it went out over SMTP. */
export async function outboxMessage(db: Database, id: number): Promise<MailRow | undefined> {
  return db
    .selectFrom('kernel.mail')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('transport', 'is', null), eb('transport', '=', 'outbox')]))
    .executeTakeFirst();
}
