// Tries again the formats of a run's document that failed to render (see documents' retryGeneration): the run's
// record and its model do not change, only the failed formats are queued again.
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { retryGeneration, type RenditionFormat } from '../../documents/index.js';
import type { Acting } from '../../../kernel/authz.js';
import { findRun } from '../db.js';
import { debateFor, requireSecretariat } from './access.js';

export async function retryRunRendering(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  slug: string,
  seq: number,
): Promise<{ formats: RenditionFormat[] }> {
  requireSecretariat(by);
  const debate = await debateFor(trx, slug);
  const run = await findRun(trx, debate.id, seq);
  if (!run) throw new AppError('compilation.not_found', { detail: `${slug} run ${seq}` });
  return retryGeneration(trx, clock, { id: by.actor.id, label: by.label }, run.generation_id);
}
