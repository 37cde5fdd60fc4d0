// Serves one format of a generated document: "not generated yet" while it is being made, "unavailable" with the
// stored reason when it could not be made, otherwise the stored bytes. The standalone HTML file is shown in the
// browser under its own strict policy; the other formats are downloads.
import type { FastifyReply } from 'fastify';
import { getBlob } from '../../../kernel/blobs/index.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { findRendition, type RenditionFormat } from '../db.js';
import { MEDIA_TYPES } from '../jobs/render-jobs.js';
import { DOCUMENT_CSP } from '../render/html/style.js';

export async function sendRendition(
  reply: FastifyReply,
  db: Database,
  generationId: string,
  format: RenditionFormat,
  fileName: string,
): Promise<FastifyReply> {
  const rendition = await findRendition(db, generationId, format);
  if (!rendition || rendition.status === 'queued' || rendition.status === 'running') throw new AppError('document.not_generated');
  if (!rendition.blob_sha256) throw new AppError('document.format_unavailable', { detail: rendition.error ?? rendition.status });
  const blob = await getBlob(db, rendition.blob_sha256);
  if (!blob) throw new AppError('document.format_unavailable', { detail: `blob ${rendition.blob_sha256} missing` });
  reply
    .header('content-type', MEDIA_TYPES[format])
    .header('etag', `"${rendition.blob_sha256}"`)
    .header('x-content-type-options', 'nosniff');
  // The standalone file carries its own style element and pictures and nothing else: allow exactly those.
  if (format === 'html') reply.header('content-security-policy', DOCUMENT_CSP);
  reply.header('content-disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="${fileName}"`);
  return reply.send(Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, blob.bytes.byteLength));
}
