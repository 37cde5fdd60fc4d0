// Serves one format of an issued run: the hand-corrected final the Secretariat uploaded for that format when there is
// one (its latest version; a DOCX as its clean copy), otherwise the generated file.
import type { FastifyReply } from 'fastify';
import type { Database } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { MEDIA_TYPES, sendRendition, type RenditionFormat, FILE_EXTENSIONS } from '../../documents/index.js';
import { servedCopy } from '../../uploads/index.js';
import { currentFinal, type RunRow } from '../db.js';

export async function sendRunFile(reply: FastifyReply, db: Database, run: RunRow, format: RenditionFormat): Promise<FastifyReply> {
  const fileName = `${(run.symbol ?? 'compilation').replace(/\//g, '-')}.${FILE_EXTENSIONS[format]}`;
  const final = format === 'docx' || format === 'pdf' ? await currentFinal(db, run.id, format) : undefined;
  if (!final) return sendRendition(reply, db, run.generation_id, format, fileName);
  // A corrected DOCX is served as its clean copy, as every Word file Rostrum hands out.
  const blob = await servedCopy(db, { sha256: final.blob_sha256, cleanSha256: final.clean_sha256 });
  if (!blob) throw new AppError('document.format_unavailable', { detail: `blob ${final.blob_sha256} missing` });
  return reply
    .header('content-type', MEDIA_TYPES[format])
    .header('etag', `"${blob.sha256}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, blob.bytes.byteLength));
}

/** The formats a reader can download for a run, with whether the file is the Secretariat's hand-corrected one. */
export async function downloadableFormats(
  db: Database,
  run: RunRow,
  renditions: ReadonlyArray<{ format: RenditionFormat; status: string }>,
): Promise<Array<{ format: RenditionFormat; corrected: boolean }>> {
  const out: Array<{ format: RenditionFormat; corrected: boolean }> = [];
  for (const format of ['html', 'docx', 'pdf', 'akn'] as const) {
    const corrected = format === 'docx' || format === 'pdf' ? (await currentFinal(db, run.id, format)) !== undefined : false;
    if (corrected || renditions.some((r) => r.format === format && r.status === 'done')) out.push({ format, corrected });
  }
  return out;
}
