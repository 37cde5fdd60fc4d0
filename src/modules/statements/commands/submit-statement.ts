// Confirming a draft makes it the delegation's statement; withdrawing takes it back. Each is one transaction that
// decides on the window at commit time (the debate's row is read with a share lock, so a late grant revoked
// meanwhile is seen), writes an immutable revision with its signed receipt, points the submission at it, queues
// the receipt by e-mail to the person and to the mission's focal points, and records the audit entry. If any step
// fails, none of it happened and no receipt exists.
//
// The State is the submitter: one submission per delegation per debate. Two delegates confirming at the same moment
// both get a revision and a receipt; the row lock orders them, and the later commit is current.
import { randomUUID } from 'node:crypto';
import { appendAudit, prepareAudit, type AuditAction, type AuditEntry } from '../../../kernel/audit.js';
import { latestCheckpoint } from '../../../kernel/audit-seal.js';
import type { Clock } from '../../../kernel/clock.js';
import { formatDateWithWeekday, formatTimeInZone, isoDateIn } from '../../../kernel/dates.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { queueMail } from '../../../kernel/mail/index.js';
import type { SigningKey } from '../../../kernel/secrets.js';
import { UUID } from '../../../kernel/validation.js';
import { findMission, findSignatory, signsOn } from '../../delegations/index.js';
import type { Acting } from '../../../kernel/authz.js';
import { activeFocalPoints, emailOf } from '../../identity/index.js';
import { submissionDecision, type DebateRecord, type SubmissionAction, type SubmissionWindow } from '../../meetings/index.js';
import type { DraftChoices, DraftRow, Receipt, RevisionRow, StoredCheck } from '../db.js';
import { newReference, receiptBytes, receiptDocument } from '../domain/receipt.js';
import { statementTarget, type StatementTarget } from './target.js';

export interface ReceiptSettings {
  signing: SigningKey;
  /** Where users reach Rostrum, without a trailing slash. */
  publicUrl: string;
}

export interface Issued {
  reference: string;
  revision: number;
  receipt: Receipt;
  signature: string;
}

function when(at: Date, tz: string): string {
  return `${formatDateWithWeekday(at, tz)}, ${formatTimeInZone(at, tz)}`;
}

/**
 * The window's decision for this delegation and action, at the transaction's instant; refusals as errors. The window
 * was read with the debate's row under a share lock (statementTarget), so a revocation cannot slip in before commit.
 */
function decide(clock: Clock, window: SubmissionWindow, delegation: string, action: SubmissionAction): { now: Date; late: boolean } {
  const now = clock.now();
  const decision = submissionDecision(window, delegation, now, { action });
  if (!decision.allowed) {
    throw new AppError(decision.reason === 'not_yet_open' ? 'statement.not_yet_open' : 'statement.closed', {
      detail: `${delegation} ${action} at ${now.toISOString()}, closed at ${decision.closedAt.toISOString()}`,
    });
  }
  return { now, late: decision.basis === 'late_grant' };
}

/** Takes the delegation's submission row (creating it with this revision as current), and the revision's number. */
async function nextRevision(
  trx: Transaction,
  debateId: string,
  delegation: string,
  revisionId: string,
  state: 'submitted' | 'withdrawn',
  now: Date,
) {
  const created = await trx
    .insertInto('statements.submissions')
    .values({
      id: randomUUID(),
      debate_id: debateId,
      delegation,
      state,
      current_revision: revisionId,
      revisions: 1,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['debate_id', 'delegation']).doNothing())
    .returning(['id'])
    .executeTakeFirst();
  if (created) return { submissionId: created.id, seq: 1, previous: null };
  const current = await trx
    .selectFrom('statements.submissions')
    .selectAll()
    .where('debate_id', '=', debateId)
    .where('delegation', '=', delegation)
    .forUpdate()
    .executeTakeFirstOrThrow();
  // Checked under the row lock an issue's freeze also takes (./issued-annexes.ts): an enclosed statement stays as issued.
  if (current.issued_in !== null)
    throw new AppError('statement.in_issued_document', {
      detail: `${delegation}: annex ${current.issued_annex ?? '?'} of ${current.issued_in}`,
    });
  const seq = current.revisions + 1;
  await trx
    .updateTable('statements.submissions')
    .set({ state, current_revision: revisionId, revisions: seq, updated_at: now })
    .where('id', '=', current.id)
    .execute();
  return { submissionId: current.id, seq, previous: current };
}

