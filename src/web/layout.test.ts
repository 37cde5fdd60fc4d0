import { describe, expect, it } from 'vitest';
import { html } from './html.js';
import { page } from './layout.js';

describe('page layout', () => {
  it.each([
    ['en', 'ltr'],
    ['fr', 'ltr'],
    ['zh', 'ltr'],
    ['ar', 'rtl'],
  ] as const)('declares the language %s and its direction %s', (locale, dir) => {
    const out = page({ title: 'T', locale, body: html`<p>x</p>` }).value;
    expect(out).toContain(`<html lang="${locale}" dir="${dir}">`);
  });

  it('has a skip link to the main landmark, and one of each landmark', () => {
    const out = page({ title: 'T', body: html`<p>x</p>` }).value;
    expect(out).toContain('<a class="skip-link" href="#main">');
    expect(out.match(/<main id="main"/g)).toHaveLength(1);
    expect(out.match(/<header /g)).toHaveLength(1);
    expect(out.match(/<footer /g)).toHaveLength(1);
  });

  it('escapes the title', () => {
    expect(page({ title: '<b>x</b>', body: '' }).value).toContain('<title>&lt;b&gt;x&lt;/b&gt; · Rostrum</title>');
  });
});
