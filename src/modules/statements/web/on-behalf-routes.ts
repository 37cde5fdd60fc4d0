// A statement received by e-mail, entered by the Secretariat on the delegation's behalf: the form (with the officer's
// draft for that delegation, if any) and its post, whose files go through the delegate's checks before anything is
// stored.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isoDateIn } from '../../../kernel/dates.js';
import { AppError } from '../../../kernel/errors.js';
import type { ErrorCode } from '../../../kernel/errors.js';
import type { FieldErrors } from '../../../web/forms.js';
import { readMultipartForm } from '../../../web/multipart.js';
import { formAttempt, multipartLimits, params, type SlugCodeParams } from '../../../web/route-kit.js';
import { signedIn } from '../../../web/session.js';
import { listSignatories, signsOn } from '../../delegations/index.js';
import { actingAs } from '../../identity/index.js';
import { loadSubmissionWindow, submissionDecision, type DebateRecord } from '../../meetings/index.js';
import { enterStatementOnBehalf } from '../commands/enter-on-behalf.js';
import { onBehalfTarget } from '../commands/submit-on-behalf.js';
import { findDraft, findSubmission } from '../db.js';
import { STATEMENTS_REVIEW } from '../policies.js';
import { onBehalfPage } from './review-pages.js';
import { debateOf, missionOf, type ReviewRoutesDeps } from './review-model.js';

/** Which field a refusal of the command belongs beside. */
const onBehalfFields: Partial<Record<ErrorCode, string>> = {
  'statement.on_behalf_closed': 'receivedBefore',
  'statement.received_time_invalid': 'receivedBefore',
  'input.time_does_not_exist': 'receivedBefore',
  'statement.not_yet_open': 'receivedBefore',
  'statement.signatory_unknown': 'signatoryId',
  'statement.incomplete': 'statement',
};

/** The form's own words for a refusal, where they say more than the catalogue's. */
function onBehalfMessage(err: AppError): string {
  return err.code === 'statement.signatory_unknown'
    ? 'This person is not an authorised signatory of the mission today: choose another, or type the name and title.'
    : err.message;
}

/** The form, with what was typed (or the officer's draft for this delegation) and the problems found. */
async function renderOnBehalf(
  deps: Pick<ReviewRoutesDeps, 'db' | 'clock'>,
  request: FastifyRequest<{ Params: SlugCodeParams }>,
  reply: FastifyReply,
  debate: DebateRecord,
  o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
) {
  const actor = signedIn(request);
  const code = request.params.code;
  const now = deps.clock.now();
  const [mission, loaded, submission, draft, signatories] = await Promise.all([
    missionOf(deps.db, code),
    loadSubmissionWindow(deps.db, debate.slug),
    findSubmission(deps.db, debate.id, code),
    findDraft(deps.db, debate.id, actor.id),
    listSignatories(deps.db, code),
  ]);
  if (!loaded) throw new AppError('debate.not_found');
  // The officer's draft counts only for this delegation (one for another is set aside at the next upload).
  const own = draft?.delegation === code ? draft : undefined;
  const choices = own?.choices ?? {};
  const today = isoDateIn(now, debate.time_zone);
  const hasStatement = submission?.state === 'submitted';
  const markup = onBehalfPage({
    actor,
    debate,
    csrf: reply.csrfToken(),
    ...mission,
    decision: submissionDecision(loaded.window, code, now, { action: hasStatement ? 'modify' : 'submit' }),
    hasStatement,
    ...(own ? { draft: own } : {}),
    signatories: signatories.filter((s) => signsOn(s, today)).map((s) => ({ value: s.id, label: `${s.name}, ${s.title}` })),
    values: o.values ?? {
      signatoryId: choices.signatoryId ?? '',
      originalLanguage: choices.originalLanguage ?? '',
      onBehalfOf: choices.onBehalfOf ?? '',
      groupMembers: (choices.groupMembers ?? []).join('\n'),
    },
    errors: o.errors ?? {},
  });
  return reply.html(markup, o.status);
}

export async function onBehalfRoutes(app: FastifyInstance, deps: ReviewRoutesDeps): Promise<void> {
  // The statement entered on a delegation's behalf comes as multipart/form-data, parsed (within the limits) before
  // the handler, as for the delegate's upload.
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: multipartLimits({ fileBytes: deps.maxUploadBytes, files: 2, fields: 16 }),
  });

  app.get<{ Params: SlugCodeParams }>(
    '/debates/:slug/statements/:code/on-behalf',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: params.slugCode } },
    async (request, reply) => {
      const debate = await debateOf(deps.db, request.params.slug);
      await request.command((trx, by) => onBehalfTarget(trx, by, debate.slug, request.params.code));
      return renderOnBehalf(deps, request, reply, debate);
    },
  );

  app.post<{ Params: SlugCodeParams }>(
    '/debates/:slug/statements/:code/on-behalf',
    { config: { policy: STATEMENTS_REVIEW, upload: { files: 2 } }, schema: { params: params.slugCode } },
    async (request, reply) => {
      const debate = await debateOf(deps.db, request.params.slug);
      if (!request.isMultipart()) throw new AppError('http.bad_request', { detail: 'the form is sent as multipart/form-data' });
      const by = await actingAs(deps.db, signedIn(request));
      const { values, files } = await readMultipartForm(request, ['statement', 'cover']);
      const outcome = await formAttempt(
        () =>
          enterStatementOnBehalf(
            deps.db,
            deps.clock,
            by,
            { slug: debate.slug, delegation: request.params.code, statement: files.statement, cover: files.cover, values },
            { maxBytes: deps.maxUploadBytes, signing: deps.signing, publicUrl: deps.publicUrl },
          ),
        (err) => onBehalfFields[err.code],
        onBehalfMessage,
      );
      if (!outcome.ok) return renderOnBehalf(deps, request, reply, debate, { values, errors: outcome.errors, status: outcome.status });
      if (!outcome.value.entered)
        return renderOnBehalf(deps, request, reply, debate, { values, errors: outcome.value.errors, status: 400 });
      const { delegation } = outcome.value;
      return reply.redirect(`/debates/${debate.slug}/statements/${delegation}/history?done=entered`, 303);
    },
  );
}
