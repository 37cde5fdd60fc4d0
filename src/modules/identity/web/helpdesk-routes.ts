// The help desk's routes. Every one needs helpdesk.use; the commands check again and refuse one's own account
// where that would bypass the account page's own checks.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { AppError, type ErrorCode } from '../../../kernel/errors.js';
import { UUID } from '../../../kernel/validation.js';
import { allMissions, findMission, missionCodesMatching, missionLabel, sortMissions } from '../../delegations/index.js';
import { adminMailSettings } from '../admin-mail.js';
import { HELPDESK_USE } from '../admin-policies.js';
import { correctAccount, correctAccountInput } from '../commands/correct-account.js';
import { deactivateAccount } from '../commands/deactivate-account.js';
import { confirmationPage, isConfirmed } from '../../../web/confirm.js';
import { inviteAccount, inviteAccountInput, resendInvitation, type InviteAccountInput } from '../commands/invite-account.js';
import { issueSignInLink } from '../commands/issue-sign-in-link.js';
import { reactivateAccount } from '../commands/reactivate-account.js';
import { resetMfa } from '../commands/reset-mfa.js';
import { unlockSignIn } from '../commands/unlock-sign-in.js';
import type { Acting } from '../../../kernel/authz.js';
import { actingAs, helpdeskView, searchAccounts, SEARCH_LIMIT } from '../people.js';
import { deactivation, helpdeskAccountPage, helpdeskPage, type HelpdeskAccountModel, type MissionOption } from './helpdesk-pages.js';
import { noticeFor, attempt, fieldErrors, formValues, type FieldErrors } from '../../../web/forms.js';
import { sendHtml } from '../../../web/reply.js';

export interface HelpdeskRoutesDeps {
  db: Database;
  clock: Clock;
  config: Config;
}

const notices = {
  invited: 'The account was created and the invitation sent.',
  unlocked: 'Sign-in was unlocked: the person may try again now.',
  mfa_reset:
    'Two-step verification was reset, the person signed out and their access tokens revoked; they set it up again at their next sign-in.',
  sign_in_link: 'A sign-in link was sent to the person’s e-mail address.',
  invitation_resent: 'A new invitation was sent; the earlier link no longer works.',
  deactivated: 'The account was deactivated and signed out everywhere.',
  reactivated: 'The account was reactivated.',
  corrected: 'The correction was saved. The person was told by e-mail (at the old and the new address when the address changed).',
  unchanged: 'Nothing was changed: the name and e-mail address were already those.',
} as const;
type Notice = keyof typeof notices;

function noticeOf(request: FastifyRequest): string | undefined {
  return noticeFor((request.query as { done?: unknown }).done, notices);
}

const accountParams = { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] } as const;
type AccountRequest = FastifyRequest<{ Params: { id: string } }>;

