// Deadlines decide who may submit a statement, so time is a dependency like the database: injected,
// never read from `new Date()` in product code. Tests move a fixed clock instead of waiting or mocking globals.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

export interface FixedClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function fixedClock(at: Date | string): FixedClock {
  let current = toMillis(at);
  return {
    // A fresh Date each time: a caller mutating what it got back must not move everyone else's time.
    now: () => new Date(current),
    set(next) {
      current = toMillis(next);
    },
    advance(ms) {
      if (!Number.isFinite(ms)) throw new RangeError(`fixedClock.advance: ${ms} is not a finite number of milliseconds`);
      current += ms;
    },
  };
}

function toMillis(at: Date | string): number {
  const ms = (typeof at === 'string' ? new Date(at) : at).getTime();
  // An unparseable string would otherwise become NaN and silently poison every comparison made with it.
  if (Number.isNaN(ms)) throw new RangeError(`fixedClock: ${String(at)} is not a valid date`);
  return ms;
}
