// "I forgot my password": when an active account has the address, a single-use link is e-mailed to it. The page
// must not tell which addresses have accounts, by its words or by its timing: the request only queues a job with the
// address typed (one row, whatever the address), and the job looks the account up and sends the mail, or does
// nothing. The form is also limited per network address (SIGN_IN_RATE_PER_MINUTE), and mails per account.
import { z } from 'zod';
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { defineJob, type JobDefinition } from '../../../kernel/jobs/registry.js';
import { queueMail, type OutgoingMail } from '../../../kernel/mail/index.js';
import { issueLink } from '../links.js';
import { anonymousAuditActor, findAccountByEmail } from './sign-in.js';

/** At most this many reset e-mails per account in a quarter of an hour, so the form cannot flood someone's inbox. */
export const RESET_MAILS_PER_15_MINUTES = 3;

export const SEND_PASSWORD_RESET = 'identity.send-password-reset';

const payload = z.object({ email: z.string().min(1).max(254) });

export function passwordResetMail(o: { to: string; name: string; link: string; minutes: number }): OutgoingMail {
  return {
    to: [o.to],
    subject: 'Rostrum: choose a new password',
    text: [
      `Dear ${o.name},`,
      '',
      'Someone asked to reset the password of your Rostrum account. If it was you, choose a new password by opening this link:',
      '',
      o.link,
      '',
      `The link works once, within ${o.minutes} minutes. Choosing a new password signs you out everywhere you are signed in.`,
      '',
      'If you did not ask for this, you can ignore this message: your password has not changed. If you receive such messages often, ' +
        'tell the help desk.',
      '',
      'Rostrum',
    ].join('\n'),
  };
}

/** Queues the request: the same single write for every address typed. */
export async function requestPasswordReset(trx: Transaction, clock: Clock, email: string): Promise<void> {
  await enqueue(trx, clock, SEND_PASSWORD_RESET, { email: email.trim().toLowerCase() });
}

/** Sends the link if an active account with a password has the address, within the limit of mails per account. */
export function passwordResetJob(settings: { publicUrl: string; resetLinkMinutes: number }): JobDefinition<z.infer<typeof payload>> {
  return defineJob({
    kind: SEND_PASSWORD_RESET,
    payload,
    maxAttempts: 3,
    async handler({ email }, { db, clock }) {
      const account = await findAccountByEmail(db, email);
      if (!account || account.disabled_at !== null || account.password_hash === null) return;
      await db.transaction().execute(async (trx) => {
        const since = new Date(clock.now().getTime() - 15 * 60_000);
        const recent = await trx
          .selectFrom('identity.links')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('account_id', '=', account.id)
          .where('purpose', '=', 'password_reset')
          .where('created_at', '>', since)
          .executeTakeFirstOrThrow();
        if (Number(recent.n) >= RESET_MAILS_PER_15_MINUTES) return;
        const link = await issueLink(trx, clock, {
          accountId: account.id,
          purpose: 'password_reset',
          createdBy: null,
          ttlMinutes: settings.resetLinkMinutes,
        });
        await queueMail(
          trx,
          clock,
          passwordResetMail({
            to: account.email,
            name: account.display_name,
            link: `${settings.publicUrl}${link.path}`,
            minutes: settings.resetLinkMinutes,
          }),
        );
        await recordAudit(trx, clock, {
          action: 'auth.password_reset_requested',
          actor: anonymousAuditActor,
          subject: { type: 'account', id: account.id },
          data: { mission: account.organisation },
        });
      });
    },
  });
}