function receiptMail(
  to: string[],
  receipt: Receipt,
  signature: string,
  settings: ReceiptSettings,
): { to: string[]; subject: string; text: string } {
  const what = receipt.action === 'submit' ? 'written statement received' : 'written statement withdrawn';
  const lines = [
    `Rostrum has ${receipt.action === 'submit' ? 'received the written statement' : 'recorded the withdrawal of the written statement'} ` +
      `of the ${receipt.delegation.name} for the open debate on the theme “${receipt.debate.theme}”.`,
    '',
    `Receipt: ${receipt.reference} (revision ` +
      `${receipt.revision}${receipt.late ? ', submitted late under a permission granted by the Secretariat' : ''})`,
    `Received: ${receipt.receivedAtLocal} (${receipt.receivedAt} UTC)`,
  ];
  if (receipt.statement)
    lines.push(`Statement: ${receipt.statement.name}, ${receipt.statement.words} words, SHA-256 ${receipt.statement.sha256}`);
  if (receipt.coverLetter) lines.push(`Cover letter: ${receipt.coverLetter.name}, SHA-256 ${receipt.coverLetter.sha256}`);
  if (receipt.signatory) lines.push(`Signed by: ${receipt.signatory.name}, ${receipt.signatory.title}`);
  const entered = receipt.enteredBySecretariat;
  if (entered) {
    lines.push(`Entered by the Secretariat on the mission’s behalf: ${entered.note}`);
    if (entered.receivedBeforeDeadlineAtLocal)
      lines.push(
        `The Secretariat records that it received the statement on ${entered.receivedBeforeDeadlineAtLocal}, before the deadline.`,
      );
  }
  lines.push(
    '',
    `The receipt below is signed by Rostrum (key ${receipt.keyId}). Anyone can check it at ${settings.publicUrl}/receipts/verify, by ` +
      `pasting it there or choosing the receipt file downloaded from the statement page.`,
  );
  if (receipt.log) {
    lines.push(
      `It names its entry in Rostrum’s audit log, ${receipt.log.entry}: once the log has sealed it (within seconds), anyone can prove ` +
        `that the entry is in the log at ${settings.publicUrl}/audit/proof?entry=${receipt.log.entry}.`,
    );
  }
  lines.push('', receiptDocument(receipt, signature));
  return { to, subject: `Receipt ${receipt.reference}: ${what}`, text: lines.join('\n') };
}

/**
 * Writes the revision with its signed receipt, points the submission at it, mails the receipt and records the audit
 * entry. `onBehalf`: entered by a Secretariat officer (`by`) for the delegation, audited as such.
 */
export async function issue(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  settings: ReceiptSettings,
  o: {
    debate: DebateRecord;
    delegation: string;
    action: 'submit' | 'withdraw';
    now: Date;
    late: boolean;
    build: (r: Omit<Receipt, 'statement' | 'coverLetter' | 'signatory'>) => Receipt;
    columns: (revisionId: string) => Partial<RevisionRow>;
    onBehalf?: { receivedBeforeDeadlineAt: Date | null };
  },
): Promise<Issued> {
  const mission = await findMission(trx, o.delegation);
  const revisionId = randomUUID();
  const { submissionId, seq } = await nextRevision(
    trx,
    o.debate.id,
    o.delegation,
    revisionId,
    o.action === 'submit' ? 'submitted' : 'withdrawn',
    o.now,
  );
  const reference = newReference();
  // The audit entry is prepared first so the receipt can name it (its hash); it is appended last, after the revision.
  const actor = { id: by.actor.id, label: by.label };
  const subject = { type: 'statement', id: submissionId };
  const data = { mission: o.delegation, debate: o.debate.slug, reference, revision: seq, late: o.late };
  const entry: AuditEntry<AuditAction> = o.onBehalf
    ? {
        action: 'statement.submitted_on_behalf',
        actor,
        subject,
        data: { ...data, receivedBeforeDeadlineAt: o.onBehalf.receivedBeforeDeadlineAt?.toISOString() ?? null },
      }
    : { action: o.action === 'submit' ? 'statement.submitted' : 'statement.withdrawn', actor, subject, data };
  const audit = prepareAudit(clock, entry);
  const receipt = o.build({
    version: 2,
    reference,
    action: o.action,
    debate: { slug: o.debate.slug, theme: o.debate.theme },
    delegation: { code: o.delegation, name: mission?.mission_name ?? o.delegation },
    receivedAt: o.now.toISOString(),
    receivedAtLocal: when(o.now, o.debate.time_zone),
    revision: seq,
    late: o.late,
    keyId: settings.signing.keyId,
    log: { entry: audit.entryHash, checkpoint: await latestCheckpoint(trx) },
  });
  const signature = settings.signing.sign(receiptBytes(receipt));
  await trx
    .insertInto('statements.revisions')
    .values({
      id: revisionId,
      submission_id: submissionId,
      seq,
      action: o.action,
      statement_sha256: null,
      statement_name: null,
      cover_sha256: null,
      cover_type: null,
      cover_name: null,
      signatory_id: null,
      signatory_name: null,
      signatory_title: null,
      original_language: null,
      on_behalf_of: null,
      words: null,
      footnote_words: null,
      warnings: '[]',
      content: null,
      late: o.late,
      via: 'web',
      receipt_reference: reference,
      receipt: JSON.stringify(receipt),
      receipt_signature: signature,
      created_at: o.now,
      created_by: by.actor.id,
      ...(o.columns(revisionId) as object),
    })
    .execute();
  const focalPoints = (await activeFocalPoints(trx, [o.delegation])).get(o.delegation) ?? [];
  const submitter = await emailOf(trx, by.actor.id);
  const to = [...new Set([submitter, ...focalPoints.map((f) => f.email)].filter((e): e is string => typeof e === 'string'))];
  if (to.length > 0) await queueMail(trx, clock, receiptMail(to, receipt, signature, settings));
  await appendAudit(trx, audit);
  return { reference, revision: seq, receipt, signature };
}

