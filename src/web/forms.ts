// Accessible form building blocks: every field has a label, hints and errors are tied to it with
// aria-describedby, and a summary at the top lists the errors with links to their fields. Forms post
// normally and work without JavaScript; each carries its CSRF token.
import type { z } from 'zod';
import { AppError } from '../kernel/errors.js';
import { html, type Renderable, type SafeHtml } from './html.js';
import { UNSENT } from './return-path.js';

/** A form's problems, one message per field, keyed by the field's name ('_form' for the form as a whole). */
export type FieldErrors = Partial<Record<string, string>>;

/** The first problem of each field, keyed by the field's name (the first element of the issue's path). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = typeof issue.path[0] === 'string' ? issue.path[0] : '_form';
    out[key] ??= issue.message;
  }
  return out;
}

/** A posted form's text fields (the last value when a name repeats), without the CSRF token. */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    const v = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof v === 'string') out[name] = v;
  }
  return out;
}

/**
 * Runs a form's command; the catalogued errors listed in `fields` come back as a problem beside that field (the
 * form is shown again with what was typed), every other error goes on to the error boundary.
 */
export async function attempt<T>(
  work: () => Promise<T>,
  fields: Partial<Record<string, string>>,
): Promise<{ ok: true; value: T } | { ok: false; errors: FieldErrors; status: number }> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    if (err instanceof AppError) {
      const field = fields[err.code];
      if (field) return { ok: false, errors: { [field]: err.message }, status: err.status };
    }
    throw err;
  }
}

export function csrfInput(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function errorSummary(errors: FieldErrors): SafeHtml {
  const entries = Object.entries(errors).filter((e): e is [string, string] => typeof e[1] === 'string');
  if (entries.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">There is a problem</h2>
  <ul>${entries.map(([field, message]) => html`<li><a href="#${field}">${message}</a></li>`)}</ul>
</div>`;
}

export interface FieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'datetime-local' | 'tel';
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  maxlength?: number;
  inputmode?: 'numeric' | 'text' | 'email';
  pattern?: string;
}

export function field(o: FieldOptions): SafeHtml {
  const described = [o.hint ? `${o.name}-hint` : '', o.error ? `${o.name}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${o.error ? ' field-error' : ''}">
  <label for="${o.name}">${o.label}</label>
  ${o.hint ? html`<p class="hint" id="${o.name}-hint">${o.hint}</p>` : ''}
  ${o.error ? html`<p class="error-message" id="${o.name}-error">${o.error}</p>` : ''}
  <input id="${o.name}" name="${o.name}" type="${o.type ?? 'text'}"${o.value !== undefined && o.type !== 'password' ? html` value="${o.value}"` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.required ? html` required` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.pattern ? html` pattern="${o.pattern}"` : ''}${described ? html` aria-describedby="${described}"` : ''}${o.error ? html` aria-invalid="true"` : ''}>
</div>`;
}

export interface SelectOptions {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
}

export function select(o: SelectOptions): SafeHtml {
  const described = [o.hint ? `${o.name}-hint` : '', o.error ? `${o.name}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${o.error ? ' field-error' : ''}">
  <label for="${o.name}">${o.label}</label>
  ${o.hint ? html`<p class="hint" id="${o.name}-hint">${o.hint}</p>` : ''}
  ${o.error ? html`<p class="error-message" id="${o.name}-error">${o.error}</p>` : ''}
  <select id="${o.name}" name="${o.name}"${described ? html` aria-describedby="${described}"` : ''}${o.error ? html` aria-invalid="true"` : ''}>
    ${o.options.map((opt) => html`<option value="${opt.value}"${opt.value === o.value ? html` selected` : ''}>${opt.label}</option>`)}
  </select>
</div>`;
}

export interface TextareaOptions {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  rows?: number;
  maxlength?: number;
}

export function textarea(o: TextareaOptions): SafeHtml {
  const described = [o.hint ? `${o.name}-hint` : '', o.error ? `${o.name}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field field-wide${o.error ? ' field-error' : ''}">
  <label for="${o.name}">${o.label}</label>
  ${o.hint ? html`<p class="hint" id="${o.name}-hint">${o.hint}</p>` : ''}
  ${o.error ? html`<p class="error-message" id="${o.name}-error">${o.error}</p>` : ''}
  <textarea id="${o.name}" name="${o.name}" rows="${o.rows ?? 6}"${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${described ? html` aria-describedby="${described}"` : ''}${o.error ? html` aria-invalid="true"` : ''}>${o.value ?? ''}</textarea>
</div>`;
}

export function checkbox(o: { name: string; label: string; checked: boolean; hint?: string }): SafeHtml {
  return html`<div class="field checkbox">
  <input id="${o.name}" name="${o.name}" type="checkbox" value="yes"${o.checked ? html` checked` : ''}${o.hint ? html` aria-describedby="${o.name}-hint"` : ''}>
  <label for="${o.name}">${o.label}</label>
  ${o.hint ? html`<p class="hint" id="${o.name}-hint">${o.hint}</p>` : ''}
</div>`;
}

/**
 * A form that posts to `action`, with its CSRF token. A form with files carries the token in its address as well,
 * where the server checks it before reading the files (web/session.ts).
 */
export function form(
  action: string,
  csrfToken: string,
  body: Renderable,
  options: { label?: string; className?: string; multipart?: boolean } = {},
): SafeHtml {
  const target = options.multipart ? `${action}${action.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(csrfToken)}` : action;
  return html`<form method="post" action="${target}"${options.multipart ? html` enctype="multipart/form-data"` : ''}${options.label ? html` aria-label="${options.label}"` : ''}${options.className ? html` class="${options.className}"` : ''} novalidate>
${csrfInput(csrfToken)}
${body}
</form>`;
}

export function submit(label: string, options: { secondary?: boolean; name?: string; value?: string } = {}): SafeHtml {
  return html`<button type="submit" class="button${options.secondary ? ' secondary' : ''}"${options.name ? html` name="${options.name}" value="${options.value ?? ''}"` : ''}>${label}</button>`;
}

/**
 * The notice named by a redirect's `?done=` value, from a page's own list; anything else (an unknown word, an
 * inherited property name such as "toString") gives none.
 */
export function noticeFor<N extends Record<string, string>>(done: unknown, notices: N): string | undefined {
  // Every form's page, reached again after signing in once its session had ended before the form was sent.
  if (done === UNSENT) return UNSENT_NOTICE;
  return typeof done === 'string' && Object.hasOwn(notices, done) ? notices[done] : undefined;
}

/** Shown on a form's page after signing in again: the form sent while signed out did nothing. */
export const UNSENT_NOTICE =
  'You are signed in again. Your session had ended when you sent the form, so nothing was submitted: check what is below, then send it again.';

/** A one-line notice after a redirect ("Access granted."), announced to screen readers. */
export function notice(text: string | undefined): SafeHtml {
  return text ? html`<div class="notice" role="status">${text}</div>` : html``;
}
