// What the HTML layouts of a document and of a statement's content share: the heading levels, the text as it may
// appear in the page, and the state of one document's rendering (its id prefix, direction, pictures and notes).
import { html, joinHtml, type SafeHtml } from '../../../../web/html.js';
import type { NoteSequence } from '../../domain/content-walk.js';
import type { RenderResources } from '../../domain/document-model.js';
import { legalXmlText } from '../xml-text.js';

export type Level = 1 | 2 | 3 | 4 | 5 | 6;

/** A level below `level`, never past h6 (deeper parts share the last level rather than leaving the outline). */
export function below(level: Level, steps = 1): Level {
  return Math.min(6, level + steps) as Level;
}

/** Text as it may appear in the page: the characters the XML rendering keeps, so the formats agree. */
export function t(text: string): string {
  return legalXmlText(text);
}

/** Joins fragments one per line, for a readable source; each part is already escaped markup. */
export function lines(parts: readonly SafeHtml[]): SafeHtml {
  return joinHtml(parts, '\n');
}

export function heading(level: Level, attrs: { id?: string; className: string }, content: SafeHtml | string): SafeHtml {
  // The level is a number from the Level type, never data, so it cannot carry markup into the tag name.
  return html`<h${level} class="${attrs.className}"${attrs.id ? html` id="${attrs.id}"` : ''}>${content}</h${level}>`;
}

/** What the rendering of one document shares: the id prefix, the pictures, and the notes numbered so far. */
export interface Writer {
  prefix: string;
  /** The document's own direction, which a statement without one of its own takes. */
  dir: 'ltr' | 'rtl';
  resources: RenderResources | undefined;
  notes: NoteSequence;
}
