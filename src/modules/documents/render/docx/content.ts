// A statement's content (a 'content' block) as WordprocessingML, for the DOCX renderer: paragraphs of runs with their
// formatting, links, Word's own list numbering, tables with borders and header rows, pictures embedded, and notes as
// real footnotes, so the statement reads in Word as it was written.
//
// - Footnotes and endnotes both become footnotes at the foot of the page (a compilation has no "end" of a statement
//   for an endnote to go to, and one sequence of numbers keeps all formats alike); Word numbers them through the
//   document in the order of their marks, which is the numbering of domain/content.ts. A note cannot hold a table in the
//   docx package, so a table in a note is written as its cells' paragraphs, in the order the text convention reads them.
// - Lists use real Word numbering: each run of list paragraphs is a list of its own (numbering starts again at 1),
//   ordered items are numbered 1., (a), (i) by level and unordered ones get a bullet per level.
// - A picture is drawn at its pixel size at 96 dpi, scaled down to the width of the text when wider; a picture whose
//   bytes are missing, or not a PNG, JPEG or GIF, is written as its placeholder text (domain/content.ts).
// - The statement's language goes on every run (w:lang), and a paragraph keeps its direction (w:bidi); runs of
//   right-to-left script are marked w:rtl, as Word marks what is typed in Arabic, so they are shaped and ordered as such.
import {
  AlignmentType,
  BorderStyle,
  ExternalHyperlink,
  FootnoteReferenceRun,
  ImageRun,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  Tab,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type {
  Block as ContentBlock,
  Inline,
  NoteReferenceInline,
  ParagraphBlock,
  ParagraphStyle,
  TableRow as ContentTableRow,
} from '../../../../kernel/ooxml/content-model.js';
import {
  numberNotes,
  picturePlaceholder,
  shownPicture,
  type NumberedNote,
  type RenderResources,
  type ShownPicture,
} from '../../domain/content.js';
import { contentRuns, linkTarget, MAX_LIST_LEVEL, TEXT_MARKS } from '../../domain/content-walk.js';
import type { OfficialLanguage } from '../../../../kernel/i18n/languages.js';
import type { ContentBlock as ModelContentBlock } from '../../domain/document-model.js';
import { legalXmlText } from '../xml-text.js';
import { contentListDefinition } from './styles.js';

export interface DocxContentLayout {
  /** The paragraph style of each kind of paragraph of a statement, and of a note's paragraphs. */
  styles: Record<ParagraphStyle, string> & { note: string };
  /** Where the body text starts, from the margin, in twips: lists and tables line up with it. */
  bodyIndent: number;
  /** The width the text may take, in twips, for tables and pictures. */
  textWidth: number;
  /** `w:lang` values for each official language. */
  languageTags: Record<OfficialLanguage, string>;
}

/** A twip is 1/1440 inch; a pixel at 96 dpi is 15 twips. */
const TWIPS_PER_PIXEL = 15;
/** A picture with no readable size is drawn in a 4:3 box of this width. */
const FALLBACK_WIDTH_PX = 320;

/** Strong right-to-left characters: Hebrew, Arabic, Syriac, Thaana, NKo and the Arabic presentation forms. */
const RTL_SCRIPT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

const ALIGNMENT = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

interface RunMarks {
  bold?: true;
  italic?: true;
  underline?: true;
  superscript?: true;
  subscript?: true;
}

interface Scope {
  /** The note each mark of the body refers to; marks inside notes have none. */
  notes: ReadonlyMap<NoteReferenceInline, NumberedNote>;
  lang: OfficialLanguage | undefined;
  /** Inside a link: a link within it is written as its text, as Word cannot nest links. */
  inLink: boolean;
}

/** Writes the content blocks of one document; keeps the counters that must be unique across the document. */
export class DocxContentWriter {
  /** wp:docPr ids, which Word wants unique in the document; given here so that they do not come from a global counter. */
  private pictures = 0;
  private lists = 0;

  constructor(
    private readonly layout: DocxContentLayout,
    private readonly resources: RenderResources | undefined,
  ) {}

  /** The block's paragraphs and tables, in reading order. */
  block(block: ModelContentBlock): (Paragraph | Table)[] {
    // Only the mark-to-note pairing is needed: Word numbers footnotes itself, in the same order as domain/content.ts.
    const { noteOf } = numberNotes(block.content, 1);
    return this.blocks(block.content.blocks, { notes: noteOf, lang: block.lang, inLink: false }, block.dir === 'rtl');
  }

  private blocks(blocks: readonly ContentBlock[], scope: Scope, rtlTables: boolean): (Paragraph | Table)[] {
    const out: (Paragraph | Table)[] = [];
    for (const run of contentRuns(blocks)) {
      if (run.kind === 'table') {
        const table = this.table(run.rows, scope, rtlTables);
        if (table) out.push(table);
      } else if (run.kind === 'list') {
        // Each run of list paragraphs is a list of its own: Word numbers it from 1 again.
        const list = ++this.lists;
        for (const item of run.items) out.push(this.paragraph(item, scope, list));
      } else {
        out.push(this.paragraph(run.paragraph, scope, undefined));
      }
    }
    return out;
  }

  private paragraph(
    p: ParagraphBlock,
    scope: Scope,
    list: number | undefined,
    options: { style?: string; before?: ParagraphChild[] } = {},
  ): Paragraph {
    return new Paragraph({
      style: options.style ?? this.layout.styles[p.style ?? 'normal'],
      ...(p.rtl ? { bidirectional: true } : {}),
      ...(p.align ? { alignment: ALIGNMENT[p.align] } : {}),
      ...(p.list && list !== undefined
        ? {
            numbering: {
              reference: contentListDefinition(p.list.ordered, this.layout.bodyIndent),
              level: Math.min(p.list.level, MAX_LIST_LEVEL),
              instance: list,
              custom: true,
            },
          }
        : {}),
      children: [...(options.before ?? []), ...this.runs(p.inlines, {}, scope)],
    });
  }

  private runs(inlines: readonly Inline[], marks: RunMarks, scope: Scope): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const inline of inlines) {
      switch (inline.kind) {
        case 'text':
          out.push(...this.textRuns(inline.text, { ...marks, ...pickMarks(inline) }, scope));
          break;
        case 'link': {
          const href = linkTarget(inline, scope.inLink);
          const children = this.runs(inline.children, marks, { ...scope, inLink: true });
          if (href === undefined) out.push(...children);
          else out.push(new ExternalHyperlink({ link: href, children }));
          break;
        }
        case 'break':
          out.push(new TextRun({ break: 1 }));
          break;
        case 'footnote': {
          const note = scope.notes.get(inline);
          if (note) out.push(new FootnoteReferenceRun({ children: this.noteParagraphs(note, scope) }));
          break;
        }
        case 'image': {
          const picture = shownPicture(inline, this.resources);
          if (picture) out.push(this.picture(picture, inline.alt));
          else out.push(...this.textRuns(picturePlaceholder(inline), marks, scope));
          break;
        }
      }
    }
    return out;
  }

  /** A piece of text as one run, its tabs as Word tabs; characters XML cannot carry are dropped. */
  private textRuns(raw: string, marks: RunMarks, scope: Scope): TextRun[] {
    const text = legalXmlText(raw).replace(/\n/g, ' ');
    if (text === '') return [];
    const children: (string | Tab)[] = [];
    text.split('\t').forEach((piece, i) => {
      if (i > 0) children.push(new Tab());
      if (piece !== '') children.push(piece);
    });
    return [new TextRun({ ...this.runOptions(marks, scope, RTL_SCRIPT.test(text)), children })];
  }

  private runOptions(marks: RunMarks, scope: Scope, rtl: boolean): IRunOptions {
    const lang = scope.lang;
    const tag = lang ? this.layout.languageTags[lang] : undefined;
    return {
      // Complex-script text (Arabic) takes its bold and italic from the complex-script properties.
      ...(marks.bold ? { bold: true, boldComplexScript: true } : {}),
      ...(marks.italic ? { italics: true, italicsComplexScript: true } : {}),
      ...(marks.underline ? { underline: {} } : {}),
      ...(marks.superscript ? { superScript: true } : marks.subscript ? { subScript: true } : {}),
      ...(rtl ? { rightToLeft: true } : {}),
      ...(tag
        ? { language: lang === 'ar' ? { value: tag, bidirectional: tag } : lang === 'zh' ? { value: tag, eastAsia: tag } : { value: tag } }
        : {}),
    };
  }

  /**
   * A note's paragraphs, in the footnote text style. The docx package puts the note's own mark at the start of the
   * first paragraph; a space follows it, as Word writes. A table is written as its cells' paragraphs.
   */
  private noteParagraphs(note: NumberedNote, scope: Scope): Paragraph[] {
    const inner: Scope = { ...scope, notes: new Map(), inLink: false };
    const paragraphs: ParagraphBlock[] = [];
    const flatten = (blocks: readonly ContentBlock[]) => {
      for (const b of blocks) {
        if (b.kind === 'paragraph') paragraphs.push(b);
        else for (const row of b.rows) for (const cell of row.cells) flatten(cell.blocks);
      }
    };
    // A note starting with a table has its mark on a paragraph of its own, as the text convention reads it.
    if (note.blocks[0]?.kind !== 'paragraph') paragraphs.push({ kind: 'paragraph', rtl: false, inlines: [] });
    flatten(note.blocks);
    return paragraphs.map((p, i) =>
      this.paragraph({ ...p, list: undefined }, inner, undefined, {
        style: this.layout.styles.note,
        ...(i === 0 ? { before: [new TextRun(' ')] } : {}),
      }),
    );
  }

  private picture(picture: ShownPicture, alt: string): ImageRun {
    const id = ++this.pictures;
    const maxWidth = Math.floor(this.layout.textWidth / TWIPS_PER_PIXEL);
    let width = picture.width ?? FALLBACK_WIDTH_PX;
    let height = picture.height ?? Math.round((FALLBACK_WIDTH_PX * 3) / 4);
    if (width > maxWidth) {
      height = Math.max(1, Math.round((height * maxWidth) / width));
      width = maxWidth;
    }
    const type = picture.mediaType === 'image/png' ? 'png' : picture.mediaType === 'image/jpeg' ? 'jpg' : 'gif';
    return new ImageRun({
      type,
      data: picture.bytes,
      transformation: { width, height },
      altText: { id: String(id), name: `Picture ${id}`, description: legalXmlText(alt) },
    });
  }

  /** A table with single borders, its header rows repeated on each page; rows without cells are left out (Word needs one). */
  private table(rows: readonly ContentTableRow[], scope: Scope, rtl: boolean): Table | undefined {
    if (rows.length === 0) return undefined;
    const columns = Math.max(...rows.map((r) => r.cells.reduce((n, c) => n + (c.colspan ?? 1), 0)));
    const width = this.layout.textWidth;
    const column = Math.floor(width / columns);
    const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
    return new Table({
      width: { size: width, type: WidthType.DXA },
      columnWidths: Array.from({ length: columns }, () => column),
      layout: TableLayoutType.FIXED,
      indent: { size: this.layout.bodyIndent, type: WidthType.DXA },
      borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
      ...(rtl ? { visuallyRightToLeft: true } : {}),
      rows: rows.map(
        (row) =>
          new TableRow({
            ...(row.header ? { tableHeader: true } : {}),
            children: row.cells.map((cell) => {
              const span = cell.colspan ?? 1;
              const children = this.blocks(cell.blocks, scope, rtl);
              // A cell must end with a paragraph (Word refuses a cell that is empty or ends with a table).
              if (!(children[children.length - 1] instanceof Paragraph)) children.push(new Paragraph({ style: this.layout.styles.normal }));
              return new TableCell({
                width: { size: column * span, type: WidthType.DXA },
                ...(span > 1 ? { columnSpan: span } : {}),
                margins: { top: 40, bottom: 40, left: 80, right: 80 },
                children,
              });
            }),
          }),
      ),
    });
  }
}

function pickMarks(inline: Extract<Inline, { kind: 'text' }>): RunMarks {
  const marks: RunMarks = {};
  for (const mark of TEXT_MARKS) if (inline[mark]) marks[mark] = true;
  return marks;
}
