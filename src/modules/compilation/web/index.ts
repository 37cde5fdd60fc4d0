// The compilation module's web door: one plugin registering all its pages (the build, its issue and records, and the
// publication of the statements it encloses).
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SymbolAssignment } from '../../documents/index.js';
import { publicationRoutes } from './publication-routes.js';
import { compilationRoutes } from './routes.js';

export async function compilationWeb(app: FastifyInstance, deps: { db: Database; clock: Clock; symbols: SymbolAssignment }): Promise<void> {
  await app.register(compilationRoutes, deps);
  await app.register(publicationRoutes, { db: deps.db, clock: deps.clock });
}
