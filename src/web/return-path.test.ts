import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { refererPath, safeNextPath, signInHref, UNSENT, withNotice } from './return-path.js';

describe('where a browser returns to', () => {
  it.each([
    ['/debates/x/statement?done=unsent', '/debates/x/statement?done=unsent'],
    ['/debates/x/statement#submit', '/debates/x/statement#submit'],
    ['//evil.example/debates', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['http:/evil.example', '/'],
    ['debates/x', '/'],
    ['/debates/x\u0000', '/'],
  ])('after signing in, %j gives %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it.each([
    ['/debates/x/statement', '/debates/x/statement?done=unsent'],
    ['/debates/x/statement?done=received', '/debates/x/statement?done=unsent'],
    ['/debates/x/speakers?kind=briefer#record', '/debates/x/speakers?kind=briefer&done=unsent#record'],
  ])('the form %s, reached again after signing in, is %s', (path, expected) => {
    expect(withNotice(path, UNSENT)).toBe(expected);
  });

  it.each([
    ['/', '/sign-in'],
    ['/debates/x/statement?done=unsent', '/sign-in?next=%2Fdebates%2Fx%2Fstatement%3Fdone%3Dunsent'],
    ['//evil.example', '/sign-in'],
  ])('the sign-in link returning to %s is %s', (next, expected) => {
    expect(signInHref(next)).toBe(expected);
  });

  it.each([
    ['http://rostrum.example/debates/x/statement', '/debates/x/statement'],
    ['http://rostrum.example/debates/x/statement?tab=2', '/debates/x/statement?tab=2'],
    ['http://rostrum.example/', '/'],
    ['https://evil.example/debates/x/statement', undefined],
    ['http://rostrum.example//evil.example', undefined],
    ['not a url', undefined],
    [undefined, undefined],
  ])('the page a form came from, said %j, is %s', (referer, expected) => {
    const request = { headers: { host: 'rostrum.example', ...(referer ? { referer } : {}) } } as unknown as FastifyRequest;
    expect(refererPath(request)).toBe(expected);
  });
});
