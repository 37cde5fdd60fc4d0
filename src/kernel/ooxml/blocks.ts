// Reads a WordprocessingML part (the document body, the footnotes, the endnotes) into the blocks of the document
// model: paragraphs with their formatted text, links, note marks, breaks and pictures; tables with their rows and
// cells. What is kept is what a reader sees in Word with every tracked change accepted:
// - deleted and moved-away text is left out, inserted and moved-to text kept; a paragraph whose mark was deleted
//   joins the paragraph after it, so a deleted paragraph leaves nothing behind, and a deleted table row is dropped;
// - field codes are left out and their results kept (a HYPERLINK field becomes a link, as w:hyperlink does);
// - hidden text (w:vanish) and the pronunciation guide of ruby text are left out;
// - of the two renderings Word writes for a drawing (mc:Choice, mc:Fallback) only the first is read, so a text box is
//   read once; its paragraphs follow the paragraph it is anchored in.
// Property changes (w:pPrChange, w:rPrChange...) hold the formatting before the change and are skipped, so the model
// carries the formatting after it.
import { AppError } from '../errors.js';
import type {
  Block,
  ImageInline,
  ImageMediaType,
  Inline,
  NoteReferenceInline,
  ParagraphBlock,
  TableCell,
  TableRow,
} from './content-model.js';
import type { NumberingDefinitions } from './numbering.js';
import type { PartRelationship } from './opc.js';
import { fieldHyperlink, safeHref } from './links.js';
import { applyParagraphProperty, applyRunProperty, type ParagraphProperties, type RunProperties } from './properties.js';
import type { StyleSheet } from './styles.js';
import { joinInlines, paragraphBlock, runFormat, sameMarks, type RunFormat } from './paragraph-model.js';
import { attr, COMMENT_MARKS, ElementPath, intAttr, onOff, relationshipAttr, SKIPPED, TRACKED, wAttr } from './wml.js';
import type { XmlElement, XmlHandler } from './xml.js';

export interface BlockContext {
  styles: StyleSheet;
  numbering: NumberingDefinitions;
  /** The relationships of the part being read (hyperlink targets, pictures). */
  relationships: ReadonlyMap<string, PartRelationship>;
  /** The kept picture a relationship points to, or undefined when it is not kept (unknown format, too large, missing). */
  image(relationshipId: string): { sha256: string; mediaType: ImageMediaType } | undefined;
}

export interface ReadNote {
  kind: 'footnote' | 'endnote';
  id: string;
  blocks: Block[];
}

// Paragraphs, rows, cells and pieces of text together: far more than any real document has (a 300-page report has some
// tens of thousands), and few enough that the model of a hostile file still fits in the memory an inspection gets.
const MAX_PIECES = 300_000;

interface InlineTarget {
  children: Inline[];
  /** Where the target came from, to close it at the right element: a w:hyperlink, a w:fldSimple or a complex field. */
  owner: 'hyperlink' | 'fldSimple' | 'field';
  /** The link's address; undefined for a link that is kept as plain text. */
  href: string | undefined;
}

interface ParagraphBuilder {
  style?: string;
  numId?: string;
  ilvl?: number;
  outlineLevel?: number;
  props: ParagraphProperties;
  markDeleted: boolean;
  inlines: Inline[];
  targets: InlineTarget[];
  /** Blocks read inside the paragraph (text boxes), placed after it. */
  after: Block[];
  run: RunProperties;
  runStyle?: string;
  /** The current run's formatting, worked out at its first character. */
  runFormat?: RunFormat;
}

interface ContainerFrame {
  kind: 'container';
  blocks: Block[];
  /** A paragraph whose mark was deleted, waiting to join the next paragraph. */
  carry?: ParagraphBlock;
  colspan?: number;
  note?: { kind: 'footnote' | 'endnote'; id: string; keep: boolean };
  textBox?: true;
}

interface TableFrame {
  kind: 'table';
  rows: TableRow[];
  row?: { cells: TableCell[]; header: boolean; deleted: boolean };
}

interface ParagraphFrame {
  kind: 'paragraph';
  b: ParagraphBuilder;
}

type Frame = ContainerFrame | TableFrame | ParagraphFrame;

interface Field {
  instr: string;
  phase: 'code' | 'result';
  link?: { builder: ParagraphBuilder; target: InlineTarget };
}

