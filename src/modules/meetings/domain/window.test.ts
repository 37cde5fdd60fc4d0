import { describe, expect, it } from 'vitest';
import { windowState } from './window.js';

const window = { submissions_open_at: new Date('2021-05-05T13:00:00Z'), submission_deadline: new Date('2021-05-25T03:59:59.999Z') };

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
});
