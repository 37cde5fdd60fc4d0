import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { testDatabase } from '../../../test/db.js';
import { fixedClock, type Clock } from '../clock.js';
import type { OpenDatabase } from '../db/database.js';
import { errorCatalogue } from '../errors.js';
import { JOBS_CHANNEL, JobRunner, defineJob, enqueue, retryDelayMs, type JobContext, type JobLog } from './index.js';

const clock = fixedClock('2026-12-01T09:00:00.000Z');

function recordingLog(): JobLog & { lines: Array<{ level: string; msg: string | undefined }> } {
  const lines: Array<{ level: string; msg: string | undefined }> = [];
  return {
    lines,
    info: (_obj, msg) => lines.push({ level: 'info', msg }),
    warn: (_obj, msg) => lines.push({ level: 'warn', msg }),
    error: (_obj, msg) => lines.push({ level: 'error', msg }),
  };
}

// Handlers delegate to a per-test function so one definition per kind serves every test.
let greet: (payload: { name: string }, ctx: JobContext) => Promise<void> = async () => undefined;
const greetJob = defineJob({ kind: 'test.send-greeting', payload: z.object({ name: z.string() }), handler: (p, ctx) => greet(p, ctx) });
let flaky: (payload: { n: number }, ctx: JobContext) => Promise<void> = async () => undefined;
const flakyJob = defineJob({
  kind: 'test.do-flaky',
  payload: z.object({ n: z.number() }),
  maxAttempts: 3,
  handler: (p, ctx) => flaky(p, ctx),
});

