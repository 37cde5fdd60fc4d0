// Who is calling the JSON API. Routes under the API prefix authenticate with a bearer token only
// (`Authorization: Bearer rst_...`); which tokens exist is the identity module's business and is passed in.
//
// The browser session never counts on these routes, even when its cookie comes along: a page on another site
// could otherwise make a signed-in browser call the API (cross-site request forgery), since API calls carry no
// CSRF token. A program sends the token; a browser never sends it on its own.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { anonymous, type Actor } from '../kernel/authz.js';
import { AppError, type ErrorCode } from '../kernel/errors.js';

export type ApiTokenRefusal = 'malformed' | 'unknown' | 'revoked' | 'expired' | 'account_disabled';

export interface ApiAuthOptions {
  /** Routes whose address starts with this are API routes, e.g. '/api/v1/'. */
  prefix: string;
  resolve(token: string): Promise<{ ok: true; actor: Actor } | { ok: false; reason: ApiTokenRefusal }>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The token scope an API route needs. The route's policy decides; this lets the caller be told which scope
     * is missing (403 api.scope_missing, and the scope in WWW-Authenticate) instead of a bare refusal.
     */
    scope?: string;
    /** For the OpenAPI document: the fields of a multipart/form-data body (parsed before validation, so described only). */
    multipartBody?: Record<string, unknown>;
  }
}

const refusals: Record<ApiTokenRefusal, ErrorCode> = {
  malformed: 'api.token_invalid',
  unknown: 'api.token_invalid',
  revoked: 'api.token_revoked',
  expired: 'api.token_expired',
  account_disabled: 'api.account_disabled',
};

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i;

function challenge(reply: FastifyReply, error?: 'invalid_token' | 'insufficient_scope', scope?: string): void {
  // RFC 6750, section 3: what a client library reads to know whether to ask for a new token or a wider one.
  const parts = ['realm="rostrum"', ...(error ? [`error="${error}"`] : []), ...(scope ? [`scope="${scope}"`] : [])];
  reply.header('www-authenticate', `Bearer ${parts.join(', ')}`);
}

/**
 * The route matched, or the address when none did: an unknown address under the prefix is still an API call
 * (answered 401 without a token, 404 with one), never a form post that would be asked for a CSRF token.
 */
function isApiRequest(request: FastifyRequest, prefix: string): boolean {
  return request.routeOptions.url?.startsWith(prefix) === true || request.url.startsWith(prefix);
}

export const apiAuth = fp(async (app: FastifyInstance, options: ApiAuthOptions) => {
  // After the session plugin's hook (registered earlier), so what the cookie said is overruled here.
  app.addHook('onRequest', async (request, reply) => {
    if (!isApiRequest(request, options.prefix)) return;
    request.actor = anonymous;

    const header = request.headers.authorization;
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
    if (token === undefined) {
      challenge(reply);
      throw new AppError('api.token_missing', {
        detail: header === undefined ? 'no Authorization header' : 'Authorization is not a bearer token',
      });
    }
    const result = await options.resolve(token);
    if (!result.ok) {
      challenge(reply, 'invalid_token');
      throw new AppError(refusals[result.reason], { detail: result.reason });
    }
    request.actor = result.actor;

    const scope = request.routeOptions.config.scope;
    const scopes = result.actor.kind === 'account' && result.actor.via.kind === 'token' ? result.actor.via.scopes : [];
    if (scope !== undefined && !scopes.includes(scope)) {
      challenge(reply, 'insufficient_scope', scope);
      throw new AppError('api.scope_missing', { detail: scope });
    }
  });

  // Answers about a person are not for shared caches, nor for the browser's history.
  app.addHook('onSend', async (request, reply) => {
    if (isApiRequest(request, options.prefix)) reply.header('cache-control', 'no-store');
  });
});
