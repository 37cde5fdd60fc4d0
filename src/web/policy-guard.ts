// Makes authorization impossible to forget: every route must name a policy in its config, or the app does
// not start; routes with a policy other than `public` are checked as soon as it is known who is asking (policyCheck,
// registered after the session and the API token are read), before any body is read or any handler runs.
//
// A route whose policy is about a record in its address names loaders (`load: ['debate']`): they resolve the address
// first (answering "not found" for a record that does not exist), and `subject` then builds the policy's subject from
// what they loaded, so the guard decides once, with the subject, and the handler finds the records on the request.
import type { FastifyInstance, FastifyRequest as Request } from 'fastify';
import fp from 'fastify-plugin';
import { allows, anonymous, isKnownPolicy, type Actor, type AnyPolicy, type Policy } from '../kernel/authz.js';
import { AppError, type ErrorCode } from '../kernel/errors.js';

/**
 * What route loaders put on the request (`request.loaded`): modules add their records here by declaration merging,
 * and register the loader that fills them with `registerLoader`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Loaded {}

export type LoaderName = keyof Loaded;

type Loader = (request: Request) => Promise<void>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The named policy guarding this route, or PUBLIC. */
    policy?: AnyPolicy;
    /**
     * What the policy is about, taken from the request (e.g. the mission in the address) and from what the route's
     * loaders found, so the guard decides with its subject before the handler runs.
     */
    subject?: (request: Request) => unknown;
    /** Records to resolve from the address before the guard decides, in order (see `Loaded`). */
    load?: readonly LoaderName[];
    /** The answer to a refused actor, when it must not be "forbidden" (a private record answers "not found"). */
    refusal?: ErrorCode;
  }
  interface FastifyRequest {
    actor: Actor;
    /** What the route's loaders found; only what the route's `load` names is there. */
    loaded: Loaded;
  }
  interface FastifyInstance {
    /** Every route with its policy, as registered: the list the authorization tests walk. */
    routePolicies: Array<{ method: string; url: string; policy: string }>;
    /** The loaders routes may name in `load`. */
    routeLoaders: Map<LoaderName, Loader>;
  }
}

export class UndeclaredPolicyError extends Error {}

/** A policy with the subject its rule takes, built from the request: checked by the compiler, unlike two loose options. */
export function guardedBy<S>(
  policy: Policy<S>,
  subject: (request: Request) => S | Promise<S>,
): { policy: AnyPolicy; subject: typeof subject } {
  return { policy: policy as AnyPolicy, subject };
}

/** Makes a loader available to every route (`load: [name]`). */
export function registerLoader<K extends LoaderName>(app: FastifyInstance, name: K, load: (request: Request) => Promise<Loaded[K]>): void {
  app.routeLoaders.set(name, async (request) => {
    (request.loaded as Partial<Loaded>)[name] = await load(request);
  });
}

export const policyGuard = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('loaded', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = anonymous;
    request.loaded = {} as Loaded;
  });
  const routes: FastifyInstance['routePolicies'] = [];
  app.decorate('routePolicies', routes);
  app.decorate('routeLoaders', new Map<LoaderName, Loader>());
  app.addHook('onRoute', (route) => {
    const policy = route.config?.policy;
    if (!policy)
      throw new UndeclaredPolicyError(
        `Route ${route.method} ${route.url} declares no policy; add config: { policy: PUBLIC } or a named policy.`,
      );
    if (!isKnownPolicy(policy))
      throw new UndeclaredPolicyError(`Route ${route.method} ${route.url} names the unknown policy ${policy.name}.`);
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, policy: policy.name });
  });
});

/** The decision: the actor against the route's policy and, where it has one, its subject. */
async function decide(request: Request): Promise<void> {
  const config = request.routeOptions.config;
  const policy = config.policy;
  if (!policy) return;
  const subject = await config.subject?.(request);
  if (!allows(request.actor, policy as Policy<unknown>, subject)) {
    if (config.refusal) throw new AppError(config.refusal);
    throw new AppError(request.actor.kind === 'account' ? 'auth.forbidden' : 'auth.unauthenticated');
  }
}

/** The check itself: on every request, once the actor is known, before the body is read (routes without loaders). */
export const policyCheck = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.load) return;
    await decide(request);
  });
});

/**
 * The check of routes with loaders: their records are read first, so this runs after the visitors' gate (a visitor's
 * query waits its turn), still before the body is read.
 */
export const loadedPolicyCheck = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => {
    const names = request.routeOptions.config.load;
    if (!names) return;
    for (const name of names) {
      const load = app.routeLoaders.get(name);
      if (!load) throw new Error(`No loader ${name} for ${request.routeOptions.url}`);
      await load(request);
    }
    await decide(request);
  });
});
