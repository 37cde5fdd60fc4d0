// Signing in with an e-mail address and a password. The answer must not tell whether an account exists: an
// unknown address, an account without a password yet, a disabled account and a wrong password all take the same
// time (a password is always checked, against a dummy hash if need be) and get the same answer; the reason is
// kept in the audit log only. Each attempt takes its place at the password gate, then reserves its try under the
// throttle's keys (throttle.ts) before the password is checked, so simultaneous guesses cannot pass a limit together.
//
// This command opens its own transactions rather than taking one: the password check (argon2id, tens of
// milliseconds) must not hold a transaction, which on the embedded database would hold its only connection.
import { recordAudit, type AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import type { Secrets } from '../../../kernel/secrets.js';
import type { Role, SessionStage } from '../tables.js';
import { stageAfterPassword } from '../mfa.js';
import { dummyHash, takePasswordCheck } from '../passwords.js';
import { createSession, endSession, hashToken, type SessionSettings } from '../sessions.js';
import { reserveAttempt, settleAttempt, throttleKeys, type AttemptOutcome, type Reservation, type ThrottleKey } from '../throttle.js';

export interface AuthSettings {
  session: SessionSettings;
  mfaRequiredRoles: readonly Role[];
  invitationHours: number;
  resetLinkMinutes: number;
  /** Where users reach Rostrum, for the links in e-mails (no trailing slash). */
  publicUrl: string;
}

export interface AuthDeps {
  db: Database;
  clock: Clock;
  secrets: Secrets;
  settings: AuthSettings;
}

/** What the request says about where it comes from; kept on the session for the "your sessions" list. */
export interface RequestMeta {
  address?: string | undefined;
  userAgent?: string | undefined;
  /** The session token the browser already holds: signing in ends that session, so a token is never reused. */
  previousSessionToken?: string | undefined;
  /** The account this browser has signed in to before (from its signed device cookie), if any. */
  knownDeviceOf?: string | undefined;
}

export interface AuthAccount {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  organisation: string | null;
  password_hash: string | null;
  disabled_at: Date | null;
}

const accountColumns = ['id', 'email', 'display_name', 'role', 'organisation', 'password_hash', 'disabled_at'] as const;

type Queryable = Database | Transaction;

export async function findAccountByEmail(db: Queryable, email: string): Promise<AuthAccount | undefined> {
  return db
    .selectFrom('identity.accounts')
    .select(accountColumns)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function findAccountById(db: Queryable, id: string): Promise<AuthAccount | undefined> {
  return db.selectFrom('identity.accounts').select(accountColumns).where('id', '=', id).executeTakeFirst();
}

/** The account as the audit log names it (the label stays readable if the account is later removed). */
export function auditActorOf(account: { id: string; display_name: string }): AuditActor {
  return { id: account.id, label: account.display_name };
}

/** Someone not (yet) signed in: the author of failed attempts, lockouts and reset requests. */
export const anonymousAuditActor: AuditActor = { id: null, label: 'anonymous visitor' };

/** Makes the dummy hash ahead of the first attempt, so that attempt is not slower than the others (a tell). */
export async function prepareSignIn(): Promise<void> {
  await dummyHash();
}

/** Ends the browser's previous session (if any), opens a new one at the right stage, and records the sign-in. */
export async function startSignedInSession(
  trx: Transaction,
  deps: Pick<AuthDeps, 'clock' | 'settings'>,
  account: AuthAccount,
  method: 'password' | 'invitation',
  meta: RequestMeta,
): Promise<{ token: string; stage: SessionStage }> {
  if (meta.previousSessionToken) await endSession(trx, deps.clock, hashToken(meta.previousSessionToken));
  const stage = await stageAfterPassword(trx, account, deps.settings.mfaRequiredRoles);
  const { token } = await createSession(trx, deps.clock, deps.settings.session, account.id, stage, meta);
  await recordAudit(trx, deps.clock, {
    action: 'auth.signed_in',
    actor: auditActorOf(account),
    subject: { type: 'account', id: account.id },
    data: { mission: account.organisation, stage, method },
  });
  return { token, stage };
}

/**
 * Settles a failed attempt under its keys and audits it, and the lockout it may cause; returns the lock's minutes
 * when this failure locked a key.
 */
export async function recordFailedAttempt(
  trx: Transaction,
  clock: Clock,
  keys: readonly ThrottleKey[],
  account: AuthAccount | undefined,
  reason: 'unknown_account' | 'no_password' | 'disabled' | 'wrong_password' | 'wrong_mfa_code',
): Promise<number | null> {
  const now = clock.now();
  const mission = account?.organisation ?? null;
  const subject = { type: 'account', id: account?.id ?? null };
  const locked = await settleAttempt(trx, keys, 'failure', now);
  await recordAudit(trx, clock, { action: 'auth.sign_in_failed', actor: anonymousAuditActor, subject, data: { mission, reason } });
  let minutes: number | null = null;
  for (const lock of locked) {
    const m = Math.ceil((lock.until.getTime() - now.getTime()) / 60_000);
    minutes = Math.max(minutes ?? 0, m);
    await recordAudit(trx, clock, {
      action: 'auth.locked_out',
      actor: anonymousAuditActor,
      subject,
      data: { mission, scope: lock.scope, minutes: m },
    });
  }
  return minutes;
}

/** An attempt the throttle did not let through, as the pages tell it: locked for minutes, or spaced out for seconds. */
export type Refusal = { outcome: 'locked'; minutes: number } | { outcome: 'slowed'; seconds: number };

export function refusalOf(reservation: Extract<Reservation, { admitted: false }>): Refusal {
  return reservation.kind === 'locked'
    ? { outcome: 'locked', minutes: Math.max(1, Math.ceil(reservation.seconds / 60)) }
    : { outcome: 'slowed', seconds: reservation.seconds };
}

/**
 * Checks a secret for an attempt: takes a place at the password gate (refused as overload when it is full, before
 * anything is read or counted, so a flood of attempts queues there and nowhere else), asks `knownDevice` (which may
 * read the account), reserves the attempt under the keys, then runs `check` only if the throttle lets it through.
 * If the check cannot run to its end, the reservation is given back.
 */
export async function attempt<T>(
  deps: Pick<AuthDeps, 'db' | 'clock'>,
  keys: readonly ThrottleKey[],
  options: { knownDevice: boolean | (() => Promise<boolean>); priority?: 'high' | 'low' },
  check: (verify: (stored: string, candidate: string) => Promise<boolean>) => Promise<T>,
): Promise<{ admitted: true; value: T } | { admitted: false; refusal: Refusal }> {
  const place = await takePasswordCheck({ priority: options.priority ?? 'low' });
  let reserved = false;
  try {
    const knownDevice = typeof options.knownDevice === 'function' ? await options.knownDevice() : options.knownDevice;
    const reservation = await reserveAttempt(deps.db, keys, deps.clock.now(), { knownDevice });
    if (!reservation.admitted) return { admitted: false, refusal: refusalOf(reservation) };
    reserved = true;
    const value = await check(place.verify);
    reserved = false;
    return { admitted: true, value };
  } finally {
    place.release();
    if (reserved) await cancelAttempt(deps, keys);
  }
}

/** Gives a reservation back when its check could not be completed (the attempt counts for nothing). */
async function cancelAttempt(deps: Pick<AuthDeps, 'db' | 'clock'>, keys: readonly ThrottleKey[]): Promise<void> {
  await deps.db
    .transaction()
    .execute((trx) => settleAttempt(trx, keys, 'cancelled' satisfies AttemptOutcome, deps.clock.now()))
    .catch(() => undefined);
}

export type SignInResult =
  { outcome: 'signed_in'; token: string; stage: SessionStage; accountId: string } | { outcome: 'refused' } | Refusal;

export async function signIn(deps: AuthDeps, input: { email: string; password: string }, meta: RequestMeta): Promise<SignInResult> {
  const { db, clock } = deps;
  const keys = throttleKeys(input.email, meta.address);
  let account: AuthAccount | undefined;
  const knownDevice = async () => {
    account = await findAccountByEmail(db, input.email);
    return account !== undefined && meta.knownDeviceOf === account.id;
  };
  const checked = await attempt(deps, keys, { knownDevice }, async (verify) =>
    verify(account?.password_hash ?? (await dummyHash()), input.password),
  );
  if (!checked.admitted) return checked.refusal;
  const passwordOk = checked.value;
  const reason = !account
    ? 'unknown_account'
    : account.password_hash === null
      ? 'no_password'
      : account.disabled_at !== null
        ? 'disabled'
        : !passwordOk
          ? 'wrong_password'
          : null;

  return db.transaction().execute(async (trx): Promise<SignInResult> => {
    if (reason !== null || !account) {
      const minutes = await recordFailedAttempt(trx, clock, keys, account, reason ?? 'unknown_account');
      return minutes === null ? { outcome: 'refused' } : { outcome: 'locked', minutes };
    }
    const { token, stage } = await startSignedInSession(trx, deps, account, 'password', meta);
    // With a second factor still to give, the failures stay counted until it is given: otherwise someone holding the
    // password could reset the count between guesses at the code. This attempt itself is given back either way.
    await settleAttempt(trx, keys, stage === 'mfa' ? 'password_ok' : 'success', clock.now());
    return { outcome: 'signed_in', token, stage, accountId: account.id };
  });
}
