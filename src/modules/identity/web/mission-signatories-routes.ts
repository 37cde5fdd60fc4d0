// A mission's signatories: adding one, ending one's authority (from a date), and removing one entered by mistake
// (asked again first). The signatory must be of the mission in the address: another mission's id is "not found".
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../kernel/errors.js';
import { UUID } from '../../../kernel/validation.js';
import { confirmationPage, isConfirmed } from '../../../web/confirm.js';
import { fieldErrors, formValues, type FieldErrors } from '../../../web/forms.js';
import { formAttempt, params } from '../../../web/route-kit.js';
import {
  addSignatory,
  addSignatoryInput,
  endSignatory,
  endSignatoryInput,
  findSignatory,
  MISSION_MANAGE_SIGNATORIES,
  removeSignatory,
  signatoryTitleProblem,
} from '../../delegations/index.js';
import { endSignatoryPage, missionPage, signatoryRemoval } from './mission-page.js';
import {
  back,
  itemParams,
  loadMission,
  missionModel,
  missionSubject,
  today,
  type ItemRequest,
  type ItemParams,
  type MissionsRoutesDeps,
} from './mission-routes-context.js';

export async function missionSignatoriesRoutes(app: FastifyInstance, deps: MissionsRoutesDeps): Promise<void> {
  const config = { policy: MISSION_MANAGE_SIGNATORIES, subject: missionSubject };

  app.post<{ Params: { code: string } }>(
    '/missions/:code/signatories',
    { config, schema: { params: params.code } },
    async (request, reply) => {
      const mission = await loadMission(deps.db, request.params.code);
      const values = formValues(request.body);
      const input = {
        mission: mission.code,
        name: values.name ?? '',
        title: values.title ?? '',
        fromDate: values.fromDate ?? '',
        toDate: values.toDate ?? '',
      };
      const parsed = addSignatoryInput.safeParse(input);
      const errors = parsed.success ? {} : fieldErrors(parsed.error);
      const titleProblem = signatoryTitleProblem(mission.organisation_kind, input.title.trim());
      if (titleProblem && !errors.title) errors.title = titleProblem;
      if (Object.keys(errors).length > 0)
        return reply.html(missionPage(await missionModel(deps, request, reply, mission, { signatory: { values, errors } })), 400);
      await request.command((trx, by) => addSignatory(trx, deps.clock, by, input));
      return reply.redirect(back(mission.code, 'signatory_added', 'signatories'), 303);
    },
  );

  async function loadSignatory(request: ItemRequest) {
    const mission = await loadMission(deps.db, request.params.code);
    const signatory = UUID.test(request.params.id) ? await findSignatory(deps.db, mission.code, request.params.id) : undefined;
    if (!signatory) throw new AppError('signatory.not_found');
    return { mission, signatory };
  }

  const signatoryRoute = { config, schema: { params: itemParams } };

  app.get<{ Params: ItemParams }>('/missions/:code/signatories/:id/end', signatoryRoute, async (request, reply) => {
    const { mission, signatory } = await loadSignatory(request);
    if (signatory.to_date !== null) throw new AppError('signatory.already_ended');
    return reply.html(
      endSignatoryPage({
        actor: request.actor,
        mission,
        signatory,
        csrf: reply.csrfToken(),
        values: { toDate: today(deps.clock) },
        errors: {},
      }),
    );
  });

  app.post<{ Params: ItemParams }>('/missions/:code/signatories/:id/end', signatoryRoute, async (request, reply) => {
    const { mission, signatory } = await loadSignatory(request);
    const values = formValues(request.body);
    const input = { mission: mission.code, signatoryId: signatory.id, toDate: values.toDate ?? '' };
    const rerender = (errors: FieldErrors, status: number) =>
      reply.html(endSignatoryPage({ actor: request.actor, mission, signatory, csrf: reply.csrfToken(), values, errors }), status);
    const parsed = endSignatoryInput.safeParse(input);
    if (!parsed.success) return rerender(fieldErrors(parsed.error), 400);
    const result = await formAttempt(() => request.command((trx, by) => endSignatory(trx, deps.clock, by, input)), {
      'signatory.end_before_start': 'toDate',
      'signatory.already_ended': 'toDate',
    });
    if (!result.ok) return rerender(result.errors, result.status);
    return reply.redirect(back(mission.code, 'signatory_ended', 'signatories'), 303);
  });

  app.post<{ Params: ItemParams }>('/missions/:code/signatories/:id/remove', signatoryRoute, async (request, reply) => {
    const { mission, signatory } = await loadSignatory(request);
    // Removal is asked again first: a bare post answers with the question (confirm.ts).
    if (!isConfirmed(request.body)) {
      return reply.html(
        confirmationPage({
          ...signatoryRemoval(mission.code, signatory),
          actor: request.actor,
          csrf: reply.csrfToken(),
          cancelHref: `/missions/${encodeURIComponent(mission.code)}#signatories`,
        }),
      );
    }
    await request.command((trx, by) => removeSignatory(trx, deps.clock, by, { mission: mission.code, signatoryId: signatory.id }));
    return reply.redirect(back(mission.code, 'signatory_removed', 'signatories'), 303);
  });
}