interface Drawing {
  alt?: string;
  embed?: string;
  /** A picture (a:blip, v:imagedata) was seen, embedded, linked or with its link removed (clean.ts). */
  picture?: true;
}

/** An XML handler that builds the blocks of the body (`blocks`) or, for a notes part, the notes (`notes`). */
export class BlockReader implements Required<XmlHandler> {
  readonly blocks: Block[] = [];
  readonly notes: ReadNote[] = [];
  hasTrackedChanges = false;
  hasComments = false;

  private readonly path = new ElementPath();
  private readonly frames: Frame[] = [];
  private readonly fields: Field[] = [];
  private readonly drawings: Drawing[] = [];
  private skipping = 0;
  private inText = false;
  private inInstr = false;
  private pieces = 0;

  constructor(private readonly context: BlockContext) {
    this.frames.push({ kind: 'container', blocks: this.blocks });
  }

  open(el: XmlElement): void {
    const name = this.path.push(el);
    if (TRACKED.has(name)) this.hasTrackedChanges = true;
    if (COMMENT_MARKS.has(name)) this.hasComments = true;
    if (this.skipping > 0 || SKIPPED.has(name)) {
      if (SKIPPED.has(name)) {
        this.skipping++;
        this.deletionMark(name);
      }
      return;
    }
    switch (name) {
      case 'w:footnote':
      case 'w:endnote':
        if (this.path.at(1) === 'w:footnotes' || this.path.at(1) === 'w:endnotes') this.openNote(name, el);
        return;
      case 'w:p':
        this.count();
        this.frames.push({ kind: 'paragraph', b: { props: {}, markDeleted: false, inlines: [], targets: [], after: [], run: {} } });
        return;
      case 'w:tbl':
        this.frames.push({ kind: 'table', rows: [] });
        return;
      case 'w:tr': {
        const table = this.top('table');
        if (table) {
          this.count();
          table.row = { cells: [], header: false, deleted: false };
        }
        return;
      }
      case 'w:tc':
        this.count();
        this.frames.push({ kind: 'container', blocks: [] });
        return;
      case 'w:txbxContent':
        this.frames.push({ kind: 'container', blocks: [], textBox: true });
        return;
      case 'w:drawing':
      case 'w:pict':
      case 'w:object':
        this.drawings.push({});
        return;
    }
    if (this.tableProperty(name, el)) return;
    const frame = this.frames.at(-1);
    if (frame?.kind !== 'paragraph') return;
    this.inParagraph(frame.b, name, el);
  }

  close(): void {
    const name = this.path.at(0);
    this.path.pop();
    if (this.skipping > 0) {
      if (name !== undefined && SKIPPED.has(name)) this.skipping--;
      return;
    }
    switch (name) {
      case 'w:t':
        this.inText = false;
        return;
      case 'w:instrText':
        this.inInstr = false;
        return;
      case 'w:p':
        this.closeParagraph();
        return;
      case 'w:tc':
        this.closeCell();
        return;
      case 'w:tr': {
        const table = this.top('table');
        if (table?.row && !table.row.deleted) table.rows.push({ cells: table.row.cells, ...(table.row.header ? { header: true } : {}) });
        if (table) table.row = undefined;
        return;
      }
      case 'w:tbl': {
        const frame = this.frames.at(-1);
        if (frame?.kind !== 'table') return;
        this.frames.pop();
        if (frame.rows.length > 0) this.emit({ kind: 'table', rows: frame.rows });
        return;
      }
      case 'w:txbxContent': {
        const frame = this.frames.at(-1);
        if (frame?.kind !== 'container' || !frame.textBox) return;
        this.frames.pop();
        this.flushCarry(frame);
        for (const block of frame.blocks) this.emit(block);
        return;
      }
      case 'w:footnote':
      case 'w:endnote':
        this.closeNote();
        return;
      case 'w:drawing':
      case 'w:pict':
      case 'w:object':
        this.closeDrawing();
        return;
      case 'w:hyperlink':
        this.closeTarget('hyperlink');
        return;
      case 'w:fldSimple':
        this.closeTarget('fldSimple');
        return;
    }
  }

