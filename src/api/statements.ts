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
import { OFFICIAL_LANGUAGES } from '../kernel/i18n/languages.js';
import type { SigningKey } from '../kernel/secrets.js';
import { actingAs } from '../modules/identity/index.js';
import { findSubmission, revisionsOf, submitStatement, withdrawStatement, type Issued } from '../modules/statements/index.js';
import { statementTarget } from '../modules/statements/commands/target.js';
import { readMultipartForm } from '../web/multipart.js';
import { apiPolicies } from './policies.js';
import { errorResponses, isoInstant } from './schemas.js';

export interface StatementsApiDeps {
  db: Database;
  clock: Clock;
  signing: SigningKey;
  publicUrl: string;
  maxUploadBytes: number;
}

const slugParams = {
  type: 'object',
  properties: { slug: { type: 'string', maxLength: 120, description: 'The debate’s identifier.' } },
  required: ['slug'],
} as const;

const receiptAnswer = {
  type: 'object',
  description:
    'The signed receipt. Keep it: anyone can check it on /receipts/verify, or with the public key at /receipts/key (Ed25519 over the receipt’s canonical JSON: keys sorted, no spaces, UTF-8).',
  required: ['reference', 'revision', 'receipt', 'signature'],
  additionalProperties: false,
  properties: {
    reference: { type: 'string', description: 'R-XXXX-XXXX-XXXX.' },
    revision: { type: 'integer', minimum: 1 },
    receipt: {
      type: 'object',
      additionalProperties: true,
      description:
        'What was received, from whom, when (UTC and the debate’s time), files by SHA-256; from version 2, `log`: the hash of its audit log entry (provable at /audit/proof?entry=<hash> once sealed) and the log’s latest signed checkpoint.',
    },
    signature: { type: 'string', description: 'Ed25519 signature, base64url.' },
  },
} as const;

const refusal = {
  type: 'object',
  description:
    'The submission was refused and nothing was submitted or kept: the statement or cover letter did not pass the checks, or a file or a field is missing (each named in fields). Send the whole request again, corrected.',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'fields'],
      additionalProperties: false,
      properties: {
        code: {
          type: 'string',
          description:
            'statement.file_refused or statement.incomplete, or a window or signatory code (statement.closed, statement.not_yet_open, statement.signatory_unknown).',
        },
        message: { type: 'string' },
        fields: {
          type: 'object',
          description: 'What is wrong with each field: statement, cover, signatoryId, originalLanguage, onBehalfOf, groupMembers.',
          additionalProperties: {
            type: 'object',
            required: ['message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

const stateAnswer = {
  type: 'object',
  description: 'Your delegation’s statement to the debate: its state and every version received.',
  required: ['debate', 'delegation', 'state', 'revisions'],
  additionalProperties: false,
  properties: {
    debate: { type: 'string' },
    delegation: { type: 'string', description: 'Your mission’s code.' },
    state: { type: 'string', enum: ['none', 'submitted', 'withdrawn'] },
    revisions: {
      type: 'array',
      description: 'Every version received, the latest first.',
      items: {
        type: 'object',
        required: ['revision', 'action', 'reference', 'receivedAt', 'late'],
        additionalProperties: false,
        properties: {
          revision: { type: 'integer' },
          action: { type: 'string', enum: ['submit', 'withdraw'] },
          reference: { type: 'string' },
          receivedAt: isoInstant('When it was received (UTC).'),
          late: { type: 'boolean' },
          statementSha256: { type: ['string', 'null'] },
          words: { type: ['integer', 'null'] },
        },
      },
    },
  },
} as const;

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
        multipartBody: {
          type: 'object',
          required: ['statement', 'cover', 'signatoryId', 'originalLanguage'],
          properties: {
            statement: {
              type: 'string',
              contentMediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
              description: 'The statement, a Word document (.docx).',
            },
            cover: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The signed cover letter, .docx or .pdf.' },
            signatoryId: {
              type: 'string',
              format: 'uuid',
              description: 'One of your mission’s authorised signatories (GET /missions/{code}/signatories).',
            },
            originalLanguage: { type: 'string', enum: [...OFFICIAL_LANGUAGES] },
            onBehalfOf: { type: 'string', description: 'The group the statement speaks for, if any.' },
            groupMembers: { type: 'string', description: 'The group’s members, one a line.' },
          },
        },
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
