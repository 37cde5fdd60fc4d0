import { describe, expect, it } from 'vitest';
import { isCalendarDate } from './validation.js';
import { likePattern } from './db.js';

describe('delegations input rules', () => {
  it.each([
    ['2021-05-24', true],
    ['2020-02-29', true],
    ['2021-02-29', false],
    ['2021-13-01', false],
    ['24/05/2021', false],
    ['', false],
  ])('%s is a calendar date: %s', (v, ok) => expect(isCalendarDate(v)).toBe(ok));

  it('escapes LIKE wildcards typed in a search', () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
