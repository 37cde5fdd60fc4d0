// The statement journey: the delegation's page, the upload (checked in a worker before anything is stored), the
// preview, confirmation with its receipt, withdrawal, receipts, and the public receipt check. Thin handlers: the
// commands decide eligibility, the window and the signatory; a refused file is shown beside its field with what
// was typed kept.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkpointOfSize, findAuditEntry } from '../../../kernel/audit-seal.js';
import { PUBLIC } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { AppError, isAppError } from '../../../kernel/errors.js';
import type { SigningKey } from '../../../kernel/secrets.js';
import { noticeFor, type FieldErrors } from '../../../web/forms.js';
import type { SafeHtml } from '../../../web/html.js';
import { findMission, formValues, listSignatories, signsOn } from '../../delegations/index.js';
import { actingAs, type Acting } from '../../identity/index.js';
import { submissionDecision } from '../../meetings/index.js';
import { uploadToDraft } from '../commands/upload-files.js';
import { statementTarget, type StatementTarget } from '../commands/target.js';
import { confirmSubmission, withdrawStatement, type ReceiptSettings } from '../commands/submit-statement.js';
import { findDraft, findRevisionByReference, findSubmission, latestReview, revisionsOf } from '../db.js';
import { checkReceiptDocument, receiptDocument, receiptLogSentences, REFERENCE } from '../domain/receipt.js';
import { STATEMENTS_SUBMIT } from '../policies.js';
import { previewPage, receiptPage, statementPage, verifyPage } from './statement-pages.js';
import { renderCouncilStatement } from './speaker-routes.js';
import { signedIn } from '../../../web/session.js';
import { readMultipartForm } from '../../../web/multipart.js';

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
const receiptParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 120 }, reference: { type: 'string', maxLength: 30 } }, required: ['slug', 'reference'] } as const;


function sendHtml(reply: FastifyReply, markup: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(markup.value);
}


