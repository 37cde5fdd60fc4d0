// buildApp(deps): the HTTP application without listen(), used by the server and by the tests (inject()).
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { apiRoutes, API_PREFIX } from './api/index.js';
import type { Config } from './config.js';
import { PUBLIC } from './kernel/authz.js';
import type { Clock } from './kernel/clock.js';
import type { Database } from './kernel/db/database.js';
import type { GateSettings } from './kernel/gate.js';
import type { Secrets } from './kernel/secrets.js';
import { allStates } from './modules/delegations/index.js';
import { actingAs, adminMailSettings, resolveApiToken, resolveSession } from './modules/identity/index.js';
import { identityWeb } from './modules/identity/web/index.js';
import { holdsAnyPresidency, loadCouncil } from './modules/meetings/index.js';
import { meetingsWeb } from './modules/meetings/web/index.js';
import { maySubmitStatements, ownStatement, recordedBriefings } from './modules/statements/index.js';
import { statementsWeb } from './modules/statements/web/index.js';
import { compilationWeb } from './modules/compilation/web/index.js';
import { buildsToIssue } from './modules/compilation/index.js';
import { apiAuth } from './web/api-auth.js';
import { auditRoutes } from './web/audit-routes.js';
import { outboxRoutes } from './web/outbox-routes.js';
import { markCurrentPage } from './web/layout.js';
import { assetRoutes } from './web/assets.js';
import { AppError } from './kernel/errors.js';
import { registerErrorBoundary } from './web/errors.js';
import { loadedPolicyCheck, policyCheck, policyGuard } from './web/policy-guard.js';
import { privatePages } from './web/private-pages.js';
import { routeKit } from './web/route-kit.js';
import { requestSerializer } from './web/request-log.js';
import { sessionPlugin } from './web/session.js';
import { uploadGuard } from './web/uploads.js';
import { visitorGate } from './web/visitors.js';

export interface AppDeps {
  config: Config;
  db: Database;
  clock: Clock;
  secrets: Secrets;
  /** Structured request logging; off in tests and benchmarks. */
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Forms that prove a secret or send mail (sign-in, second step, reset, invitation): a stricter limit per address. */
    signInForm?: boolean;
  }
}

/**
 * The visitors' gate (web/visitors.ts) from the settings: unless set, half the database pool at once (two on the
 * embedded database, whose one connection a request holds only for its queries).
 */
