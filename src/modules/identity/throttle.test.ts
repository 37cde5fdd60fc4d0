import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import type { OpenDatabase } from '../../kernel/db/database.js';
import {
  clearAccountThrottle,
  reserve,
  reserveAttempt,
  settle,
  settleAttempt,
  throttleKeys,
  throttleSummary,
  type ThrottleKey,
  type ThrottleScope,
  type ThrottleState,
} from './throttle.js';

const T0 = new Date('2026-12-01T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const state = (s: Partial<ThrottleState> = {}): ThrottleState => ({
  failures: 0,
  windowStart: at(0),
  lockedUntil: null,
  lastAttemptAt: null,
  ...s,
});
const key = (scope: ThrottleScope): ThrottleKey => ({ scope, key: `${scope}:x` });

describe('throttleKeys', () => {
  it('counts the pair, the network address and the e-mail address as accounts are matched: trimmed, in lower case', () => {
    expect(throttleKeys('  Focal.Point@Mission.Example.ORG ', '192.0.2.7')).toEqual([
      { scope: 'pair', key: 'pair:focal.point@mission.example.org|192.0.2.7' },
      { scope: 'address', key: 'address:192.0.2.7' },
      { scope: 'account', key: 'account:focal.point@mission.example.org' },
    ]);
    expect(throttleKeys('a@b.org', undefined)).toEqual([{ scope: 'account', key: 'account:a@b.org' }]);
    expect(throttleKeys(null, undefined)).toEqual([]);
  });
});

describe('reserve: one key at a time', () => {
  it.each<
    [
      string,
      ThrottleScope,
      ThrottleState | undefined,
      number,
      boolean,
      { admitted: boolean; kind?: string; seconds?: number; failures?: number },
    ]
  >([
    ['a first attempt opens a window and is counted in advance', 'pair', undefined, 0, false, { admitted: true, failures: 1 }],
    ['the fifth attempt on a pair still goes through', 'pair', state({ failures: 4 }), 3, false, { admitted: true, failures: 5 }],
    [
      'a sixth, while five are counted in the window, is refused as locked',
      'pair',
      state({ failures: 5 }),
      3,
      false,
      { admitted: false, kind: 'locked', seconds: 15 * 60 },
    ],
    [
      'a locked pair refuses until its lock ends',
      'pair',
      state({ lockedUntil: at(20) }),
      10,
      false,
      { admitted: false, kind: 'locked', seconds: 10 * 60 },
    ],
    ['a lock that has ended lets the attempt through', 'pair', state({ lockedUntil: at(20) }), 20, false, { admitted: true, failures: 1 }],
    ['failures older than the window are forgotten', 'pair', state({ failures: 5 }), 15, false, { admitted: true, failures: 1 }],
    ['an address takes thirty', 'address', state({ failures: 29 }), 1, false, { admitted: true, failures: 30 }],
    ['and refuses the thirty-first', 'address', state({ failures: 30 }), 1, false, { admitted: false, kind: 'locked' }],
    [
      'an account with few failures is not spaced',
      'account',
      state({ failures: 9, lastAttemptAt: at(10) }),
      10,
      false,
      { admitted: true, failures: 10 },
    ],
    [
      'past ten failures in the hour, attempts are a minute apart',
      'account',
      state({ failures: 10, lastAttemptAt: at(10) }),
      10.5,
      false,
      { admitted: false, kind: 'slowed', seconds: 30 },
    ],
    [
      'a minute after the last attempt, the next goes through',
      'account',
      state({ failures: 10, lastAttemptAt: at(10) }),
      11,
      false,
      { admitted: true, failures: 11 },
    ],
    [
      'a browser that signed in before is not spaced',
      'account',
      state({ failures: 40, lastAttemptAt: at(10) }),
      10.1,
      true,
      { admitted: true, failures: 41 },
    ],
    [
      'the account never locks, however many failures',
      'account',
      state({ failures: 500, lastAttemptAt: at(10) }),
      11,
      false,
      { admitted: true },
    ],
    [
      'its failures are forgotten after the hour',
      'account',
      state({ failures: 40, lastAttemptAt: at(59) }),
      60,
      false,
      { admitted: true, failures: 1 },
    ],
  ])('%s', (_case, scope, current, minute, knownDevice, expected) => {
    const result = reserve([{ key: key(scope), state: current }], at(minute), { knownDevice });
    expect(result.admitted).toBe(expected.admitted);
    if (result.admitted) {
      if (expected.failures !== undefined) expect(result.states.get(`${scope}:x`)?.failures).toBe(expected.failures);
      expect(result.states.get(`${scope}:x`)?.lastAttemptAt).toEqual(at(minute));
    } else {
      expect(result.kind).toBe(expected.kind);
      if (expected.seconds !== undefined) expect(result.seconds).toBe(expected.seconds);
    }
  });

  it('refuses the whole attempt when one key refuses, and says the longest wait', () => {
    const result = reserve(
      [
        { key: key('pair'), state: state({ lockedUntil: at(5) }) },
        { key: key('address'), state: state({ lockedUntil: at(12) }) },
        { key: key('account'), state: undefined },
      ],
      at(0),
      { knownDevice: false },
    );
    expect(result).toMatchObject({ admitted: false, kind: 'locked', scope: 'address', seconds: 12 * 60 });
  });
});

