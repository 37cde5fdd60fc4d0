// buildApp(deps): the HTTP application without listen(), used by the server and by the tests (inject()).
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import { apiRoutes, API_PREFIX } from './api/index.js';
import type { Config } from './config.js';
import { PUBLIC } from './kernel/authz.js';
import type { Clock } from './kernel/clock.js';
import type { Database } from './kernel/db/database.js';
import type { Secrets } from './kernel/secrets.js';
import { allStates } from './modules/delegations/index.js';
// Not in delegations' index: the mission pages compose identity's people, and identity depends on delegations.
import { missionsRoutes } from './modules/delegations/web/routes.js';
import {
  accountRoutes,
  adminMailSettings,
  authRoutes,
  authSettings,
  helpdeskRoutes,
  resolveApiToken,
  resolveSession,
  tokenRoutes,
} from './modules/identity/index.js';
import { debatePreparationRoutes, meetingsRoutes } from './modules/meetings/index.js';
// Not in statements' index: the pages load the document checks (worker pool), which scripts and the API share.
import { statementRoutes } from './modules/statements/web/statement-routes.js';
import { reviewRoutes } from './modules/statements/web/review-routes.js';
import { speakerRoutes } from './modules/statements/web/speaker-routes.js';
import { compilationRoutes } from './modules/compilation/web/routes.js';
import { publicationRoutes } from './modules/compilation/web/publication-routes.js';
import { statementsOverviewRoutes } from './modules/statements/web/overview-routes.js';
import { apiAuth } from './web/api-auth.js';
import { auditRoutes } from './web/audit-routes.js';
import { assetRoutes } from './web/assets.js';
import { registerErrorBoundary } from './web/errors.js';
import { policyGuard } from './web/policy-guard.js';
import { sessionPlugin } from './web/session.js';

export interface AppDeps {
  config: Config;
  db: Database;
  clock: Clock;
  secrets: Secrets;
  /** Structured request logging; off in tests and benchmarks. */
  logger?: boolean;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Read the reference data now, so a missing or damaged file stops the start instead of a page.
  allStates();
  const app = Fastify({
    logger: deps.logger === false ? false : { level: deps.config.LOG_LEVEL },
    trustProxy: deps.config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    // One line per request only when debugging; errors are always logged by the error boundary.
    logController: new LogController({ disableRequestLogging: deps.config.LOG_LEVEL !== 'debug' && deps.config.LOG_LEVEL !== 'trace' }),
  });

  await app.register(policyGuard);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HTTP Strict Transport Security only makes sense behind HTTPS, which a reverse proxy provides.
    strictTransportSecurity: deps.config.TRUST_PROXY,
  });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  const sessionSettings = { idleMinutes: deps.config.SESSION_IDLE_MINUTES, maxHours: deps.config.SESSION_MAX_HOURS };
  await app.register(sessionPlugin, {
    cookieKey: deps.secrets.cookieKey,
    secure: deps.config.publicUrl.startsWith('https://'),
    maxAgeSeconds: deps.config.SESSION_MAX_HOURS * 3600,
    resolve: (token) => resolveSession(deps.db, deps.clock, sessionSettings, token),
  });
  // After the session plugin: on API routes only a bearer token counts, never the session cookie.
  await app.register(apiAuth, { prefix: `${API_PREFIX}/`, resolve: (token) => resolveApiToken(deps.db, deps.clock, token) });
  registerErrorBoundary(app);

  app.get('/healthz', { config: { policy: PUBLIC } }, async () => ({ status: 'ok' }));
  await app.register(assetRoutes);
  await app.register(auditRoutes, { db: deps.db, signing: deps.secrets.signing });
  await app.register(meetingsRoutes, { db: deps.db, clock: deps.clock, publicUrl: deps.config.publicUrl });
  await app.register(debatePreparationRoutes, { db: deps.db, clock: deps.clock });
  await app.register(statementRoutes, {
    db: deps.db,
    clock: deps.clock,
    signing: deps.secrets.signing,
    publicUrl: deps.config.publicUrl,
    maxUploadBytes: deps.config.UPLOAD_MAX_MB * 1024 * 1024,
  });
  await app.register(reviewRoutes, {
    db: deps.db,
    clock: deps.clock,
    publicUrl: deps.config.publicUrl,
    signing: deps.secrets.signing,
    maxUploadBytes: deps.config.UPLOAD_MAX_MB * 1024 * 1024,
  });
  await app.register(speakerRoutes, { db: deps.db, clock: deps.clock, maxUploadBytes: deps.config.UPLOAD_MAX_MB * 1024 * 1024 });
  await app.register(compilationRoutes, { db: deps.db, clock: deps.clock });
  await app.register(publicationRoutes, { db: deps.db, clock: deps.clock });
  await app.register(statementsOverviewRoutes, { db: deps.db, clock: deps.clock });
  await app.register(missionsRoutes, { db: deps.db, clock: deps.clock, config: deps.config });
  await app.register(helpdeskRoutes, { db: deps.db, clock: deps.clock, config: deps.config });
  const auth = { db: deps.db, clock: deps.clock, secrets: deps.secrets, settings: authSettings(deps.config) };
  await app.register(authRoutes, auth);
  await app.register(accountRoutes, auth);
  await app.register(tokenRoutes, { db: deps.db, clock: deps.clock });
  await app.register(apiRoutes, {
    db: deps.db,
    clock: deps.clock,
    publicUrl: deps.config.publicUrl,
    mail: adminMailSettings(deps.config),
    signing: deps.secrets.signing,
    maxUploadBytes: deps.config.UPLOAD_MAX_MB * 1024 * 1024,
  });

  return app;
}
