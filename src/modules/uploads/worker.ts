// The worker thread of the inspection pool: it inspects one file at a time, with the memory limit the pool gave it
// (an out-of-memory file ends this thread, never the application) and under the pool's clock.
import { parentPort } from 'node:worker_threads';
import { invariant } from '../../kernel/invariant.js';
import { inspect } from './inspect.js';
import type { InspectionRequest, InspectionResponse } from './worker-protocol.js';

const port = parentPort;
invariant(port, 'worker.ts runs as a worker thread of the inspection pool (pool.ts), not on its own.');

port.on('message', (request: InspectionRequest) => {
  let response: InspectionResponse;
  let transfer: ArrayBuffer[] = [];
  try {
    const result = inspect(request.kind, request.bytes, request.options);
    response = { id: request.id, ok: true, result };
    // The pictures' bytes and the clean copy move to the main thread rather than being copied; each is a buffer of its own.
    const made = [...(result.images ?? []).map((i) => i.bytes), ...(result.clean ? [result.clean.bytes] : [])];
    transfer = [...new Set(made.map((b) => b.buffer))].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  } catch (err) {
    response = { id: request.id, ok: false, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  port.postMessage(response, transfer);
});
