// The Secretariat's review desk: the list (opening on the statements to review; filtered, sorted and searched in its
// address), a statement's reading page, a decision per statement that returns to the same view and row, accepting
// every statement waiting (after a confirmation), the files of the current versions; a delegation's history with
// every version's files; entering a statement received by e-mail on a delegation's behalf. Thin handlers over the
// commands.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getBlob } from '../../../kernel/blobs/index.js';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError, isAppError } from '../../../kernel/errors.js';
import type { SigningKey } from '../../../kernel/secrets.js';
import { confirmationPage, isConfirmed } from '../../../web/confirm.js';
import { noticeFor, type FieldErrors, formValues } from '../../../web/forms.js';
import { UUID } from '../../../kernel/validation.js';
import { allMissions, findMission, listSignatories, missionLabel, signsOn, sortMissions } from '../../delegations/index.js';
import { accountNames, actingAs } from '../../identity/index.js';
import {
  addedDelegations,
  eligibleDelegations,
  findDebateBySlug,
  loadCouncil,
  loadSubmissionWindow,
  submissionDeadlines,
  submissionDecision,
  type DebateRecord,
} from '../../meetings/index.js';
import { reviewStatement } from '../commands/review-statement.js';
import { safeFileName } from '../commands/save-draft.js';
import { onBehalfInput, onBehalfTarget, startOnBehalfDraft, submitOnBehalf } from '../commands/submit-on-behalf.js';
import { uploadToDraft } from '../commands/upload-files.js';
import { deskEntries, findDraft, findSubmission, reviewsOfSubmission, revisionsOf, type RevisionRow } from '../db.js';
import { deskState, deskViewOf, deskViewQuery, rowAfterDecision, type DeskView } from '../domain/desk-state.js';
import { servedCopy } from '../../uploads/index.js';
import { STATEMENTS_REVIEW } from '../policies.js';
import { statementContentHtml, statementContentPictures } from '../../documents/index.js';
import { acceptAllConfirmation, deskHref, reviewDeskPage, shownRows, type DecisionError, type DeskRow } from './review-desk.js';
import { historyPage, onBehalfPage, readingPage } from './review-pages.js';
import { signedIn } from '../../../web/session.js';
import { readMultipartForm } from '../../../web/multipart.js';

const notices = {
  accepted_all: 'Every statement waiting was accepted.',
  none_waiting: 'No statement was waiting for a decision, so nothing was accepted.',
  entered: 'The statement was recorded on the delegation’s behalf; the receipt was e-mailed to the mission’s access focal points.',
} as const;

/** What the desk says after a decision about one delegation's statement, naming the delegation. */
function decidedNotice(done: unknown, label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  if (done === 'accepted') return `${label}: the statement was accepted.`;
  if (done === 'returned') return `${label}: the statement was returned for correction; the delegation was told why by e-mail.`;
  return undefined;
}

/** A refusal of a decision that the desk shows beside its row; undefined for anything else (which the error page shows). */
function decisionRefusal(err: unknown, code: string, reason: string | undefined): DecisionError | undefined {
  if (!isAppError(err)) return undefined;
  if (err.code === 'statement.return_reason_invalid')
    return { code, message: err.message, about: 'reason', ...(reason !== undefined ? { reason } : {}) };
  if (err.code === 'statement.review_outdated') return { code, message: err.message, about: 'decision' };
  return undefined;
}

const slugParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 120 } }, required: ['slug'] } as const;
const codeParams = {
  type: 'object',
  properties: { slug: { type: 'string', maxLength: 120 }, code: { type: 'string', maxLength: 40 } },
  required: ['slug', 'code'],
} as const;
const fileParams = {
  type: 'object',
  properties: {
    slug: { type: 'string', maxLength: 120 },
    code: { type: 'string', maxLength: 40 },
    which: { type: 'string', enum: ['statement', 'cover'] },
  },
  required: ['slug', 'code', 'which'],
} as const;
const revisionFileParams = {
  type: 'object',
  properties: {
    slug: { type: 'string', maxLength: 120 },
    code: { type: 'string', maxLength: 40 },
    seq: { type: 'integer', minimum: 1, maximum: 100000 },
    which: { type: 'string', enum: ['statement', 'cover'] },
  },
  required: ['slug', 'code', 'seq', 'which'],
} as const;

