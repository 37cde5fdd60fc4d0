// The 'mail.send' job. Sending and recording are two steps that cannot share a transaction (SMTP is not
// transactional): a crash between them resends on retry, so delivery is at least once, and the stable Message-ID
// set by the SMTP transport lets receivers recognise the duplicate. A row already marked sent is never sent again.
// Once a message has left for a mail server, the copy kept here loses the secret of every single-use link it carried
// (invitations, password resets, sign-in links): whoever reads the table later cannot use them. In the outbox (no
// mail server configured) the stored message is the delivery itself, so it keeps its links.
import { z } from 'zod';
import { defineJob, type JobDefinition } from '../jobs/registry.js';
import { MAIL_MAX_ATTEMPTS, MAIL_SEND_KIND } from './mailer.js';
import type { MailTransport } from './transports.js';

// One schema object for every transport the factory is given, so the registry sees one definition of the kind.
const payload = z.object({ mailId: z.number().int().positive() });

// A link's secret: the 43-character token (32 random bytes, base64url) that ends a path in a web address.
const LINK_SECRET = /(https?:\/\/[^\s"'<>]*\/)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/** A message's text with the secret of each link replaced by a note, so the link no longer works from this copy. */
export function withoutLinkSecrets(text: string): string {
  return text.replace(LINK_SECRET, '$1[removed once sent]');
}

export function mailSendJob(transport: MailTransport): JobDefinition<{ mailId: number }> {
  return defineJob({
    kind: MAIL_SEND_KIND,
    payload,
    maxAttempts: MAIL_MAX_ATTEMPTS,
    async handler({ mailId }, ctx) {
      const mail = await ctx.db.selectFrom('kernel.mail').selectAll().where('id', '=', mailId).executeTakeFirst();
      if (!mail) {
        // Mail and job are written together, so only a manual deletion gets here; retrying could not help.
        ctx.log.warn({ mailId, jobId: ctx.jobId }, 'mail.send: the message no longer exists; nothing to send');
        return;
      }
      if (mail.sent_at !== null) return;
      const { messageId } = await transport.send(mail);
      const delivered =
        transport.name === 'outbox'
          ? {}
          : {
              text_body: withoutLinkSecrets(mail.text_body),
              html_body: mail.html_body === null ? null : withoutLinkSecrets(mail.html_body),
            };
      await ctx.db
        .updateTable('kernel.mail')
        .set({ sent_at: ctx.clock.now(), transport: transport.name, message_id: messageId, ...delivered })
        .where('id', '=', mailId)
        .where('sent_at', 'is', null)
        .execute();
    },
  });
}
