import { describe, expect, it } from 'vitest';
import { endOfDayIn, localDateTimeIn, utcOffsetMinutes, zonedTimeToUtc } from '../../../kernel/dates.js';
import {
  submissionDecision,
  submissionDeadlines,
  type LateGrant,
  type SubmissionAction,
  type SubmissionWindow,
} from './submission-window.js';

const NY = 'America/New_York';
const at = (iso: string) => new Date(iso);

// The seed's debate: Monday 24 May 2021 in New York (UTC−4); submissions from 5 May, 9 a.m.; default deadline.
const may: SubmissionWindow = {
  opensAt: zonedTimeToUtc('2021-05-05T09:00', NY),
  deadline: endOfDayIn('2021-05-24', NY),
  modificationDeadline: null,
  graceMinutes: 0,
  lateGrants: [],
};

function decide(window: SubmissionWindow, delegation: string | null, iso: string, action: SubmissionAction = 'submit') {
  return submissionDecision(window, delegation, at(iso), { action });
}

describe('the window itself', () => {
  it('starts and ends where the debate says, in UTC', () => {
    expect(may.opensAt.toISOString()).toBe('2021-05-05T13:00:00.000Z');
    expect(may.deadline.toISOString()).toBe('2021-05-25T03:59:59.999Z');
  });

  it.each([
    // [instant, what the clock in New York shows, decision]
    [
      '2021-05-05T12:59:59.999Z',
      '2021-05-05T08:59:59',
      { allowed: false, reason: 'not_yet_open', opensAt: at('2021-05-05T13:00:00.000Z'), closedAt: at('2021-05-25T03:59:59.999Z') },
    ],
    ['2021-05-05T13:00:00.000Z', '2021-05-05T09:00:00', { allowed: true, basis: 'window', until: at('2021-05-25T03:59:59.999Z') }],
    ['2021-05-24T14:00:00.000Z', '2021-05-24T10:00:00', { allowed: true, basis: 'window', until: at('2021-05-25T03:59:59.999Z') }],
    // the deadline minute: all of 11.59 p.m. is on time, midnight is late
    ['2021-05-25T03:59:00.000Z', '2021-05-24T23:59:00', { allowed: true, basis: 'window', until: at('2021-05-25T03:59:59.999Z') }],
    ['2021-05-25T03:59:59.999Z', '2021-05-24T23:59:59', { allowed: true, basis: 'window', until: at('2021-05-25T03:59:59.999Z') }],
    ['2021-05-25T04:00:00.000Z', '2021-05-25T00:00:00', { allowed: false, reason: 'closed', closedAt: at('2021-05-25T03:59:59.999Z') }],
    ['2021-06-01T12:00:00.000Z', '2021-06-01T08:00:00', { allowed: false, reason: 'closed', closedAt: at('2021-05-25T03:59:59.999Z') }],
  ] as const)('at %s (%s in New York): %o', (iso, local, expected) => {
    expect(localDateTimeIn(at(iso), NY)).toBe(local);
    expect(decide(may, 'BRA', iso)).toEqual(expected);
    // the same for any delegation without a grant, and for the public state
    expect(decide(may, null, iso)).toEqual(expected);
  });
});

describe('grace', () => {
  const graced = { ...may, graceMinutes: 15 };
  const graceEnd = at('2021-05-25T04:14:59.999Z');

  it.each([
    ['2021-05-25T03:59:59.999Z', 0, { allowed: true, basis: 'window', until: may.deadline }],
    ['2021-05-25T04:00:00.000Z', 0, { allowed: false, reason: 'closed', closedAt: may.deadline }],
    ['2021-05-25T03:59:59.999Z', 15, { allowed: true, basis: 'window', until: graceEnd }],
    ['2021-05-25T04:00:00.000Z', 15, { allowed: true, basis: 'grace', until: graceEnd }],
    ['2021-05-25T04:14:59.999Z', 15, { allowed: true, basis: 'grace', until: graceEnd }],
    ['2021-05-25T04:15:00.000Z', 15, { allowed: false, reason: 'closed', closedAt: graceEnd }],
  ] as const)('at %s with %i minutes of grace: %o', (iso, minutes, expected) => {
    expect(decide({ ...may, graceMinutes: minutes }, 'BRA', iso)).toEqual(expected);
  });

  it('does not open the window early', () => {
    expect(decide(graced, 'BRA', '2021-05-05T12:59:59.999Z')).toMatchObject({ allowed: false, reason: 'not_yet_open', closedAt: graceEnd });
  });

  it('counts elapsed minutes, not the clock on the wall, across a daylight-saving change', () => {
    // deadline 1.59 a.m. on 14 March 2021 (UTC−5); 15 minutes later the clocks in New York read 3.14 a.m. (UTC−4)
    const window = { ...may, opensAt: at('2021-03-01T14:00:00Z'), deadline: zonedTimeToUtc('2021-03-14T01:59', NY), graceMinutes: 15 };
    expect(window.deadline.toISOString()).toBe('2021-03-14T06:59:00.000Z');
    expect(decide(window, 'BRA', '2021-03-14T07:14:00.000Z')).toEqual({
      allowed: true,
      basis: 'grace',
      until: at('2021-03-14T07:14:00.000Z'),
    });
    expect(localDateTimeIn(at('2021-03-14T07:14:00.000Z'), NY)).toBe('2021-03-14T03:14:00');
    expect(decide(window, 'BRA', '2021-03-14T07:14:00.001Z')).toMatchObject({ allowed: false, reason: 'closed' });
  });

  it.each([-1, 1441, 1.5, Number.NaN])('refuses %s minutes of grace as a defect', (minutes) => {
    expect(() => decide({ ...may, graceMinutes: minutes }, 'BRA', '2021-05-10T12:00:00Z')).toThrow(RangeError);
  });
});

