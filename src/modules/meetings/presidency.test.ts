import { describe, expect, it } from 'vitest';
import type { Actor } from '../../kernel/authz.js';
import { actsForPresidency } from './presidency.js';

const person = (role: 'helpdesk' | 'secretariat' | 'focal_point' | 'delegate', organisation: string | null, modules: string[] = ['presidency']): Actor => ({
  kind: 'account',
  id: 'x',
  role,
  organisation,
  modules,
  via: { kind: 'session', sessionId: 's' },
});

describe('actsForPresidency', () => {
  it.each([
    ['a delegate of China in May 2021', person('delegate', 'CHN'), '2021-05-24', true],
    ['a focal point of China in May 2021', person('focal_point', 'CHN'), '2021-05-01', true],
    ['a delegate of China in June 2021 (Estonia presides)', person('delegate', 'CHN'), '2021-06-01', false],
    ['a delegate of Estonia in June 2021', person('delegate', 'EST'), '2021-06-30', true],
    ['a delegate of Brazil, never presiding in 2021', person('delegate', 'BRA'), '2021-05-24', false],
    ['a delegate of China in May 2021 without the presidency module', person('delegate', 'CHN', ['statements']), '2021-05-24', false],
    ['a focal point of China in May 2021 without it', person('focal_point', 'CHN', []), '2021-05-24', false],
    ['a Secretariat officer', person('secretariat', null), '2021-05-24', false],
    ['the help desk', person('helpdesk', null), '2021-05-24', false],
    ['outside the presidency data', person('delegate', 'CHN'), '2030-05-01', false],
  ] as const)('%s: %s', (_label, actor, date, expected) => {
    expect(actsForPresidency(actor, date)).toBe(expected);
  });

  it('is never true for someone not signed in, or half signed in', () => {
    expect(actsForPresidency({ kind: 'anonymous' }, '2021-05-24')).toBe(false);
    expect(actsForPresidency({ kind: 'pending', accountId: 'x', sessionId: 's', stage: 'mfa' }, '2021-05-24')).toBe(false);
  });
});
