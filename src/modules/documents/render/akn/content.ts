// A statement's content (a 'content' block) as Akoma Ntoso: a <blockContainer class="statement"> with its language in
// xml:lang ("rtl" among its classes when it is written right to left): paragraphs → <p> (a title or heading says so in
// its class, as do a right-to-left paragraph, "rtl", and an alignment, "align-center"), with <b>, <i>, <u>, <sup>,
// <sub>, <a href> and <eol/> for a line break; lists → <ol>/<ul> of <li><p>, nested by level; tables → <table
// border="1"> of <tr> with <th> for header rows and <td>, colspan kept; pictures → <img src="data:…" alt>, or the
// alternative text when the picture's bytes are not given; each note → an <authorialNote marker="n" placement="bottom">
// where its mark is, holding the note's paragraphs (notes are numbered through the document, as in every format). The
// runs, the nesting of lists and the numbering of notes come from the shared content walk (content-walk.ts).
import type { Block as ContentBlock, Inline, NoteReferenceInline, ParagraphBlock } from '../../../../kernel/ooxml/content-model.js';
import { picturePlaceholder, shownPicture, type NumberedNote } from '../../domain/content.js';
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
import { el, type EIds, type XmlElement, type XmlNode } from './xml-writer.js';

interface ContentScope {
  /** The eId prefix of the statement or note the elements are in. */
  prefix: string;
  /** The note of each mark; empty inside a note, whose marks are left out. */
  notes: ReadonlyMap<NoteReferenceInline, NumberedNote>;
  counters: { list: number; table: number };
}

/** The element of each mark of a text. */
const TAGS = { bold: 'b', italic: 'i', underline: 'u', superscript: 'sup', subscript: 'sub' } as const;

/** Writes the statements of one document, their eIds from the document's registry and their notes numbered through it. */
export class AknContentWriter {
  private readonly notes = new NoteSequence();

  constructor(
    private readonly ids: EIds,
    private readonly resources: RenderResources | undefined,
  ) {}

  /** A statement's content as a blockContainer (the layout is described at the top of the file). */
  statement(b: ModelContentBlock, eId: string): XmlElement {
    const numbered = this.notes.number(b.content);
    const scope: ContentScope = { prefix: `${eId}__`, notes: numbered.noteOf, counters: { list: 0, table: 0 } };
    const children = this.contentBlocks(b.content.blocks, scope);
    // A blockContainer must hold a block: a statement with nothing in it gets an empty paragraph.
    if (children.length === 0) children.push(el('p'));
    return el('blockContainer', { eId, class: b.dir === 'rtl' ? 'statement rtl' : 'statement', 'xml:lang': b.lang }, children);
  }

  private contentBlocks(blocks: readonly ContentBlock[], scope: ContentScope): XmlElement[] {
    const nodes: XmlElement[] = [];
    for (const run of contentRuns(blocks)) {
      if (run.kind === 'table') {
        const table = this.table(run.rows, scope);
        if (table) nodes.push(table);
      } else if (run.kind === 'list') {
        nodes.push(...nestedLists(run.items).map((list) => this.list(list, scope)));
      } else {
        nodes.push(this.paragraph(run.paragraph, scope));
      }
    }
    return nodes;
  }

  private paragraph(p: ParagraphBlock, scope: ContentScope): XmlElement {
    const classes = [
      p.style && p.style !== 'normal' ? p.style : undefined,
      p.rtl ? 'rtl' : undefined,
      p.align ? `align-${p.align}` : undefined,
    ].filter(Boolean);
    return el('p', { class: classes.length > 0 ? classes.join(' ') : undefined }, this.inlines(p.inlines, scope, false));
  }

  private inlines(inlines: readonly Inline[], scope: ContentScope, inLink: boolean): XmlNode[] {
    const out: XmlNode[] = [];
    for (const inline of inlines) {
      switch (inline.kind) {
        case 'text': {
          let node: XmlNode = inline.text;
          for (const mark of [...TEXT_MARKS].reverse()) if (inline[mark]) node = el(TAGS[mark], {}, [node]);
          out.push(node);
          break;
        }
        case 'link': {
          // A link inside a link is its text: the schema's <a> may hold one, but no reader could follow both.
          const href = linkTarget(inline, inLink);
          const children = this.inlines(inline.children, scope, true);
          out.push(...(href === undefined ? children : [el('a', { href }, children)]));
          break;
        }
        case 'break':
          out.push(el('eol'));
          break;
        case 'footnote': {
          const note = scope.notes.get(inline);
          if (note) {
            const eId = this.ids.claim(`${scope.prefix}note_${note.number}`);
            const inner: ContentScope = { prefix: `${eId}__`, notes: new Map(), counters: { list: 0, table: 0 } };
            const children = this.contentBlocks(note.blocks, inner);
            if (children.length === 0) children.push(el('p'));
            out.push(el('authorialNote', { eId, marker: String(note.number), placement: 'bottom' }, children));
          }
          break;
        }
        case 'image': {
          const picture = shownPicture(inline, this.resources);
          if (!picture) out.push(picturePlaceholder(inline));
          else {
            out.push(
              el('img', {
                src: pictureDataUri(picture),
                alt: inline.alt,
                width: picture.width?.toString(),
                height: picture.height?.toString(),
              }),
            );
          }
          break;
        }
      }
    }
    return out;
  }

  /** A list of a run as <ol>/<ul> of <li><p>, the lists nested in an item after its paragraph. */
  private list(list: ContentList, scope: ContentScope): XmlElement {
    const node = el(list.ordered ? 'ol' : 'ul', { eId: this.ids.claim(`${scope.prefix}list_${++scope.counters.list}`) });
    for (const item of list.items) {
      const li = el('li', {}, [this.paragraph({ ...item.paragraph, list: undefined }, scope)]);
      node.children.push(li);
      for (const inner of item.lists) li.children.push(this.list(inner, scope));
    }
    return node;
  }

  private table(rows: Extract<ContentRun, { kind: 'table' }>['rows'], scope: ContentScope): XmlElement | undefined {
    if (rows.length === 0) return undefined;
    const eId = this.ids.claim(`${scope.prefix}table_${++scope.counters.table}`);
    return el(
      'table',
      { eId, border: '1' },
      rows.map((row) =>
        el(
          'tr',
          {},
          row.cells.map((cell) =>
            el(
              row.header ? 'th' : 'td',
              { colspan: cell.colspan && cell.colspan > 1 ? String(cell.colspan) : undefined },
              this.contentBlocks(cell.blocks, scope),
            ),
          ),
        ),
      ),
    );
  }
}
