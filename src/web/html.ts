// HTML templating with escaping by default: every interpolated value is escaped unless it is already
// SafeHtml (the output of another `html` template). Document text can therefore never become markup by
// accident; the only way to emit raw markup is `unsafeRaw`, which is used for trusted constants alone.
//
// SafeHtml is closed: its constructor is private, and only this module's `html`, `unsafeRaw` and `joinHtml` make one.

/** Made by the class itself, for this module alone. */
let make: (value: string) => SafeHtml;

export class SafeHtml {
  static {
    make = (value) => new SafeHtml(value);
  }
  private constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

export type Renderable = SafeHtml | string | number | null | undefined | false | readonly Renderable[];

function render(value: Renderable): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Renderable[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return make(out);
}

/** Markup from a trusted constant in the code, never from data. */
export function unsafeRaw(markup: string): SafeHtml {
  return make(markup);
}

/** Joins fragments of markup, with `separator` (text, escaped like any other) between them. */
export function joinHtml(parts: readonly SafeHtml[], separator = ''): SafeHtml {
  return make(parts.map((p) => p.value).join(escapeHtml(separator)));
}
