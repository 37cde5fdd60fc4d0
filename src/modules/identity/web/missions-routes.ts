// The mission administration pages. Thin handlers: parse, load, check the record belongs to the mission in the
// address, call one command in a transaction, redirect (303) with a notice; a refused form is shown again with
// its problems and what was typed. The guard decides own mission or another's from the address (config.subject)
// before any handler runs; the commands check again.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { AppError, type ErrorCode } from '../../../kernel/errors.js';
import {
  addEntity,
  addEntityInput,
  addSignatory,
  addSignatoryInput,
  endSignatory,
  endSignatoryInput,
  ENTITIES_ADD,
  findMission,
  findSignatory,
  listMissionsWithSignatoryCounts,
  listSignatories,
  MISSION_MANAGE_PEOPLE,
  MISSION_MANAGE_SIGNATORIES,
  MISSION_OPEN_OWN,
  MISSION_VIEW,
  missionAuditTrail,
  missionLabel,
  MISSIONS_LIST,
  removeSignatory,
  signatoryNames,
  signatoryTitleProblem,
  sortMissions,
  type AddEntityInput,
  type MissionRow,
} from '../../delegations/index.js';
import { adminMailSettings } from '../admin-mail.js';
import {
  accountNames,
  actingAs,
  deactivateAccount,
  findAdminAccount,
  grantModule,
  inviteAccount,
  inviteAccountInput,
  peopleOfMission,
  reactivateAccount,
  resendInvitation,
  revokeModule,
  type InviteAccountInput,
} from '../index.js';
import { UUID } from '../../../kernel/validation.js';
import { describeEntry, DUTY_STATION } from './mission-labels.js';
import { deactivation, endSignatoryPage, missionPage, signatoryRemoval, type MissionPageModel } from './mission-page.js';
import { confirmationPage, isConfirmed } from '../../../web/confirm.js';
import { missionsPage } from './missions-page.js';
import { noticeFor, attempt, fieldErrors, formValues, type FieldErrors } from '../../../web/forms.js';
import { signedIn } from '../../../web/session.js';
import { sendHtml } from '../../../web/reply.js';

export interface MissionsRoutesDeps {
  db: Database;
  clock: Clock;
  config: Config;
  /**
   * Whether a mission's State presides the Security Council in some month, so its page offers the presidency
   * module. Council membership is the meetings module's knowledge, given by the application.
   */
  offersPresidency: (missionCode: string) => Promise<boolean>;
}

const notices = {
  invited: 'The invitation was sent. The link in it works once.',
  invitation_resent: 'A new invitation was sent; the earlier link no longer works.',
  granted: 'Access to statements was given.',
  revoked: 'Access to statements was taken away; their next request is refused, and their access tokens for statements are revoked.',
  presidency_granted: 'Access for the presidency was given.',
  presidency_revoked: 'Access for the presidency was taken away; their next request is refused.',
  deactivated: 'The account was deactivated and signed out everywhere.',
  reactivated: 'The account was reactivated.',
  signatory_added: 'The signatory was added.',
  signatory_ended: 'The signatory’s authority was ended.',
  signatory_removed: 'The signatory was removed.',
  entity_added: 'The entity was added. The help desk can now create its first focal point.',
} as const;
type Notice = keyof typeof notices;

function noticeOf(request: FastifyRequest): string | undefined {
  return noticeFor((request.query as { done?: unknown }).done, notices);
}

const codeParam = { type: 'string', maxLength: 40 } as const;
const idParam = { type: 'string', maxLength: 64 } as const;
const missionParams = { type: 'object', properties: { code: codeParam }, required: ['code'] } as const;
const itemParams = { type: 'object', properties: { code: codeParam, id: idParam }, required: ['code', 'id'] } as const;

type MissionRequest = FastifyRequest<{ Params: { code: string } }>;
type ItemRequest = FastifyRequest<{ Params: { code: string; id: string } }>;