  text(text: string): void {
    if (this.skipping > 0) return;
    if (this.inInstr) {
      const field = this.fields.at(-1);
      if (field?.phase === 'code') field.instr += text;
      return;
    }
    const b = this.paragraph();
    if (!this.inText || !b) return;
    const format = this.runFormat(b);
    if (!format.hidden) this.appendText(b, text, format);
  }

  /** A deleted paragraph mark or table row is marked inside the element that is skipped. */
  private deletionMark(name: string): void {
    if (name !== 'w:del' && name !== 'w:moveFrom') return;
    if (this.path.endsWith('w:p', 'w:pPr', 'w:rPr', name)) {
      const b = this.paragraph();
      if (b) b.markDeleted = true;
    } else if (this.path.endsWith('w:tr', 'w:trPr', name)) {
      const row = this.top('table')?.row;
      if (row) row.deleted = true;
    }
  }

  private tableProperty(name: string, el: XmlElement): boolean {
    if (this.path.endsWith('w:trPr', 'w:tblHeader')) {
      const row = this.top('table')?.row;
      if (row) row.header = onOff(wAttr(el, 'val'));
      return true;
    }
    if (this.path.endsWith('w:tc', 'w:tcPr', 'w:gridSpan')) {
      const cell = this.frames.at(-1);
      const span = intAttr(el, 'val');
      if (cell?.kind === 'container' && span !== undefined && span > 1) cell.colspan = Math.min(span, 63);
      return true;
    }
    return false;
  }

  private inParagraph(b: ParagraphBuilder, name: string, el: XmlElement): void {
    const parent = this.path.at(1);
    if (parent === 'w:pPr' && this.path.at(2) === 'w:p') {
      if (name === 'w:pStyle') b.style = wAttr(el, 'val');
      else if (name === 'w:outlineLvl') b.outlineLevel = intAttr(el, 'val');
      else if (name === 'w:numPr') b.numId ??= '';
      else applyParagraphProperty(b.props, name, el);
      return;
    }
    if (parent === 'w:numPr' && this.path.endsWith('w:p', 'w:pPr', 'w:numPr', name)) {
      if (name === 'w:numId') b.numId = wAttr(el, 'val');
      if (name === 'w:ilvl') b.ilvl = intAttr(el, 'val');
      return;
    }
    if (name === 'w:r') {
      b.run = {};
      b.runStyle = undefined;
      b.runFormat = undefined;
      return;
    }
    if (parent === 'w:rPr' && this.path.at(2) === 'w:r') {
      if (name === 'w:rStyle') b.runStyle = wAttr(el, 'val');
      else applyRunProperty(b.run, name, el);
      b.runFormat = undefined;
      return;
    }
    switch (name) {
      case 'w:hyperlink':
        this.openTarget(b, 'hyperlink', this.hyperlinkHref(el));
        return;
      case 'w:fldSimple':
        this.openTarget(b, 'fldSimple', fieldHyperlink(wAttr(el, 'instr') ?? ''));
        return;
      case '*:docPr': {
        const drawing = this.drawings.at(-1);
        const alt = attr(el, 'descr') || attr(el, 'title');
        if (drawing && alt) drawing.alt = alt;
        return;
      }
      case '*:blip':
      case '*:imagedata': {
        const drawing = this.drawings.at(-1);
        // A picture is embedded (r:embed) or linked to a file outside the document (r:link), which is never fetched.
        const id = name === '*:blip' ? (relationshipAttr(el, 'embed') ?? relationshipAttr(el, 'link')) : relationshipAttr(el, 'id');
        if (drawing) drawing.picture = true;
        if (drawing && id !== undefined) drawing.embed ??= id;
        if (drawing && name === '*:imagedata') drawing.alt ??= attr(el, 'title') || undefined;
        return;
      }
      case '*:shape': {
        const drawing = this.drawings.at(-1);
        const alt = attr(el, 'alt');
        if (drawing && alt) drawing.alt ??= alt;
        return;
      }
    }
    if (parent !== 'w:r') return;
    this.runContent(b, name, el);
  }

