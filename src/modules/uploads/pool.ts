// Runs inspections on worker threads, so that a hostile file costs at most a bounded amount of memory and time and
// never stops the application: each worker has its own heap limit (256 MB old generation, 32 MB young), and each
// inspection a wall-clock limit (5 s unless given). A worker that runs out of memory, or takes too long and is
// terminated, answers a refusal (upload.unsafe) for that file and is replaced; the next file gets a fresh worker.
//
// The pool is small (two workers), created at the first inspection, and its idle workers are unref'd, so it never
// keeps the process alive; closeInspectionPool() ends it (tests, shutdown).
//
// The worker is the compiled worker.js beside this module. Running from the TypeScript sources (only the test runner
// does: a worker thread does not get its TypeScript loader), there is no worker.js, and inspections run on the
// calling thread, as with the `inline` option: the same checks, without the memory and time limits.
import { createHash } from 'node:crypto';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { AppError, errorCatalogue } from '../../kernel/errors.js';
import { invariant } from '../../kernel/invariant.js';
import type { DocxContent } from '../../kernel/ooxml/docx.js';
import {
  DEFAULT_MAX_BYTES,
  inspect,
  type CheckKind,
  type InspectionKind,
  type InspectionOptions,
  type InspectionResult,
} from './inspect.js';
import type { InspectionRequest, InspectionResponse } from './worker-protocol.js';

export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_POOL_SIZE = 2;
export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL('./worker.js', import.meta.url);

export interface InspectionPoolOptions {
  /** Workers at most (2 unless given). */
  size?: number;
  /** Wall-clock limit of one inspection, in milliseconds (5000 unless given). */
  timeoutMs?: number;
  resourceLimits?: ResourceLimits;
  /** Inspect on the calling thread: the same checks, without the memory and time limits (for tests). */
  inline?: boolean;
}

export interface InspectCallOptions {
  /** This inspection's wall-clock limit, in milliseconds. */
  timeoutMs?: number;
  /** Inspect this file on the calling thread. */
  inline?: boolean;
}

