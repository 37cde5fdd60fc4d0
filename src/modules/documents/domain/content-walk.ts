// The walk over a statement's content that every format shares, so that the HTML, Akoma Ntoso and DOCX renderers only
// lay it out: the blocks in runs, list runs nested by level, notes numbered through the document, the order in which
// a text's marks nest, and the address a link keeps. What a picture becomes (shown or its placeholder) and how notes
// are numbered are answered in content.ts, which the canonical text (documentText) uses as well.
//
// Every format lays a statement's blocks out in runs: a table alone, a paragraph alone, or consecutive list paragraphs
// together as one list (anything else between two list paragraphs starts a new list). A list run nests by level: a
// deeper item opens a list inside the item before it, and an item whose kind (ordered or not) differs from the list at
// its level opens a new list beside it. Levels deeper than Word's nine are drawn at the last.
import type {
  Block as ContentBlock,
  LinkInline,
  ParagraphBlock,
  StatementContentJson,
  TableBlock,
  TableRow,
} from '../../../kernel/ooxml/content-model.js';
import { numberNotes, type ContentNotes } from './content.js';
import { safeLink } from './content-schema.js';

/** The deepest list level (Word has nine, 0 to 8). */
export const MAX_LIST_LEVEL = 8;

/** A run of a statement's blocks, as every format lays it out. */
export type ContentRun =
  | { kind: 'paragraph'; paragraph: ParagraphBlock }
  | { kind: 'list'; items: ParagraphBlock[] }
  /** The table's rows that have cells (the others are left out); there may be none. */
  | { kind: 'table'; table: TableBlock; rows: TableRow[] };

/** The blocks as runs, in order. */
export function contentRuns(blocks: readonly ContentBlock[]): ContentRun[] {
  const runs: ContentRun[] = [];
  for (const block of blocks) {
    const last = runs[runs.length - 1];
    if (block.kind === 'table') runs.push({ kind: 'table', table: block, rows: block.rows.filter((r) => r.cells.length > 0) });
    else if (!block.list) runs.push({ kind: 'paragraph', paragraph: block });
    else if (last?.kind === 'list') last.items.push(block);
    else runs.push({ kind: 'list', items: [block] });
  }
  return runs;
}

/** One list of a list run: its kind, its level and its items, each with the lists nested in it. */
export interface ContentList {
  ordered: boolean;
  level: number;
  items: ContentListItem[];
}

export interface ContentListItem {
  paragraph: ParagraphBlock;
  lists: ContentList[];
}

/** A list run's items nested by level: the lists at the top, in order (see the convention above). */
export function nestedLists(items: readonly ParagraphBlock[]): ContentList[] {
  const top: ContentList[] = [];
  const open: ContentList[] = [];
  for (const paragraph of items) {
    const ordered = paragraph.list?.ordered ?? false;
    const level = Math.min(paragraph.list?.level ?? 0, MAX_LIST_LEVEL);
    while (open.length > 0 && (open[open.length - 1] as ContentList).level > level) open.pop();
    const last = open[open.length - 1];
    if (last && last.level === level && last.ordered !== ordered) open.pop();
    let current = open[open.length - 1];
    if (!current || current.level < level) {
      const list: ContentList = { ordered, level, items: [] };
      const parent = current?.items[current.items.length - 1];
      if (parent) parent.lists.push(list);
      else top.push(list);
      open.push(list);
      current = list;
    }
    current.items.push({ paragraph, lists: [] });
  }
  return top;
}

/** The notes of a document's statements, numbered through the document: each statement's from where the last stopped. */
export class NoteSequence {
  private next = 1;

  /** The marks of the next statement (in reading order) paired with their numbered notes. */
  number(content: Pick<StatementContentJson, 'blocks' | 'footnotes' | 'endnotes'>): ContentNotes {
    const numbered = numberNotes(content, this.next);
    this.next = numbered.next;
    return numbered;
  }
}

/** The marks a text carries, outermost first: the order in which every format nests them. */
export const TEXT_MARKS = ['bold', 'italic', 'underline', 'superscript', 'subscript'] as const;

/** The address a link is written with: none for a link inside another (no format nests links), which reads as its text. */
export function linkTarget(link: LinkInline, inLink: boolean): string | undefined {
  return inLink ? undefined : safeLink(link.href);
}
