import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import type { OpenDatabase } from '../../kernel/db/database.js';
import { checkThrottle, clearThrottle, decide, recordFailure, registerFailure, throttleKeys, throttleRules, type ThrottleState } from './throttle.js';

const T0 = new Date('2026-12-01T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const rule = throttleRules.email;

describe('registerFailure', () => {
  it.each<[string, ThrottleState | undefined, number, Partial<ThrottleState> & { lockedNow: boolean }]>([
    ['the first failure opens a window', undefined, 0, { failures: 1, windowStart: at(0), lockedUntil: null, lockedNow: false }],
    ['a failure inside the window counts', { failures: 3, windowStart: at(0), lockedUntil: null }, 14, { failures: 4, windowStart: at(0), lockedNow: false }],
    ['the fifth failure locks for 15 minutes and restarts the count', { failures: 4, windowStart: at(0), lockedUntil: null }, 10, { failures: 0, lockedUntil: at(25), lockedNow: true }],
    ['a failure after the window starts a new one', { failures: 4, windowStart: at(0), lockedUntil: null }, 15, { failures: 1, windowStart: at(15), lockedNow: false }],
    ['a failure after an expired lock counts from one', { failures: 0, windowStart: at(0), lockedUntil: at(15) }, 16, { failures: 1, lockedUntil: null, lockedNow: false }],
    ['a failure during a lock keeps the lock', { failures: 0, windowStart: at(0), lockedUntil: at(15) }, 5, { failures: 1, lockedUntil: at(15), lockedNow: false }],
  ])('%s', (_case, state, minute, expected) => {
    expect(registerFailure(state, at(minute), rule)).toMatchObject(expected);
  });

  it('locks an address only after 30 failures', () => {
    let state: ThrottleState | undefined;
    for (let i = 1; i < 30; i++) {
      const next = registerFailure(state, at(0), throttleRules.address);
      expect(next.lockedNow).toBe(false);
      state = next;
    }
    expect(registerFailure(state, at(0), throttleRules.address).lockedNow).toBe(true);
  });
});

describe('decide', () => {
  const locked = (until: Date): ThrottleState => ({ failures: 0, windowStart: at(0), lockedUntil: until });
  it.each([
    ['no rows', [], 0, { locked: false }],
    ['counting but not locked', [{ scope: 'email', state: { failures: 4, windowStart: at(0), lockedUntil: null } }], 1, { locked: false }],
    ['locked e-mail, minutes rounded up', [{ scope: 'email', state: locked(at(15)) }], 0.5, { locked: true, minutes: 15, scope: 'email' }],
    ['the last seconds count as a minute', [{ scope: 'email', state: locked(at(15)) }], 14.99, { locked: true, minutes: 1 }],
    ['an expired lock', [{ scope: 'email', state: locked(at(15)) }], 15, { locked: false }],
    ['the longer of two locks', [{ scope: 'email', state: locked(at(5)) }, { scope: 'address', state: locked(at(12)) }], 0, { locked: true, minutes: 12, scope: 'address' }],
  ] as const)('%s', (_case, states, minute, expected) => {
    expect(decide(states, at(minute))).toMatchObject(expected);
  });
});

describe('throttleKeys', () => {
  it('counts e-mail addresses as accounts are matched: trimmed, in lower case', () => {
    expect(throttleKeys('  Focal.Point@Mission.Example.ORG ', '192.0.2.7')).toEqual([
      { scope: 'email', key: 'email:focal.point@mission.example.org' },
      { scope: 'address', key: 'address:192.0.2.7' },
    ]);
    expect(throttleKeys(null, undefined)).toEqual([]);
  });
});

describe('throttle in the database', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => open?.close());

  it('locks after five failures for an e-mail, reports it once, and a clear forgets it', async () => {
    const keys = throttleKeys('Someone@Example.org', '192.0.2.1');
    const fail = (minute: number) => open.db.transaction().execute((trx) => recordFailure(trx, keys, at(minute)));
    for (let i = 0; i < 4; i++) expect(await fail(i)).toEqual([]);
    expect(await checkThrottle(open.db, keys, at(4))).toEqual({ locked: false });
    expect(await fail(4)).toEqual([{ scope: 'email', until: at(19) }]);
    expect(await checkThrottle(open.db, keys, at(5))).toMatchObject({ locked: true, scope: 'email', minutes: 14 });
    // Another spelling of the same address is the same key.
    expect(await checkThrottle(open.db, throttleKeys('someone@example.ORG', undefined), at(5))).toMatchObject({ locked: true });
    expect(await checkThrottle(open.db, keys, at(19))).toEqual({ locked: false });
    await open.db.transaction().execute((trx) => clearThrottle(trx, keys[0]!));
    const rows = await open.db.selectFrom('identity.sign_in_throttle').select(['key', 'failures']).orderBy('key').execute();
    expect(rows).toEqual([{ key: 'address:192.0.2.1', failures: 5 }]);
  });

  it('counts simultaneous failures each once', async () => {
    const keys = throttleKeys('parallel@example.org', undefined);
    await Promise.all([0, 1, 2].map(() => open.db.transaction().execute((trx) => recordFailure(trx, keys, at(0)))));
    const row = await open.db.selectFrom('identity.sign_in_throttle').select('failures').where('key', '=', keys[0]!.key).executeTakeFirstOrThrow();
    expect(row.failures).toBe(3);
  });
});
