// A statement's content (a 'content' block) as semantic HTML, in a <div class="doc-content"> carrying the statement's
// language and direction: p and h*, strong, em, u, sup, sub, links (http and https ones with rel="noopener
// noreferrer"), ol and ul nested by level, tables with th for header rows, pictures as <img alt>, and each note mark
// as <sup><a href="#…-note-n">n</a></sup>, the notes listed after the content as "[n] text" (the "[n]" links back).
// The runs, the nesting of lists and the numbering of notes come from the shared content walk (content-walk.ts).
// A statement's content can also be shown alone (statementContentHtml), by the same walk, for pages that read one
// statement before it is in a document.
import { html, joinHtml, unsafeRaw, type SafeHtml } from '../../../../web/html.js';
import { TEXT_DIRECTIONS, type OfficialLanguage } from '../../../../kernel/i18n/languages.js';
import type { Block as ContentBlock, Inline, NoteReferenceInline, ParagraphBlock } from '../../../../kernel/ooxml/content-model.js';
import { contentPictures, picturePlaceholder, shownPicture, smallPictures, type NumberedNote } from '../../domain/content.js';
import { statementContentSchema } from '../../domain/content-schema.js';
import {
  contentRuns,
  linkTarget,
  nestedLists,
  NoteSequence,
  TEXT_MARKS,
  type ContentList,
  type ContentRun,
} from '../../domain/content-walk.js';
import type { ContentBlock as ModelContentBlock, RenderResources } from '../../domain/document-model.js';
import { pictureDataUri } from '../xml-text.js';
import { below, lines, t, type Level, type Writer } from './markup.js';

/** Pictures of this size or more are not embedded in the site's fragment (they are in the standalone file). */
export const FRAGMENT_PICTURE_MAX_BYTES = 200 * 1024;

interface ContentScope {
  w: Writer;
  /** The note of each mark of the body; empty inside a note, whose marks are left out. */
  noteOf: ReadonlyMap<NoteReferenceInline, NumberedNote>;
  /** The direction of the element around, so a paragraph only says its own when it differs. */
  dir: 'ltr' | 'rtl';
  /** The level of a title and first-level heading; second and third levels go below it. */
  level: Level;
}

/** The element of each mark of a text. */
const TAGS = { bold: 'strong', italic: 'em', underline: 'u', superscript: 'sup', subscript: 'sub' } as const;

function inlinesHtml(inlines: readonly Inline[], scope: ContentScope, inLink = false): SafeHtml[] {
  const out: SafeHtml[] = [];
  for (const inline of inlines) {
    switch (inline.kind) {
      case 'text': {
        let piece = html`${t(inline.text)}`;
        // The tag names come from the TAGS table, never from data.
        for (const mark of [...TEXT_MARKS].reverse())
          if (inline[mark]) piece = html`<${unsafeRaw(TAGS[mark])}>${piece}</${unsafeRaw(TAGS[mark])}>`;
        out.push(piece);
        break;
      }
      case 'link': {
        // HTML cannot nest links: a link inside another is its text.
        const href = linkTarget(inline, inLink);
        const children = inlinesHtml(inline.children, scope, true);
        if (href === undefined) out.push(...children);
        else if (href.startsWith('mailto:')) out.push(html`<a href="${href}">${children}</a>`);
        else out.push(html`<a href="${href}" rel="noopener noreferrer">${children}</a>`);
        break;
      }
      case 'break':
        out.push(html`<br>\n`);
        break;
      case 'footnote': {
        const n = scope.noteOf.get(inline)?.number;
        if (n === undefined) break;
        const id = `${scope.w.prefix}-note-${n}`;
        out.push(html`<sup class="doc-note-ref"><a href="#${id}" id="${id}-ref">${n}</a></sup>`);
        break;
      }
      case 'image': {
        const picture = shownPicture(inline, scope.w.resources);
        if (!picture) out.push(html`<span class="doc-picture-missing">${t(picturePlaceholder(inline))}</span>`);
        else {
          const size = picture.width && picture.height ? html` width="${picture.width}" height="${picture.height}"` : '';
          out.push(html`<img src="${pictureDataUri(picture)}" alt="${t(inline.alt)}"${size}>`);
        }
        break;
      }
    }
  }
  return out;
}

