// API policies as a matrix: who asks (anonymous, mid-sign-in, a browser session, a token) × role × the token's
// scopes. Only a token carrying the policy's scope, held by someone whose role may hold it, passes.
import { describe, expect, it } from 'vitest';
import { allows, policyNamed, type Actor, type Policy } from '../kernel/authz.js';
import { apiScopeNames, roles, scopesForRole, type ApiScope, type Role } from '../modules/identity/index.js';
import { apiPolicies, defineApiPolicy } from './policies.js';

/** Asks the policy registered under `name`, with any subject (the tables below name policies and try odd subjects). */
const ask = (actor: Actor, name: string, subject?: unknown) => allows(actor, policyNamed(name) as Policy<unknown>, subject);

const ID = '00000000-0000-4000-8000-000000000001';
const organisationOf = (role: Role) => (role === 'helpdesk' || role === 'secretariat' ? null : 'BRA');
const session = (role: Role): Actor => ({
  kind: 'account',
  id: ID,
  role,
  organisation: organisationOf(role),
  modules: [],
  via: { kind: 'session', sessionId: 's' },
});
// Mission staff hold the statements module here, so the statements policies turn on the scope alone; without it below.
const token = (role: Role, scopes: readonly string[], modules: readonly string[] = organisationOf(role) ? ['statements'] : []): Actor => ({
  kind: 'account',
  id: ID,
  role,
  organisation: organisationOf(role),
  modules,
  via: { kind: 'token', tokenId: 't', scopes },
});

// A policy on a scope only focal points may hold, as the mission endpoints will have: the role rule is part of the matrix.
const missionWrite = defineApiPolicy('api.test_mission_write', 'mission:write');
// And one with a rule of its own beyond the scope (e.g. "own mission").
const ownMission = defineApiPolicy<string>('api.test_own_mission', 'mission:read', (actor, mission) => actor.organisation === mission);

// The mission policies are asked about the mission of the actor's own organisation (BRA): "own mission" holds,
// so the matrix is about who asks and with which scopes. Another mission is below.
const OWN_MISSION: Partial<Record<string, string>> = { missionRead: 'BRA', missionWrite: 'BRA' };
const policies: Array<[string, { policy: string; scope: ApiScope }, string | undefined]> = [
  ...Object.entries(apiPolicies).map(([key, p]): [string, { policy: string; scope: ApiScope }, string | undefined] => [
    key,
    { policy: p.policy.name, scope: p.scope },
    OWN_MISSION[key],
  ]),
  ['testMissionWrite', { policy: missionWrite.policy.name, scope: missionWrite.scope }, undefined],
];

describe('API policies', () => {
  const cases: Array<[string, string, Actor, string | undefined, boolean]> = [];
  for (const [, p, subject] of policies) {
    const label = p.policy;
    cases.push([label, 'anonymous', { kind: 'anonymous' }, subject, false]);
    cases.push([label, 'pending second factor', { kind: 'pending', accountId: ID, sessionId: 's', stage: 'mfa' }, subject, false]);
    for (const role of roles) {
      cases.push([label, `${role} via a browser session`, session(role), subject, false]);
      cases.push([
        label,
        `${role} via a token with every scope`,
        token(role, apiScopeNames),
        subject,
        scopesForRole(role).includes(p.scope),
      ]);
      cases.push([
        label,
        `${role} via a token with only ${p.scope}`,
        token(role, [p.scope]),
        subject,
        scopesForRole(role).includes(p.scope),
      ]);
      cases.push([
        label,
        `${role} via a token with every scope but ${p.scope}`,
        token(
          role,
          apiScopeNames.filter((s) => s !== p.scope),
        ),
        subject,
        false,
      ]);
      cases.push([label, `${role} via a token with no scope`, token(role, []), subject, false]);
    }
  }

  it.each(cases)('%s: %s → %s', (policy, _who, actor, subject, expected) => {
    expect(ask(actor, policy, subject)).toBe(expected);
  });

  it.each([
    ['api.me', undefined, ['helpdesk', 'secretariat', 'focal_point', 'delegate']],
    ['api.debates_read', undefined, ['helpdesk', 'secretariat', 'focal_point', 'delegate']],
    ['api.mission_read', 'BRA', ['focal_point']],
    ['api.mission_write', 'BRA', ['focal_point']],
    ['api.mission_read', 'ARG', []],
    ['api.mission_write', 'ARG', []],
    ['api.test_mission_write', undefined, ['focal_point']],
  ])('%s about %s, with a token of every scope, passes for %j', (policy, mission, who) => {
    expect(roles.filter((r) => ask(token(r, apiScopeNames), policy, mission))).toEqual(who);
  });

  it('names each policy api.* and gives the scope it checks', () => {
    expect(Object.fromEntries(Object.entries(apiPolicies).map(([k, p]) => [k, { policy: p.policy.name, scope: p.scope }]))).toEqual({
      me: { policy: 'api.me', scope: 'me:read' },
      debatesRead: { policy: 'api.debates_read', scope: 'debates:read' },
      missionRead: { policy: 'api.mission_read', scope: 'mission:read' },
      missionWrite: { policy: 'api.mission_write', scope: 'mission:write' },
      statementsRead: { policy: 'api.statements_read', scope: 'statements:read' },
      statementsWrite: { policy: 'api.statements_write', scope: 'statements:write' },
    });
    expect(() => defineApiPolicy('mission.read', 'mission:read')).toThrow(/api\.\*/);
  });

  // The mission policies: the scope AND the token owner's own mission (the code in the address, as a string).
  const ownFocal = token('focal_point', ['mission:read', 'mission:write']);
  it.each([
    ['own mission', ownFocal, 'BRA', true],
    ['another mission', ownFocal, 'ARG', false],
    ['the own code in another case', ownFocal, 'bra', false],
    ['no mission in the address', ownFocal, undefined, false],
    ['an empty mission', ownFocal, '', false],
    ['a mission that is not a string', ownFocal, ['BRA'], false],
    ['a focal point of no mission', { ...ownFocal, organisation: null } as Actor, 'BRA', false],
    ['own mission, through the browser session', session('focal_point'), 'BRA', false],
    ['own mission, as a delegate whose token says mission:*', token('delegate', ['mission:read', 'mission:write']), 'BRA', false],
  ] as const)('api.mission_read and api.mission_write: %s → %s', (_label, actor, mission, expected) => {
    expect(ask(actor, apiPolicies.missionRead.policy.name, mission)).toBe(expected);
    expect(ask(actor, apiPolicies.missionWrite.policy.name, mission)).toBe(expected);
  });

  it.each([
    ['a delegate holding the statements module', token('delegate', ['statements:read', 'statements:write']), true],
    ['a focal point holding it', token('focal_point', ['statements:read', 'statements:write']), true],
    ['a delegate without the module', token('delegate', ['statements:read', 'statements:write'], []), false],
    ['a Secretariat officer (no mission)', token('secretariat', ['statements:read', 'statements:write'], ['statements']), false],
  ] as const)('api.statements_*: %s → %s', (_label, actor, expected) => {
    expect(allows(actor, apiPolicies.statementsRead.policy)).toBe(expected);
    expect(allows(actor, apiPolicies.statementsWrite.policy)).toBe(expected);
  });

  it('keeps the two mission scopes apart: read does not write, write does not read', () => {
    expect(allows(token('focal_point', ['mission:read']), apiPolicies.missionWrite.policy, 'BRA')).toBe(false);
    expect(allows(token('focal_point', ['mission:write']), apiPolicies.missionRead.policy, 'BRA')).toBe(false);
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
