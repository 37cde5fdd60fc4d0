// The first half of a submission, shared by the pages and the API: the files are checked (in the worker pool,
// outside any transaction), the accepted ones and the choices are kept in the person's draft, and what is still
// wrong or missing comes back by field. A refused file never reaches the store; an accepted one is kept even when
// the other was refused, so the delegate fixes only what was wrong.
import { z } from 'zod';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { errorCatalogue } from '../../../kernel/errors.js';
import type { FieldErrors } from '../../../web/forms.js';
import { listSignatories } from '../../delegations/index.js';
import { OFFICIAL_LANGUAGES } from '../../../kernel/i18n/languages.js';
import type { Acting } from '../../../kernel/authz.js';
import { inspectInWorker, type InspectionResult } from '../../uploads/index.js';
import { findDraft, findRevision, findSubmission, type DraftChoices, type DraftRow, type StoredCheck } from '../db.js';
import { saveDraft, type AcceptedFile, type KeptFile } from './save-draft.js';
import { statementTarget, type StatementTarget } from './target.js';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** The choices as typed: strings from a form or a program. */
export interface RawChoices {
  signatoryId?: string;
  originalLanguage?: string;
  onBehalfOf?: string;
  /** One member a line (a form's text area), or a list. */
  groupMembers?: string | string[];
}

const choicesSchema = z.object({
  signatoryId: z.uuid('Choose who signed the cover letter.').optional(),
  originalLanguage: z.enum(OFFICIAL_LANGUAGES, 'Choose the language the statement was written in.').optional(),
  onBehalfOf: z
    .string()
    .trim()
    .min(2, 'Name the group in at least 2 characters, or leave it empty.')
    .max(300, 'Name the group in at most 300 characters.')
    .optional(),
  groupMembers: z
    .array(z.string().trim().min(2, 'Write each member’s name in full.').max(200))
    .max(200, 'List at most 200 members.')
    .optional(),
});

/** The first paragraphs of a document model's text, for the preview. */
export function previewOf(content: unknown, limit = 8): string[] {
  const out: string[] = [];
  const text = (inlines: unknown): string =>
    Array.isArray(inlines)
      ? inlines
          .map((i: { kind?: string; text?: string; children?: unknown }) =>
            i.kind === 'text' ? (i.text ?? '') : i.kind === 'link' ? text(i.children) : i.kind === 'break' ? ' ' : '',
          )
          .join('')
      : '';
  const walk = (blocks: unknown) => {
    if (!Array.isArray(blocks)) return;
    for (const b of blocks as Array<{ kind?: string; inlines?: unknown; rows?: Array<{ cells: Array<{ blocks: unknown }> }> }>) {
      if (out.length >= limit) return;
      if (b.kind === 'paragraph') {
        const t = text(b.inlines).replace(/\s+/g, ' ').trim();
        if (t) out.push(t.length > 600 ? `${t.slice(0, 600)}…` : t);
      } else if (b.kind === 'table') {
        for (const row of b.rows ?? []) for (const cell of row.cells) walk(cell.blocks);
      }
    }
  };
  walk((content as { blocks?: unknown } | undefined)?.blocks);
  return out;
}

/** An accepted (or warned) file as the draft keeps it; a refusal becomes the message shown beside the field. */
export function acceptedFile(
  name: string,
  bytes: Uint8Array,
  result: InspectionResult,
): AcceptedFile | { refused: { code: string; message: string } } {
  if (result.outcome === 'reject' || !result.kind) {
    return {
      refused: result.error
        ? { code: result.error.code, message: result.error.message }
        : { code: 'upload.damaged', message: errorCatalogue['upload.damaged'].message },
    };
  }
  const check: StoredCheck & { content?: unknown } = {
    outcome: result.outcome,
    size: result.size,
    kind: result.kind,
    warnings: result.warnings,
    ...(result.words !== undefined ? { words: result.words } : {}),
    ...(result.footnoteWords !== undefined ? { footnoteWords: result.footnoteWords } : {}),
    ...(result.content !== undefined ? { content: result.content, preview: previewOf(result.content) } : {}),
    ...(result.clean ? { cleaned: result.clean.removed } : {}),
  };
  const mediaType = result.kind === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return {
    name,
    bytes,
    mediaType,
    check,
    ...(result.images && result.images.length > 0 ? { images: result.images } : {}),
    ...(result.clean ? { clean: { bytes: result.clean.bytes } } : {}),
  };
}

/** The choices read and checked; what is wrong comes back by field. */
export function parseChoices(raw: RawChoices): { choices: DraftChoices; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const members = raw.groupMembers;
  const parsed = choicesSchema.safeParse({
    signatoryId: raw.signatoryId || undefined,
    originalLanguage: raw.originalLanguage || undefined,
    onBehalfOf: raw.onBehalfOf?.trim() || undefined,
    groupMembers: (Array.isArray(members) ? members : (members ?? '').split('\n')).map((l) => l.trim()).filter(Boolean),
  });
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { choices: parsed.success ? parsed.data : {}, errors };
}

