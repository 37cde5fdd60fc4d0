// The module's public pages. Thin handlers: parse, load, present.
import type { FastifyInstance } from 'fastify';
import { PUBLIC } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { findDebateBySlug, listDebates } from '../db.js';
import { debatePage } from './debate-page.js';
import { homePage } from './home-page.js';

export async function meetingsRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock }): Promise<void> {
  app.get('/', { config: { policy: PUBLIC } }, async (request, reply) => {
    const debates = await listDebates(deps.db);
    return reply.type('text/html; charset=utf-8').send(homePage(debates, deps.clock.now(), request.actor).value);
  });

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug',
    { config: { policy: PUBLIC }, schema: { params: { type: 'object', properties: { slug: { type: 'string', maxLength: 120 } }, required: ['slug'] } } },
    async (request, reply) => {
      const debate = await findDebateBySlug(deps.db, request.params.slug);
      if (!debate) throw new AppError('debate.not_found');
      return reply.type('text/html; charset=utf-8').send(debatePage(debate, deps.clock.now(), request.actor).value);
    },
  );
}
