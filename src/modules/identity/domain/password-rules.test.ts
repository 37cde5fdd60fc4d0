import { describe, expect, it } from 'vitest';
import { newPasswordErrors } from './password-rules.js';

const EMAIL = 'focal.point@mission.example.org';

describe('newPasswordErrors', () => {
  it.each([
    ['a good password, confirmed', 'correct horse battery', 'correct horse battery', {}],
    ['exactly 12 characters', 'abcdefghijkl', 'abcdefghijkl', {}],
    ['exactly 200 characters', 'x'.repeat(200), 'x'.repeat(200), {}],
    ['12 characters counted as people see them (not UTF-16 units)', '🔑'.repeat(12), '🔑'.repeat(12), {}],
    ['nothing typed', '', '', { password: 'Enter a new password.', confirmation: 'Type the new password again to confirm it.' }],
    ['11 characters', 'abcdefghijk', 'abcdefghijk', { password: expect.stringContaining('at least 12 characters') }],
    ['201 characters', 'x'.repeat(201), 'x'.repeat(201), { password: 'Use at most 200 characters.' }],
    ['the e-mail address', EMAIL, EMAIL, { password: 'Do not use your e-mail address as your password.' }],
    ['the e-mail address in capitals', EMAIL.toUpperCase(), EMAIL.toUpperCase(), { password: expect.stringContaining('e-mail address') }],
    [
      'a confirmation that differs',
      'correct horse battery',
      'correct horse battery!',
      { confirmation: expect.stringContaining('not the same') },
    ],
    ['no confirmation', 'correct horse battery', '', { confirmation: 'Type the new password again to confirm it.' }],
  ])('%s', (_case, password, confirmation, expected) => {
    expect(newPasswordErrors(password, confirmation, EMAIL)).toEqual(expected);
  });

  it('refuses the current password as the new one', () => {
    expect(newPasswordErrors('correct horse battery', 'correct horse battery', EMAIL, 'correct horse battery')).toEqual({
      password: expect.stringContaining('different'),
    });
    expect(newPasswordErrors('correct horse battery', 'correct horse battery', EMAIL, 'another old password')).toEqual({});
  });
});
