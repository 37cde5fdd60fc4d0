import { describe, expect, it } from 'vitest';
import type { Actor } from '../../kernel/authz.js';
import { referenceCouncilData } from './domain/council-reference.js';
import { presidencyOn } from './domain/council.js';
import { actsForPresidency, presidencyOfDebate } from './presidency.js';

const council = referenceCouncilData();
/** The State presiding on a day, as the handlers give it to the rule from the Council data. */
const presidingOn = (date: string): string | null => presidencyOn(council, date) ?? null;

const person = (
  role: 'helpdesk' | 'secretariat' | 'focal_point' | 'delegate',
  organisation: string | null,
  modules: string[] = ['presidency'],
): Actor => ({
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
    ['a delegate of Latvia in November 2026', person('delegate', 'LVA'), '2026-11-12', true],
  ] as const)('%s: %s', (_label, actor, date, expected) => {
    expect(actsForPresidency(actor, presidingOn(date))).toBe(expected);
  });

  it('is never true for someone not signed in, or half signed in', () => {
    expect(actsForPresidency({ kind: 'anonymous' }, 'CHN')).toBe(false);
    expect(actsForPresidency({ kind: 'pending', accountId: 'x', sessionId: 's', stage: 'mfa' }, 'CHN')).toBe(false);
  });

  it('takes the presidency of a debate from its meeting day in its own zone', () => {
    // 11 p.m. on 31 May 2021 in New York is 1 June in UTC: still China's month there.
    expect(presidencyOfDebate(council, { starts_at: new Date('2021-06-01T03:00:00Z'), time_zone: 'America/New_York' })).toBe('CHN');
    expect(presidencyOfDebate(council, { starts_at: new Date('2021-06-01T03:00:00Z'), time_zone: 'UTC' })).toBe('EST');
    expect(presidencyOfDebate(council, { starts_at: new Date('2031-06-01T15:00:00Z'), time_zone: 'UTC' })).toBeNull();
  });
});
