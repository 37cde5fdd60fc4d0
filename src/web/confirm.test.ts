// The confirmation kit: only `confirmed=yes` counts, and the second page carries the post's other fields again.
import { describe, expect, it } from 'vitest';
import { confirmationPage, confirmForm, isConfirmed } from './confirm.js';

describe('isConfirmed', () => {
  it.each([
    [{ confirmed: 'yes' }, true],
    [{ confirmed: 'yes', other: 'x' }, true],
    [{ confirmed: 'no' }, false],
    [{ confirmed: 'YES' }, false],
    [{ confirmed: ['yes'] }, false],
    [{ confirmed: true }, false],
    [{}, false],
    [undefined, false],
    [null, false],
    ['confirmed=yes', false],
  ])('%j -> %s', (body, expected) => {
    expect(isConfirmed(body)).toBe(expected);
  });
});

describe('the confirmation', () => {
  const c = {
    action: '/debates/x/statement/withdraw',
    question: 'Withdraw the statement?',
    consequence: 'It will no longer be compiled.',
    confirmLabel: 'Withdraw the statement',
    hidden: { back: '/a?b=<c>' },
  };

  it('asks on a page of its own that posts again with the confirmation and the other fields', () => {
    const markup = confirmationPage({ ...c, actor: undefined, csrf: 'tok', cancelHref: '/debates/x/statement' }).value;
    expect(markup).toContain('<h1>Withdraw the statement?</h1>');
    expect(markup).toContain('<form method="post" action="/debates/x/statement/withdraw"');
    expect(markup).toContain('<input type="hidden" name="confirmed" value="yes">');
    expect(markup).toContain('<input type="hidden" name="back" value="/a?b=&lt;c&gt;">');
    expect(markup).toContain('<input type="hidden" name="_csrf" value="tok">');
    expect(markup).toContain('<a class="button secondary" href="/debates/x/statement">Cancel</a>');
  });

  it('starts from a form that does not carry the confirmation: the dialog or the page adds it', () => {
    const markup = confirmForm({ ...c, csrf: 'tok', button: 'Withdraw…' }).value;
    expect(markup).toContain('class="confirm-form"');
    expect(markup).toContain('data-confirm="Withdraw the statement?"');
    expect(markup).toContain('data-confirm-label="Withdraw the statement"');
    expect(markup).not.toContain('name="confirmed"');
  });
});
