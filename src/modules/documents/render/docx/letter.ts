// The DOCX rendering of a document model, laid out like a United Nations Security Council document: A4, Times New
// Roman 10 pt on 12 pt, justified paragraphs indented from the headings, the first-page header block (organ on the
// left, symbol, distribution, date and original language on the right, a rule under them), the symbol as a running
// header and the page number in the footer from the second page on. Every kind of paragraph has a named style
// ("UN Body", "UN Numbered", ...) so an editor can restyle the document rather than fight direct formatting.
//
// Numbers and letters are written as text followed by a tab, never as Word list numbering: the model carries them, and
// writing them out keeps "7." and "(c)" identical to the HTML, Akoma Ntoso and plain-text renderings (an editor's
// automatic renumbering cannot drift from the other formats either).
//
// A statement's content (a 'content' block) is written by content.ts: its own paragraphs, lists with Word
// numbering, tables, pictures and real footnotes, in the "UN Statement" style and Word's own title, heading and
// footnote styles (restyled to the document's type).
//
//
// The measures and named styles are in styles.ts. The output is byte-for-byte reproducible: package.ts rewrites the
// package the docx library packs so that the same model always gives the same file.
import {
  BorderStyle,
  Document,
  FileChild,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type BaseXmlComponent,
  type IBorderOptions,
} from 'docx';
import { LANGUAGE_NAMES } from '../../../../kernel/i18n/languages.js';
import {
  formatIsoDate,
  originalsLine,
  signatureLines,
  symbolOrDraft,
  type Attachment,
  type Block,
  type DocumentModel,
  type RenderResources,
} from '../../domain/document-model.js';
import { DocxContentWriter } from './content.js';
import { reproducible } from './package.js';
import {
  BODY_INDENT,
  BODY_LINE,
  BODY_SIZE,
  LANGUAGE_TAGS,
  MARGIN,
  PAGE,
  paragraphStyles,
  statementStyles,
  STYLE,
  TEXT_WIDTH,
} from './styles.js';

/**
 * A statement's paragraphs and tables, made only as the document is written, where the statement's place in the body
 * is: the body writes them in its place and lets them go, so that a compilation of a thousand statements never holds
 * every statement's components together with the XML made from them. They are made in reading order all the same, which
 * is the order the content writer numbers lists and pictures in and the order docx numbers notes and links in.
 */
class WrittenInPlace extends FileChild {
  constructor(private readonly make: () => (Paragraph | Table)[]) {
    // The element name is never written: the body writes the components `writtenAs` gives instead.
    super('w:p');
  }

  /** Called once, by the body as it writes its children. */
  override get writtenAs(): readonly BaseXmlComponent[] {
    return this.make();
  }
}

function labelled(style: string, label: string, text: string): Paragraph {
  return new Paragraph({ style, children: [new TextRun({ children: [label, new Tab(), text] })] });
}

/**
 * One block as paragraphs. A bullet is written as the character "•", a tab and the text, so a text extraction reads
 * "•\tAsk your mission's ..." (the bullet, a tab, then exactly the block's text); LibreOffice's plain-text export gives
 * that line as it is.
 */
function blockParagraphs(block: Block, content: DocxContentWriter): FileChild[] {
  switch (block.kind) {
    case 'content':
      return [new WrittenInPlace(() => content.block(block))];
    case 'paragraph':
      return [new Paragraph({ style: STYLE.body, text: block.text })];
    case 'numbered':
      return [labelled(STYLE.numbered, `${block.number}.`, block.text)];
    case 'lettered':
      return [labelled(STYLE.lettered, `(${block.label})`, block.text)];
    case 'bullet':
      return [labelled(STYLE.bullet, '\u2022', block.text)];
    case 'heading':
      return block.number
        ? [labelled(STYLE.heading, `${block.number}.`, block.text)]
        : // Without a numeral nothing hangs: the heading starts where the body text does.
          [new Paragraph({ style: STYLE.heading, indent: { left: BODY_INDENT, hanging: 0 }, text: block.text })];
    case 'signature': {
      const [, ...functionLines] = signatureLines(block);
      const signed = new Paragraph({
        style: STYLE.signature,
        spacing: { before: 480 },
        keepNext: functionLines.length > 0,
        children: [new TextRun('(Signed) '), new TextRun({ text: block.name, bold: true })],
      });
      return [
        signed,
        ...functionLines.map((line, i) => new Paragraph({ style: STYLE.signature, keepNext: i < functionLines.length - 1, text: line })),
      ];
    }
  }
}

function attachmentParagraphs(attachment: Attachment, content: DocxContentWriter): FileChild[] {
  return [
    new Paragraph({ style: STYLE.attachmentHeading, pageBreakBefore: true, text: attachment.heading }),
    ...(attachment.original ? [new Paragraph({ style: STYLE.original, text: `[Original: ${LANGUAGE_NAMES[attachment.original]}]` })] : []),
    ...attachment.title.map((line) => new Paragraph({ style: STYLE.title, text: line })),
    ...attachment.blocks.flatMap((b) => blockParagraphs(b, content)),
    ...attachment.attachments.flatMap((a) => attachmentParagraphs(a, content)),
  ];
}

