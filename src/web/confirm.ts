// Actions that cannot be undone (withdraw a statement, remove a signatory, accept every statement waiting,
// deactivate an account) ask first. The form is an ordinary POST; without scripts the server answers a post that
// lacks `confirmed=yes` with a page that asks the question and posts again with it; with scripts, confirm.js asks
// the same question in a dialog and adds the field itself. Either way the handler decides on `isConfirmed` alone,
// so a bare POST (a double click, a replayed request, a crafted form) never does the irreversible thing.
import type { Actor } from '../kernel/authz.js';
import { csrfInput } from './forms.js';
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';

export interface Confirmation {
  /** Where the form posts; the same address takes the confirmed post. */
  action: string;
  /** The question, as a heading: "Withdraw your delegation’s statement?" */
  question: string;
  /** What happens, and what cannot be undone, in a sentence or two. */
  consequence: string;
  /** The button that does it: "Withdraw the statement". */
  confirmLabel: string;
  /** Other fields the post carries (a filter to return to, a date), sent again with the confirmation. */
  hidden?: Readonly<Record<string, string>>;
}

/** True when the post carries the confirmation, from the second page or from the dialog. */
export function isConfirmed(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>).confirmed === 'yes';
}

function hiddenInputs(hidden: Readonly<Record<string, string>> | undefined): SafeHtml[] {
  return Object.entries(hidden ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
}

/**
 * The form with the button that starts the action. `button` is its visible label (the dialog's confirm button reads
 * `confirmLabel`); `label` names the form for assistive technology when several sit on one page.
 */
export function confirmForm(c: Confirmation & { csrf: string; button: string; label?: string; secondary?: boolean }): SafeHtml {
  return html`<form method="post" action="${c.action}" class="confirm-form" data-confirm="${c.question}" data-confirm-detail="${
    c.consequence
  }" data-confirm-label="${c.confirmLabel}"${c.label ? html` aria-label="${c.label}"` : ''}>
${csrfInput(c.csrf)}${hiddenInputs(c.hidden)}
<button type="submit" class="button${c.secondary ? ' secondary' : ''}">${c.button}</button>
</form>`;
}

/** The second page, for browsers without scripts: the question, what it does, the button that does it, and a way back. */
export function confirmationPage(c: Confirmation & { actor: Actor | undefined; csrf: string; cancelHref: string }): SafeHtml {
  return page({
    title: c.question,
    actor: c.actor,
    body: html`<h1>${c.question}</h1>
<p>${c.consequence}</p>
<form method="post" action="${c.action}" class="confirm-page">
${csrfInput(c.csrf)}${hiddenInputs(c.hidden)}
<input type="hidden" name="confirmed" value="yes">
<div class="actions"><button type="submit" class="button danger">${c.confirmLabel}</button> <a class="button secondary" href="${
      c.cancelHref
    }">Cancel</a></div>
</form>`,
  });
}
