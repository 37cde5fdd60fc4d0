// A mission's people and their access: inviting someone of the mission, and the buttons on a person's row (give or
// take away a module's access, resend the invitation, deactivate and reactivate). The person must be of the mission in
// the address: another mission's id is "not found" and changes nothing.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Acting } from '../../../kernel/authz.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError, type ErrorCode } from '../../../kernel/errors.js';
import { UUID } from '../../../kernel/validation.js';
import { confirmationPage, isConfirmed } from '../../../web/confirm.js';
import { fieldErrors, formValues, type FieldErrors } from '../../../web/forms.js';
import { formAttempt, params } from '../../../web/route-kit.js';
import { MISSION_MANAGE_PEOPLE } from '../../delegations/index.js';
import { adminMailSettings } from '../admin-mail.js';
import {
  deactivateAccount,
  findAdminAccount,
  grantModule,
  inviteAccount,
  inviteAccountInput,
  reactivateAccount,
  resendInvitation,
  revokeModule,
  type InviteAccountInput,
} from '../index.js';
import { deactivation, missionPage } from './mission-page.js';
import {
  back,
  itemParams,
  loadMission,
  missionModel,
  missionSubject,
  type ItemParams,
  type MissionsRoutesDeps,
  type Notice,
} from './mission-routes-context.js';

// Refusals that mean "the page you saw is out of date": shown on the page, above the people.
const STALE: Partial<Record<ErrorCode, string>> = Object.fromEntries(
  (
    [
      'account.self',
      'account.already_deactivated',
      'account.already_active',
      'account.deactivated',
      'account.invitation_accepted',
      'module.already_granted',
      'module.not_granted',
    ] as const
  ).map((c) => [c, 'people']),
);

// Access buttons name their module in a hidden field (statements when none, as before the presidency module).
const moduleOf = (request: FastifyRequest): 'statements' | 'presidency' =>
  formValues(request.body).module === 'presidency' ? 'presidency' : 'statements';

export async function missionPeopleRoutes(app: FastifyInstance, deps: MissionsRoutesDeps): Promise<void> {
  const settings = adminMailSettings(deps.config);
  const people = { policy: MISSION_MANAGE_PEOPLE, subject: missionSubject };

  // Invite someone of the mission.
  app.post<{ Params: { code: string } }>(
    '/missions/:code/people',
    { config: people, schema: { params: params.code } },
    async (request, reply) => {
      const mission = await loadMission(deps.db, request.params.code);
      const values = formValues(request.body);
      const input = { email: values.email ?? '', displayName: values.displayName ?? '', role: values.role ?? '', mission: mission.code };
      const parsed = inviteAccountInput.safeParse(input);
      const rerender = async (errors: FieldErrors, status: number) => {
        // A problem with the mission itself can only come from the role chosen.
        if (errors.mission && !errors.role) errors.role = errors.mission;
        delete errors.mission;
        return reply.html(missionPage(await missionModel(deps, request, reply, mission, { invite: { values, errors } })), status);
      };
      if (!parsed.success) return rerender(fieldErrors(parsed.error), 400);
      const result = await formAttempt(
        () => request.command((trx, by) => inviteAccount(trx, deps.clock, by, input as InviteAccountInput, settings)),
        {
          'account.email_taken': 'email',
          'account.invite_not_allowed': 'role',
        },
      );
      if (!result.ok) return rerender(result.errors, result.status);
      return reply.redirect(back(mission.code, 'invited', 'people'), 303);
    },
  );

  // The buttons on a person's row.
  const personActions: Array<{
    path: string;
    done: Notice | ((request: FastifyRequest) => Notice);
    run: (trx: Transaction, by: Acting, target: { accountId: string; mission: string }, request: FastifyRequest) => Promise<unknown>;
  }> = [
    {
      path: 'grant',
      done: (r) => (moduleOf(r) === 'presidency' ? 'presidency_granted' : 'granted'),
      run: (trx, by, t, r) => grantModule(trx, deps.clock, by, { ...t, module: moduleOf(r) }, settings),
    },
    {
      path: 'revoke',
      done: (r) => (moduleOf(r) === 'presidency' ? 'presidency_revoked' : 'revoked'),
      run: (trx, by, t, r) => revokeModule(trx, deps.clock, by, { ...t, module: moduleOf(r) }),
    },
    { path: 'reactivate', done: 'reactivated', run: (trx, by, t) => reactivateAccount(trx, deps.clock, by, t) },
    { path: 'resend-invitation', done: 'invitation_resent', run: (trx, by, t) => resendInvitation(trx, deps.clock, by, t, settings) },
    { path: 'deactivate', done: 'deactivated', run: (trx, by, t) => deactivateAccount(trx, deps.clock, by, t) },
  ];
  for (const action of personActions) {
    app.post<{ Params: ItemParams }>(
      `/missions/:code/people/:id/${action.path}`,
      { config: people, schema: { params: itemParams } },
      async (request, reply) => {
        const mission = await loadMission(deps.db, request.params.code);
        const id = request.params.id;
        const person = UUID.test(id) ? await findAdminAccount(deps.db, id) : undefined;
        if (!person || person.mission !== mission.code) throw new AppError('account.not_found');
        // Deactivation is asked again first: a bare post answers with the question (confirm.ts).
        if (action.path === 'deactivate' && !isConfirmed(request.body)) {
          return reply.html(
            confirmationPage({
              ...deactivation(mission.code, person),
              actor: request.actor,
              csrf: reply.csrfToken(),
              cancelHref: `/missions/${encodeURIComponent(mission.code)}#people`,
            }),
          );
        }
        const result = await formAttempt(
          () => request.command((trx, by) => action.run(trx, by, { accountId: person.id, mission: mission.code }, request)),
          STALE,
        );
        if (!result.ok) {
          const message = Object.values(result.errors)[0] ?? '';
          return reply.html(
            missionPage(await missionModel(deps, request, reply, mission, { problem: { section: 'people', message } })),
            result.status,
          );
        }
        return reply.redirect(back(mission.code, typeof action.done === 'function' ? action.done(request) : action.done, 'people'), 303);
      },
    );
  }
}
