// The Secretariat's review desk: the list (opening on the statements to review; filtered, sorted and searched in its
// address), a statement's reading page, a decision per statement that returns to the same view and row, accepting
// every statement waiting (after a confirmation), and the files of the current versions.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getBlob } from '../../../kernel/blobs/index.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError, isAppError } from '../../../kernel/errors.js';
import { UUID } from '../../../kernel/validation.js';
import { confirmationPage, isConfirmed } from '../../../web/confirm.js';
import { formValues } from '../../../web/forms.js';
import { formAttempt, multipartLimits, noticeOf, params, queryText, type SlugCodeParams, type SlugParams } from '../../../web/route-kit.js';
import type { DebateRecord } from '../../meetings/index.js';
import { statementContentHtml, statementContentPictures } from '../../documents/index.js';
import { reviewStatement } from '../commands/review-statement.js';
import { deskEntries } from '../db.js';
import { deskViewOf, deskViewQuery, rowAfterDecision, type DeskView } from '../domain/desk-state.js';
import { STATEMENTS_REVIEW } from '../policies.js';
import { acceptAllConfirmation, deskHref, reviewDeskPage, shownRows, type DecisionError, type DeskRow } from './review-desk.js';
import { readingPage } from './review-pages.js';
import { debateOf, deskRows, fileParams, notices, sendRevisionFile, type ReviewRoutesDeps } from './review-model.js';

/** What the desk says after a decision about one delegation's statement, naming the delegation. */
function decidedNotice(done: string | undefined, label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  if (done === 'accepted') return `${label}: the statement was accepted.`;
  if (done === 'returned') return `${label}: the statement was returned for correction; the delegation was told why by e-mail.`;
  return undefined;
}

/** The refusals of a decision that the desk shows beside its row (anything else goes to the error page). */
const decisionFields = { 'statement.return_reason_invalid': 'reason', 'statement.review_outdated': 'decision' } as const;

const reviewing = { policy: STATEMENTS_REVIEW } as const;

/** The desk's list, in its view, with a notice or a refused decision. */
function sendDesk(
  request: FastifyRequest,
  reply: FastifyReply,
  debate: DebateRecord,
  all: DeskRow[],
  view: DeskView,
  o: { notice?: string | undefined; error?: DecisionError; status?: number } = {},
) {
  const markup = reviewDeskPage({
    actor: request.actor,
    debate,
    csrf: reply.csrfToken(),
    rows: all,
    view,
    ...(o.notice ? { notice: o.notice } : {}),
    ...(o.error ? { error: o.error } : {}),
  });
  return reply.html(markup, o.status);
}

/** The reading page of one delegation's statement, in the desk's view (which gives the next one to read). */
async function sendReading(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  debate: DebateRecord,
  all: DeskRow[],
  code: string,
  view: DeskView,
  o: { error?: DecisionError; status?: number } = {},
) {
  const row = all.find((r) => r.code === code);
  if (!row?.entry) throw new AppError('statement.not_found');
  const rev = row.entry.revision;
  const images = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  for (const sha of rev.action === 'submit' ? statementContentPictures(rev.content) : []) {
    const blob = await getBlob(db, sha);
    if (blob) images.set(sha, blob);
  }
  const content =
    rev.action === 'submit'
      ? statementContentHtml(rev.content, { language: rev.original_language, headingLevel: 3, idPrefix: 'statement' }, { images })
      : undefined;
  const shown = shownRows(all, view);
  const next = shown
    .slice(shown.findIndex((r) => r.code === code) + 1)
    .find((r) => r.code !== code && r.entry?.revision.action === 'submit');
  const markup = readingPage({
    actor: request.actor,
    debate,
    csrf: reply.csrfToken(),
    view,
    row,
    content,
    error: o.error,
    next: next && { code: next.code, label: next.label },
  });
  return reply.html(markup, o.status);
}

/** Accepts each statement waiting, as the signed-in officer. */
async function acceptEach(request: FastifyRequest, deps: ReviewRoutesDeps, debate: DebateRecord, waiting: DeskRow[]): Promise<void> {
  // One transaction per statement: a delegation sending a new version meanwhile leaves that one to review.
  for (const r of waiting) {
    try {
      await request.command((trx, by) =>
        reviewStatement(
          trx,
          deps.clock,
          by,
          { slug: debate.slug, delegation: r.code, revisionId: r.entry!.revision.id, decision: 'accepted' },
          deps,
        ),
      );
    } catch (err) {
      if (!(isAppError(err) && err.code === 'statement.review_outdated')) throw err;
    }
  }
}

