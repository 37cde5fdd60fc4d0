// The part of every issue confirmation page that is about the symbol: the field for the symbol the documents service
// assigned (the default), or what this installation's counter will give; the box that confirms; and reading both back
// from the posted form. The pages around it (the compilation's, the announcement letter's) say what becomes public.
import { AppError, errorCatalogue } from '../../../kernel/errors.js';
import { checkbox, field } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import type { SymbolChoice } from '../commands/issue-symbol.js';
import type { SymbolAssignment } from '../domain/symbols.js';

/** What the symbol part of the page shows. */
export type SymbolPart =
  /** An original, numbered by the documents service: a field. */
  | { kind: 'entered'; value: string; error?: string | undefined; year: string }
  /** An original, numbered by this installation: the number it expects to take (another issue may take it first). */
  | { kind: 'counter'; expected: string }
  /** A corrigendum, or a document issued before: its symbol is fixed. */
  | { kind: 'fixed'; symbol: string; why: string };

export function symbolPart(part: SymbolPart): SafeHtml {
  switch (part.kind) {
    case 'entered':
      return field({
        name: 'symbol',
        label: 'Symbol assigned by the documents service',
        hint:
          `As the documents service assigned it to this document, such as S/${part.year}/812: capitals, slashes, no spaces. It must ` +
          `be of ${part.year}, the year of the document’s date, and not used before.`,
        value: part.value,
        error: part.error,
        maxlength: 60,
        autocomplete: 'off',
      });
    case 'counter':
      return html`<p id="symbol">This installation numbers its own documents: the document takes the next number of its count, <strong>${
        part.expected
      }</strong> unless another document is issued first.</p>`;
    case 'fixed':
      return html`<p id="symbol">The document is issued as <strong>${part.symbol}</strong>: ${part.why}</p>`;
  }
}

/** The box that confirms; its error when the form came back without it. */
export function confirmBox(label: string, error?: string): SafeHtml {
  return html`<div class="${error ? 'field-error' : ''}">${error ? html`<p class="error-message" id="confirm-error">${error}</p>` : ''}${checkbox(
    { name: 'confirm', label, checked: false },
  )}</div>`;
}

/** The symbol the officer chose, from the posted form, for an original document under the installation's setting. */
export function symbolChoiceOf(assignment: SymbolAssignment, values: Record<string, string | undefined>): SymbolChoice {
  return assignment === 'counter' ? { kind: 'counter' } : { kind: 'entered', symbol: (values.symbol ?? '').slice(0, 60) };
}

/** Refuses a posted confirmation without its box ticked. */
export function requireConfirmation(values: Record<string, string | undefined>): void {
  if (values.confirm !== 'yes') throw new AppError('document.not_confirmed');
}

/** The refusals of an issue that belong to the symbol field, shown beside it rather than at the top. */
export const SYMBOL_FIELD_ERRORS: ReadonlySet<string> = new Set([
  'symbol.required',
  'symbol.invalid',
  'symbol.wrong_series',
  'symbol.not_original',
  'symbol.year_mismatch',
  'symbol.taken',
]);

function specOf(code: string): { message: string; status: number } | undefined {
  return (errorCatalogue as Record<string, { message: string; status: number } | undefined>)[code];
}

/** The message of a catalogued refusal, for a field. */
export function messageOf(code: string): string {
  return specOf(code)?.message ?? code;
}

/** The status a confirmation page answers with: 200, or the catalogued status of the refusal it shows. */
export function statusOf(code: string | undefined): number {
  return code === undefined ? 200 : (specOf(code)?.status ?? 400);
}
