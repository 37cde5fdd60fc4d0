import { describe, expect, it } from 'vitest';
import { locales, negotiateLocale } from './locales.js';

describe('locales', () => {
  it('has the six official languages, Arabic right to left', () => {
    expect(Object.keys(locales).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    expect(
      Object.entries(locales)
        .filter(([, l]) => l.dir === 'rtl')
        .map(([k]) => k),
    ).toEqual(['ar']);
  });

  it.each([
    [undefined, ['en', 'fr'], 'en'],
    ['fr-CH, fr;q=0.9, en;q=0.8', ['en', 'fr'], 'fr'],
    ['de, fr;q=0.5', ['en', 'fr'], 'fr'],
    ['de', ['en', 'fr'], 'en'],
    ['ar;q=0.2, es;q=0.7', ['en', 'ar', 'es'], 'es'],
    ['zh-Hans-CN', ['en'], 'en'],
    ['fr;q=0', ['en', 'fr'], 'en'],
  ] as const)('negotiates %j among %j as %s', (header, available, expected) => {
    expect(negotiateLocale(header, available)).toBe(expected);
  });
});