export async function helpdeskRoutes(app: FastifyInstance, deps: HelpdeskRoutesDeps): Promise<void> {
  const settings = adminMailSettings(deps.config);
  const policy = { policy: HELPDESK_USE };

  async function run<T>(request: FastifyRequest, work: (trx: Transaction, by: Acting) => Promise<T>): Promise<T> {
    const actor = request.actor;
    if (actor.kind !== 'account') throw new AppError('auth.unauthenticated');
    return deps.db.transaction().execute(async (trx) => work(trx, await actingAs(trx, actor)));
  }

  async function missionOptions(): Promise<MissionOption[]> {
    return sortMissions(await allMissions(deps.db)).map((m) => ({ code: m.code, label: m.label }));
  }

  async function renderSearch(
    request: FastifyRequest,
    reply: FastifyReply,
    search: string,
    create?: { values: Record<string, string>; errors: FieldErrors },
    status = 200,
  ) {
    const results =
      search === '' ? undefined : await searchAccounts(deps.db, search, await missionCodesMatching(deps.db, search), deps.clock.now());
    const page = helpdeskPage({
      actor: request.actor,
      search,
      results,
      limit: SEARCH_LIMIT,
      missions: await missionOptions(),
      csrf: reply.csrfToken(),
      notice: noticeOf(request),
      create,
    });
    return sendHtml(reply, page, status);
  }

  app.get('/helpdesk', { config: policy }, async (request, reply) => {
    const q = (request.query as { q?: unknown }).q;
    return renderSearch(request, reply, typeof q === 'string' ? q.trim().slice(0, 100) : '');
  });

  app.post('/helpdesk/accounts', { config: policy }, async (request, reply) => {
    const values = formValues(request.body);
    const input = {
      email: values.email ?? '',
      displayName: values.displayName ?? '',
      role: values.role ?? '',
      mission: values.mission ?? '',
    };
    const parsed = inviteAccountInput.safeParse(input);
    if (!parsed.success) return renderSearch(request, reply, '', { values, errors: fieldErrors(parsed.error) }, 400);
    const result = await attempt(
      () => run(request, (trx, by) => inviteAccount(trx, deps.clock, by, input as InviteAccountInput, settings)),
      {
        'account.email_taken': 'email',
        'account.invite_not_allowed': 'role',
        'mission.not_found': 'mission',
      },
    );
    if (!result.ok) return renderSearch(request, reply, '', { values, errors: result.errors }, result.status);
    return reply.redirect(`/helpdesk/accounts/${result.value.id}?done=invited`, 303);
  });

  async function renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    problem?: string,
    status = 200,
    correction?: HelpdeskAccountModel['correction'],
  ) {
    const account = UUID.test(id) ? await helpdeskView(deps.db, id, deps.clock.now()) : undefined;
    if (!account) throw new AppError('account.not_found');
    const mission = account.mission === null ? undefined : await findMission(deps.db, account.mission);
    const page = helpdeskAccountPage({
      actor: request.actor,
      account,
      missionLabel: mission ? missionLabel(mission).label : null,
      csrf: reply.csrfToken(),
      notice: problem || correction ? undefined : noticeOf(request),
      problem,
      correction,
    });
    return sendHtml(reply, page, status);
  }

  app.get<{ Params: { id: string } }>(
    '/helpdesk/accounts/:id',
    { config: policy, schema: { params: accountParams } },
    async (request: AccountRequest, reply) => renderAccount(request, reply, request.params.id),
  );

  // Refusals that mean the page was out of date or the button does not apply: shown on the account's page.
  const shown: Partial<Record<ErrorCode, string>> = Object.fromEntries(
    (
      [
        'account.self',
        'account.already_deactivated',
        'account.already_active',
        'account.deactivated',
        'account.invitation_pending',
        'account.invitation_accepted',
        'mfa.nothing_to_reset',
      ] as const
    ).map((c) => [c, 'actions']),
  );
  // Correct the name or e-mail address; a refused form is shown again on the account's page with what was typed.
  app.post<{ Params: { id: string } }>(
    '/helpdesk/accounts/:id/details',
    { config: policy, schema: { params: accountParams } },
    async (request: AccountRequest, reply) => {
      const id = request.params.id;
      if (!UUID.test(id)) throw new AppError('account.not_found');
      const values = formValues(request.body);
      const input = { accountId: id, email: values.email ?? '', displayName: values.displayName ?? '' };
      const parsed = correctAccountInput.safeParse(input);
      if (!parsed.success) return renderAccount(request, reply, id, undefined, 400, { values, errors: fieldErrors(parsed.error) });
      const result = await attempt(() => run(request, (trx, by) => correctAccount(trx, deps.clock, by, input, settings)), {
        'account.email_taken': 'email',
        'account.self': 'email',
      });
      if (!result.ok) return renderAccount(request, reply, id, undefined, result.status, { values, errors: result.errors });
      return reply.redirect(`/helpdesk/accounts/${id}?done=${result.value.changed.length > 0 ? 'corrected' : 'unchanged'}#correct`, 303);
    },
  );

  // Deactivation is asked again first: a bare post answers with the question (confirm.ts).
  app.post<{ Params: { id: string } }>(
    '/helpdesk/accounts/:id/deactivate',
    { config: policy, schema: { params: accountParams } },
    async (request: AccountRequest, reply) => {
      const id = request.params.id;
      const account = UUID.test(id) ? await helpdeskView(deps.db, id, deps.clock.now()) : undefined;
      if (!account) throw new AppError('account.not_found');
      // One's own account is refused by the command at once, without asking first.
      const own = request.actor.kind === 'account' && request.actor.id === account.id;
      if (!own && !isConfirmed(request.body)) {
        return sendHtml(
          reply,
          confirmationPage({
            ...deactivation({ account }),
            actor: request.actor,
            csrf: reply.csrfToken(),
            cancelHref: `/helpdesk/accounts/${id}`,
          }),
        );
      }
      const result = await attempt(() => run(request, (trx, by) => deactivateAccount(trx, deps.clock, by, { accountId: id })), shown);
      if (!result.ok) return renderAccount(request, reply, id, Object.values(result.errors)[0], result.status);
      return reply.redirect(`/helpdesk/accounts/${id}?done=deactivated`, 303);
    },
  );

  const actions: Array<{ path: string; done: Notice; run: (trx: Transaction, by: Acting, accountId: string) => Promise<unknown> }> = [
    { path: 'unlock', done: 'unlocked', run: (trx, by, accountId) => unlockSignIn(trx, deps.clock, by, { accountId }) },
    { path: 'reset-mfa', done: 'mfa_reset', run: (trx, by, accountId) => resetMfa(trx, deps.clock, by, { accountId }, settings) },
    {
      path: 'sign-in-link',
      done: 'sign_in_link',
      run: (trx, by, accountId) => issueSignInLink(trx, deps.clock, by, { accountId }, settings),
    },
    {
      path: 'resend-invitation',
      done: 'invitation_resent',
      run: (trx, by, accountId) => resendInvitation(trx, deps.clock, by, { accountId }, settings),
    },
    { path: 'reactivate', done: 'reactivated', run: (trx, by, accountId) => reactivateAccount(trx, deps.clock, by, { accountId }) },
  ];
  for (const a of actions) {
    app.post<{ Params: { id: string } }>(
      `/helpdesk/accounts/:id/${a.path}`,
      { config: policy, schema: { params: accountParams } },
      async (request: AccountRequest, reply) => {
        const id = request.params.id;
        if (!UUID.test(id)) throw new AppError('account.not_found');
        const result = await attempt(() => run(request, (trx, by) => a.run(trx, by, id)), shown);
        if (!result.ok) return renderAccount(request, reply, id, Object.values(result.errors)[0], result.status);
        return reply.redirect(`/helpdesk/accounts/${id}?done=${a.done}`, 303);
      },
    );
  }
}
