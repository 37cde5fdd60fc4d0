// The delegation's written statement through the API, for missions' own systems: read its state and history,
// submit (statement and cover letter in one multipart request, checked exactly as on the pages and submitted in one
// step, without the person's web draft), withdraw. Receipts are the signed receipts the pages give. Only for staff with the statements module, for their
// own mission, with the statements:* scopes.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountActor } from '../kernel/authz.js';
import type { Clock } from '../kernel/clock.js';
import type { Database } from '../kernel/db/database.js';
import { AppError, isAppError } from '../kernel/errors.js';
import type { SigningKey } from '../kernel/secrets.js';
import { actingAs } from '../modules/identity/index.js';
import {
  findSubmission,
  revisionsOf,
  statementTarget,
  submitStatement,
  withdrawStatement,
  type Issued,
} from '../modules/statements/index.js';
import { readMultipartForm } from '../web/multipart.js';
import { apiPolicies } from './policies.js';
import { receiptAnswer, refusal, slugParams, stateAnswer, submissionForm } from './statements.schema.js';
import { errorResponses } from './schemas.js';

export interface StatementsApiDeps {
  db: Database;
  clock: Clock;
  signing: SigningKey;
  publicUrl: string;
  maxUploadBytes: number;
}

function signedIn(request: FastifyRequest): AccountActor {
  if (request.actor.kind !== 'account') throw new AppError('auth.unauthenticated');
  return request.actor;
}

function answer(issued: Issued) {
  return { reference: issued.reference, revision: issued.revision, receipt: issued.receipt, signature: issued.signature };
}

const WINDOW_CODES = new Set([
  'statement.closed',
  'statement.not_yet_open',
  'statement.signatory_unknown',
  'statement.incomplete',
  'statement.nothing_to_withdraw',
]);

export async function statementsApiRoutes(app: FastifyInstance, deps: StatementsApiDeps): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: deps.maxUploadBytes, files: 2, fields: 12, parts: 14, fieldSize: 16 * 1024 },
  });
  const settings = { signing: deps.signing, publicUrl: deps.publicUrl };

  function refused(
    reply: FastifyReply,
    status: number,
    code: string,
    message: string,
    fields: Record<string, { code?: string; message: string }> = {},
  ) {
    return reply.status(status).send({ error: { code, message, fields } });
  }

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug/statement',
    {
      exposeHeadRoute: false,
      config: { ...apiPolicies.statementsRead },
      schema: {
        operationId: 'getStatement',
        summary: 'Your delegation’s statement to a debate',
        description: 'Its state and every version received, with their receipts’ references.',
        tags: ['Statements'],
        params: slugParams,
        response: { 200: stateAnswer, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const by = await actingAs(deps.db, signedIn(request));
      const { debate, delegation } = await statementTarget(deps.db, by, request.params.slug);
      const submission = await findSubmission(deps.db, debate.id, delegation);
      const revisions = submission ? await revisionsOf(deps.db, submission.id) : [];
      return {
        debate: debate.slug,
        delegation,
        state: submission?.state ?? 'none',
        revisions: revisions.map((r) => ({
          revision: r.seq,
          action: r.action,
          reference: r.receipt_reference,
          receivedAt: r.created_at.toISOString(),
          late: r.late,
          statementSha256: r.statement_sha256,
          words: r.words,
        })),
      };
    },
  );

  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/statement',
    {
      config: {
        ...apiPolicies.statementsWrite,
        upload: { files: 2 },
        multipartBody: submissionForm,
      },
      schema: {
        operationId: 'submitStatement',
        summary: 'Submit or replace your delegation’s statement',
        description:
          'Checks both files as the pages do (type from the content, size, hostile archives, active content in a PDF; warnings for length, tracked changes, comments, an unnamed signatory), then submits before the deadline, decided by the server’s clock at commit. The request is complete in itself: both files and signatoryId and originalLanguage are required, and a draft started on the pages is neither used nor changed. A later submission replaces the current one; every version is kept. The receipt names the files as received, by their SHA-256; what Rostrum hands out of a Word file is its clean copy, without links to outside content, personal properties and comments.',
        tags: ['Statements'],
        params: slugParams,
        response: { 201: receiptAnswer, 400: refusal, 409: refusal, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const by = await actingAs(deps.db, signedIn(request));
      if (!request.isMultipart())
        return refused(
          reply,
          400,
          'http.bad_request',
          'Send the statement as multipart/form-data, with the fields described in the API document.',
        );
      const { values, files } = await readMultipartForm(request, ['statement', 'cover'] as const);
      try {
        const outcome = await submitStatement(
          deps.db,
          deps.clock,
          by,
          request.params.slug,
          {
            ...files,
            choices: {
              signatoryId: values.signatoryId,
              originalLanguage: values.originalLanguage,
              onBehalfOf: values.onBehalfOf,
              groupMembers: values.groupMembers,
            },
          },
          { maxBytes: deps.maxUploadBytes, settings, via: 'api' },
        );
        if (!outcome.ok) {
          const { errors, refusals } = outcome;
          const fields = Object.fromEntries(
            Object.entries(errors).map(([field, message]) => [
              field,
              { ...(refusals[field as 'statement'] ? { code: refusals[field as 'statement'] } : {}), message: message ?? '' },
            ]),
          );
          const fileRefused = Object.keys(refusals).length > 0;
          return refused(
            reply,
            400,
            fileRefused ? 'statement.file_refused' : 'statement.incomplete',
            fileRefused ? 'A file was refused; see fields.' : 'The submission is not complete; see fields.',
            fields,
          );
        }
        return reply.status(201).send(answer(outcome.issued));
      } catch (err) {
        if (isAppError(err) && WINDOW_CODES.has(err.code)) return refused(reply, err.status === 400 ? 400 : 409, err.code, err.message);
        throw err;
      }
    },
  );

  app.delete<{ Params: { slug: string } }>(
    '/debates/:slug/statement',
    {
      config: { ...apiPolicies.statementsWrite },
      schema: {
        operationId: 'withdrawStatement',
        summary: 'Withdraw your delegation’s statement',
        description: 'Until the modification deadline. The withdrawal is a version of its own, with a receipt.',
        tags: ['Statements'],
        params: slugParams,
        response: { 200: receiptAnswer, 409: refusal, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const by = await actingAs(deps.db, signedIn(request));
      try {
        const issued = await deps.db.transaction().execute((trx) => withdrawStatement(trx, deps.clock, by, request.params.slug, settings));
        return reply.send(answer(issued));
      } catch (err) {
        if (isAppError(err) && WINDOW_CODES.has(err.code)) return refused(reply, 409, err.code, err.message);
        throw err;
      }
    },
  );
}
