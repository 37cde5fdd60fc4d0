// A corrigendum of an issued compilation: a new run built from the statements accepted now, which `corrects` the
// issued original. Issuing it (issueCompilation) gives it the original's symbol with /Corr.1, then /Corr.2 for the
// next one against the same original, never a new S/ number. Started from a corrigendum, it corrects the same
// original. The issued original is never changed: it stays published, with its corrigenda listed beside it.
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import type { Acting } from '../../../kernel/authz.js';
import { lockRun } from '../db.js';
import { debateFor, requireSecretariat } from './access.js';
import { buildCompilation } from './compile.js';

export async function startCorrigendum(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  slug: string,
  seq: number,
): Promise<{ runId: string; seq: number; corrects: string }> {
  requireSecretariat(by);
  // The debate's row first, as a build and an issue take it, then the run's.
  const debate = await debateFor(trx, slug, { lock: true });
  const run = await lockRun(trx, debate.id, seq);
  if (!run) throw new AppError('compilation.not_found', { detail: `${slug} run ${seq}` });
  if (run.symbol === null) throw new AppError('compilation.corrigendum_of_draft', { detail: `${slug} run ${seq} is a draft` });
  const original =
    run.corrects === null
      ? run
      : await trx.selectFrom('compilation.runs').selectAll().where('id', '=', run.corrects).executeTakeFirstOrThrow();
  if (original.symbol === null)
    throw new AppError('compilation.corrigendum_of_draft', { detail: `${slug} run ${original.seq} is a draft` });
  // The corrigendum keeps the original's procedural text and annex order; the texts are those accepted now.
  const built = await buildCompilation(trx, clock, by, slug, {
    procedure: original.inputs.procedure,
    order: original.inputs.order.join(', '),
    corrects: original.id,
  });
  await recordAudit(trx, clock, {
    action: 'compilation.corrigendum_started',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'debate', id: debate.id },
    data: { debate: slug, run: built.seq, corrects: original.seq, symbol: original.symbol },
  });
  return { ...built, corrects: original.symbol };
}
