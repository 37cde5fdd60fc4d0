// Asks for a document to be rendered in every format. The request is a row holding the exact model to render and
// its hash, one row per format, and a queued job, all in the caller's transaction: the rendering itself never runs
// in a request, and a rolled-back command leaves no generation behind. The same model always gives the same
// DOCX, HTML and XML bytes (see ../render), so two generations with one hash hold the same files.
import { createHash, randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { insertGeneration, type DocumentKind, type RenditionFormat } from '../db.js';
import { documentModelSchema, type DocumentModel } from '../domain/document-model.js';
import { RENDER_DOCUMENT } from '../jobs/kinds.js';

export const RENDITION_FORMATS: readonly RenditionFormat[] = ['html', 'docx', 'pdf', 'akn'];

export function modelSha256(model: DocumentModel): string {
  return createHash('sha256').update(JSON.stringify(model)).digest('hex');
}

export async function requestGeneration(
  trx: Transaction,
  clock: Clock,
  actor: AuditActor,
  request: { document: DocumentKind; subjectId: string; model: DocumentModel },
): Promise<{ generationId: string; modelSha256: string }> {
  const parsed = documentModelSchema.safeParse(request.model);
  if (!parsed.success)
    throw new AppError('internal', { detail: `requestGeneration: the ${request.document} model is not valid: ${parsed.error.message}` });
  const model = parsed.data;
  const id = randomUUID();
  const sha256 = modelSha256(model);
  await insertGeneration(
    trx,
    {
      id,
      document: request.document,
      subject_id: request.subjectId,
      symbol: model.symbol,
      model,
      model_sha256: sha256,
      requested_at: clock.now(),
      requested_by: actor.id,
    },
    RENDITION_FORMATS,
  );
  await enqueue(trx, clock, RENDER_DOCUMENT, { generationId: id });
  await recordAudit(trx, clock, {
    action: 'document.generation_requested',
    actor,
    subject: { type: request.document, id: request.subjectId },
    data: { document: request.document, generationId: id, symbol: model.symbol, modelSha256: sha256 },
  });
  return { generationId: id, modelSha256: sha256 };
}