export interface ReviewRoutesDeps {
  db: Database;
  clock: Clock;
  publicUrl: string;
  signing: SigningKey;
  /** The largest statement or cover letter accepted (UPLOAD_MAX_MB). */
  maxUploadBytes: number;
}

export async function reviewRoutes(app: FastifyInstance, deps: ReviewRoutesDeps): Promise<void> {
  // The statement entered on a delegation's behalf comes as multipart/form-data, parsed (within the limits) before
  // the handler, as for the delegate's upload; the other forms of the desk stay URL-encoded.
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: deps.maxUploadBytes, files: 2, fields: 16, parts: 18, fieldSize: 16 * 1024 },
  });

  async function debateOf(slug: string): Promise<DebateRecord> {
    const debate = await findDebateBySlug(deps.db, slug);
    if (!debate) throw new AppError('debate.not_found');
    return debate;
  }

  async function rows(debate: DebateRecord): Promise<DeskRow[]> {
    const [added, desk, missionRows, loaded, council] = await Promise.all([
      addedDelegations(deps.db, debate.id),
      deskEntries(deps.db, debate.id),
      allMissions(deps.db),
      loadSubmissionWindow(deps.db, debate.slug),
      loadCouncil(deps.db),
    ]);
    const eligible = eligibleDelegations(council, isoDateIn(debate.starts_at, debate.time_zone), added).codes;
    const entries = new Map(desk.map((e) => [e.submission.delegation, e]));
    const missions = sortMissions(missionRows.filter((m) => eligible.includes(m.code) || entries.has(m.code)));
    const now = deps.clock.now();
    return missions.map((m) => {
      const entry = entries.get(m.code);
      const rev = entry?.revision.action === 'submit' ? entry.revision : undefined;
      const action = entry?.submission.state === 'submitted' ? 'modify' : 'submit';
      return {
        code: m.code,
        label: m.label,
        state: deskState(entry),
        entry,
        words: rev?.words ?? null,
        late: rev?.late ?? false,
        receivedAt: rev ? (rev.received_before_deadline_at ?? rev.created_at) : null,
        lateUntil: loaded ? submissionDeadlines(loaded.window, m.code, now, action).lateGrant : null,
        mayStillSubmit: loaded ? submissionDecision(loaded.window, m.code, now, { action }).allowed : false,
      };
    });
  }

  async function sendDesk(
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
    return reply
      .status(o.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(markup.value);
  }

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug/statements',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: slugParams } },
    async (request, reply) => {
      const debate = await debateOf(request.params.slug);
      const all = await rows(debate);
      const query = request.query as { done?: unknown; decided?: unknown };
      const decided = all.find((r) => r.code === query.decided)?.label;
      return sendDesk(request, reply, debate, all, deskViewOf(request.query), {
        notice: decidedNotice(query.done, decided) ?? noticeFor(query.done, notices),
      });
    },
  );

  /** The reading page of one delegation's statement, in the desk's view (which gives the next one to read). */
  async function sendReading(
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
      const blob = await getBlob(deps.db, sha);
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
    return reply
      .status(o.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(markup.value);
  }

  app.get<{ Params: { slug: string; code: string } }>(
    '/debates/:slug/statements/:code/read',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: codeParams } },
    async (request, reply) => {
      const debate = await debateOf(request.params.slug);
      return sendReading(request, reply, debate, await rows(debate), request.params.code, deskViewOf(request.query));
    },
  );

  // A decision returns to the desk in the view it was made from, on its row, or on the row that took its place when
  // the view no longer shows it (an acceptance under "to review"). A refusal is shown beside the row, on the desk or
  // on the reading page it came from.
  app.post<{ Params: { slug: string; code: string } }>(
    '/debates/:slug/statements/:code/review',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: codeParams } },
    async (request, reply) => {
      const values = formValues(request.body);
      const view = deskViewOf(values);
      const code = request.params.code;
      const decision = values.decision === 'returned' ? 'returned' : 'accepted';
      const revisionId = values.revision ?? '';
      if (!UUID.test(revisionId)) throw new AppError('http.bad_request');
      const debate = await debateOf(request.params.slug);
      const before = shownRows(await rows(debate), view).map((r) => r.code);
      try {
        await deps.db
          .transaction()
          .execute(async (trx) =>
            reviewStatement(
              trx,
              deps.clock,
              await actingAs(trx, signedIn(request)),
              { slug: debate.slug, delegation: code, revisionId, decision, reason: values.reason },
              deps,
            ),
          );
      } catch (err) {
        const refusal = decisionRefusal(err, code, values.reason);
        if (!refusal || !isAppError(err)) throw err;
        const all = await rows(debate);
        if (values.from === 'read') return sendReading(request, reply, debate, all, code, view, { error: refusal, status: err.status });
        return sendDesk(request, reply, debate, all, view, { error: refusal, status: err.status });
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
  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/statements/accept-all',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: slugParams } },
    async (request, reply) => {
      const debate = await debateOf(request.params.slug);
      const view = deskViewOf(formValues(request.body));
      const waiting = (await rows(debate)).filter((r) => r.state === 'received' && r.entry);
      if (waiting.length === 0)
        return reply.redirect(`/debates/${debate.slug}/statements${deskViewQuery(view, { done: 'none_waiting' })}`, 303);
      if (!isConfirmed(request.body)) {
        const markup = confirmationPage({
          ...acceptAllConfirmation(debate, view, waiting.length),
          actor: request.actor,
          csrf: reply.csrfToken(),
          cancelHref: deskHref(debate, view),
        });
        return reply.type('text/html; charset=utf-8').send(markup.value);
      }
      // One transaction per statement: a delegation sending a new version meanwhile leaves that one to review.
      for (const r of waiting) {
        try {
          await deps.db
            .transaction()
            .execute(async (trx) =>
              reviewStatement(
                trx,
                deps.clock,
                await actingAs(trx, signedIn(request)),
                { slug: debate.slug, delegation: r.code, revisionId: r.entry!.revision.id, decision: 'accepted' },
                deps,
              ),
            );
        } catch (err) {
          if (!(isAppError(err) && err.code === 'statement.review_outdated')) throw err;
        }
      }
      return reply.redirect(`/debates/${debate.slug}/statements${deskViewQuery(view, { done: 'accepted_all' })}`, 303);
    },
  );

  /**
   * A file of one revision, named by the delegation (and the version, for an earlier one): its clean copy, which is what
   * Rostrum hands out, or with `asReceived` the exact bytes received (the Secretariat's record, from the history page).
   */
  async function sendFile(
    reply: FastifyReply,
    code: string,
    rev: RevisionRow | undefined,
    which: 'statement' | 'cover',
    version?: number,
    asReceived = false,
  ) {
    const sha = which === 'statement' ? rev?.statement_sha256 : rev?.cover_sha256;
    if (!rev || !sha) throw new AppError('statement.not_found');
    const cleanSha = which === 'statement' ? rev.statement_clean_sha256 : rev.cover_clean_sha256;
    const blob = asReceived ? await getBlob(deps.db, sha) : await servedCopy(deps.db, { sha256: sha, cleanSha256: cleanSha });
    if (!blob) throw new AppError('blob.not_found');
    const name = safeFileName((which === 'statement' ? rev.statement_name : rev.cover_name) ?? which).replace(/["\\]/g, '_');
    const prefix = [code, ...(version === undefined ? [] : [`v${version}`]), ...(asReceived ? ['as-received'] : [])].join('-');
    return reply
      .header('content-type', blob.mediaType)
      .header('content-disposition', `attachment; filename="${prefix}-${name.replace(/[^\x20-\x7e]/g, '_')}"`)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, blob.bytes.byteLength));
  }

  app.get<{ Params: { slug: string; code: string; which: 'statement' | 'cover' } }>(
    '/debates/:slug/statements/:code/files/:which',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: fileParams } },
    async (request, reply) => {
      const debate = await debateOf(request.params.slug);
      const entry = (await deskEntries(deps.db, debate.id)).find((e) => e.submission.delegation === request.params.code);
      return sendFile(reply, request.params.code, entry?.revision, request.params.which);
    },
  );

  // -- A delegation's history ----------------------------------------------------------------------------------------

  async function missionOf(code: string): Promise<{ code: string; label: string; missionName: string }> {
    const mission = await findMission(deps.db, code);
    if (!mission) throw new AppError('http.not_found');
    return { code, label: missionLabel(mission).label, missionName: mission.mission_name };
  }

  app.get<{ Params: { slug: string; code: string } }>(
    '/debates/:slug/statements/:code/history',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: codeParams } },
    async (request, reply) => {
      const debate = await debateOf(request.params.slug);
      const mission = await missionOf(request.params.code);
      const submission = await findSubmission(deps.db, debate.id, mission.code);
      const [revisions, reviews] = submission
        ? await Promise.all([revisionsOf(deps.db, submission.id), reviewsOfSubmission(deps.db, submission.id)])
        : [[], []];
      const names = await accountNames(deps.db, [...new Set([...revisions.map((r) => r.created_by), ...reviews.map((r) => r.decided_by)])]);
      const review = submission ? reviews.find((r) => r.revision_id === submission.current_revision) : undefined;
      const markup = historyPage({
        actor: request.actor,
        debate,
        ...mission,
        state: deskState(submission ? { submission, review } : undefined),
        notice: noticeFor((request.query as { done?: unknown }).done, notices),
        ...(submission ? { submission } : {}),
        revisions,
        reviews,
        names,
      });
      return reply.type('text/html; charset=utf-8').send(markup.value);
    },
  );

  app.get<{ Params: { slug: string; code: string; seq: number; which: 'statement' | 'cover' } }>(
    '/debates/:slug/statements/:code/revisions/:seq/:which',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: revisionFileParams } },
    async (request, reply) => {
      const debate = await debateOf(request.params.slug);
      const submission = await findSubmission(deps.db, debate.id, request.params.code);
      const rev = submission ? (await revisionsOf(deps.db, submission.id)).find((r) => r.seq === request.params.seq) : undefined;
      return sendFile(reply, request.params.code, rev, request.params.which, request.params.seq);
    },
  );

  // The bytes received from the delegation, exactly: for the record, and only here (everything else serves the clean copy).
  app.get<{ Params: { slug: string; code: string; seq: number; which: 'statement' | 'cover' } }>(
    '/debates/:slug/statements/:code/revisions/:seq/:which/as-received',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: revisionFileParams } },
    async (request, reply) => {
      const debate = await debateOf(request.params.slug);
      const submission = await findSubmission(deps.db, debate.id, request.params.code);
      const rev = submission ? (await revisionsOf(deps.db, submission.id)).find((r) => r.seq === request.params.seq) : undefined;
      return sendFile(reply, request.params.code, rev, request.params.which, request.params.seq, true);
    },
  );

  // -- A statement received by e-mail, entered on the delegation's behalf ---------------------------------------------

  async function renderOnBehalf(
    request: FastifyRequest<{ Params: { slug: string; code: string } }>,
    reply: FastifyReply,
    debate: DebateRecord,
    o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
  ) {
    const actor = signedIn(request);
    const code = request.params.code;
    const now = deps.clock.now();
    const [mission, loaded, submission, draft, signatories] = await Promise.all([
      missionOf(code),
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
    return reply
      .status(o.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(markup.value);
  }

  app.get<{ Params: { slug: string; code: string } }>(
    '/debates/:slug/statements/:code/on-behalf',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: codeParams } },
    async (request, reply) => {
      const debate = await debateOf(request.params.slug);
      const by = await actingAs(deps.db, signedIn(request));
      await deps.db.transaction().execute((trx) => onBehalfTarget(trx, by, debate.slug, request.params.code));
      return renderOnBehalf(request, reply, debate);
    },
  );

  // Which field a refusal of the command belongs beside.
  const onBehalfFields: Record<string, string> = {
    'statement.on_behalf_closed': 'receivedBefore',
    'statement.received_time_invalid': 'receivedBefore',
    'input.time_does_not_exist': 'receivedBefore',
    'statement.not_yet_open': 'receivedBefore',
    'statement.signatory_unknown': 'signatoryId',
    'statement.incomplete': 'statement',
  };

  app.post<{ Params: { slug: string; code: string } }>(
    '/debates/:slug/statements/:code/on-behalf',
    { config: { policy: STATEMENTS_REVIEW, upload: { files: 2 } }, schema: { params: codeParams } },
    async (request, reply) => {
      const debate = await debateOf(request.params.slug);
      if (!request.isMultipart()) throw new AppError('http.bad_request', { detail: 'the form is sent as multipart/form-data' });
      const by = await actingAs(deps.db, signedIn(request));
      const { values, files } = await readMultipartForm(request, ['statement', 'cover']);
      const target = await deps.db.transaction().execute(async (trx) => {
        const t = await onBehalfTarget(trx, by, debate.slug, request.params.code);
        await startOnBehalfDraft(trx, by, t);
        return t;
      });
      // The files through the delegate's checks into the officer's draft: an accepted file is kept even when the rest fails.
      const { errors } = await uploadToDraft(
        deps.db,
        deps.clock,
        by,
        debate.slug,
        {
          ...(files.statement ? { statement: files.statement } : {}),
          ...(files.cover ? { cover: files.cover } : {}),
          choices: {
            signatoryId: values.signatoryId,
            originalLanguage: values.originalLanguage,
            onBehalfOf: values.onBehalfOf,
            groupMembers: values.groupMembers,
          },
        },
        { maxBytes: deps.maxUploadBytes, target },
      );
      // The signatory may be typed instead of chosen: that is decided here, not by the delegate's rule.
      delete errors.signatoryId;
      const raw = {
        slug: debate.slug,
        delegation: target.delegation,
        signatoryId: values.signatoryId ?? '',
        signatoryName: values.signatoryName ?? '',
        signatoryTitle: values.signatoryTitle ?? '',
        note: values.note ?? '',
        receivedBefore: values.receivedBefore ?? '',
      };
      const parsed = onBehalfInput.safeParse(raw);
      if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
      if (Object.keys(errors).length > 0) return renderOnBehalf(request, reply, debate, { values, errors, status: 400 });
      try {
        await deps.db
          .transaction()
          .execute((trx) => submitOnBehalf(trx, deps.clock, by, raw, { signing: deps.signing, publicUrl: deps.publicUrl }));
      } catch (err) {
        const fieldName = isAppError(err) ? onBehalfFields[err.code] : undefined;
        if (isAppError(err) && fieldName) {
          const message =
            err.code === 'statement.signatory_unknown'
              ? 'This person is not an authorised signatory of the mission today: choose another, or type the name and title.'
              : err.message;
          return renderOnBehalf(request, reply, debate, { values, errors: { [fieldName]: message }, status: err.status });
        }
        throw err;
      }
      return reply.redirect(`/debates/${debate.slug}/statements/${target.delegation}/history?done=entered`, 303);
    },
  );
}
