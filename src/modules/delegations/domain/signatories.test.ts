import { describe, expect, it } from 'vitest';
import { signatoryStatus, signatoryTitleProblem, signatoryTitlesFor, signsOn } from './signatories.js';

describe('signatory titles', () => {
  it.each([
    ['member_state', 'Permanent Representative', true],
    ['member_state', 'Deputy Permanent Representative', true],
    ['member_state', "Chargé d'affaires a.i.", true],
    ['member_state', 'Permanent Observer', false],
    ['member_state', 'Ambassador', false],
    ['observer_state', 'Permanent Observer', true],
    ['observer_state', "Chargé d'affaires a.i.", true],
    ['observer_state', 'Permanent Representative', false],
    ['intergovernmental_organization', 'Head of Delegation', true],
    ['other_entity', 'Chair', true],
    ['other_entity', 'X', false],
    ['other_entity', 'x'.repeat(201), false],
  ] as const)('%s signing as "%s": %s', (kind, title, ok) => {
    expect(signatoryTitleProblem(kind, title) === undefined).toBe(ok);
  });

  it('offers a list to States and a free title to entities', () => {
    expect(signatoryTitlesFor('member_state')).toContain('Permanent Representative');
    expect(signatoryTitlesFor('other_entity')).toBeNull();
  });
});

describe('who signs on a date', () => {
  const s = (from: string, to: string | null, removed = false) => ({
    from_date: from,
    to_date: to,
    removed_at: removed ? new Date() : null,
  });
  it.each([
    [s('2021-01-01', null), '2021-01-01', true],
    [s('2021-01-01', null), '2020-12-31', false],
    [s('2021-01-01', '2021-05-24'), '2021-05-24', true],
    [s('2021-01-01', '2021-05-24'), '2021-05-25', false],
    [s('2021-01-01', null, true), '2021-05-01', false],
  ])('%o on %s: %s', (sig, date, ok) => {
    expect(signsOn(sig, date)).toBe(ok);
  });

  it('names the status relative to today', () => {
    expect(signatoryStatus(s('2021-06-01', null), '2021-05-10')).toBe('future');
    expect(signatoryStatus(s('2021-01-01', '2021-05-09'), '2021-05-10')).toBe('ended');
    expect(signatoryStatus(s('2021-01-01', '2021-05-10'), '2021-05-10')).toBe('current');
  });
});