/**
 * What a submission by the delegation itself needs decided at commit, once the debate is read under its share lock:
 * the signatory (one of the mission's, signing on that day) and the window (submit or modify, late grants counted).
 */
export async function submissionTerms(
  trx: Transaction,
  clock: Clock,
  { debate, delegation, window }: StatementTarget,
  signatoryId: string,
): Promise<{ signatory: { id: string; name: string; title: string }; now: Date; late: boolean }> {
  const signatory = UUID.test(signatoryId) ? await findSignatory(trx, delegation, signatoryId) : undefined;
  if (!signatory || signatory.mission !== delegation || !signsOn(signatory, isoDateIn(clock.now(), debate.time_zone))) {
    throw new AppError('statement.signatory_unknown', { detail: `signatory ${signatoryId} of ${delegation}` });
  }
  const existing = await trx
    .selectFrom('statements.submissions')
    .select('state')
    .where('debate_id', '=', debate.id)
    .where('delegation', '=', delegation)
    .executeTakeFirst();
  const { now, late } = decide(clock, window, delegation, existing?.state === 'submitted' ? 'modify' : 'submit');
  return { signatory: { id: signatory.id, name: signatory.name, title: signatory.title }, now, late };
}

/** Makes the person's draft the delegation's statement. `via` says whether it came from the pages or the API. */
export async function confirmSubmission(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  slug: string,
  settings: ReceiptSettings,
  via: 'web' | 'api' = 'web',
): Promise<Issued> {
  const target = await statementTarget(trx, by, slug, { lock: 'share' });
  const { debate, delegation } = target;
  const draft = await trx
    .selectFrom('statements.drafts')
    .selectAll()
    .where('debate_id', '=', debate.id)
    .where('account_id', '=', by.actor.id)
    .forUpdate()
    .executeTakeFirst();
  const choices = draft?.choices ?? {};
  if (!draft || !isComplete(draft) || !choices.signatoryId || !choices.originalLanguage) {
    throw new AppError('statement.incomplete', { detail: `draft of ${by.actor.id} for ${slug}` });
  }
  const terms = await submissionTerms(trx, clock, target, choices.signatoryId);
  await forgetDraft(trx, draft);
  return submitFiles(trx, clock, by, settings, { debate, delegation, files: draftFiles(draft), ...terms, via });
}

/** Withdraws the delegation's statement: a revision of its own, with a receipt, under the modification deadline. */
export async function withdrawStatement(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  slug: string,
  settings: ReceiptSettings,
): Promise<Issued> {
  const { debate, delegation, window } = await statementTarget(trx, by, slug, { lock: 'share' });
  const existing = await trx
    .selectFrom('statements.submissions')
    .select('state')
    .where('debate_id', '=', debate.id)
    .where('delegation', '=', delegation)
    .executeTakeFirst();
  if (existing?.state !== 'submitted') throw new AppError('statement.nothing_to_withdraw', { detail: `${delegation} for ${slug}` });
  const { now, late } = decide(clock, window, delegation, 'withdraw');
  return issue(trx, clock, by, settings, { debate, delegation, action: 'withdraw', now, late, build: (r) => r, columns: () => ({}) });
}

