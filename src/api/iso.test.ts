import { describe, expect, it } from 'vitest';
import { isoInZone } from './iso.js';

describe('isoInZone', () => {
  it.each([
    ['2021-05-24T14:00:00Z', 'America/New_York', '2021-05-24T10:00:00.000-04:00'],
    ['2021-01-28T15:00:00Z', 'America/New_York', '2021-01-28T10:00:00.000-05:00'],
    ['2021-05-25T03:59:59.999Z', 'America/New_York', '2021-05-24T23:59:59.999-04:00'],
    // The daylight-saving change in New York: 2 a.m. EST is followed by 3 a.m. EDT.
    ['2021-03-14T06:59:59.999Z', 'America/New_York', '2021-03-14T01:59:59.999-05:00'],
    ['2021-03-14T07:00:00Z', 'America/New_York', '2021-03-14T03:00:00.000-04:00'],
    ['2021-05-24T08:00:00Z', 'Europe/Zurich', '2021-05-24T10:00:00.000+02:00'],
    ['2021-05-24T07:00:00Z', 'Africa/Nairobi', '2021-05-24T10:00:00.000+03:00'],
    ['2021-05-24T04:30:00Z', 'Asia/Kolkata', '2021-05-24T10:00:00.000+05:30'],
    ['2021-05-24T10:00:00Z', 'UTC', '2021-05-24T10:00:00.000+00:00'],
  ])('%s in %s is %s', (at, zone, expected) => {
    const out = isoInZone(new Date(at), zone);
    expect(out).toBe(expected);
    // The same instant, read back.
    expect(new Date(out).toISOString()).toBe(new Date(at).toISOString());
  });
});
