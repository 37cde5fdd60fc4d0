// The browser's side of sign-in: the session cookie, the actor of each request, and CSRF protection on
// every state-changing request. Which sessions exist is the identity module's business: it is passed in.
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
    /** A fresh CSRF token for the form being rendered. */
    csrfToken(): string;
  }
  interface FastifyRequest {
    /** The raw session token from the cookie, if any (to end it at sign-out). */
    sessionToken: string | undefined;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const sessionPlugin = fp(async (app: FastifyInstance, options: SessionOptions) => {
  const name = options.secure ? '__Host-rostrum_session' : 'rostrum_session';
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.secure };

  await app.register(cookie, { secret: options.cookieKey });
  await app.register(csrf, {
    cookieKey: options.secure ? '__Host-rostrum_csrf' : 'rostrum_csrf',
    cookieOpts: { ...cookieBase, sameSite: 'strict', signed: true },
    getToken: (request: FastifyRequest) => {
      const body = request.body as Record<string, unknown> | undefined;
      // A multipart form parsed into the body gives each field as { value } (see the statement upload).
      const field = body?._csrf;
      const fromBody = typeof field === 'string' ? field : typeof (field as { value?: unknown } | undefined)?.value === 'string' ? (field as { value: string }).value : undefined;
      return fromBody ?? (request.headers['x-csrf-token'] as string | undefined);
    },
  });

  app.decorateRequest('sessionToken', undefined);
  app.decorateReply('startSession', function (this: FastifyReply, token: string) {
    return this.setCookie(name, token, { ...cookieBase, maxAge: options.maxAgeSeconds });
  });
  app.decorateReply('clearSession', function (this: FastifyReply) {
    return this.clearCookie(name, cookieBase);
  });
  app.decorateReply('csrfToken', function (this: FastifyReply) {
    return this.generateCsrf();
  });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[name];
    if (!token) return;
    request.sessionToken = token;
    const actor = await options.resolve(token);
    if (actor) request.actor = actor;
  });

  // API calls authenticate with a bearer token and carry no cookies, so they need no CSRF token.
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE.has(request.method) || (request.url.startsWith('/api/') && request.actor.kind === 'account' && request.actor.via.kind === 'token')) {
      done();
      return;
    }
    app.csrfProtection(request, reply, (err?: Error) => done(err ? new AppError('http.csrf', { cause: err }) : undefined));
  });
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
