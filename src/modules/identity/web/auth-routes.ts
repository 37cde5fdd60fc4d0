// Routes of signing in and out, the second step, invitations and password resets. Thin handlers: parse the form,
// call one command, answer with a page or a redirect. Lengths are capped twice: generously by the body schema
// (an absurd request gets the plain "could not be understood" page) and precisely by the form's own checks,
// which answer in words next to the field.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../../config.js';
import { actorOf } from '../../../web/session.js';
import { PUBLIC } from '../../../kernel/authz.js';
import { AppError } from '../../../kernel/errors.js';
import { noticeFor, type FieldErrors } from '../../../web/forms.js';
import { safeNextPath, UNSENT } from '../../../web/return-path.js';
import { acceptInvitation, openLink, type LinkProblem, type NewPassword } from '../commands/accept-invitation.js';
import type { NewPasswordErrors } from '../domain/password-rules.js';
import type { LinkPurpose } from '../links.js';
import { beginMfaEnrolment, confirmMfaEnrolment } from '../commands/enrol-mfa.js';
import { requestPasswordReset } from '../commands/request-password-reset.js';
import { resetPassword } from '../commands/reset-password.js';
import {
  findAccountById,
  prepareSignIn,
  signIn,
  type AuthAccount,
  type AuthDeps,
  type AuthSettings,
  type Refusal,
  type RequestMeta,
} from '../commands/sign-in.js';
import { signOut } from '../commands/sign-out.js';
import { verifyMfa } from '../commands/verify-mfa.js';
import type { SessionStage } from '../tables.js';
import { destinationAfterSignIn } from '../domain/landing.js';
import { COMPLETE_MFA, ENROL_MFA } from '../policies.js';
import { hashToken } from '../sessions.js';
import {
  EMAIL_MAX_LENGTH,
  enrolPage,
  forgotPasswordPage,
  forgotPasswordSentPage,
  linkProblemPage,
  messages,
  mfaPage,
  recoveryCodesPage,
  sendPage,
  setPasswordPage,
  signInPage,
  signOutPage,
} from './auth-pages.js';

export function authSettings(config: Config): AuthSettings {
  return {
    session: { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS },
    mfaRequiredRoles: config.MFA_REQUIRED_ROLES,
    invitationHours: config.INVITATION_HOURS,
    resetLinkMinutes: config.RESET_LINK_MINUTES,
    publicUrl: config.publicUrl,
  };
}

/** Where to go after signing in: a path on this site only (web/return-path.ts). */
export { safeNextPath };

/** After a correct password (or an accepted invitation): the next step of signing in, or the page asked for. */
export function pathAfterSignIn(stage: SessionStage, next: string): string {
  if (stage === 'active') return next;
  const step = stage === 'mfa' ? '/sign-in/mfa' : '/sign-in/enrol-mfa';
  return next === '/' ? step : `${step}?next=${encodeURIComponent(next)}`;
}

/** Where a signed-in account goes: the page asked for, or its role's landing page (domain/landing.ts). */
async function destinationOf(deps: AuthDeps, accountId: string, next: string): Promise<string> {
  if (next !== '/') return next;
  const account = await findAccountById(deps.db, accountId);
  return account ? destinationAfterSignIn(next, account) : next;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  return {
    address: request.ip,
    userAgent: request.headers['user-agent'],
    previousSessionToken: request.sessionToken,
    knownDeviceOf: request.knownDeviceOf,
  };
}

/** What the page says when the throttle did not let an attempt through, with Retry-After set to match. */
function refusalMessage(reply: FastifyReply, refusal: Refusal): string {
  reply.header('retry-after', String(refusal.outcome === 'locked' ? refusal.minutes * 60 : refusal.seconds));
  return refusal.outcome === 'locked' ? messages.locked(refusal.minutes) : messages.slowed(refusal.seconds);
}

/** A form body as Fastify checks it: strings only, each under a generous cap; missing fields are the form's to report. */
export function formBodySchema(fields: Record<string, number>) {
  return {
    type: 'object',
    properties: {
      _csrf: { type: 'string', maxLength: 200 },
      ...Object.fromEntries(Object.entries(fields).map(([name, max]) => [name, { type: 'string', maxLength: max }])),
    },
  } as const;
}

const tokenParams = { type: 'object', properties: { token: { type: 'string', maxLength: 100 } }, required: ['token'] } as const;
const nextQuery = {
  type: 'object',
  properties: {
    next: { type: 'string', maxLength: 2000 },
    done: { type: 'string', maxLength: 40 },
    recovery: { type: 'string', maxLength: 5 },
    sent: { type: 'string', maxLength: 5 },
  },
} as const;

/** A text field of a form: absent counts as empty; too long gets a message, not a truncation. */
export function text(max: number, tooLong: string) {
  return z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().max(max, tooLong));
}

