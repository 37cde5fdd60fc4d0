// What the request log keeps of a request. Single-use links carry their secret in the address (an invitation, a
// password reset) and upload forms their CSRF token in the query: both are replaced before a line is written, so
// a log file never holds a link that still works.
import type { FastifyRequest } from 'fastify';

const LINK_PATHS = /^(\/invitations|\/password\/reset)\/[^/?#]+/;
const SECRET_QUERY = /([?&](?:_csrf|token)=)[^&#]*/g;

/** An address as it may be logged: link tokens and CSRF tokens hidden. */
export function redactUrl(url: string): string {
  return url.replace(LINK_PATHS, '$1/[hidden]').replace(SECRET_QUERY, '$1[hidden]');
}

export function requestSerializer(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: redactUrl(request.url), host: request.host, remoteAddress: request.ip };
}
