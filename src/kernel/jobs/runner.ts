// Runs queued jobs. The queue is a table rather than an external broker so that it works the same on embedded PGlite
// and on server PostgreSQL, and so every job's status and failure reasons stay visible. The runner looks for due jobs
// every `pollMs`; given `wakeups`, it also looks at once when told that a job was queued (enqueue sends a NOTIFY on
// JOBS_CHANNEL, delivered when the queuing transaction commits). Polling stays as the fallback: for jobs due later, for
// retries, and while the notifications' connection is lost.
//
// A job is claimed in a short transaction (row lock with SKIP LOCKED, status 'running', a lease in locked_until)
// and its handler runs outside it: a slow handler must not hold a transaction, and on PGlite, which has a single
// connection, must not block every other query. A worker that dies mid-job leaves a lease that expires; the job is
// then claimed again. Handlers must therefore tolerate running more than once.
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database, Transaction } from '../db/database.js';
import { recordAudit } from '../audit.js';
import { AppError, isAppError } from '../errors.js';
import type { JobDefinition, JobLog } from './registry.js';
import { Poller } from '../poller.js';

/** Calls `wake` whenever a job may have been queued, until stopped (OpenDatabase.listen on JOBS_CHANNEL). */
export type JobWakeups = (wake: () => void) => { stop(): Promise<void> };

export interface JobRunnerOptions {
  db: Database;
  clock: Clock;
  jobs: readonly JobDefinition[];
  /** Real-time pause between polls when the queue is empty. */
  pollMs?: number;
  log: JobLog;
  /** How long a claimed job is leased to this worker before another may take it over. */
  lockMs?: number;
  /** What wakes the runner as soon as a job is queued; without it, the runner only polls. */
  wakeups?: JobWakeups;
}

const DEFAULT_POLL_MS = 1000;
const DEFAULT_LOCK_MS = 5 * 60_000;
const MAX_ERROR_LENGTH = 4000;

