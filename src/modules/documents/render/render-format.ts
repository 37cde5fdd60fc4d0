// One format of a document rendered from its stored model, as the render job asks for it: the model arrives as the
// JSON text the database holds, is validated here (documentModelSchema), and is rendered by the format's renderer,
// which is loaded only when that format is first asked for. The render worker (render-worker.ts) runs this on a thread
// of its own; renderInWorker (in-worker.ts) runs it on the calling thread when asked to, with the same result.
import { InvariantError } from '../../../kernel/invariant.js';
import { documentModelSchema, type DocumentModel } from '../domain/document-model.js';
import type { DocumentImage, RenderResources } from '../domain/content.js';

/** The formats rendered from the model (the PDF is converted from the DOCX). */
export type RenderedFormat = 'docx' | 'html' | 'akn';

/** A picture as it travels to the render worker: its hash, bytes and media type. */
export interface RenderImage extends DocumentImage {
  sha256: string;
}

/** What the render worker is asked: one format of one document. */
export interface RenderRequest {
  id: number;
  format: RenderedFormat;
  /** The model as JSON text, as stored: parsed and validated on the worker. */
  modelJson: string;
  images: RenderImage[];
}

/** What the render worker answers: the file's bytes (moved, not copied), or why there are none. */
export type RenderResponse = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };

/** The model from its stored JSON text, validated; a model that is not valid is an error that says so. */
export function parseModelJson(modelJson: string): DocumentModel {
  let json: unknown;
  try {
    json = JSON.parse(modelJson);
  } catch (err) {
    throw new InvariantError(`The stored document model is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = documentModelSchema.safeParse(json);
  if (!parsed.success) throw new InvariantError(`The stored document model is not valid: ${parsed.error.message}`);
  return parsed.data;
}

/** The file of one format: the same model and pictures always give the same bytes. */
export async function renderFormat(format: RenderedFormat, model: DocumentModel, resources: RenderResources): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      return (await import('./docx/letter.js')).renderDocx(model, resources);
    case 'html':
      return new TextEncoder().encode((await import('./html/letter.js')).renderHtmlDocument(model, resources));
    case 'akn':
      return new TextEncoder().encode((await import('./akn/letter.js')).renderAkomaNtoso(model, resources));
  }
}

/** The renderers' resources from the pictures as they travel. */
export function resourcesOf(images: readonly RenderImage[]): RenderResources {
  return { images: new Map(images.map((i) => [i.sha256, { bytes: i.bytes, mediaType: i.mediaType }])) };
}

/** Validates the stored model's text and renders it in the format (on whichever thread calls it). */
export async function renderFromJson(format: RenderedFormat, modelJson: string, images: readonly RenderImage[]): Promise<Uint8Array> {
  return renderFormat(format, parseModelJson(modelJson), resourcesOf(images));
}