/** A draft with both files checked: what a submission is made of. */
export type CompleteDraft = DraftRow & {
  statement_sha256: string;
  cover_sha256: string;
  statement_check: StoredCheck & { content?: unknown };
  cover_check: StoredCheck;
};

export function isComplete(draft: DraftRow): draft is CompleteDraft {
  return !!draft.statement_sha256 && !!draft.cover_sha256 && !!draft.statement_check && !!draft.cover_check;
}

/** One file of a submission: what the checks found, and where the file and its clean copy are stored. */
export interface SubmittedFile {
  sha256: string;
  name: string | null;
  check: StoredCheck & { content?: unknown };
  /** The clean copy of a Word document; null for a PDF (and for a file checked before clean copies were made). */
  cleanSha256: string | null;
}

/** What a submission is made of: both files and the choices. */
export interface SubmittedFiles {
  statement: SubmittedFile;
  cover: SubmittedFile;
  choices: DraftChoices;
}

/** The files and choices of a complete draft. */
export function draftFiles(draft: CompleteDraft): SubmittedFiles {
  return {
    statement: {
      sha256: draft.statement_sha256,
      name: draft.statement_name,
      check: draft.statement_check,
      cleanSha256: draft.statement_clean_sha256,
    },
    cover: { sha256: draft.cover_sha256, name: draft.cover_name, check: draft.cover_check, cleanSha256: draft.cover_clean_sha256 },
    choices: draft.choices,
  };
}

/**
 * The draft becomes the statement (if anything after this fails, the transaction brings it back). Removed before the
 * revision is issued so that the audit entry, which serialises writers until commit, is the last write.
 */
export async function forgetDraft(trx: Transaction, draft: DraftRow): Promise<void> {
  await trx.deleteFrom('statements.drafts').where('id', '=', draft.id).execute();
}

/**
 * Makes the files the delegation's statement, once the caller has checked who acts, the signatory and the window: the
 * revision is written with the files' facts, its receipt (naming the files as received, by their hashes), the mail
 * and the audit entry.
 */
export async function submitFiles(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  settings: ReceiptSettings,
  o: {
    debate: DebateRecord;
    delegation: string;
    files: SubmittedFiles;
    signatory: { id: string | null; name: string; title: string };
    now: Date;
    late: boolean;
    via: RevisionRow['via'];
    /** More of the receipt and of the revision's columns, for a statement entered on the mission's behalf. */
    receipt?: Pick<Receipt, 'enteredBySecretariat'>;
    extra?: Partial<RevisionRow>;
    onBehalf?: { receivedBeforeDeadlineAt: Date | null };
  },
): Promise<Issued> {
  const { debate, delegation, now, late } = o;
  const { statement, cover, choices } = o.files;
  const cleaned = (file: SubmittedFile) => (file.cleanSha256 === null ? null : JSON.stringify(file.check.cleaned ?? null));
  return issue(trx, clock, by, settings, {
    debate,
    delegation,
    action: 'submit',
    now,
    late,
    build: (r) => ({
      ...r,
      ...o.receipt,
      statement: {
        name: statement.name ?? 'statement.docx',
        sha256: statement.sha256,
        size: statement.check.size,
        words: statement.check.words ?? 0,
      },
      coverLetter: { name: cover.name ?? 'cover-letter', sha256: cover.sha256, size: cover.check.size, type: cover.check.kind },
      signatory: { name: o.signatory.name, title: o.signatory.title },
    }),
    columns: () => ({
      statement_sha256: statement.sha256,
      statement_name: statement.name,
      statement_clean_sha256: statement.cleanSha256,
      statement_cleaned: cleaned(statement) as never,
      cover_sha256: cover.sha256,
      cover_type: cover.check.kind,
      cover_name: cover.name,
      cover_clean_sha256: cover.cleanSha256,
      cover_cleaned: cleaned(cover) as never,
      signatory_id: o.signatory.id,
      signatory_name: o.signatory.name,
      signatory_title: o.signatory.title,
      original_language: choices.originalLanguage ?? null,
      on_behalf_of: choices.onBehalfOf ?? null,
      group_members: choices.groupMembers ?? [],
      words: statement.check.words ?? 0,
      footnote_words: statement.check.footnoteWords ?? 0,
      warnings: JSON.stringify([...statement.check.warnings, ...cover.check.warnings]) as never,
      content: (statement.check.content === undefined ? null : JSON.stringify(statement.check.content)) as never,
      via: o.via,
      ...o.extra,
    }),
    ...(o.onBehalf ? { onBehalf: o.onBehalf } : {}),
  });
}
