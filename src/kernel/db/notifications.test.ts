// Notifications on both engines: delivered when the sending transaction commits, never when it rolls back; on server
// PostgreSQL, a lost listening connection comes back by itself, and stopping leaves no connection behind.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import type { OpenDatabase } from './database.js';
import { listenPostgres } from './notifications.js';

function recordingLog() {
  const warnings: string[] = [];
  return { warnings, warn: (_obj: object, msg?: string) => warnings.push(msg ?? '') };
}

describe('notifications', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => open?.close());

  it('are delivered when the transaction commits, and not when it rolls back', async () => {
    const log = recordingLog();
    let heard = 0;
    const listening = open.listen('test_commits', () => heard++, log);
    await listening.ready;
    // On PostgreSQL the listener also looks once when it starts listening (work queued meanwhile told no one).
    const before = heard;
    await expect(
      open.db.transaction().execute(async (trx) => {
        await sql`NOTIFY test_commits`.execute(trx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await open.db.transaction().execute(async (trx) => {
      await sql`NOTIFY test_commits`.execute(trx);
      await sql`NOTIFY test_other_channel`.execute(trx);
    });
    await vi.waitFor(() => expect(heard).toBe(before + 1), { timeout: 5000, interval: 10 });
    // One commit, one notification: the rolled-back one and the other channel's never reach it.
    await open.db.transaction().execute(async (trx) => sql`NOTIFY test_commits`.execute(trx));
    await vi.waitFor(() => expect(heard).toBe(before + 2), { timeout: 5000, interval: 10 });
    await listening.stop();
    await listening.stop();
    await open.db.transaction().execute(async (trx) => sql`NOTIFY test_commits`.execute(trx));
    // What was sent before stop() was heard; after it, nothing more is (a query round trip lets any delivery land).
    await open.db.selectNoFrom(sql<number>`1`.as('one')).execute();
    expect(heard).toBe(before + 2);
    expect(log.warnings).toEqual([]);
  });

  it('refuse a channel that is not a plain name', () => {
    expect(() => open.listen('jobs; drop table x', () => undefined, recordingLog())).toThrow(/not a channel name/);
  });

  it('come back after the listening connection is lost, and stopping closes it (PostgreSQL)', async (ctx) => {
    if (open.engine === 'pglite') ctx.skip();
    const log = recordingLog();
    let heard = 0;
    const listening = open.listen('test_reconnects', () => heard++, log);
    await listening.ready;
    const backends = async () =>
      (
        await sql<{
          pid: number;
        }>`select pid from pg_stat_activity where application_name = 'rostrum listen test_reconnects' and datname = current_database()`.execute(
          open.db,
        )
      ).rows.map((r) => r.pid);
    const [pid] = await backends();
    expect(pid).toBeTypeOf('number');
    await sql`select pg_terminate_backend(${pid})`.execute(open.db);
    // Reconnected (a second later), a new connection listens again; it looks once when it is back.
    await vi.waitFor(async () => expect((await backends()).filter((p) => p !== pid)).toHaveLength(1), { timeout: 10_000, interval: 100 });
    const afterReconnect = heard;
    await vi.waitFor(
      async () => {
        await open.db.transaction().execute(async (trx) => sql`NOTIFY test_reconnects`.execute(trx));
        expect(heard).toBeGreaterThan(afterReconnect);
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(log.warnings.some((w) => w.includes('lost'))).toBe(true);
    await listening.stop();
    await vi.waitFor(async () => expect(await backends()).toEqual([]), { timeout: 5000, interval: 50 });
  });

  it('never throw when the server cannot be reached, and stop cleanly', async () => {
    // Nothing listens on port 1 of this machine: every connection is refused at once.
    const log = recordingLog();
    const listening = listenPostgres('postgres://postgres@127.0.0.1:1/none', { retryMs: 20 })('test_unreachable', () => undefined, log);
    await vi.waitFor(() => expect(log.warnings.length).toBeGreaterThanOrEqual(2), { timeout: 5000, interval: 10 });
    await listening.stop();
    expect(log.warnings.every((w) => w.includes('lost'))).toBe(true);
  });
});
