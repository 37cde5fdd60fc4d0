// The OpenAPI document of the real application: 3.1, public, and complete: every /api/v1 route registered is
// in it, with its response schema and the scope its policy checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { testDatabase } from '../../test/db.js';
import { fixedClock } from '../kernel/clock.js';
import type { OpenDatabase } from '../kernel/db/database.js';
import { apiScopes } from '../modules/identity/index.js';
import type { OpenApiDocument } from '../web/openapi.js';
import { apiPolicies } from './policies.js';

describe('GET /api/openapi.json', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    open = await testDatabase();
    app = await testApp(open.db, fixedClock('2021-05-20T12:00:00Z'), { PUBLIC_URL: 'https://rostrum.example.org' });
    const res = await app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
    doc = res.json();
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, op })),
    );

  it('is OpenAPI 3.1, public, and names the server', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Rostrum API', version: '1' });
    expect(doc.servers).toEqual([{ url: 'https://rostrum.example.org' }]);
    expect(app.routePolicies).toContainEqual({ method: 'GET', url: '/api/openapi.json', policy: 'public' });
  });

  it('lists every /api/v1 route registered, and nothing else', () => {
    const registered = app.routePolicies
      .filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    expect(registered.length).toBeGreaterThan(0);
    expect(
      operations()
        .map((o) => o.key)
        .sort(),
    ).toEqual(registered);
  });

  it('gives every operation a JSON response schema, an id, a summary and the error answers', () => {
    const ids = new Set<string>();
    for (const { key, op } of operations()) {
      // One success answer: 200 or 201 with a JSON object, or 204 with no body.
      const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      expect(success.length, key).toBe(1);
      if (success[0] === '204') expect(op.responses['204']?.content, key).toBeUndefined();
      else expect(op.responses[success[0] ?? '200']?.content?.['application/json']?.schema, key).toMatchObject({ type: 'object' });
      expect(op.responses['401']?.content?.['application/json']?.schema, key).toMatchObject({ type: 'object', required: ['error'] });
      expect(op.responses['403'], key).toBeDefined();
      for (const r of Object.values(op.responses)) expect(r.description.length, key).toBeGreaterThan(3);
      expect(op.operationId, key).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(op.operationId ?? ''), key).toBe(false);
      ids.add(op.operationId ?? '');
      expect(op.summary, key).toBeTruthy();
    }
  });

  it('declares every path parameter, and uses no OpenAPI 3.0-only keyword', () => {
    for (const { key, path, op } of operations()) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(
        (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        key,
      ).toEqual(inPath);
    }
    expect(JSON.stringify(doc)).not.toMatch(/"nullable"|"x-nullable"|"\$ref"/);
  });

  it('documents the bearer scheme with every scope, and each operation with the scope its policy checks', () => {
    const scheme = doc.components.securitySchemes.accessToken;
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(scheme?.['x-scopes']).toEqual(Object.fromEntries(Object.entries(apiScopes).map(([s, d]) => [s, d.description])));
    for (const s of Object.keys(apiScopes)) expect(String(scheme?.description)).toContain(`\`${s}\``);

    const scopeOfPolicy = new Map(Object.values(apiPolicies).map((p) => [p.policy.name, p.scope]));
    for (const route of app.routePolicies.filter((r) => r.url.startsWith('/api/v1/'))) {
      const op = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(scopeOfPolicy.has(route.policy), `${route.url} has an api.* policy`).toBe(true);
      expect(op?.security).toEqual([{ accessToken: [scopeOfPolicy.get(route.policy)] }]);
    }
  });

  it('lists exactly the current operations', () => {
    expect(
      operations()
        .map((o) => `${o.key} ${o.op.security[0]?.accessToken?.join(',')}`)
        .sort(),
    ).toEqual([
      'DELETE /api/v1/debates/{slug}/statement statements:write',
      'DELETE /api/v1/missions/{code}/people/{id}/grants/{module} mission:write',
      'GET /api/v1/debates debates:read',
      'GET /api/v1/debates/{slug} debates:read',
      'GET /api/v1/debates/{slug}/statement statements:read',
      'GET /api/v1/me me:read',
      'GET /api/v1/missions/{code} mission:read',
      'GET /api/v1/missions/{code}/people mission:read',
      'GET /api/v1/missions/{code}/signatories mission:read',
      'POST /api/v1/debates/{slug}/statement statements:write',
      'POST /api/v1/missions/{code}/people/{id}/grants mission:write',
    ]);
  });
});
