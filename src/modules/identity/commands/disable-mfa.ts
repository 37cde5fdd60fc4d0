// Turning two-step verification off, for a role that does not require it, after the current password.
import { recordAudit } from '../../../kernel/audit.js';
import { AppError } from '../../../kernel/errors.js';
import { isMfaRequired, mfaStatus, removeMfa } from '../mfa.js';
import { checkCurrentPassword } from './change-password.js';
import { auditActorOf, findAccountById, type AuthDeps, type RequestMeta } from './sign-in.js';

export type DisableMfaResult = { outcome: 'disabled' } | { outcome: 'wrong_password' } | { outcome: 'locked'; minutes: number };

export async function disableMfa(deps: AuthDeps, accountId: string, currentPassword: string, meta: RequestMeta): Promise<DisableMfaResult> {
  const account = await findAccountById(deps.db, accountId);
  if (!account) throw new AppError('auth.unauthenticated');
  if (isMfaRequired(account.role, deps.settings.mfaRequiredRoles)) throw new AppError('mfa.required_for_role');
  if (!(await mfaStatus(deps.db, accountId)).enrolled) throw new AppError('mfa.not_enrolled');
  const check = await checkCurrentPassword(deps, accountId, currentPassword, meta);
  if (!check.ok) return check.locked === null ? { outcome: 'wrong_password' } : { outcome: 'locked', minutes: check.locked };
  await deps.db.transaction().execute(async (trx) => {
    await removeMfa(trx, accountId);
    await recordAudit(trx, deps.clock, {
      action: 'mfa.disabled',
      actor: auditActorOf(account),
      subject: { type: 'account', id: accountId },
      data: { mission: account.organisation },
    });
  });
  return { outcome: 'disabled' };
}
