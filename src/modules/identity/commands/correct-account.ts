// The help desk corrects a person's name or e-mail address (a typo at the invitation, a new address at the mission).
// An address another account uses is refused. Sessions go on: the person is the same, with the same password and
// second factor. The old address is told of the change and where mail now goes, the new one that it is now the
// account's; a name alone corrected is told to the address. Never one's own account (the account page is for that).
import { z } from 'zod';
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { queueMail } from '../../../kernel/mail/index.js';
import { isUniqueViolation, parseInput } from '../../../kernel/validation.js';
import { accountCorrectedMails, type AdminMailSettings } from '../admin-mail.js';
import type { Acting } from '../../../kernel/authz.js';
import { auditActorOf, emailInUse } from '../people.js';
import { inviteAccountInput } from './invite-account.js';
import { loadManagedAccount } from './admin-scope.js';

/** The same rules as an invitation's for the address and the name. */
export const correctAccountInput = z.object({
  accountId: z.string(),
  email: inviteAccountInput.shape.email,
  displayName: inviteAccountInput.shape.displayName,
});
export type CorrectAccountInput = z.input<typeof correctAccountInput>;

export type Correction = Array<'displayName' | 'email'>;

export async function correctAccount(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  raw: CorrectAccountInput,
  settings: AdminMailSettings,
): Promise<{ changed: Correction }> {
  const input = parseInput(correctAccountInput, raw);
  const account = await loadManagedAccount(trx, by, { accountId: input.accountId }, { focalPoint: false, helpdesk: true });
  if (account.id === by.actor.id) throw new AppError('account.self');
  const changed: Correction = [];
  if (input.displayName !== account.displayName) changed.push('displayName');
  if (input.email !== account.email.toLowerCase()) changed.push('email');
  if (changed.length === 0) return { changed };
  if (changed.includes('email') && (await emailInUse(trx, input.email))) throw new AppError('account.email_taken');
  await trx
    .updateTable('identity.accounts')
    .set({ email: input.email, display_name: input.displayName })
    .where('id', '=', account.id)
    .execute()
    .catch((err: unknown) => {
      // Another correction or invitation took the address meanwhile: the unique index decides.
      throw isUniqueViolation(err) ? new AppError('account.email_taken', { cause: err }) : err;
    });
  const mails = accountCorrectedMails({
    name: input.displayName,
    oldEmail: account.email,
    newEmail: input.email,
    nameChanged: changed.includes('displayName'),
    helpUrl: `${settings.publicUrl}/sign-in`,
  });
  for (const mail of mails) await queueMail(trx, clock, mail);
  await recordAudit(trx, clock, {
    action: 'account.corrected',
    actor: auditActorOf(by),
    subject: { type: 'account', id: account.id },
    data: { mission: account.mission, changed },
  });
  return { changed };
}
