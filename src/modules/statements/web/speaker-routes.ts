// The meeting's speakers through HTTP: the Secretariat's page (record a text, set the speaking order, remove a
// speaker, download a text) and a Council member's delegate's upload of its delegation's statement, whose page is the
// statement page (statement-routes.ts shows it to a Council member's delegate instead of the written statement form).
// Thin handlers: the commands decide who may record what.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError, isAppError } from '../../../kernel/errors.js';
import { noticeFor, type FieldErrors, formValues } from '../../../web/forms.js';
import { UUID } from '../../../kernel/validation.js';
import { allMissions, findMission, sortMissions } from '../../delegations/index.js';
import { actingAs } from '../../identity/index.js';
import {
  recordSpeaker,
  removeSpeaker,
  setSpeakingOrder,
  speakerScope,
  type SpeakerScope,
  type SpeakerUpload,
} from '../commands/record-speaker.js';
import { parsePosition } from '../domain/speaking-order.js';
import { safeFileName } from '../../../kernel/file-names.js';
import { servedCopy } from '../../uploads/index.js';
import { STATEMENTS_REVIEW, STATEMENTS_SUBMIT } from '../policies.js';
import { findSpeaker, speakerOfDelegation, speakersOf } from '../speakers-db.js';
import { councilStatementPage, speakersPage } from './speaker-pages.js';
import { signedIn } from '../../../web/session.js';
import { readMultipartForm } from '../../../web/multipart.js';
import { sendHtml } from '../../../web/reply.js';

export interface SpeakerRoutesDeps {
  db: Database;
  clock: Clock;
  maxUploadBytes: number;
}

const notices = {
  recorded: 'The text was recorded.',
  ordered: 'The speaking order was saved.',
  removed: 'The speaker was removed from the list; the texts received stay on record.',
} as const;
const councilNotices = {
  sent: 'Your delegation’s statement was received. It is enclosed in the compilation with the other Council members’ statements.',
} as const;

const slugParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 120 } }, required: ['slug'] } as const;
const speakerParams = {
  type: 'object',
  properties: { slug: { type: 'string', maxLength: 120 }, id: { type: 'string', maxLength: 40 } },
  required: ['slug', 'id'],
} as const;

/** Refusals shown on the page they came from, not as an error page. */
const PAGE_REFUSALS = ['speaker.not_council_member', 'speaker.council_member_live', 'speaker.not_found'];

/** The text fields and the one file of a multipart form. */
async function multipartForm(
  request: FastifyRequest,
): Promise<{ values: Record<string, string>; file?: { name: string; bytes: Uint8Array } }> {
  if (!request.isMultipart()) throw new AppError('http.bad_request', { detail: 'the speaker form is sent as multipart/form-data' });
  const { values, files } = await readMultipartForm(request, ['file']);
  return { values, ...(files.file ? { file: { name: files.file.name, bytes: files.file.bytes } } : {}) };
}

function uploadOf(values: Record<string, string>, file: { name: string; bytes: Uint8Array } | undefined): SpeakerUpload {
  return {
    kind: values.kind,
    delegation: values.delegation,
    briefer: values.briefer,
    name: values.name,
    title: values.title,
    language: values.language,
    ...(file ? { file } : {}),
  };
}

/**
 * The statement page of a Council member's delegate: its delegation's statement at the meeting. Refuses (as the
 * written statement page does) anyone whose mission is not on the Council on the meeting day.
 */
