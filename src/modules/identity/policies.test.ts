import { describe, expect, it } from 'vitest';
import { allows, anonymous, type Actor } from '../../kernel/authz.js';
import { COMPLETE_MFA, ENROL_MFA, MANAGE_OWN_ACCOUNT } from './policies.js';

const pending = (stage: 'mfa' | 'enrol_mfa'): Actor => ({ kind: 'pending', accountId: 'a', sessionId: 's', stage });
const account = (via: 'session' | 'token', role: 'helpdesk' | 'secretariat' | 'focal_point' | 'delegate' = 'delegate'): Actor => ({
  kind: 'account',
  id: 'a',
  role,
  organisation: role === 'helpdesk' || role === 'secretariat' ? null : 'BRA',
  modules: [],
  via: via === 'session' ? { kind: 'session', sessionId: 's' } : { kind: 'token', tokenId: 't', scopes: ['statements:read'] },
});

const actors: Array<[string, Actor]> = [
  ['anonymous', anonymous],
  ['pending (code to give)', pending('mfa')],
  ['pending (to enrol)', pending('enrol_mfa')],
  ['delegate, browser session', account('session')],
  ['help desk, browser session', account('session', 'helpdesk')],
  ['delegate, API token', account('token')],
];

// One row per actor: complete MFA, enrol MFA, manage own account.
const matrix: Record<string, [boolean, boolean, boolean]> = {
  anonymous: [false, false, false],
  'pending (code to give)': [true, false, false],
  'pending (to enrol)': [false, true, false],
  'delegate, browser session': [false, false, true],
  'help desk, browser session': [false, false, true],
  'delegate, API token': [false, false, false],
};

describe('authentication policies', () => {
  it.each(actors)('%s', (name, actor) => {
    expect([allows(actor, COMPLETE_MFA), allows(actor, ENROL_MFA), allows(actor, MANAGE_OWN_ACCOUNT)]).toEqual(matrix[name]);
  });
});
