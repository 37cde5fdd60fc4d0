import { describe, expect, it } from 'vitest';
import { endOfDayIn, formatDate, formatDateWithWeekday, formatTime, formatTimeInZone, formatUtcOffset, isoDateIn, zonedTimeToUtc } from './dates.js';

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

  it('refuses text that is not a local date-time', () => {
    expect(() => zonedTimeToUtc('24 May 2021', NY)).toThrow(/Not a local date-time/);
  });
});
