// "I forgot my password": when an active account has the address, a single-use link is e-mailed to it. The page
// answers the same either way, so it cannot be used to learn which addresses have accounts.
import { recordAudit } from '../../../kernel/audit.js';
import { queueMail, type OutgoingMail } from '../../../kernel/mail/index.js';
import { issueLink } from '../links.js';
import { anonymousAuditActor, findAccountByEmail, type AuthDeps } from './sign-in.js';

/** At most this many reset e-mails per account in a quarter of an hour, so the form cannot flood someone's inbox. */
export const RESET_MAILS_PER_15_MINUTES = 3;

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
      'If you did not ask for this, you can ignore this message: your password has not changed. If you receive such messages often, tell the help desk.',
      '',
      'Rostrum',
    ].join('\n'),
  };
}

export async function requestPasswordReset(deps: AuthDeps, email: string): Promise<void> {
  const { db, clock, settings } = deps;
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
    const link = await issueLink(trx, clock, { accountId: account.id, purpose: 'password_reset', createdBy: null, ttlMinutes: settings.resetLinkMinutes });
    await queueMail(trx, clock, passwordResetMail({ to: account.email, name: account.display_name, link: `${settings.publicUrl}${link.path}`, minutes: settings.resetLinkMinutes }));
    await recordAudit(trx, clock, { action: 'auth.password_reset_requested', actor: anonymousAuditActor, subject: { type: 'account', id: account.id }, data: { mission: account.organisation } });
  });
}
