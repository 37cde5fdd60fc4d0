import { describe, expect, it } from 'vitest';
import { escapeHtml, html, joinHtml, SafeHtml, unsafeRaw } from './html.js';

describe('html', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"quoted" & \'single\'', '&quot;quoted&quot; &amp; &#39;single&#39;'],
    ['plain', 'plain'],
  ])('escapes %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
    expect(html`<p>${input}</p>`.value).toBe(`<p>${expected}</p>`);
  });

  it('does not escape nested templates twice', () => {
    const inner = html`<em>${'a<b'}</em>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><em>a&lt;b</em></p>');
  });

  it('renders lists and skips empty values', () => {
    expect(html`<ul>${['x', 'y'].map((v) => html`<li>${v}</li>`)}</ul>`.value).toBe('<ul><li>x</li><li>y</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });

  it('escapes attribute values', () => {
    expect(html`<a href="${'" onclick="x'}">`.value).toBe('<a href="&quot; onclick=&quot;x">');
  });

  it('joins fragments with an escaped separator', () => {
    expect(joinHtml([html`<p>a</p>`, html`<p>${'<b>'}</p>`], '\n').value).toBe('<p>a</p>\n<p>&lt;b&gt;</p>');
    expect(joinHtml([html`<li>x</li>`, html`<li>y</li>`]).value).toBe('<li>x</li><li>y</li>');
    expect(joinHtml([], '<hr>').value).toBe('');
    expect(joinHtml([html`a`, html`b`], '<hr>').value).toBe('a&lt;hr&gt;b');
  });

  it('makes SafeHtml only through html, unsafeRaw and joinHtml', () => {
    // @ts-expect-error: the constructor is private
    const forged = () => new SafeHtml('<script>');
    expect(typeof forged).toBe('function');
    expect(html`${'x'}`).toBeInstanceOf(SafeHtml);
  });

  it('emits trusted constants as they are', () => {
    expect(html`${unsafeRaw('<br>')}`.value).toBe('<br>');
  });
});
