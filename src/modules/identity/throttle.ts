// Sign-in throttling. Every attempt to prove a secret (a password at sign-in or before a sensitive change, a code
// from the authenticator app, a recovery code) is counted under three keys:
// - the pair of the e-mail address typed and the network address: five failures lock that pair for a while, so a
//   stranger guessing from their own address locks only themselves out, never the owner signing in from elsewhere;
// - the network address: thirty failures lock it, so one machine cannot try one password on many accounts;
// - the e-mail address typed (existing or not, so a refusal says nothing about which accounts exist): after ten
//   failures within the hour, attempts from anywhere are spaced a minute apart, which caps a distributed guesser
//   at about sixty guesses an hour while the owner is at most slowed, and not even that from a browser that has
//   signed in to the account before (a signed cookie marks such a device).
//
// An attempt is reserved before the secret is checked: the keys' rows are locked, the rules decide, and the attempt is
// counted as a failure in advance, all in one short transaction, so forty simultaneous guesses cannot all slip past a
// limit of five. Once the secret is checked, the attempt is settled: a failure stays counted (and may lock its key),
// a success is refunded. A locked key refuses even the right secret. The rules are pure (reserve, settle); the
// database functions only load and store rows.
import { sql } from 'kysely';
import type { Database, Transaction } from '../../kernel/db/database.js';

export type ThrottleScope = 'pair' | 'address' | 'account';

