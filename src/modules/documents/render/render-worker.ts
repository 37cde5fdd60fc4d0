// The render worker: a thread that renders one format of one document at a time for renderInWorker (in-worker.ts),
// under the memory limit it was started with: a document too large for it ends this thread, never the application.
// It is given the stored model as JSON text and the pictures' bytes, and answers the file's bytes (moved to the
// caller, not copied) or the reason it could not. It stays for the next rendering until renderInWorker lets it go,
// with its renderers loaded and compiled.
import { parentPort } from 'node:worker_threads';
import { invariant } from '../../../kernel/invariant.js';
import type { DocumentModel } from '../domain/document-model.js';
import { parseModelJson, renderFormat, resourcesOf, type RenderRequest, type RenderResponse } from './render-format.js';

const port = parentPort;
invariant(port, 'render-worker.ts runs as a worker thread of renderInWorker (in-worker.ts), not on its own.');

/** The model, parsed and validated; the request's text is let go first, so it is not held while the file is made. */
function takeModel(request: RenderRequest): DocumentModel {
  const text = request.modelJson;
  request.modelJson = '';
  return parseModelJson(text);
}

async function answer(request: RenderRequest): Promise<{ response: RenderResponse; transfer: ArrayBuffer[] }> {
  try {
    let bytes = await renderFormat(request.format, takeModel(request), resourcesOf(request.images));
    // Moved whole: an array that is a view on a larger buffer (a pooled Buffer) is copied into one of its own first.
    if (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength || !(bytes.buffer instanceof ArrayBuffer))
      bytes = new Uint8Array(bytes);
    return { response: { id: request.id, ok: true, bytes }, transfer: [bytes.buffer as ArrayBuffer] };
  } catch (err) {
    return { response: { id: request.id, ok: false, message: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
}

port.on('message', (request: RenderRequest) => {
  void answer(request).then(({ response, transfer }) => port.postMessage(response, transfer));
});
