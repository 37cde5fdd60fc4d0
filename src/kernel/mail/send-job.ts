// The 'mail.send' job. Sending and recording are two steps that cannot share a transaction (SMTP is not
// transactional): a crash between them resends on retry, so delivery is at least once, and the stable Message-ID
// set by the SMTP transport lets receivers recognise the duplicate. A row already marked sent is never sent again.
import { z } from 'zod';
import { defineJob, type JobDefinition } from '../jobs/registry.js';
import { MAIL_MAX_ATTEMPTS, MAIL_SEND_KIND } from './mailer.js';
import type { MailTransport } from './transports.js';

// One schema object for every transport the factory is given, so the registry sees one definition of the kind.
const payload = z.object({ mailId: z.number().int().positive() });

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
      await ctx.db
        .updateTable('kernel.mail')
        .set({ sent_at: ctx.clock.now(), transport: transport.name, message_id: messageId })
        .where('id', '=', mailId)
        .where('sent_at', 'is', null)
        .execute();
    },
  });
}