export function visitorGateSettings(config: Config): GateSettings {
  const concurrency = config.ANONYMOUS_CONCURRENCY ?? (config.DATABASE_URL ? Math.max(1, Math.floor(config.DATABASE_POOL_SIZE / 2)) : 2);
  return { concurrency, maxQueue: config.ANONYMOUS_QUEUE, maxWaitMs: config.DATABASE_WAIT_MS };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Read the reference data now, so a missing or damaged file stops the start instead of a page.
  allStates();
  const { config } = deps;
  const app = Fastify({
    logger: deps.logger === false ? false : { level: config.LOG_LEVEL, serializers: { req: requestSerializer } },
    // Only the listed proxies may say where a request came from.
    trustProxy: config.TRUST_PROXY.length > 0 ? config.TRUST_PROXY : false,
    bodyLimit: 1024 * 1024,
    // A slow or idle connection is closed: headers, whole request, idleness, and idle keep-alive are all bounded.
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    connectionTimeout: config.HTTP_IDLE_TIMEOUT_SECONDS * 1000,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_SECONDS * 1000,
    // Node checks those limits at this interval (30 s unless told), so a trickling connection is closed on time.
    http: { headersTimeout: config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000, connectionsCheckingInterval: 1000 } as never,
    // One line per request only when debugging; errors are always logged by the error boundary.
    logController: new LogController({ disableRequestLogging: config.LOG_LEVEL !== 'debug' && config.LOG_LEVEL !== 'trace' }),
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
    // HTTP Strict Transport Security only makes sense where Rostrum is reached over HTTPS.
    strictTransportSecurity: config.publicUrl.startsWith('https://'),
    // The page a form was sent from reaches Rostrum (an error page leads back to it, a form sent after the session
    // ended returns there after signing in), and no other site: its addresses may carry single-use links.
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(formbody, { bodyLimit: config.FORM_MAX_KB * 1024 });
  const sessionSettings = { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS };
  await app.register(sessionPlugin, {
    cookieKey: deps.secrets.cookieKey,
    secure: config.publicUrl.startsWith('https://'),
    maxAgeSeconds: config.SESSION_MAX_HOURS * 3600,
    resolve: (token) => resolveSession(deps.db, deps.clock, sessionSettings, token),
  });
  // Visitors and programs are limited per network address, in memory, before any of their work reaches the
  // database; people signed in to a browser session are not. Sign-in forms have a stricter limit of their own.
  await app.register(rateLimit, {
    global: true,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    cache: 20_000,
    allowList: (request) => request.actor.kind === 'account' && request.actor.via.kind === 'session',
  });
  const signInLimit = app.createRateLimit({ max: config.SIGN_IN_RATE_PER_MINUTE, timeWindow: 60_000 });
  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.config.signInForm || request.method !== 'POST') return;
    const limit = await signInLimit(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('retry-after', String(limit.ttlInSeconds));
    throw new AppError('http.too_many_requests', { detail: `sign-in forms from ${request.ip}` });
  });
  // After the session plugin: on API routes only a bearer token counts, never the session cookie.
  await app.register(apiAuth, { prefix: `${API_PREFIX}/`, resolve: (token) => resolveApiToken(deps.db, deps.clock, token) });
  // Now that it is known who asks: the route's policy, then an upload's size and the sender's uploads in progress,
  // all before any body is read.
  await app.register(policyCheck);
  await app.register(uploadGuard, { maxFileBytes: config.UPLOAD_MAX_MB * 1024 * 1024, perAccount: config.UPLOADS_PER_ACCOUNT });
  // Visitors take their turn at a gate of their own, so that people signed in keep finding the database free.
  await app.register(visitorGate, visitorGateSettings(config));
  // Routes whose policy is about a record in the address: the record is read (in the visitor's turn), then checked.
  await app.register(loadedPolicyCheck);
  await app.register(privatePages);
  registerErrorBoundary(app, { maxFileBytes: config.UPLOAD_MAX_MB * 1024 * 1024, maxFormBytes: config.FORM_MAX_KB * 1024 });

  // Every page's menu marks the page it is on.
  app.addHook('preHandler', markCurrentPage);

  await app.register(routeKit, { db: deps.db, actingAs });
  app.get('/healthz', { config: { policy: PUBLIC, visitorGate: false } }, async () => ({ status: 'ok' }));
  await app.register(assetRoutes);
  await app.register(auditRoutes, { db: deps.db, signing: deps.secrets.signing });
  await app.register(outboxRoutes, { db: deps.db, smtpUrl: config.SMTP_URL });
  await app.register(meetingsWeb, {
    db: deps.db,
    clock: deps.clock,
    publicUrl: config.publicUrl,
    symbols: config.SYMBOL_ASSIGNMENT,
    recordedBriefings,
    ownStatement,
    maySubmitStatements,
  });
  const maxUploadBytes = config.UPLOAD_MAX_MB * 1024 * 1024;
  await app.register(statementsWeb, {
    db: deps.db,
    clock: deps.clock,
    signing: deps.secrets.signing,
    publicUrl: config.publicUrl,
    maxUploadBytes,
    buildsToIssue,
  });
  await app.register(compilationWeb, { db: deps.db, clock: deps.clock, symbols: config.SYMBOL_ASSIGNMENT });
  await app.register(identityWeb, {
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    secrets: deps.secrets,
    offersPresidency: async (code: string) => holdsAnyPresidency(await loadCouncil(deps.db), code),
  });
  await app.register(apiRoutes, {
    db: deps.db,
    clock: deps.clock,
    publicUrl: config.publicUrl,
    mail: adminMailSettings(deps.config),
    signing: deps.secrets.signing,
    maxUploadBytes,
  });

  return app;
}