export async function renderCouncilStatement(
  deps: { db: Database },
  request: FastifyRequest<{ Params: { slug: string } }>,
  reply: FastifyReply,
  o: { scope?: SpeakerScope; values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
): Promise<FastifyReply> {
  const actor = signedIn(request);
  const scope = o.scope ?? (await speakerScope(deps.db, await actingAs(deps.db, actor), request.params.slug));
  const own = scope.ownDelegation;
  if (!own) throw new AppError('statement.not_eligible', { detail: `${actor.organisation ?? 'no mission'} for ${request.params.slug}` });
  const [mission, current] = await Promise.all([findMission(deps.db, own), speakerOfDelegation(deps.db, scope.debate.id, own)]);
  const values =
    o.values ??
    (current ? { name: current.text.speaker_name, title: current.text.speaker_title, language: current.text.original_language } : {});
  return sendHtml(
    reply,
    councilStatementPage({
      actor,
      debate: scope.debate,
      missionName: mission?.mission_name ?? own,
      csrf: reply.csrfToken(),
      notice: noticeFor((request.query as { done?: unknown }).done, councilNotices),
      ...(current ? { current } : {}),
      values,
      errors: o.errors ?? {},
    }),
    o.status,
  );
}

export async function speakerRoutes(app: FastifyInstance, deps: SpeakerRoutesDeps): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 10, parts: 11, fieldSize: 16 * 1024 },
  });

  async function renderSpeakers(
    request: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    o: { values?: Record<string, string>; errors?: FieldErrors; error?: string; status?: number } = {},
  ) {
    const actor = signedIn(request);
    const scope = await speakerScope(deps.db, await actingAs(deps.db, actor), request.params.slug);
    const [speakers, missions] = await Promise.all([speakersOf(deps.db, scope.debate.id), allMissions(deps.db)]);
    const sorted = sortMissions(missions);
    const council = scope.council;
    return sendHtml(
      reply,
      speakersPage({
        actor,
        debate: scope.debate,
        csrf: reply.csrfToken(),
        notice: noticeFor((request.query as { done?: unknown }).done, notices),
        ...(o.error ? { error: o.error } : {}),
        speakers,
        labels: new Map(sorted.map((m) => [m.code, m.label])),
        council,
        nonMembers: sorted.filter((m) => !council?.includes(m.code)).map((m) => m.code),
        presiding: scope.debate.presiding_state,
        values: o.values ?? {},
        errors: o.errors ?? {},
        now: deps.clock.now(),
      }),
      o.status,
    );
  }

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug/speakers',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: slugParams } },
    async (request, reply) => renderSpeakers(request, reply),
  );

  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/speakers',
    { config: { policy: STATEMENTS_REVIEW, upload: { files: 1 } }, schema: { params: slugParams } },
    async (request, reply) => {
      const { values, file } = await multipartForm(request);
      try {
        const outcome = await recordSpeaker(
          deps.db,
          deps.clock,
          await actingAs(deps.db, signedIn(request)),
          request.params.slug,
          uploadOf(values, file),
          { maxBytes: deps.maxUploadBytes },
        );
        if (Object.keys(outcome.errors).length > 0) return renderSpeakers(request, reply, { values, errors: outcome.errors, status: 400 });
      } catch (err) {
        if (isAppError(err) && PAGE_REFUSALS.includes(err.code))
          return renderSpeakers(request, reply, { values, error: err.message, status: err.status });
        throw err;
      }
      return reply.redirect(`/debates/${request.params.slug}/speakers?done=recorded#order`, 303);
    },
  );

  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/speakers/order',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: slugParams } },
    async (request, reply) => {
      const values = formValues(request.body);
      const wanted = new Map<string, number>();
      const errors: FieldErrors = {};
      for (const [name, value] of Object.entries(values)) {
        if (!name.startsWith('position-')) continue;
        const position = parsePosition(value);
        if (position === undefined) errors[name] = 'Write each position as a whole number from 1 to 999.';
        else wanted.set(name.slice('position-'.length), position);
      }
      if (Object.keys(errors).length > 0)
        return renderSpeakers(request, reply, {
          errors,
          error: 'Write each position as a whole number from 1 to 999. Nothing was saved.',
          status: 400,
        });
      try {
        await deps.db
          .transaction()
          .execute(async (trx) => setSpeakingOrder(trx, deps.clock, await actingAs(trx, signedIn(request)), request.params.slug, wanted));
      } catch (err) {
        if (isAppError(err) && PAGE_REFUSALS.includes(err.code))
          return renderSpeakers(request, reply, { error: err.message, status: err.status });
        throw err;
      }
      return reply.redirect(`/debates/${request.params.slug}/speakers?done=ordered#order`, 303);
    },
  );

  app.post<{ Params: { slug: string; id: string } }>(
    '/debates/:slug/speakers/:id/remove',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: speakerParams } },
    async (request, reply) => {
      try {
        await deps.db
          .transaction()
          .execute(async (trx) =>
            removeSpeaker(trx, deps.clock, await actingAs(trx, signedIn(request)), request.params.slug, request.params.id),
          );
      } catch (err) {
        if (isAppError(err) && PAGE_REFUSALS.includes(err.code))
          return renderSpeakers(request, reply, { error: err.message, status: err.status });
        throw err;
      }
      return reply.redirect(`/debates/${request.params.slug}/speakers?done=removed#order`, 303);
    },
  );

  app.get<{ Params: { slug: string; id: string } }>(
    '/debates/:slug/speakers/:id/file',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: speakerParams } },
    async (request, reply) => {
      const scope = await speakerScope(deps.db, await actingAs(deps.db, signedIn(request)), request.params.slug);
      const speaker = UUID.test(request.params.id) ? await findSpeaker(deps.db, scope.debate.id, request.params.id) : undefined;
      if (!speaker) throw new AppError('speaker.not_found');
      const text = (await speakersOf(deps.db, scope.debate.id)).find((e) => e.speaker.id === speaker.id)?.text;
      // The text's clean copy, as every file Rostrum hands out (checks/served-copy.ts).
      const blob = text ? await servedCopy(deps.db, { sha256: text.file_sha256, cleanSha256: text.file_clean_sha256 }) : undefined;
      if (!text || !blob) throw new AppError('blob.not_found');
      return reply
        .header('content-type', blob.mediaType)
        .header('content-disposition', `attachment; filename="${safeFileName(text.file_name).replace(/[^A-Za-z0-9._-]+/g, '-')}"`)
        .send(Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, blob.bytes.byteLength));
    },
  );

  // A Council member's delegate sends its delegation's statement (the page is GET /debates/:slug/statement).
  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/statement/council',
    { config: { policy: STATEMENTS_SUBMIT, upload: { files: 1 } }, schema: { params: slugParams } },
    async (request, reply) => {
      const by = await actingAs(deps.db, signedIn(request));
      const scope = await speakerScope(deps.db, by, request.params.slug);
      if (!scope.ownDelegation) throw new AppError('statement.not_eligible');
      const { values, file } = await multipartForm(request);
      const outcome = await recordSpeaker(deps.db, deps.clock, by, request.params.slug, uploadOf({ ...values, kind: 'council' }, file), {
        maxBytes: deps.maxUploadBytes,
      });
      if (Object.keys(outcome.errors).length > 0)
        return renderCouncilStatement(deps, request, reply, { scope, values, errors: outcome.errors, status: 400 });
      return reply.redirect(`/debates/${request.params.slug}/statement?done=sent`, 303);
    },
  );
}
