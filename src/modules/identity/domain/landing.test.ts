import { describe, expect, it } from 'vitest';
import { destinationAfterSignIn, landingFor } from './landing.js';

describe('landingFor', () => {
  it.each([
    ['delegate', '/my/statements'],
    ['focal_point', '/my/statements'],
    ['secretariat', '/work'],
    ['helpdesk', '/helpdesk'],
  ] as const)('sends a %s to %s', (role, path) => {
    expect(landingFor({ role })).toBe(path);
  });
});

describe('destinationAfterSignIn', () => {
  it.each([
    ['/', 'delegate', '/my/statements'],
    ['/', 'helpdesk', '/helpdesk'],
    ['/debates/x/statement', 'delegate', '/debates/x/statement'],
    ['/account', 'secretariat', '/account'],
  ] as const)('after next=%s a %s goes to %s', (next, role, path) => {
    expect(destinationAfterSignIn(next, { role })).toBe(path);
  });
});