/** Parses a form with a zod schema, into its data or a message per field (the first one for each). */
export function parseForm<T extends z.ZodType>(
  schema: T,
  body: unknown,
): { ok: true; data: z.output<T> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? 'form');
    errors[name] ??= issue.message;
  }
  return { ok: false, errors };
}

const signInForm = z.object({
  email: text(EMAIL_MAX_LENGTH, `Enter an e-mail address of at most ${EMAIL_MAX_LENGTH} characters.`).pipe(
    z.string().trim().min(1, 'Enter your e-mail address.'),
  ),
  password: text(1000, 'This is longer than any password Rostrum accepts. Check what you typed.').pipe(
    z.string().min(1, 'Enter your password.'),
  ),
});

const codeForm = z.object({
  code: text(40, 'A code is 6 digits, or a recovery code of 10 characters. Check what you typed.').pipe(
    z.string().trim().min(1, 'Enter the code.'),
  ),
});

const passwordForm = z.object({
  password: text(1000, 'Use at most 200 characters.'),
  confirmation: text(1000, 'Use at most 200 characters.'),
});

const forgotForm = z.object({
  email: text(EMAIL_MAX_LENGTH, `Enter an e-mail address of at most ${EMAIL_MAX_LENGTH} characters.`)
    .pipe(z.string().trim().min(1, 'Enter the e-mail address of your account.'))
    .pipe(z.email('Enter an e-mail address in the form name@example.org.')),
});

const notices: Record<string, string> = {
  'password-reset': 'Your new password is saved and you have been signed out everywhere. Sign in with the new password.',
};

/** The session behind the request, whether signing in is finished or not. */
function sessionOf(request: FastifyRequest): { accountId: string; sessionId: string } | undefined {
  const actor = actorOf(request);
  if (actor.kind === 'pending') return { accountId: actor.accountId, sessionId: actor.sessionId };
  if (actor.kind === 'account' && actor.via.kind === 'session') return { accountId: actor.id, sessionId: actor.via.sessionId };
  return undefined;
}

function pendingOf(request: FastifyRequest): { accountId: string; sessionId: string } {
  const actor = actorOf(request);
  // The policy let only pending actors in; this narrows the type.
  if (actor.kind !== 'pending') throw new AppError('auth.unauthenticated');
  return { accountId: actor.accountId, sessionId: actor.sessionId };
}

