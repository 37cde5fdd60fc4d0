// The help desk sends someone who lost their password a single-use link to choose a new one (a password-reset
// link, valid RESET_LINK_MINUTES). Not for someone who has not accepted their invitation: they get a new
// invitation instead. Never for oneself, never for a deactivated account.
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { queueMail } from '../../../kernel/mail/index.js';
import { parseInput } from '../../../kernel/validation.js';
import { signInLinkMail, type AdminMailSettings } from '../admin-mail.js';
import { issueLink } from '../links.js';
import type { Acting } from '../../../kernel/authz.js';
import { auditActorOf } from '../people.js';
import { accountTarget, loadManagedAccount, type AccountTarget } from './admin-scope.js';

export async function issueSignInLink(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  raw: AccountTarget,
  settings: AdminMailSettings,
): Promise<void> {
  const target = parseInput(accountTarget, raw);
  const account = await loadManagedAccount(trx, by, target, { focalPoint: false, helpdesk: true });
  if (account.id === by.actor.id) throw new AppError('account.self');
  if (account.disabledAt !== null) throw new AppError('account.deactivated');
  if (!account.hasPassword) throw new AppError('account.invitation_pending');
  const link = await issueLink(trx, clock, {
    accountId: account.id,
    purpose: 'password_reset',
    createdBy: by.actor.id,
    ttlMinutes: settings.resetLinkMinutes,
  });
  await queueMail(
    trx,
    clock,
    signInLinkMail({ to: account.email, name: account.displayName, url: settings.publicUrl + link.path, expiresAt: link.expiresAt }),
  );
  await recordAudit(trx, clock, {
    action: 'signin_link.issued',
    actor: auditActorOf(by),
    subject: { type: 'account', id: account.id },
    data: { mission: account.mission },
  });
}