/** A paragraph's own attributes: its classes, its direction when it differs from the element around. */
function paragraphAttributes(p: ParagraphBlock, scope: ContentScope, classes: string[] = []): SafeHtml {
  const dir = p.rtl ? 'rtl' : 'ltr';
  const all = [...classes, ...(p.align ? [`doc-align-${p.align}`] : [])];
  return html`${all.length > 0 ? html` class="${all.join(' ')}"` : ''}${dir !== scope.dir ? html` dir="${dir}"` : ''}`;
}

/** A paragraph as <p>, or as a heading a level below the part's (a title and first-level heading at the part's). */
function paragraphHtml(p: ParagraphBlock, scope: ContentScope, before: SafeHtml[] = []): SafeHtml {
  const content = [...before, ...inlinesHtml(p.inlines, scope)];
  if (p.style === undefined || p.style === 'normal') return html`<p${paragraphAttributes(p, scope)}>${content}</p>`;
  const level = p.style === 'heading2' ? below(scope.level) : p.style === 'heading3' ? below(scope.level, 2) : scope.level;
  // The level is a number from the Level type, never data.
  return html`<h${level}${paragraphAttributes(p, scope, ['doc-content-heading'])}>${content}</h${level}>`;
}

/** A list of a run, and the lists nested in its items: a nested list opens inside the item before it. */
function listHtml(list: ContentList, scope: ContentScope, nested: boolean): SafeHtml {
  // The tag names are constants, never data.
  const tag = unsafeRaw(list.ordered ? 'ol' : 'ul');
  const items = list.items.map((item, i) => {
    const before = i > 0 ? unsafeRaw('</li>\n') : '';
    const inner = item.lists.map((nestedList) => listHtml(nestedList, scope, true));
    return html`${before}<li${paragraphAttributes(item.paragraph, scope)}>${inlinesHtml(item.paragraph.inlines, scope)}${inner}`;
  });
  return html`${nested ? '\n' : ''}<${tag}>\n${items}</li>\n</${tag}>`;
}

function tableHtml(rows: Extract<ContentRun, { kind: 'table' }>['rows'], scope: ContentScope): SafeHtml | undefined {
  if (rows.length === 0) return undefined;
  const rowHtml = (row: (typeof rows)[number]) => {
    const cells = row.cells.map((cell) => {
      const span = cell.colspan && cell.colspan > 1 ? html` colspan="${cell.colspan}"` : '';
      const content = contentBlocksHtml(cell.blocks, scope);
      return row.header ? html`<th scope="col"${span}>${content}</th>` : html`<td${span}>${content}</td>`;
    });
    return html`<tr>${cells}</tr>`;
  };
  // The header rows at the top are the table's head; a header row further down keeps its th cells in the body.
  let head = 0;
  while (head < rows.length && rows[head]?.header) head++;
  const thead = head > 0 ? html`<thead>\n${lines(rows.slice(0, head).map(rowHtml))}\n</thead>\n` : '';
  const tbody = head < rows.length ? html`<tbody>\n${lines(rows.slice(head).map(rowHtml))}\n</tbody>\n` : '';
  return html`<table class="doc-table">\n${thead}${tbody}</table>`;
}

function contentBlocksHtml(blocks: readonly ContentBlock[], scope: ContentScope): SafeHtml {
  const out: SafeHtml[] = [];
  for (const run of contentRuns(blocks)) {
    if (run.kind === 'table') {
      const table = tableHtml(run.rows, scope);
      if (table) out.push(table);
    } else if (run.kind === 'list') {
      out.push(joinHtml(nestedLists(run.items).map((list) => listHtml(list, scope, false))));
    } else {
      out.push(paragraphHtml(run.paragraph, scope));
    }
  }
  return lines(out);
}

