import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AdmittedPool, currentLane, runInLane, setLane } from './admission.js';

/** A pool whose connections are lent at once and counted, or that fails as node-postgres does after its wait. */
function fakePool(o: { timeout?: boolean } = {}) {
  let lent = 0;
  const pool: PostgresPool & { lent: () => number } = {
    lent: () => lent,
    async connect(): Promise<PostgresPoolClient> {
      if (o.timeout) throw new Error('timeout exceeded when trying to connect');
      lent++;
      return { query: (async () => ({ rows: [] })) as never, release: () => void lent-- };
    },
    async end() {},
  };
  return pool;
}

const settings = { concurrency: 1, maxQueue: 0, maxWaitMs: 1000, connectWaitMs: 1000 };

describe('AdmittedPool', () => {
  it('lets anonymous work hold only its share of connections, refusing the rest as overload, while signed-in work goes on', async () => {
    const inner = fakePool();
    const pool = new AdmittedPool(inner, settings);
    const held = await runInLane('anonymous', () => pool.connect());
    await expect(runInLane('anonymous', () => pool.connect())).rejects.toMatchObject({ code: 'http.overloaded', status: 503 });
    const signedIn = await runInLane('signed_in', () => pool.connect());
    // Jobs and commands run in no lane, and are not limited either.
    const system = await pool.connect();
    expect(inner.lent()).toBe(3);
    held.release();
    held.release(); // once only
    const next = await runInLane('anonymous', () => pool.connect());
    for (const c of [signedIn, system, next]) c.release();
    expect(inner.lent()).toBe(0);
  });

  it('follows a request that changes lanes once its session is found', async () => {
    const pool = new AdmittedPool(fakePool(), settings);
    await runInLane('anonymous', async () => {
      const first = await pool.connect();
      expect(currentLane()).toBe('anonymous');
      setLane('signed_in');
      const second = await pool.connect();
      first.release();
      second.release();
    });
    expect(currentLane()).toBeUndefined();
  });

  it('turns node-postgres’s wait for a connection running out into overload, not an internal error', async () => {
    const pool = new AdmittedPool(fakePool({ timeout: true }), settings);
    await expect(runInLane('signed_in', () => pool.connect())).rejects.toMatchObject({ code: 'http.overloaded' });
    // The anonymous place taken for that attempt was given back.
    await expect(runInLane('anonymous', () => pool.connect())).rejects.toMatchObject({ code: 'http.overloaded', detail: expect.stringContaining('database pool') });
  });
});