export async function reviewDeskRoutes(app: FastifyInstance, deps: ReviewRoutesDeps): Promise<void> {
  // The desk's forms are URL-encoded; multipart ones are read within the same limits as the statement entered on a
  // delegation's behalf.
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: multipartLimits({ fileBytes: deps.maxUploadBytes, files: 2, fields: 16 }),
  });

  const rows = (debate: DebateRecord) => deskRows(deps.db, deps.clock, debate);

  app.get<{ Params: SlugParams }>(
    '/debates/:slug/statements',
    { config: reviewing, schema: { params: params.slug } },
    async (request, reply) => {
      const debate = await debateOf(deps.db, request.params.slug);
      const all = await rows(debate);
      const decided = all.find((r) => r.code === queryText(request, 'decided'))?.label;
      return sendDesk(request, reply, debate, all, deskViewOf(request.query), {
        notice: decidedNotice(queryText(request, 'done'), decided) ?? noticeOf(request, notices),
      });
    },
  );

  app.get<{ Params: SlugCodeParams }>(
    '/debates/:slug/statements/:code/read',
    { config: reviewing, schema: { params: params.slugCode } },
    async (request, reply) => {
      const debate = await debateOf(deps.db, request.params.slug);
      return sendReading(deps.db, request, reply, debate, await rows(debate), request.params.code, deskViewOf(request.query));
    },
  );

  // A decision returns to the desk in the view it was made from, on its row, or on the row that took its place when
  // the view no longer shows it (an acceptance under "to review"). A refusal is shown beside the row, on the desk or
  // on the reading page it came from.
  app.post<{ Params: SlugCodeParams }>(
    '/debates/:slug/statements/:code/review',
    { config: reviewing, schema: { params: params.slugCode } },
    async (request, reply) => {
      const values = formValues(request.body);
      const view = deskViewOf(values);
      const code = request.params.code;
      const decision = values.decision === 'returned' ? 'returned' : 'accepted';
      const revisionId = values.revision ?? '';
      if (!UUID.test(revisionId)) throw new AppError('http.bad_request');
      const debate = await debateOf(deps.db, request.params.slug);
      const before = shownRows(await rows(debate), view).map((r) => r.code);
      const outcome = await formAttempt(
        () =>
          request.command((trx, by) =>
            reviewStatement(
              trx,
              deps.clock,
              by,
              { slug: debate.slug, delegation: code, revisionId, decision, reason: values.reason },
              deps,
            ),
          ),
        decisionFields,
      );
      if (!outcome.ok) {
        const [about, message] = Object.entries(outcome.errors)[0] as ['reason' | 'decision', string];
        const refusal: DecisionError = {
          code,
          message,
          about,
          ...(about === 'reason' && values.reason !== undefined ? { reason: values.reason } : {}),
        };
        const all = await rows(debate);
        if (values.from === 'read')
          return sendReading(deps.db, request, reply, debate, all, code, view, { error: refusal, status: outcome.status });
        return sendDesk(request, reply, debate, all, view, { error: refusal, status: outcome.status });
      }
      const anchor = rowAfterDecision(
        before,
        shownRows(await rows(debate), view).map((r) => r.code),
        code,
      );
      return reply.redirect(
        `/debates/${debate.slug}/statements${deskViewQuery(view, { done: decision, decided: code })}${anchor ? `#row-${anchor}` : ''}`,
        303,
      );
    },
  );

  // Accepting every statement waiting asks first (web/confirm.ts): a post without the confirmation gets the question.
  app.post<{ Params: SlugParams }>(
    '/debates/:slug/statements/accept-all',
    { config: reviewing, schema: { params: params.slug } },
    async (request, reply) => {
      const debate = await debateOf(deps.db, request.params.slug);
      const view = deskViewOf(formValues(request.body));
      const waiting = (await rows(debate)).filter((r) => r.state === 'received' && r.entry);
      if (waiting.length === 0)
        return reply.redirect(`/debates/${debate.slug}/statements${deskViewQuery(view, { done: 'none_waiting' })}`, 303);
      if (!isConfirmed(request.body)) {
        return reply.html(
          confirmationPage({
            ...acceptAllConfirmation(debate, view, waiting.length),
            actor: request.actor,
            csrf: reply.csrfToken(),
            cancelHref: deskHref(debate, view),
          }),
        );
      }
      await acceptEach(request, deps, debate, waiting);
      return reply.redirect(`/debates/${debate.slug}/statements${deskViewQuery(view, { done: 'accepted_all' })}`, 303);
    },
  );

  app.get<{ Params: SlugCodeParams & { which: 'statement' | 'cover' } }>(
    '/debates/:slug/statements/:code/files/:which',
    { config: reviewing, schema: { params: fileParams } },
    async (request, reply) => {
      const debate = await debateOf(deps.db, request.params.slug);
      const entry = (await deskEntries(deps.db, debate.id)).find((e) => e.submission.delegation === request.params.code);
      return sendRevisionFile(deps.db, reply, request.params.code, entry?.revision, request.params.which);
    },
  );
}
