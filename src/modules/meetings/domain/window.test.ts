import { describe, expect, it } from 'vitest';
import { windowOf, windowState } from './window.js';

const window = {
  submissions_open_at: new Date('2021-05-05T13:00:00Z'),
  submission_deadline: new Date('2021-05-25T03:59:59.999Z'),
  grace_minutes: 0,
};

describe('windowState', () => {
  it.each([
    ['2021-05-05T12:59:59.999Z', 'not_yet_open'],
    ['2021-05-05T13:00:00.000Z', 'open'],
    ['2021-05-24T14:00:00.000Z', 'open'],
    ['2021-05-25T03:59:59.999Z', 'open'],
    ['2021-05-25T04:00:00.000Z', 'closed'],
    ['2026-11-27T00:00:00.000Z', 'closed'],
  ] as const)('at %s the window is %s', (at, expected) => {
    expect(windowState(window, new Date(at))).toBe(expected);
  });

  it.each([
    ['2021-05-25T04:00:00.000Z', 'open'],
    ['2021-05-25T04:14:59.999Z', 'open'],
    ['2021-05-25T04:15:00.000Z', 'closed'],
  ] as const)('with 15 minutes of grace, at %s the window is %s', (at, expected) => {
    expect(windowState({ ...window, grace_minutes: 15 }, new Date(at))).toBe(expected);
  });
});

describe('windowOf', () => {
  it('maps the columns and keeps the grants as given', () => {
    const grants = [{ delegation: 'BRA', until: new Date('2021-05-26T14:00:00Z'), revokedAt: null }];
    expect(windowOf({ ...window, modification_deadline: null }, grants)).toEqual({
      opensAt: window.submissions_open_at,
      deadline: window.submission_deadline,
      modificationDeadline: null,
      graceMinutes: 0,
      lateGrants: grants,
    });
  });
});
