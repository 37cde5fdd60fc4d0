// Policies of the JSON API. Each API route names one, and each checks a token scope: a scope is part of the
// authorization decision, not a filter beside it. A scope counts only while the owner's role may still hold it
// (a focal point who becomes a delegate loses mission:* at once, on tokens made before the change too).
import { definePolicy, type Actor, type Policy } from '../kernel/authz.js';
import { holdsModule, isFocalPointOf } from '../kernel/authz-predicates.js';
import { scopesForRole, type ApiScope } from '../modules/identity/index.js';

export interface ApiPolicy<S = undefined> {
  /** The policy, for the route's `config.policy`. */
  policy: Policy<S>;
  /** The scope it needs, for the route's `config.scope` (named in the 403 answer and in the OpenAPI document). */
  scope: ApiScope;
}

/** True when the request comes with a token carrying `scope`, held by someone whose role may hold it. */
export function tokenHasScope(actor: Actor, scope: ApiScope): boolean {
  return (
    actor.kind === 'account' && actor.via.kind === 'token' && actor.via.scopes.includes(scope) && scopesForRole(actor.role).includes(scope)
  );
}

/**
 * An API policy: a token with the scope, and whatever else the operation needs (`rule`, e.g. "own mission").
 * Browser sessions never pass an API policy.
 */
export function defineApiPolicy<S = undefined>(
  name: string,
  scope: ApiScope,
  rule: (actor: Extract<Actor, { kind: 'account' }>, subject: S) => boolean = () => true,
): ApiPolicy<S> {
  if (!name.startsWith('api.')) throw new Error(`API policies are named api.*: ${name}`);
  const policy = definePolicy<S>(name, (actor, subject) => tokenHasScope(actor, scope) && actor.kind === 'account' && rule(actor, subject));
  return { policy, scope };
}

/**
 * "Own mission": the token's owner is a focal point of the mission in the address (the route's `config.subject`),
 * so another mission's code is refused before any handler runs. The role is checked here too, not only through
 * the scope's roles, so the rule stays right if a mission:* scope is ever opened to another role.
 */
function ownMission(actor: Extract<Actor, { kind: 'account' }>, mission: string): boolean {
  return isFocalPointOf(actor, mission);
}

/** Staff with the statements module, acting for their own mission (the delegation is always the token owner's). */
function withStatements(actor: Extract<Actor, { kind: 'account' }>): boolean {
  return holdsModule(actor, 'statements');
}

export const apiPolicies = {
  me: defineApiPolicy('api.me', 'me:read'),
  debatesRead: defineApiPolicy('api.debates_read', 'debates:read'),
  /** The own mission, its people and their module access, its signatories. */
  missionRead: defineApiPolicy<string>('api.mission_read', 'mission:read', ownMission),
  /** Give and take module access to the own mission's people. */
  missionWrite: defineApiPolicy<string>('api.mission_write', 'mission:write', ownMission),
  /** The own delegation's statements: read, and submit, replace or withdraw. */
  statementsRead: defineApiPolicy('api.statements_read', 'statements:read', withStatements),
  statementsWrite: defineApiPolicy('api.statements_write', 'statements:write', withStatements),
} as const;
