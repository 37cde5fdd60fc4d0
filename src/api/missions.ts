// /api/v1/missions/{code}: a mission's own systems read its people, their module access and its signatories, and
// give or take module access, as its access focal points do on the mission page. Every route needs a token scope
// (mission:read or mission:write, which only focal points may hold) and the owner's own mission: the code in the
// address is the guard's subject (config.subject), so another mission's code is refused (403) before any handler
// runs. The handlers still check that the person in the address is of that mission, through the same commands
// the page calls (another mission's person answers 404 and changes nothing).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccountActor } from '../kernel/authz.js';
import type { Clock } from '../kernel/clock.js';
import { isoDateIn } from '../kernel/dates.js';
import type { Database } from '../kernel/db/database.js';
import { AppError } from '../kernel/errors.js';
import { findMission, listSignatories, MISSION_CODE, signatoryStatus, type MissionRow } from '../modules/delegations/index.js';
import {
  actingAs,
  grantModule,
  modules,
  peopleOfMission,
  revokeModule,
  type AdminMailSettings,
  type Module,
  type Person,
} from '../modules/identity/index.js';
import { apiPolicies } from './policies.js';
import { errorResponses, isoInstant } from './schemas.js';

export interface MissionsApiDeps {
  db: Database;
  clock: Clock;
  /** For the e-mail telling someone of new access (its sign-in address). */
  mail: AdminMailSettings;
}

/** Signatories' dates are calendar days at the duty station, as on the mission page. */
const DUTY_STATION = 'America/New_York';

// ---- Schemas ----

const codeParam = {
  type: 'string',
  pattern: MISSION_CODE.source,
  maxLength: 40,
  description:
    'The mission’s code: a State’s ISO 3166-1 alpha-3 code (BRA), or an entity’s code (european-union). It must be the token owner’s own mission.',
} as const;
const personParam = { type: 'string', format: 'uuid', description: 'The person’s id, as listed by getMissionPeople.' } as const;
const moduleProperty = {
  type: 'string',
  enum: [...modules],
  description:
    'A module of the platform: statements (submitting written statements for the mission), or presidency (acting for the mission while its State presides the Security Council: preparing that month’s debates, reading every statement before publication).',
} as const;

const missionParams = { type: 'object', required: ['code'], additionalProperties: false, properties: { code: codeParam } } as const;
const personParams = {
  type: 'object',
  required: ['code', 'id'],
  additionalProperties: false,
  properties: { code: codeParam, id: personParam },
} as const;
const grantParams = {
  type: 'object',
  required: ['code', 'id', 'module'],
  additionalProperties: false,
  properties: { code: codeParam, id: personParam, module: moduleProperty },
} as const;

const missionSchema = {
  type: 'object',
  description: 'The mission.',
  required: ['code', 'name', 'kind'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', description: 'The mission’s code.' },
    name: { type: 'string', description: 'The mission’s name, e.g. Permanent Mission of Brazil to the United Nations.' },
    kind: { type: 'string', enum: ['permanent_mission', 'permanent_observer_mission', 'delegation', 'office'] },
  },
} as const;

const personSchema = {
  type: 'object',
  description: 'One of the mission’s people.',
  required: ['id', 'name', 'email', 'role', 'status', 'deactivatedAt', 'invitation', 'modules'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string', description: 'The name the person is known by in Rostrum.' },
    email: { type: 'string', format: 'email' },
    role: {
      type: 'string',
      enum: ['focal_point', 'delegate'],
      description: 'focal_point: manages the mission’s people and signatories; delegate: works for the mission.',
    },
    status: {
      type: 'string',
      enum: ['active', 'deactivated'],
      description: 'A deactivated account cannot sign in, and its tokens were revoked.',
    },
    deactivatedAt: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'When the account was deactivated (UTC); null while it is active.',
    },
    invitation: {
      type: ['object', 'null'],
      description:
        'Null once the person has accepted the invitation (set a password). Otherwise whether the latest invitation link can still be used, and until when.',
      required: ['state', 'expiresAt'],
      additionalProperties: false,
      properties: {
        state: {
          type: 'string',
          enum: ['pending', 'expired'],
          description: 'pending: the link still works; expired: a new invitation must be sent from the mission page.',
        },
        expiresAt: isoInstant('When the latest invitation link stops (or stopped) working (UTC).'),
      },
    },
    modules: {
      type: 'array',
      items: { type: 'string', enum: [...modules] },
      description: 'Platform modules the mission’s focal points have opened to this person.',
    },
  },
} as const;

