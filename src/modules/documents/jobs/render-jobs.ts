// Rendering runs in the background. 'documents.render' makes the DOCX, HTML and Akoma Ntoso files from the stored
// model, each stored by hash and its row marked done in one transaction, then queues the PDF: converting with
// LibreOffice takes seconds and can fail on its own, so it is a job of its own with its own retries. Every failure
// is written on the format's row, where the pages show it; the job runner keeps its history.
//
// A retry re-renders only the formats not yet done. A converter that is not installed is not a failure to retry:
// the PDF is marked unavailable with the reason, and the other formats stand.
import { z } from 'zod';
import { getBlob, putBlob } from '../../../kernel/blobs/index.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { defineJob, type JobContext, type JobDefinition } from '../../../kernel/jobs/registry.js';
import { findGeneration, findRendition, markRendition, type RenditionFormat } from '../db.js';
import { documentModelSchema, documentPictures, type DocumentModel } from '../domain/document-model.js';
import type { RenderResources } from '../domain/content.js';
import { renderAkomaNtoso } from '../render/akn.js';
import { renderDocx } from '../render/docx.js';
import { renderHtmlDocument } from '../render/html.js';
import { convertDocxToPdf } from '../render/pdf.js';
import { CONVERT_PDF, RENDER_DOCUMENT } from './kinds.js';

export const MEDIA_TYPES: Record<RenditionFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  akn: 'application/akn+xml',
};

const payload = z.object({ generationId: z.uuid() });
type Payload = z.infer<typeof payload>;

const renderers: Record<Exclude<RenditionFormat, 'pdf'>, (model: DocumentModel, resources: RenderResources) => Promise<Uint8Array>> = {
  docx: (model, resources) => renderDocx(model, resources),
  html: async (model, resources) => new TextEncoder().encode(renderHtmlDocument(model, resources)),
  akn: async (model, resources) => new TextEncoder().encode(renderAkomaNtoso(model, resources)),
};

/** The pictures the model's statements show, from the blob store (one missing is rendered as its description). */
async function resourcesFor(ctx: JobContext, model: DocumentModel): Promise<RenderResources> {
  const images = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  for (const sha of documentPictures(model)) {
    const blob = await getBlob(ctx.db, sha);
    if (blob) images.set(sha, { bytes: blob.bytes, mediaType: blob.mediaType });
  }
  return { images };
}

/** The error as it is shown on the format's row: one line, bounded. */
function reasonOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').trim().slice(0, 1000) || 'unknown error';
}

async function renderOne(ctx: JobContext, generationId: string, model: DocumentModel, resources: RenderResources, format: Exclude<RenditionFormat, 'pdf'>): Promise<boolean> {
  const row = await findRendition(ctx.db, generationId, format);
  if (!row || row.status === 'done') return true;
  const started = ctx.clock.now();
  await markRendition(ctx.db, generationId, format, { status: 'running', started_at: started, error: null });
  try {
    const t0 = performance.now();
    const bytes = await renderers[format](model, resources);
    const duration = Math.round(performance.now() - t0);
    await ctx.db.transaction().execute(async (trx) => {
      const blob = await putBlob(trx, ctx.clock, bytes, MEDIA_TYPES[format]);
      await markRendition(trx, generationId, format, { status: 'done', blob_sha256: blob.sha256, size: blob.size, finished_at: ctx.clock.now(), duration_ms: duration });
      // The PDF is made from the DOCX: queue it with the DOCX, so it exists exactly when the DOCX does.
      if (format === 'docx') await enqueue(trx, ctx.clock, CONVERT_PDF, { generationId });
    });
    return true;
  } catch (err) {
    ctx.log.error({ err, generationId, format, jobId: ctx.jobId }, 'documents.render: a format failed');
    await markRendition(ctx.db, generationId, format, { status: 'failed', error: reasonOf(err), finished_at: ctx.clock.now() });
    return false;
  }
}

export function renderDocumentJob(): JobDefinition<Payload> {
  return defineJob({
    kind: RENDER_DOCUMENT,
    payload,
    maxAttempts: 3,
    async handler({ generationId }, ctx) {
      const generation = await findGeneration(ctx.db, generationId);
      if (!generation) {
        ctx.log.warn({ generationId, jobId: ctx.jobId }, 'documents.render: the generation no longer exists');
        return;
      }
      const model = documentModelSchema.parse(generation.model);
      const failed: string[] = [];
      const resources = await resourcesFor(ctx, model);
      for (const format of ['html', 'docx', 'akn'] as const) {
        if (!(await renderOne(ctx, generationId, model, resources, format))) failed.push(format);
      }
      if (!(await findRendition(ctx.db, generationId, 'docx'))?.blob_sha256) {
        await markRendition(ctx.db, generationId, 'pdf', { status: 'failed', error: 'The PDF is made from the DOCX, which could not be produced.', finished_at: ctx.clock.now() });
      }
      // Thrown so the runner retries the formats that failed, and keeps the reason in its history.
      if (failed.length > 0) throw new Error(`could not render ${failed.join(', ')}`);
    },
  });
}

export interface PdfJobOptions {
  /** The LibreOffice binary; undefined: found on PATH. */
  soffice?: string;
  timeoutMs?: number;
}

export function convertPdfJob(options: PdfJobOptions = {}): JobDefinition<Payload> {
  return defineJob({
    kind: CONVERT_PDF,
    payload,
    maxAttempts: 3,
    async handler({ generationId }, ctx) {
      const docx = await findRendition(ctx.db, generationId, 'docx');
      const pdf = await findRendition(ctx.db, generationId, 'pdf');
      if (!docx?.blob_sha256 || !pdf || pdf.status === 'done') return;
      const source = await getBlob(ctx.db, docx.blob_sha256);
      if (!source) throw new Error(`the DOCX ${docx.blob_sha256} is missing from the store`);
      await markRendition(ctx.db, generationId, 'pdf', { status: 'running', started_at: ctx.clock.now(), error: null });
      const t0 = performance.now();
      const result = await convertDocxToPdf(source.bytes, { soffice: options.soffice, timeoutMs: options.timeoutMs });
      const duration = Math.round(performance.now() - t0);
      if (result.ok) {
        await ctx.db.transaction().execute(async (trx) => {
          const blob = await putBlob(trx, ctx.clock, result.pdf, MEDIA_TYPES.pdf);
          await markRendition(trx, generationId, 'pdf', { status: 'done', blob_sha256: blob.sha256, size: blob.size, finished_at: ctx.clock.now(), duration_ms: duration, error: null });
        });
        return;
      }
      if (result.reason === 'unavailable') {
        await markRendition(ctx.db, generationId, 'pdf', {
          status: 'unavailable',
          error: 'No PDF converter (LibreOffice) is installed on this server; the DOCX, HTML and XML versions are available.',
          finished_at: ctx.clock.now(),
        });
        ctx.log.warn({ generationId, detail: result.detail }, 'documents.convert-pdf: no converter installed');
        return;
      }
      await markRendition(ctx.db, generationId, 'pdf', { status: 'failed', error: `The PDF conversion failed: ${reasonOf(result.detail)}`, finished_at: ctx.clock.now() });
      throw new Error(`PDF conversion failed: ${result.detail}`);
    },
  });
}
