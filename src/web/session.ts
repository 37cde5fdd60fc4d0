// The browser's side of sign-in: the session cookie, the actor of each request, the device cookie, and CSRF
// protection on every state-changing request. Which sessions exist is the identity module's business: it is passed in.
//
// The session cookie is signed with the installation key, so a made-up cookie is refused without asking the
// database: only a genuine cookie costs a query, however many a visitor sends.
// A form sent as multipart/form-data (a file upload) carries its CSRF token in the address or a header, and the
// upload guard (uploads.ts) checks it before the body is read; other forms are checked here once they are read.
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { anonymous, type AccountActor, type Actor } from '../kernel/authz.js';
import { AppError } from '../kernel/errors.js';

export interface SessionOptions {
  cookieKey: string;
  /** Cookies only over HTTPS (when PUBLIC_URL is https). */
  secure: boolean;
  /** Absolute lifetime, to bound the cookie itself. */
  maxAgeSeconds: number;
  resolve(token: string): Promise<Actor | undefined>;
}

declare module 'fastify' {
  interface FastifyReply {
    /** Sets the session cookie after a successful sign-in step. */
    startSession(token: string): FastifyReply;
    clearSession(): FastifyReply;
    /** Marks this browser as one that has signed in to the account (see the throttle's account-wide spacing). */
    rememberDevice(accountId: string): FastifyReply;
    /** A fresh CSRF token for the form being rendered. */
    csrfToken(): string;
  }
  interface FastifyRequest {
    /** The raw session token from the cookie, if any (to end it at sign-out). */
    sessionToken: string | undefined;
    /** The account this browser signed in to before, from its signed device cookie. */
    knownDeviceOf: string | undefined;
    /** The CSRF token was checked before the body was read (a multipart form, by the upload guard). */
    csrfChecked: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How long a browser counts as one that has signed in to an account. */
const DEVICE_DAYS = 180;
const DEVICE_VALUE = /^([0-9a-f-]{36})\.(\d{1,12})$/;

/** Whether the request is a multipart form (an upload), whose body is read only after it is let in. */
export function isMultipart(request: FastifyRequest): boolean {
  return /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');
}

export function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

export const sessionPlugin = fp(async (app: FastifyInstance, options: SessionOptions) => {
  const name = options.secure ? '__Host-rostrum_session' : 'rostrum_session';
  const deviceName = options.secure ? '__Host-rostrum_device' : 'rostrum_device';
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.secure };

  await app.register(cookie, { secret: options.cookieKey });
  await app.register(csrf, {
    cookieKey: options.secure ? '__Host-rostrum_csrf' : 'rostrum_csrf',
    cookieOpts: { ...cookieBase, sameSite: 'strict', signed: true },
    getToken: (request: FastifyRequest) => {
      const body = request.body as Record<string, unknown> | undefined;
      const field = body?._csrf;
      const fromBody = typeof field === 'string' ? field : undefined;
      const query = (request.query as Record<string, unknown> | undefined)?._csrf;
      return fromBody ?? (request.headers['x-csrf-token'] as string | undefined) ?? (typeof query === 'string' ? query : undefined);
    },
  });

  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('knownDeviceOf', undefined);
  app.decorateRequest('csrfChecked', false);
  app.decorateReply('startSession', function (this: FastifyReply, token: string) {
    return this.setCookie(name, token, { ...cookieBase, maxAge: options.maxAgeSeconds, signed: true });
  });
  app.decorateReply('clearSession', function (this: FastifyReply) {
    return this.clearCookie(name, cookieBase);
  });
  app.decorateReply('rememberDevice', function (this: FastifyReply, accountId: string) {
    const issued = Math.floor(Date.now() / 1000);
    return this.setCookie(deviceName, `${accountId}.${issued}`, { ...cookieBase, maxAge: DEVICE_DAYS * 86_400, signed: true });
  });
  app.decorateReply('csrfToken', function (this: FastifyReply) {
    return this.generateCsrf();
  });

  app.addHook('onRequest', async (request) => {
    request.knownDeviceOf = deviceOf(request, deviceName);
    const raw = request.cookies[name];
    if (!raw) return;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || unsigned.value === null) return;
    request.sessionToken = unsigned.value;
    const actor = await options.resolve(unsigned.value);
    if (actor) request.actor = actor;
  });

  // API calls authenticate with a bearer token and carry no cookies, so they need no CSRF token.
  app.addHook('preHandler', (request, reply, done) => {
    if (
      !UNSAFE.has(request.method) ||
      request.csrfChecked ||
      (isApi(request) && request.actor.kind === 'account' && request.actor.via.kind === 'token')
    ) {
      done();
      return;
    }
    app.csrfProtection(request, reply, (err?: Error) => done(err ? new AppError('http.csrf', { cause: err }) : undefined));
  });

  /** The account named by a genuine device cookie that is not too old. */
  function deviceOf(request: FastifyRequest, cookieName: string): string | undefined {
    const raw = request.cookies[cookieName];
    if (!raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    const match = unsigned.valid && unsigned.value !== null ? DEVICE_VALUE.exec(unsigned.value) : null;
    if (!match) return undefined;
    const ageDays = (Date.now() / 1000 - Number(match[2])) / 86_400;
    return ageDays >= 0 && ageDays <= DEVICE_DAYS ? match[1] : undefined;
  }
});

export function actorOf(request: FastifyRequest): Actor {
  return request.actor ?? anonymous;
}

/** The signed-in account behind a request whose policy admits only accounts; anyone else is unauthenticated. */
export function signedIn(request: FastifyRequest): AccountActor {
  const actor = actorOf(request);
  if (actor.kind !== 'account') throw new AppError('auth.unauthenticated');
  return actor;
}
