import { describe, expect, it } from 'vitest';
import { html } from './html.js';
import { isCurrent, navigationItems, page } from './layout.js';

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

describe('the menu', () => {
  const account = (role: 'delegate' | 'focal_point' | 'helpdesk' | 'secretariat', organisation: string | null = null) =>
    ({ kind: 'account', id: 'a', role, organisation, modules: [], via: { kind: 'session', sessionId: 's' } }) as const;
  const labels = (actor: Parameters<typeof navigationItems>[0]) => navigationItems(actor).map((i) => i.label);

  it.each([
    ['a visitor', undefined, ['Debates', 'Programme', 'Check a receipt', 'Sign in']],
    ['a delegate', account('delegate', 'BRA'), ['Debates', 'Programme', 'My statements', 'Check a receipt', 'My account', 'Sign out']],
    [
      'a focal point',
      account('focal_point', 'BRA'),
      ['Debates', 'Programme', 'My statements', 'My mission', 'Check a receipt', 'My account', 'Sign out'],
    ],
    [
      'the help desk',
      account('helpdesk'),
      ['Debates', 'Programme', 'Help desk', 'Missions', 'Outbox', 'Check a receipt', 'My account', 'Sign out'],
    ],
    [
      'the Secretariat',
      account('secretariat'),
      ['Debates', 'Programme', 'Work waiting', 'Missions', 'Council', 'Outbox', 'Check a receipt', 'My account', 'Sign out'],
    ],
  ] as const)('offers %s its own pages', (_who, actor, expected) => {
    expect(labels(actor)).toEqual(expected);
  });

  it.each([
    [{ href: '/', label: '' }, '/', true],
    [{ href: '/', label: '' }, '/journal', false],
    [{ href: '/missions', label: '' }, '/missions/BRA', true],
    [{ href: '/account', label: '' }, '/account/tokens', true],
    [{ href: '/account', label: '' }, '/accounts', false],
    [{ href: '/mission', label: '', section: '/missions/BRA' }, '/missions/BRA', true],
    [{ href: '/mission', label: '', section: '/missions/BRA' }, '/missions/ARG', false],
    [{ href: '/helpdesk', label: '' }, undefined, false],
  ] as const)('marks %o current on %s: %s', (item, path, expected) => {
    expect(isCurrent(item, path)).toBe(expected);
  });

  it('marks no item outside a request', () => {
    expect(page({ title: 'T', body: '' }).value).not.toContain('aria-current');
  });
});
