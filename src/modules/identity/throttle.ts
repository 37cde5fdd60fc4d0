// Sign-in throttling. Failed attempts (wrong password, wrong second-factor code) are counted per e-mail address,
// whether or not an account has it, so a lockout says nothing about which accounts exist, and per network
// address, so one machine cannot try many accounts. Enough failures within the window lock the key for a while.
// The rules are pure (decide, registerFailure); the database functions only load and store rows.
import type { Database, Transaction } from '../../kernel/db/database.js';

export interface ThrottleRule {
  /** Failures within the window that lock the key. */
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export type ThrottleScope = 'email' | 'address';

/**
 * Five guesses at one person's password in a quarter of an hour; thirty from one address, which may be a
 * whole mission behind one gateway, so it is generous, but still stops a script trying one password on many accounts.
 */
export const throttleRules: Record<ThrottleScope, ThrottleRule> = {
  email: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
  address: { maxFailures: 30, windowMinutes: 15, lockMinutes: 15 },
};

export interface ThrottleState {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

export interface ThrottleKey {
  scope: ThrottleScope;
  key: string;
}

/** The keys an attempt is counted under. The e-mail is trimmed and lower-cased, as accounts are matched. */
export function throttleKeys(email: string | null, address: string | undefined): ThrottleKey[] {
  const keys: ThrottleKey[] = [];
  if (email !== null) keys.push({ scope: 'email', key: `email:${email.trim().toLowerCase()}` });
  if (address) keys.push({ scope: 'address', key: `address:${address}` });
  return keys;
}

export type ThrottleDecision = { locked: false } | { locked: true; until: Date; minutes: number; scope: ThrottleScope };

/** Whether any of the keys is locked now, and for how many more whole minutes (rounded up, at least 1). */
export function decide(states: ReadonlyArray<{ scope: ThrottleScope; state: ThrottleState | undefined }>, now: Date): ThrottleDecision {
  let worst: { until: Date; scope: ThrottleScope } | undefined;
  for (const { scope, state } of states) {
    const until = state?.lockedUntil;
    if (until && until.getTime() > now.getTime() && (!worst || until.getTime() > worst.until.getTime())) worst = { until, scope };
  }
  if (!worst) return { locked: false };
  return { locked: true, until: worst.until, scope: worst.scope, minutes: Math.max(1, Math.ceil((worst.until.getTime() - now.getTime()) / 60_000)) };
}

/**
 * The state after one more failure. A failure outside the window starts a new one; the failure that reaches the
 * limit locks the key and starts the count again, so after the lock has passed the next limit is a full one.
 */
export function registerFailure(state: ThrottleState | undefined, now: Date, rule: ThrottleRule): ThrottleState & { lockedNow: boolean } {
  const windowOpen = state !== undefined && now.getTime() - state.windowStart.getTime() < rule.windowMinutes * 60_000;
  const failures = windowOpen ? state.failures + 1 : 1;
  const windowStart = windowOpen ? state.windowStart : now;
  const stillLocked = state?.lockedUntil && state.lockedUntil.getTime() > now.getTime() ? state.lockedUntil : null;
  if (failures >= rule.maxFailures) {
    return { failures: 0, windowStart: now, lockedUntil: new Date(now.getTime() + rule.lockMinutes * 60_000), lockedNow: true };
  }
  return { failures, windowStart, lockedUntil: stillLocked, lockedNow: false };
}

type Queryable = Database | Transaction;

function toState(row: { failures: number; window_start: Date; locked_until: Date | null }): ThrottleState {
  return { failures: row.failures, windowStart: row.window_start, lockedUntil: row.locked_until };
}

/** Whether an attempt may go ahead, read before any password is checked. */
export async function checkThrottle(db: Queryable, keys: ThrottleKey[], now: Date): Promise<ThrottleDecision> {
  if (keys.length === 0) return { locked: false };
  const rows = await db
    .selectFrom('identity.sign_in_throttle')
    .select(['key', 'failures', 'window_start', 'locked_until'])
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .execute();
  return decide(
    keys.map((k) => {
      const row = rows.find((r) => r.key === k.key);
      return { scope: k.scope, state: row ? toState(row) : undefined };
    }),
    now,
  );
}

/** Counts one failure under every key; returns the scopes this failure locked (to audit the lockout once). */
export async function recordFailure(trx: Transaction, keys: ThrottleKey[], now: Date): Promise<Array<{ scope: ThrottleScope; until: Date }>> {
  const locked: Array<{ scope: ThrottleScope; until: Date }> = [];
  for (const k of keys) {
    // Insert-or-lock, so two failures at the same moment both count rather than one overwriting the other.
    await trx
      .insertInto('identity.sign_in_throttle')
      .values({ key: k.key, failures: 0, window_start: now, locked_until: null })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await trx.selectFrom('identity.sign_in_throttle').select(['failures', 'window_start', 'locked_until']).where('key', '=', k.key).forUpdate().executeTakeFirstOrThrow();
    const next = registerFailure(toState(row), now, throttleRules[k.scope]);
    await trx
      .updateTable('identity.sign_in_throttle')
      .set({ failures: next.failures, window_start: next.windowStart, locked_until: next.lockedUntil })
      .where('key', '=', k.key)
      .execute();
    if (next.lockedNow && next.lockedUntil) locked.push({ scope: k.scope, until: next.lockedUntil });
  }
  return locked;
}

/** Forgets the failures under a key (a completed sign-in clears its e-mail address; an address is never cleared). */
export async function clearThrottle(trx: Transaction, key: ThrottleKey): Promise<void> {
  await trx.deleteFrom('identity.sign_in_throttle').where('key', '=', key.key).execute();
}
