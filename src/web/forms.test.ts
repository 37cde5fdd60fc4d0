import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../kernel/errors.js';
import { attempt, fieldErrors, formValues, noticeFor } from './forms.js';

describe('form helpers', () => {
  it('gives the first problem of each field', () => {
    const schema = z.object({ a: z.string().min(2, 'too short').regex(/x/, 'no x'), b: z.string() });
    const r = schema.safeParse({ a: 'y', b: 1 });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrors(r.error)).toEqual({ a: 'too short', b: expect.any(String) });
  });

  it('reads a posted form’s text fields without the CSRF token', () => {
    expect(formValues({ _csrf: 't', a: 'x', b: ['1', '2'], c: 3 })).toEqual({ a: 'x', b: '2' });
    expect(formValues(undefined)).toEqual({});
  });

  it('turns listed catalogued errors into a field problem and lets the others through', async () => {
    expect(await attempt(async () => 1, {})).toEqual({ ok: true, value: 1 });
    expect(await attempt(() => Promise.reject(new AppError('entity.code_taken')), { 'entity.code_taken': 'code' })).toEqual({
      ok: false,
      errors: { code: expect.stringContaining('already used') },
      status: 409,
    });
    await expect(attempt(() => Promise.reject(new AppError('internal')), { 'entity.code_taken': 'code' })).rejects.toMatchObject({
      code: 'internal',
    });
  });
});

describe('noticeFor', () => {
  const notices = { granted: 'Access was given.' };
  it.each([
    ['granted', 'Access was given.'],
    ['unknown', undefined],
    ['toString', undefined],
    ['constructor', undefined],
    [undefined, undefined],
    [['granted'], undefined],
  ])('?done=%j gives %j', (done, expected) => {
    expect(noticeFor(done, notices)).toBe(expected);
  });
});
