// Where a browser goes back to: after signing in (`next`), or from an error page to the page it came from. Only a
// path on this site is ever followed, so a crafted link cannot send someone elsewhere once they have signed in.
import type { FastifyRequest } from 'fastify';

const NEXT_MAX_LENGTH = 500;

/** The notice a form's page shows after signing in again, when its session had ended before the form was sent. */
export const UNSENT = 'unsent';

/**
 * Where to go after signing in: only a path on this site, as a browser sends it (printable ASCII, anything else
 * percent-encoded). Anything else ('//evil.example', 'https://…', '/\evil.example', which browsers read as '//',
 * control characters, characters a Location header cannot carry) gives '/'.
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > NEXT_MAX_LENGTH) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//')) return '/';
  // A backslash, any control character (a header split, a tab the URL parser would drop), or anything outside ASCII.
  if ([...raw].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) >= 0x7f)) return '/';
  return raw;
}

/** The sign-in page, returning to `next` afterwards ('/' is the default and is not carried). */
export function signInHref(next: string): string {
  const safe = safeNextPath(next);
  return safe === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(safe)}`;
}

/** A path with `done=<notice>` added to its query (before any fragment), replacing an earlier `done`. */
export function withNotice(path: string, done: string): string {
  const url = new URL(path, 'http://rostrum.invalid');
  url.searchParams.set('done', done);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The page the request came from, when the browser says so and it is on this site; its path and query. */
export function refererPath(request: FastifyRequest): string | undefined {
  const referer = request.headers.referer;
  if (!referer) return undefined;
  try {
    const from = new URL(referer);
    const here = new URL(`http://${request.headers.host ?? 'localhost'}`);
    if (from.host !== here.host) return undefined;
    const path = safeNextPath(`${from.pathname}${from.search}`);
    return path === '/' && from.pathname !== '/' ? undefined : path;
  } catch {
    return undefined;
  }
}
