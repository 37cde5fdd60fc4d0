// New recovery codes, after the current password: the old ones stop working, the new ones are shown once.
import { recordAudit } from '../../../kernel/audit.js';
import { AppError } from '../../../kernel/errors.js';
import { mfaStatus, replaceRecoveryCodes } from '../mfa.js';
import { checkCurrentPassword } from './change-password.js';
import { auditActorOf, type AuthDeps, type RequestMeta } from './sign-in.js';

export type RegenerateResult =
  { outcome: 'regenerated'; recoveryCodes: string[] } | { outcome: 'wrong_password' } | { outcome: 'locked'; minutes: number };

export async function regenerateRecoveryCodes(
  deps: AuthDeps,
  accountId: string,
  currentPassword: string,
  meta: RequestMeta,
): Promise<RegenerateResult> {
  if (!(await mfaStatus(deps.db, accountId)).enrolled) throw new AppError('mfa.not_enrolled');
  const check = await checkCurrentPassword(deps, accountId, currentPassword, meta);
  if (!check.ok) return check.locked === null ? { outcome: 'wrong_password' } : { outcome: 'locked', minutes: check.locked };
  const { account } = check;
  return deps.db.transaction().execute(async (trx): Promise<RegenerateResult> => {
    const recoveryCodes = await replaceRecoveryCodes(trx, accountId);
    await recordAudit(trx, deps.clock, {
      action: 'mfa.recovery_codes_regenerated',
      actor: auditActorOf(account),
      subject: { type: 'account', id: accountId },
      data: { mission: account.organisation },
    });
    return { outcome: 'regenerated', recoveryCodes };
  });
}
