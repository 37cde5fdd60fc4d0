import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { describe, expect, it } from 'vitest';
import { OverloadPool } from './overload-pool.js';

const pool = (fail: Error | undefined): PostgresPool => ({
  async connect(): Promise<PostgresPoolClient> {
    if (fail) throw fail;
    return { query: (async () => ({ rows: [] })) as never, release: () => undefined };
  },
  async end() {},
});

describe('OverloadPool', () => {
  it('turns node-postgres’s wait for a connection running out into overload, not an internal error', async () => {
    await expect(new OverloadPool(pool(new Error('timeout exceeded when trying to connect'))).connect()).rejects.toMatchObject({
      code: 'http.overloaded',
      status: 503,
    });
  });

  it('passes other failures on as they are, and connections through', async () => {
    await expect(new OverloadPool(pool(new Error('password authentication failed'))).connect()).rejects.toThrow(
      'password authentication failed',
    );
    await expect(new OverloadPool(pool(undefined)).connect()).resolves.toHaveProperty('release');
  });
});