/** Wait before attempt n+1 after attempt n failed: 10 s, 20 s, 40 s ... capped at an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(2 ** attempt * 5000, 60 * 60_000);
}

interface ClaimedJob {
  id: number;
  kind: string;
  attempt: number;
  maxAttempts: number;
  payload: unknown;
  definition: JobDefinition;
}

export class JobRunner {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly log: JobLog;
  private readonly pollMs: number;
  private readonly lockMs: number;
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly poller: Poller;
  private readonly wakeups: JobWakeups | undefined;
  private listening: { stop(): Promise<void> } | undefined;

  constructor(options: JobRunnerOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.log = options.log;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
    for (const job of options.jobs) {
      if (this.definitions.has(job.kind)) throw new AppError('internal', { detail: `job kind ${job.kind} is given to the runner twice` });
      this.definitions.set(job.kind, job);
    }
    this.wakeups = options.wakeups;
    this.poller = new Poller(() => this.round(), this.pollMs);
  }

  /** Polls until stop(). Each round starts only after the previous one ended, so rounds never overlap. */
  start(): void {
    this.poller.start();
    if (this.wakeups && !this.listening) this.listening = this.wakeups(() => this.poller.wake());
  }

  /** Resolves once the job in hand (if any) has finished; no timer or connection is left behind. */
  async stop(): Promise<void> {
    const listening = this.listening;
    this.listening = undefined;
    await Promise.all([listening?.stop(), this.poller.stop()]);
  }

  /** Claims and runs due jobs one at a time, at most `limit`; returns how many it took off the queue. */
  async runDue(limit = 100): Promise<number> {
    return this.drain(limit, () => false);
  }

  private async drain(limit: number, stopping: () => boolean): Promise<number> {
    let handled = 0;
    while (handled < limit && !stopping()) {
      const claimed = await this.claim();
      if (claimed === undefined) break;
      handled++;
      if (claimed !== 'settled') await this.run(claimed);
    }
    return handled;
  }

  /** One poll: up to a batch of jobs; a full batch means more may be waiting, so the poller goes again at once. */
  private async round(): Promise<boolean> {
    const batch = 20;
    try {
      // stop() waits for the job in hand, not for the rest of the batch.
      return (await this.drain(batch, () => this.poller.stopping)) >= batch;
    } catch (err) {
      // A lost database connection must not end the worker: log it and try again at the next poll.
      this.log.error({ err }, 'job runner: polling failed');
      return false;
    }
  }

  /** undefined: nothing due. 'settled': a job was taken off the queue without running (unknown kind, exhausted). */
  private async claim(): Promise<ClaimedJob | 'settled' | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      const row = await trx
        .selectFrom('kernel.jobs')
        .select(['id', 'kind', 'payload', 'status', 'attempts', 'max_attempts'])
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
          ]),
        )
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return undefined;

      const attempt = row.attempts + 1;
      const job = { id: row.id, kind: row.kind, attempt, maxAttempts: row.max_attempts };
      // The worker that held the lease died or hung: that attempt failed, and it is recorded as such.
      const abandoned = row.status === 'running';
      if (abandoned) {
        const message = 'The worker running this job stopped before finishing it (its lease expired).';
        if (row.attempts >= row.max_attempts) {
          await this.settleFailed(trx, { ...job, attempt: row.attempts }, message, now);
          return 'settled';
        }
        await appendError(trx, row.id, message, now);
      }

      const definition = this.definitions.get(row.kind);
      // Retrying cannot help when no handler exists or the payload is unusable: fail now, visibly.
      if (!definition) {
        await this.settleFailed(trx, job, describeError(new AppError('job.unknown_kind', { detail: row.kind })), now);
        return 'settled';
      }
      const parsed = definition.payload.safeParse(row.payload);
      if (!parsed.success) {
        await this.settleFailed(
          trx,
          job,
          describeError(new AppError('job.invalid_payload', { detail: `${row.kind}: ${parsed.error.message}` })),
          now,
        );
        return 'settled';
      }

      await trx
        .updateTable('kernel.jobs')
        .set({ status: 'running', attempts: attempt, locked_until: new Date(now.getTime() + this.lockMs) })
        .where('id', '=', row.id)
        .execute();
      return { ...job, payload: parsed.data, definition };
    });
  }

  private async run(job: ClaimedJob): Promise<void> {
    try {
      await job.definition.handler(job.payload, { db: this.db, clock: this.clock, log: this.log, attempt: job.attempt, jobId: job.id });
    } catch (err) {
      await this.recordFailure(job, err);
      return;
    }
    const done = await this.db
      .updateTable('kernel.jobs')
      .set({ status: 'done', finished_at: this.clock.now(), locked_until: null })
      .where('id', '=', job.id)
      .where('status', '=', 'running')
      .where('attempts', '=', job.attempt)
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n) this.lostLease(job);
  }

  private async recordFailure(job: ClaimedJob, err: unknown): Promise<void> {
    const message = describeError(err);
    this.log.warn({ err, jobId: job.id, kind: job.kind, attempt: job.attempt }, 'job failed');
    await this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      if (job.attempt >= job.maxAttempts) {
        await this.settleFailed(trx, job, message, now, { onlyIfHeld: true });
        return;
      }
      const result = await trx
        .updateTable('kernel.jobs')
        .set({
          status: 'queued',
          run_at: new Date(now.getTime() + retryDelayMs(job.attempt)),
          locked_until: null,
          last_error: message,
          errors: errorsPlus(message, now),
        })
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .where('attempts', '=', job.attempt)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) this.lostLease(job);
    });
  }

  /**
   * Marks a job failed for good and audits it in the same transaction. `onlyIfHeld`: the update applies only if
   * this worker still holds the attempt, so a worker whose lease expired cannot overwrite its successor's outcome.
   */
  private async settleFailed(
    trx: Transaction,
    job: Omit<ClaimedJob, 'payload' | 'definition'>,
    message: string,
    now: Date,
    options: { onlyIfHeld?: boolean } = {},
  ): Promise<void> {
    let update = trx
      .updateTable('kernel.jobs')
      .set({
        status: 'failed',
        attempts: job.attempt,
        finished_at: now,
        locked_until: null,
        last_error: message,
        errors: errorsPlus(message, now),
      })
      .where('id', '=', job.id);
    if (options.onlyIfHeld) update = update.where('status', '=', 'running').where('attempts', '=', job.attempt);
    const result = await update.executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      this.lostLease(job);
      return;
    }
    this.log.error({ jobId: job.id, kind: job.kind, attempts: job.attempt, error: message }, 'job failed for good');
    await recordAudit(trx, this.clock, {
      action: 'job.failed',
      actor: { id: null, label: 'system' },
      subject: { type: 'job', id: String(job.id) },
      data: { jobId: job.id, kind: job.kind, attempts: job.attempt, error: message },
    });
  }

  private lostLease(job: { id: number; kind: string; attempt: number }): void {
    this.log.warn(
      { jobId: job.id, kind: job.kind, attempt: job.attempt },
      'job outcome not recorded: its lease expired and another worker took it over',
    );
  }
}

async function appendError(trx: Transaction, id: number, message: string, now: Date): Promise<void> {
  await trx
    .updateTable('kernel.jobs')
    .set({ last_error: message, errors: errorsPlus(message, now) })
    .where('id', '=', id)
    .execute();
}

// Every failure is kept, not only the last: the first reason is often the one that explains the rest.
function errorsPlus(message: string, now: Date) {
  return sql<string>`errors || ${JSON.stringify([{ at: now.toISOString(), message }])}::jsonb`;
}

function describeError(err: unknown): string {
  let text: string;
  if (isAppError(err)) text = `${err.code}: ${err.message}${err.detail ? ` (${err.detail})` : ''}`;
  else if (err instanceof Error) text = err.message || err.name;
  else text = String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
