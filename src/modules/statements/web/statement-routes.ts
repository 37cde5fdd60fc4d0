// The statement journey: the delegation's page, the upload (checked in a worker before anything is stored), the
// preview and the confirmation that issues the receipt. Thin handlers: the commands decide eligibility, the window and
// the signatory; a refused file is shown beside its field with what was typed kept.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, fillMessage, isAppError } from '../../../kernel/errors.js';
import { readMultipartForm } from '../../../web/multipart.js';
import { multipartLimits, params, type SlugParams } from '../../../web/route-kit.js';
import { signedIn } from '../../../web/session.js';
import { megabytes } from '../../../web/uploads.js';
import { findMission, listSignatories } from '../../delegations/index.js';
import { actingAs } from '../../identity/index.js';
import { confirmSubmission } from '../commands/submit-statement.js';
import type { StatementTarget } from '../commands/target.js';
import { uploadToDraft } from '../commands/upload-files.js';
import { findDraft, findSubmission } from '../db.js';
import { STATEMENTS_SUBMIT } from '../policies.js';
import { renderCouncilStatement } from './speaker-routes.js';
import { previewPage } from './statement-pages.js';
import { renderStatement, statementTargetOf, submitFailures, withinLimit, type StatementRoutesDeps } from './statement-form.js';

/**
 * The draft's error handler: a body refused before it was read (declared larger than the route takes) comes back to the
 * form as the draft has it, with the limit; anything else (and any answer to a program) goes to the error boundary.
 */
function tooLargeBackToForm(deps: StatementRoutesDeps) {
  return async function (this: FastifyInstance, error: Error, request: FastifyRequest, reply: FastifyReply) {
    if (!isAppError(error) || error.code !== 'http.payload_too_large' || (request.headers.accept ?? '').startsWith('application/json'))
      throw error;
    if (!request.raw.complete) reply.header('connection', 'close');
    const message = fillMessage(error.message, { limit: `${megabytes(deps.maxUploadBytes)} a file` });
    return renderStatement(deps, request, reply, await statementTargetOf(deps.db, request), { errors: { submit: message }, status: 413 });
  };
}

const submitting = { policy: STATEMENTS_SUBMIT } as const;

export async function statementRoutes(app: FastifyInstance, deps: StatementRoutesDeps): Promise<void> {
  // Fields and files are parsed before the handlers (the CSRF check reads the token from the body): the files are
  // held in memory, within the limits, and checked in the worker pool before anything is stored.
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: multipartLimits({ fileBytes: deps.maxUploadBytes, files: 2, fields: 12 }),
    // A file over the limit is cut there and marked, not an error: the form comes back with the catalogue's message
    // beside its field and everything else that was sent. Bodies past the route's declared limit are refused before
    // they are read (web/uploads.ts).
    throwFileSizeLimit: false,
  });
  const target = (request: FastifyRequest) => statementTargetOf(deps.db, request);

  app.get<{ Params: SlugParams }>(
    '/debates/:slug/statement',
    { config: submitting, schema: { params: params.slug } },
    async (request, reply) => {
      let found: StatementTarget;
      try {
        found = await target(request);
      } catch (err) {
        // A Council member's delegation does not submit a written statement: its page takes its Council statement.
        if (isAppError(err) && err.code === 'statement.not_eligible') return renderCouncilStatement(deps, request, reply);
        throw err;
      }
      return renderStatement(deps, request, reply, found);
    },
  );

  // The upload: both files (or one, to replace it in the draft) and the choices. Files are checked in the worker pool
  // before the transaction; only accepted ones are stored.
  // A file over the limit comes back to the form with the catalogue's message and what was typed; a body refused
  // before it was read (declared larger than the route takes) comes back to the form as the draft has it.
  app.post<{ Params: SlugParams }>(
    '/debates/:slug/statement/draft',
    // Fastify awaits a route's error handler when it returns a promise, though its type says void.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    { config: { ...submitting, upload: { files: 2 } }, schema: { params: params.slug }, errorHandler: tooLargeBackToForm(deps) },
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
        return renderStatement(deps, request, reply, aimed, { values, errors, status: Object.keys(tooLarge).length > 0 ? 413 : 400 });
      return reply.redirect(`/debates/${debate.slug}/statement/preview`, 303);
    },
  );

  app.get<{ Params: SlugParams }>(
    '/debates/:slug/statement/preview',
    { config: submitting, schema: { params: params.slug } },
    async (request, reply) => {
      const { debate, delegation } = await target(request);
      const actor = signedIn(request);
      const draft = await findDraft(deps.db, debate.id, actor.id);
      if (!draft?.statement_sha256 || !draft.cover_sha256) return reply.redirect(`/debates/${debate.slug}/statement#submit`, 303);
      const signatory = (await listSignatories(deps.db, delegation)).find((s) => s.id === draft.choices.signatoryId);
      const mission = await findMission(deps.db, delegation);
      return reply.html(
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

  app.post<{ Params: SlugParams }>(
    '/debates/:slug/statement/confirm',
    { config: submitting, schema: { params: params.slug } },
    async (request, reply) => {
      // The command checks the debate and the delegation itself, inside its transaction; they are read here again
      // only to answer a refusal.
      const { slug } = request.params;
      const settings = { signing: deps.signing, publicUrl: deps.publicUrl };
      try {
        const issued = await request.command((trx, by) => confirmSubmission(trx, deps.clock, by, slug, settings));
        return reply.redirect(`/debates/${slug}/statement/receipts/${issued.reference}?done=received`, 303);
      } catch (err) {
        if (!isAppError(err) || !submitFailures.includes(err.code)) throw err;
        const aimed = await target(request);
        // A confirmation sent again after its answer was lost: the draft became the statement, so show that.
        if (err.code === 'statement.incomplete' && !(await findDraft(deps.db, aimed.debate.id, signedIn(request).id))) {
          const submission = await findSubmission(deps.db, aimed.debate.id, aimed.delegation);
          if (submission?.state === 'submitted') return reply.redirect(`/debates/${slug}/statement?done=already#history`, 303);
        }
        return renderStatement(deps, request, reply, aimed, { errors: { submit: err.message }, status: err.status });
      }
    },
  );
}