export async function authRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const { db, clock } = deps;
  app.addHook('onReady', prepareSignIn);

  // The form needs no query: people can reach it however busy visitors keep the server (web/visitors.ts).
  app.get<{ Querystring: { next?: string; done?: string } }>(
    '/sign-in',
    { config: { policy: PUBLIC, visitorGate: false }, schema: { querystring: nextQuery } },
    async (request, reply) => {
      const next = safeNextPath(request.query.next);
      if (request.actor.kind === 'account') return reply.redirect(destinationAfterSignIn(next, request.actor), 303);
      // On the way back to a form sent after the session had ended: say so before the password is asked for.
      const resuming = new URL(next, 'http://rostrum.invalid').searchParams.get('done') === UNSENT;
      const notice = resuming
        ? 'Your session had ended, so the form you sent did nothing. Sign in to go back to it.'
        : noticeFor(request.query.done, notices);
      return sendPage(reply, signInPage({ csrf: reply.csrfToken(), next, notice, actor: request.actor }));
    },
  );

  // Signing in waits at the password gate before its first query (commands/sign-in.ts), not at the visitors' gate.
  app.post(
    '/sign-in',
    {
      config: { policy: PUBLIC, signInForm: true, visitorGate: false },
      schema: { body: formBodySchema({ email: 1000, password: 4000, next: 2000 }) },
    },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = safeNextPath(body.next);
      const email = typeof body.email === 'string' ? body.email.slice(0, EMAIL_MAX_LENGTH) : undefined;
      const show = (errors: FieldErrors, status: number) =>
        sendPage(reply, signInPage({ csrf: reply.csrfToken(), next, email, errors, actor: request.actor }), status);
      const form = parseForm(signInForm, body);
      if (!form.ok) return show(form.errors, 400);
      const result = await signIn(deps, { email: form.data.email, password: form.data.password }, requestMeta(request));
      if (result.outcome === 'refused') return show({ email: messages.refused }, 400);
      if (result.outcome === 'locked' || result.outcome === 'slowed') return show({ email: refusalMessage(reply, result) }, 429);
      reply.startSession(result.token).rememberDevice(result.accountId);
      return reply.redirect(
        result.stage === 'active' ? await destinationOf(deps, result.accountId, next) : pathAfterSignIn(result.stage, next),
        303,
      );
    },
  );

  app.get<{ Querystring: { next?: string; recovery?: string } }>(
    '/sign-in/mfa',
    { config: { policy: COMPLETE_MFA }, schema: { querystring: nextQuery } },
    async (request, reply) => {
      const next = safeNextPath(request.query.next);
      return sendPage(reply, mfaPage({ csrf: reply.csrfToken(), next, recovery: request.query.recovery === '1', actor: request.actor }));
    },
  );

  app.post(
    '/sign-in/mfa',
    { config: { policy: COMPLETE_MFA, signInForm: true }, schema: { body: formBodySchema({ code: 200, next: 2000 }) } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = safeNextPath(body.next);
      const recovery = typeof body.code === 'string' && /[a-z]/i.test(body.code);
      const show = (error: string, status: number) =>
        sendPage(reply, mfaPage({ csrf: reply.csrfToken(), next, recovery, error, actor: request.actor }), status);
      const form = parseForm(codeForm, body);
      if (!form.ok) return show(form.errors.code ?? 'Enter the code.', 400);
      const result = await verifyMfa(deps, pendingOf(request), form.data.code, requestMeta(request));
      switch (result.outcome) {
        case 'verified':
          return reply.redirect(await destinationOf(deps, pendingOf(request).accountId, next), 303);
        case 'refused':
          return show(messages.wrongCode, 400);
        case 'locked':
        case 'slowed':
          return show(refusalMessage(reply, result), 429);
        case 'gone':
          reply.clearSession();
          return reply.redirect('/sign-in', 303);
      }
    },
  );

  app.get<{ Querystring: { next?: string } }>(
    '/sign-in/enrol-mfa',
    { config: { policy: ENROL_MFA }, schema: { querystring: nextQuery } },
    async (request, reply) => {
      const next = safeNextPath(request.query.next);
      const { accountId } = pendingOf(request);
      return sendPage(reply, await enrolView(deps, request, reply, accountId, '/sign-in/enrol-mfa', next, true));
    },
  );

  app.post(
    '/sign-in/enrol-mfa',
    { config: { policy: ENROL_MFA, signInForm: true }, schema: { body: formBodySchema({ code: 200, next: 2000 }) } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = safeNextPath(body.next);
      const pending = pendingOf(request);
      const form = parseForm(codeForm, body);
      if (!form.ok)
        return sendPage(
          reply,
          await enrolView(deps, request, reply, pending.accountId, '/sign-in/enrol-mfa', next, true, form.errors.code),
          400,
        );
      const result = await confirmMfaEnrolment(deps, pending.accountId, form.data.code, pending.sessionId);
      if (result.outcome === 'refused') {
        return sendPage(
          reply,
          await enrolView(deps, request, reply, pending.accountId, '/sign-in/enrol-mfa', next, true, messages.wrongEnrolmentCode),
          400,
        );
      }
      return sendPage(
        reply,
        recoveryCodesPage({
          codes: result.recoveryCodes,
          heading: 'Two-step verification is set up',
          intro: 'From now on, signing in asks for a code from your app after your password.',
          continueHref: await destinationOf(deps, pending.accountId, next),
          continueLabel: 'Continue',
          csrf: reply.csrfToken(),
          // The session became a full one with this request; the page's navigation says so.
          actor: { kind: 'pending', accountId: pending.accountId, sessionId: pending.sessionId, stage: 'enrol_mfa' },
        }),
      );
    },
  );

  app.get('/sign-out', { config: { policy: PUBLIC } }, async (request, reply) => {
    return sendPage(reply, signOutPage({ csrf: reply.csrfToken(), actor: request.actor }));
  });

  app.post('/sign-out', { config: { policy: PUBLIC }, schema: { body: formBodySchema({}) } }, async (request, reply) => {
    const session = sessionOf(request);
    if (session) await db.transaction().execute((trx) => signOut(trx, clock, session));
    else if (request.sessionToken) {
      // An idle or expired session still in the cookie: end it on the server too, without an audit entry (nobody was signed in).
      const id = hashToken(request.sessionToken);
      await db.updateTable('identity.sessions').set({ ended_at: clock.now() }).where('id', '=', id).where('ended_at', 'is', null).execute();
    }
    reply.clearSession();
    return reply.redirect('/', 303);
  });

  // An invitation and a password reset are the same page: a single-use link leading to "choose a password".
  // Accepting an invitation signs the person in; a reset sends them to sign in (so a link never skips MFA).
  passwordLinkRoutes(
    app,
    deps,
    'invitation',
    '/invitations/:token',
    async (token, input, request) => asLinkOutcome(await acceptInvitation(deps, token, input, requestMeta(request))),
    (reply, signedIn) =>
      reply
        .startSession(signedIn.token)
        .redirect(signedIn.stage === 'active' ? destinationAfterSignIn('/', signedIn) : pathAfterSignIn(signedIn.stage, '/'), 303),
  );

  app.get<{ Querystring: { sent?: string } }>(
    '/password/forgot',
    { config: { policy: PUBLIC }, schema: { querystring: nextQuery } },
    async (request, reply) => {
      if (request.query.sent === '1')
        return sendPage(reply, forgotPasswordSentPage({ minutes: deps.settings.resetLinkMinutes, actor: request.actor }));
      return sendPage(reply, forgotPasswordPage({ csrf: reply.csrfToken(), actor: request.actor }));
    },
  );

  app.post(
    '/password/forgot',
    { config: { policy: PUBLIC, signInForm: true }, schema: { body: formBodySchema({ email: 1000 }) } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = parseForm(forgotForm, body);
      if (!form.ok) {
        const email = typeof body.email === 'string' ? body.email.slice(0, EMAIL_MAX_LENGTH) : undefined;
        return sendPage(reply, forgotPasswordPage({ csrf: reply.csrfToken(), email, errors: form.errors, actor: request.actor }), 400);
      }
      await db.transaction().execute((trx) => requestPasswordReset(trx, clock, form.data.email));
      return reply.redirect('/password/forgot?sent=1', 303);
    },
  );

  passwordLinkRoutes(
    app,
    deps,
    'password_reset',
    '/password/reset/:token',
    async (token, input) => asLinkOutcome(await resetPassword(deps, token, input)),
    (reply) => reply.redirect('/sign-in?done=password-reset', 303),
  );
}

