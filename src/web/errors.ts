// The one boundary where errors become responses. Catalogued errors show their own message; anything else
// is logged with its stack and the user sees the generic message, never the internals.
//
// An error answered before the request's body was read (a refused upload, a visitor over a limit) closes the
// connection, so the rest of the body is not read. Overload (503) and "too many" (429) say when to try again.
// Every error page offers a way forward: signing in again and back to the form (a form sent after its session
// ended), the page it came from, the debate or statement page named in its address, and the home page.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorCatalogue, fillMessage, type ErrorCode } from '../kernel/errors.js';
import { html } from './html.js';
import { page } from './layout.js';
import { refererPath, signInHref, UNSENT, withNotice } from './return-path.js';
import { megabytes } from './uploads.js';

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

/** Seconds to wait before trying again after an overload. */
const RETRY_AFTER_OVERLOAD = 5;

export interface ErrorBoundaryOptions {
  /** The largest file an upload takes (UPLOAD_MAX_MB), and the largest plain form, for the "too large" message. */
  maxFileBytes: number;
  maxFormBytes: number;
}

function wantsJson(request: FastifyRequest): boolean {
  return (
    request.url.startsWith('/api/') ||
    request.routeOptions.config?.json === true ||
    (request.headers.accept ?? '').startsWith('application/json')
  );
}

/** A next step an error page offers: where, and what the link says. */
interface WayForward {
  href: string;
  text: string;
}

/** The debate, and the delegation's statement page, named in an address under /debates/<slug>/… (not the address itself). */
function placesInAddress(url: string, code: ErrorCode): WayForward[] {
  const path = url.split(/[?#]/)[0] ?? '';
  const match = /^\/debates\/([a-z0-9]+(?:-[a-z0-9]+)*)(\/.*)?$/.exec(path);
  if (!match || code === 'debate.not_found') return [];
  const debate = `/debates/${match[1]}`;
  const places: WayForward[] = [];
  if (match[2]?.startsWith('/statement/') && path !== `${debate}/statement`)
    places.push({ href: `${debate}/statement`, text: 'Go to your delegation’s statement page' });
  if (path !== debate) places.push({ href: debate, text: 'Go to the debate’s page' });
  return places;
}

/** What the page offers after saying what happened: signing in again (back to the form), the page before, the debate, home. */
function waysForward(request: FastifyRequest, code: ErrorCode, status: number): WayForward[] {
  const back = refererPath(request);
  const ways: WayForward[] = [];
  if (code === 'auth.unauthenticated' || code === 'auth.session_ended') {
    const returnTo = request.method === 'GET' ? request.url : back ? withNotice(back, UNSENT) : '/';
    ways.push({ href: signInHref(returnTo), text: 'Sign in' });
  } else if (back && back !== request.url) {
    const form = status === 413 || status === 429 || status === 503 || code === 'http.csrf';
    ways.push({ href: back, text: form ? 'Go back to the form' : 'Go back to the page you came from' });
  } else if ((status === 429 || status === 503 || status === 500) && request.method === 'GET') {
    ways.push({ href: request.url, text: 'Try again' });
  }
  ways.push(...placesInAddress(request.url, code));
  if (!ways.some((w) => w.href === '/')) ways.push({ href: '/', text: 'Go to the home page' });
  return ways;
}

function send(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  const spec = errorCatalogue[code];
  reply.status(spec.status);
  if (spec.status === 503) reply.header('retry-after', String(RETRY_AFTER_OVERLOAD));
  if (!request.raw.complete) reply.header('connection', 'close');
  if (wantsJson(request)) return reply.send({ error: { code, message } });
  const title = code === 'auth.session_ended' ? 'Your session ended' : (titles[spec.status] ?? 'Error');
  const ways = waysForward(request, code, spec.status);
  const body = html`<div class="error-page"><h1>${title}</h1><p>${message}</p>
<ul class="ways-forward">${ways.map((w) => html`<li><a href="${w.href}">${w.text}</a></li>`)}</ul></div>`;
  return reply.type('text/html; charset=utf-8').send(page({ title, body, actor: request.actor }).value);
}

function classify(error: FastifyError): ErrorCode | undefined {
  if (error.validation) return 'http.bad_request';
  if (error.code?.startsWith('FST_CSRF')) return 'http.csrf';
  if (
    error.statusCode === 413 ||
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
    error.code === 'FST_REQ_FILE_TOO_LARGE' ||
    error.code === 'FST_PARTS_LIMIT' ||
    error.code === 'FST_FILES_LIMIT'
  ) {
    return 'http.payload_too_large';
  }
  if (error.statusCode === 429) return 'http.too_many_requests';
  if (error.statusCode === 404) return 'http.not_found';
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return 'http.bad_request';
  return undefined;
}

export function registerErrorBoundary(app: FastifyInstance, options: ErrorBoundaryOptions): void {
  /** The limit that applied to this request, for the "too large" message. */
  const limitOf = (request: FastifyRequest): string => {
    const upload = request.routeOptions.config?.upload;
    return upload ? `${megabytes(upload.fileBytes ?? options.maxFileBytes)} a file` : `${Math.round(options.maxFormBytes / 1024)} KB`;
  };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // A page that needs signing in sends a browser to the sign-in page, and back here afterwards.
    if (error instanceof AppError && error.code === 'auth.unauthenticated' && request.method === 'GET' && !wantsJson(request)) {
      const next = encodeURIComponent(request.url);
      return reply.redirect(
        request.actor.kind === 'pending'
          ? `/sign-in/${request.actor.stage === 'mfa' ? 'mfa' : 'enrol-mfa'}?next=${next}`
          : `/sign-in?next=${next}`,
        303,
      );
    }
    // A form sent once the session had ended (an upload that took long, a page left open): say so, and that
    // nothing was submitted, with a way to sign in and come back to the form.
    if (
      error instanceof AppError &&
      error.code === 'auth.unauthenticated' &&
      request.method !== 'GET' &&
      request.actor.kind !== 'pending' &&
      !wantsJson(request)
    ) {
      return send(request, reply, 'auth.session_ended', errorCatalogue['auth.session_ended'].message);
    }
    if (error instanceof AppError) {
      if (error.spec.reportable) request.log.error({ err: error, code: error.code, detail: error.detail }, error.message);
      const message = error.code === 'http.payload_too_large' ? fillMessage(error.message, { limit: limitOf(request) }) : error.message;
      return send(request, reply, error.code, message);
    }
    const code = classify(error);
    if (code) return send(request, reply, code, fillMessage(errorCatalogue[code].message, { limit: limitOf(request) }));
    request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, 'internal', errorCatalogue.internal.message);
  });
  app.setNotFoundHandler((request, reply) => send(request, reply, 'http.not_found', errorCatalogue['http.not_found'].message));
}
