// Setting up two-step verification: a secret is offered (and kept, sealed, until confirmed, so reloading the page
// shows the same one), the person adds it to an authenticator app and proves it with a code; then ten recovery
// codes are made and shown once. Used while signing in (a role that requires it) and from the account page.
import QRCode from 'qrcode';
import { recordAudit } from '../../../kernel/audit.js';
import { AppError } from '../../../kernel/errors.js';
import { confirmEnrolment, enrolmentSecret, replaceRecoveryCodes } from '../mfa.js';
import { otpauthUri } from '../totp.js';
import { auditActorOf, findAccountById, type AuthDeps } from './sign-in.js';

export const TOTP_ISSUER = 'Rostrum';

export interface EnrolmentOffer {
  secret: string;
  uri: string;
  /** The otpauth address as a QR code, an SVG in a data: URL (the Content-Security-Policy allows data: images). */
  qrDataUrl: string;
}

export async function beginMfaEnrolment(deps: Pick<AuthDeps, 'db' | 'secrets'>, accountId: string): Promise<EnrolmentOffer> {
  const account = await findAccountById(deps.db, accountId);
  if (!account) throw new AppError('auth.unauthenticated');
  const secret = await deps.db.transaction().execute((trx) => enrolmentSecret(trx, deps.secrets, accountId));
  if (secret === null) throw new AppError('mfa.already_enrolled');
  const uri = otpauthUri({ secret, account: account.email, issuer: TOTP_ISSUER });
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

export type ConfirmMfaResult = { outcome: 'enrolled'; recoveryCodes: string[] } | { outcome: 'refused' };

/**
 * Confirms the offered secret with a code. `pendingSessionId`: the sign-in session waiting for enrolment, which
 * becomes a full session; from the account page there is none.
 */
export async function confirmMfaEnrolment(
  deps: AuthDeps,
  accountId: string,
  code: string,
  pendingSessionId: string | null,
): Promise<ConfirmMfaResult> {
  const { db, clock, secrets } = deps;
  const account = await findAccountById(db, accountId);
  if (!account) throw new AppError('auth.unauthenticated');
  return db.transaction().execute(async (trx): Promise<ConfirmMfaResult> => {
    const status = await trx.selectFrom('identity.mfa').select('confirmed_at').where('account_id', '=', accountId).executeTakeFirst();
    if (status?.confirmed_at != null) throw new AppError('mfa.already_enrolled');
    if (!(await confirmEnrolment(trx, clock, secrets, accountId, code))) return { outcome: 'refused' };
    const recoveryCodes = await replaceRecoveryCodes(trx, accountId);
    if (pendingSessionId !== null) {
      await trx
        .updateTable('identity.sessions')
        .set({ stage: 'active', last_seen_at: clock.now() })
        .where('id', '=', pendingSessionId)
        .where('stage', '=', 'enrol_mfa')
        .execute();
    }
    await recordAudit(trx, clock, {
      action: 'mfa.enrolled',
      actor: auditActorOf(account),
      subject: { type: 'account', id: accountId },
      data: { mission: account.organisation },
    });
    return { outcome: 'enrolled', recoveryCodes };
  });
}