const peopleSchema = {
  type: 'object',
  description: 'The mission’s people, by name: current and deactivated accounts, and invitations not yet accepted.',
  required: ['people'],
  additionalProperties: false,
  properties: { people: { type: 'array', items: personSchema } },
} as const;

const signatoriesSchema = {
  type: 'object',
  description:
    'The mission’s authorised signatories, current, future and past, the latest authority first. Entries removed as mistakes are not listed.',
  required: ['date', 'signatories'],
  additionalProperties: false,
  properties: {
    date: {
      type: 'string',
      format: 'date',
      description: 'Today at the duty station (New York), YYYY-MM-DD: the day `status` is judged on.',
    },
    signatories: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'title', 'from', 'to', 'status'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          title: { type: 'string', description: 'e.g. Permanent Representative, Chargé d’affaires a.i.' },
          from: { type: 'string', format: 'date', description: 'The first day of the authority (YYYY-MM-DD).' },
          to: {
            type: ['string', 'null'],
            format: 'date',
            description: 'The last day of the authority (YYYY-MM-DD); null when it has no end date.',
          },
          status: {
            type: 'string',
            enum: ['current', 'future', 'ended'],
            description: 'current: may sign on `date`; future: not yet; ended: no longer.',
          },
        },
      },
    },
  },
} as const;

const grantBody = {
  type: 'object',
  required: ['module'],
  additionalProperties: false,
  properties: { module: moduleProperty },
} as const;

const refusalText = {
  400: 'The request could not be understood (a malformed mission code, person id, module or body): http.bad_request.',
  401: 'No valid access token: api.token_missing, api.token_invalid, api.token_expired, api.token_revoked or api.account_disabled.',
  403: 'The token does not carry the scope this operation needs (api.scope_missing), or the mission in the address is not the token owner’s own (auth.forbidden).',
  404: 'No such mission (mission.not_found).',
  409: 'Conflict.',
} as const;
type RefusalStatus = keyof typeof refusalText;

/** The error answers of an operation, each `{ error: { code, message } }`, described for these routes. */
function refusals(described: Partial<Record<RefusalStatus, string>>, ...statuses: RefusalStatus[]) {
  // The catalogue's error body, as the other API routes give it; only the descriptions differ.
  const body = errorResponses(404)[404];
  return Object.fromEntries(statuses.map((s) => [s, { ...body, description: described[s] ?? refusalText[s] }]));
}

// ---- Answers ----

function missionOut(m: MissionRow) {
  return { code: m.code, name: m.mission_name, kind: m.mission_kind };
}

function personOut(p: Person) {
  return {
    id: p.id,
    name: p.displayName,
    email: p.email,
    role: p.role,
    status: p.disabledAt === null ? 'active' : 'deactivated',
    deactivatedAt: p.disabledAt?.toISOString() ?? null,
    invitation: p.invitation ? { state: p.invitation.state, expiresAt: p.invitation.expiresAt.toISOString() } : null,
    modules: [...p.modules].sort(),
  };
}

// ---- Routes ----

/** The guard's subject: the mission in the address. */
const missionSubject = (request: FastifyRequest): unknown => (request.params as { code?: string }).code;

function tokenActor(request: FastifyRequest): AccountActor {
  // The policy has run: only an account with a token gets here. This narrows the type, and stays true if a policy is loosened.
  if (request.actor.kind !== 'account' || request.actor.via.kind !== 'token') throw new AppError('auth.forbidden');
  return request.actor;
}

