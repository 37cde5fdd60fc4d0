// Row types of the kernel's own tables (schema `kernel`).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface AuditLogTable {
  seq: Generated<number>;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  data: Json<Record<string, unknown>>;
  /** SHA-256 of the entry's content (kernel/audit.ts auditEntryHash), or its old chained hash for an entry written before sealing. */
  entry_hash: string;
  /** The entry's place in the sealed chain, set once by the sealer; null while it awaits its seal. */
  position: ColumnType<number | null, never, number>;
  /** The old chain's hashes, for entries written before sealing; null for the others. */
  prev_hash: ColumnType<string | null, string | null | undefined, never>;
  hash: ColumnType<string | null, string | null | undefined, never>;
}

/** A signed checkpoint of the audit log's chain (kernel/audit-seal.ts). */
export interface AuditCheckpointsTable {
  size: number;
  head: string;
  sealed_at: Timestamp;
  key_id: string;
  signature: string;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: Json<unknown>;
  status: ColumnType<'queued' | 'running' | 'done' | 'failed', 'queued' | 'running' | 'done' | 'failed' | undefined>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  errors: ColumnType<Array<{ at: string; message: string }>, string | undefined, string>;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  media_type: string;
  content: ColumnType<Uint8Array, Uint8Array, never>;
  created_at: Timestamp;
}

export interface MailTable {
  id: Generated<number>;
  recipients: string[];
  subject: string;
  text_body: string;
  html_body: string | null;
  transport: 'smtp' | 'outbox' | null;
  message_id: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

/** A notification e-mail queued for one account about one event; the key tells no one of the same event twice. */
export interface NotificationsSentTable {
  /** The event's key: 'late_submission.allowed:<grant id>', 'compilation.issued:<run id>', ... */
  event: string;
  account_id: string;
  /** The message queued; null only between the row's insert and the mail's, in the same transaction. */
  mail_id: number | null;
  queued_at: Timestamp;
}

export interface KernelTables {
  'kernel.audit_log': AuditLogTable;
  'kernel.audit_checkpoints': AuditCheckpointsTable;
  'kernel.jobs': JobsTable;
  'kernel.blobs': BlobsTable;
  'kernel.mail': MailTable;
  'kernel.notifications_sent': NotificationsSentTable;
}