/** A key that locks once enough failures fall within its window. */
export interface LockRule {
  kind: 'lock';
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

/** A key that, past a number of failures within its window, spaces attempts out instead of locking. */
export interface SpacingRule {
  kind: 'spacing';
  freeFailures: number;
  windowMinutes: number;
  spacingSeconds: number;
}

export const throttleRules: { pair: LockRule; address: LockRule; account: SpacingRule } = {
  pair: { kind: 'lock', maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
  // A whole mission may sit behind one gateway: generous, but it still stops one machine spraying many accounts.
  address: { kind: 'lock', maxFailures: 30, windowMinutes: 15, lockMinutes: 15 },
  account: { kind: 'spacing', freeFailures: 10, windowMinutes: 60, spacingSeconds: 60 },
};

export interface ThrottleState {
  /** Failures within the window, attempts still being checked included. */
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
  /** When the last attempt was let through (for the spacing rule). */
  lastAttemptAt: Date | null;
}

export interface ThrottleKey {
  scope: ThrottleScope;
  key: string;
}

function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The keys an attempt is counted under. The e-mail is trimmed and lower-cased, as accounts are matched. */
export function throttleKeys(email: string | null, address: string | undefined): ThrottleKey[] {
  const keys: ThrottleKey[] = [];
  const typed = email === null ? null : normalEmail(email);
  if (typed !== null && address) keys.push({ scope: 'pair', key: `pair:${typed}|${address}` });
  if (address) keys.push({ scope: 'address', key: `address:${address}` });
  if (typed !== null) keys.push({ scope: 'account', key: `account:${typed}` });
  return keys;
}

/** The account-wide key of an e-mail address, and the prefix of its pairs' keys (for the help desk's view and unlock). */
export function accountThrottleKeys(email: string): { account: string; pairPrefix: string } {
  const typed = normalEmail(email);
  return { account: `account:${typed}`, pairPrefix: `pair:${typed}|` };
}

export type Reservation =
  | { admitted: true; states: Map<string, ThrottleState> }
  | { admitted: false; kind: 'locked' | 'slowed'; scope: ThrottleScope; until: Date; seconds: number };

export interface ReserveOptions {
  /** The browser has signed in to this account before: the account-wide spacing does not apply to it. */
  knownDevice: boolean;
}

function windowOpen(state: ThrottleState | undefined, now: Date, windowMinutes: number): state is ThrottleState {
  return state !== undefined && now.getTime() - state.windowStart.getTime() < windowMinutes * 60_000;
}

/**
 * Whether an attempt may go ahead now under every key and, when it may, each key's state with the attempt counted
 * as a failure in advance. When one key refuses, nothing is counted anywhere: a refused attempt costs nobody a try.
 */
export function reserve(
  entries: ReadonlyArray<{ key: ThrottleKey; state: ThrottleState | undefined }>,
  now: Date,
  options: ReserveOptions,
): Reservation {
  const states = new Map<string, ThrottleState>();
  let refusal: Extract<Reservation, { admitted: false }> | undefined;
  const refuse = (kind: 'locked' | 'slowed', scope: ThrottleScope, until: Date) => {
    if (refusal && refusal.until.getTime() >= until.getTime()) return;
    refusal = { admitted: false, kind, scope, until, seconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) };
  };
  for (const { key, state } of entries) {
    const rule = throttleRules[key.scope];
    const open = windowOpen(state, now, rule.windowMinutes);
    const failures = open ? state.failures : 0;
    const windowStart = open ? state.windowStart : now;
    const lockedUntil = state?.lockedUntil && state.lockedUntil.getTime() > now.getTime() ? state.lockedUntil : null;
    if (rule.kind === 'lock') {
      if (lockedUntil) refuse('locked', key.scope, lockedUntil);
      // Attempts still being checked fill the allowance too: the one that fails last will lock the key.
      else if (failures >= rule.maxFailures) refuse('locked', key.scope, new Date(now.getTime() + rule.lockMinutes * 60_000));
    } else if (failures >= rule.freeFailures && !options.knownDevice && state?.lastAttemptAt) {
      const next = new Date(state.lastAttemptAt.getTime() + rule.spacingSeconds * 1000);
      if (next.getTime() > now.getTime()) refuse('slowed', key.scope, next);
    }
    states.set(key.key, { failures: failures + 1, windowStart, lockedUntil, lastAttemptAt: now });
  }
  return refusal ?? { admitted: true, states };
}

/**
 * How a checked attempt ends: `failure` (the wrong secret), `success` (signing in or the check is complete),
 * `password_ok` (the password was right but a second factor is still to give: its failures stay counted until then,
 * or someone holding the password could reset the count between guesses at the code), `cancelled` (the check could
 * not run, e.g. the server was too busy).
 */
export type AttemptOutcome = 'failure' | 'success' | 'password_ok' | 'cancelled';

/** A key's state once the attempt it reserved is settled; null to forget the key. `lockedNow`: this failure locked it. */
export function settle(
  scope: ThrottleScope,
  state: ThrottleState | undefined,
  outcome: AttemptOutcome,
  now: Date,
): { state: ThrottleState | null; lockedNow: boolean } {
  if (!state) return { state: null, lockedNow: false };
  const rule = throttleRules[scope];
  if (outcome === 'failure') {
    if (rule.kind === 'lock' && state.failures >= rule.maxFailures && !(state.lockedUntil && state.lockedUntil.getTime() > now.getTime())) {
      // Locked from this failure on, with a full allowance again once the lock has passed.
      return {
        state: { ...state, failures: 0, windowStart: now, lockedUntil: new Date(now.getTime() + rule.lockMinutes * 60_000) },
        lockedNow: true,
      };
    }
    return { state, lockedNow: false };
  }
  // The owner got in from this address: that pair's count is forgotten.
  if (outcome === 'success' && scope === 'pair') return { state: null, lockedNow: false };
  return { state: { ...state, failures: Math.max(0, state.failures - 1) }, lockedNow: false };
}

// ---- The database ----

interface ThrottleRow {
  key: string;
  failures: number;
  window_start: Date;
  locked_until: Date | null;
  last_attempt_at: Date | null;
}

function toState(row: ThrottleRow): ThrottleState {
  return { failures: row.failures, windowStart: row.window_start, lockedUntil: row.locked_until, lastAttemptAt: row.last_attempt_at };
}

/**
 * The keys' rows, locked until the transaction ends, in key order (no deadlock between attempts). With `create`, in
 * one statement: missing rows are inserted and existing ones locked by an update that changes nothing, and all come
 * back as they stand.
 */
async function lockRows(trx: Transaction, keys: readonly ThrottleKey[], now: Date, create: boolean): Promise<Map<string, ThrottleState>> {
  const names = [...new Set(keys.map((k) => k.key))].sort();
  if (create) {
    const rows = await trx
      .insertInto('identity.sign_in_throttle')
      .values(names.map((key) => ({ key, failures: 0, window_start: now, locked_until: null, last_attempt_at: null })))
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ key: eb.ref('identity.sign_in_throttle.key') })))
      .returning(['key', 'failures', 'window_start', 'locked_until', 'last_attempt_at'])
      .execute();
    return new Map(rows.map((r) => [r.key, toState(r)]));
  }
  const rows = await trx
    .selectFrom('identity.sign_in_throttle')
    .select(['key', 'failures', 'window_start', 'locked_until', 'last_attempt_at'])
    .where('key', 'in', names)
    .orderBy('key')
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.key, toState(r)]));
}

