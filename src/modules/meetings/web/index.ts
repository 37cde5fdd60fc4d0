// The meetings module's web door: one plugin registering all its pages (the public debate pages, the preparation of
// a debate, who may submit, the Council data) and the `debate` and `council` loaders other modules' routes use.
import type { FastifyInstance } from 'fastify';
import type { SymbolAssignment } from '../../documents/index.js';
import { councilRoutes } from './council-routes.js';
import { debateFormRoutes } from './debate-form-routes.js';
import { deskRoutes } from './desk-routes.js';
import { eligibilityRoutes } from './eligibility-routes.js';
import { registerDebateLoaders } from './loaders.js';
import { meetingsRoutes, type MeetingsRoutesDeps } from './routes.js';

export { debateSubject, preparing } from './loaders.js';
export { numberedHereNote } from './letter-page.js';
export type { OwnStatementOf } from './routes.js';

export interface MeetingsWebDeps extends MeetingsRoutesDeps {
  symbols: SymbolAssignment;
}

export async function meetingsWeb(app: FastifyInstance, deps: MeetingsWebDeps): Promise<void> {
  registerDebateLoaders(app, deps.db);
  await app.register(meetingsRoutes, deps);
  await app.register(debateFormRoutes, { db: deps.db, clock: deps.clock });
  await app.register(deskRoutes, { db: deps.db, clock: deps.clock, symbols: deps.symbols });
  await app.register(eligibilityRoutes, { db: deps.db, clock: deps.clock, publicUrl: deps.publicUrl });
  await app.register(councilRoutes, { db: deps.db, clock: deps.clock });
}