describe('settle', () => {
  it.each<
    [
      string,
      ThrottleScope,
      ThrottleState,
      'failure' | 'success' | 'password_ok' | 'cancelled',
      { state: Partial<ThrottleState> | null; lockedNow: boolean },
    ]
  >([
    ['a failure stays counted', 'pair', state({ failures: 3 }), 'failure', { state: { failures: 3, lockedUntil: null }, lockedNow: false }],
    [
      'the failure that reaches five locks the pair for 15 minutes, with a full allowance after',
      'pair',
      state({ failures: 5 }),
      'failure',
      { state: { failures: 0, windowStart: at(2), lockedUntil: at(17) }, lockedNow: true },
    ],
    [
      'a failure while already locked does not lock again',
      'pair',
      state({ failures: 5, lockedUntil: at(10) }),
      'failure',
      { state: { lockedUntil: at(10) }, lockedNow: false },
    ],
    [
      'the thirtieth failure locks an address',
      'address',
      state({ failures: 30 }),
      'failure',
      { state: { failures: 0, lockedUntil: at(17) }, lockedNow: true },
    ],
    [
      'an account only counts',
      'account',
      state({ failures: 30 }),
      'failure',
      { state: { failures: 30, lockedUntil: null }, lockedNow: false },
    ],
    ['success forgets the pair', 'pair', state({ failures: 4 }), 'success', { state: null, lockedNow: false }],
    [
      'success gives the attempt back to the address',
      'address',
      state({ failures: 4 }),
      'success',
      { state: { failures: 3 }, lockedNow: false },
    ],
    ['and to the account', 'account', state({ failures: 12 }), 'success', { state: { failures: 11 }, lockedNow: false }],
    [
      'a right password with a code still to give gives the attempt back but keeps the pair',
      'pair',
      state({ failures: 4 }),
      'password_ok',
      { state: { failures: 3 }, lockedNow: false },
    ],
    [
      'a check that could not run gives the attempt back',
      'pair',
      state({ failures: 1 }),
      'cancelled',
      { state: { failures: 0 }, lockedNow: false },
    ],
  ])('%s', (_case, scope, current, outcome, expected) => {
    const result = settle(scope, current, outcome, at(2));
    expect(result.lockedNow).toBe(expected.lockedNow);
    if (expected.state === null) expect(result.state).toBeNull();
    else expect(result.state).toMatchObject(expected.state);
  });
});

