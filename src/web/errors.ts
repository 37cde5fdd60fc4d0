// The one boundary where errors become responses. Catalogued errors show their own message; anything else
// is logged with its stack and the user sees the generic message, never the internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorCatalogue, type ErrorCode } from '../kernel/errors.js';
import { html } from './html.js';
import { page } from './layout.js';

const titles: Partial<Record<number, string>> = {
  400: 'The request could not be understood',
  401: 'Sign-in required',
  403: 'Access denied',
  404: 'Page not found',
  413: 'Too large',
  429: 'Too many requests',
  500: 'Something went wrong',
  503: 'Service unavailable',
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers JSON only, so its errors are JSON too, whatever the client accepts. */
    json?: boolean;
  }
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.routeOptions.config?.json === true || (request.headers.accept ?? '').startsWith('application/json');
}

function send(request: FastifyRequest, reply: FastifyReply, code: ErrorCode): FastifyReply {
  const spec = errorCatalogue[code];
  reply.status(spec.status);
  if (wantsJson(request)) return reply.send({ error: { code, message: spec.message } });
  const title = titles[spec.status] ?? 'Error';
  const body = html`<div class="error-page"><h1>${title}</h1><p>${spec.message}</p>${
    code === 'auth.unauthenticated' ? html`<p><a href="/sign-in">Sign in</a></p>` : html`<p><a href="/">Go to the list of debates</a></p>`
  }</div>`;
  return reply.type('text/html; charset=utf-8').send(page({ title, body, actor: request.actor }).value);
}

function classify(error: FastifyError): ErrorCode | undefined {
  if (error.validation) return 'http.bad_request';
  if (error.code?.startsWith('FST_CSRF')) return 'http.csrf';
  if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'http.payload_too_large';
  if (error.statusCode === 429) return 'http.too_many_requests';
  if (error.statusCode === 404) return 'http.not_found';
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return 'http.bad_request';
  return undefined;
}

export function registerErrorBoundary(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // A page that needs signing in sends a browser to the sign-in page, and back here afterwards.
    if (error instanceof AppError && error.code === 'auth.unauthenticated' && request.method === 'GET' && !wantsJson(request)) {
      const next = encodeURIComponent(request.url);
      return reply.redirect(request.actor.kind === 'pending' ? `/sign-in/${request.actor.stage === 'mfa' ? 'mfa' : 'enrol-mfa'}` : `/sign-in?next=${next}`, 303);
    }
    if (error instanceof AppError) {
      if (error.spec.reportable) request.log.error({ err: error, code: error.code, detail: error.detail }, error.message);
      return send(request, reply, error.code);
    }
    const code = classify(error);
    if (code) return send(request, reply, code);
    request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, 'internal');
  });
  app.setNotFoundHandler((request, reply) => send(request, reply, 'http.not_found'));
}
