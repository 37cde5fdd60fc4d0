// The Secretariat's review desk: the list, a decision per statement, accepting every statement waiting, and the
// files of the current versions. Thin handlers over the review command.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountActor } from '../../../kernel/authz.js';
import { getBlob } from '../../../kernel/blobs/index.js';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError, isAppError } from '../../../kernel/errors.js';
import { noticeFor, type FieldErrors } from '../../../web/forms.js';
import { allMissions, formValues, sortMissions, UUID } from '../../delegations/index.js';
import { actingAs } from '../../identity/index.js';
import { addedDelegations, eligibleDelegations, findDebateBySlug, type DebateRecord } from '../../meetings/index.js';
import { reviewStatement } from '../commands/review-statement.js';
import { safeFileName } from '../commands/save-draft.js';
import { deskEntries } from '../db.js';
import { deskState, type DeskState, DESK_STATES } from '../domain/desk-state.js';
import { STATEMENTS_REVIEW } from '../policies.js';
import { reviewDeskPage, type DeskRow } from './review-desk.js';

const notices = {
  accepted: 'The statement was accepted.',
  returned: 'The statement was returned; the delegation was told why by e-mail.',
  accepted_all: 'Every statement waiting was accepted.',
} as const;

const slugParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 120 } }, required: ['slug'] } as const;
const codeParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 120 }, code: { type: 'string', maxLength: 40 } }, required: ['slug', 'code'] } as const;
const fileParams = {
  type: 'object',
  properties: { slug: { type: 'string', maxLength: 120 }, code: { type: 'string', maxLength: 40 }, which: { type: 'string', enum: ['statement', 'cover'] } },
  required: ['slug', 'code', 'which'],
} as const;

function signedIn(request: FastifyRequest): AccountActor {
  if (request.actor.kind !== 'account') throw new AppError('auth.unauthenticated');
  return request.actor;
}

export async function reviewRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock; publicUrl: string }): Promise<void> {
  async function debateOf(slug: string): Promise<DebateRecord> {
    const debate = await findDebateBySlug(deps.db, slug);
    if (!debate) throw new AppError('debate.not_found');
    return debate;
  }

  async function rows(debate: DebateRecord): Promise<DeskRow[]> {
    const eligible = eligibleDelegations(isoDateIn(debate.starts_at, debate.time_zone), await addedDelegations(deps.db, debate.id)).codes;
    const entries = new Map((await deskEntries(deps.db, debate.id)).map((e) => [e.submission.delegation, e]));
    const missions = sortMissions((await allMissions(deps.db)).filter((m) => eligible.includes(m.code) || entries.has(m.code)));
    return missions.map((m) => {
      const entry = entries.get(m.code);
      return { code: m.code, label: m.label, state: deskState(entry), entry };
    });
  }

  async function render(request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply, errors?: FieldErrors, status = 200) {
    const debate = await debateOf(request.params.slug);
    const all = await rows(debate);
    const requested = (request.query as { state?: unknown }).state;
    const filter = typeof requested === 'string' && (DESK_STATES as readonly string[]).includes(requested) ? (requested as DeskState) : 'all';
    const counts = Object.fromEntries(DESK_STATES.map((s) => [s, all.filter((r) => r.state === s).length])) as Record<DeskState, number>;
    const markup = reviewDeskPage({
      actor: request.actor,
      debate,
      csrf: reply.csrfToken(),
      notice: noticeFor((request.query as { done?: unknown }).done, notices),
      rows: all,
      filter,
      counts,
      ...(errors ? { errors } : {}),
    });
    return reply.status(status).type('text/html; charset=utf-8').send(markup.value);
  }

  app.get<{ Params: { slug: string } }>('/debates/:slug/statements', { config: { policy: STATEMENTS_REVIEW }, schema: { params: slugParams } }, async (request, reply) => render(request, reply));

  app.post<{ Params: { slug: string; code: string } }>(
    '/debates/:slug/statements/:code/review',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: codeParams } },
    async (request, reply) => {
      const values = formValues(request.body);
      const decision = values.decision === 'returned' ? 'returned' : 'accepted';
      const revisionId = values.revision ?? '';
      if (!UUID.test(revisionId)) throw new AppError('http.bad_request');
      try {
        await deps.db.transaction().execute(async (trx) =>
          reviewStatement(trx, deps.clock, await actingAs(trx, signedIn(request)), { slug: request.params.slug, delegation: request.params.code, revisionId, decision, reason: values.reason }, deps),
        );
      } catch (err) {
        if (isAppError(err) && (err.code === 'input.invalid' || err.code === 'statement.review_outdated')) {
          const message = err.code === 'input.invalid' ? 'Say what the delegation should correct, in 3 to 2000 characters.' : err.message;
          return render(request, reply, { [`row-${request.params.code}`]: message }, err.status);
        }
        throw err;
      }
      return reply.redirect(`/debates/${request.params.slug}/statements?done=${decision}#row-${request.params.code}`, 303);
    },
  );

  app.post<{ Params: { slug: string } }>('/debates/:slug/statements/accept-all', { config: { policy: STATEMENTS_REVIEW }, schema: { params: slugParams } }, async (request, reply) => {
    const debate = await debateOf(request.params.slug);
    const waiting = (await rows(debate)).filter((r) => r.state === 'received' && r.entry);
    // One transaction per statement: a delegation sending a new version meanwhile leaves that one to review.
    for (const r of waiting) {
      try {
        await deps.db.transaction().execute(async (trx) =>
          reviewStatement(trx, deps.clock, await actingAs(trx, signedIn(request)), { slug: debate.slug, delegation: r.code, revisionId: r.entry!.revision.id, decision: 'accepted' }, deps),
        );
      } catch (err) {
        if (!(isAppError(err) && err.code === 'statement.review_outdated')) throw err;
      }
    }
    return reply.redirect(`/debates/${debate.slug}/statements?done=accepted_all`, 303);
  });

  app.get<{ Params: { slug: string; code: string; which: 'statement' | 'cover' } }>(
    '/debates/:slug/statements/:code/files/:which',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: fileParams } },
    async (request, reply) => {
      const debate = await debateOf(request.params.slug);
      const entry = (await deskEntries(deps.db, debate.id)).find((e) => e.submission.delegation === request.params.code);
      const rev = entry?.revision;
      const sha = request.params.which === 'statement' ? rev?.statement_sha256 : rev?.cover_sha256;
      if (!rev || !sha) throw new AppError('statement.not_found');
      const blob = await getBlob(deps.db, sha);
      if (!blob) throw new AppError('blob.not_found');
      const name = safeFileName((request.params.which === 'statement' ? rev.statement_name : rev.cover_name) ?? request.params.which).replace(/["\\]/g, '_');
      return reply
        .header('content-type', blob.mediaType)
        .header('content-disposition', `attachment; filename="${request.params.code}-${name.replace(/[^\x20-\x7e]/g, '_')}"`)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, blob.bytes.byteLength));
    },
  );
}
