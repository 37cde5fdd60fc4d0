// A job definition names its kind, the shape of its payload and its handler in one place, so the payload is
// checked when it is queued (a mistake fails the command, not a worker hours later) and again when it runs.
import type { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';

/** The subset of a pino/Fastify logger the runner and handlers use, so tests can pass a plain object. */
export interface JobLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobContext {
  /** Not a transaction: a handler opens its own, so a retry never sees half of a previous attempt. */
  db: Database;
  clock: Clock;
  log: JobLog;
  /** 1 on the first run; lets a handler skip steps a previous attempt already completed. */
  attempt: number;
  jobId: number;
}

export interface JobDefinition<P = unknown> {
  /** `module.verb-noun`, e.g. `documents.render-pdf`. */
  kind: string;
  payload: z.ZodType<P>;
  maxAttempts?: number;
  handler(payload: P, ctx: JobContext): Promise<void>;
}

const KIND = /^[a-z][a-z0-9]*(-[a-z0-9]+)*\.[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

// What enqueue() needs to know about each kind defined in this process. Handlers are left out: they may be built
// from runtime dependencies (a mail transport) while a kind's payload and attempts never are.
interface KnownKind {
  payload: z.ZodType;
  maxAttempts: number | undefined;
}
const knownKinds = new Map<string, KnownKind>();

export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  if (!KIND.test(definition.kind))
    throw new AppError('internal', { detail: `job kind ${definition.kind} is not of the form module.verb-noun` });
  if (definition.maxAttempts !== undefined && (!Number.isInteger(definition.maxAttempts) || definition.maxAttempts < 1)) {
    throw new AppError('internal', { detail: `job ${definition.kind}: maxAttempts must be a whole number of at least 1` });
  }
  const known = knownKinds.get(definition.kind);
  // The same schema again is a factory building a fresh handler; a different one is two jobs claiming one name.
  if (known && known.payload !== definition.payload)
    throw new AppError('internal', { detail: `job kind ${definition.kind} is defined twice` });
  knownKinds.set(definition.kind, { payload: definition.payload, maxAttempts: definition.maxAttempts });
  return definition;
}

export function knownJobKind(kind: string): KnownKind | undefined {
  return knownKinds.get(kind);
}