  private runContent(b: ParagraphBuilder, name: string, el: XmlElement): void {
    switch (name) {
      case 'w:t':
        this.inText = true;
        return;
      case 'w:instrText':
        this.inInstr = true;
        return;
      case 'w:fldChar':
        this.fieldChar(b, wAttr(el, 'fldCharType'));
        return;
    }
    const format = this.runFormat(b);
    if (format.hidden) return;
    switch (name) {
      case 'w:tab':
      case 'w:ptab':
        this.appendText(b, '\t', format);
        return;
      case 'w:noBreakHyphen':
        this.appendText(b, '\u2011', format);
        return;
      case 'w:softHyphen':
        this.appendText(b, '\u00ad', format);
        return;
      case 'w:sym': {
        // Symbol fonts (Symbol, Wingdings) put their glyphs at U+F0xx, private code points with no meaning without the
        // font; those are left out rather than shown as boxes.
        const code = Number.parseInt(wAttr(el, 'char') ?? '', 16);
        if (Number.isInteger(code) && code > 0x1f && code < 0x110000 && !(code >= 0xe000 && code <= 0xf8ff)) {
          this.appendText(b, String.fromCodePoint(code), format);
        }
        return;
      }
      case 'w:br':
      case 'w:cr':
        this.append(b, { kind: 'break' });
        return;
      case 'w:footnoteReference':
      case 'w:endnoteReference': {
        const id = wAttr(el, 'id');
        if (id === undefined) return;
        const mark: NoteReferenceInline = { kind: 'footnote', id };
        if (name === 'w:endnoteReference') mark.endnote = true;
        this.append(b, mark);
        return;
      }
    }
  }

  private fieldChar(b: ParagraphBuilder, type: string | undefined): void {
    if (type === 'begin') {
      this.count();
      this.fields.push({ instr: '', phase: 'code' });
    } else if (type === 'separate') {
      const field = this.fields.at(-1);
      if (!field || field.phase !== 'code') return;
      field.phase = 'result';
      const href = fieldHyperlink(field.instr);
      if (href !== undefined) field.link = { builder: b, target: this.openTarget(b, 'field', href) };
    } else if (type === 'end') {
      const field = this.fields.pop();
      if (field?.link && field.link.builder === b) {
        const at = b.targets.indexOf(field.link.target);
        if (at >= 0) this.closeTargetsFrom(b, at);
      }
    }
  }

  private hyperlinkHref(el: XmlElement): string | undefined {
    const id = relationshipAttr(el, 'id');
    const rel = id === undefined ? undefined : this.context.relationships.get(id);
    return rel?.external && rel.target !== undefined ? safeHref(rel.target) : undefined;
  }

  private openTarget(b: ParagraphBuilder, owner: InlineTarget['owner'], href: string | undefined): InlineTarget {
    const target: InlineTarget = { children: [], owner, href };
    b.targets.push(target);
    return target;
  }

  private closeTarget(owner: InlineTarget['owner']): void {
    const b = this.paragraph();
    if (!b) return;
    for (let at = b.targets.length - 1; at >= 0; at--) {
      if (b.targets[at]?.owner === owner) {
        this.closeTargetsFrom(b, at);
        return;
      }
    }
  }

  /** Closes the targets from `at` up: each link becomes an inline of the one below it; a dropped link leaves its text. */
  private closeTargetsFrom(b: ParagraphBuilder, at: number): void {
    while (b.targets.length > at) {
      const target = b.targets.pop()!;
      if (target.href !== undefined && target.children.length > 0)
        this.append(b, { kind: 'link', href: target.href, children: target.children });
      else for (const child of target.children) this.append(b, child);
    }
  }

  private closeDrawing(): void {
    const drawing = this.drawings.pop();
    const b = this.paragraph();
    if (!drawing?.picture || !b) return;
    const image: ImageInline = { kind: 'image', alt: drawing.alt ?? '' };
    const kept = drawing.embed === undefined ? undefined : this.context.image(drawing.embed);
    if (kept) {
      image.sha256 = kept.sha256;
      image.mediaType = kept.mediaType;
    }
    this.append(b, image);
  }

  private runFormat(b: ParagraphBuilder): RunFormat {
    b.runFormat ??= runFormat(this.context.styles, b.run, b.runStyle, b.style);
    return b.runFormat;
  }

  private appendText(b: ParagraphBuilder, text: string, format: RunFormat): void {
    if (text === '') return;
    const list = b.targets.at(-1)?.children ?? b.inlines;
    const last = list.at(-1);
    if (last?.kind === 'text' && sameMarks(last, format.marks)) {
      last.text += text;
      return;
    }
    this.count();
    list.push({ kind: 'text', text, ...format.marks });
  }

