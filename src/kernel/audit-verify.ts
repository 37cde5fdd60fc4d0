// Verifying the audit log (`rostrum audit verify`): every entry's content against its hash, the sealed entries'
// positions (1 ... N, no gaps), the chain folded over them, and at each checkpoint its head and its signature by the
// installation's key. Someone who can write to the database but does not hold the key cannot change, remove or
// re-chain a sealed entry without a checkpoint's head or signature giving it away. Entries still awaiting their seal
// (written within the last seconds) are only checked against their own hash.
import { type AuditContent, auditEntryHash, GENESIS_HASH, legacyEntryHash } from './audit.js';
import { chainHead, checkpointBytes } from './audit-seal.js';
import type { Database } from './db/database.js';
import { verifySignature } from './secrets.js';

export type AuditLogReport =
  | {
      ok: true;
      /** Sealed entries, each under a checkpoint whose head and signature were checked. */
      entries: number;
      checkpoints: number;
      /** Entries whose content matches their hash but which have no position yet. */
      awaitingSeal: number;
      /** When the oldest of those was written (ISO 8601), or null. */
      oldestAwaitingSeal: string | null;
    }
  | {
      ok: false;
      /** The entry where the log breaks, when there is one to name. */
      seq: number | null;
      position: number | null;
      reason: string;
    };

/** A row as stored: the content its hash covers, and where it stands in the log. */
interface EntryRow extends AuditContent {
  seq: number;
  position: number | null;
  entry_hash: string;
  prev_hash: string | null;
  hash: string | null;
}

const COLUMNS = [
  'seq',
  'position',
  'occurred_at',
  'actor_id',
  'actor_label',
  'action',
  'subject_type',
  'subject_id',
  'data',
  'entry_hash',
  'prev_hash',
  'hash',
] as const;

function content(row: EntryRow): AuditContent {
  return {
    occurred_at: new Date(row.occurred_at),
    actor_id: row.actor_id,
    actor_label: row.actor_label,
    action: row.action,
    subject_type: row.subject_type,
    subject_id: row.subject_id,
    data: row.data,
  };
}

/** Why an entry's content does not match its hash, or undefined when it does. */
function contentProblem(row: EntryRow): string | undefined {
  if (row.prev_hash === null && row.hash === null) {
    return auditEntryHash(content(row)) === row.entry_hash ? undefined : 'the entry’s content does not match its hash (it was changed)';
  }
  // Written before sealing: its hash is the old chained one, over its content and its predecessor's hash.
  if (row.prev_hash === null || row.hash === null || legacyEntryHash({ ...content(row), prev_hash: row.prev_hash }) !== row.hash) {
    return 'the entry’s content does not match its hash (it was changed)';
  }
  if (row.entry_hash !== row.hash) return 'the entry’s hash is not the one it was written with (it was changed)';
  return undefined;
}

/**
 * Walks the sealed entries in position order and the checkpoints in size order (both paged), then the entries
 * awaiting their seal. `key`: the installation's public key and its id (Secrets.signing).
 */
