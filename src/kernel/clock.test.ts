import { describe, expect, it } from 'vitest';
import { fixedClock, systemClock } from './clock.js';

describe('clock', () => {
  it('a fixed clock stands still until set or advanced', () => {
    const clock = fixedClock('2021-05-24T10:00:00Z');
    expect(clock.now().toISOString()).toBe('2021-05-24T10:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2021-05-24T10:01:30.000Z');
    clock.set(new Date('2021-05-20T23:59:59.999Z'));
    expect(clock.now().toISOString()).toBe('2021-05-20T23:59:59.999Z');
  });

  it('hands out copies, so a caller cannot move everyone’s time', () => {
    const clock = fixedClock(new Date('2021-05-24T10:00:00Z'));
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2021-05-24T10:00:00.000Z');
  });

  it('refuses a date that does not parse', () => {
    expect(() => fixedClock('not a date')).toThrow(RangeError);
    expect(() => fixedClock('2021-05-24T10:00:00Z').advance(Number.NaN)).toThrow(RangeError);
  });

  it('the system clock tells the current time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
