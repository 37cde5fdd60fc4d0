// Where a queued e-mail goes. The default needs nothing configured: the message stays in kernel.mail, marked as
// delivered to the outbox, for the help desk and the Secretariat to read on /outbox and the operator with
// `rostrum outbox`; given a folder, it is also written there as a file (see outbox-folder.ts).
import nodemailer from 'nodemailer';
import { systemClock, type Clock } from '../clock.js';
import type { MailRow } from './mailer.js';
import { writeOutboxFile } from './outbox-folder.js';

export interface MailTransport {
  readonly name: 'smtp' | 'outbox';
  /** Throws when the message was not accepted; the job then retries. */
  send(mail: MailRow): Promise<{ messageId: string | null }>;
  close?(): void;
}

export function outboxTransport(options: { folder?: string; clock?: Clock } = {}): MailTransport {
  const { folder, clock = systemClock } = options;
  return {
    name: 'outbox',
    // Delivery is the row itself (the send job records transport 'outbox' and sent_at), and its file if asked.
    async send(mail) {
      if (folder !== undefined) await writeOutboxFile(folder, mail, clock.now());
      return { messageId: null };
    },
  };
}

export function smtpTransport(url: string, from: string): MailTransport {
  // Created on first use: building the app (and tests) must not depend on the SMTP server being reachable.
  let transporter: ReturnType<typeof nodemailer.createTransport> | undefined;
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return {
    name: 'smtp',
    async send(mail) {
      transporter ??= nodemailer.createTransport(url);
      const info = await transporter.sendMail({
        from,
        to: mail.recipients,
        subject: mail.subject,
        text: mail.text_body,
        ...(mail.html_body !== null ? { html: mail.html_body } : {}),
        // The same Message-ID on every attempt lets receiving servers and clients drop the duplicate if a retry
        // resends a message that had in fact been accepted just before a crash.
        messageId: `<rostrum.${mail.id}.${mail.created_at.getTime()}@${domain}>`,
      });
      return { messageId: typeof info.messageId === 'string' ? info.messageId : null };
    },
    close() {
      transporter?.close();
      transporter = undefined;
    },
  };
}
