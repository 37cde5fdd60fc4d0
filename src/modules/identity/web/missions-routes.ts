// The mission administration pages: a focal point's own mission, the Secretariat's list of missions (and adding an
// entity), and one mission's page. Its people and access are in ./mission-people-routes.ts, its signatories in
// ./mission-signatories-routes.ts. Thin handlers: parse, load, check the record belongs to the mission in the address,
// call one command in a transaction, redirect (303) with a notice; a refused form is shown again with its problems and
// what was typed. The guard decides own mission or another's from the address (config.subject) before any handler
// runs; the commands check again.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allows } from '../../../kernel/authz.js';
import { fieldErrors, formValues, type FieldErrors } from '../../../web/forms.js';
import { formAttempt, noticeOf, params, queryText } from '../../../web/route-kit.js';
import { signedIn } from '../../../web/session.js';
import {
  addEntity,
  addEntityInput,
  ENTITIES_ADD,
  listMissionsWithSignatoryCounts,
  MISSION_OPEN_OWN,
  MISSION_VIEW,
  MISSIONS_LIST,
  sortMissions,
  type AddEntityInput,
} from '../../delegations/index.js';
import { missionPage } from './mission-page.js';
import { loadMission, missionModel, missionSubject, notices, today, type MissionsRoutesDeps } from './mission-routes-context.js';
import { missionsPage } from './missions-page.js';

export type { MissionsRoutesDeps } from './mission-routes-context.js';

export async function missionsRoutes(app: FastifyInstance, deps: MissionsRoutesDeps): Promise<void> {
  // -- /mission: a focal point's own mission ---------------------------------------------------------------
  app.get('/mission', { config: { policy: MISSION_OPEN_OWN } }, async (request, reply) => {
    const actor = signedIn(request);
    return reply.redirect(`/missions/${encodeURIComponent(actor.organisation ?? '')}`, 303);
  });

  // -- /missions: the Secretariat's list ---------------------------------------------------------------------
  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    search: string,
    entity?: { values: Record<string, string>; errors: FieldErrors },
    status = 200,
  ) {
    const missions = sortMissions(await listMissionsWithSignatoryCounts(deps.db, { search, onDate: today(deps.clock) }));
    const canAddEntity = allows(request.actor, ENTITIES_ADD);
    return reply.html(
      missionsPage({
        actor: request.actor,
        missions,
        search,
        csrf: canAddEntity ? reply.csrfToken() : undefined,
        canAddEntity,
        notice: noticeOf(request, notices),
        entity,
      }),
      status,
    );
  }

  app.get('/missions', { config: { policy: MISSIONS_LIST } }, async (request, reply) => {
    return renderList(request, reply, queryText(request, 'q')?.trim().slice(0, 100) ?? '');
  });

  app.post('/missions/entities', { config: { policy: ENTITIES_ADD } }, async (request, reply) => {
    const values = formValues(request.body);
    const parsed = addEntityInput.safeParse(values);
    if (!parsed.success) return renderList(request, reply, '', { values, errors: fieldErrors(parsed.error) }, 400);
    const result = await formAttempt(() => request.command((trx, by) => addEntity(trx, deps.clock, by, values as AddEntityInput)), {
      'entity.code_taken': 'code',
    });
    if (!result.ok) return renderList(request, reply, '', { values, errors: result.errors }, result.status);
    return reply.redirect(`/missions/${encodeURIComponent(result.value.code)}?done=entity_added`, 303);
  });

  // -- /missions/:code: one mission -----------------------------------------------------------------------------
  app.get<{ Params: { code: string } }>(
    '/missions/:code',
    { config: { policy: MISSION_VIEW, subject: missionSubject }, schema: { params: params.code } },
    async (request, reply) => {
      const mission = await loadMission(deps.db, request.params.code);
      return reply.html(missionPage(await missionModel(deps, request, reply, mission)));
    },
  );
}
