// What is answered to someone signed in (or half-way through signing in) is theirs alone: pages, downloads that are
// not public yet, receipts. Every such answer, and every answer that sets a cookie, carries
// `Cache-Control: no-store`, so neither a shared cache nor the browser's history keeps a copy. A route that sets its
// own caching (the assets, a published file) is left as it is.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const privatePages = fp(async (app: FastifyInstance) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.hasHeader('cache-control')) return payload;
    // No actor yet: the request was refused before it was routed (a malformed address).
    const actor = request.actor as typeof request.actor | null;
    if ((actor !== null && actor.kind !== 'anonymous') || reply.hasHeader('set-cookie')) reply.header('cache-control', 'no-store');
    return payload;
  });
});
