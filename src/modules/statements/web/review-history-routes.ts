// A delegation's history, for the Secretariat: every version it sent (or that was entered on its behalf) with the
// decisions on them, and every version's files, as Rostrum hands them out or exactly as they were received.
import type { FastifyInstance } from 'fastify';
import { noticeOf, params, type SlugCodeParams } from '../../../web/route-kit.js';
import { accountNames } from '../../identity/index.js';
import { findSubmission, reviewsOfSubmission, revisionsOf } from '../db.js';
import { deskState } from '../domain/desk-state.js';
import { STATEMENTS_REVIEW } from '../policies.js';
import { historyPage } from './review-pages.js';
import { debateOf, missionOf, notices, revisionFileParams, sendRevisionFile, type ReviewRoutesDeps } from './review-model.js';

type RevisionFileParams = SlugCodeParams & { seq: number; which: 'statement' | 'cover' };

const reviewing = { policy: STATEMENTS_REVIEW } as const;

export async function reviewHistoryRoutes(app: FastifyInstance, deps: Pick<ReviewRoutesDeps, 'db'>): Promise<void> {
  app.get<{ Params: SlugCodeParams }>(
    '/debates/:slug/statements/:code/history',
    { config: reviewing, schema: { params: params.slugCode } },
    async (request, reply) => {
      const debate = await debateOf(deps.db, request.params.slug);
      const mission = await missionOf(deps.db, request.params.code);
      const submission = await findSubmission(deps.db, debate.id, mission.code);
      const [revisions, reviews] = submission
        ? await Promise.all([revisionsOf(deps.db, submission.id), reviewsOfSubmission(deps.db, submission.id)])
        : [[], []];
      const names = await accountNames(deps.db, [...new Set([...revisions.map((r) => r.created_by), ...reviews.map((r) => r.decided_by)])]);
      const review = submission ? reviews.find((r) => r.revision_id === submission.current_revision) : undefined;
      return reply.html(
        historyPage({
          actor: request.actor,
          debate,
          ...mission,
          state: deskState(submission ? { submission, review } : undefined),
          notice: noticeOf(request, notices),
          ...(submission ? { submission } : {}),
          revisions,
          reviews,
          names,
        }),
      );
    },
  );

  /** The revision a file's address names (its delegation's version `seq`), if there is one. */
  async function revisionOf(p: RevisionFileParams) {
    const debate = await debateOf(deps.db, p.slug);
    const submission = await findSubmission(deps.db, debate.id, p.code);
    return submission ? (await revisionsOf(deps.db, submission.id)).find((r) => r.seq === p.seq) : undefined;
  }

  app.get<{ Params: RevisionFileParams }>(
    '/debates/:slug/statements/:code/revisions/:seq/:which',
    { config: reviewing, schema: { params: revisionFileParams } },
    async (request, reply) => {
      const p = request.params;
      return sendRevisionFile(deps.db, reply, p.code, await revisionOf(p), p.which, p.seq);
    },
  );

  // The bytes received from the delegation, exactly: for the record, and only here (everything else serves the clean copy).
  app.get<{ Params: RevisionFileParams }>(
    '/debates/:slug/statements/:code/revisions/:seq/:which/as-received',
    { config: reviewing, schema: { params: revisionFileParams } },
    async (request, reply) => {
      const p = request.params;
      return sendRevisionFile(deps.db, reply, p.code, await revisionOf(p), p.which, p.seq, true);
    },
  );
}
