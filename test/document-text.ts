// Test oracles: a rendering's visible text, one paragraph a line, for comparing each format with documentText: the
// standalone HTML file's (htmlText), the DOCX's as the upload reader reads it (docxText) and as LibreOffice does
// (convertDocxToText).
import { readDocx } from '../src/kernel/ooxml/docx.js';
import { convertOnce, type ConversionOptions } from '../src/modules/documents/render/pdf.js';
/** Elements after (and before) which the text breaks to a new line, as a browser lays them out. */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'dd',
  'div',
  'dl',
  'dt',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);
/** Elements whose content is never shown as text. */
const HIDDEN_ELEMENTS = new Set(['head', 'script', 'style', 'template', 'title', 'noscript']);
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * The visible text of an HTML page (the files renderHtmlDocument writes), one paragraph a line: block elements and
 * <br> end a line, whitespace inside a line collapses to one space as a browser shows it, empty lines are dropped,
 * and the head (title, style) is not text. For comparing a rendering with `documentText`.
 */
export function htmlText(source: string): string {
  const out: string[] = [];
  let current = '';
  let hiddenUntil: string | null = null;
  const endLine = () => {
    const line = current.replace(/ {2,}/g, ' ').trim();
    if (line) out.push(line);
    current = '';
  };
  for (const [token] of source.matchAll(/<!--[\s\S]*?-->|<[^>]*>|[^<]+/g)) {
    if (token.startsWith('<')) {
      const tag = /^<(\/?)([A-Za-z][A-Za-z0-9]*)/.exec(token);
      if (!tag) continue;
      const closing = tag[1] === '/';
      const name = (tag[2] as string).toLowerCase();
      if (hiddenUntil) {
        if (closing && name === hiddenUntil) hiddenUntil = null;
        continue;
      }
      if (!closing && HIDDEN_ELEMENTS.has(name)) hiddenUntil = name;
      else if (name === 'br' || BLOCK_ELEMENTS.has(name)) endLine();
    } else if (!hiddenUntil) {
      current += decodeEntities(token).replace(/[\t\n\f\r ]+/g, ' ');
    }
  }
  endLine();
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** The document's paragraph texts, one a line: for comparing a generated document's text with its HTML. */
export function docxText(bytes: Uint8Array): string {
  return readDocx(bytes)
    .paragraphs.map((p) => p.text)
    .join('\n');
}

export type TextConversionResult = { ok: true; text: string } | { ok: false; reason: 'unavailable' | 'failed'; detail: string };

/** LibreOffice's filter for UTF-8 plain text; the export writes one paragraph a line (table cells included). */
const TEXT_FILTER = 'txt:Text (encoded):UTF8';

/**
 * The DOCX's text as LibreOffice reads it (UTF-8, one paragraph a line, without the byte-order mark LibreOffice
 * writes), for checking that a DOCX says what the model says.
 */
export async function convertDocxToText(docx: Uint8Array, options: ConversionOptions = {}): Promise<TextConversionResult> {
  const converted = await convertOnce(docx, TEXT_FILTER, 'txt', options);
  if (!converted.ok) return converted;
  return { ok: true, text: new TextDecoder('utf-8').decode(converted.output).replace(/^\uFEFF/, '') };
}
