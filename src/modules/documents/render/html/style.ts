// The standalone HTML file's style sheet and the Content-Security-Policy to serve the file with: that one style
// element, by its SHA-256, and data: pictures, and nothing else (no script, no outside resource).
import { createHash } from 'node:crypto';

/**
 * The standalone file's style: an A4 page in a Times-like serif, the header block in two columns over a rule,
 * numbered and lettered paragraphs with hanging numbers, each attachment on a new page. Logical properties
 * (inline-start) keep the indents on the right side for Arabic.
 */
export const DOCUMENT_STYLE = `
@page { size: A4; margin: 2.5cm 2.2cm 2.5cm 2.2cm; }
html { background: #fff; color: #000; }
body { margin: 0; font: 12pt/1.35 "Times New Roman", Times, "Liberation Serif", "Nimbus Roman", "DejaVu Serif", serif; }
.doc { box-sizing: border-box; max-width: 21cm; margin: 0 auto; padding: 2cm 2.2cm; }
.doc p, .doc ul { margin: 0 0 0.8em; }
.doc-header { display: flex; justify-content: space-between; align-items: flex-end; gap: 2em; border-bottom: 2.5pt solid #000; padding-bottom: 0.4em; margin-bottom: 2em; }
.doc-header p { margin: 0; }
.doc-un { font-size: 10pt; }
.doc-organ { font-size: 18pt; font-weight: bold; }
.doc-identity { text-align: end; font-size: 10pt; }
.doc-header .doc-symbol { font-size: 16pt; font-weight: bold; margin-bottom: 0.3em; }
.doc-title, .doc-attachment-heading, .doc-section-heading { font-size: 12pt; font-weight: bold; margin: 0 0 1em; }
.doc-title { font-size: 14pt; }
.doc-body p, .doc-attachment p { text-align: justify; hyphens: auto; }
.doc .numbered, .doc .lettered { padding-inline-start: 2.5em; text-indent: -2.5em; }
.doc .lettered { margin-inline-start: 2.5em; }
.doc .num { display: inline-block; min-width: 2.25em; text-indent: 0; }
.doc-section-heading .num { min-width: 2.5em; }
.doc ul.bullets { padding-inline-start: 2.5em; }
.doc .signature { margin-top: 2em; margin-inline-start: 50%; text-align: start; }
.doc .signed { font-style: italic; }
.doc-attachment { break-before: page; margin-top: 3em; }
.doc-attachment-heading { font-weight: normal; }
.doc-original { font-style: italic; }
.doc-attachment > .doc-original { text-align: end; }
.doc .doc-attachment-title { font-weight: bold; margin-bottom: 1.2em; }
.doc .doc-content p, .doc .doc-content li { text-align: start; hyphens: manual; }
.doc .doc-content .doc-align-left { text-align: left; }
.doc .doc-content .doc-align-center { text-align: center; }
.doc .doc-content .doc-align-right { text-align: right; }
.doc .doc-content .doc-align-justify { text-align: justify; }
.doc .doc-content-heading { font-size: 12pt; font-weight: bold; margin: 1em 0 0.6em; }
.doc .doc-content ol, .doc .doc-content ul { margin: 0 0 0.8em; padding-inline-start: 2.5em; }
.doc .doc-content li > ol, .doc .doc-content li > ul { margin: 0.3em 0 0; }
.doc .doc-table { border-collapse: collapse; width: 100%; margin: 0 0 0.8em; }
.doc .doc-table th, .doc .doc-table td { border: 1px solid #000; padding: 0.2em 0.4em; vertical-align: top; text-align: start; }
.doc .doc-table p { margin: 0; }
.doc .doc-content img { max-width: 100%; height: auto; }
.doc .doc-note-ref a, .doc .doc-note-label { color: inherit; text-decoration: none; }
.doc .doc-notes { list-style: none; margin: 1.2em 0 0.8em; padding: 0.4em 0 0; border-top: 0.5pt solid #000; font-size: 10pt; }
.doc .doc-notes p { margin: 0 0 0.3em; }
@media screen and (max-width: 40rem) {
  .doc { padding: 1rem; }
  .doc-header { flex-wrap: wrap; gap: 0.5em; }
  .doc .signature { margin-inline-start: 0; }
  .doc .doc-table { table-layout: fixed; }
  .doc .doc-table td, .doc .doc-table th { overflow-wrap: anywhere; }
}
@media print {
  .doc { max-width: none; padding: 0; }
  .doc-attachment { margin-top: 0; }
  .doc-section-heading, .doc-attachment-heading, .doc-title { break-after: avoid; }
  .doc p { orphans: 2; widows: 2; }
}
`;

/** The Content-Security-Policy source for the style element: `'sha256-<base64>'` of its exact content. */
export const DOCUMENT_STYLE_HASH = `'sha256-${createHash('sha256').update(DOCUMENT_STYLE, 'utf8').digest('base64')}'`;

/**
 * The Content-Security-Policy to serve the standalone file with: its one style element by hash, its pictures as data:
 * URIs, and nothing else (no script, no outside resource, no form, not framed).
 */
export const DOCUMENT_CSP = `default-src 'none'; style-src ${DOCUMENT_STYLE_HASH}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
