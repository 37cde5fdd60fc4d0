// What the statement journey's pages share: the debate and delegation a delegate's statement is for, the delegation's
// statement page (the form, its draft and what was received), the notices its redirects ask for, and the files cut at
// the size limit.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database } from '../../../kernel/db/database.js';
import { errorCatalogue, fillMessage } from '../../../kernel/errors.js';
import { safeFileName } from '../../../kernel/file-names.js';
import type { SigningKey } from '../../../kernel/secrets.js';
import type { FieldErrors } from '../../../web/forms.js';
import type { FormFile } from '../../../web/multipart.js';
import { noticeOf, type SlugParams } from '../../../web/route-kit.js';
import { signedIn } from '../../../web/session.js';
import { megabytes } from '../../../web/uploads.js';
import { findMission, listSignatories, signsOn } from '../../delegations/index.js';
import { actingAs } from '../../identity/index.js';
import { submissionDecision } from '../../meetings/index.js';
import { statementTarget, type StatementTarget } from '../commands/target.js';
import { findDraft, findSubmission, latestReview, revisionsOf, type DraftChoices, type RevisionRow } from '../db.js';
import { statementPage } from './statement-pages.js';

/** A statement or cover letter is a few pages: 10 MB by default (UPLOAD_MAX_MB). */
export interface StatementRoutesDeps {
  db: Database;
  clock: Clock;
  signing: SigningKey;
  publicUrl: string;
  maxUploadBytes: number;
}

export const notices = {
  withdrawn: 'The statement was withdrawn. The receipt below records it.',
  received: 'Your statement was received. Keep this receipt.',
  already: 'There was nothing left to confirm: your delegation’s statement had already been received. Its receipt is below.',
} as const;

/** The refusals of a confirmation or a withdrawal that the statement page shows above its buttons. */
export const submitFailures = [
  'statement.closed',
  'statement.not_yet_open',
  'statement.incomplete',
  'statement.signatory_unknown',
  'statement.nothing_to_withdraw',
];

/** Files cut at the size limit are set aside, with the catalogue's message beside their field; the others go on to the checks. */
export function withinLimit(
  files: Partial<Record<'statement' | 'cover', FormFile>>,
  maxBytes: number,
): { whole: { statement?: FormFile; cover?: FormFile }; tooLarge: FieldErrors } {
  const whole: { statement?: FormFile; cover?: FormFile } = {};
  const tooLarge: FieldErrors = {};
  for (const field of ['statement', 'cover'] as const) {
    const file = files[field];
    if (!file) continue;
    if (file.truncated)
      tooLarge[field] = fillMessage(errorCatalogue['upload.file_too_large'].message, {
        name: safeFileName(file.name),
        limit: megabytes(maxBytes),
      });
    else whole[field] = file;
  }
  return { whole, tooLarge };
}

/** The choices a statement received was made with, as a new version's form starts from them. */
function choicesOf(revision: RevisionRow): DraftChoices {
  return {
    ...(revision.signatory_id ? { signatoryId: revision.signatory_id } : {}),
    ...(revision.original_language ? { originalLanguage: revision.original_language } : {}),
    ...(revision.on_behalf_of ? { onBehalfOf: revision.on_behalf_of } : {}),
    groupMembers: revision.group_members,
  };
}

/** The debate and the actor's delegation, checked as the commands check them (eligible, with access). */
export async function statementTargetOf(db: Database, request: FastifyRequest): Promise<StatementTarget> {
  return statementTarget(db, await actingAs(db, signedIn(request)), (request.params as SlugParams).slug);
}

async function reviewOf(db: Database, submission: { current_revision: string; state: string } | undefined) {
  if (!submission || submission.state !== 'submitted') return {};
  const review = await latestReview(db, submission.current_revision);
  return review ? { review: { decision: review.decision, reason: review.reason } } : {};
}

/** The delegation's statement page: the form (with what was typed, or the draft, or the statement received) and its history. */
export async function renderStatement(
  deps: Pick<StatementRoutesDeps, 'db' | 'clock' | 'maxUploadBytes'>,
  request: FastifyRequest,
  reply: FastifyReply,
  { debate, delegation, window }: StatementTarget,
  o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
) {
  const actor = signedIn(request);
  const now = deps.clock.now();
  // Independent reads: on a server pool they run side by side.
  const [mission, submission, draft, signatories] = await Promise.all([
    findMission(deps.db, delegation),
    findSubmission(deps.db, debate.id, delegation),
    findDraft(deps.db, debate.id, actor.id),
    listSignatories(deps.db, delegation),
  ]);
  const action = submission?.state === 'submitted' ? 'modify' : 'submit';
  const today = isoDateIn(now, debate.time_zone);
  const revisions = submission ? await revisionsOf(deps.db, submission.id) : [];
  // A new version starts from the draft, or else from the statement received: the delegate changes only what changed.
  const current = submission?.state === 'submitted' ? revisions.find((r) => r.id === submission.current_revision) : undefined;
  const choices = draft?.choices ?? (current ? choicesOf(current) : {});
  const values = o.values ?? {
    signatoryId: choices.signatoryId ?? '',
    originalLanguage: choices.originalLanguage ?? '',
    onBehalfOf: choices.onBehalfOf ?? '',
    groupMembers: (choices.groupMembers ?? []).join('\n'),
  };
  return reply.html(
    statementPage({
      actor,
      debate,
      missionName: mission?.mission_name ?? delegation,
      csrf: reply.csrfToken(),
      notice: noticeOf(request, notices),
      decision: submissionDecision(window, delegation, now, { action }),
      ...(submission ? { submission } : {}),
      revisions,
      ...(await reviewOf(deps.db, submission)),
      ...(draft ? { draft } : {}),
      signatories: signatories.filter((s) => signsOn(s, today)).map((s) => ({ value: s.id, label: `${s.name}, ${s.title}` })),
      values,
      errors: o.errors ?? {},
      maxUploadBytes: deps.maxUploadBytes,
    }),
    o.status,
  );
}