export async function missionsApiRoutes(app: FastifyInstance, deps: MissionsApiDeps): Promise<void> {
  const mailSettings = deps.mail;

  async function loadMission(code: string): Promise<MissionRow> {
    const mission = await findMission(deps.db, code);
    if (!mission) throw new AppError('mission.not_found');
    return mission;
  }

  const read = { exposeHeadRoute: false, config: { ...apiPolicies.missionRead, subject: missionSubject } };
  const write = { config: { ...apiPolicies.missionWrite, subject: missionSubject } };

  app.get<{ Params: { code: string } }>(
    '/missions/:code',
    {
      ...read,
      schema: {
        operationId: 'getMission',
        summary: 'Your mission',
        description: 'The mission’s code, name and kind. Only the token owner’s own mission.',
        tags: ['Mission'],
        params: missionParams,
        response: { 200: missionSchema, ...refusals({}, 400, 401, 403, 404) },
      },
    },
    async (request) => missionOut(await loadMission(request.params.code)),
  );

  app.get<{ Params: { code: string } }>(
    '/missions/:code/people',
    {
      ...read,
      schema: {
        operationId: 'getMissionPeople',
        summary: 'Your mission’s people',
        description:
          'Everyone with an account of the mission: name, e-mail address, role, whether the account is active, whether an invitation is still to be accepted, and the modules opened to them. Changes show at once.',
        tags: ['Mission'],
        params: missionParams,
        response: { 200: peopleSchema, ...refusals({}, 400, 401, 403, 404) },
      },
    },
    async (request) => {
      const mission = await loadMission(request.params.code);
      const people = await peopleOfMission(deps.db, mission.code, deps.clock.now());
      return { people: people.map(personOut) };
    },
  );

  app.get<{ Params: { code: string } }>(
    '/missions/:code/signatories',
    {
      ...read,
      schema: {
        operationId: 'getMissionSignatories',
        summary: 'Your mission’s signatories',
        description:
          'The people authorised to sign for the mission (cover letters of written statements), with the dates of their authority: current, future and past.',
        tags: ['Mission'],
        params: missionParams,
        response: { 200: signatoriesSchema, ...refusals({}, 400, 401, 403, 404) },
      },
    },
    async (request) => {
      const mission = await loadMission(request.params.code);
      const today = isoDateIn(deps.clock.now(), DUTY_STATION);
      const signatories = await listSignatories(deps.db, mission.code);
      return {
        date: today,
        signatories: signatories.map((s) => ({
          id: s.id,
          name: s.name,
          title: s.title,
          from: s.from_date,
          to: s.to_date,
          status: signatoryStatus(s, today),
        })),
      };
    },
  );

  /** Runs a module command for one person of the mission in the address, in a transaction, acting as the token's owner. */
  async function changeAccess(
    request: FastifyRequest,
    code: string,
    accountId: string,
    module: Module,
    command: 'grant' | 'revoke',
  ): Promise<void> {
    const actor = tokenActor(request);
    const mission = await loadMission(code);
    const target = { accountId, mission: mission.code, module };
    // The commands load the person locked, and answer account.not_found for anyone not of this mission.
    await deps.db.transaction().execute(async (trx) => {
      const by = await actingAs(trx, actor);
      if (command === 'grant') await grantModule(trx, deps.clock, by, target, mailSettings);
      else await revokeModule(trx, deps.clock, by, target);
    });
  }

  const personRefusals = {
    404: 'No such mission (mission.not_found), or no such person among the mission’s people (account.not_found): a person of another mission is not found either.',
  };

  app.post<{ Params: { code: string; id: string }; Body: { module: Module } }>(
    '/missions/:code/people/:id/grants',
    {
      ...write,
      schema: {
        operationId: 'grantMissionModule',
        summary: 'Give a person access to a module',
        description:
          'Opens a module of the platform (statements, presidency) to one of the mission’s people, as the Give access button of the mission page does; the person is told by e-mail once they have accepted their invitation. Recorded in the mission’s audit trail. Answers the person as getMissionPeople lists them.',
        tags: ['Mission'],
        params: personParams,
        body: grantBody,
        response: {
          201: { ...personSchema, description: 'Access was given: the person, with their modules now.' },
          ...refusals(
            {
              ...personRefusals,
              409: 'The person already has this access (module.already_granted), or the account is deactivated (account.deactivated). Nothing was changed.',
            },
            400,
            401,
            403,
            404,
            409,
          ),
        },
      },
    },
    async (request, reply) => {
      await changeAccess(request, request.params.code, request.params.id, request.body.module, 'grant');
      const person = (await peopleOfMission(deps.db, request.params.code, deps.clock.now())).find((p) => p.id === request.params.id);
      if (!person) throw new AppError('account.not_found', { detail: 'the person vanished after the grant' });
      return reply.status(201).send(personOut(person));
    },
  );

  app.delete<{ Params: { code: string; id: string; module: Module } }>(
    '/missions/:code/people/:id/grants/:module',
    {
      ...write,
      schema: {
        operationId: 'revokeMissionModule',
        summary: 'Take a person’s access to a module away',
        description:
          'Takes module access away from one of the mission’s people, as the Take access away button of the mission page does: their next request is refused. Recorded in the mission’s audit trail.',
        tags: ['Mission'],
        params: grantParams,
        response: {
          204: { type: 'null', description: 'Access was taken away.' },
          ...refusals(
            { ...personRefusals, 409: 'The person does not have this access (module.not_granted). Nothing was changed.' },
            400,
            401,
            403,
            404,
            409,
          ),
        },
      },
    },
    async (request, reply) => {
      await changeAccess(request, request.params.code, request.params.id, request.params.module, 'revoke');
      return reply.status(204).send();
    },
  );
}