/**
 * The first page's header block: a borderless table of one row, organ on the left and the document's particulars on
 * the right, with a heavy rule under it. It is in the body, not in the first-page header part, so it reads in order
 * with the text (text extraction, screen readers) and cannot be clipped by the header's height.
 */
function headerBlock(model: DocumentModel): Table {
  const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const left = Math.round(TEXT_WIDTH * 0.55);
  const right = TEXT_WIDTH - left;
  const margins = { top: 0, bottom: 80, left: 0, right: 0 };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: {
      top: none,
      left: none,
      right: none,
      insideHorizontal: none,
      insideVertical: none,
      bottom: { style: BorderStyle.SINGLE, size: 18, color: '000000' },
    },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: left, type: WidthType.DXA },
            margins,
            children: [
              new Paragraph({ style: STYLE.headerOrganisation, text: 'United Nations' }),
              new Paragraph({ style: STYLE.headerOrgan, text: model.organ }),
            ],
          }),
          new TableCell({
            width: { size: right, type: WidthType.DXA },
            margins,
            children: [
              new Paragraph({ style: STYLE.headerSymbol, text: symbolOrDraft(model) }),
              new Paragraph({ style: STYLE.headerLine, text: `Distr.: ${model.distribution}` }),
              new Paragraph({ style: STYLE.headerLine, text: formatIsoDate(model.date) }),
              // A blank line sets the originals apart from the date, as on UN documents.
              new Paragraph({ style: STYLE.headerLine, text: '' }),
              new Paragraph({ style: STYLE.headerLine, text: originalsLine(model.originals) }),
            ],
          }),
        ],
      }),
    ],
  });
}

function buildDocument(model: DocumentModel, resources: RenderResources | undefined): Document {
  const language = LANGUAGE_TAGS[model.language];
  const symbol = symbolOrDraft(model);
  const content = new DocxContentWriter(
    {
      styles: {
        normal: STYLE.statement,
        title: STYLE.statementTitle,
        heading1: STYLE.statementHeading1,
        heading2: STYLE.statementHeading2,
        heading3: STYLE.statementHeading3,
        note: STYLE.note,
      },
      bodyIndent: BODY_INDENT,
      textWidth: TEXT_WIDTH - 2 * BODY_INDENT,
      languageTags: LANGUAGE_TAGS,
    },
    resources,
  );
  // Built in reading order, before the document: the content writer numbers lists and pictures as it goes.
  const body = [
    headerBlock(model),
    new Paragraph({ style: STYLE.title, spacing: { before: 480 }, text: model.title }),
    ...model.blocks.flatMap((b) => blockParagraphs(b, content)),
    ...model.attachments.flatMap((a) => attachmentParagraphs(a, content)),
  ];
  return new Document({
    title: model.title,
    creator: 'United Nations',
    lastModifiedBy: 'United Nations',
    revision: 1,
    styles: {
      default: {
        document: {
          run: {
            // Times New Roman for Latin and Cyrillic text and Arabic script; SimSun for Chinese, as in UN documents.
            font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: 'SimSun' },
            size: BODY_SIZE,
            sizeComplexScript: BODY_SIZE,
            language: { value: language, eastAsia: LANGUAGE_TAGS.zh, bidirectional: LANGUAGE_TAGS.ar },
          },
          paragraph: { spacing: { after: 0, line: BODY_LINE, lineRule: LineRuleType.AT_LEAST } },
        },
        ...statementStyles(),
      },
      paragraphStyles: paragraphStyles(),
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: PAGE,
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 720, footer: 720, gutter: 0 },
          },
        },
        headers: {
          // The first page carries the header block in the body; its header and footer stay empty.
          first: new Header({ children: [new Paragraph({})] }),
          default: new Header({ children: [new Paragraph({ style: STYLE.runningHeader, text: symbol })] }),
        },
        footers: {
          first: new Footer({ children: [new Paragraph({})] }),
          default: new Footer({
            children: [new Paragraph({ style: STYLE.pageNumber, children: [new TextRun({ children: [PageNumber.CURRENT] })] })],
          }),
        },
        children: body,
      },
    ],
  });
}

/**
 * The document as a DOCX file: the same model and pictures always give the same bytes. `resources` holds the bytes of
 * the pictures the statements show (documentPictures); a picture not there is written as its alternative text.
 */
export async function renderDocx(model: DocumentModel, resources?: RenderResources): Promise<Uint8Array> {
  const packed = await Packer.toBuffer(buildDocument(model, resources));
  return reproducible(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength), model.date, LANGUAGE_TAGS[model.language]);
}
