// The landing pages of everyday work (my-statements-page.ts): `/my/statements` for a mission's delegates and focal
// points, `/work` for the Secretariat. Read-only; each row links to where the work is done.
import type { FastifyInstance } from 'fastify';
import { allows } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database } from '../../../kernel/db/database.js';
import { signedIn } from '../../../web/session.js';
import { findMission } from '../../delegations/index.js';
import { latestGeneration } from '../../documents/index.js';
import {
  eligibleDelegations,
  listDebates,
  loadCouncil,
  loadDebateForSubmissions,
  submissionDecision,
  type DebateSummary,
} from '../../meetings/index.js';
import { deskEntries, findRevision, findSubmission, latestReview } from '../db.js';
import { deskState } from '../domain/desk-state.js';
import { STATEMENTS_REVIEW, STATEMENTS_SUBMIT, STATEMENTS_VIEW_OWN } from '../policies.js';
import { hasWork, myStatementsPage, splitMyDebates, workPage, type MyDebateRow, type WorkRow } from './my-statements-page.js';
import { sendHtml } from '../../../web/reply.js';

/** Debates whose meeting is this recent or later are listed; older ones are long closed. */
const RECENT_DAYS = 90;

export interface MyStatementsDeps {
  db: Database;
  clock: Clock;
  /** How many builds of each debate's compilation wait to be issued, by debate id (the compilation module's knowledge). */
  buildsToIssue: (db: Database) => Promise<ReadonlyMap<string, number>>;
}

export async function myStatementsRoutes(app: FastifyInstance, deps: MyStatementsDeps): Promise<void> {
  const { db } = deps;

  function recentDebates(debates: DebateSummary[], now: Date): DebateSummary[] {
    const since = now.getTime() - RECENT_DAYS * 24 * 3600 * 1000;
    return debates.filter((d) => d.starts_at.getTime() >= since);
  }

  /** The delegation's row for one debate, or undefined when it may not submit to it. */
  async function rowOf(
    slug: string,
    delegation: string,
    council: Awaited<ReturnType<typeof loadCouncil>>,
    now: Date,
  ): Promise<MyDebateRow | undefined> {
    const loaded = await loadDebateForSubmissions(db, slug);
    if (!loaded) return undefined;
    const { debate, added, window } = loaded;
    if (!eligibleDelegations(council, isoDateIn(debate.starts_at, debate.time_zone), added).codes.includes(delegation)) return undefined;
    const submission = await findSubmission(db, debate.id, delegation);
    const review = submission?.state === 'submitted' ? await latestReview(db, submission.current_revision) : undefined;
    const revision = submission ? await findRevision(db, submission.current_revision) : undefined;
    const state = deskState(submission ? { submission, review } : undefined);
    const action = submission?.state === 'submitted' ? 'modify' : 'submit';
    return {
      slug: debate.slug,
      theme: debate.theme,
      startsAt: debate.starts_at,
      timeZone: debate.time_zone,
      state,
      receivedAt: revision?.created_at ?? null,
      returnedReason: state === 'returned' ? (review?.reason ?? null) : null,
      decision: submissionDecision(window, delegation, now, { action }),
    };
  }

  app.get('/my/statements', { config: { policy: STATEMENTS_VIEW_OWN } }, async (request, reply) => {
    const actor = signedIn(request);
    const delegation = actor.organisation ?? '';
    const now = deps.clock.now();
    const [mission, council, debates] = await Promise.all([findMission(db, delegation), loadCouncil(db), listDebates(db)]);
    const rows: MyDebateRow[] = [];
    for (const d of recentDebates(debates, now)) {
      const row = await rowOf(d.slug, delegation, council, now);
      if (row) rows.push(row);
    }
    const { open, recent } = splitMyDebates(rows, now, RECENT_DAYS);
    return sendHtml(
      reply,
      myStatementsPage({
        actor,
        missionName: mission?.mission_name ?? delegation,
        canSubmit: allows(actor, STATEMENTS_SUBMIT),
        missionHref: actor.role === 'focal_point' ? `/missions/${encodeURIComponent(delegation)}` : null,
        open,
        recent,
      }),
    );
  });

  app.get('/work', { config: { policy: STATEMENTS_REVIEW } }, async (request, reply) => {
    const now = deps.clock.now();
    const [debates, builds] = await Promise.all([listDebates(db), deps.buildsToIssue(db)]);
    const rows: WorkRow[] = [];
    for (const d of recentDebates(debates, now)) {
      const entries = await deskEntries(db, d.id);
      const upcoming = d.starts_at.getTime() >= now.getTime();
      const letterToIssue = upcoming && !(await latestGeneration(db, 'announcement_letter', d.id, { issued: true }));
      rows.push({
        slug: d.slug,
        theme: d.theme,
        startsAt: d.starts_at,
        timeZone: d.time_zone,
        toReview: entries.filter((e) => deskState(e) === 'received').length,
        buildsToIssue: builds.get(d.id) ?? 0,
        letterToIssue,
      });
    }
    const waiting = rows.filter(hasWork).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    return sendHtml(reply, workPage({ actor: signedIn(request), rows: waiting }));
  });
}
