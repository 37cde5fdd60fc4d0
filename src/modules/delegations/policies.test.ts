// The policy matrix: every kind of actor (role × own mission / another mission / no mission × signed in through
// a session or a token, or not yet past the second factor) against every mission subject. A cell not listed as
// allowed must be refused.
import { describe, expect, it } from 'vitest';
import { allows, anonymous, policyNamed, type Actor, type Policy } from '../../kernel/authz.js';
import {
  ENTITIES_ADD,
  MISSION_MANAGE_PEOPLE,
  MISSION_MANAGE_SIGNATORIES,
  MISSION_OPEN_OWN,
  MISSION_VIEW,
  MISSIONS_LIST,
  SIGNATORIES_VIEW_ALL,
} from './policies.js';

type Role = 'helpdesk' | 'secretariat' | 'focal_point' | 'delegate';
const account = (role: Role, organisation: string | null, via: 'session' | 'token' = 'session', modules: string[] = []): Actor => ({
  kind: 'account',
  id: '11111111-1111-4111-8111-111111111111',
  role,
  organisation,
  modules,
  via: via === 'session' ? { kind: 'session', sessionId: 's' } : { kind: 'token', tokenId: 't', scopes: ['missions:read'] },
});

const matrixActors: Record<string, Actor> = {
  anonymous,
  'pending (code to give)': { kind: 'pending', accountId: 'a', sessionId: 's', stage: 'mfa' },
  'pending (to enrol)': { kind: 'pending', accountId: 'a', sessionId: 's', stage: 'enrol_mfa' },
  'help desk': account('helpdesk', null),
  'help desk (token)': account('helpdesk', null, 'token'),
  Secretariat: account('secretariat', null),
  'Secretariat (token)': account('secretariat', null, 'token'),
  'focal point of BRA': account('focal_point', 'BRA'),
  'focal point of BRA (token)': account('focal_point', 'BRA', 'token'),
  'focal point of ARG': account('focal_point', 'ARG'),
  'focal point of no mission': account('focal_point', null),
  'delegate of BRA': account('delegate', 'BRA'),
  'delegate of BRA with statements': account('delegate', 'BRA', 'session', ['statements']),
  'delegate of ARG': account('delegate', 'ARG'),
  'help desk with a mission (inconsistent)': account('helpdesk', 'BRA'),
};

// The subject is the mission in the address: BRA, another one (ARG is covered by its focal point above), none.
const subjects: Record<string, string | undefined> = { BRA: 'BRA', 'no mission': undefined, 'empty code': '' };
const ask = (actor: Actor, name: string, subject: string | undefined) => allows(actor, policyNamed(name) as Policy<unknown>, subject);

const SECRETARIAT = ['Secretariat', 'Secretariat (token)'];
const FOCAL_BRA = ['focal point of BRA', 'focal point of BRA (token)'];
const HELPDESK = ['help desk', 'help desk (token)'];

const expected: Record<string, Record<string, string[]>> = {
  [MISSION_OPEN_OWN.name]: Object.fromEntries(Object.keys(subjects).map((s) => [s, [...FOCAL_BRA, 'focal point of ARG']])),
  [MISSION_VIEW.name]: { BRA: [...FOCAL_BRA, ...SECRETARIAT, ...HELPDESK], 'no mission': [], 'empty code': [] },
  [MISSION_MANAGE_PEOPLE.name]: { BRA: FOCAL_BRA, 'no mission': [], 'empty code': [] },
  [MISSION_MANAGE_SIGNATORIES.name]: { BRA: FOCAL_BRA, 'no mission': [], 'empty code': [] },
  [SIGNATORIES_VIEW_ALL.name]: Object.fromEntries(Object.keys(subjects).map((s) => [s, SECRETARIAT])),
  [MISSIONS_LIST.name]: Object.fromEntries(Object.keys(subjects).map((s) => [s, [...SECRETARIAT, ...HELPDESK]])),
  [ENTITIES_ADD.name]: Object.fromEntries(Object.keys(subjects).map((s) => [s, SECRETARIAT])),
};

const cases = Object.entries(expected).flatMap(([policy, bySubject]) =>
  Object.entries(bySubject).flatMap(([subject, allowed]) =>
    Object.keys(matrixActors).map((actor) => [policy, subject, actor, allowed.includes(actor)] as const),
  ),
);

describe('delegations policies', () => {
  it.each(cases)('%s about %s: %s → %s', (policy, subject, actor, allowed) => {
    expect(ask(matrixActors[actor]!, policy, subjects[subject])).toBe(allowed);
  });

  it('covers every actor for every policy', () => {
    expect(cases).toHaveLength(Object.keys(expected).length * Object.keys(subjects).length * Object.keys(matrixActors).length);
  });

  it('never lets a pending or anonymous actor through, whatever the subject', () => {
    for (const policy of Object.keys(expected)) {
      for (const who of ['anonymous', 'pending (code to give)', 'pending (to enrol)']) {
        for (const subject of ['BRA', 'ARG', undefined]) expect(ask(matrixActors[who]!, policy, subject)).toBe(false);
      }
    }
  });
});
