// The audit log answers "who did what, when" for a diplomatic record, so it must be complete and tamper-evident:
// - the list of actions is closed and each action's data has a schema, so entries stay comparable over years
//   and nobody writes free-form (or personal) data into a log that can never be edited;
// - entries are written inside the command's transaction, so a change and its entry commit or vanish together;
// - each entry carries the SHA-256 of its own content (its entry hash), so a changed row is visible; appending is a
//   plain insert that locks nothing but the new row, so writers never wait on one another;
// - the sealer (audit-seal.ts) then chains the committed entries and signs checkpoints of the chain with the
//   installation's key, so a removed, changed or re-hashed entry is visible too (audit-verify.ts).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from './clock.js';
import type { Transaction } from './db/database.js';
import { AppError } from './errors.js';

// administration: a mission's code as delegations.missions spells it (ISO alpha-3, or an entity's slug).
const missionCode = z.string().regex(/^([A-Z]{3}|[a-z0-9]+(-[a-z0-9]+)*)$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * Every action the product may record, with the shape of its data. Modules add their actions here; the schemas
 * are strict so an unexpected field (a stray e-mail address, a whole request body) is refused rather than kept forever.
 */
export const auditActions = {
  'demo.loaded': z.strictObject({ reset: z.boolean(), accounts: z.number().int().nonnegative() }),
  'debate.created': z.strictObject({ slug: z.string().min(1), theme: z.string().min(1) }),
  // An edit names the fields it changed (names only: the values are in the debate, and may be long free text).
  'debate.updated': z.strictObject({
    slug: z.string().min(1),
    version: z.number().int().positive(),
    fields: z.array(z.string().regex(/^[a-zA-Z]+$/)),
  }),
  'debate.concept_note_imported': z.strictObject({
    slug: z.string().min(1),
    sections: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  // A mission allowed to submit beyond the default, or that permission taken back; `mission` puts it in its trail.
  'debate.entity_added': z.strictObject({ mission: missionCode, debate: z.string().min(1) }),
  'debate.entity_removed': z.strictObject({ mission: missionCode, debate: z.string().min(1) }),
  'debate.reminders_sent': z.strictObject({
    debate: z.string().min(1),
    deadline: z.iso.datetime(),
    delegations: z.number().int().nonnegative(),
    recipients: z.number().int().nonnegative(),
  }),
  // The Council data: a year added by the Secretariat (its five elected members and twelve presidents, ISO codes), and
  // the months (1 to 12) where the officer chose another president than the rotation proposed.
  'council.year_added': z.strictObject({
    year: z.number().int().min(1946).max(9999),
    elected: z.array(z.string().regex(/^[A-Z]{3}$/)).length(5),
    presidencies: z.array(z.string().regex(/^[A-Z]{3}$/)).length(12),
    corrected: z.array(z.number().int().min(1).max(12)),
  }),
  // written statements: the delegation (`mission`) is the submitter; the receipt's reference and the revision's number.
  'statement.submitted': z.strictObject({
    mission: missionCode,
    debate: z.string().min(1),
    reference: z.string().min(1),
    revision: z.number().int().positive(),
    late: z.boolean(),
  }),
  'statement.withdrawn': z.strictObject({
    mission: missionCode,
    debate: z.string().min(1),
    reference: z.string().min(1),
    revision: z.number().int().positive(),
    late: z.boolean(),
  }),
  'statement.reviewed': z.strictObject({
    mission: missionCode,
    debate: z.string().min(1),
    reference: z.string().min(1),
    decision: z.enum(['accepted', 'returned']),
  }),
  // A statement received by e-mail and entered by a Secretariat officer (the actor) on the mission's behalf; when entered
  // after the deadline, the time the officer states it was received (the officer's note stays in the revision).
  'statement.submitted_on_behalf': z.strictObject({
    mission: missionCode,
    debate: z.string().min(1),
    reference: z.string().min(1),
    revision: z.number().int().positive(),
    late: z.boolean(),
    receivedBeforeDeadlineAt: z.iso.datetime().nullable(),
  }),
  // a statement enclosed in an issued compilation, reopened by the Secretariat so that a corrigendum can change it:
  // the mission, and the symbol and annex it was frozen in.
  'statement.reopened': z.strictObject({
    mission: missionCode,
    debate: z.string().min(1),
    symbol: z.string().min(1),
    annex: z.number().int().positive(),
  }),
  // the meeting's speakers: a text recorded for a speaker (briefer, Council member, live speaker; mission for a
  // delegation), a speaker removed, and the speaking order set (how many speakers).
  'speaker.recorded': z.strictObject({
    debate: z.string().min(1),
    kind: z.enum(['briefer', 'council', 'live']),
    mission: missionCode.optional(),
    position: z.number().int().positive(),
    text: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  'speaker.removed': z.strictObject({
    debate: z.string().min(1),
    kind: z.enum(['briefer', 'council', 'live']),
    mission: missionCode.optional(),
  }),
  'speaker.order_set': z.strictObject({ debate: z.string().min(1), speakers: z.number().int().nonnegative() }),
  // compilation: a run built from the accepted statements (how many), and its issue under a symbol.
  'compilation.built': z.strictObject({
    debate: z.string().min(1),
    run: z.number().int().positive(),
    statements: z.number().int().nonnegative(),
  }),
  'compilation.issued': z.strictObject({ debate: z.string().min(1), run: z.number().int().positive(), symbol: z.string().min(1) }),
  // a corrigendum: a new run (its number) against the issued compilation (its run and symbol).
  'compilation.corrigendum_started': z.strictObject({
    debate: z.string().min(1),
    run: z.number().int().positive(),
    corrects: z.number().int().positive(),
    symbol: z.string().min(1),
  }),
  // a hand-corrected final of an issued run: its format, version, and the file's hash and size (never the file).
  'compilation.final_uploaded': z.strictObject({
    debate: z.string().min(1),
    run: z.number().int().positive(),
    symbol: z.string().min(1),
    format: z.enum(['docx', 'pdf']),
    version: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.number().int().positive(),
  }),
  // documents: a generation (a rendering of a document in every format) asked for, and its model's hash.
  'document.generation_requested': z.strictObject({
    document: z.enum(['announcement_letter', 'compilation']),
    generationId: z.uuid(),
    symbol: z.string().min(1).nullable(),
    modelSha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  // the formats of a generation that had failed (or could not be made), queued to be rendered again.
  'document.render_retried': z.strictObject({
    document: z.enum(['announcement_letter', 'compilation']),
    generationId: z.uuid(),
    formats: z.array(z.enum(['html', 'docx', 'pdf', 'akn'])).min(1),
  }),
  // submission window: a late submission allowed to one delegation for one debate (subject: the debate), or the
  // permission taken back. `mission` is the delegation, so the entry is in its mission's trail. The Secretariat's
  // reason stays in meetings.late_grants (free text may name people), never here.
  'late_submission.granted': z.strictObject({
    mission: missionCode,
    debate: z.string().min(1),
    grantId: z.uuid(),
    until: z.iso.datetime(),
  }),
  'late_submission.revoked': z.strictObject({ mission: missionCode, debate: z.string().min(1), grantId: z.uuid() }),
  // No e-mail or name: the account row holds them and can be corrected; this log cannot.
  'account.created': z.strictObject({ role: z.string().min(1), organisation: z.string().min(1).nullable() }),
  'account.credentials_reset': z.strictObject({ mission: z.string().min(1).nullable() }),
  'job.failed': z.strictObject({
    jobId: z.number().int().positive(),
    kind: z.string().min(1),
    attempts: z.number().int().nonnegative(),
    error: z.string(),
  }),
  // authentication. `mission` (the account's mission code, or null) is on every entry about an account, so a
  // mission's trail is one query on data->>'mission'. Never the e-mail typed, the password or the code.
  'auth.signed_in': z.strictObject({
    mission: z.string().min(1).nullable(),
    stage: z.enum(['mfa', 'enrol_mfa', 'active']),
    method: z.enum(['password', 'invitation']),
  }),
  'auth.sign_in_failed': z.strictObject({
    mission: z.string().min(1).nullable(),
    reason: z.enum(['unknown_account', 'no_password', 'disabled', 'wrong_password', 'wrong_mfa_code']),
  }),
  // scope: the pair of e-mail and network address, or the network address (entries before pairs said 'email').
  'auth.locked_out': z.strictObject({
    mission: z.string().min(1).nullable(),
    scope: z.enum(['pair', 'address']),
    minutes: z.number().int().positive(),
  }),
  'auth.signed_out': z.strictObject({ mission: z.string().min(1).nullable() }),
  'auth.invitation_accepted': z.strictObject({ mission: z.string().min(1).nullable() }),
  'auth.password_reset_requested': z.strictObject({ mission: z.string().min(1).nullable() }),
  'auth.password_reset': z.strictObject({ mission: z.string().min(1).nullable(), sessionsEnded: z.number().int().nonnegative() }),
  'auth.password_changed': z.strictObject({ mission: z.string().min(1).nullable(), sessionsEnded: z.number().int().nonnegative() }),
  'auth.other_sessions_ended': z.strictObject({ mission: z.string().min(1).nullable(), sessionsEnded: z.number().int().nonnegative() }),
  'mfa.enrolled': z.strictObject({ mission: z.string().min(1).nullable() }),
  'mfa.verified': z.strictObject({ mission: z.string().min(1).nullable() }),
  'mfa.verified_with_recovery_code': z.strictObject({ mission: z.string().min(1).nullable(), remaining: z.number().int().nonnegative() }),
  'mfa.recovery_codes_regenerated': z.strictObject({ mission: z.string().min(1).nullable() }),
  'mfa.disabled': z.strictObject({ mission: z.string().min(1).nullable() }),
  // administration. `mission` (the mission's code, or null for help desk and Secretariat staff) is on every entry
  // about a mission's person or data, so a mission's trail is one query on data->>'mission'. Ids and codes only.
  'account.invited': z.strictObject({
    mission: missionCode.nullable(),
    role: z.enum(['helpdesk', 'secretariat', 'focal_point', 'delegate']),
  }),
  'invitation.resent': z.strictObject({ mission: missionCode.nullable() }),
  'module.granted': z.strictObject({ mission: missionCode, module: z.enum(['statements', 'presidency']) }),
  'module.revoked': z.strictObject({ mission: missionCode, module: z.enum(['statements', 'presidency']) }),
  'account.deactivated': z.strictObject({ mission: missionCode.nullable(), sessionsEnded: z.number().int().nonnegative() }),
  'account.reactivated': z.strictObject({ mission: missionCode.nullable() }),
  // The help desk corrected a person's name or e-mail address: which of the two changed (the values are personal
  // data and stay out of the log; the mails to the old and the new address carry them).
  'account.corrected': z.strictObject({ mission: missionCode.nullable(), changed: z.array(z.enum(['displayName', 'email'])).min(1) }),
  'signin.unlocked': z.strictObject({ mission: missionCode.nullable(), cleared: z.boolean() }),
  'mfa.reset': z.strictObject({ mission: missionCode.nullable(), sessionsEnded: z.number().int().nonnegative() }),
  'signin_link.issued': z.strictObject({ mission: missionCode.nullable() }),
  'signatory.added': z.strictObject({ mission: missionCode, fromDate: isoDate, toDate: isoDate.nullable() }),
  'signatory.ended': z.strictObject({ mission: missionCode, toDate: isoDate }),
  'signatory.removed': z.strictObject({ mission: missionCode }),
  'entity.added': z.strictObject({ mission: missionCode, kind: z.enum(['intergovernmental_organization', 'other_entity']) }),
  // API tokens: the token id, never the token or its name (the owner's free text).
  'api_token.created': z.strictObject({
    tokenId: z.uuid(),
    mission: z.string().min(1).nullable(),
    scopes: z.array(z.string().regex(/^[a-z]+:[a-z]+$/)).min(1),
    expiresAt: z.iso.datetime(),
  }),
  'api_token.revoked': z.strictObject({ tokenId: z.uuid(), mission: z.string().min(1).nullable() }),
  // Tokens revoked with the credentials they came from: how many, and what happened to the credentials.
  'api_token.revoked_with_credentials': z.strictObject({
    mission: z.string().min(1).nullable(),
    tokens: z.number().int().positive(),
    because: z.enum(['password_changed', 'password_reset', 'other_sessions_ended', 'mfa_reset', 'deactivated', 'module_revoked']),
  }),
  // documents: the symbol (S/2021/90, S/PRST/2021/11, S/2021/90/Add.1/Corr.1: its shape only, the registry checks the
  // rest) and what it was handed out for (a snake_case word such as compilation). Issued by Rostrum, or registered
  // from outside it.
  'symbol.issued': z.strictObject({
    symbol: z.string().regex(/^[A-Z]+(\/[A-Z]+)*\/\d{4}\/[1-9]\d*(\/(Corr|Rev|Add)\.[1-9]\d*)*$/),
    purpose: z.string().regex(/^[a-z]+(_[a-z]+)*$/),
  }),
  'symbol.registered': z.strictObject({
    symbol: z.string().regex(/^[A-Z]+(\/[A-Z]+)*\/\d{4}\/[1-9]\d*(\/(Corr|Rev|Add)\.[1-9]\d*)*$/),
    purpose: z.string().regex(/^[a-z]+(_[a-z]+)*$/),
  }),
} as const satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type AuditAction = keyof typeof auditActions;
export type AuditData<A extends AuditAction> = z.input<(typeof auditActions)[A]>;

/** `id` null for the system itself (jobs, CLI); `label` is what a reader of the log sees, kept even if the account goes. */
export interface AuditActor {
  id: string | null;
  label: string;
}

export interface AuditEntry<A extends AuditAction> {
  action: A;
  actor: AuditActor;
  subject: { type: string; id: string | null };
  data: AuditData<A>;
}

/** The chain's hash before its first entry, and the old chain's predecessor of the first entry written before sealing. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Marks the content hashed into an entry hash: an entry written before checkpoints has a hash over its content and
 * its predecessor's hash ("prev_hash", no "format"), so the two kinds of hash can never be taken for one another.
 */
export const ENTRY_FORMAT = 'rostrum audit entry v2';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an entry says, as stored: the columns its hash covers. */
export interface AuditContent {
  occurred_at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  data: unknown;
}

/** An entry checked and hashed, ready to be appended (appendAudit): its hash is known before it is written. */
export interface PreparedAudit {
  readonly content: Readonly<AuditContent>;
  readonly entryHash: string;
}

/**
 * Checks an entry (a listed action, data that its schema accepts, an actor with a label and a uuid or none, a
 * subject type) and computes its entry hash, without writing anything.
 */
export function prepareAudit<A extends AuditAction>(clock: Clock, entry: AuditEntry<A>): PreparedAudit {
  const content = prepare(entry, clock.now());
  return Object.freeze({ content: Object.freeze(content), entryHash: auditEntryHash(content) });
}

/**
 * Appends a prepared entry: one INSERT, which locks only the new row, so concurrent writers never wait on one
 * another. The entry has no position until the sealer gives it one, after its transaction commits.
 */
export async function appendAudit(trx: Transaction, prepared: PreparedAudit): Promise<{ seq: number; entryHash: string }> {
  const { content } = prepared;
  // What is written must be what was hashed (and perhaps already given to someone, such as in a receipt).
  if (auditEntryHash(content) !== prepared.entryHash)
    throw new AppError('internal', { detail: 'a prepared audit entry was changed after its hash was computed' });
  const row = await trx
    .insertInto('kernel.audit_log')
    .values({
      occurred_at: content.occurred_at,
      actor_id: content.actor_id,
      actor_label: content.actor_label,
      action: content.action,
      subject_type: content.subject_type,
      subject_id: content.subject_id,
      data: canonicalJson(content.data),
      entry_hash: prepared.entryHash,
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq), entryHash: prepared.entryHash };
}

/** Checks, hashes and appends an entry in the caller's transaction: prepareAudit then appendAudit. */
export async function recordAudit<A extends AuditAction>(
  trx: Transaction,
  clock: Clock,
  entry: AuditEntry<A>,
): Promise<{ seq: number; entryHash: string }> {
  return appendAudit(trx, prepareAudit(clock, entry));
}

/**
 * An entry's hash: the SHA-256 (lower-case hex) of the UTF-8 canonical JSON of its content and the format marker,
 * {"action","actor_id","actor_label","data","format":"rostrum audit entry v2","occurred_at" (ISO 8601 UTC with
 * milliseconds),"subject_id","subject_type"}.
 */
export function auditEntryHash(content: AuditContent): string {
  return contentHash({ format: ENTRY_FORMAT }, content);
}

/** SHA-256 of the canonical JSON of an entry's content with `marker` (the format, or a legacy entry's predecessor). */
function contentHash(marker: Record<string, string>, content: AuditContent): string {
  return sha256Hex(
    canonicalJson({
      ...marker,
      occurred_at: content.occurred_at.toISOString(),
      actor_id: content.actor_id,
      actor_label: content.actor_label,
      action: content.action,
      subject_type: content.subject_type,
      subject_id: content.subject_id,
      data: content.data,
    }),
  );
}

/**
 * The hash of an entry written before checkpoints: the SHA-256 of the canonical JSON of its content and its
 * predecessor's hash (prev_hash), the first entry's predecessor being GENESIS_HASH. Only verification uses it.
 */
export function legacyEntryHash(content: AuditContent & { prev_hash: string }): string {
  return contentHash({ prev_hash: content.prev_hash }, content);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function prepare<A extends AuditAction>(entry: AuditEntry<A>, occurredAt: Date): AuditContent {
  // The type system closes the list for TypeScript callers; this closes it for casts and plain objects too.
  if (!Object.hasOwn(auditActions, entry.action))
    throw new AppError('audit.invalid_data', { detail: `unknown audit action ${String(entry.action)}` });
  const schema: z.ZodType = auditActions[entry.action];
  const parsed = schema.safeParse(entry.data);
  if (!parsed.success) throw new AppError('audit.invalid_data', { detail: `${entry.action}: ${z.prettifyError(parsed.error)}` });
  if (entry.actor.label.trim() === '') throw new AppError('audit.invalid_data', { detail: `${entry.action}: the actor has no label` });
  if (entry.subject.type.trim() === '') throw new AppError('audit.invalid_data', { detail: `${entry.action}: the subject has no type` });
  // PostgreSQL prints uuids in lower case; hashing what it will print keeps verification exact.
  const actorId = entry.actor.id === null ? null : entry.actor.id.toLowerCase();
  if (actorId !== null && !UUID.test(actorId))
    throw new AppError('audit.invalid_data', { detail: `${entry.action}: actor id ${entry.actor.id} is not a uuid` });
  return {
    occurred_at: occurredAt,
    actor_id: actorId,
    actor_label: entry.actor.label,
    action: entry.action,
    subject_type: entry.subject.type,
    subject_id: entry.subject.id,
    // Through JSON once, so the hash covers exactly what jsonb will give back (no undefined, no Date objects).
    data: JSON.parse(JSON.stringify(parsed.data)) as unknown,
  };
}

/** JSON with object keys sorted at every depth: jsonb does not keep key order, so the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const parts = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
