// Makes authorization impossible to forget: every route must name a policy in its config, or the app does
// not start; routes with a policy other than `public` are checked as soon as it is known who is asking (policyCheck,
// registered after the session and the API token are read), before any body is read or any handler runs.
import type { FastifyInstance, FastifyRequest as Request } from 'fastify';
import fp from 'fastify-plugin';
import { allows, anonymous, isKnownPolicy, type Actor } from '../kernel/authz.js';
import { AppError } from '../kernel/errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The named policy guarding this route, or 'public'. */
    policy?: string;
    /**
     * What the policy is about, taken from the request (e.g. the mission in the address), so the guard can
     * decide "own mission or another's" before the handler runs. The handler still loads and checks the record.
     */
    subject?: (request: Request) => unknown;
  }
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    /** Every route with its policy, as registered: the list the authorization tests walk. */
    routePolicies: Array<{ method: string; url: string; policy: string }>;
  }
}

export class UndeclaredPolicyError extends Error {}

export const policyGuard = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = anonymous;
  });
  const routes: FastifyInstance['routePolicies'] = [];
  app.decorate('routePolicies', routes);
  app.addHook('onRoute', (route) => {
    const policy = route.config?.policy;
    if (!policy)
      throw new UndeclaredPolicyError(
        `Route ${route.method} ${route.url} declares no policy; add config: { policy: 'public' } or a named policy.`,
      );
    if (!isKnownPolicy(policy)) throw new UndeclaredPolicyError(`Route ${route.method} ${route.url} names the unknown policy ${policy}.`);
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, policy });
  });
});

/** The check itself: on every request, once the actor is known, before the body is read. */
export const policyCheck = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => {
    const policy = request.routeOptions.config.policy;
    if (!policy || policy === 'public') return;
    const subject = request.routeOptions.config.subject?.(request);
    if (!allows(request.actor, policy, subject))
      throw new AppError(request.actor.kind === 'account' ? 'auth.forbidden' : 'auth.unauthenticated');
  });
});
