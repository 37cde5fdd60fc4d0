// One's own account page and its forms. Every route: a signed-in browser session (account.manage_own).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../kernel/errors.js';
import { noticeFor, type FieldErrors } from '../../../web/forms.js';
import { changePassword } from '../commands/change-password.js';
import { setNotificationPreferences } from '../commands/set-notification-preferences.js';
import { notificationKinds } from '../tables.js';
import { notificationPreferencesOf, type NotificationPreferences } from '../notifications.js';
import { disableMfa } from '../commands/disable-mfa.js';
import { confirmMfaEnrolment } from '../commands/enrol-mfa.js';
import { endOtherSessions, listOwnSessions } from '../commands/end-other-sessions.js';
import { regenerateRecoveryCodes } from '../commands/regenerate-recovery-codes.js';
import { findAccountById, type AuthDeps } from '../commands/sign-in.js';
import { areCurrentRecoveryCodes, isMfaRequired, mfaStatus } from '../mfa.js';
import { formatDate, formatTimeInZone } from '../../../kernel/dates.js';
import { MANAGE_OWN_ACCOUNT } from '../policies.js';
import { accountPage } from './account-pages.js';
import { messages, RECOVERY_CODES_DOWNLOAD, recoveryCodesPage, recoveryCodesText, sendPage } from './auth-pages.js';
import { enrolView, formBodySchema, parseForm, requestMeta, text } from './auth-routes.js';

const notices: Record<string, string> = {
  password: 'Your password is changed. Your other sessions have ended, and any access tokens you had are revoked.',
  sessions: 'You are signed out of all other sessions, and any access tokens you had are revoked.',
  'mfa-off': 'Two-step verification is turned off.',
  notifications: 'Your notification choices are saved.',
};

const doneQuery = { type: 'object', properties: { done: { type: 'string', maxLength: 40 } } } as const;

const changePasswordForm = z.object({
  current: text(1000, 'This is longer than any password Rostrum accepts. Check what you typed.'),
  password: text(1000, 'Use at most 200 characters.'),
  confirmation: text(1000, 'Use at most 200 characters.'),
});
const codeForm = z.object({
  code: text(40, 'A code is 6 digits. Check what you typed.').pipe(z.string().trim().min(1, 'Enter the code from the app.')),
});
const confirmWith = (name: string) =>
  z.object({ [name]: text(1000, 'This is longer than any password Rostrum accepts.').pipe(z.string().min(1, 'Enter your password.')) });

function sessionOf(request: FastifyRequest): { accountId: string; sessionId: string } {
  const actor = request.actor;
  // The policy admits only browser sessions of an account; this narrows the type.
  if (actor.kind !== 'account' || actor.via.kind !== 'session') throw new AppError('auth.unauthenticated');
  return { accountId: actor.id, sessionId: actor.via.sessionId };
}

