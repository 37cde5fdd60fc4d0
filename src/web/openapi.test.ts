// Building the OpenAPI document from route schemas, on a bare app.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { definePolicy, type Actor } from '../kernel/authz.js';
import { openApi, openApiPath, type OpenApiDocument } from './openapi.js';
import { policyGuard } from './policy-guard.js';

const policy = definePolicy('test.openapi_any', (_a: Actor) => true);

describe('openApiPath', () => {
  it.each([
    ['/api/v1/me', '/api/v1/me'],
    ['/api/v1/debates/:slug', '/api/v1/debates/{slug}'],
    ['/api/v1/missions/:code/people/:id', '/api/v1/missions/{code}/people/{id}'],
  ])('%s -> %s', (url, path) => {
    expect(openApiPath(url)).toBe(path);
  });
});

describe('openApi', () => {
  it('documents the routes under the prefix from their schemas, and only those', async () => {
    const app = Fastify({ logger: false });
    await app.register(policyGuard);
    await app.register(openApi, {
      prefix: '/api/v1/',
      path: '/api/openapi.json',
      info: { title: 'T', version: '1', description: 'D' },
      serverUrl: 'http://localhost:3000',
      bearer: {
        name: 'accessToken',
        description: 'A token.',
        bearerFormat: 'rst_',
        scopes: { 'things:read': 'Read things.', 'things:write': 'Change things.' },
      },
    });
    app.get('/outside', { config: { policy } }, async () => ({}));
    app.post(
      '/api/v1/things/:id',
      {
        exposeHeadRoute: false,
        config: { policy, scope: 'things:write' },
        schema: {
          operationId: 'changeThing',
          summary: 'Change a thing',
          tags: ['Things'],
          params: { type: 'object', properties: { id: { type: 'string', description: 'The thing.' } } },
          querystring: {
            type: 'object',
            required: ['mode'],
            properties: { mode: { type: 'string', enum: ['a', 'b'] }, dry: { type: 'boolean' } },
          },
          body: { type: 'object', properties: { name: { type: 'string' } } },
          response: {
            200: { type: 'object', description: 'The thing, changed.', properties: { id: { type: 'string' } } },
            404: { type: 'object', properties: {} },
          },
        },
      },
      async () => ({ id: 'x' }),
    );
    const doc = (await app.inject('/api/openapi.json')).json<OpenApiDocument>();
    expect(Object.keys(doc.paths)).toEqual(['/api/v1/things/{id}']);
    expect(doc.paths['/api/v1/things/{id}']).toEqual({
      post: {
        operationId: 'changeThing',
        summary: 'Change a thing',
        tags: ['Things'],
        security: [{ accessToken: ['things:write'] }],
        parameters: [
          { name: 'id', in: 'path', required: true, description: 'The thing.', schema: { type: 'string' } },
          { name: 'mode', in: 'query', required: true, schema: { type: 'string', enum: ['a', 'b'] } },
          { name: 'dry', in: 'query', required: false, schema: { type: 'boolean' } },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } },
        },
        responses: {
          '200': {
            description: 'The thing, changed.',
            content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } },
          },
          '404': { description: 'Not found', content: { 'application/json': { schema: { type: 'object', properties: {} } } } },
        },
      },
    });
    expect(doc.components.securitySchemes.accessToken).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      'x-scopes': { 'things:read': 'Read things.', 'things:write': 'Change things.' },
    });
    expect(doc.components.securitySchemes.accessToken?.description).toContain('- `things:read`: Read things.');
    await app.close();
  });
});
