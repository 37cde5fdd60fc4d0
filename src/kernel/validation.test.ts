import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors.js';
import { isUniqueViolation, parseInput, UUID } from './validation.js';

describe('input validation', () => {
  it('parses or refuses with input.invalid', () => {
    const schema = z.object({ a: z.string() });
    expect(parseInput(schema, { a: 'x' })).toEqual({ a: 'x' });
    expect(() => parseInput(schema, {})).toThrow(AppError);
  });

  it('knows a UUID and a unique-constraint violation', () => {
    expect(UUID.test('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    expect(UUID.test('0f8fad5b')).toBe(false);
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation(new Error('x'))).toBe(false);
  });
});
