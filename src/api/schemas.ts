// JSON schemas shared by the API routes. Fastify validates requests and serialises responses with them, and
// the OpenAPI document is generated from them, so they are the contract. Plain JSON Schema that reads the same
// under draft-07 (Fastify's validator) and 2020-12 (OpenAPI 3.1): no `nullable`, no `$ref` across routes.

export const isoInstant = (description: string) => ({ type: 'string', format: 'date-time', description }) as const;

const errorBody = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', description: 'A code from the error catalogue (docs/ERRORS.md), stable across versions.' },
        message: { type: 'string', description: 'What happened and what to do, for a person to read.' },
      },
    },
  },
} as const;

const errorDescriptions = {
  400: 'The request could not be understood (a parameter is missing or out of range): http.bad_request.',
  401: 'No valid access token: api.token_missing, api.token_invalid, api.token_expired, api.token_revoked or api.account_disabled.',
  403: 'The token does not carry the scope this operation needs: api.scope_missing.',
  404: 'Nothing at this address.',
} as const;

/** The error answers an operation can give, each `{ error: { code, message } }`. */
export function errorResponses<S extends keyof typeof errorDescriptions>(
  ...statuses: S[]
): Record<S, typeof errorBody & { description: string }> {
  const out = {} as Record<S, typeof errorBody & { description: string }>;
  for (const s of statuses) out[s] = { ...errorBody, description: errorDescriptions[s] };
  return out;
}