export async function accountRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const { db, clock } = deps;
  const config = { policy: MANAGE_OWN_ACCOUNT };

  async function showAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { status?: number; errors?: FieldErrors; notice?: string | undefined } = {},
  ) {
    const session = sessionOf(request);
    const account = await findAccountById(db, session.accountId);
    if (!account) throw new AppError('auth.unauthenticated');
    const status = await mfaStatus(db, account.id);
    const sessions = await listOwnSessions(db, clock, deps.settings.session, account.id);
    const notifications = await notificationPreferencesOf(db, account.id);
    const view = accountPage({
      csrf: reply.csrfToken(),
      actor: request.actor,
      account,
      mfa: { ...status, required: isMfaRequired(account.role, deps.settings.mfaRequiredRoles) },
      sessions,
      currentSessionId: session.sessionId,
      notifications,
      notice: o.notice,
      errors: o.errors,
    });
    return sendPage(reply, view, o.status ?? 200);
  }

  app.get<{ Querystring: { done?: string } }>('/account', { config, schema: { querystring: doneQuery } }, async (request, reply) => {
    return showAccount(request, reply, { notice: noticeFor(request.query.done, notices) });
  });

  app.post(
    '/account/password',
    { config, schema: { body: formBodySchema({ current: 4000, password: 4000, confirmation: 4000 }) } },
    async (request, reply) => {
      const form = parseForm(changePasswordForm, request.body);
      if (!form.ok) return showAccount(request, reply, { status: 400, errors: form.errors });
      const result = await changePassword(deps, sessionOf(request), form.data, requestMeta(request));
      if (result.outcome === 'invalid') return showAccount(request, reply, { status: 400, errors: result.errors });
      if (result.outcome === 'locked')
        return showAccount(request, reply, { status: 429, errors: { current: messages.locked(result.minutes) } });
      return reply.redirect('/account?done=password', 303);
    },
  );

  app.get('/account/mfa', { config }, async (request, reply) => {
    const { accountId } = sessionOf(request);
    if ((await mfaStatus(db, accountId)).enrolled) return reply.redirect('/account', 303);
    return sendPage(reply, await enrolView(deps, request, reply, accountId, '/account/mfa', '/account', false));
  });

  app.post('/account/mfa', { config, schema: { body: formBodySchema({ code: 200 }) } }, async (request, reply) => {
    const { accountId } = sessionOf(request);
    const form = parseForm(codeForm, request.body);
    if (!form.ok)
      return sendPage(reply, await enrolView(deps, request, reply, accountId, '/account/mfa', '/account', false, form.errors.code), 400);
    const result = await confirmMfaEnrolment(deps, accountId, form.data.code, null);
    if (result.outcome === 'refused')
      return sendPage(
        reply,
        await enrolView(deps, request, reply, accountId, '/account/mfa', '/account', false, messages.wrongEnrolmentCode),
        400,
      );
    return sendPage(
      reply,
      recoveryCodesPage({
        codes: result.recoveryCodes,
        heading: 'Two-step verification is set up',
        intro: 'From now on, signing in asks for a code from your app after your password.',
        continueHref: '/account',
        continueLabel: 'Back to your account',
        actor: request.actor,
        csrf: reply.csrfToken(),
      }),
    );
  });

  app.post(
    '/account/mfa/recovery-codes',
    { config, schema: { body: formBodySchema({ codes_password: 4000 }) } },
    async (request, reply) => {
      const form = parseForm(confirmWith('codes_password'), request.body);
      if (!form.ok) return showAccount(request, reply, { status: 400, errors: form.errors });
      const password = String(form.data.codes_password);
      const result = await regenerateRecoveryCodes(deps, sessionOf(request).accountId, password, requestMeta(request));
      if (result.outcome === 'wrong_password')
        return showAccount(request, reply, { status: 400, errors: { codes_password: 'Your password is not right.' } });
      if (result.outcome === 'locked')
        return showAccount(request, reply, { status: 429, errors: { codes_password: messages.locked(result.minutes) } });
      return sendPage(
        reply,
        recoveryCodesPage({
          codes: result.recoveryCodes,
          heading: 'New recovery codes',
          intro: 'Your earlier recovery codes no longer work.',
          continueHref: '/account',
          continueLabel: 'Back to your account',
          actor: request.actor,
          csrf: reply.csrfToken(),
        }),
      );
    },
  );

  app.post('/account/mfa/disable', { config, schema: { body: formBodySchema({ disable_password: 4000 }) } }, async (request, reply) => {
    const form = parseForm(confirmWith('disable_password'), request.body);
    if (!form.ok) return showAccount(request, reply, { status: 400, errors: form.errors });
    const result = await disableMfa(deps, sessionOf(request).accountId, String(form.data.disable_password), requestMeta(request));
    if (result.outcome === 'wrong_password')
      return showAccount(request, reply, { status: 400, errors: { disable_password: 'Your password is not right.' } });
    if (result.outcome === 'locked')
      return showAccount(request, reply, { status: 429, errors: { disable_password: messages.locked(result.minutes) } });
    return reply.redirect('/account?done=mfa-off', 303);
  });

  // A checked box sends 'yes'; an unchecked one sends nothing, and that notification is turned off.
  app.post(
    '/account/notifications',
    { config, schema: { body: formBodySchema(Object.fromEntries(notificationKinds.map((k) => [k, 10]))) } },
    async (request, reply) => {
      const { accountId } = sessionOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const chosen = Object.fromEntries(notificationKinds.map((k) => [k, body[k] === 'yes'])) as NotificationPreferences;
      await db.transaction().execute((trx) => setNotificationPreferences(trx, clock, accountId, chosen));
      return reply.redirect('/account?done=notifications', 303);
    },
  );

  app.post('/account/sessions/end-others', { config, schema: { body: formBodySchema({}) } }, async (request, reply) => {
    const session = sessionOf(request);
    await db.transaction().execute((trx) => endOtherSessions(trx, clock, session));
    return reply.redirect('/account?done=sessions', 303);
  });

  // The codes just shown, as a text file: the page posts them back, and only the account's current set, every code
  // unused, is given back (a page kept from before, or a set with a code used since, is refused).
  app.post(RECOVERY_CODES_DOWNLOAD, { config, schema: { body: formBodySchema({ codes: 400 }) } }, async (request, reply) => {
    const { accountId } = sessionOf(request);
    const codes = String((request.body as { codes?: unknown }).codes ?? '')
      .split(/\s+/)
      .filter((c) => c !== '');
    const account = await findAccountById(db, accountId);
    if (!account || !(await areCurrentRecoveryCodes(db, accountId, codes))) throw new AppError('mfa.recovery_codes_stale');
    const now = clock.now();
    const madeAt = `${formatDate(now, 'America/New_York')}, ${formatTimeInZone(now, 'America/New_York')}`;
    return reply
      .header('content-disposition', 'attachment; filename="rostrum-recovery-codes.txt"')
      .type('text/plain; charset=utf-8')
      .send(recoveryCodesText({ codes, email: account.email, name: account.display_name, madeAt }));
  });
}
