// Jobs are queued in the caller's transaction: the job exists if and only if the change that asked for it
// commits, so a rolled-back command never sends its e-mail and a committed one never forgets to. A job due now also
// notifies JOBS_CHANNEL in the same transaction: PostgreSQL delivers the notification at commit (and drops it on
// rollback), so a runner listening there starts at once instead of at its next poll.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Transaction } from '../db/database.js';
import { AppError } from '../errors.js';
import { knownJobKind } from './registry.js';

/** The channel enqueue notifies when a job is due now, for the runner to listen on. */
export const JOBS_CHANNEL = 'rostrum_jobs';

export interface EnqueueOptions {
  /** Not before this time; defaults to now. */
  runAt?: Date;
  /** Overrides the definition's value (and the table default of 5). */
  maxAttempts?: number;
}

export async function enqueue(
  trx: Transaction,
  clock: Clock,
  kind: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<number> {
  // A kind defined elsewhere (another process, a module not loaded here) is accepted unchecked; the runner checks it.
  const known = knownJobKind(kind);
  let value = payload;
  if (known) {
    const parsed = known.payload.safeParse(payload);
    if (!parsed.success) throw new AppError('job.invalid_payload', { detail: `${kind}: ${z.prettifyError(parsed.error)}` });
    value = parsed.data;
  }
  const json = JSON.stringify(value ?? null);
  const maxAttempts = options.maxAttempts ?? known?.maxAttempts;
  if (maxAttempts !== undefined && (!Number.isInteger(maxAttempts) || maxAttempts < 1)) {
    throw new AppError('internal', { detail: `${kind}: maxAttempts must be a whole number of at least 1, not ${maxAttempts}` });
  }
  const now = clock.now();
  const runAt = options.runAt ?? now;
  const row = await trx
    .insertInto('kernel.jobs')
    .values({
      kind,
      payload: json,
      status: 'queued',
      run_at: runAt,
      created_at: now,
      ...(maxAttempts !== undefined ? { max_attempts: maxAttempts } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Several jobs queued in one transaction make one notification (PostgreSQL folds identical ones).
  if (runAt.getTime() <= now.getTime()) await sql`NOTIFY ${sql.raw(JOBS_CHANNEL)}`.execute(trx);
  return row.id;
}
