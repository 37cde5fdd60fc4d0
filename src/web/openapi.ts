// The OpenAPI 3.1 document of the JSON API, generated from the routes as registered: each API route's JSON
// schemas (params, querystring, body, responses) are the ones Fastify validates and serialises with, so the
// document cannot drift from what the server does. Served publicly, so programs and people can read it
// before they hold a token.
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { PUBLIC } from '../kernel/authz.js';

declare module 'fastify' {
  interface FastifySchema {
    /** One line on what the operation does (OpenAPI `summary`). */
    summary?: string;
    description?: string;
    tags?: string[];
    /** Unique across the API: the name a generated client gives the call. */
    operationId?: string;
  }
}

export interface OpenApiOptions {
  /** Routes whose address starts with this are documented, e.g. '/api/v1/'. */
  prefix: string;
  /** Where the document is served, e.g. '/api/openapi.json'. */
  path: string;
  info: { title: string; version: string; description: string };
  serverUrl: string;
  /** The bearer scheme and the scopes a token may carry, with what each allows. */
  bearer: { name: string; description: string; bearerFormat: string; scopes: Record<string, string> };
  tags?: Array<{ name: string; description: string }>;
}

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: OpenApiOptions['info'];
  servers: Array<{ url: string }>;
  tags?: Array<{ name: string; description: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, JsonSchema> };
}

export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: 'path' | 'query'; required: boolean; description?: string; schema: JsonSchema }>;
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}

interface DocumentedRoute {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
  scope: string | undefined;
  multipartBody: JsonSchema | undefined;
}

const statusText: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '204': 'No content',
  '400': 'The request could not be understood',
  '401': 'No valid access token',
  '403': 'The token does not allow this',
  '404': 'Not found',
  '409': 'Conflict',
  '429': 'Too many requests',
  '500': 'Server error',
};

/** '/api/v1/debates/:slug' -> '/api/v1/debates/{slug}' */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(schema: unknown, place: 'path' | 'query'): NonNullable<Operation['parameters']> {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: place,
      required: place === 'path' || (s.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function operation(route: DocumentedRoute, securityName: string): Operation {
  const schema = route.schema ?? {};
  const responses: Operation['responses'] = {};
  for (const [status, response] of Object.entries((schema.response ?? {}) as Record<string, JsonSchema>)) {
    const { description, ...body } = response;
    responses[status] = {
      description: typeof description === 'string' ? description : (statusText[status] ?? 'Response'),
      ...(body.type === 'null' ? {} : { content: { 'application/json': { schema: body } } }),
    };
  }
  const params = [...parameters(schema.params, 'path'), ...parameters(schema.querystring, 'query')];
  return {
    ...(schema.operationId ? { operationId: schema.operationId } : {}),
    ...(schema.summary ? { summary: schema.summary } : {}),
    ...(schema.description ? { description: schema.description } : {}),
    ...(schema.tags ? { tags: schema.tags } : {}),
    // OpenAPI 3.1 lets a non-OAuth scheme list the "roles" an operation needs: here, the token's scope.
    security: [{ [securityName]: route.scope ? [route.scope] : [] }],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(schema.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema.body as JsonSchema } } } } : {}),
    // A multipart form is parsed before validation (files are bytes, not JSON), so it is described, not validated.
    ...(route.multipartBody
      ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: route.multipartBody } } } }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(routes: readonly DocumentedRoute[], options: OpenApiOptions): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const sorted = [...routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  for (const route of sorted) {
    const path = openApiPath(route.url);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route, options.bearer.name);
  }
  return {
    openapi: '3.1.0',
    info: options.info,
    servers: [{ url: options.serverUrl }],
    ...(options.tags ? { tags: options.tags } : {}),
    paths,
    components: {
      securitySchemes: {
        [options.bearer.name]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: options.bearer.bearerFormat,
          description: `${options.bearer.description}\n\nScopes:\n${Object.entries(options.bearer.scopes)
            .map(([scope, text]) => `- \`${scope}\`: ${text}`)
            .join('\n')}`,
          // The same list, for programs.
          'x-scopes': options.bearer.scopes,
        },
      },
    },
  };
}

export const openApi = fp(async (app: FastifyInstance, options: OpenApiOptions) => {
  const routes: DocumentedRoute[] = [];
  // Registered before the API routes, so it sees every one of them.
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith(options.prefix)) return;
    for (const method of [route.method].flat())
      routes.push({ method, url: route.url, schema: route.schema, scope: route.config?.scope, multipartBody: route.config?.multipartBody });
  });
  let document: OpenApiDocument | undefined;
  app.get(options.path, { config: { policy: PUBLIC } }, async (_request, reply) => {
    document ??= buildOpenApiDocument(routes, options);
    return reply.header('cache-control', 'public, max-age=300').send(document);
  });
});
