// The JSON schemas of /api/v1/missions/{code} (./missions.ts): the address parameters, the answers and the error
// answers, as the OpenAPI document describes them.
import { MISSION_CODE } from '../modules/delegations/index.js';
import { modules } from '../modules/identity/index.js';
import { errorResponses, isoInstant } from './schemas.js';

const codeParam = {
  type: 'string',
  pattern: MISSION_CODE.source,
  maxLength: 40,
  description:
    'The mission’s code: a State’s ISO 3166-1 alpha-3 code (BRA), or an entity’s code (european-union). It must be the token owner’s own mission.',
} as const;
const personParam = { type: 'string', format: 'uuid', description: 'The person’s id, as listed by getMissionPeople.' } as const;
const moduleProperty = {
  type: 'string',
  enum: [...modules],
  description:
    'A module of the platform: statements (submitting written statements for the mission), or presidency (acting for the mission while its State presides the Security Council: preparing that month’s debates, reading every statement before publication).',
} as const;

export const missionParams = { type: 'object', required: ['code'], additionalProperties: false, properties: { code: codeParam } } as const;
export const personParams = {
  type: 'object',
  required: ['code', 'id'],
  additionalProperties: false,
  properties: { code: codeParam, id: personParam },
} as const;
export const grantParams = {
  type: 'object',
  required: ['code', 'id', 'module'],
  additionalProperties: false,
  properties: { code: codeParam, id: personParam, module: moduleProperty },
} as const;

export const missionSchema = {
  type: 'object',
  description: 'The mission.',
  required: ['code', 'name', 'kind'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', description: 'The mission’s code.' },
    name: { type: 'string', description: 'The mission’s name, e.g. Permanent Mission of Brazil to the United Nations.' },
    kind: { type: 'string', enum: ['permanent_mission', 'permanent_observer_mission', 'delegation', 'office'] },
  },
} as const;

export const personSchema = {
  type: 'object',
  description: 'One of the mission’s people.',
  required: ['id', 'name', 'email', 'role', 'status', 'deactivatedAt', 'invitation', 'modules'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string', description: 'The name the person is known by in Rostrum.' },
    email: { type: 'string', format: 'email' },
    role: {
      type: 'string',
      enum: ['focal_point', 'delegate'],
      description: 'focal_point: manages the mission’s people and signatories; delegate: works for the mission.',
    },
    status: {
      type: 'string',
      enum: ['active', 'deactivated'],
      description: 'A deactivated account cannot sign in, and its tokens were revoked.',
    },
    deactivatedAt: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'When the account was deactivated (UTC); null while it is active.',
    },
    invitation: {
      type: ['object', 'null'],
      description:
        'Null once the person has accepted the invitation (set a password). Otherwise whether the latest invitation link can still be used, and until when.',
      required: ['state', 'expiresAt'],
      additionalProperties: false,
      properties: {
        state: {
          type: 'string',
          enum: ['pending', 'expired'],
          description: 'pending: the link still works; expired: a new invitation must be sent from the mission page.',
        },
        expiresAt: isoInstant('When the latest invitation link stops (or stopped) working (UTC).'),
      },
    },
    modules: {
      type: 'array',
      items: { type: 'string', enum: [...modules] },
      description: 'Platform modules the mission’s focal points have opened to this person.',
    },
  },
} as const;

export const peopleSchema = {
  type: 'object',
  description: 'The mission’s people, by name: current and deactivated accounts, and invitations not yet accepted.',
  required: ['people'],
  additionalProperties: false,
  properties: { people: { type: 'array', items: personSchema } },
} as const;

export const signatoriesSchema = {
  type: 'object',
  description:
    'The mission’s authorised signatories, current, future and past, the latest authority first. Entries removed as mistakes are not listed.',
  required: ['date', 'signatories'],
  additionalProperties: false,
  properties: {
    date: {
      type: 'string',
      format: 'date',
      description: 'Today at the duty station (New York), YYYY-MM-DD: the day `status` is judged on.',
    },
    signatories: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'title', 'from', 'to', 'status'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          title: { type: 'string', description: 'e.g. Permanent Representative, Chargé d’affaires a.i.' },
          from: { type: 'string', format: 'date', description: 'The first day of the authority (YYYY-MM-DD).' },
          to: {
            type: ['string', 'null'],
            format: 'date',
            description: 'The last day of the authority (YYYY-MM-DD); null when it has no end date.',
          },
          status: {
            type: 'string',
            enum: ['current', 'future', 'ended'],
            description: 'current: may sign on `date`; future: not yet; ended: no longer.',
          },
        },
      },
    },
  },
} as const;

export const grantBody = {
  type: 'object',
  required: ['module'],
  additionalProperties: false,
  properties: { module: moduleProperty },
} as const;

const refusalText = {
  400: 'The request could not be understood (a malformed mission code, person id, module or body): http.bad_request.',
  401: 'No valid access token: api.token_missing, api.token_invalid, api.token_expired, api.token_revoked or api.account_disabled.',
  403: 'The token does not carry the scope this operation needs (api.scope_missing), or the mission in the address is not the token owner’s own (auth.forbidden).',
  404: 'No such mission (mission.not_found).',
  409: 'Conflict.',
} as const;
type RefusalStatus = keyof typeof refusalText;

/** The error answers of an operation, each `{ error: { code, message } }`, described for these routes. */
export function refusals(described: Partial<Record<RefusalStatus, string>>, ...statuses: RefusalStatus[]) {
  // The catalogue's error body, as the other API routes give it; only the descriptions differ.
  const body = errorResponses(404)[404];
  return Object.fromEntries(statuses.map((s) => [s, { ...body, description: described[s] ?? refusalText[s] }]));
}
