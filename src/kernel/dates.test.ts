import { describe, expect, it } from 'vitest';
import {
  endOfDayIn,
  formatDate,
  formatDateWithWeekday,
  formatTime,
  formatTimeInZone,
  formatUtcOffset,
  isExistingLocalTime,
  isoDateIn,
  localDateTimeIn,
  skippedLocalTimes,
  zonedTimeToUtc,
} from './dates.js';

const NY = 'America/New_York';

describe('UN date and time forms', () => {
  it.each([
    ['2021-05-24T14:00:00Z', '24 May 2021', 'Monday, 24 May 2021', '10 a.m.'],
    ['2021-05-24T19:30:00Z', '24 May 2021', 'Monday, 24 May 2021', '3.30 p.m.'],
    ['2021-05-24T16:00:00Z', '24 May 2021', 'Monday, 24 May 2021', '12 noon'],
    ['2021-05-25T04:00:00Z', '25 May 2021', 'Tuesday, 25 May 2021', '12 midnight'],
    ['2021-05-25T03:59:00Z', '24 May 2021', 'Monday, 24 May 2021', '11.59 p.m.'],
    ['2021-01-28T05:00:00Z', '28 January 2021', 'Thursday, 28 January 2021', '12 midnight'],
  ])('%s in New York is %s, %s, %s', (iso, date, withWeekday, time) => {
    const at = new Date(iso);
    expect(formatDate(at, NY)).toBe(date);
    expect(formatDateWithWeekday(at, NY)).toBe(withWeekday);
    expect(formatTime(at, NY)).toBe(time);
  });

  it.each([
    ['2021-05-24T14:00:00Z', NY, 'UTC−4'],
    ['2021-01-15T14:00:00Z', NY, 'UTC−5'],
    ['2021-05-24T14:00:00Z', 'Asia/Kolkata', 'UTC+5:30'],
    ['2021-05-24T14:00:00Z', 'UTC', 'UTC'],
  ])('offset of %s in %s is %s', (iso, zone, expected) => {
    expect(formatUtcOffset(new Date(iso), zone)).toBe(expected);
  });

  it('states the zone by name', () => {
    expect(formatTimeInZone(new Date('2021-05-24T14:00:00Z'), NY)).toBe('10 a.m. New York time (UTC−4)');
  });
});

describe('wall-clock time in a zone', () => {
  it.each([
    // summer and winter
    ['2021-05-24T10:00', '2021-05-24T14:00:00.000Z'],
    ['2021-01-28T10:00', '2021-01-28T15:00:00.000Z'],
    // spring forward 14 March 2021 at 2 a.m.: 1.59 a.m. is EST, 3 a.m. is EDT, 2.30 a.m. does not exist
    ['2021-03-14T01:59', '2021-03-14T06:59:00.000Z'],
    ['2021-03-14T03:00', '2021-03-14T07:00:00.000Z'],
    ['2021-03-14T02:30', '2021-03-14T07:30:00.000Z'],
    // fall back 7 November 2021 at 2 a.m.: 1.30 a.m. happens twice; the first (EDT) is taken
    ['2021-11-07T01:30', '2021-11-07T05:30:00.000Z'],
    ['2021-11-07T03:00', '2021-11-07T08:00:00.000Z'],
  ])('%s New York is %s', (local, utc) => {
    expect(zonedTimeToUtc(local, NY).toISOString()).toBe(utc);
  });

  it.each([
    ['2021-05-24', '2021-05-25T03:59:59.999Z'],
    ['2021-01-28', '2021-01-29T04:59:59.999Z'],
    ['2021-03-14', '2021-03-15T03:59:59.999Z'],
    ['2021-11-07', '2021-11-08T04:59:59.999Z'],
  ])('the end of %s in New York is %s', (day, utc) => {
    expect(endOfDayIn(day, NY).toISOString()).toBe(utc);
    expect(isoDateIn(endOfDayIn(day, NY), NY)).toBe(day);
    expect(isoDateIn(new Date(endOfDayIn(day, NY).getTime() + 1), NY)).not.toBe(day);
  });

  it('ends a day whose last hour repeats after the second 11.59 p.m. (São Paulo, clocks back at midnight)', () => {
    // 18 February 2018: at midnight (UTC−2) the clocks went back to 11 p.m. on the 17th (UTC−3).
    expect(endOfDayIn('2018-02-17', 'America/Sao_Paulo').toISOString()).toBe('2018-02-18T02:59:59.999Z');
    // 5 September 2021: at midnight (UTC−4) the clocks went forward to 1 a.m. (UTC−3) in Santiago.
    expect(endOfDayIn('2021-09-04', 'America/Santiago').toISOString()).toBe('2021-09-05T03:59:59.999Z');
  });

  it.each([
    ['2021-05-24T10:00', true],
    ['2021-05-24T23:59:59', true],
    ['2021-03-14T01:59', true],
    ['2021-03-14T02:00', false],
    ['2021-03-14T02:30', false],
    ['2021-03-14T02:59:59', false],
    ['2021-03-14T03:00', true],
    // both occurrences of 1.30 a.m. exist; the time is ambiguous, not missing
    ['2021-11-07T01:30', true],
    ['2021-02-29T10:00', false],
    ['2024-02-29T10:00', true],
    ['2021-04-31T10:00', false],
    ['2021-05-24T24:00', false],
    ['2021-05-24T10:60', false],
    ['2021-05-24 10:00', false],
    ['24 May 2021', false],
  ] as const)('%s exists in New York: %s', (local, exists) => {
    expect(isExistingLocalTime(local, NY)).toBe(exists);
  });

  it('names the stretch a daylight-saving change skips, and nothing else', () => {
    expect(skippedLocalTimes('2021-03-14T02:30', NY)).toEqual({ from: '2021-03-14T02:00', to: '2021-03-14T03:00' });
    expect(skippedLocalTimes('2021-03-14T02:00', NY)).toEqual({ from: '2021-03-14T02:00', to: '2021-03-14T03:00' });
    expect(skippedLocalTimes('2021-03-28T02:15', 'Europe/Zurich')).toEqual({ from: '2021-03-28T02:00', to: '2021-03-28T03:00' });
    expect(skippedLocalTimes('2021-03-14T03:00', NY)).toBeUndefined();
    expect(skippedLocalTimes('2021-11-07T01:30', NY)).toBeUndefined();
    expect(skippedLocalTimes('2021-02-30T10:00', NY)).toBeUndefined();
  });

  it('reads an instant back as a wall-clock time', () => {
    expect(localDateTimeIn(new Date('2021-05-25T03:59:59.999Z'), NY)).toBe('2021-05-24T23:59:59');
    expect(localDateTimeIn(new Date('2021-05-25T04:00:00Z'), NY)).toBe('2021-05-25T00:00:00');
    expect(localDateTimeIn(new Date('2021-11-07T06:30:00Z'), NY)).toBe('2021-11-07T01:30:00');
  });

  it('refuses text that is not a local date-time', () => {
    expect(() => zonedTimeToUtc('24 May 2021', NY)).toThrow(/Not a local date-time/);
  });
});
