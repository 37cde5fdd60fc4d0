// The one rule for the "(to be confirmed)" mark of an announced briefer: it stays while the briefer is marked so, the
// meeting has not begun and no briefing of theirs is recorded; any one of the three ends it.
import { describe, expect, it } from 'vitest';
import { stillToBeConfirmed, unconfirmedBriefers } from './briefers.js';

const STARTS = new Date('2021-05-24T14:00:00Z');
const BEFORE = new Date('2021-05-24T13:59:59.999Z');
const AFTER = new Date('2021-05-24T14:00:00.001Z');

describe('stillToBeConfirmed', () => {
  it.each([
    ['marked, before the meeting, no briefing recorded', true, BEFORE, false, true],
    ['marked, days before the meeting', true, new Date('2021-05-05T12:00:00Z'), false, true],
    ['marked, the briefing recorded before the meeting', true, BEFORE, true, false],
    ['marked, the meeting beginning at this instant', true, STARTS, false, false],
    ['marked, the meeting begun', true, AFTER, false, false],
    ['marked, the meeting begun and the briefing recorded', true, AFTER, true, false],
    ['marked, a year after the meeting', true, new Date('2022-05-24T14:00:00Z'), false, false],
    ['not marked, before the meeting', false, BEFORE, false, false],
    ['not marked, the briefing recorded', false, BEFORE, true, false],
    ['not marked, after the meeting', false, AFTER, false, false],
  ])('%s: %s', (_name, markedToBeConfirmed, now, briefingRecorded, expected) => {
    expect(stillToBeConfirmed({ markedToBeConfirmed, meetingStartsAt: STARTS, briefingRecorded, now })).toBe(expected);
  });
});

describe('unconfirmedBriefers', () => {
  const debate = {
    starts_at: STARTS,
    briefers: [
      { position: 1, name: 'Jean-Pierre Lacroix', to_be_confirmed: false },
      { position: 2, name: 'Atul Khare', to_be_confirmed: true },
      { position: 3, name: 'Gilles Michaud', to_be_confirmed: true },
    ],
  };

  it.each([
    ['before the meeting, nothing recorded', BEFORE, [], ['Atul Khare', 'Gilles Michaud']],
    ['before the meeting, the second briefing recorded', BEFORE, [2], ['Gilles Michaud']],
    ['before the meeting, a confirmed briefer’s briefing recorded', BEFORE, [1], ['Atul Khare', 'Gilles Michaud']],
    ['before the meeting, both recorded', BEFORE, [2, 3], []],
    ['once the meeting has begun', AFTER, [], []],
  ])('%s', (_name, now, briefed, names) => {
    expect(unconfirmedBriefers(debate, new Set(briefed), now).map((b) => b.name)).toEqual(names);
  });
});