/**
 * Checks the files given (in the worker pool, before any transaction): the statement against the debate's guidance,
 * the cover letter against the mission's signatories. A refusal is written in `errors` beside its field.
 */
export async function checkFiles(
  db: Database,
  target: StatementTarget,
  files: { statement?: UploadedFile | undefined; cover?: UploadedFile | undefined },
  maxBytes: number,
  errors: FieldErrors,
): Promise<{ accepted: { statement?: AcceptedFile; cover?: AcceptedFile }; refusals: UploadOutcome['refusals'] }> {
  const signatoryNames = (await listSignatories(db, target.delegation)).map((s) => s.name);
  const accepted: { statement?: AcceptedFile; cover?: AcceptedFile } = {};
  const refusals: UploadOutcome['refusals'] = {};
  for (const [field, kind] of [
    ['statement', 'statement'],
    ['cover', 'cover-letter'],
  ] as const) {
    const file = files[field];
    if (!file || file.bytes.byteLength === 0) continue;
    const result = await inspectInWorker(
      kind,
      file.bytes,
      kind === 'statement' ? { maxBytes, wordGuidance: target.debate.word_guidance } : { maxBytes, signatories: signatoryNames },
    );
    const outcome = acceptedFile(file.name, file.bytes, result);
    if ('refused' in outcome) {
      errors[field] = outcome.refused.message;
      refusals[field] = outcome.refused.code;
    } else {
      accepted[field] = outcome;
    }
  }
  return { accepted, refusals };
}

/** What a complete submission still lacks, by field, beside what is already wrong. */
export function missingFields(errors: FieldErrors, has: { statement: boolean; cover: boolean }, choices: DraftChoices): void {
  if (!has.statement && !errors.statement) errors.statement = 'Choose the statement file (.docx).';
  if (!has.cover && !errors.cover) errors.cover = 'Choose the signed cover letter (.docx or .pdf).';
  if (!choices.signatoryId && !errors.signatoryId) errors.signatoryId = 'Choose who signed the cover letter.';
  if (!choices.originalLanguage && !errors.originalLanguage) errors.originalLanguage = 'Choose the language the statement was written in.';
}

/**
 * The cover letter a new version keeps when it brings none: the current version's, for a statement received, unless
 * the person's draft already has one. It was checked when received; its cover-letter notes stay with it.
 */
export async function coverToKeep(db: Database, { debate, delegation }: StatementTarget, by: Acting): Promise<KeptFile | undefined> {
  const draft = await findDraft(db, debate.id, by.actor.id);
  if (draft?.cover_sha256) return undefined;
  const submission = await findSubmission(db, debate.id, delegation);
  const current = submission?.state === 'submitted' ? await findRevision(db, submission.current_revision) : undefined;
  if (!current?.cover_sha256 || !current.cover_type) return undefined;
  const warnings = current.warnings.filter((w) => w.code.startsWith('cover.'));
  return {
    sha256: current.cover_sha256,
    cleanSha256: current.cover_clean_sha256,
    name: current.cover_name,
    check: {
      outcome: warnings.length > 0 ? 'warn' : 'accept',
      size: current.receipt.coverLetter?.size ?? 0,
      kind: current.cover_type,
      warnings,
      ...(current.cover_cleaned ? { cleaned: current.cover_cleaned } : {}),
    },
  };
}

export interface UploadOutcome {
  /** What is wrong or missing, by field (statement, cover, signatoryId, originalLanguage, onBehalfOf, groupMembers). */
  errors: FieldErrors;
  /** The error code of each refused file, by field. */
  refusals: Partial<Record<'statement' | 'cover', string>>;
  draft: DraftRow | undefined;
}

export async function uploadToDraft(
  db: Database,
  clock: Clock,
  by: Acting,
  slug: string,
  upload: { statement?: UploadedFile; cover?: UploadedFile; choices: RawChoices },
  /** `keepCover`: a new version of a statement received keeps its cover letter when it brings none (the delegation's own form). */
  options: { maxBytes: number; target?: StatementTarget; keepCover?: boolean },
): Promise<UploadOutcome> {
  const target = options.target ?? (await statementTarget(db, by, slug));
  const { choices, errors } = parseChoices(upload.choices);
  const { accepted, refusals } = await checkFiles(db, target, upload, options.maxBytes, errors);
  const keptCover = accepted.cover || !options.keepCover ? undefined : await coverToKeep(db, target, by);
  const { draft } = await db
    .transaction()
    .execute((trx) =>
      saveDraft(trx, clock, by, { slug: target.debate.slug, ...accepted, ...(keptCover ? { keptCover } : {}), choices }, target),
    );
  missingFields(errors, { statement: !!draft?.statement_sha256, cover: !!draft?.cover_sha256 }, choices);
  return { errors, refusals, draft };
}