describe('late grants', () => {
  const until = at('2021-05-25T14:00:00.000Z'); // 10 a.m. the day after the meeting
  const grant: LateGrant = { delegation: 'BRA', until, revokedAt: null };
  const granted = { ...may, lateGrants: [grant] };

  it.each([
    ['BRA', '2021-05-24T14:00:00.000Z', { allowed: true, basis: 'window', until }],
    ['BRA', '2021-05-25T04:00:00.000Z', { allowed: true, basis: 'late_grant', until }],
    ['BRA', '2021-05-25T14:00:00.000Z', { allowed: true, basis: 'late_grant', until }],
    ['BRA', '2021-05-25T14:00:00.001Z', { allowed: false, reason: 'closed', closedAt: until }],
    ['BRA', '2021-05-05T12:59:59.999Z', { allowed: false, reason: 'not_yet_open', opensAt: may.opensAt, closedAt: until }],
    // another delegation, and the public state, keep the regular deadline
    ['ARG', '2021-05-24T14:00:00.000Z', { allowed: true, basis: 'window', until: may.deadline }],
    ['ARG', '2021-05-25T04:00:00.000Z', { allowed: false, reason: 'closed', closedAt: may.deadline }],
    [null, '2021-05-25T04:00:00.000Z', { allowed: false, reason: 'closed', closedAt: may.deadline }],
    // codes are exact: an entity's lower-case code is not a State's
    ['bra', '2021-05-25T04:00:00.000Z', { allowed: false, reason: 'closed', closedAt: may.deadline }],
  ] as const)('%s at %s: %o', (delegation, iso, expected) => {
    expect(decide(granted, delegation, iso)).toEqual(expected);
  });

  it('stops counting a revoked grant from the instant it was revoked', () => {
    const revoked = { ...may, lateGrants: [{ ...grant, revokedAt: at('2021-05-25T08:00:00.000Z') }] };
    expect(decide(revoked, 'BRA', '2021-05-25T07:59:59.999Z')).toEqual({ allowed: true, basis: 'late_grant', until });
    expect(decide(revoked, 'BRA', '2021-05-25T08:00:00.000Z')).toEqual({ allowed: false, reason: 'closed', closedAt: may.deadline });
    // within the window the regular deadline is what is left
    expect(decide(revoked, 'BRA', '2021-05-25T12:00:00.000Z', 'modify')).toEqual({
      allowed: false,
      reason: 'closed',
      closedAt: may.deadline,
    });
  });

  it('takes the current grant after a revoked one', () => {
    const window = {
      ...may,
      lateGrants: [
        { ...grant, revokedAt: at('2021-05-25T08:00:00.000Z') },
        { delegation: 'BRA', until: at('2021-05-25T12:00:00.000Z'), revokedAt: null },
      ],
    };
    expect(decide(window, 'BRA', '2021-05-25T10:00:00.000Z')).toEqual({
      allowed: true,
      basis: 'late_grant',
      until: at('2021-05-25T12:00:00.000Z'),
    });
    expect(decide(window, 'BRA', '2021-05-25T12:00:00.001Z')).toEqual({
      allowed: false,
      reason: 'closed',
      closedAt: at('2021-05-25T12:00:00.000Z'),
    });
  });

  it('says grace rather than late grant while grace runs, and counts the later end', () => {
    const window = { ...may, graceMinutes: 15, lateGrants: [grant] };
    expect(decide(window, 'BRA', '2021-05-25T04:10:00.000Z')).toEqual({ allowed: true, basis: 'grace', until });
    const short = { ...may, graceMinutes: 15, lateGrants: [{ ...grant, until: at('2021-05-25T04:05:00.000Z') }] };
    expect(decide(short, 'BRA', '2021-05-25T04:10:00.000Z')).toEqual({
      allowed: true,
      basis: 'grace',
      until: at('2021-05-25T04:14:59.999Z'),
    });
  });

  it('lets the delegation replace and withdraw what it sent late, until the same end', () => {
    expect(decide(granted, 'BRA', '2021-05-25T13:00:00.000Z', 'modify')).toEqual({ allowed: true, basis: 'late_grant', until });
    expect(decide(granted, 'BRA', '2021-05-25T13:00:00.000Z', 'withdraw')).toEqual({ allowed: true, basis: 'late_grant', until });
  });
});

