// The statement journey: the delegation's page, the upload (checked in a worker before anything is stored), the
// preview, confirmation with its receipt, withdrawal (asked first), receipts; the public receipt check beside it. Thin handlers: the
// commands decide eligibility, the window and the signatory; a refused file is shown beside its field with what
// was typed kept.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { AppError, errorCatalogue, fillMessage, isAppError } from '../../../kernel/errors.js';
import { safeFileName } from '../../../kernel/file-names.js';
import type { SigningKey } from '../../../kernel/secrets.js';
import { noticeFor, type FieldErrors } from '../../../web/forms.js';
import { findMission, listSignatories, signsOn } from '../../delegations/index.js';
import type { Acting } from '../../../kernel/authz.js';
import { actingAs } from '../../identity/index.js';
import { submissionDecision } from '../../meetings/index.js';
import { uploadToDraft } from '../commands/upload-files.js';
import { statementTarget, type StatementTarget } from '../commands/target.js';
import { confirmSubmission, withdrawStatement, type ReceiptSettings } from '../commands/submit-statement.js';
import {
  findDraft,
  findRevisionByReference,
  findSubmission,
  latestReview,
  revisionsOf,
  type DraftChoices,
  type RevisionRow,
} from '../db.js';
import { receiptDocument, REFERENCE } from '../domain/receipt.js';
import { receiptCheckRoutes } from './receipt-check-routes.js';
import { STATEMENTS_SUBMIT } from '../policies.js';
import { previewPage, receiptPage, statementPage, withdrawal } from './statement-pages.js';
import { renderCouncilStatement } from './speaker-routes.js';
import { signedIn } from '../../../web/session.js';
import { readMultipartForm, type FormFile } from '../../../web/multipart.js';
import { megabytes } from '../../../web/uploads.js';
import { confirmationPage, isConfirmed } from '../../../web/confirm.js';
import { sendHtml } from '../../../web/reply.js';

/** A statement or cover letter is a few pages: 10 MB by default (UPLOAD_MAX_MB). */
export interface StatementRoutesDeps {
  db: Database;
  clock: Clock;
  signing: SigningKey;
  publicUrl: string;
  maxUploadBytes: number;
}

const notices = {
  withdrawn: 'The statement was withdrawn. The receipt below records it.',
  received: 'Your statement was received. Keep this receipt.',
  already: 'There was nothing left to confirm: your delegation’s statement had already been received. Its receipt is below.',
} as const;

const slugParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 120 } }, required: ['slug'] } as const;
const receiptParams = {
  type: 'object',
  properties: { slug: { type: 'string', maxLength: 120 }, reference: { type: 'string', maxLength: 30 } },
  required: ['slug', 'reference'],
} as const;

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

export async function statementRoutes(app: FastifyInstance, deps: StatementRoutesDeps): Promise<void> {
  // Each part reads multipart forms within limits of its own: a statement's files, or a receipt.
  await app.register(delegationStatementRoutes, deps);
  await app.register(receiptCheckRoutes, deps);
}

