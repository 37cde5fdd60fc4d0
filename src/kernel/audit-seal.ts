// Sealing the audit log: like a certificate-transparency log, entries are appended freely (each with the hash of its
// own content, kernel/audit.ts) and a single sealer then puts the committed ones in a chain and signs where the
// chain stands.
//
// The chain. Sealed entries have positions 1, 2, 3 ... without gaps. head_0 is 64 zeros ("0" × 64); head_n is the
// SHA-256, in lower-case hex, of the ASCII text head_{n-1} followed by entry_hash_n (128 hex digits, nothing
// between). A checkpoint records, after a seal, size = n (the number of entries sealed so far, which is the last
// position) and head = head_n, with the time of the seal and an Ed25519 signature, by the installation's key
// (Secrets.signing), of the checkpoint's text: "rostrum audit checkpoint v1\n<size>\n<head>\n<sealed_at>", sealed_at
// in ISO 8601 UTC with milliseconds, no final newline. The first line keeps the signature from being taken for
// anything else the key signs (receipts sign JSON).
//
// The order. A seal takes the committed entries that have no position yet in seq order. An entry whose transaction
// commits after a later entry was sealed goes into a later batch: the chain's order is the order of sealing, not of
// seq, and that is intended: an entry's place is fixed only once it can be seen. Entries written before sealing
// existed (with prev_hash and hash) are sealed by the first seals like any other, in seq order.
//
// One sealer at a time: a seal runs in one transaction under a transaction-level advisory lock, and returns at once
// when another process holds it. Positions are written in one statement and the checkpoint in the same transaction,
// so a seal happens whole or not at all.
import { sql } from 'kysely';
import { GENESIS_HASH, sha256Hex } from './audit.js';
import type { Clock } from './clock.js';
import type { Database, Transaction } from './db/database.js';
import { AppError } from './errors.js';
import type { SigningKey } from './secrets.js';
import { Poller } from './poller.js';

/** The advisory lock every sealer takes: the bytes of "Rostrum" followed by 1, as a 64-bit integer. */
const SEAL_LOCK = '5940093377498672385';

/** The first line of every checkpoint's signed text. */
export const CHECKPOINT_PREFIX = 'rostrum audit checkpoint v1';

/** Entries per seal by default, and at most: a checkpoint covers no more, so a proof lists no more. */
export const DEFAULT_SEAL_BATCH = 2000;
export const MAX_SEAL_BATCH = 5000;

export interface Checkpoint {
  /** Entries sealed so far: the position of the last of them. */
  size: number;
  /** The chain's hash after that entry. */
  head: string;
  /** ISO 8601 UTC, with milliseconds: as signed. */
  sealedAt: string;
  keyId: string;
  /** Ed25519 over checkpointText(...), base64url. */
  signature: string;
}

/** head_n from head_{n-1} and the n-th sealed entry's hash. */
export function chainHead(previous: string, entryHash: string): string {
  return sha256Hex(previous + entryHash);
}

/** The text a checkpoint's signature covers. */
export function checkpointText(c: { size: number; head: string; sealedAt: string }): string {
  return `${CHECKPOINT_PREFIX}\n${c.size}\n${c.head}\n${c.sealedAt}`;
}

export function checkpointBytes(c: { size: number; head: string; sealedAt: string }): Uint8Array {
  return new TextEncoder().encode(checkpointText(c));
}

interface CheckpointRow {
  size: number;
  head: string;
  sealed_at: Date;
  key_id: string;
  signature: string;
}

function fromRow(row: CheckpointRow): Checkpoint {
  return {
    size: Number(row.size),
    head: row.head,
    sealedAt: new Date(row.sealed_at).toISOString(),
    keyId: row.key_id,
    signature: row.signature,
  };
}