/** A note in the list after the content: "[n]" linking back to the mark, then the note's paragraphs. */
function noteHtml(note: NumberedNote, scope: ContentScope): SafeHtml {
  const id = `${scope.w.prefix}-note-${note.number}`;
  const inner: ContentScope = { ...scope, noteOf: new Map() };
  const label = html`<a class="doc-note-label" href="#${id}-ref">[${note.number}]</a>`;
  const [first, ...rest] = note.blocks;
  const parts =
    first?.kind === 'paragraph'
      ? [
          paragraphHtml({ ...first, style: 'normal' }, inner, [label, html` `]),
          ...(rest.length > 0 ? [contentBlocksHtml(rest, inner)] : []),
        ]
      : [html`<p>${label}</p>`, contentBlocksHtml(note.blocks, inner)];
  return html`<li id="${id}">${lines(parts)}</li>`;
}

/** A statement's content, in its language and direction, its notes listed after it. */
export function contentHtml(block: ModelContentBlock, level: Level, w: Writer): SafeHtml {
  const numbered = w.notes.number(block.content);
  const dir = block.dir ?? w.dir;
  const scope: ContentScope = { w, noteOf: numbered.noteOf, dir, level };
  const parts = [contentBlocksHtml(block.content.blocks, scope)];
  if (numbered.notes.length > 0) parts.push(html`<ol class="doc-notes">\n${lines(numbered.notes.map((n) => noteHtml(n, scope)))}\n</ol>`);
  return html`<div class="doc-content"${block.lang ? html` lang="${block.lang}"` : ''} dir="${dir}">\n${lines(parts)}\n</div>`;
}

/** How a statement shown alone sits in a site page. */
export interface StatementFragmentOptions {
  /** The language the statement was written in: the fragment's language and direction. */
  language?: OfficialLanguage | null;
  /** The level of its title and first-level headings (3, under a page's h2); second and third levels go below. */
  headingLevel?: 2 | 3 | 4;
  /** Prefix of the element ids (the notes'), as for documentHtml. */
  idPrefix?: string;
}

/**
 * One statement's content alone, without a document around it, as a fragment of a site page: its headings, bold and
 * italic, lists, tables, links, pictures and notes, by the same walk as a statement enclosed in a document. This is
 * what the review desk reads before a decision. `content` is the content model as stored with the revision; when it
 * is not one (nothing was read from the file), the answer is undefined and the page points to the file instead.
 * Pictures of FRAGMENT_PICTURE_MAX_BYTES or more show their alternative text, as in documentHtml.
 */
export function statementContentHtml(
  content: unknown,
  options: StatementFragmentOptions = {},
  resources?: RenderResources,
): SafeHtml | undefined {
  const parsed = statementContentSchema.safeParse(content);
  if (!parsed.success) return undefined;
  const language = options.language ?? undefined;
  const dir = language ? TEXT_DIRECTIONS[language] : 'ltr';
  const prefix = (options.idPrefix ?? 'statement').replace(/[^A-Za-z0-9_-]/g, '') || 'statement';
  const w: Writer = { prefix, dir, resources: smallPictures(resources, FRAGMENT_PICTURE_MAX_BYTES), notes: new NoteSequence() };
  const block: ModelContentBlock = {
    kind: 'content',
    content: parsed.data,
    ...(language ? { lang: language } : {}),
    ...(dir === 'rtl' ? { dir } : {}),
  };
  return html`<div class="doc doc-statement">\n${contentHtml(block, options.headingLevel ?? 3, w)}\n</div>`;
}

/** The SHA-256 of each picture a stored statement content shows (its renderer's resources); none when it is not one. */
export function statementContentPictures(content: unknown): string[] {
  const parsed = statementContentSchema.safeParse(content);
  return parsed.success ? contentPictures(parsed.data) : [];
}