type LinkOutcome<S> =
  | { outcome: 'done'; value: S }
  | { outcome: 'invalid'; errors: NewPasswordErrors; account: AuthAccount }
  | { outcome: 'link'; reason: LinkProblem };

/** A command's answer as the link routes read it: done (with its value), or the link's or the form's problem. */
function asLinkOutcome<S extends { outcome: string }>(result: S | Exclude<LinkOutcome<never>, { outcome: 'done' }>): LinkOutcome<S> {
  return result.outcome === 'invalid' || result.outcome === 'link'
    ? (result as Exclude<LinkOutcome<S>, { outcome: 'done' }>)
    : { outcome: 'done', value: result as S };
}

/** GET shows the link's form (or why the link no longer works); POST uses the link through `use`. */
function passwordLinkRoutes<S>(
  app: FastifyInstance,
  deps: AuthDeps,
  purpose: LinkPurpose,
  path: string,
  use: (token: string, input: NewPassword, request: FastifyRequest) => Promise<LinkOutcome<S>>,
  done: (reply: FastifyReply, value: S) => FastifyReply,
): void {
  const linkProblem = (reply: FastifyReply, request: FastifyRequest, reason: LinkProblem) =>
    sendPage(reply, linkProblemPage({ purpose, reason, actor: request.actor }), reason === 'unknown' ? 404 : 410);
  const form = (reply: FastifyReply, request: FastifyRequest, account: AuthAccount, errors?: FieldErrors) =>
    setPasswordPage({
      purpose,
      csrf: reply.csrfToken(),
      action: request.url,
      email: account.email,
      name: account.display_name,
      errors,
      actor: request.actor,
    });

  app.get<{ Params: { token: string } }>(path, { config: { policy: PUBLIC }, schema: { params: tokenParams } }, async (request, reply) => {
    const link = await openLink(deps.db, deps.clock, request.params.token, purpose);
    if (!link.ok) return linkProblem(reply, request, link.reason);
    return sendPage(reply, form(reply, request, link.account));
  });

  app.post<{ Params: { token: string } }>(
    path,
    {
      config: { policy: PUBLIC, signInForm: true },
      schema: { params: tokenParams, body: formBodySchema({ password: 4000, confirmation: 4000, username: 1000 }) },
    },
    async (request, reply) => {
      const parsed = parseForm(passwordForm, request.body);
      const result = await use(request.params.token, parsed.ok ? parsed.data : { password: '', confirmation: '' }, request);
      if (result.outcome === 'link') return linkProblem(reply, request, result.reason);
      if (result.outcome === 'invalid')
        return sendPage(reply, form(reply, request, result.account, parsed.ok ? result.errors : parsed.errors), 400);
      // The command checks the password itself, so a form that failed to parse never reaches here as done.
      if (!parsed.ok) throw new AppError('http.bad_request');
      return done(reply, result.value);
    },
  );
}

/** The enrolment page with its offer (the same secret until confirmed), for signing in or the account page. */
export async function enrolView(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  accountId: string,
  action: string,
  next: string,
  required: boolean,
  error?: string,
) {
  const account = await findAccountById(deps.db, accountId);
  if (!account) throw new AppError('auth.unauthenticated');
  const offer = await beginMfaEnrolment(deps, accountId);
  return enrolPage({ csrf: reply.csrfToken(), action, next, offer, email: account.email, required, error, actor: request.actor });
}
