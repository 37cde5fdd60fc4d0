// The API's authentication on a bare app: which header counts, what a cookie-made actor becomes, the scope check,
// and that nothing outside the API prefix is touched.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { definePolicy, PUBLIC, type Actor } from '../kernel/authz.js';
import { apiAuth, type ApiAuthOptions } from './api-auth.js';
import { registerErrorBoundary } from './errors.js';
import { policyCheck, policyGuard } from './policy-guard.js';

const GOOD = `rst_${'g'.repeat(43)}`;
const actor: Actor = {
  kind: 'account',
  id: '00000000-0000-4000-8000-000000000001',
  role: 'delegate',
  organisation: 'BRA',
  modules: [],
  via: { kind: 'token', tokenId: 't', scopes: ['me:read'] },
};
const sessionActor: Actor = { ...actor, via: { kind: 'session', sessionId: 's' } } as Actor;
const anyAccount = definePolicy('test.any_account', (a: Actor) => a.kind === 'account');

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function build(
  resolve: ApiAuthOptions['resolve'] = async (t) => (t === GOOD ? { ok: true, actor } : { ok: false, reason: 'unknown' }),
) {
  const seen: string[] = [];
  app = Fastify({ logger: false });
  await app.register(policyGuard);
  // Stands for the session plugin: a browser cookie has already made the request an account.
  app.addHook('onRequest', async (request) => {
    if (request.headers.cookie) request.actor = sessionActor;
  });
  await app.register(apiAuth, { prefix: '/api/v1/', resolve: async (t) => (seen.push(t), resolve(t)) });
  await app.register(policyCheck);
  registerErrorBoundary(app, { maxFileBytes: 1024, maxFormBytes: 1024 });
  const who = async (request: { actor: Actor }) => ({
    kind: request.actor.kind,
    via: request.actor.kind === 'account' ? request.actor.via.kind : null,
  });
  app.get('/api/v1/who', { config: { policy: anyAccount } }, who);
  app.get('/api/v1/needs-scope', { config: { policy: anyAccount, scope: 'debates:read' } }, who);
  app.get('/page', { config: { policy: PUBLIC } }, who);
  return { app, seen };
}

describe('apiAuth', () => {
  it.each([
    ['Bearer GOOD', 200],
    ['bearer GOOD', 200],
    ['Bearer  GOOD ', 200],
    ['Bearer', 401],
    ['Bearer ', 401],
    ['Basic Z29vZDpnb29k', 401],
    ['Token GOOD', 401],
    ['GOOD', 401],
    ['Bearer GOOD extra', 401],
    ['Bearer\tGOOD', 401],
  ])('reads the header %j: %s', async (header, status) => {
    const { app } = await build();
    const res = await app.inject({ url: '/api/v1/who', headers: { authorization: header.replace('GOOD', GOOD) } });
    expect(res.statusCode).toBe(status);
    if (status === 200) expect(res.json()).toEqual({ kind: 'account', via: 'token' });
  });

  it('answers each refusal with its catalogued code and a challenge', async () => {
    for (const [reason, code] of [
      ['malformed', 'api.token_invalid'],
      ['unknown', 'api.token_invalid'],
      ['revoked', 'api.token_revoked'],
      ['expired', 'api.token_expired'],
      ['account_disabled', 'api.account_disabled'],
    ] as const) {
      const { app } = await build(async () => ({ ok: false, reason }));
      const res = await app.inject({ url: '/api/v1/who', headers: { authorization: `Bearer ${GOOD}` } });
      expect(res.statusCode).toBe(401);
      expect(res.json<{ error: { code: string } }>().error.code).toBe(code);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="rostrum", error="invalid_token"');
      await app.close();
    }
  });

  it('throws away the actor the session cookie made, on API routes only', async () => {
    const { app, seen } = await build();
    const api = await app.inject({ url: '/api/v1/who', headers: { cookie: 'rostrum_session=x' } });
    expect(api.statusCode).toBe(401);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('api.token_missing');
    expect(api.headers['www-authenticate']).toBe('Bearer realm="rostrum"');
    const page = await app.inject({ url: '/page', headers: { cookie: 'rostrum_session=x', authorization: `Bearer ${GOOD}` } });
    expect(page.json()).toEqual({ kind: 'account', via: 'session' });
    expect(page.headers['cache-control']).toBeUndefined();
    // A bearer token is not even looked up outside the API.
    expect(seen).toEqual([]);
  });

  it('checks the route’s scope and names it', async () => {
    const { app } = await build();
    const res = await app.inject({ url: '/api/v1/needs-scope', headers: { authorization: `Bearer ${GOOD}` } });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('api.scope_missing');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="rostrum", error="insufficient_scope", scope="debates:read"');
  });

  it('marks API answers, refusals included, as not to be stored', async () => {
    const { app } = await build();
    expect((await app.inject({ url: '/api/v1/who', headers: { authorization: `Bearer ${GOOD}` } })).headers['cache-control']).toBe(
      'no-store',
    );
    expect((await app.inject({ url: '/api/v1/who' })).headers['cache-control']).toBe('no-store');
  });
});