async function delegationStatementRoutes(app: FastifyInstance, deps: StatementRoutesDeps): Promise<void> {
  // Fields and files are parsed before the handlers (the CSRF check reads the token from the body): the files are
  // held in memory, within the limits, and checked in the worker pool before anything is stored.
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: deps.maxUploadBytes, files: 2, fields: 12, parts: 14, fieldSize: 16 * 1024 },
    // A file over the limit is cut there and marked, not an error: the form comes back with the catalogue's message
    // beside its field and everything else that was sent. Bodies past the route's declared limit are refused before
    // they are read (web/uploads.ts).
    throwFileSizeLimit: false,
  });
  const settings: ReceiptSettings = { signing: deps.signing, publicUrl: deps.publicUrl };

  async function run<T>(request: FastifyRequest, work: (trx: Transaction, by: Acting) => Promise<T>): Promise<T> {
    const actor = signedIn(request);
    return deps.db.transaction().execute(async (trx) => work(trx, await actingAs(trx, actor)));
  }

  /** The debate and the actor's delegation, checked as the commands check them (eligible, with access). */
  async function target(request: FastifyRequest<{ Params: { slug: string } }>) {
    return statementTarget(deps.db, await actingAs(deps.db, signedIn(request)), request.params.slug);
  }

  async function renderStatement(
    request: FastifyRequest<{ Params: { slug: string } }>,
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
    return sendHtml(
      reply,
      statementPage({
        actor,
        debate,
        missionName: mission?.mission_name ?? delegation,
        csrf: reply.csrfToken(),
        notice: noticeFor((request.query as { done?: unknown }).done, notices),
        decision: submissionDecision(window, delegation, now, { action }),
        ...(submission ? { submission } : {}),
        revisions,
        ...(await reviewOf(submission)),
        ...(draft ? { draft } : {}),
        signatories: signatories.filter((s) => signsOn(s, today)).map((s) => ({ value: s.id, label: `${s.name}, ${s.title}` })),
        values,
        errors: o.errors ?? {},
        maxUploadBytes: deps.maxUploadBytes,
      }),
      o.status,
    );
  }

  async function reviewOf(submission: { current_revision: string; state: string } | undefined) {
    if (!submission || submission.state !== 'submitted') return {};
    const review = await latestReview(deps.db, submission.current_revision);
    return review ? { review: { decision: review.decision, reason: review.reason } } : {};
  }

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug/statement',
    { config: { policy: STATEMENTS_SUBMIT }, schema: { params: slugParams } },
    async (request, reply) => {
      let found: StatementTarget;
      try {
        found = await target(request);
      } catch (err) {
        // A Council member's delegation does not submit a written statement: its page takes its Council statement.
        if (isAppError(err) && err.code === 'statement.not_eligible') return renderCouncilStatement(deps, request, reply);
        throw err;
      }
      return renderStatement(request, reply, found);
    },
  );

  // The upload: both files (or one, to replace it in the draft) and the choices. Files are checked in the worker pool
  // before the transaction; only accepted ones are stored.
  // A file over the limit comes back to the form with the catalogue's message and what was typed; a body refused
  // before it was read (declared larger than the route takes) comes back to the form as the draft has it.
  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/statement/draft',
    // Fastify awaits a route's error handler when it returns a promise, though its type says void.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    { config: { policy: STATEMENTS_SUBMIT, upload: { files: 2 } }, schema: { params: slugParams }, errorHandler: tooLargeBackToForm },
    async (request, reply) => {
      const aimed = await target(request);
      const { debate } = aimed;
      if (!request.isMultipart()) throw new AppError('http.bad_request', { detail: 'the statement form is sent as multipart/form-data' });
      const { values, files } = await readMultipartForm(request, ['statement', 'cover']);
      const { whole, tooLarge } = withinLimit(files, deps.maxUploadBytes);
      const { errors } = await uploadToDraft(
        deps.db,
        deps.clock,
        await actingAs(deps.db, signedIn(request)),
        debate.slug,
        {
          ...whole,
          choices: {
            signatoryId: values.signatoryId,
            originalLanguage: values.originalLanguage,
            onBehalfOf: values.onBehalfOf,
            groupMembers: values.groupMembers,
          },
        },
        { maxBytes: deps.maxUploadBytes, target: aimed, keepCover: true },
      );
      Object.assign(errors, tooLarge);
      if (Object.keys(errors).length > 0)
        return renderStatement(request, reply, aimed, { values, errors, status: Object.keys(tooLarge).length > 0 ? 413 : 400 });
      return reply.redirect(`/debates/${debate.slug}/statement/preview`, 303);
    },
  );

  async function tooLargeBackToForm(this: FastifyInstance, error: Error, request: FastifyRequest, reply: FastifyReply) {
    if (!isAppError(error) || error.code !== 'http.payload_too_large' || (request.headers.accept ?? '').startsWith('application/json'))
      throw error;
    if (!request.raw.complete) reply.header('connection', 'close');
    const message = fillMessage(error.message, { limit: `${megabytes(deps.maxUploadBytes)} a file` });
    return renderStatement(
      request as FastifyRequest<{ Params: { slug: string } }>,
      reply,
      await target(request as FastifyRequest<{ Params: { slug: string } }>),
      { errors: { submit: message }, status: 413 },
    );
  }

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug/statement/preview',
    { config: { policy: STATEMENTS_SUBMIT }, schema: { params: slugParams } },
    async (request, reply) => {
      const { debate, delegation } = await target(request);
      const actor = signedIn(request);
      const draft = await findDraft(deps.db, debate.id, actor.id);
      if (!draft?.statement_sha256 || !draft.cover_sha256) return reply.redirect(`/debates/${debate.slug}/statement#submit`, 303);
      const signatory = (await listSignatories(deps.db, delegation)).find((s) => s.id === draft.choices.signatoryId);
      const mission = await findMission(deps.db, delegation);
      return sendHtml(
        reply,
        previewPage({
          actor,
          debate,
          csrf: reply.csrfToken(),
          draft,
          signatory: signatory ? `${signatory.name}, ${signatory.title}` : '',
          missionName: mission?.mission_name ?? delegation,
        }),
      );
    },
  );

  const failures = [
    'statement.closed',
    'statement.not_yet_open',
    'statement.incomplete',
    'statement.signatory_unknown',
    'statement.nothing_to_withdraw',
  ];

  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/statement/confirm',
    { config: { policy: STATEMENTS_SUBMIT }, schema: { params: slugParams } },
    async (request, reply) => {
      // The command checks the debate and the delegation itself, inside its transaction; they are read here again
      // only to answer a refusal.
      const { slug } = request.params;
      try {
        const issued = await run(request, (trx, by) => confirmSubmission(trx, deps.clock, by, slug, settings));
        return reply.redirect(`/debates/${slug}/statement/receipts/${issued.reference}?done=received`, 303);
      } catch (err) {
        if (!isAppError(err) || !failures.includes(err.code)) throw err;
        const aimed = await target(request);
        // A confirmation sent again after its answer was lost: the draft became the statement, so show that.
        if (err.code === 'statement.incomplete' && !(await findDraft(deps.db, aimed.debate.id, signedIn(request).id))) {
          const submission = await findSubmission(deps.db, aimed.debate.id, aimed.delegation);
          if (submission?.state === 'submitted') return reply.redirect(`/debates/${slug}/statement?done=already#history`, 303);
        }
        return renderStatement(request, reply, aimed, { errors: { submit: err.message }, status: err.status });
      }
    },
  );

  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/statement/withdraw',
    { config: { policy: STATEMENTS_SUBMIT }, schema: { params: slugParams } },
    async (request, reply) => {
      const { slug } = request.params;
      // Asked first: a post without the confirmation (no scripts, a double click, a replayed request) withdraws nothing.
      if (!isConfirmed(request.body)) {
        await target(request);
        return sendHtml(
          reply,
          confirmationPage({
            ...withdrawal(slug),
            actor: request.actor,
            csrf: reply.csrfToken(),
            cancelHref: `/debates/${slug}/statement#withdraw`,
          }),
        );
      }
      try {
        const issued = await run(request, (trx, by) => withdrawStatement(trx, deps.clock, by, slug, settings));
        return reply.redirect(`/debates/${slug}/statement/receipts/${issued.reference}?done=withdrawn`, 303);
      } catch (err) {
        if (!isAppError(err) || !failures.includes(err.code)) throw err;
        return renderStatement(request, reply, await target(request), { errors: { submit: err.message }, status: err.status });
      }
    },
  );

  /** The revision of a receipt, if it is the actor's delegation's for this debate. */
  async function ownRevision(request: FastifyRequest<{ Params: { slug: string; reference: string } }>) {
    const { debate, delegation } = await target(request);
    const reference = request.params.reference.replace(/\.json$/, '');
    const revision = REFERENCE.test(reference) ? await findRevisionByReference(deps.db, reference) : undefined;
    const submission = revision
      ? await deps.db
          .selectFrom('statements.submissions')
          .select(['debate_id', 'delegation'])
          .where('id', '=', revision.submission_id)
          .executeTakeFirst()
      : undefined;
    if (!revision || submission?.debate_id !== debate.id || submission.delegation !== delegation) throw new AppError('http.not_found');
    return { debate, revision };
  }

  app.get<{ Params: { slug: string; reference: string } }>(
    '/debates/:slug/statement/receipts/:reference',
    { config: { policy: STATEMENTS_SUBMIT }, schema: { params: receiptParams } },
    async (request, reply) => {
      const { debate, revision } = await ownRevision(request);
      if (request.params.reference.endsWith('.json')) {
        return reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="receipt-${revision.receipt_reference}.json"`)
          .send(receiptDocument(revision.receipt, revision.receipt_signature));
      }
      return sendHtml(
        reply,
        receiptPage(request.actor, debate, revision, revision.receipt, noticeFor((request.query as { done?: unknown }).done, notices)),
      );
    },
  );
}
