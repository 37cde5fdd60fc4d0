// Tries the failed formats of a generation again. The runner gives a failing job a few attempts with backoff, then
// marks it failed; the format's row keeps the reason, which the pages show. Once the cause is dealt with (a
// converter installed, a picture restored), the Secretariat asks for those formats again: their rows go back to
// "queued" and the job that makes them is queued, in the caller's transaction. Formats already made, or being
// made, are left alone; so is the model, which never changes.
//
// Authorization belongs to the use case (the compilation's or the letter's page), which calls this.
import { recordAudit, type AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { findGeneration, markRendition, type RenditionFormat } from '../db.js';
import { CONVERT_PDF, RENDER_DOCUMENT } from '../jobs/kinds.js';

/** A format that failed, or could not be made on this installation (no converter), may be asked for again. */
const RETRYABLE = new Set(['failed', 'unavailable']);

export async function retryGeneration(
  trx: Transaction,
  clock: Clock,
  actor: AuditActor,
  generationId: string,
): Promise<{ formats: RenditionFormat[] }> {
  const generation = await findGeneration(trx, generationId);
  if (!generation) throw new AppError('document.not_generated', { detail: `generation ${generationId}` });
  // Locked so that two requests (or a job finishing) cannot both read "failed" and queue the work twice.
  const renditions = await trx
    .selectFrom('documents.renditions')
    .selectAll()
    .where('generation_id', '=', generationId)
    .forUpdate()
    .execute();
  const formats = renditions.filter((r) => RETRYABLE.has(r.status)).map((r) => r.format);
  if (formats.length === 0)
    throw new AppError('document.nothing_to_retry', {
      detail: `generation ${generationId}: ${renditions.map((r) => `${r.format} ${r.status}`).join(', ')}`,
    });
  for (const format of formats)
    await markRendition(trx, generationId, format, {
      status: 'queued',
      error: null,
      started_at: null,
      finished_at: null,
      duration_ms: null,
    });
  // The render job makes the HTML, DOCX and XML not yet done, and queues the PDF when it has made the DOCX. A PDF
  // alone, from a DOCX already made, is the converter's job.
  if (formats.some((f) => f !== 'pdf')) await enqueue(trx, clock, RENDER_DOCUMENT, { generationId });
  const docx = renditions.find((r) => r.format === 'docx');
  if (formats.includes('pdf') && docx?.status === 'done') await enqueue(trx, clock, CONVERT_PDF, { generationId });
  await recordAudit(trx, clock, {
    action: 'document.render_retried',
    actor,
    subject: { type: generation.document, id: generation.subject_id },
    data: { document: generation.document, generationId, formats },
  });
  return { formats };
}
