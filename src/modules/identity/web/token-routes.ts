// /account/tokens: a signed-in person's personal access tokens. Thin handlers: parse, load, call one command,
// present. Only a browser session reaches these pages (policy tokens.manage_own); bearer tokens are not read here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountActor } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { listApiTokens, parseApiTokenInput, scopesForRole } from '../api-tokens.js';
import { MANAGE_OWN_TOKENS } from '../policies.js';
import { createApiToken, type CreatedApiToken } from '../commands/create-api-token.js';
import { revokeApiToken } from '../commands/revoke-api-token.js';
import { defaultTokenForm, tokensPage, type TokenFormValues } from './token-pages.js';

export interface TokenRoutesDeps {
  db: Database;
  clock: Clock;
}

/** The policy has already admitted only a person signed in through a browser session. */
function sessionActor(request: FastifyRequest): AccountActor {
  const actor = request.actor;
  if (actor.kind !== 'account' || actor.via.kind !== 'session') throw new AppError('auth.unauthenticated');
  return actor;
}

function formValues(body: Record<string, unknown>): TokenFormValues {
  const scopes = body.scopes === undefined ? [] : [body.scopes].flat().filter((s): s is string => typeof s === 'string');
  return {
    name: typeof body.name === 'string' ? body.name : '',
    scopes,
    expiresInDays: typeof body.expiresInDays === 'string' ? body.expiresInDays : '',
  };
}

export async function tokenRoutes(app: FastifyInstance, deps: TokenRoutesDeps): Promise<void> {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: { values?: TokenFormValues; errors?: Record<string, string>; created?: CreatedApiToken; notice?: string } = {},
  ): Promise<FastifyReply> {
    const actor = sessionActor(request);
    const tokens = await listApiTokens(deps.db, actor.id);
    const body = tokensPage({
      actor,
      csrfToken: reply.csrfToken(),
      now: deps.clock.now(),
      tokens,
      allowedScopes: scopesForRole(actor.role),
      ...extra,
    });
    // The page may hold a token in clear: never cached, by the browser or anyone between.
    return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body.value);
  }

  app.get<{ Querystring: { revoked?: string } }>('/account/tokens', { config: { policy: MANAGE_OWN_TOKENS } }, async (request, reply) => {
    return render(
      request,
      reply,
      200,
      request.query.revoked === '1' ? { notice: 'The token was revoked. Programs using it can no longer call the API.' } : {},
    );
  });

  app.post<{ Body: Record<string, unknown> | undefined }>(
    '/account/tokens',
    { config: { policy: MANAGE_OWN_TOKENS } },
    async (request, reply) => {
      const actor = sessionActor(request);
      const values = formValues(request.body ?? {});
      const parsed = parseApiTokenInput(values, actor.role);
      if (!parsed.ok) return render(request, reply, 400, { values, errors: parsed.errors });
      const created = await deps.db.transaction().execute((trx) => createApiToken(trx, deps.clock, actor, parsed.value));
      // Shown in this answer rather than after a redirect: the token must not travel in an address or a cookie.
      return render(request, reply, 201, { created, values: defaultTokenForm });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/account/tokens/:id/revoke',
    {
      config: { policy: MANAGE_OWN_TOKENS },
      schema: { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 36 } } } },
    },
    async (request, reply) => {
      const actor = sessionActor(request);
      await deps.db.transaction().execute((trx) => revokeApiToken(trx, deps.clock, actor, request.params.id));
      return reply.redirect('/account/tokens?revoked=1', 303);
    },
  );
}
