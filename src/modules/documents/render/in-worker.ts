// Renders one format of a document on a worker thread of its own, so that the web server keeps answering while a
// large compilation is rendered (a 1,000-statement DOCX takes seconds of CPU), and so that the rendering's memory is
// bounded and given back when it ends:
// - the model goes to the worker as the JSON text the database stores, and is parsed and validated there: the calling
//   thread never builds the model's objects (for 1,000 statements, over a hundred megabytes of them);
// - the pictures go as bytes, and the file comes back moved (a transfer), not copied;
// - the worker's heap has a limit (RENDER_MEMORY_MB, DEFAULT_RENDER_MEMORY_MB unless set): a document that needs more
//   ends the worker, not the application, and fails with a reason that says which setting to raise. The limit also
//   keeps the process's peak down: V8 collects garbage as the heap nears it, where an unlimited heap grows instead;
// - each rendering has a wall-clock limit (RENDER_TIMEOUT_SECONDS), past which its worker is stopped.
//
// The worker is the compiled render-worker.js beside this module. Running from the TypeScript sources (only the test
// runner does: a worker thread does not get its TypeScript loader), there is no render-worker.js, and the format is
// rendered on the calling thread, as with the `inline` option: the same parsing, validation and bytes, without the
// memory and time limits. The tests of the worker itself load the compiled module.
import { Worker } from 'node:worker_threads';
import type { RenderResources } from '../domain/content.js';
import { renderFromJson, type RenderedFormat, type RenderImage, type RenderRequest, type RenderResponse } from './render-format.js';

/**
 * The worker's old-generation heap limit, in MB, unless set. The DOCX of a 1,000-statement compilation (about 10 MB
 * of document XML) needs some 220 MB of it (it fails at 192), so it renders with room to spare, and the process then
 * peaks near 420 MiB, under 500 MB, where without a limit V8 lets the render's garbage grow the heap to over 400 MB
 * (docs/PERFORMANCE.md, "Compilation").
 */
export const DEFAULT_RENDER_MEMORY_MB = 300;
/** The wall-clock limit of one rendering, unless set: a 1,000-statement DOCX takes some 6 s on an idle machine. */
export const DEFAULT_RENDER_TIMEOUT_MS = 60_000;

const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL('./render-worker.js', import.meta.url);

export interface RenderLimits {
  /** The worker's old-generation heap limit, in MB. */
  memoryMb?: number;
  /** The wall-clock limit of this rendering, in milliseconds. */
  timeoutMs?: number;
  /** Render on the calling thread: the same bytes, without the limits (the default from the TypeScript sources). */
  inline?: boolean;
}

/** A rendering stopped at one of its limits: the document, not the server, is at fault, and the message says so. */
export class RenderLimitError extends Error {
  constructor(
    readonly limit: 'memory' | 'time',
    message: string,
  ) {
    super(message);
    this.name = 'RenderLimitError';
  }
}

export function tooLargeMessage(memoryMb: number): string {
  return (
    `The document is too large to render within ${memoryMb} MB of memory. ` +
    `The server's operator can raise the RENDER_MEMORY_MB setting (now ${memoryMb}) and restart Rostrum; then ask for this format again.`
  );
}

export function tooSlowMessage(timeoutMs: number): string {
  const seconds = timeoutMs / 1000;
  return (
    `Rendering the document took longer than ${seconds} s and was stopped. ` +
    `The server's operator can raise the RENDER_TIMEOUT_SECONDS setting (now ${seconds}) and restart Rostrum; then ask for this format again.`
  );
}

/** The pictures as they travel: each a copy of just its bytes (a stored Buffer may be a view on a larger one). */
function imagesOf(resources: RenderResources): RenderImage[] {
  return [...resources.images].map(([sha256, image]) => ({ sha256, bytes: new Uint8Array(image.bytes), mediaType: image.mediaType }));
}

/**
 * One format of the document whose stored model is `modelJson`, rendered on a worker thread under the limits: the
 * file's bytes, or an error whose message is the reason to show (a RenderLimitError past a limit).
 */
export async function renderInWorker(format: RenderedFormat, modelJson: string, resources: RenderResources, limits: RenderLimits = {}): Promise<Uint8Array> {
  const memoryMb = limits.memoryMb ?? DEFAULT_RENDER_MEMORY_MB;
  const timeoutMs = limits.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
  const images = imagesOf(resources);
  if (limits.inline ?? FROM_SOURCES) return renderFromJson(format, modelJson, images);
  const request: RenderRequest = { format, modelJson, images };
  return new Promise<Uint8Array>((resolve, reject) => {
    // The worker needs none of the process's own Node options, and some would stop it (--input-type, --eval).
    const worker = new Worker(WORKER_FILE, {
      workerData: request,
      transferList: images.map((i) => i.bytes.buffer as ArrayBuffer),
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      execArgv: [],
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(new RenderLimitError('time', tooSlowMessage(timeoutMs)))), timeoutMs);
    worker.on('message', (response: RenderResponse) => settle(() => (response.ok ? resolve(response.bytes) : reject(new Error(response.message)))));
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') settle(() => reject(new RenderLimitError('memory', tooLargeMessage(memoryMb))));
      else settle(() => reject(new Error(`The render worker failed: ${err.message}`, { cause: err })));
    });
    worker.on('exit', (code) => settle(() => reject(new Error(`The render worker stopped (exit code ${code}) before it answered.`))));
  });
}