describe('throttle in the database', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => open?.close());

  const failOnce = async (keys: ThrottleKey[], minute: number, knownDevice = false) => {
    const reservation = await reserveAttempt(open.db, keys, at(minute), { knownDevice });
    if (!reservation.admitted) return reservation;
    const locks = await open.db.transaction().execute((trx) => settleAttempt(trx, keys, 'failure', at(minute)));
    return { admitted: true as const, locks };
  };

  it('locks a pair after five failures, reports the lock once, and a stranger does not lock the owner out', async () => {
    const stranger = throttleKeys('Someone@Example.org', '192.0.2.1');
    for (let i = 0; i < 4; i++) expect(await failOnce(stranger, i)).toEqual({ admitted: true, locks: [] });
    expect(await failOnce(stranger, 4)).toEqual({ admitted: true, locks: [{ scope: 'pair', until: at(19) }] });
    expect(await failOnce(stranger, 5)).toMatchObject({ admitted: false, kind: 'locked', scope: 'pair' });
    // Another spelling of the same address, from the same network address, is the same pair.
    expect(await reserveAttempt(open.db, throttleKeys('someone@example.ORG', '192.0.2.1'), at(5), { knownDevice: false })).toMatchObject({
      admitted: false,
    });
    // The owner, elsewhere, goes through.
    const owner = throttleKeys('someone@example.org', '203.0.113.9');
    expect(await reserveAttempt(open.db, owner, at(5), { knownDevice: false })).toMatchObject({ admitted: true });
    expect(await throttleSummary(open.db, 'SOMEONE@example.org', at(6))).toEqual({
      recentFailures: 6,
      lockedUntil: at(19),
      lockedAddresses: 1,
      slowed: false,
    });
  });

  it('lets only five of forty simultaneous attempts on a pair through, and counts each once', async () => {
    const keys = throttleKeys('parallel@example.org', '192.0.2.40');
    const results = await Promise.all(Array.from({ length: 40 }, () => reserveAttempt(open.db, keys, at(0), { knownDevice: false })));
    expect(results.filter((r) => r.admitted)).toHaveLength(5);
    expect(results.filter((r) => !r.admitted && r.kind === 'locked')).toHaveLength(35);
    const rows = await open.db
      .selectFrom('identity.sign_in_throttle')
      .select(['key', 'failures'])
      .where(
        'key',
        'in',
        keys.map((k) => k.key),
      )
      .orderBy('key')
      .execute();
    expect(rows).toEqual([
      { key: 'account:parallel@example.org', failures: 5 },
      { key: 'address:192.0.2.40', failures: 5 },
      { key: 'pair:parallel@example.org|192.0.2.40', failures: 5 },
    ]);
  });

  it('spaces attempts on an account tried from many addresses, except from a browser that signed in before', async () => {
    const email = 'spread@example.org';
    for (let i = 0; i < 10; i++) expect(await failOnce(throttleKeys(email, `198.18.0.${i}`), 0)).toMatchObject({ admitted: true });
    const fresh = throttleKeys(email, '198.18.1.1');
    expect(await failOnce(fresh, 0.5)).toMatchObject({ admitted: false, kind: 'slowed', scope: 'account', seconds: 30 });
    expect(await failOnce(fresh, 0.5, true)).toMatchObject({ admitted: true });
    // The known device's attempt went through half a minute in: a minute after it, the next one does.
    expect(await failOnce(fresh, 1.2)).toMatchObject({ admitted: false, kind: 'slowed' });
    expect(await failOnce(fresh, 1.5)).toMatchObject({ admitted: true });
    expect((await throttleSummary(open.db, email, at(2))).slowed).toBe(true);
  });

  it('forgets an e-mail address’s counts from every network address, and leaves the addresses’ own', async () => {
    const email = 'forget@example.org';
    for (let i = 0; i < 5; i++) await failOnce(throttleKeys(email, '192.0.2.99'), 0);
    const cleared = await open.db.transaction().execute((trx) => clearAccountThrottle(trx, email));
    expect(cleared).toBe(2);
    expect(await reserveAttempt(open.db, throttleKeys(email, '192.0.2.99'), at(1), { knownDevice: false })).toMatchObject({
      admitted: true,
    });
    const address = await open.db
      .selectFrom('identity.sign_in_throttle')
      .select('failures')
      .where('key', '=', 'address:192.0.2.99')
      .executeTakeFirstOrThrow();
    expect(address.failures).toBe(6);
  });
});