describe('job queue', () => {
  let open: OpenDatabase;
  let log: ReturnType<typeof recordingLog>;
  let runner: JobRunner;

  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => open?.close());
  beforeEach(async () => {
    await open.db.deleteFrom('kernel.jobs').execute();
    clock.set('2026-12-01T09:00:00.000Z');
    log = recordingLog();
    runner = new JobRunner({ db: open.db, clock, jobs: [greetJob, flakyJob], pollMs: 10, log });
    greet = async () => undefined;
    flaky = async () => undefined;
  });

  const job = (id: number) => open.db.selectFrom('kernel.jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('leaves no job when the enqueuing transaction rolls back', async () => {
    await expect(
      open.db.transaction().execute(async (trx) => {
        await enqueue(trx, clock, 'test.send-greeting', { name: 'Ana' });
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await open.db.selectFrom('kernel.jobs').select('id').execute()).toHaveLength(0);
    expect(await runner.runDue()).toBe(0);
  });

  it('refuses a payload that does not match the definition', async () => {
    await expect(open.db.transaction().execute((trx) => enqueue(trx, clock, 'test.send-greeting', { name: 42 }))).rejects.toMatchObject({
      code: 'job.invalid_payload',
    });
  });

  it('runs a job once and marks it done', async () => {
    const calls: Array<{ name: string; attempt: number; jobId: number }> = [];
    greet = async (p, ctx) => {
      calls.push({ name: p.name, attempt: ctx.attempt, jobId: ctx.jobId });
    };
    const id = await open.db.transaction().execute((trx) => enqueue(trx, clock, 'test.send-greeting', { name: 'Ana' }));
    expect(await runner.runDue()).toBe(1);
    expect(await runner.runDue()).toBe(0);
    expect(calls).toEqual([{ name: 'Ana', attempt: 1, jobId: id }]);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 1, locked_until: null, errors: [], finished_at: clock.now() });
  });

  it('waits for runAt', async () => {
    const id = await open.db
      .transaction()
      .execute((trx) => enqueue(trx, clock, 'test.send-greeting', { name: 'Ana' }, { runAt: new Date(clock.now().getTime() + 60_000) }));
    expect(await runner.runDue()).toBe(0);
    clock.advance(60_000);
    expect(await runner.runDue()).toBe(1);
    expect((await job(id)).status).toBe('done');
  });

  it('retries a failing job with backoff on the clock, keeps every reason, and fails it after max attempts', async () => {
    flaky = async (_p, ctx) => {
      throw new Error(`refused on attempt ${ctx.attempt}`);
    };
    const id = await open.db.transaction().execute((trx) => enqueue(trx, clock, 'test.do-flaky', { n: 1 }));
    expect((await job(id)).max_attempts).toBe(3);

    expect(await runner.runDue()).toBe(1);
    let row = await job(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'refused on attempt 1', locked_until: null });
    expect(row.run_at.getTime() - clock.now().getTime()).toBe(retryDelayMs(1));

    // Not before the backoff has elapsed on the clock.
    clock.advance(retryDelayMs(1) - 1);
    expect(await runner.runDue()).toBe(0);
    clock.advance(1);
    expect(await runner.runDue()).toBe(1);
    row = await job(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 2 });
    expect(row.run_at.getTime() - clock.now().getTime()).toBe(retryDelayMs(2));

    clock.advance(retryDelayMs(2));
    expect(await runner.runDue()).toBe(1);
    row = await job(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'refused on attempt 3', finished_at: clock.now() });
    expect(row.errors.map((e) => e.message)).toEqual(['refused on attempt 1', 'refused on attempt 2', 'refused on attempt 3']);
    expect(row.errors[2]?.at).toBe(clock.now().toISOString());

    clock.advance(24 * 3600_000);
    expect(await runner.runDue()).toBe(0);
    const audit = await open.db
      .selectFrom('kernel.audit_log')
      .selectAll()
      .where('action', '=', 'job.failed')
      .where('subject_id', '=', String(id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.data).toMatchObject({ jobId: id, kind: 'test.do-flaky', attempts: 3 });
  });

  it('grows the backoff exponentially up to an hour', () => {
    expect([1, 2, 3, 4, 9, 10, 20].map(retryDelayMs)).toEqual([10_000, 20_000, 40_000, 80_000, 2_560_000, 3_600_000, 3_600_000]);
  });

  it('fails a job of an unknown kind at once', async () => {
    const id = await open.db.transaction().execute((trx) => enqueue(trx, clock, 'test.never-defined', { x: 1 }));
    expect(await runner.runDue()).toBe(1);
    const row = await job(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toContain(errorCatalogue['job.unknown_kind'].message);
    expect(row.errors).toHaveLength(1);
  });

  it('fails a job whose stored payload no longer fits its definition at once', async () => {
    const { id } = await open.db
      .insertInto('kernel.jobs')
      .values({ kind: 'test.send-greeting', payload: JSON.stringify({ nom: 'Ana' }), run_at: clock.now(), created_at: clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await runner.runDue()).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await job(id)).last_error).toMatch(/^job\.invalid_payload/);
  });

  it('takes over a job whose worker died once its lease expires', async () => {
    const seen: number[] = [];
    greet = async (_p, ctx) => {
      seen.push(ctx.attempt);
    };
    const id = await open.db.transaction().execute((trx) => enqueue(trx, clock, 'test.send-greeting', { name: 'Ana' }));
    // A worker claimed it (attempt 1) and then vanished without a word.
    await open.db
      .updateTable('kernel.jobs')
      .set({ status: 'running', attempts: 1, locked_until: new Date(clock.now().getTime() + 5 * 60_000) })
      .where('id', '=', id)
      .execute();
    expect(await runner.runDue()).toBe(0);
    clock.advance(5 * 60_000 + 1);
    expect(await runner.runDue()).toBe(1);
    expect(seen).toEqual([2]);
    const row = await job(id);
    expect(row).toMatchObject({ status: 'done', attempts: 2 });
    expect(row.errors.map((e) => e.message)).toEqual([expect.stringMatching(/lease expired/)]);
  });

  it('fails, without running it, an abandoned job that had used its last attempt', async () => {
    let ran = false;
    flaky = async () => {
      ran = true;
    };
    const id = await open.db.transaction().execute((trx) => enqueue(trx, clock, 'test.do-flaky', { n: 1 }));
    await open.db
      .updateTable('kernel.jobs')
      .set({ status: 'running', attempts: 3, locked_until: clock.now() })
      .where('id', '=', id)
      .execute();
    clock.advance(1);
    expect(await runner.runDue()).toBe(1);
    expect(ran).toBe(false);
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 3, last_error: expect.stringMatching(/lease expired/) });
  });

  it('does not let a worker whose lease expired overwrite the outcome of the one that took over', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    greet = async () => {
      calls++;
      if (calls === 1) await blocked;
      else throw new Error('second worker failed');
    };
    const id = await open.db.transaction().execute((trx) => enqueue(trx, clock, 'test.send-greeting', { name: 'Ana' }));
    const slow = runner.runDue(1);
    await vi.waitFor(() => expect(calls).toBe(1));
    clock.advance(5 * 60_000 + 1);
    const other = new JobRunner({ db: open.db, clock, jobs: [greetJob], log });
    expect(await other.runDue(1)).toBe(1);
    release();
    await slow;
    expect(await job(id)).toMatchObject({ status: 'queued', attempts: 2, last_error: 'second worker failed' });
    expect(log.lines.some((l) => l.level === 'warn' && /lease expired/.test(l.msg ?? ''))).toBe(true);
  });

  it('polls in the background, survives errors, and stops cleanly after the job in hand', async () => {
    let failures = 2;
    const flakyClock: Clock = {
      now() {
        if (failures > 0) {
          failures--;
          throw new Error('clock unavailable');
        }
        return clock.now();
      },
    };
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    greet = async () => {
      started++;
      await blocked;
    };
    const id = await open.db.transaction().execute((trx) => enqueue(trx, clock, 'test.send-greeting', { name: 'Ana' }));
    const loop = new JobRunner({ db: open.db, clock: flakyClock, jobs: [greetJob], pollMs: 5, log });
    loop.start();
    loop.start(); // a second start must not start a second loop
    await vi.waitFor(() => expect(started).toBe(1), { timeout: 5000 });
    expect(log.lines.filter((l) => l.level === 'error' && l.msg === 'job runner: polling failed')).toHaveLength(2);

    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await job(id)).status).toBe('done');

    // Nothing is left polling: a new job stays queued.
    const later = await open.db.transaction().execute((trx) => enqueue(trx, clock, 'test.send-greeting', { name: 'Bo' }));
    await new Promise((r) => setTimeout(r, 50));
    expect((await job(later)).status).toBe('queued');
    expect(started).toBe(1);
  });

  it('is woken when a job is queued: it runs at once, long before its next poll', async () => {
    const ran: string[] = [];
    greet = async ({ name }) => {
      ran.push(name);
    };
    let listening: Promise<void> | undefined;
    let wakes = 0;
    // An hour between polls: only a wake-up can run the job within the test.
    const woken = new JobRunner({
      db: open.db,
      clock,
      jobs: [greetJob],
      pollMs: 3_600_000,
      log,
      wakeups: (wake) => {
        const l = open.listen(JOBS_CHANNEL, () => (wakes++, wake()), log);
        listening = l.ready;
        return l;
      },
    });
    woken.start();
    await listening;
    const first = await open.db.transaction().execute((trx) => enqueue(trx, clock, 'test.send-greeting', { name: 'Ana' }));
    await vi.waitFor(async () => expect((await job(first)).status).toBe('done'), { timeout: 10_000, interval: 20 });
    // A job due later wakes no one; one due now, queued in the same transaction, does.
    const before = wakes;
    const [later, now] = await open.db
      .transaction()
      .execute(async (trx) => [
        await enqueue(trx, clock, 'test.send-greeting', { name: 'Later' }, { runAt: new Date(clock.now().getTime() + 60_000) }),
        await enqueue(trx, clock, 'test.send-greeting', { name: 'Bo' }),
      ]);
    await vi.waitFor(async () => expect((await job(now!)).status).toBe('done'), { timeout: 10_000, interval: 20 });
    expect(wakes).toBe(before + 1);
    expect((await job(later!)).status).toBe('queued');
    expect(ran).toEqual(['Ana', 'Bo']);
    await woken.stop();
    // Stopped, it is woken no more: a job queued now stays queued (the round trip lets a delivery land).
    const after = await open.db.transaction().execute((trx) => enqueue(trx, clock, 'test.send-greeting', { name: 'Cy' }));
    expect((await job(after)).status).toBe('queued');
    expect(ran).toEqual(['Ana', 'Bo']);
  });

  it('never runs the same job twice when two runners compete (PostgreSQL)', async (ctx) => {
    if (open.engine === 'pglite') ctx.skip();
    const runs = new Map<number, number>();
    greet = async (_p, jobCtx) => {
      runs.set(jobCtx.jobId, (runs.get(jobCtx.jobId) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 2));
    };
    const ids = await open.db.transaction().execute(async (trx) => {
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push(await enqueue(trx, clock, 'test.send-greeting', { name: `n${i}` }));
      return out;
    });
    const a = new JobRunner({ db: open.db, clock, jobs: [greetJob], log });
    const b = new JobRunner({ db: open.db, clock, jobs: [greetJob], log });
    const [ra, rb] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ra + rb).toBe(40);
    expect([...runs.keys()].sort((x, y) => x - y)).toEqual(ids);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });
});
