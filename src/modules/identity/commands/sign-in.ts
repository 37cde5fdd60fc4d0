// Signing in with an e-mail address and a password. The answer must not tell whether an account exists: an
// unknown address, an account without a password yet, a disabled account and a wrong password all take the same
// time (a password is always checked, against a dummy hash if need be) and get the same answer; the reason is
// kept in the audit log only. Attempts are throttled per address typed and per network address.
//
// This command opens its own transactions rather than taking one: the password check (argon2id, tens of
// milliseconds) must not hold a transaction, which on the embedded database would hold its only connection.
import { recordAudit, type AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import type { Secrets } from '../../../kernel/secrets.js';
import type { Role, SessionStage } from '../db.js';
import { stageAfterPassword } from '../mfa.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { createSession, endSession, hashToken, type SessionSettings } from '../sessions.js';
import { checkThrottle, clearThrottle, recordFailure, throttleKeys, type ThrottleKey } from '../throttle.js';

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

// An argon2id hash of a random password, made once: checking against it costs what checking a real one does.
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(`dummy ${Math.random()} ${Date.now()}`);
  return dummyHash;
}

/** Makes the dummy hash ahead of the first attempt, so that attempt is not slower than the others (a tell). */
export async function prepareSignIn(): Promise<void> {
  await dummy();
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

/** Counts a failed attempt under its keys and audits it, and the lockout it may cause; returns the lock's minutes. */
export async function recordFailedAttempt(
  trx: Transaction,
  clock: Clock,
  keys: ThrottleKey[],
  account: AuthAccount | undefined,
  reason: 'unknown_account' | 'no_password' | 'disabled' | 'wrong_password' | 'wrong_mfa_code',
): Promise<number | null> {
  const now = clock.now();
  const mission = account?.organisation ?? null;
  const subject = { type: 'account', id: account?.id ?? null };
  await recordAudit(trx, clock, { action: 'auth.sign_in_failed', actor: anonymousAuditActor, subject, data: { mission, reason } });
  const locked = await recordFailure(trx, keys, now);
  let minutes: number | null = null;
  for (const lock of locked) {
    const m = Math.ceil((lock.until.getTime() - now.getTime()) / 60_000);
    minutes = Math.max(minutes ?? 0, m);
    await recordAudit(trx, clock, { action: 'auth.locked_out', actor: anonymousAuditActor, subject, data: { mission, scope: lock.scope, minutes: m } });
  }
  return minutes;
}

export type SignInResult = { outcome: 'signed_in'; token: string; stage: SessionStage } | { outcome: 'refused' } | { outcome: 'locked'; minutes: number };

export async function signIn(deps: AuthDeps, input: { email: string; password: string }, meta: RequestMeta): Promise<SignInResult> {
  const { db, clock } = deps;
  const keys = throttleKeys(input.email, meta.address);
  // A locked key is refused before any password is checked: nothing is learnt while locked, and nothing is counted.
  const throttle = await checkThrottle(db, keys, clock.now());
  if (throttle.locked) return { outcome: 'locked', minutes: throttle.minutes };

  const account = await findAccountByEmail(db, input.email);
  const passwordOk = await verifyPassword(account?.password_hash ?? (await dummy()), input.password);
  const reason = !account ? 'unknown_account' : account.password_hash === null ? 'no_password' : account.disabled_at !== null ? 'disabled' : !passwordOk ? 'wrong_password' : null;

  return db.transaction().execute(async (trx): Promise<SignInResult> => {
    if (reason !== null || !account) {
      const minutes = await recordFailedAttempt(trx, clock, keys, account, reason ?? 'unknown_account');
      return minutes === null ? { outcome: 'refused' } : { outcome: 'locked', minutes };
    }
    const { token, stage } = await startSignedInSession(trx, deps, account, 'password', meta);
    // With a second factor still to give, the e-mail's failures stay counted until it is given: otherwise someone
    // holding the password could reset the count between guesses at the code.
    const emailKey = keys.find((k) => k.scope === 'email');
    if (stage !== 'mfa' && emailKey) await clearThrottle(trx, emailKey);
    return { outcome: 'signed_in', token, stage };
  });
}
