// API policies as a matrix: who asks (anonymous, mid-sign-in, a browser session, a token) × role × the token's
// scopes. Only a token carrying the policy's scope, held by someone whose role may hold it, passes.
import { describe, expect, it } from 'vitest';
import { allows, type Actor } from '../kernel/authz.js';
import { apiScopeNames, roles, scopesForRole, type ApiScope, type Role } from '../modules/identity/index.js';
import { apiPolicies, defineApiPolicy } from './policies.js';

const ID = '00000000-0000-4000-8000-000000000001';
const organisationOf = (role: Role) => (role === 'helpdesk' || role === 'secretariat' ? null : 'BRA');
const session = (role: Role): Actor => ({ kind: 'account', id: ID, role, organisation: organisationOf(role), modules: [], via: { kind: 'session', sessionId: 's' } });
const token = (role: Role, scopes: readonly string[]): Actor => ({ kind: 'account', id: ID, role, organisation: organisationOf(role), modules: [], via: { kind: 'token', tokenId: 't', scopes } });

// A policy on a scope only focal points may hold, as the mission endpoints will have: the role rule is part of the matrix.
const missionWrite = defineApiPolicy('api.test_mission_write', 'mission:write');
// And one with a rule of its own beyond the scope (e.g. "own mission").
const ownMission = defineApiPolicy<string>('api.test_own_mission', 'mission:read', (actor, mission) => actor.organisation === mission);

const policies: Array<[string, { policy: string; scope: ApiScope }]> = [...Object.entries(apiPolicies), ['missionWrite', missionWrite]];

describe('API policies', () => {
  const cases: Array<[string, string, Actor, boolean]> = [];
  for (const [, p] of policies) {
    const label = p.policy;
    cases.push([label, 'anonymous', { kind: 'anonymous' }, false]);
    cases.push([label, 'pending second factor', { kind: 'pending', accountId: ID, sessionId: 's', stage: 'mfa' }, false]);
    for (const role of roles) {
      cases.push([label, `${role} via a browser session`, session(role), false]);
      cases.push([label, `${role} via a token with every scope`, token(role, apiScopeNames), scopesForRole(role).includes(p.scope)]);
      cases.push([label, `${role} via a token with only ${p.scope}`, token(role, [p.scope]), scopesForRole(role).includes(p.scope)]);
      cases.push([label, `${role} via a token with every scope but ${p.scope}`, token(role, apiScopeNames.filter((s) => s !== p.scope)), false]);
      cases.push([label, `${role} via a token with no scope`, token(role, []), false]);
    }
  }

  it.each(cases)('%s: %s → %s', (policy, _who, actor, expected) => {
    expect(allows(actor, policy)).toBe(expected);
  });

  it.each([
    ['api.me', ['helpdesk', 'secretariat', 'focal_point', 'delegate']],
    ['api.debates_read', ['helpdesk', 'secretariat', 'focal_point', 'delegate']],
    ['api.test_mission_write', ['focal_point']],
  ])('%s, with a token of every scope, passes for %j', (policy, who) => {
    expect(roles.filter((r) => allows(token(r, apiScopeNames), policy))).toEqual(who);
  });

  it('names each policy api.* and gives the scope it checks', () => {
    expect(apiPolicies).toEqual({ me: { policy: 'api.me', scope: 'me:read' }, debatesRead: { policy: 'api.debates_read', scope: 'debates:read' } });
    expect(() => defineApiPolicy('mission.read', 'mission:read')).toThrow(/api\.\*/);
  });

  it.each([
    ['own mission', token('focal_point', ['mission:read']), 'BRA', true],
    ['another mission', token('focal_point', ['mission:read']), 'ARG', false],
    ['own mission, through the browser session', session('focal_point'), 'BRA', false],
    ['own mission, without the scope', token('focal_point', ['mission:write']), 'BRA', false],
    ['own mission, as a delegate', token('delegate', ['mission:read']), 'BRA', false],
  ] as const)('a rule of its own on top of the scope: %s → %s', (_label, actor, mission, expected) => {
    expect(allows(actor, ownMission.policy, mission)).toBe(expected);
  });
});
