// Telling each mission whose written statement a compilation encloses that it was issued (the original, or a
// corrigendum), with the symbol, the statement's annex number and the links: the mission's access focal points and
// the person who submitted the statement, those of them who have not turned this notification off, each once per
// issued run. The text is in ./mails.ts.
//
// A compilation may enclose statements from a great many missions (190 could write), each with several people to
// tell. Queuing hundreds of mails in the issuing transaction would lengthen a transaction that already holds the
// debate's row, the run's and the symbol counter (and, on PGlite, the only connection). Issuing queues one job
// instead, in its transaction, so a rolled-back issue tells no one; after the commit the job (./notify-issued-job.ts)
// reads the issued run (immutable from then on), numbers its annexes as the letter does, and queues the mails in batches.
import { z } from 'zod';
import type { Clock } from '../../kernel/clock.js';
import type { Transaction } from '../../kernel/db/database.js';
import { enqueue } from '../../kernel/jobs/index.js';

export const NOTIFY_COMPILATION_ISSUED = 'compilation.notify-issued';

export const notifyIssuedPayload = z.object({ debateId: z.uuid(), runId: z.uuid(), symbol: z.string().min(1).max(100) });
export type NotifyIssuedPayload = z.infer<typeof notifyIssuedPayload>;

/** Call in the issuing transaction, after its audit entry: one job, which tells the missions after the commit. */
export async function notifyCompilationIssued(trx: Transaction, clock: Clock, o: NotifyIssuedPayload): Promise<void> {
  await enqueue(trx, clock, NOTIFY_COMPILATION_ISSUED, o);
}
