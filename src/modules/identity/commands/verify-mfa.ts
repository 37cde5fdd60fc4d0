// The second step of signing in: a code from the authenticator app, or one of the recovery codes. The attempt is
// reserved under the throttle's keys before the code is checked, like a password, and a wrong code counts as a
// failed sign-in for the account's e-mail address from this network address.
import { recordAudit } from '../../../kernel/audit.js';
import { useRecoveryCode, useTotpCode } from '../mfa.js';
import { reserveAttempt, settleAttempt, throttleKeys } from '../throttle.js';
import { normaliseTotpCode } from '../totp.js';
import { auditActorOf, findAccountById, recordFailedAttempt, refusalOf, type AuthDeps, type Refusal, type RequestMeta } from './sign-in.js';

export type VerifyMfaResult =
  { outcome: 'verified'; recoveryCodesLeft: number | null } | { outcome: 'refused' } | Refusal | { outcome: 'gone' };

export async function verifyMfa(
  deps: AuthDeps,
  pending: { accountId: string; sessionId: string },
  code: string,
  meta: RequestMeta,
): Promise<VerifyMfaResult> {
  const { db, clock, secrets } = deps;
  const account = await findAccountById(db, pending.accountId);
  if (!account || account.disabled_at !== null) return { outcome: 'gone' };
  const keys = throttleKeys(account.email, meta.address);
  // A code is cheap to check, so no place at the password gate; the reservation alone bounds the guesses.
  const reservation = await reserveAttempt(db, keys, clock.now(), { knownDevice: meta.knownDeviceOf === account.id });
  if (!reservation.admitted) return refusalOf(reservation);

  return db.transaction().execute(async (trx): Promise<VerifyMfaResult> => {
    const isTotp = normaliseTotpCode(code) !== null;
    let recoveryCodesLeft: number | null = null;
    const ok = isTotp
      ? await useTotpCode(trx, clock, secrets, account.id, code)
      : (recoveryCodesLeft = await useRecoveryCode(trx, clock, account.id, code)) !== null;
    if (!ok) {
      const minutes = await recordFailedAttempt(trx, clock, keys, account, 'wrong_mfa_code');
      return minutes === null ? { outcome: 'refused' } : { outcome: 'locked', minutes };
    }
    const updated = await trx
      .updateTable('identity.sessions')
      .set({ stage: 'active', last_seen_at: clock.now() })
      .where('id', '=', pending.sessionId)
      .where('stage', '=', 'mfa')
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      await settleAttempt(trx, keys, 'cancelled', clock.now());
      return { outcome: 'gone' };
    }
    await settleAttempt(trx, keys, 'success', clock.now());
    const actor = auditActorOf(account);
    const subject = { type: 'account', id: account.id };
    if (recoveryCodesLeft === null)
      await recordAudit(trx, clock, { action: 'mfa.verified', actor, subject, data: { mission: account.organisation } });
    else
      await recordAudit(trx, clock, {
        action: 'mfa.verified_with_recovery_code',
        actor,
        subject,
        data: { mission: account.organisation, remaining: recoveryCodesLeft },
      });
    return { outcome: 'verified', recoveryCodesLeft };
  });
}
