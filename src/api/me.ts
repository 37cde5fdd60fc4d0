// GET /api/v1/me: who the token belongs to, and what the token may do. The first call a program makes.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../kernel/db/database.js';
import { AppError } from '../kernel/errors.js';
import { findApiTokenOwner, roles } from '../modules/identity/index.js';
import { apiPolicies } from './policies.js';
import { errorResponses, isoInstant } from './schemas.js';

const meSchema = {
  type: 'object',
  description: 'The token’s owner and the token.',
  required: ['id', 'name', 'role', 'mission', 'modules', 'token'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string', description: 'The name the person is known by in Rostrum.' },
    role: { type: 'string', enum: [...roles] },
    mission: {
      type: ['string', 'null'],
      description: 'The mission’s code (a State’s ISO 3166-1 alpha-3 code, or an entity’s code); null for help desk and Secretariat staff.',
    },
    modules: {
      type: 'array',
      items: { type: 'string' },
      description: 'Platform modules the mission’s access focal point has opened to this person.',
    },
    token: {
      type: 'object',
      required: ['id', 'name', 'scopes', 'createdAt', 'expiresAt'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', format: 'uuid' },
        name: { type: 'string' },
        scopes: {
          type: 'array',
          items: { type: 'string' },
          description: 'The scopes the token carries now (those its owner’s role still allows).',
        },
        createdAt: isoInstant('When the token was created (UTC).'),
        expiresAt: isoInstant('When the token stops working (UTC).'),
      },
    },
  },
} as const;

export async function meRoutes(app: FastifyInstance, deps: { db: Database }): Promise<void> {
  app.get(
    '/me',
    {
      exposeHeadRoute: false,
      config: { ...apiPolicies.me },
      schema: {
        operationId: 'getMe',
        summary: 'Who the token belongs to',
        description: 'The person the token acts for (name, role, mission, module access) and the token itself (scopes, expiry).',
        tags: ['Account'],
        response: { 200: meSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const actor = request.actor;
      // The policy has run: the actor is an account authenticated by a token.
      if (actor.kind !== 'account' || actor.via.kind !== 'token') throw new AppError('auth.forbidden');
      const owner = await findApiTokenOwner(deps.db, actor.via.tokenId);
      if (!owner) throw new AppError('api.token_invalid', { detail: 'token vanished between authentication and handler' });
      return {
        id: owner.accountId,
        name: owner.displayName,
        role: owner.role,
        mission: owner.organisation,
        modules: [...actor.modules].sort(),
        token: {
          id: owner.token.id,
          name: owner.token.name,
          scopes: [...actor.via.scopes],
          createdAt: owner.token.createdAt.toISOString(),
          expiresAt: owner.token.expiresAt.toISOString(),
        },
      };
    },
  );
}
