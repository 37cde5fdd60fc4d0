// Visitors' share of the server. Requests from people not signed in (or half-way through signing in) go through one
// gate: `ANONYMOUS_CONCURRENCY` at once, `ANONYMOUS_QUEUE` waiting, each at most `DATABASE_WAIT_MS`, then 503 with
// Retry-After. With the gate's default of half the database pool, a flood of visitors can never take every
// connection, and people signed in, who do not pass through it, keep being served. Routes that take no share of
// the database (the assets), or that wait at a narrower gate before their first query (signing in with a password:
// the password gate), are left out with `config.visitorGate: false`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Gate, type GateSettings } from '../kernel/gate.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the route does not go through the visitors' gate (see web/visitors.ts). */
    visitorGate?: boolean;
  }
  interface FastifyRequest {
    /** Gives back the visitor's place at the gate, once (set while the request holds one). */
    visitorPlace: (() => void) | undefined;
  }
  interface FastifyInstance {
    /** The visitors' gate (for diagnostics and tests). */
    visitorGate: Gate;
  }
}

export const visitorGate = fp(async (app: FastifyInstance, settings: GateSettings) => {
  const gate = new Gate('visitors', settings);
  app.decorate('visitorGate', gate);
  app.decorateRequest('visitorPlace', undefined);

  app.addHook('onRequest', async (request, reply) => {
    if (request.actor.kind === 'account' || request.routeOptions.config?.visitorGate === false) return;
    // The response's end, or its connection's, whichever way it goes: the place is given back once. A visitor who
    // leaves while still waiting leaves the queue; one whose place came as they left gives it back at once.
    let gone = false;
    const left = new AbortController();
    reply.raw.once('close', () => {
      gone = true;
      left.abort();
      release(request);
    });
    const place = await gate.acquire('low', left.signal);
    if (gone) place();
    else request.visitorPlace = place;
  });

  function release(request: FastifyRequest): void {
    const place = request.visitorPlace;
    request.visitorPlace = undefined;
    place?.();
  }
});