describe('the modification deadline', () => {
  const modificationDeadline = zonedTimeToUtc('2021-05-26T18:00', NY);
  const window = { ...may, modificationDeadline };

  it('is a UTC instant', () => {
    expect(modificationDeadline.toISOString()).toBe('2021-05-26T22:00:00.000Z');
  });

  it.each([
    ['submit', '2021-05-25T03:59:59.999Z', { allowed: true, basis: 'window', until: may.deadline }],
    ['modify', '2021-05-25T03:59:59.999Z', { allowed: true, basis: 'window', until: modificationDeadline }],
    ['submit', '2021-05-25T12:00:00.000Z', { allowed: false, reason: 'closed', closedAt: may.deadline }],
    ['modify', '2021-05-25T12:00:00.000Z', { allowed: true, basis: 'window', until: modificationDeadline }],
    ['withdraw', '2021-05-25T12:00:00.000Z', { allowed: true, basis: 'window', until: modificationDeadline }],
    ['modify', '2021-05-26T22:00:00.000Z', { allowed: true, basis: 'window', until: modificationDeadline }],
    ['modify', '2021-05-26T22:00:00.001Z', { allowed: false, reason: 'closed', closedAt: modificationDeadline }],
    ['withdraw', '2021-05-26T22:00:00.001Z', { allowed: false, reason: 'closed', closedAt: modificationDeadline }],
  ] as const)('%s at %s: %o', (action, iso, expected) => {
    expect(decide(window, 'BRA', iso, action)).toEqual(expected);
  });

  it('is the submission deadline when not set', () => {
    expect(decide(may, 'BRA', '2021-05-25T03:59:59.999Z', 'modify')).toEqual({ allowed: true, basis: 'window', until: may.deadline });
    expect(decide(may, 'BRA', '2021-05-25T04:00:00.000Z', 'withdraw')).toEqual({
      allowed: false,
      reason: 'closed',
      closedAt: may.deadline,
    });
  });

  it('gets the same grace', () => {
    expect(decide({ ...window, graceMinutes: 15 }, 'BRA', '2021-05-26T22:10:00.000Z', 'modify')).toEqual({
      allowed: true,
      basis: 'grace',
      until: at('2021-05-26T22:15:00.000Z'),
    });
  });

  it('never ends modification before the submission deadline, whatever the caller passes', () => {
    const early = { ...may, modificationDeadline: at('2021-05-20T12:00:00.000Z') };
    expect(decide(early, 'BRA', '2021-05-24T12:00:00.000Z', 'withdraw')).toEqual({ allowed: true, basis: 'window', until: may.deadline });
  });

  it('is not opened early either', () => {
    expect(decide(window, 'BRA', '2021-05-05T12:00:00.000Z', 'modify')).toEqual({
      allowed: false,
      reason: 'not_yet_open',
      opensAt: may.opensAt,
      closedAt: modificationDeadline,
    });
  });
});

