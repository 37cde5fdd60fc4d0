import { describe, expect, it } from 'vitest';
import { isAppError } from './errors.js';
import { invariant, InvariantError } from './invariant.js';

describe('invariant', () => {
  it('passes when the condition holds, and narrows the type', () => {
    const value: string | undefined = 'x' as string | undefined;
    invariant(value !== undefined, 'value is set');
    expect(value.length).toBe(1);
  });

  it('throws an uncatalogued error carrying its message, which the boundary shows as internal', () => {
    expect(() => invariant(false, 'states.csv line 3: two fields, expected eleven')).toThrow(InvariantError);
    try {
      invariant(0, 'the message');
    } catch (err) {
      expect(err).toBeInstanceOf(Error);
      expect(isAppError(err)).toBe(false);
      expect((err as Error).message).toBe('the message');
      expect((err as Error).name).toBe('InvariantError');
    }
  });
});