  private append(b: ParagraphBuilder, inline: Inline): void {
    const list = b.targets.at(-1)?.children ?? b.inlines;
    const last = list.at(-1);
    if (inline.kind === 'text' && last?.kind === 'text' && sameMarks(last, inline)) {
      last.text += inline.text;
      return;
    }
    this.count();
    list.push(inline);
  }

  private closeParagraph(): void {
    const frame = this.frames.at(-1);
    if (frame?.kind !== 'paragraph') return;
    this.frames.pop();
    const b = frame.b;
    this.closeTargetsFrom(b, 0);
    const paragraph = paragraphBlock(this.context.styles, this.context.numbering, b);
    const container = this.container();
    if (b.markDeleted) {
      // Accepting the deletion of a paragraph mark joins the paragraph to the next one, which keeps its own properties.
      if (container.carry) container.carry.inlines.push(...paragraph.inlines);
      else container.carry = paragraph;
    } else {
      if (container.carry) {
        paragraph.inlines = joinInlines(container.carry.inlines, paragraph.inlines);
        container.carry = undefined;
      }
      this.emit(paragraph);
    }
    for (const block of b.after) this.emit(block);
  }

  private closeCell(): void {
    const frame = this.frames.at(-1);
    if (frame?.kind !== 'container' || frame.note || frame.textBox || frame === this.frames[0]) return;
    this.frames.pop();
    this.flushCarry(frame);
    const row = this.top('table')?.row;
    if (row) row.cells.push({ blocks: frame.blocks, ...(frame.colspan !== undefined ? { colspan: frame.colspan } : {}) });
  }

  private openNote(name: string, el: XmlElement): void {
    const type = wAttr(el, 'type');
    // Separators and continuation notices are typed; a note written by an author has no type (or "normal").
    const keep = type === undefined || type === 'normal';
    this.frames.push({
      kind: 'container',
      blocks: [],
      note: { kind: name === 'w:footnote' ? 'footnote' : 'endnote', id: wAttr(el, 'id') ?? '', keep },
    });
  }

  private closeNote(): void {
    const frame = this.frames.at(-1);
    if (frame?.kind !== 'container' || !frame.note) return;
    this.frames.pop();
    this.flushCarry(frame);
    if (!frame.note.keep) return;
    // Word writes the note's own mark (w:footnoteRef, not kept) followed by a space; the space belongs to the mark.
    const first = frame.blocks[0];
    const text = first?.kind === 'paragraph' ? first.inlines[0] : undefined;
    if (first?.kind === 'paragraph' && text?.kind === 'text') {
      text.text = text.text.replace(/^[ \t]+/, '');
      if (text.text === '') first.inlines.shift();
    }
    this.notes.push({ kind: frame.note.kind, id: frame.note.id, blocks: frame.blocks });
  }

  private flushCarry(container: ContainerFrame): void {
    if (!container.carry) return;
    const carry = container.carry;
    container.carry = undefined;
    if (carry.inlines.length > 0) container.blocks.push(carry);
  }

  /** Adds a block where it belongs: after the paragraph a text box is anchored in, else in the innermost container. */
  private emit(block: Block): void {
    const frame = this.frames.at(-1);
    if (frame?.kind === 'paragraph') {
      frame.b.after.push(block);
      return;
    }
    const container = this.container();
    if (block.kind === 'table') this.flushCarry(container);
    container.blocks.push(block);
  }

  private container(): ContainerFrame {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i]!;
      if (frame.kind === 'container') return frame;
    }
    return this.frames[0] as ContainerFrame;
  }

  private paragraph(): ParagraphBuilder | undefined {
    const frame = this.frames.at(-1);
    return frame?.kind === 'paragraph' ? frame.b : undefined;
  }

  /** The table whose row or cell is being read: it is the innermost frame between its cells. */
  private top(kind: 'table'): TableFrame | undefined {
    const frame = this.frames.at(-1);
    return frame?.kind === kind ? frame : undefined;
  }

  private count(): void {
    if (++this.pieces > MAX_PIECES) {
      throw new AppError('upload.unsafe', { detail: `more than ${MAX_PIECES} paragraphs, table cells and pieces of text` });
    }
  }
}
