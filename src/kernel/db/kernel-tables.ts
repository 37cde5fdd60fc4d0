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
  prev_hash: string;
  hash: string;
}

/** The head of the audit log's chain: one row, updated by every append (see recordAudit). */
export interface AuditHeadTable {
  only_row: Generated<boolean>;
  hash: string;
  prev_hash: string;
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

export interface KernelTables {
  'kernel.audit_log': AuditLogTable;
  'kernel.audit_head': AuditHeadTable;
  'kernel.jobs': JobsTable;
  'kernel.blobs': BlobsTable;
  'kernel.mail': MailTable;
}
