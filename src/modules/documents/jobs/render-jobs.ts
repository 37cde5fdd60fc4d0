// Rendering runs in the background. 'documents.render' makes the DOCX, HTML and Akoma Ntoso files from the stored
// model, each stored by hash and its row marked done in one transaction, then queues the PDF: converting with
// LibreOffice takes seconds and can fail on its own, so it is a job of its own with its own retries. Every failure
// is written on the format's row, where the pages show it; the job runner keeps its history.
//
// Each format is rendered on a worker thread of its own (render/in-worker.ts), under a memory and a time limit, so
// the server keeps answering while a large compilation renders. The job reads the model as the stored JSON text and
// hands it to the worker, which parses and validates it: this thread never builds the model's objects. A document
// too large for the memory limit, or too slow for the time limit, fails with a reason naming the setting to raise.
//
// The PDF is converted by the converter the server keeps (render/office.ts: LibreOffice kept running between
// conversions); the render job asks it to get ready when it starts, so that LibreOffice, if it is not running yet,
// starts while the other formats are rendered.
//
// A retry re-renders only the formats not yet done. A converter that is not installed is not a failure to retry:
// the PDF is marked unavailable with the reason, and the other formats stand.
import { z } from 'zod';
import { getBlob, putBlob } from '../../../kernel/blobs/index.js';
import { AppError } from '../../../kernel/errors.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { defineJob, type JobContext, type JobDefinition } from '../../../kernel/jobs/registry.js';
import { findGenerationModelText, findRendition, markRendition, type RenditionFormat } from '../db.js';
import type { RenderResources } from '../domain/content.js';
import { renderInWorker, type RenderLimits } from '../render/in-worker.js';
import type { PdfConverter } from '../render/office.js';
import { convertDocxToPdf, type ConversionResult } from '../render/pdf.js';
import type { RenderedFormat } from '../render/render-format.js';
import { CONVERT_PDF, RENDER_DOCUMENT } from './kinds.js';

export const MEDIA_TYPES: Record<RenditionFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  akn: 'application/akn+xml',
};

const payload = z.object({ generationId: z.uuid() });
type Payload = z.infer<typeof payload>;

/** The pictures the model's statements show, from the blob store (one missing is rendered as its description). */
async function resourcesFor(ctx: JobContext, pictures: readonly string[]): Promise<RenderResources> {
  const images = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  for (const sha of pictures) {
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

async function renderOne(
  ctx: JobContext,
  generationId: string,
  modelJson: string,
  resources: RenderResources,
  format: RenderedFormat,
  limits: RenderLimits,
): Promise<boolean> {
  const row = await findRendition(ctx.db, generationId, format);
  if (!row || row.status === 'done') return true;
  const started = ctx.clock.now();
  await markRendition(ctx.db, generationId, format, { status: 'running', started_at: started, error: null });
  try {
    const t0 = performance.now();
    const bytes = await renderInWorker(format, modelJson, resources, limits);
    const duration = Math.round(performance.now() - t0);
    await ctx.db.transaction().execute(async (trx) => {
      const blob = await putBlob(trx, ctx.clock, bytes, MEDIA_TYPES[format]);
      await markRendition(trx, generationId, format, {
        status: 'done',
        blob_sha256: blob.sha256,
        size: blob.size,
        finished_at: ctx.clock.now(),
        duration_ms: duration,
      });
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

/**
 * The render worker's limits (RENDER_MEMORY_MB, RENDER_TIMEOUT_SECONDS); `inline` renders on the job's thread. The
 * converter, if given, is told to get ready as rendering starts.
 */
export type RenderJobOptions = RenderLimits & { converter?: PdfConverter };

export function renderDocumentJob(options: RenderJobOptions = {}): JobDefinition<Payload> {
  return defineJob({
    kind: RENDER_DOCUMENT,
    payload,
    maxAttempts: 3,
    async handler({ generationId }, ctx) {
      const generation = await findGenerationModelText(ctx.db, generationId);
      if (!generation) {
        ctx.log.warn({ generationId, jobId: ctx.jobId }, 'documents.render: the generation no longer exists');
        return;
      }
      options.converter?.prepare();
      const failed: string[] = [];
      const resources = await resourcesFor(ctx, generation.pictures);
      for (const format of ['html', 'docx', 'akn'] as const) {
        if (!(await renderOne(ctx, generationId, generation.modelJson, resources, format, options))) failed.push(format);
      }
      if (!(await findRendition(ctx.db, generationId, 'docx'))?.blob_sha256) {
        await markRendition(ctx.db, generationId, 'pdf', {
          status: 'failed',
          error: 'The PDF is made from the DOCX, which could not be produced.',
          finished_at: ctx.clock.now(),
        });
      }
      // Thrown so the runner retries the formats that failed, and keeps the reason in its history.
      if (failed.length > 0) throw new AppError('document.render_failed', { detail: `could not render ${failed.join(', ')}` });
    },
  });
}

export interface PdfJobOptions {
  /** The LibreOffice binary; undefined: found on PATH. Used without a converter. */
  soffice?: string;
  timeoutMs?: number;
  /** The server's converter (LibreOffice kept running); without it, LibreOffice is started for each PDF. */
  converter?: PdfConverter;
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
      if (!source) throw new AppError('document.docx_missing', { detail: `the DOCX ${docx.blob_sha256} is missing from the store` });
      await markRendition(ctx.db, generationId, 'pdf', { status: 'running', started_at: ctx.clock.now(), error: null });
      const t0 = performance.now();
      const result: ConversionResult = options.converter
        ? await options.converter.convertToPdf(source.bytes, { timeoutMs: options.timeoutMs })
        : await convertDocxToPdf(source.bytes, { soffice: options.soffice, timeoutMs: options.timeoutMs });
      const duration = Math.round(performance.now() - t0);
      if (result.ok) {
        await ctx.db.transaction().execute(async (trx) => {
          const blob = await putBlob(trx, ctx.clock, result.pdf, MEDIA_TYPES.pdf);
          await markRendition(trx, generationId, 'pdf', {
            status: 'done',
            blob_sha256: blob.sha256,
            size: blob.size,
            finished_at: ctx.clock.now(),
            duration_ms: duration,
            error: null,
          });
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
      await markRendition(ctx.db, generationId, 'pdf', {
        status: 'failed',
        error: `The PDF conversion failed: ${reasonOf(result.detail)}`,
        finished_at: ctx.clock.now(),
      });
      throw new AppError('document.pdf_failed', { detail: `PDF conversion failed: ${result.detail}` });
    },
  });
}
