// GET /api/v1/debates and GET /api/v1/debates/{slug}: the debates as published on the public pages, for
// programs. Times are ISO 8601 with the offset of the debate's time zone (see iso.ts), with the zone's name.
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../kernel/clock.js';
import type { Database } from '../kernel/db/database.js';
import { AppError } from '../kernel/errors.js';
import {
  findDebateBySlug,
  listDebates,
  unconfirmedBriefers,
  windowState,
  type DebateRecord,
  type DebateSummary,
} from '../modules/meetings/index.js';
import { recordedBriefings } from '../modules/statements/index.js';
import { isoInZone } from './iso.js';
import { apiPolicies } from './policies.js';
import { errorResponses } from './schemas.js';

const zonedInstant = (description: string) =>
  ({
    type: 'string',
    format: 'date-time',
    description: `${description} ISO 8601 with the UTC offset of the debate’s time zone at that instant.`,
  }) as const;

const debateSummaryProperties = {
  slug: { type: 'string', description: 'The debate’s identifier, as in its page’s address.' },
  url: { type: 'string', format: 'uri', description: 'The public page of the debate.' },
  body: { type: 'string', enum: ['security_council'] },
  theme: { type: 'string' },
  format: { type: 'string', enum: ['in_person', 'videoconference', 'hybrid'] },
  presidingState: { type: 'string', description: 'ISO 3166-1 alpha-3 code of the State holding the presidency.' },
  timeZone: { type: 'string', description: 'IANA time zone of the duty station, e.g. America/New_York.' },
  startsAt: zonedInstant('When the meeting starts.'),
  submissionWindow: {
    type: 'object',
    description: 'When written statements may be submitted; the deadline is the last instant on time.',
    required: ['opensAt', 'deadline', 'state'],
    additionalProperties: false,
    properties: {
      opensAt: zonedInstant('When submissions open.'),
      deadline: zonedInstant('The last instant at which a submission is on time.'),
      state: {
        type: 'string',
        enum: ['not_yet_open', 'open', 'closed'],
        description: 'Where the window stands at the time of the answer.',
      },
    },
  },
} as const;

const debateSummarySchema = {
  type: 'object',
  required: Object.keys(debateSummaryProperties),
  additionalProperties: false,
  properties: debateSummaryProperties,
} as const;

const debateSchema = {
  type: 'object',
  description: 'One debate.',
  required: [...Object.keys(debateSummaryProperties), 'kind', 'agendaItem', 'chair', 'briefers', 'wordGuidance', 'letterDate'],
  additionalProperties: false,
  properties: {
    ...debateSummaryProperties,
    kind: { type: 'string', enum: ['open_debate'] },
    agendaItem: { type: 'string' },
    chair: {
      type: 'object',
      required: ['name', 'function'],
      additionalProperties: false,
      properties: { name: { type: 'string' }, function: { type: 'string' } },
    },
    briefers: {
      type: 'array',
      description: 'In the order announced.',
      items: {
        type: 'object',
        required: ['name', 'function', 'toBeConfirmed'],
        additionalProperties: false,
        properties: {
          name: { type: ['string', 'null'], description: 'Null when only the function is announced.' },
          function: { type: 'string' },
          toBeConfirmed: {
            type: 'boolean',
            description:
              'True while the briefer is announced as to be confirmed, the meeting has not begun and no briefing of theirs is recorded, as the debate’s page shows it.',
          },
        },
      },
    },
    wordGuidance: { type: 'integer', description: 'The suggested length of a written statement, in words.' },
    letterDate: { type: ['string', 'null'], format: 'date', description: 'Date of the letter announcing the debate (YYYY-MM-DD).' },
  },
} as const;

export interface DebatesDeps {
  db: Database;
  clock: Clock;
  publicUrl: string;
}

function summary(d: DebateSummary, now: Date, publicUrl: string) {
  const tz = d.time_zone;
  return {
    slug: d.slug,
    url: `${publicUrl}/debates/${d.slug}`,
    body: d.body,
    theme: d.theme,
    format: d.format,
    presidingState: d.presiding_state,
    timeZone: tz,
    startsAt: isoInZone(d.starts_at, tz),
    submissionWindow: {
      opensAt: isoInZone(d.submissions_open_at, tz),
      deadline: isoInZone(d.submission_deadline, tz),
      state: windowState(d, now),
    },
  };
}

function detail(d: DebateRecord, now: Date, publicUrl: string, briefed: ReadonlySet<number>) {
  const unconfirmed = new Set(unconfirmedBriefers(d, briefed, now).map((b) => b.position));
  return {
    ...summary(d, now, publicUrl),
    kind: d.kind,
    agendaItem: d.agenda_item,
    chair: { name: d.chair_name, function: d.chair_function },
    briefers: d.briefers.map((b) => ({ name: b.name, function: b.function, toBeConfirmed: unconfirmed.has(b.position) })),
    wordGuidance: d.word_guidance,
    letterDate: d.letter_date,
  };
}

export async function debatesRoutes(app: FastifyInstance, deps: DebatesDeps): Promise<void> {
  app.get<{ Querystring: { limit: number } }>(
    '/debates',
    {
      exposeHeadRoute: false,
      config: { ...apiPolicies.debatesRead },
      schema: {
        operationId: 'listDebates',
        summary: 'List debates',
        description:
          'Debates, the most recent meeting first, with their dates and submission windows. The briefers are in each debate’s own answer.',
        tags: ['Debates'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50, description: 'How many debates to return, at most.' },
          },
        },
        response: {
          200: {
            type: 'object',
            description: 'The debates.',
            required: ['debates'],
            additionalProperties: false,
            properties: { debates: { type: 'array', items: debateSummarySchema } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const now = deps.clock.now();
      const debates = await listDebates(deps.db, request.query.limit);
      return { debates: debates.map((d) => summary(d, now, deps.publicUrl)) };
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug',
    {
      exposeHeadRoute: false,
      config: { ...apiPolicies.debatesRead },
      schema: {
        operationId: 'getDebate',
        summary: 'One debate',
        description: 'A debate with its chair, briefers, dates and submission window.',
        tags: ['Debates'],
        params: {
          type: 'object',
          required: ['slug'],
          properties: {
            slug: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 120, description: 'The debate’s identifier.' },
          },
        },
        response: { 200: debateSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const debate = await findDebateBySlug(deps.db, request.params.slug);
      if (!debate) throw new AppError('debate.not_found');
      const now = deps.clock.now();
      // What was recorded at the meeting matters only while a briefer is marked "to be confirmed" before it.
      const marked = unconfirmedBriefers(debate, new Set(), now).length > 0;
      const briefed = (marked ? (await recordedBriefings(deps.db, [debate.id])).get(debate.id) : undefined) ?? new Set<number>();
      return detail(debate, now, deps.publicUrl, briefed);
    },
  );
}