async function store(trx: Transaction, states: ReadonlyMap<string, ThrottleState | null>): Promise<void> {
  const kept = [...states].filter((e): e is [string, ThrottleState] => e[1] !== null);
  const gone = [...states].filter(([, s]) => s === null).map(([k]) => k);
  if (kept.length > 0) {
    const rows = sql.join(
      kept.map(
        ([key, s]) =>
          sql`(${key}, ${s.failures}::integer, ${s.windowStart}::timestamptz, ${s.lockedUntil}::timestamptz, ${s.lastAttemptAt}::timestamptz)`,
      ),
    );
    await sql`
      UPDATE identity.sign_in_throttle AS t
         SET failures = v.failures, window_start = v.window_start, locked_until = v.locked_until, last_attempt_at = v.last_attempt_at
        FROM (VALUES ${rows}) AS v (key, failures, window_start, locked_until, last_attempt_at)
       WHERE t.key = v.key
    `.execute(trx);
  }
  if (gone.length > 0) await trx.deleteFrom('identity.sign_in_throttle').where('key', 'in', gone).execute();
}

/** Reserves an attempt under every key, in one transaction of its own (held only for these few statements). */
export async function reserveAttempt(db: Database, keys: readonly ThrottleKey[], now: Date, options: ReserveOptions): Promise<Reservation> {
  if (keys.length === 0) return { admitted: true, states: new Map() };
  return db.transaction().execute(async (trx) => {
    const current = await lockRows(trx, keys, now, true);
    const reservation = reserve(
      keys.map((key) => ({ key, state: current.get(key.key) })),
      now,
      options,
    );
    if (reservation.admitted) await store(trx, reservation.states);
    return reservation;
  });
}

/** Settles a reserved attempt under every key; returns the scopes this failure locked (to audit the lockout once). */
export async function settleAttempt(
  trx: Transaction,
  keys: readonly ThrottleKey[],
  outcome: AttemptOutcome,
  now: Date,
): Promise<Array<{ scope: 'pair' | 'address'; until: Date }>> {
  if (keys.length === 0) return [];
  const current = await lockRows(trx, keys, now, false);
  const next = new Map<string, ThrottleState | null>();
  const locked: Array<{ scope: 'pair' | 'address'; until: Date }> = [];
  for (const key of keys) {
    if (!current.has(key.key)) continue;
    const settled = settle(key.scope, current.get(key.key), outcome, now);
    next.set(key.key, settled.state);
    if (settled.lockedNow && settled.state?.lockedUntil && key.scope !== 'account')
      locked.push({ scope: key.scope, until: settled.state.lockedUntil });
  }
  await store(trx, next);
  return locked;
}

/** What the help desk sees of an e-mail address's throttle: failures across addresses, and the pairs locked now. */
export interface ThrottleSummary {
  recentFailures: number;
  /** The latest lock among the addresses locked out of this account, if any. */
  lockedUntil: Date | null;
  lockedAddresses: number;
  /** Attempts are being spaced out account-wide. */
  slowed: boolean;
}

export async function throttleSummary(db: Database | Transaction, email: string, now: Date): Promise<ThrottleSummary> {
  const { account, pairPrefix } = accountThrottleKeys(email);
  const rows = await db
    .selectFrom('identity.sign_in_throttle')
    .select(['key', 'failures', 'window_start', 'locked_until', 'last_attempt_at'])
    .where((eb) => eb.or([eb('key', '=', account), eb(eb.fn('starts_with', ['key', eb.val(pairPrefix)]), '=', true)]))
    .execute();
  let lockedUntil: Date | null = null;
  let lockedAddresses = 0;
  let recentFailures = 0;
  let slowed = false;
  for (const row of rows) {
    const state = toState(row);
    if (row.key === account) {
      const rule = throttleRules.account;
      if (windowOpen(state, now, rule.windowMinutes)) {
        recentFailures = state.failures;
        slowed = state.failures >= rule.freeFailures;
      }
    } else if (state.lockedUntil && state.lockedUntil.getTime() > now.getTime()) {
      lockedAddresses++;
      if (!lockedUntil || state.lockedUntil.getTime() > lockedUntil.getTime()) lockedUntil = state.lockedUntil;
    }
  }
  return { recentFailures, lockedUntil, lockedAddresses, slowed };
}

/** Forgets the counts kept for an e-mail address: its account-wide key and every address's pair (the help desk's unlock). */
export async function clearAccountThrottle(trx: Transaction, email: string): Promise<number> {
  const { account, pairPrefix } = accountThrottleKeys(email);
  const deleted = await trx
    .deleteFrom('identity.sign_in_throttle')
    .where((eb) => eb.or([eb('key', '=', account), eb(eb.fn('starts_with', ['key', eb.val(pairPrefix)]), '=', true)]))
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
