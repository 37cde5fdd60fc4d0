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
import { findMission, listSignatories, signatoryStatus, type MissionRow } from '../modules/delegations/index.js';
import {
  actingAs,
  grantModule,
  peopleOfMission,
  revokeModule,
  type AdminMailSettings,
  type Module,
  type Person,
} from '../modules/identity/index.js';
import {
  grantBody,
  grantParams,
  missionParams,
  missionSchema,
  peopleSchema,
  personParams,
  personSchema,
  refusals,
  signatoriesSchema,
} from './missions.schema.js';
import { apiPolicies } from './policies.js';

export interface MissionsApiDeps {
  db: Database;
  clock: Clock;
  /** For the e-mail telling someone of new access (its sign-in address). */
  mail: AdminMailSettings;
}

/** Signatories' dates are calendar days at the duty station, as on the mission page. */
const DUTY_STATION = 'America/New_York';

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
