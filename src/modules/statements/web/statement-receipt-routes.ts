// A delegation's receipts: withdrawing its statement (asked first), which issues a receipt of its own, and every
// receipt of its statement, as a page or as the signed JSON document.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../../kernel/errors.js';
import { AppError } from '../../../kernel/errors.js';
import { confirmationPage, isConfirmed } from '../../../web/confirm.js';
import { formAttempt, multipartLimits, noticeOf, params } from '../../../web/route-kit.js';
import { withdrawStatement } from '../commands/submit-statement.js';
import { findRevisionByReference } from '../db.js';
import { receiptDocument, REFERENCE } from '../domain/receipt.js';
import { STATEMENTS_SUBMIT } from '../policies.js';
import { receiptPage, withdrawal } from './statement-pages.js';
import { notices, renderStatement, statementTargetOf, submitFailures, type StatementRoutesDeps } from './statement-form.js';

type ReceiptParams = { slug: string; reference: string };

const receiptParams = {
  type: 'object',
  properties: { slug: params.slug.properties.slug, reference: { type: 'string', maxLength: 30 } },
  required: ['slug', 'reference'],
} as const;

const submitting = { policy: STATEMENTS_SUBMIT } as const;

/** A refusal of the withdrawal is shown above the statement page's buttons. */
const withdrawFields = Object.fromEntries(submitFailures.map((code) => [code, 'submit'])) as Partial<Record<ErrorCode, string>>;

export async function statementReceiptRoutes(app: FastifyInstance, deps: StatementRoutesDeps): Promise<void> {
  // The withdrawal's form is URL-encoded; a multipart one is read within the statement form's limits.
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: multipartLimits({ fileBytes: deps.maxUploadBytes, files: 2, fields: 12 }),
    throwFileSizeLimit: false,
  });
  const target = (request: FastifyRequest) => statementTargetOf(deps.db, request);

  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/statement/withdraw',
    { config: submitting, schema: { params: params.slug } },
    async (request, reply) => {
      const { slug } = request.params;
      // Asked first: a post without the confirmation (no scripts, a double click, a replayed request) withdraws nothing.
      if (!isConfirmed(request.body)) {
        await target(request);
        return reply.html(
          confirmationPage({
            ...withdrawal(slug),
            actor: request.actor,
            csrf: reply.csrfToken(),
            cancelHref: `/debates/${slug}/statement#withdraw`,
          }),
        );
      }
      const settings = { signing: deps.signing, publicUrl: deps.publicUrl };
      const outcome = await formAttempt(
        () => request.command((trx, by) => withdrawStatement(trx, deps.clock, by, slug, settings)),
        withdrawFields,
      );
      if (!outcome.ok)
        return renderStatement(deps, request, reply, await target(request), { errors: outcome.errors, status: outcome.status });
      return reply.redirect(`/debates/${slug}/statement/receipts/${outcome.value.reference}?done=withdrawn`, 303);
    },
  );

  /** The revision of a receipt, if it is the actor's delegation's for this debate. */
  async function ownRevision(request: FastifyRequest<{ Params: ReceiptParams }>) {
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

  app.get<{ Params: ReceiptParams }>(
    '/debates/:slug/statement/receipts/:reference',
    { config: submitting, schema: { params: receiptParams } },
    async (request, reply) => {
      const { debate, revision } = await ownRevision(request);
      if (request.params.reference.endsWith('.json')) {
        return reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="receipt-${revision.receipt_reference}.json"`)
          .send(receiptDocument(revision.receipt, revision.receipt_signature));
      }
      return reply.html(receiptPage(request.actor, debate, revision, revision.receipt, noticeOf(request, notices)));
    },
  );
}
