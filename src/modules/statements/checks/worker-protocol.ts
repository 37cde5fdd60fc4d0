// The messages between the inspection pool (pool.ts) and its worker threads (worker.ts).
import type { InspectionKind, InspectionOptions, InspectionResult } from './inspect.js';

export interface InspectionRequest {
  id: number;
  kind: InspectionKind;
  bytes: Uint8Array;
  options: InspectionOptions;
}

export type InspectionResponse =
  | { id: number; ok: true; result: InspectionResult }
  /** The check itself failed (a defect, not a refusal of the file): the caller sees an error. */
  | { id: number; ok: false; message: string };
