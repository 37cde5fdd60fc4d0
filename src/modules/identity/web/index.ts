// The identity module's web door: one plugin registering all its pages (signing in, one's account and API tokens, the
// help desk) and the administration of the missions, which composes the delegations' missions and signatories with
// identity's people and their module access.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { Secrets } from '../../../kernel/secrets.js';
import { accountRoutes } from './account-routes.js';
import { authRoutes, authSettings } from './auth-routes.js';
import { helpdeskRoutes } from './helpdesk-routes.js';
import { missionPeopleRoutes } from './mission-people-routes.js';
import { missionSignatoriesRoutes } from './mission-signatories-routes.js';
import { missionsRoutes, type MissionsRoutesDeps } from './missions-routes.js';
import { tokenRoutes } from './token-routes.js';

export interface IdentityWebDeps {
  db: Database;
  clock: Clock;
  config: Config;
  secrets: Secrets;
  offersPresidency: MissionsRoutesDeps['offersPresidency'];
}

export async function identityWeb(app: FastifyInstance, deps: IdentityWebDeps): Promise<void> {
  const { db, clock, config } = deps;
  const missions = { db, clock, config, offersPresidency: deps.offersPresidency };
  await app.register(missionsRoutes, missions);
  await app.register(missionPeopleRoutes, missions);
  await app.register(missionSignatoriesRoutes, missions);
  await app.register(helpdeskRoutes, { db, clock, config });
  const auth = { db, clock, secrets: deps.secrets, settings: authSettings(config) };
  await app.register(authRoutes, auth);
  await app.register(accountRoutes, auth);
  await app.register(tokenRoutes, { db, clock });
}
