// The names of received files, as Rostrum keeps them and puts them in a Content-Disposition header: the last segment of
// the path a browser or a program gave, without control characters and without the characters that change the
// direction of text. Those (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) make a name display as another:
// "invoice\u202Excod.docx" shows as "invoicedocx.exe" wherever it is printed.

/** The bidirectional formatting characters: embeddings, overrides, isolates and the three marks. */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f]/g;

/** A received name as kept and shown: its last path segment, cleaned, at most `maxLength` characters (200), else `fallback`. */
export function safeFileName(name: string, options: { maxLength?: number; fallback?: string } = {}): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const clean = last.replace(CONTROLS, '').replace(BIDI_CONTROLS, '').trim();
  return (clean || (options.fallback ?? 'document')).slice(0, options.maxLength ?? 200);
}
