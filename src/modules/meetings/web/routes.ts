// The module's public pages. Thin handlers: parse, load, present.
import type { FastifyInstance } from 'fastify';
import { allows, PUBLIC, type Actor } from '../../../kernel/authz.js';
import { isoDateIn } from '../../../kernel/dates.js';
import { latestGeneration, symbolsOfSubject } from '../../documents/index.js';
import { DEBATE_CREATE, DEBATE_PREPARE } from '../policies.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import {
  findDebateBySlug,
  listDebates,
  listDebatesForCalendar,
  loadCouncil,
  loadDebateForSubmissions,
  type DebateRecord,
  type RecordedBriefings,
} from '../db.js';
import { unconfirmedBriefers } from '../domain/briefers.js';
import { presidencyOfDebate } from '../presidency.js';
import { presidingStates, type CouncilData } from '../domain/council.js';
import { eligibleDelegations } from '../domain/eligibility.js';
import { submissionDecision } from '../domain/submission-window.js';
import { CALENDAR_CONTENT_TYPE, debatesCalendar } from './calendar.js';
import { debatePage, type OwnStatement, type ViewerSituation } from './debate-page.js';
import { homePage } from './home-page.js';

/** Where a delegation's statement to a debate stands: given by the statements module, which builds on this one. */
export type OwnStatementOf = (db: Database, debateId: string, delegation: string) => Promise<OwnStatement | undefined>;

export interface MeetingsRoutesDeps {
  db: Database;
  clock: Clock;
  publicUrl: string;
  recordedBriefings: RecordedBriefings;
  ownStatement: OwnStatementOf;
}

/** The situation of a reader on a mission's staff (none for anyone else): eligibility, window, own statement. */
async function viewerSituation(
  deps: MeetingsRoutesDeps,
  actor: Actor,
  debate: DebateRecord,
  council: CouncilData,
  now: Date,
): Promise<ViewerSituation | undefined> {
  if (actor.kind !== 'account' || actor.organisation === null) return undefined;
  const delegation = actor.organisation;
  const loaded = await loadDebateForSubmissions(deps.db, debate.slug);
  if (!loaded) return undefined;
  const eligible = eligibleDelegations(council, isoDateIn(debate.starts_at, debate.time_zone), loaded.added).codes.includes(delegation);
  const statement = eligible ? await deps.ownStatement(deps.db, debate.id, delegation) : undefined;
  const decision = submissionDecision(loaded.window, delegation, now, { action: statement?.state === 'submitted' ? 'modify' : 'submit' });
  return { delegation, eligible, decision, statement };
}

export async function meetingsRoutes(app: FastifyInstance, deps: MeetingsRoutesDeps): Promise<void> {
  const slugParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 120 } }, required: ['slug'] } as const;

  app.get('/', { config: { policy: PUBLIC } }, async (request, reply) => {
    const debates = await listDebates(deps.db);
    // Whether the "new debate" link is offered: the guard's question first, so a visitor costs no query.
    const canCreate =
      allows(request.actor, DEBATE_CREATE) &&
      allows(request.actor, DEBATE_CREATE, { presidingStates: presidingStates(await loadCouncil(deps.db)) });
    return reply.type('text/html; charset=utf-8').send(homePage(debates, deps.clock.now(), request.actor, { canCreate }).value);
  });

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug',
    { config: { policy: PUBLIC }, schema: { params: slugParams } },
    async (request, reply) => {
      const debate = await findDebateBySlug(deps.db, request.params.slug);
      if (!debate) throw new AppError('debate.not_found');
      const issued = await latestGeneration(deps.db, 'announcement_letter', debate.id, { issued: true });
      const letter = issued?.symbol ? { symbol: issued.symbol, renditions: issued.renditions } : undefined;
      // The compilation's own symbol (its corrigenda are listed on its page).
      const compiled = (await symbolsOfSubject(deps.db, debate.id)).find((s) => s.purpose === 'compilation' && s.parent === null);
      const council = await loadCouncil(deps.db);
      const canPrepare =
        allows(request.actor, DEBATE_PREPARE) &&
        allows(request.actor, DEBATE_PREPARE, { presidingState: presidencyOfDebate(council, debate) });
      // Named, not imported: the statements module builds on this one, and its policy is registered by the time a request comes.
      const canSubmit = allows(request.actor, 'statements.submit');
      const now = deps.clock.now();
      const viewer = await viewerSituation(deps, request.actor, debate, council, now);
      // What was recorded at the meeting matters only while a briefer is marked "to be confirmed" before it.
      const briefed =
        unconfirmedBriefers(debate, new Set(), now).length > 0
          ? (await deps.recordedBriefings(deps.db, [debate.id])).get(debate.id)
          : undefined;
      return reply.type('text/html; charset=utf-8').send(
        debatePage(debate, now, request.actor, {
          letter,
          canPrepare,
          canSubmit,
          council,
          ...(viewer ? { viewer } : {}),
          ...(compiled ? { compilation: { symbol: compiled.symbol } } : {}),
          ...(briefed ? { briefed } : {}),
        }).value,
      );
    },
  );

  // The calendar feeds (see calendar.ts). find-my-way matches the static '.ics' suffix before the bare parameter, so
  // '/debates/x.ics' is the feed of debate x and '/debates/x' its page (a slug has no dot).
  app.get('/debates.ics', { config: { policy: PUBLIC } }, async (_request, reply) => {
    const debates = await listDebatesForCalendar(deps.db);
    return reply
      .type(CALENDAR_CONTENT_TYPE)
      .send(debatesCalendar(debates, { publicUrl: deps.publicUrl, name: 'Security Council open debates' }));
  });

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug.ics',
    { config: { policy: PUBLIC }, schema: { params: slugParams } },
    async (request, reply) => {
      const debate = await findDebateBySlug(deps.db, request.params.slug);
      if (!debate) throw new AppError('debate.not_found');
      return reply.type(CALENDAR_CONTENT_TYPE).send(debatesCalendar([debate], { publicUrl: deps.publicUrl, name: debate.theme }));
    },
  );
}