/** The latest checkpoint, or null before the first seal. One read of the primary key's last row; no lock. */
export async function latestCheckpoint(db: Database | Transaction): Promise<Checkpoint | null> {
  const row = await db.selectFrom('kernel.audit_checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** The checkpoint of exactly this size, if there is one. */
export async function checkpointOfSize(db: Database, size: number): Promise<Checkpoint | null> {
  const row = await db.selectFrom('kernel.audit_checkpoints').selectAll().where('size', '=', size).executeTakeFirst();
  return row ? fromRow(row) : null;
}

export type SealResult =
  /** Nothing was waiting. */
  | { state: 'idle' }
  /** Another process is sealing; nothing was done. */
  | { state: 'busy' }
  | { state: 'sealed'; entries: number; checkpoint: Checkpoint };

/**
 * Seals up to `batch` committed entries that have no position yet, in seq order: gives them the next positions,
 * folds them into the chain and records one signed checkpoint, in one transaction.
 */
export async function sealAuditLog(db: Database, clock: Clock, signing: SigningKey, options: { batch?: number } = {}): Promise<SealResult> {
  const batch = Math.max(1, Math.min(options.batch ?? DEFAULT_SEAL_BATCH, MAX_SEAL_BATCH));
  // READ COMMITTED: each statement sees what committed before it, so the checkpoint read after taking the lock is
  // the one the previous sealer committed before letting the lock go.
  return db
    .transaction()
    .setIsolationLevel('read committed')
    .execute(async (trx): Promise<SealResult> => {
      const { rows: lock } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${SEAL_LOCK}::bigint) AS locked`.execute(trx);
      if (!lock[0]?.locked) return { state: 'busy' };
      const entries = await trx
        .selectFrom('kernel.audit_log')
        .select(['seq', 'entry_hash'])
        .where('position', 'is', null)
        .orderBy('seq')
        .limit(batch)
        .execute();
      if (entries.length === 0) return { state: 'idle' };
      const last = await latestCheckpoint(trx);
      let size = last?.size ?? 0;
      let head = last?.head ?? GENESIS_HASH;
      const positions = entries.map((e) => {
        size += 1;
        head = chainHead(head, e.entry_hash);
        return sql`(${e.seq}::integer, ${size}::bigint)`;
      });
      const updated = await sql`
        UPDATE kernel.audit_log AS l SET position = v.position
          FROM (VALUES ${sql.join(positions)}) AS v (seq, position)
         WHERE l.seq = v.seq AND l.position IS NULL
      `.execute(trx);
      if (Number(updated.numAffectedRows ?? 0) !== entries.length) {
        throw new AppError('internal', {
          detail: `sealing the audit log: ${entries.length} entries read, ${String(updated.numAffectedRows)} given a position`,
        });
      }
      const sealedAt = clock.now().toISOString();
      const checkpoint: Checkpoint = {
        size,
        head,
        sealedAt,
        keyId: signing.keyId,
        signature: signing.sign(checkpointBytes({ size, head, sealedAt })),
      };
      await trx
        .insertInto('kernel.audit_checkpoints')
        .values({ size, head, sealed_at: sealedAt, key_id: checkpoint.keyId, signature: checkpoint.signature })
        .execute();
      return { state: 'sealed', entries: entries.length, checkpoint };
    });
}

export interface AuditSealerOptions {
  db: Database;
  clock: Clock;
  signing: SigningKey;
  /** Real-time pause between rounds. */
  intervalMs: number;
  batch?: number;
  log: { error(obj: object, msg?: string): void };
}

/**
 * Seals the audit log in the server: every `intervalMs`, seal after seal until nothing is left, and once more on
 * stop. A failed round is logged and the next one tries again; it never ends the process.
 */
export class AuditSealer {
  private readonly options: AuditSealerOptions;
  private readonly poller: Poller;

  constructor(options: AuditSealerOptions) {
    this.options = options;
    this.poller = new Poller(async () => (await this.round(), false), options.intervalMs);
  }

  start(): void {
    this.poller.start();
  }

  /** Waits for the round in hand, then seals what is left (entries of the last requests). */
  async stop(): Promise<void> {
    await this.poller.stop();
    await this.round();
  }

  /** Seals until nothing is waiting (or another process is sealing); returns how many entries were sealed. */
  async sealAll(): Promise<number> {
    const batch = Math.max(1, Math.min(this.options.batch ?? DEFAULT_SEAL_BATCH, MAX_SEAL_BATCH));
    let sealed = 0;
    for (;;) {
      const result = await sealAuditLog(this.options.db, this.options.clock, this.options.signing, { batch });
      if (result.state !== 'sealed') return sealed;
      sealed += result.entries;
      if (result.entries < batch) return sealed;
    }
  }

  private async round(): Promise<void> {
    try {
      await this.sealAll();
    } catch (err) {
      this.options.log.error({ err }, 'audit sealer: sealing the audit log failed; trying again at the next round');
    }
  }
}

export type EntryInLog =
  | { state: 'sealed'; seq: number; position: number; checkpoint: Checkpoint }
  | { state: 'awaiting_seal'; seq: number }
  | { state: 'missing' };

/** Where an entry (by its hash) is: sealed at a position under its first checkpoint, awaiting its seal, or absent. */
export async function findAuditEntry(db: Database, entryHash: string): Promise<EntryInLog> {
  const entry = await db
    .selectFrom('kernel.audit_log')
    .select(['seq', 'position'])
    .where('entry_hash', '=', entryHash)
    .orderBy(sql`position IS NULL`)
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
  if (!entry) return { state: 'missing' };
  if (entry.position === null) return { state: 'awaiting_seal', seq: entry.seq };
  const covering = await db
    .selectFrom('kernel.audit_checkpoints')
    .selectAll()
    .where('size', '>=', entry.position)
    .orderBy('size')
    .limit(1)
    .executeTakeFirst();
  // Sealed positions without a checkpoint are not sealed: verification reports them.
  if (!covering) return { state: 'awaiting_seal', seq: entry.seq };
  return { state: 'sealed', seq: entry.seq, position: Number(entry.position), checkpoint: fromRow(covering) };
}

export interface AuditProof {
  entry: string;
  position: number;
  /** The checkpoint before the entry's; size 0 (no signature) when the entry is in the first one. */
  from: { size: number; head: string } | Checkpoint;
  /** The first checkpoint that covers the entry. */
  to: Checkpoint;
  /** The entry hashes at positions from.size + 1 ... to.size, in order; the entry is at index position − from.size − 1. */
  entries: string[];
}

/**
 * What anyone needs to see a sealed entry inside the chain: from the signed head before it, fold the entry hashes
 * up to the next signed head. Undefined for an entry that is not in the log or not sealed yet.
 */
export async function auditProof(db: Database, entryHash: string): Promise<AuditProof | undefined> {
  const found = await findAuditEntry(db, entryHash);
  if (found.state !== 'sealed') return undefined;
  const before = await db
    .selectFrom('kernel.audit_checkpoints')
    .selectAll()
    .where('size', '<', found.position)
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  const from = before ? fromRow(before) : { size: 0, head: GENESIS_HASH };
  const to = found.checkpoint;
  // A seal covers at most MAX_SEAL_BATCH entries; anything longer is not a seal's work.
  if (to.size - from.size > MAX_SEAL_BATCH)
    throw new AppError('internal', { detail: `audit checkpoints ${from.size} and ${to.size} are further apart than a seal` });
  const rows = await db
    .selectFrom('kernel.audit_log')
    .select(['position', 'entry_hash'])
    .where('position', '>', from.size)
    .where('position', '<=', to.size)
    .orderBy('position')
    .execute();
  return { entry: entryHash, position: found.position, from, to, entries: rows.map((r) => r.entry_hash) };
}
