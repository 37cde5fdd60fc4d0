// The help desk policy as a matrix: role × mission × session state.
import { describe, expect, it } from 'vitest';
import { allows, anonymous, type Actor } from '../../kernel/authz.js';
import { HELPDESK_USE } from './admin-policies.js';

type Role = 'helpdesk' | 'secretariat' | 'focal_point' | 'delegate';
const account = (role: Role, organisation: string | null, via: 'session' | 'token' = 'session'): Actor => ({
  kind: 'account',
  id: '11111111-1111-4111-8111-111111111111',
  role,
  organisation,
  modules: [],
  via: via === 'session' ? { kind: 'session', sessionId: 's' } : { kind: 'token', tokenId: 't', scopes: [] },
});

describe('helpdesk.use', () => {
  it.each([
    ['anonymous', anonymous, false],
    ['pending, code to give', { kind: 'pending', accountId: 'a', sessionId: 's', stage: 'mfa' } as Actor, false],
    ['pending, to enrol', { kind: 'pending', accountId: 'a', sessionId: 's', stage: 'enrol_mfa' } as Actor, false],
    ['help desk', account('helpdesk', null), true],
    ['help desk through a token', account('helpdesk', null, 'token'), true],
    ['Secretariat', account('secretariat', null), false],
    ['focal point of a mission', account('focal_point', 'BRA'), false],
    ['focal point of no mission', account('focal_point', null), false],
    ['delegate', account('delegate', 'BRA'), false],
  ] as const)('%s → %s', (_who, actor, allowed) => {
    expect(allows(actor, HELPDESK_USE)).toBe(allowed);
  });
});