/** The guard's subject: the mission in the address. */
const missionSubject = (request: FastifyRequest): unknown => (request.params as { code?: string }).code;

export async function missionsRoutes(app: FastifyInstance, deps: MissionsRoutesDeps): Promise<void> {
  const settings = adminMailSettings(deps.config);
  const today = (): string => isoDateIn(deps.clock.now(), DUTY_STATION);

  async function run<T>(request: FastifyRequest, work: (trx: Transaction, by: Acting) => Promise<T>): Promise<T> {
    const actor = signedIn(request);
    return deps.db.transaction().execute(async (trx) => work(trx, await actingAs(trx, actor)));
  }

  async function loadMission(code: string): Promise<MissionRow> {
    const mission = await findMission(deps.db, code);
    if (!mission) throw new AppError('mission.not_found');
    return mission;
  }

  async function missionModel(
    request: FastifyRequest,
    reply: FastifyReply,
    mission: MissionRow,
    extra: Partial<MissionPageModel> = {},
  ): Promise<MissionPageModel> {
    const actor = request.actor;
    const canManagePeople = allows(actor, MISSION_MANAGE_PEOPLE, mission.code);
    const canManageSignatories = allows(actor, MISSION_MANAGE_SIGNATORIES, mission.code);
    const now = deps.clock.now();
    const [people, signatories, entries] = [
      await peopleOfMission(deps.db, mission.code, now),
      await listSignatories(deps.db, mission.code),
      await missionAuditTrail(deps.db, mission.code, 100),
    ];
    const accountIds = entries.filter((e) => e.subjectType === 'account' && e.subjectId).map((e) => e.subjectId as string);
    const signatoryIds = entries
      .filter((e) => e.subjectType === 'signatory' && e.subjectId && UUID.test(e.subjectId))
      .map((e) => e.subjectId as string);
    const names = new Map([
      ...(await accountNames(deps.db, [...new Set(accountIds)])),
      ...(await signatoryNames(deps.db, [...new Set(signatoryIds)])),
    ]);
    return {
      actor,
      mission: { ...mission, label: missionLabel(mission).label },
      people,
      signatories,
      trail: entries.map((entry) => ({ entry, text: describeEntry(entry, names) })),
      today: today(),
      csrf: canManagePeople || canManageSignatories ? reply.csrfToken() : undefined,
      canManagePeople,
      canManageSignatories,
      canListMissions: allows(actor, MISSIONS_LIST),
      offersPresidency: await deps.offersPresidency(mission.code),
      notice: noticeOf(request),
      ...extra,
    };
  }

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
    const missions = sortMissions(await listMissionsWithSignatoryCounts(deps.db, { search, onDate: today() }));
    const canAddEntity = allows(request.actor, ENTITIES_ADD);
    return sendHtml(
      reply,
      missionsPage({
        actor: request.actor,
        missions,
        search,
        csrf: canAddEntity ? reply.csrfToken() : undefined,
        canAddEntity,
        notice: noticeOf(request),
        entity,
      }),
      status,
    );
  }

  app.get('/missions', { config: { policy: MISSIONS_LIST } }, async (request, reply) => {
    const q = (request.query as { q?: unknown }).q;
    return renderList(request, reply, typeof q === 'string' ? q.trim().slice(0, 100) : '');
  });

  app.post('/missions/entities', { config: { policy: ENTITIES_ADD } }, async (request, reply) => {
    const values = formValues(request.body);
    const parsed = addEntityInput.safeParse(values);
    if (!parsed.success) return renderList(request, reply, '', { values, errors: fieldErrors(parsed.error) }, 400);
    const result = await attempt(() => run(request, (trx, by) => addEntity(trx, deps.clock, by, values as AddEntityInput)), {
      'entity.code_taken': 'code',
    });
    if (!result.ok) return renderList(request, reply, '', { values, errors: result.errors }, result.status);
    return reply.redirect(`/missions/${encodeURIComponent(result.value.code)}?done=entity_added`, 303);
  });

  // -- /missions/:code: one mission -----------------------------------------------------------------------------
  app.get<{ Params: { code: string } }>(
    '/missions/:code',
    { config: { policy: MISSION_VIEW, subject: missionSubject }, schema: { params: missionParams } },
    async (request, reply) => {
      const mission = await loadMission(request.params.code);
      return sendHtml(reply, missionPage(await missionModel(request, reply, mission)));
    },
  );

  const back = (code: string, done: Notice, anchor: string) => `/missions/${encodeURIComponent(code)}?done=${done}#${anchor}`;

  // Invite someone of the mission.
  app.post<{ Params: { code: string } }>(
    '/missions/:code/people',
    { config: { policy: MISSION_MANAGE_PEOPLE, subject: missionSubject }, schema: { params: missionParams } },
    async (request: MissionRequest, reply) => {
      const mission = await loadMission(request.params.code);
      const values = formValues(request.body);
      const input = { email: values.email ?? '', displayName: values.displayName ?? '', role: values.role ?? '', mission: mission.code };
      const parsed = inviteAccountInput.safeParse(input);
      const rerender = async (errors: FieldErrors, status: number) => {
        // A problem with the mission itself can only come from the role chosen.
        if (errors.mission && !errors.role) errors.role = errors.mission;
        delete errors.mission;
        return sendHtml(reply, missionPage(await missionModel(request, reply, mission, { invite: { values, errors } })), status);
      };
      if (!parsed.success) return rerender(fieldErrors(parsed.error), 400);
      const result = await attempt(
        () => run(request, (trx, by) => inviteAccount(trx, deps.clock, by, input as InviteAccountInput, settings)),
        {
          'account.email_taken': 'email',
          'account.invite_not_allowed': 'role',
        },
      );
      if (!result.ok) return rerender(result.errors, result.status);
      return reply.redirect(back(mission.code, 'invited', 'people'), 303);
    },
  );

  // The buttons on a person's row. The person must be of the mission in the address: another mission's id is
  // "not found" and changes nothing.
  // Access buttons name their module in a hidden field (statements when none, as before the presidency module).
  const moduleOf = (request: FastifyRequest): 'statements' | 'presidency' =>
    formValues(request.body).module === 'presidency' ? 'presidency' : 'statements';
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
  ];
  // Refusals that mean "the page you saw is out of date": shown on the page, above the people.
  const stale: Partial<Record<ErrorCode, string>> = Object.fromEntries(
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
  personActions.push({ path: 'deactivate', done: 'deactivated', run: (trx, by, t) => deactivateAccount(trx, deps.clock, by, t) });
  for (const action of personActions) {
    app.post<{ Params: { code: string; id: string } }>(
      `/missions/:code/people/:id/${action.path}`,
      { config: { policy: MISSION_MANAGE_PEOPLE, subject: missionSubject }, schema: { params: itemParams } },
      async (request: ItemRequest, reply) => {
        const mission = await loadMission(request.params.code);
        const id = request.params.id;
        const person = UUID.test(id) ? await findAdminAccount(deps.db, id) : undefined;
        if (!person || person.mission !== mission.code) throw new AppError('account.not_found');
        // Deactivation is asked again first: a bare post answers with the question (confirm.ts).
        if (action.path === 'deactivate' && !isConfirmed(request.body)) {
          return sendHtml(
            reply,
            confirmationPage({
              ...deactivation(mission.code, person),
              actor: request.actor,
              csrf: reply.csrfToken(),
              cancelHref: `/missions/${encodeURIComponent(mission.code)}#people`,
            }),
          );
        }
        const result = await attempt(
          () => run(request, (trx, by) => action.run(trx, by, { accountId: person.id, mission: mission.code }, request)),
          stale,
        );
        if (!result.ok) {
          const message = Object.values(result.errors)[0] ?? '';
          return sendHtml(
            reply,
            missionPage(await missionModel(request, reply, mission, { problem: { section: 'people', message } })),
            result.status,
          );
        }
        return reply.redirect(back(mission.code, typeof action.done === 'function' ? action.done(request) : action.done, 'people'), 303);
      },
    );
  }

  // -- signatories ------------------------------------------------------------------------------------------------
  app.post<{ Params: { code: string } }>(
    '/missions/:code/signatories',
    { config: { policy: MISSION_MANAGE_SIGNATORIES, subject: missionSubject }, schema: { params: missionParams } },
    async (request: MissionRequest, reply) => {
      const mission = await loadMission(request.params.code);
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
        return sendHtml(reply, missionPage(await missionModel(request, reply, mission, { signatory: { values, errors } })), 400);
      await run(request, (trx, by) => addSignatory(trx, deps.clock, by, input));
      return reply.redirect(back(mission.code, 'signatory_added', 'signatories'), 303);
    },
  );

  async function loadSignatory(request: ItemRequest) {
    const mission = await loadMission(request.params.code);
    const signatory = UUID.test(request.params.id) ? await findSignatory(deps.db, mission.code, request.params.id) : undefined;
    if (!signatory) throw new AppError('signatory.not_found');
    return { mission, signatory };
  }

  const signatoryRoute = { config: { policy: MISSION_MANAGE_SIGNATORIES, subject: missionSubject }, schema: { params: itemParams } };

  app.get<{ Params: { code: string; id: string } }>(
    '/missions/:code/signatories/:id/end',
    signatoryRoute,
    async (request: ItemRequest, reply) => {
      const { mission, signatory } = await loadSignatory(request);
      if (signatory.to_date !== null) throw new AppError('signatory.already_ended');
      return sendHtml(
        reply,
        endSignatoryPage({ actor: request.actor, mission, signatory, csrf: reply.csrfToken(), values: { toDate: today() }, errors: {} }),
      );
    },
  );

  app.post<{ Params: { code: string; id: string } }>(
    '/missions/:code/signatories/:id/end',
    signatoryRoute,
    async (request: ItemRequest, reply) => {
      const { mission, signatory } = await loadSignatory(request);
      const values = formValues(request.body);
      const input = { mission: mission.code, signatoryId: signatory.id, toDate: values.toDate ?? '' };
      const rerender = (errors: FieldErrors, status: number) =>
        sendHtml(reply, endSignatoryPage({ actor: request.actor, mission, signatory, csrf: reply.csrfToken(), values, errors }), status);
      const parsed = endSignatoryInput.safeParse(input);
      if (!parsed.success) return rerender(fieldErrors(parsed.error), 400);
      const result = await attempt(() => run(request, (trx, by) => endSignatory(trx, deps.clock, by, input)), {
        'signatory.end_before_start': 'toDate',
        'signatory.already_ended': 'toDate',
      });
      if (!result.ok) return rerender(result.errors, result.status);
      return reply.redirect(back(mission.code, 'signatory_ended', 'signatories'), 303);
    },
  );

  app.post<{ Params: { code: string; id: string } }>(
    '/missions/:code/signatories/:id/remove',
    signatoryRoute,
    async (request: ItemRequest, reply) => {
      const { mission, signatory } = await loadSignatory(request);
      // Removal is asked again first: a bare post answers with the question (confirm.ts).
      if (!isConfirmed(request.body)) {
        return sendHtml(
          reply,
          confirmationPage({
            ...signatoryRemoval(mission.code, signatory),
            actor: request.actor,
            csrf: reply.csrfToken(),
            cancelHref: `/missions/${encodeURIComponent(mission.code)}#signatories`,
          }),
        );
      }
      await run(request, (trx, by) => removeSignatory(trx, deps.clock, by, { mission: mission.code, signatoryId: signatory.id }));
      return reply.redirect(back(mission.code, 'signatory_removed', 'signatories'), 303);
    },
  );
}