export async function verifyAuditLog(
  db: Database,
  key: { publicKey: string; keyId: string },
  options: { pageSize?: number } = {},
): Promise<AuditLogReport> {
  const pageSize = options.pageSize ?? 1000;
  let position = 0;
  let head = GENESIS_HASH;
  // The old chain, over the entries written before sealing (sealed first, in seq order).
  let legacyPrev = GENESIS_HASH;
  let lastSeq: number | null = null;

  let checkpoints: Array<{ size: number; head: string; sealed_at: Date; key_id: string; signature: string }> = [];
  let checkpointsRead = 0;
  let allCheckpointsRead = false;
  let lastCheckpointSize = 0;
  let checkpointsChecked = 0;
  const nextCheckpoint = async () => {
    if (checkpoints.length === 0 && !allCheckpointsRead) {
      checkpoints = await db
        .selectFrom('kernel.audit_checkpoints')
        .selectAll()
        .where('size', '>', checkpointsRead)
        .orderBy('size')
        .limit(pageSize)
        .execute();
      allCheckpointsRead = checkpoints.length < pageSize;
      const last = checkpoints.at(-1);
      if (last) checkpointsRead = Number(last.size);
    }
    return checkpoints[0];
  };

  for (;;) {
    const page = (await db
      .selectFrom('kernel.audit_log')
      .select(COLUMNS)
      .where('position', '>', position)
      .orderBy('position')
      .limit(pageSize)
      .execute()) as EntryRow[];
    for (const row of page) {
      const at = Number(row.position);
      if (at !== position + 1) {
        return { ok: false, seq: row.seq, position: at, reason: `position ${position + 1} is missing: the entry sealed there was removed` };
      }
      const problem = contentProblem(row);
      if (problem) return { ok: false, seq: row.seq, position: at, reason: problem };
      if (row.prev_hash !== null) {
        if (row.prev_hash !== legacyPrev) {
          return {
            ok: false,
            seq: row.seq,
            position: at,
            reason: 'the entry does not follow the one written before it (an entry written before sealing was removed or changed)',
          };
        }
        legacyPrev = row.hash ?? legacyPrev;
      }
      position = at;
      head = chainHead(head, row.entry_hash);
      lastSeq = row.seq;
      for (let cp = await nextCheckpoint(); cp !== undefined && Number(cp.size) <= position; cp = await nextCheckpoint()) {
        const size = Number(cp.size);
        const sealedAt = new Date(cp.sealed_at).toISOString();
        if (size !== position || cp.head !== head) {
          return {
            ok: false,
            seq: row.seq,
            position: at,
            reason:
              `the entries up to position ${size} do not give the head their checkpoint (sealed ${sealedAt}) records: an entry up ` +
              `to there was changed, removed or replaced`,
          };
        }
        if (cp.key_id !== key.keyId) {
          return {
            ok: false,
            seq: row.seq,
            position: at,
            reason:
              `the checkpoint of ${size} entries (sealed ${sealedAt}) was signed by another key (${cp.key_id}), not this ` +
              `installation’s (${key.keyId})`,
          };
        }
        if (!verifySignature(key.publicKey, checkpointBytes({ size, head: cp.head, sealedAt }), cp.signature)) {
          return {
            ok: false,
            seq: row.seq,
            position: at,
            reason:
              `the signature of the checkpoint of ${size} entries (sealed ${sealedAt}) does not match it: the checkpoint was forged ` +
              `or changed`,
          };
        }
        lastCheckpointSize = size;
        checkpointsChecked++;
        checkpoints.shift();
      }
    }
    if (page.length < pageSize) break;
  }

  const beyond = await nextCheckpoint();
  if (beyond !== undefined) {
    return {
      ok: false,
      seq: lastSeq,
      position: position + 1,
      reason:
        `the checkpoint of ${Number(beyond.size)} entries covers more entries than the ${position} sealed ones left: entries at the ` +
        `end were removed`,
    };
  }
  if (lastCheckpointSize < position) {
    const first = await db
      .selectFrom('kernel.audit_log')
      .select('seq')
      .where('position', '=', lastCheckpointSize + 1)
      .executeTakeFirst();
    return {
      ok: false,
      seq: first?.seq ?? null,
      position: lastCheckpointSize + 1,
      reason:
        `the entries from position ${lastCheckpointSize + 1} to ${position} have positions but no checkpoint signs them: they were ` +
        `not given them by a seal`,
    };
  }

  let awaitingSeal = 0;
  let oldest: Date | null = null;
  let afterSeq = 0;
  for (;;) {
    const page = (await db
      .selectFrom('kernel.audit_log')
      .select(COLUMNS)
      .where('position', 'is', null)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute()) as EntryRow[];
    for (const row of page) {
      const problem = contentProblem(row);
      if (problem) return { ok: false, seq: row.seq, position: null, reason: `${problem}; it awaits its seal` };
      awaitingSeal++;
      const when = new Date(row.occurred_at);
      if (oldest === null || when < oldest) oldest = when;
      afterSeq = row.seq;
    }
    if (page.length < pageSize) break;
  }
  return { ok: true, entries: position, checkpoints: checkpointsChecked, awaitingSeal, oldestAwaitingSeal: oldest?.toISOString() ?? null };
}

/** The report as the command prints it: one sentence. */
export function describeAuditReport(report: AuditLogReport): string {
  if (report.ok) {
    const sealed =
      `${report.entries} ${report.entries === 1 ? 'entry' : 'entries'} sealed under ${report.checkpoints} signed ` +
      `${report.checkpoints === 1 ? 'checkpoint' : 'checkpoints'}, each matching its hash and the chain`;
    const waiting =
      report.awaitingSeal === 0
        ? 'none awaiting a seal'
        : `${report.awaitingSeal} awaiting a seal (content matching their hash; the oldest written ${report.oldestAwaitingSeal}), sealed ` +
          `by the running server within seconds`;
    return `The audit log is intact: ${sealed}; ${waiting}.`;
  }
  const where = [
    report.seq !== null ? `entry ${report.seq}` : undefined,
    report.position !== null ? `position ${report.position}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `The audit log has been altered${where ? ` (${where})` : ''}: ${report.reason}.`;
}