export async function statementRoutes(app: FastifyInstance, deps: StatementRoutesDeps): Promise<void> {
  // Fields and files are parsed before the handlers (the CSRF check reads the token from the body): the files are
  // held in memory, within the limits, and checked in the worker pool before anything is stored.
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: deps.maxUploadBytes, files: 2, fields: 12, parts: 14, fieldSize: 16 * 1024 },
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

  async function renderStatement(request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply, { debate, delegation, window }: StatementTarget, o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) {
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
    const choices = draft?.choices ?? {};
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
        revisions: submission ? await revisionsOf(deps.db, submission.id) : [],
        ...(await reviewOf(submission)),
        ...(draft ? { draft } : {}),
        signatories: signatories.filter((s) => signsOn(s, today)).map((s) => ({ value: s.id, label: `${s.name}, ${s.title}` })),
        values,
        errors: o.errors ?? {},
      }),
      o.status,
    );
  }

  async function reviewOf(submission: { current_revision: string; state: string } | undefined) {
    if (!submission || submission.state !== 'submitted') return {};
    const review = await latestReview(deps.db, submission.current_revision);
    return review ? { review: { decision: review.decision, reason: review.reason } } : {};
  }

  app.get<{ Params: { slug: string } }>('/debates/:slug/statement', { config: { policy: STATEMENTS_SUBMIT }, schema: { params: slugParams } }, async (request, reply) => {
    let found: StatementTarget;
    try {
      found = await target(request);
    } catch (err) {
      // A Council member's delegation does not submit a written statement: its page takes its Council statement.
      if (isAppError(err) && err.code === 'statement.not_eligible') return renderCouncilStatement(deps, request, reply);
      throw err;
    }
    return renderStatement(request, reply, found);
  });

  // The upload: both files (or one, to replace it in the draft) and the choices. Files are checked in the worker pool
  // before the transaction; only accepted ones are stored.
  app.post<{ Params: { slug: string } }>('/debates/:slug/statement/draft', { config: { policy: STATEMENTS_SUBMIT, upload: { files: 2 } }, schema: { params: slugParams } }, async (request, reply) => {
    const aimed = await target(request);
    const { debate } = aimed;
    if (!request.isMultipart()) throw new AppError('http.bad_request', { detail: 'the statement form is sent as multipart/form-data' });
    const { values, files } = await readMultipartForm(request, ['statement', 'cover']);
    const { errors } = await uploadToDraft(deps.db, deps.clock, await actingAs(deps.db, signedIn(request)), debate.slug, {
      ...(files.statement ? { statement: files.statement } : {}),
      ...(files.cover ? { cover: files.cover } : {}),
      choices: { signatoryId: values.signatoryId, originalLanguage: values.originalLanguage, onBehalfOf: values.onBehalfOf, groupMembers: values.groupMembers },
    }, { maxBytes: deps.maxUploadBytes, target: aimed });
    if (Object.keys(errors).length > 0) return renderStatement(request, reply, aimed, { values, errors, status: 400 });
    return reply.redirect(`/debates/${debate.slug}/statement/preview`, 303);
  });

  app.get<{ Params: { slug: string } }>('/debates/:slug/statement/preview', { config: { policy: STATEMENTS_SUBMIT }, schema: { params: slugParams } }, async (request, reply) => {
    const { debate, delegation } = await target(request);
    const actor = signedIn(request);
    const draft = await findDraft(deps.db, debate.id, actor.id);
    if (!draft?.statement_sha256 || !draft.cover_sha256) return reply.redirect(`/debates/${debate.slug}/statement#submit`, 303);
    const signatory = (await listSignatories(deps.db, delegation)).find((s) => s.id === draft.choices.signatoryId);
    const mission = await findMission(deps.db, delegation);
    return sendHtml(reply, previewPage({ actor, debate, csrf: reply.csrfToken(), draft, signatory: signatory ? `${signatory.name}, ${signatory.title}` : '', missionName: mission?.mission_name ?? delegation }));
  });

  const failures = ['statement.closed', 'statement.not_yet_open', 'statement.incomplete', 'statement.signatory_unknown', 'statement.nothing_to_withdraw'];

  app.post<{ Params: { slug: string } }>('/debates/:slug/statement/confirm', { config: { policy: STATEMENTS_SUBMIT }, schema: { params: slugParams } }, async (request, reply) => {
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
  });

  app.post<{ Params: { slug: string } }>('/debates/:slug/statement/withdraw', { config: { policy: STATEMENTS_SUBMIT }, schema: { params: slugParams } }, async (request, reply) => {
    const { slug } = request.params;
    try {
      const issued = await run(request, (trx, by) => withdrawStatement(trx, deps.clock, by, slug, settings));
      return reply.redirect(`/debates/${slug}/statement/receipts/${issued.reference}?done=withdrawn`, 303);
    } catch (err) {
      if (!isAppError(err) || !failures.includes(err.code)) throw err;
      return renderStatement(request, reply, await target(request), { errors: { submit: err.message }, status: err.status });
    }
  });

  /** The revision of a receipt, if it is the actor's delegation's for this debate. */
  async function ownRevision(request: FastifyRequest<{ Params: { slug: string; reference: string } }>) {
    const { debate, delegation } = await target(request);
    const reference = request.params.reference.replace(/\.json$/, '');
    const revision = REFERENCE.test(reference) ? await findRevisionByReference(deps.db, reference) : undefined;
    const submission = revision ? await deps.db.selectFrom('statements.submissions').select(['debate_id', 'delegation']).where('id', '=', revision.submission_id).executeTakeFirst() : undefined;
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
      return sendHtml(reply, receiptPage(request.actor, debate, revision, revision.receipt, noticeFor((request.query as { done?: unknown }).done, notices)));
    },
  );

  // -- Public: check a receipt; the key. ---------------------------------------------------------------------------
  const key = { publicKey: deps.signing.publicKey, keyId: deps.signing.keyId };
  app.get('/receipts/verify', { config: { policy: PUBLIC } }, async (request, reply) => sendHtml(reply, verifyPage(request.actor, reply.csrfToken(), key)));

  app.post('/receipts/verify', { config: { policy: PUBLIC } }, async (request, reply) => {
    const text = (formValues(request.body).receipt ?? '').slice(0, 20_000);
    const check = checkReceiptDocument(text, key);
    const messages = {
      not_json: 'This is not a receipt: paste the whole text that starts with “{” and ends with “}”.',
      not_a_receipt: 'This text is not a Rostrum receipt.',
      other_key: 'This receipt was signed with another key: it was not issued by this installation of Rostrum.',
      bad_signature: 'This receipt is not valid: its text is not what Rostrum signed. It may have been changed.',
    } as const;
    // A version-2 receipt names its audit log entry: say where the log has it, and whether the checkpoint it carries still stands.
    const log = check.valid ? check.receipt.log : undefined;
    const logSentences =
      log && typeof log.entry === 'string' && /^[0-9a-f]{64}$/.test(log.entry)
        ? receiptLogSentences(log, await findAuditEntry(deps.db, log.entry), log.checkpoint ? await checkpointOfSize(deps.db, log.checkpoint.size) : null)
        : [];
    const result = check.valid ? { valid: true, message: 'This receipt is valid: Rostrum issued it, unchanged.', receipt: check.receipt, log: logSentences } : { valid: false, message: messages[check.reason] };
    return sendHtml(reply, verifyPage(request.actor, reply.csrfToken(), { ...key, text, result }), check.valid ? 200 : 400);
  });

  app.get('/receipts/key', { config: { policy: PUBLIC } }, async (_request, reply) => reply.send({ algorithm: 'Ed25519', keyId: key.keyId, publicKey: key.publicKey, encoding: 'base64url, raw 32 bytes' }));

}