describe('New York daylight-saving weeks, with the default deadline (end of the meeting day)', () => {
  it.each([
    // [meeting day, deadline in UTC, offset at the deadline in minutes]
    ['2021-03-13', '2021-03-14T04:59:59.999Z', -300], // Saturday before the change: EST
    ['2021-03-14', '2021-03-15T03:59:59.999Z', -240], // spring forward at 2 a.m.: the day has 23 hours, ends in EDT
    ['2021-03-15', '2021-03-16T03:59:59.999Z', -240],
    ['2021-11-06', '2021-11-07T03:59:59.999Z', -240], // Saturday before the change: EDT
    ['2021-11-07', '2021-11-08T04:59:59.999Z', -300], // fall back at 2 a.m.: the day has 25 hours, ends in EST
    ['2021-11-08', '2021-11-09T04:59:59.999Z', -300],
  ] as const)('a meeting on %s closes at %s', (day, utc, offset) => {
    const deadline = endOfDayIn(day, NY);
    expect(deadline.toISOString()).toBe(utc);
    expect(utcOffsetMinutes(deadline, NY)).toBe(offset);
    expect(localDateTimeIn(deadline, NY)).toBe(`${day}T23:59:59`);
    const window = { ...may, opensAt: at('2021-03-01T14:00:00Z'), deadline };
    const minute = new Date(deadline.getTime() - 59_999).toISOString();
    expect(localDateTimeIn(at(minute), NY)).toBe(`${day}T23:59:00`);
    expect(decide(window, 'BRA', minute)).toEqual({ allowed: true, basis: 'window', until: deadline });
    expect(decide(window, 'BRA', utc)).toEqual({ allowed: true, basis: 'window', until: deadline });
    const midnight = new Date(deadline.getTime() + 1).toISOString();
    expect(localDateTimeIn(at(midnight), NY).slice(11)).toBe('00:00:00');
    expect(decide(window, 'BRA', midnight)).toEqual({ allowed: false, reason: 'closed', closedAt: deadline });
  });

  it('takes the first 1.30 a.m. of 7 November 2021 for a deadline set then (EDT, not the repeated EST hour)', () => {
    const deadline = zonedTimeToUtc('2021-11-07T01:30', NY);
    expect(deadline.toISOString()).toBe('2021-11-07T05:30:00.000Z');
    const window = { ...may, opensAt: at('2021-11-01T13:00:00Z'), deadline };
    expect(decide(window, 'BRA', '2021-11-07T05:30:00.000Z')).toEqual({ allowed: true, basis: 'window', until: deadline });
    expect(decide(window, 'BRA', '2021-11-07T05:30:00.001Z')).toEqual({ allowed: false, reason: 'closed', closedAt: deadline });
    // an hour later the clocks show 1 a.m., then 1.30 a.m. again: still late
    expect(localDateTimeIn(at('2021-11-07T06:00:00.000Z'), NY)).toBe('2021-11-07T01:00:00');
    expect(decide(window, 'BRA', '2021-11-07T06:00:00.000Z')).toMatchObject({ allowed: false, reason: 'closed' });
    expect(localDateTimeIn(at('2021-11-07T06:30:00.000Z'), NY)).toBe('2021-11-07T01:30:00');
    expect(decide(window, 'BRA', '2021-11-07T06:30:00.000Z')).toMatchObject({ allowed: false, reason: 'closed' });
  });

  it('opens on a spring-forward morning at the instant the clocks show the opening', () => {
    const opensAt = zonedTimeToUtc('2021-03-14T03:00', NY); // the first minute after the skipped hour
    expect(opensAt.toISOString()).toBe('2021-03-14T07:00:00.000Z');
    const window = { ...may, opensAt, deadline: endOfDayIn('2021-03-20', NY) };
    expect(decide(window, 'BRA', '2021-03-14T06:59:59.999Z')).toMatchObject({ allowed: false, reason: 'not_yet_open', opensAt });
    expect(decide(window, 'BRA', '2021-03-14T07:00:00.000Z')).toMatchObject({ allowed: true, basis: 'window' });
  });
});

describe('submissionDeadlines', () => {
  it('lists the ends that apply, for the page to state', () => {
    const window = {
      ...may,
      graceMinutes: 10,
      lateGrants: [{ delegation: 'BRA', until: at('2021-05-25T14:00:00.000Z'), revokedAt: null }],
    };
    expect(submissionDeadlines(window, 'BRA', at('2021-05-20T12:00:00Z'), 'submit')).toEqual({
      regular: may.deadline,
      withGrace: at('2021-05-25T04:09:59.999Z'),
      lateGrant: at('2021-05-25T14:00:00.000Z'),
      last: at('2021-05-25T14:00:00.000Z'),
    });
    expect(submissionDeadlines(window, 'ARG', at('2021-05-20T12:00:00Z'), 'submit')).toEqual({
      regular: may.deadline,
      withGrace: at('2021-05-25T04:09:59.999Z'),
      lateGrant: null,
      last: at('2021-05-25T04:09:59.999Z'),
    });
  });
});
