// Passwords are stored as argon2id hashes (by default the library's cost: 19 MiB, 2 passes; PASSWORD_HASH_MEMORY_KIB
// and PASSWORD_HASH_PASSES change it for new hashes, and a hash keeps the cost it was made with). Each hash or check costs
// tens of milliseconds of a processor's time, so they go through one gate per process: a few at a time (one fewer
// than the cores), people signed in (changing their password) before visitors (signing in). An attempt at a password
// first takes its place among the attempts under way, a few times as many as the hashes at once, with a bounded
// queue and wait: that is where a flood of sign-ins waits, or is refused as overload, before it reads or counts
// anything, while the attempts under way keep the hashing busy between their queries.
import { availableParallelism } from 'node:os';
import { hash, verify, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { Gate, type GateSettings, type Priority } from '../../kernel/gate.js';

/** One fewer than the processor's cores (at least one), so a core stays free to serve pages. */
export function defaultPasswordConcurrency(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Attempts under way for each hash that may run at once: enough to keep the hashing busy while they query. */
export const ATTEMPTS_PER_HASH = 4;

let hashes: Gate;
let attempts: Gate;

/**
 * Sets how many hashes run at once (`concurrency`) and how many attempts may wait (`maxQueue`, `maxWaitMs`): the
 * server's settings. Hashes queue behind the attempts under way, so their own queue needs no bound of its own.
 */
export function configurePasswordChecks(settings: GateSettings): void {
  hashes = new Gate('password hashes', {
    concurrency: settings.concurrency,
    maxQueue: Number.MAX_SAFE_INTEGER,
    maxWaitMs: settings.maxWaitMs,
  });
  attempts = new Gate('sign-in attempts', { ...settings, concurrency: settings.concurrency * ATTEMPTS_PER_HASH });
}
configurePasswordChecks({ concurrency: defaultPasswordConcurrency(), maxQueue: 500, maxWaitMs: 30_000 });

/** The cost of a new hash: memory in KiB and passes over it. */
export interface PasswordHashCost {
  memoryKib: number;
  passes: number;
}

/** The library's defaults, which the settings keep unless changed. */
export const DEFAULT_PASSWORD_HASH_COST: PasswordHashCost = { memoryKib: 19_456, passes: 2 };

let hashOptions: Options = { memoryCost: DEFAULT_PASSWORD_HASH_COST.memoryKib, timeCost: DEFAULT_PASSWORD_HASH_COST.passes };

/** Sets the cost of the hashes made from now on (the server's and the command's settings). */
export function configurePasswordHashing(cost: PasswordHashCost): void {
  hashOptions = { memoryCost: cost.memoryKib, timeCost: cost.passes };
  dummy = undefined;
}

/** The attempts' gate: holders and waiters (for tests and diagnostics). */
export function passwordCheckLoad(): Gate['load'] {
  return attempts.load;
}

export interface PasswordWork {
  /** `high` for someone already signed in; `low` (the default) for a visitor. */
  priority?: Priority;
}

export async function hashPassword(password: string, options: PasswordWork = {}): Promise<string> {
  const made = hashOptions;
  return hashes.run(() => hash(password, made), options.priority);
}

async function check(stored: string, candidate: string): Promise<boolean> {
  try {
    return await verify(stored, candidate);
  } catch {
    return false;
  }
}

export async function verifyPassword(stored: string, candidate: string, options: PasswordWork = {}): Promise<boolean> {
  return hashes.run(() => check(stored, candidate), options.priority);
}

/**
 * A place among the attempts under way, taken before anything else is done for an attempt, so an attempt refused
 * as overload costs nothing more; the holder checks one password with it (at the hashes' gate) and gives the place
 * back (release, in a finally).
 */
export interface PasswordCheckPlace {
  verify(stored: string, candidate: string): Promise<boolean>;
  release(): void;
}

export async function takePasswordCheck(options: PasswordWork = {}): Promise<PasswordCheckPlace> {
  const release = await attempts.acquire(options.priority);
  return { verify: (stored, candidate) => verifyPassword(stored, candidate, options), release };
}

// An argon2id hash of a random password, made once (at the configured cost) and outside the gate (it may be asked
// for while a place at the gate is held): checking against it costs what checking a real one does.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hash(randomBytes(24).toString('base64url'), hashOptions);
  return dummy;
}

/** A random password of 20 characters from an alphabet without look-alikes (0/O, 1/l/I). */
export function generatePassword(length = 20): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  // Rejection sampling keeps every character equally likely.
  for (const b of bytes) {
    if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
    if (out.length === length) break;
  }
  return out.length === length ? out : generatePassword(length);
}
