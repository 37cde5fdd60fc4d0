// The messages between the inspection pool (pool.ts) and its worker threads (worker.ts).
import type { CheckKind, InspectionOptions, InspectionResult } from './inspect.js';

export interface InspectionRequest {
  id: number;
  kind: CheckKind;
  bytes: Uint8Array;
  options: InspectionOptions;
}

export type InspectionResponse =
  /** The result, with the bytes made in the worker (pictures, the clean copy) transferred rather than copied. */
  | { id: number; ok: true; result: InspectionResult }
  /** The check itself failed (a defect, not a refusal of the file): the caller sees an error. */
  | { id: number; ok: false; message: string };