interface Task {
  id: number;
  kind: CheckKind;
  bytes: Uint8Array;
  options: InspectionOptions;
  timeoutMs: number;
  resolve(result: InspectionResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  task?: Task;
  timer?: NodeJS.Timeout;
  /** Terminated or failed: its late events are ignored. */
  dead: boolean;
}

export class InspectionPool {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly resourceLimits: ResourceLimits;
  private readonly inline: boolean;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: InspectionPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? DEFAULT_POOL_SIZE);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.resourceLimits = options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS;
    this.inline = options.inline ?? FROM_SOURCES;
  }

  /** Workers alive now (for tests and monitoring). */
  get workers(): number {
    return this.slots.length;
  }

  run(kind: CheckKind, bytes: Uint8Array, options: InspectionOptions = {}, call: InspectCallOptions = {}): Promise<InspectionResult> {
    if (this.closed) return Promise.reject(new Error('The inspection pool is closed.'));
    // An empty or oversized file is refused before it is read, at no cost worth a thread (and without copying it).
    const refusedBySize = bytes.length === 0 || bytes.length > (options.maxBytes ?? DEFAULT_MAX_BYTES);
    if (call.inline === true || this.inline || refusedBySize) {
      return new Promise((resolve) => resolve(inspect(kind, bytes, options)));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, kind, bytes, options, timeoutMs: call.timeoutMs ?? this.timeoutMs, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every worker; inspections still waiting or running fail with an error. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('The inspection pool was closed.');
    for (const task of this.queue.splice(0)) task.reject(stopped);
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map((slot) => {
        slot.dead = true;
        this.release(slot)?.reject(stopped);
        return slot.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.task === undefined);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    // The worker needs none of the process's own Node options, and some would stop it (--input-type, --eval).
    const worker = new Worker(WORKER_FILE, { resourceLimits: this.resourceLimits, execArgv: [] });
    worker.unref();
    const slot: Slot = { worker, dead: false };
    worker.on('message', (response: InspectionResponse) => this.answered(slot, response));
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY')
        this.failed(
          slot,
          `the check ran out of memory (limit ${this.resourceLimits.maxOldGenerationSizeMb ?? '?'} MB)`,
          'Checking it needed more memory than allowed.',
        );
      else this.broke(slot, err);
    });
    worker.on('exit', (code) => this.broke(slot, new Error(`the inspection worker stopped with exit code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    // A worker at work keeps the process alive until it answers; an idle one does not.
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      this.failed(slot, `the check took longer than ${task.timeoutMs} ms and was stopped`, 'Checking it took longer than allowed.');
    }, task.timeoutMs);
    // A copy of just these bytes is moved to the worker (the caller's array may be a view on a much larger buffer); the
    // caller's own stays here, for the refusal if the worker dies. `new Uint8Array(view)` always copies, where a
    // Buffer's own slice() is a view: transferring its buffer would detach Node's shared pool under other requests.
    const bytes = new Uint8Array(task.bytes);
    const request: InspectionRequest = { id: task.id, kind: task.kind, bytes, options: task.options };
    slot.worker.postMessage(request, [bytes.buffer]);
  }

  /** Frees a slot of its task, which is returned to be settled. */
  private release(slot: Slot): Task | undefined {
    const task = slot.task;
    slot.task = undefined;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    if (!slot.dead) slot.worker.unref();
    return task;
  }

  private answered(slot: Slot, response: InspectionResponse): void {
    if (slot.dead || slot.task?.id !== response.id) return;
    const task = this.release(slot)!;
    if (response.ok) task.resolve(response.result);
    else task.reject(new Error(`The inspection failed: ${response.message}`));
    this.dispatch();
  }

  /** The file made the worker fail (memory, time): the file is refused, the worker replaced. */
  private failed(slot: Slot, detail: string, sentence: string): void {
    if (slot.dead) return;
    const task = this.retire(slot);
    task?.resolve(unsafeResult(task.bytes, detail, sentence));
    this.dispatch();
  }

  /** The worker failed for another reason than the file: the check itself failed. */
  private broke(slot: Slot, err: Error): void {
    if (slot.dead) return;
    const task = this.retire(slot);
    task?.reject(new Error(`The inspection failed: ${err.message}`, { cause: err }));
    this.dispatch();
  }

  private retire(slot: Slot): Task | undefined {
    const task = this.release(slot);
    slot.dead = true;
    this.slots.splice(this.slots.indexOf(slot), 1);
    void slot.worker.terminate();
    return task;
  }
}

function unsafeResult(bytes: Uint8Array, detail: string, sentence: string): InspectionResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    outcome: 'reject',
    warnings: [],
    error: { code: 'upload.unsafe', message: `${errorCatalogue['upload.unsafe'].message} ${sentence}`, detail },
    sha256,
    size: bytes.length,
  };
}

let shared: InspectionPool | undefined;

/** Inspects a statement or a cover letter on the shared pool (created at first use). */
export function inspectInWorker(
  kind: InspectionKind,
  bytes: Uint8Array,
  options: InspectionOptions & InspectCallOptions = {},
): Promise<InspectionResult> {
  const { timeoutMs, inline, ...inspection } = options;
  shared ??= new InspectionPool();
  return shared.run(kind, bytes, inspection, {
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(inline !== undefined ? { inline } : {}),
  });
}

/**
 * The clean copy of a Word document received before clean copies were made, on the shared pool: the same limits as
 * an inspection, since the bytes are still the delegation's. Its size was accepted then, so it is not refused now.
 */
export function cleanCopyInWorker(bytes: Uint8Array, options: InspectCallOptions = {}): Promise<InspectionResult> {
  shared ??= new InspectionPool();
  return shared.run('clean-copy', bytes, { maxBytes: Math.max(bytes.length, DEFAULT_MAX_BYTES) }, options);
}

/**
 * The text of a Word document (paragraphs and footnotes), read on the shared pool with the same limits as an
 * inspection; a file that cannot be read, or that costs more memory or time than allowed, is refused with its error.
 */
export async function readWordInWorker(bytes: Uint8Array, options: { maxBytes?: number } & InspectCallOptions = {}): Promise<DocxContent> {
  const { timeoutMs, inline, ...reading } = options;
  shared ??= new InspectionPool();
  const result = await shared.run('word-text', bytes, reading, {
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(inline !== undefined ? { inline } : {}),
  });
  if (result.error) throw new AppError(result.error.code, result.error.detail !== undefined ? { detail: result.error.detail } : {});
  invariant(result.text, 'An accepted reading of a Word document carries its text.');
  return result.text;
}

/** Ends the shared pool's workers; the next inspection starts a new pool. */
export async function closeInspectionPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
