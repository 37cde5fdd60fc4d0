import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, isMfaRequired, newRecoveryCode, normaliseRecoveryCode } from './mfa.js';

describe('recovery codes', () => {
  it('are ten characters without look-alikes, in two groups', () => {
    for (let i = 0; i < 50; i++) expect(newRecoveryCode()).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it.each([
    ['k7mqp-x3fh9', 'k7mqpx3fh9'],
    ['K7MQP-X3FH9', 'k7mqpx3fh9'],
    [' k7mqp x3fh9 ', 'k7mqpx3fh9'],
    ['k7mqpx3fh9', 'k7mqpx3fh9'],
    ['k7mqp-x3fh', null],
    ['k7mqp-x3fh99', null],
    ['o7mqp-x3fh9', null],
    ['l7mqp-x3fh9', null],
    ['123456', null],
    ['', null],
  ])('%j is read as %j', (input, expected) => {
    expect(normaliseRecoveryCode(input)).toBe(expected);
  });

  it('are stored as the SHA-256 of the normalised code', () => {
    expect(hashRecoveryCode('k7mqpx3fh9')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode('k7mqpx3fh9')).not.toBe(hashRecoveryCode('k7mqpx3fh8'));
  });
});

describe('isMfaRequired', () => {
  it.each([
    ['focal_point', ['helpdesk', 'secretariat', 'focal_point'], true],
    ['delegate', ['helpdesk', 'secretariat', 'focal_point'], false],
    ['delegate', ['delegate'], true],
    ['helpdesk', [], false],
  ] as const)('%s with %j: %s', (role, required, expected) => {
    expect(isMfaRequired(role, required)).toBe(expected);
  });
});
