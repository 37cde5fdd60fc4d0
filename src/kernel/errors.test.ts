import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, errorCatalogue, isAppError } from './errors.js';

describe('error catalogue', () => {
  it('is documented in docs/ERRORS.md, code by code', () => {
    const doc = readFileSync(new URL('../../docs/ERRORS.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `([a-z_.]+)` \| (\d{3}) \| (yes|no) \| (.+) \|$/gm)].map((m) => [
      m[1],
      Number(m[2]),
      m[3] === 'yes',
      m[4],
    ]);
    const catalogued = Object.entries(errorCatalogue).map(([code, s]) => [code, s.status, s.reportable, s.message]);
    expect(documented).toEqual(catalogued);
  });

  it.each(Object.entries(errorCatalogue))('%s has a status and a message a user can act on', (_code, spec) => {
    expect(spec.status).toBeGreaterThanOrEqual(400);
    expect(spec.status).toBeLessThan(600);
    expect(spec.message).toMatch(/^[A-Z].{10,}[.)]$/);
  });

  it('carries the catalogued message and status, and the operator detail apart', () => {
    const err = new AppError('debate.not_found', { detail: 'slug x' });
    expect(isAppError(err)).toBe(true);
    expect(err.status).toBe(404);
    expect(err.message).toBe(errorCatalogue['debate.not_found'].message);
    expect(err.message).not.toContain('slug x');
    expect(err.detail).toBe('slug x');
    expect(isAppError(new Error('x'))).toBe(false);
  });

  it('knows an AppError made by another copy of this module, as compiled code loaded beside the sources makes', () => {
    const copy = Object.assign(new Error('x'), { [Symbol.for('rostrum.AppError')]: true, code: 'debate.not_found' });
    expect(copy).not.toBeInstanceOf(AppError);
    expect(isAppError(copy)).toBe(true);
  });
});
