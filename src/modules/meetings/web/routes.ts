// The module's public pages: the debates, a debate's page and calendar, its issued letter and the journal. Thin
// handlers: parse, load (the routes with a `:slug` load the debate before their guard), present.
import type { FastifyInstance } from 'fastify';
import { allows, PUBLIC, type Actor } from '../../../kernel/authz.js';
import { isoDateIn } from '../../../kernel/dates.js';
import {
  documentModelSchema,
  downloadName,
  formatOfExtension,
  findSymbol,
  latestGeneration,
  refreshWhilePending,
  sendRendition,
  symbolsOfSubject,
} from '../../documents/index.js';
import { DEBATE_CREATE, DEBATE_PREPARE, maySchedule } from '../policies.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { params, type SlugParams } from '../../../web/route-kit.js';
import {
  listDebates,
  listDebatesForCalendar,
  listUpcomingDebates,
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
import { journalPage } from './journal-page.js';
import { letterPage } from './letter-page.js';

/** Where a delegation's statement to a debate stands: given by the statements module, which builds on this one. */
export type OwnStatementOf = (db: Database, debateId: string, delegation: string) => Promise<OwnStatement | undefined>;

export interface MeetingsRoutesDeps {
  db: Database;
  clock: Clock;
  publicUrl: string;
  recordedBriefings: RecordedBriefings;
  ownStatement: OwnStatementOf;
  /** Whether the actor may submit written statements at all: the statements module's rule, which builds on this one. */
  maySubmitStatements: (actor: Actor) => boolean;
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
  /** The public pages of one debate: the debate in the address, loaded before anything else. */
  const aDebate = { policy: PUBLIC, load: ['debate'] } as const;

  app.get('/', { config: { policy: PUBLIC } }, async (request, reply) => {
    const debates = await listDebates(deps.db);
    // Whether the "new debate" link is offered: who could schedule at all first, so a visitor costs no query.
    const canCreate =
      maySchedule(request.actor) && allows(request.actor, DEBATE_CREATE, { presidingStates: presidingStates(await loadCouncil(deps.db)) });
    return reply.html(homePage(debates, deps.clock.now(), request.actor, { canCreate }));
  });

  app.get<{ Params: SlugParams }>('/debates/:slug', { config: aDebate, schema: { params: params.slug } }, async (request, reply) => {
    const { debate } = request.loaded;
    const issued = await latestGeneration(deps.db, 'announcement_letter', debate.id, { issued: true });
    const letter = issued?.symbol ? { symbol: issued.symbol, renditions: issued.renditions } : undefined;
    // The compilation's own symbol (its corrigenda are listed on its page).
    const compiled = (await symbolsOfSubject(deps.db, debate.id)).find((s) => s.purpose === 'compilation' && s.parent === null);
    const council = await loadCouncil(deps.db);
    const canPrepare = allows(request.actor, DEBATE_PREPARE, { presidingState: presidencyOfDebate(council, debate) });
    const canSubmit = deps.maySubmitStatements(request.actor);
    const now = deps.clock.now();
    const viewer = await viewerSituation(deps, request.actor, debate, council, now);
    // What was recorded at the meeting matters only while a briefer is marked "to be confirmed" before it.
    const briefed =
      unconfirmedBriefers(debate, new Set(), now).length > 0
        ? (await deps.recordedBriefings(deps.db, [debate.id])).get(debate.id)
        : undefined;
    return reply.html(
      debatePage(debate, now, request.actor, {
        letter,
        canPrepare,
        canSubmit,
        council,
        ...(viewer ? { viewer } : {}),
        ...(compiled ? { compilation: { symbol: compiled.symbol } } : {}),
        ...(briefed ? { briefed } : {}),
      }),
    );
  });

  // The calendar feeds (see calendar.ts). find-my-way matches the static '.ics' suffix before the bare parameter, so
  // '/debates/x.ics' is the feed of debate x and '/debates/x' its page (a slug has no dot).
  app.get('/debates.ics', { config: { policy: PUBLIC } }, async (_request, reply) => {
    const debates = await listDebatesForCalendar(deps.db);
    return reply
      .type(CALENDAR_CONTENT_TYPE)
      .send(debatesCalendar(debates, { publicUrl: deps.publicUrl, name: 'Security Council open debates' }));
  });

  app.get<{ Params: SlugParams }>('/debates/:slug.ics', { config: aDebate, schema: { params: params.slug } }, async (request, reply) => {
    const { debate } = request.loaded;
    return reply.type(CALENDAR_CONTENT_TYPE).send(debatesCalendar([debate], { publicUrl: deps.publicUrl, name: debate.theme }));
  });

  // -- The issued letter -------------------------------------------------------------------------------------------
  app.get<{ Params: SlugParams }>('/debates/:slug/letter', { config: aDebate, schema: { params: params.slug } }, async (request, reply) => {
    const { debate } = request.loaded;
    const generation = await latestGeneration(deps.db, 'announcement_letter', debate.id, { issued: true });
    if (!generation) throw new AppError('document.not_generated');
    const model = documentModelSchema.parse(generation.model);
    const numberedHere = model.symbol ? (await findSymbol(deps.db, model.symbol))?.numbered_by === 'installation' : false;
    refreshWhilePending(reply, generation.renditions);
    return reply.html(letterPage(request.actor, debate, model, generation.renditions, { numberedHere }));
  });

  app.get<{ Params: { slug: string; ext: string } }>(
    '/debates/:slug/letter.:ext',
    {
      config: aDebate,
      schema: {
        params: {
          type: 'object',
          properties: { slug: params.slug.properties.slug, ext: { type: 'string', maxLength: 10 } },
          required: ['slug', 'ext'],
        },
      },
    },
    async (request, reply) => {
      const { debate } = request.loaded;
      const format = formatOfExtension(request.params.ext);
      if (!format) throw new AppError('http.not_found');
      const generation = await latestGeneration(deps.db, 'announcement_letter', debate.id, { issued: true });
      if (!generation) throw new AppError('document.not_generated');
      return sendRendition(reply, deps.db, generation.id, format, downloadName(generation.symbol, debate.slug, format));
    },
  );

  // -- The journal ---------------------------------------------------------------------------------------------------
  app.get('/journal', { config: { policy: PUBLIC } }, async (request, reply) => {
    const now = deps.clock.now();
    const debates = await listUpcomingDebates(deps.db, now);
    // What was recorded at the meeting matters only for debates with a briefer marked "to be confirmed".
    const marked = debates.filter((d) => unconfirmedBriefers(d, new Set(), now).length > 0).map((d) => d.id);
    return reply.html(journalPage(debates, now, await deps.recordedBriefings(deps.db, marked), request.actor));
  });
}
