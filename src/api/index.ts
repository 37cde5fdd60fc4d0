// The JSON API: version 1 under /api/v1 (bearer tokens only, see web/api-auth.ts) and its OpenAPI document at
// /api/openapi.json. A new group of endpoints is one file here (its routes, schemas and api.* policies) and one
// line in `v1` below; the document picks it up from the route schemas.
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../kernel/clock.js';
import type { Database } from '../kernel/db/database.js';
import { apiScopes, type AdminMailSettings } from '../modules/identity/index.js';
import { openApi } from '../web/openapi.js';
import { debatesRoutes } from './debates.js';
import { meRoutes } from './me.js';
import { missionsApiRoutes } from './missions.js';
import { statementsApiRoutes } from './statements.js';
import type { SigningKey } from '../kernel/secrets.js';

export const API_PREFIX = '/api/v1';
export const OPENAPI_PATH = '/api/openapi.json';

export interface ApiDeps {
  db: Database;
  clock: Clock;
  /** The address users reach Rostrum at (PUBLIC_URL), for links in answers and the document's server. */
  publicUrl: string;
  mail: AdminMailSettings;
  /** Signs statement receipts. */
  signing: SigningKey;
  maxUploadBytes: number;
}

async function v1(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  await app.register(meRoutes, { db: deps.db });
  await app.register(debatesRoutes, { db: deps.db, clock: deps.clock, publicUrl: deps.publicUrl });
  await app.register(missionsApiRoutes, { db: deps.db, clock: deps.clock, mail: deps.mail });
  await app.register(statementsApiRoutes, {
    db: deps.db,
    clock: deps.clock,
    signing: deps.signing,
    publicUrl: deps.publicUrl,
    maxUploadBytes: deps.maxUploadBytes,
  });
}

export async function apiRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  await app.register(openApi, {
    prefix: `${API_PREFIX}/`,
    path: OPENAPI_PATH,
    info: {
      title: 'Rostrum API',
      version: '1',
      description:
        'Read Rostrum’s debates and your own account, manage your mission’s access and read its signatories, and submit your delegation’s written statements, from a program. Every operation needs a personal access token, created on the Access tokens page of your account (/account/tokens) and sent as `Authorization: Bearer rst_...`; a token carries only the scopes chosen when it was made. Errors are `{ "error": { "code", "message" } }` with a code from the error catalogue.',
    },
    serverUrl: deps.publicUrl,
    bearer: {
      name: 'accessToken',
      description:
        'A personal access token: `rst_` followed by 43 URL-safe characters. It acts as its owner, within its scopes, until it expires or is revoked.',
      bearerFormat: 'rst_ + 43 base64url characters',
      scopes: Object.fromEntries(Object.entries(apiScopes).map(([scope, s]) => [scope, s.description])),
    },
    tags: [
      { name: 'Account', description: 'The token and the person it acts for.' },
      { name: 'Debates', description: 'Open debates: dates, briefers, submission windows.' },
      {
        name: 'Mission',
        description: 'Your own mission, for its access focal points: its people and their module access, its signatories.',
      },
      { name: 'Statements', description: 'Your delegation’s written statements: submit, replace, withdraw, with signed receipts.' },
    ],
  });
  await app.register(v1, { ...deps, prefix: API_PREFIX });
}
