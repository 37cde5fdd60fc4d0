// Renders one format of a document on a worker thread, so that the web server keeps answering while a large
// compilation is rendered (a 1,000-statement DOCX takes seconds of CPU), and so that the rendering's memory is bounded
// and given back:
// - the model goes to the worker as the JSON text the database stores, and is parsed and validated there: the calling
//   thread never builds the model's objects (for 1,000 statements, over a hundred megabytes of them);
// - the pictures go as bytes, and the file comes back moved (a transfer), not copied;
// - the worker's heap has a limit (RENDER_MEMORY_MB, DEFAULT_RENDER_MEMORY_MB unless set): a document that needs more
//   ends the worker, not the application, and fails with a reason that says which setting to raise. The limit also
//   keeps the process's peak down: V8 collects garbage as the heap nears it, where an unlimited heap grows instead;
// - each rendering has a wall-clock limit (RENDER_TIMEOUT_SECONDS), past which its worker is stopped;
// - renderings take turns on one worker, which is kept while renderings follow one another (its renderers loaded and
//   compiled: a cold worker adds about half a second to a DOCX) and let go after RENDER_WORKER_IDLE_MS idle, giving its
//   thread and memory back; one that failed (memory, time) is replaced by a new one for the next rendering.
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

interface Task {
  request: RenderRequest;
  memoryMb: number;
  timeoutMs: number;
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  memoryMb: number;
  task?: Task;
  timer?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
  /** Terminated or failed: its late events are ignored. */
  dead: boolean;
}

/**
 * How long an idle render worker is kept: the formats of one document, and the documents of one sitting, are rendered
 * by a worker whose code is loaded and compiled already; after this, its thread and memory are given back.
 */
export const RENDER_WORKER_IDLE_MS = 30_000;

// Renderings wait their turn for the one worker: two large documents at once would need twice the memory.
const queue: Task[] = [];
let slot: Slot | undefined;
let nextId = 1;

function spawn(memoryMb: number): Slot {
  // The worker needs none of the process's own Node options, and some would stop it (--input-type, --eval).
  const worker = new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: memoryMb }, execArgv: [] });
  const created: Slot = { worker, memoryMb, dead: false };
  worker.on('message', (response: RenderResponse) => answered(created, response));
  worker.on('error', (err: Error & { code?: string }) => {
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') failed(created, new RenderLimitError('memory', tooLargeMessage(created.memoryMb)));
    else failed(created, new Error(`The render worker failed: ${err.message}`, { cause: err }));
  });
  worker.on('exit', (code) => failed(created, new Error(`The render worker stopped (exit code ${code}) before it answered.`)));
  return created;
}

function dispatch(): void {
  if (slot?.task || queue.length === 0) return;
  const task = queue.shift()!;
  // A worker started with another memory limit is replaced: the limit is fixed when a thread starts.
  if (slot && slot.memoryMb !== task.memoryMb) retire(slot);
  const current = (slot ??= spawn(task.memoryMb));
  current.task = task;
  clearTimeout(current.idle);
  // A worker at work keeps the process alive until it answers; an idle one does not.
  current.worker.ref();
  current.timer = setTimeout(() => failed(current, new RenderLimitError('time', tooSlowMessage(task.timeoutMs))), task.timeoutMs);
  current.worker.postMessage(
    task.request,
    task.request.images.map((i) => i.bytes.buffer as ArrayBuffer),
  );
}

function answered(from: Slot, response: RenderResponse): void {
  const task = from.task;
  if (from.dead || !task || task.request.id !== response.id) return;
  from.task = undefined;
  clearTimeout(from.timer);
  from.worker.unref();
  from.idle = setTimeout(() => {
    if (!from.task) retire(from);
  }, RENDER_WORKER_IDLE_MS);
  from.idle.unref();
  if (response.ok) task.resolve(response.bytes);
  else task.reject(new Error(response.message));
  dispatch();
}

/** The worker failed (memory, time, a defect): its rendering fails with the reason, and the next one gets a new worker. */
function failed(from: Slot, error: Error): void {
  if (from.dead) return;
  const task = from.task;
  retire(from);
  task?.reject(error);
  dispatch();
}

function retire(from: Slot): void {
  from.dead = true;
  clearTimeout(from.timer);
  clearTimeout(from.idle);
  from.task = undefined;
  if (slot === from) slot = undefined;
  void from.worker.terminate();
}

/**
 * One format of the document whose stored model is `modelJson`, rendered on the render worker under the limits: the
 * file's bytes, or an error whose message is the reason to show (a RenderLimitError past a limit).
 */
export async function renderInWorker(
  format: RenderedFormat,
  modelJson: string,
  resources: RenderResources,
  limits: RenderLimits = {},
): Promise<Uint8Array> {
  const memoryMb = limits.memoryMb ?? DEFAULT_RENDER_MEMORY_MB;
  const timeoutMs = limits.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
  const images = imagesOf(resources);
  if (limits.inline ?? FROM_SOURCES) return renderFromJson(format, modelJson, images);
  return new Promise<Uint8Array>((resolve, reject) => {
    queue.push({ request: { id: nextId++, format, modelJson, images }, memoryMb, timeoutMs, resolve, reject });
    dispatch();
  });
}

/** Ends the render worker (tests, shutdown); a rendering still waiting or running fails. The next one starts a new worker. */
export async function closeRenderWorker(): Promise<void> {
  const stopped = new Error('The render worker was closed.');
  for (const task of queue.splice(0)) task.reject(stopped);
  const current = slot;
  if (!current) return;
  const task = current.task;
  retire(current);
  task?.reject(stopped);
  await current.worker.terminate();
}
