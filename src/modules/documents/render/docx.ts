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
// A statement's content (a 'content' block) is written by docx-content.ts: its own paragraphs, lists with Word
// numbering, tables, pictures and real footnotes, in the "UN Statement" style and Word's own title, heading and
// footnote styles (restyled to the document's type).
//
// The output is byte-for-byte reproducible: a generation stores the model it rendered, and rendering it again must
// give the same file (same SHA-256). The docx package stamps the current time into docProps/core.xml and into the zip
// entries, and names the relationships of links with random ids, so the package is unpacked, its dates set from the
// document's date, those relationships renamed in order, and packed again with fixed entry times in a fixed order.
import {
  AlignmentType,
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
  TabStopType,
  TextRun,
  WidthType,
  type BaseXmlComponent,
  type IParagraphStyleOptions,
  type IBorderOptions,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { LANGUAGE_NAMES, type OfficialLanguage } from '../../../kernel/i18n/languages.js';
import { invariant } from '../../../kernel/invariant.js';
import {
  formatIsoDate,
  originalsLine,
  signatureLines,
  symbolOrDraft,
  type Attachment,
  type Block,
  type DocumentModel,
  type RenderResources,
} from '../domain/document-model.js';
import { DocxContentWriter } from './docx-content.js';

/** Twips (twentieths of a point) in one centimetre. */
const CM = 567;
/** A4 portrait, in twips. */
const PAGE = { width: 11906, height: 16838 } as const;
const MARGIN = Math.round(2.5 * CM);
const TEXT_WIDTH = PAGE.width - 2 * MARGIN;
/** The body text's indent from the margin; headings and the title number hang into it (UN "SingleTxt"). */
const BODY_INDENT = 720;
/** Where the text of a numbered paragraph starts, after "7." and a tab. */
const NUMBERED_TEXT = 1080;
/** Where the text of a lettered item or a bullet starts: one step further in than a numbered paragraph's. */
const LETTERED_TEXT = 1620;
const BULLET_TEXT = 1440;
/** The signature block starts right of centre, as in UN letters. */
const SIGNATURE_INDENT = Math.round(8 * CM);

/** 10 pt on 12 pt: font sizes are in half-points, line heights in twips. */
const BODY_SIZE = 20;
const BODY_LINE = 240;

/**
 * Language tags for `w:lang` and the core properties: the UN's English is British English, French is France's, and
 * so on. `w:lang` has three slots (Latin, East Asian, complex script); the East Asian and complex-script slots are
 * always Chinese and Arabic, so a Chinese or Arabic passage in any language version is spell-checked and shaped as such.
 */
const LANGUAGE_TAGS: Record<OfficialLanguage, string> = {
  ar: 'ar-SA',
  zh: 'zh-CN',
  en: 'en-GB',
  fr: 'fr-FR',
  ru: 'ru-RU',
  es: 'es-ES',
};

/** Style ids (no spaces, as Word writes them) and their names as an editor sees them. */
const STYLE = {
  body: 'UNBody',
  title: 'UNTitle',
  heading: 'UNHeading',
  numbered: 'UNNumbered',
  lettered: 'UNLettered',
  bullet: 'UNBullet',
  signature: 'UNSignature',
  statement: 'UNStatement',
  // A statement's headings and title take Word's built-in styles (restyled below), so that Word's navigation pane
  // shows them and a reader of the file knows them for headings.
  statementTitle: 'Title',
  statementHeading1: 'Heading1',
  statementHeading2: 'Heading2',
  statementHeading3: 'Heading3',
  note: 'FootnoteText',
  attachmentHeading: 'UNAttachmentHeading',
  original: 'UNOriginal',
  headerOrganisation: 'UNHeaderOrganisation',
  headerOrgan: 'UNHeaderOrgan',
  headerSymbol: 'UNHeaderSymbol',
  headerLine: 'UNHeaderLine',
  runningHeader: 'UNRunningHeader',
  pageNumber: 'UNPageNumber',
} as const;

/**
 * The time of every entry of the re-packed zip. fflate writes DOS times from the local-time fields of the Date it is
 * given, so the Date is built from local-time fields too, when packing (a Date made once would shift if the process's
 * time zone changed): the entries then read 1980-01-01 00:00 (the DOS epoch) whatever the time zone, and the bytes do
 * not depend on where the document was rendered.
 */
const zipEntryTime = () => new Date(1980, 0, 1, 0, 0, 0);

function paragraphStyles(): IParagraphStyleOptions[] {
  const body = {
    alignment: AlignmentType.JUSTIFIED,
    spacing: { after: 120, line: BODY_LINE, lineRule: LineRuleType.AT_LEAST },
    indent: { left: BODY_INDENT, right: BODY_INDENT },
  };
  const hanging = (textAt: number, labelAt: number) => ({
    ...body,
    indent: { left: textAt, hanging: textAt - labelAt, right: BODY_INDENT },
    // The tab after the label goes to where the text starts, whatever the editor's default tab stops.
    tabStops: [{ type: TabStopType.LEFT, position: textAt }],
  });
  const compact = { spacing: { after: 0, line: BODY_LINE, lineRule: LineRuleType.AT_LEAST } };
  const style = (id: string, name: string, options: Omit<IParagraphStyleOptions, 'id' | 'name'>): IParagraphStyleOptions => ({
    id,
    name,
    basedOn: 'Normal',
    next: STYLE.body,
    quickFormat: true,
    ...options,
  });
  return [
    style(STYLE.body, 'UN Body', { paragraph: body }),
    style(STYLE.title, 'UN Title', {
      run: { bold: true, size: 24 },
      paragraph: {
        spacing: { before: 240, after: 240, line: 280, lineRule: LineRuleType.AT_LEAST },
        indent: { left: BODY_INDENT, right: BODY_INDENT },
        keepNext: true,
        keepLines: true,
      },
    }),
    style(STYLE.heading, 'UN Heading', {
      run: { bold: true },
      paragraph: {
        spacing: { before: 240, after: 120, line: BODY_LINE, lineRule: LineRuleType.AT_LEAST },
        // "I." hangs at the margin and the heading's text lines up with the body text.
        indent: { left: BODY_INDENT, hanging: BODY_INDENT, right: BODY_INDENT },
        keepNext: true,
        keepLines: true,
        outlineLevel: 0,
      },
    }),
    style(STYLE.numbered, 'UN Numbered', { paragraph: hanging(NUMBERED_TEXT, BODY_INDENT) }),
    style(STYLE.lettered, 'UN Lettered', { paragraph: hanging(LETTERED_TEXT, NUMBERED_TEXT) }),
    style(STYLE.bullet, 'UN Bullet', { paragraph: hanging(BULLET_TEXT, NUMBERED_TEXT) }),
    // A statement keeps its own alignment: the style sets none, so a paragraph starts at the start of its line (the
    // left in English, the right in Arabic) unless the statement says otherwise.
    style(STYLE.statement, 'UN Statement', { paragraph: { spacing: body.spacing, indent: body.indent } }),
    style(STYLE.signature, 'UN Signature', {
      paragraph: { ...compact, indent: { left: SIGNATURE_INDENT, right: BODY_INDENT }, keepLines: true },
    }),
    style(STYLE.attachmentHeading, 'UN Annex Heading', {
      run: { bold: true, size: 24 },
      paragraph: { spacing: { after: 120, line: 280, lineRule: LineRuleType.AT_LEAST }, keepNext: true, keepLines: true, outlineLevel: 0 },
    }),
    style(STYLE.original, 'UN Original', {
      paragraph: {
        alignment: AlignmentType.RIGHT,
        spacing: { after: 240, line: BODY_LINE, lineRule: LineRuleType.AT_LEAST },
        keepNext: true,
      },
    }),
    style(STYLE.headerOrganisation, 'UN Header Organisation', { paragraph: compact }),
    style(STYLE.headerOrgan, 'UN Header Organ', { run: { bold: true, size: 40 }, paragraph: { spacing: { after: 0 } } }),
    style(STYLE.headerSymbol, 'UN Header Symbol', { run: { size: 32 }, paragraph: { spacing: { after: 60 } } }),
    style(STYLE.headerLine, 'UN Header Line', { paragraph: compact }),
    style(STYLE.runningHeader, 'UN Running Header', {
      run: { bold: true, size: 17 },
      paragraph: {
        alignment: AlignmentType.RIGHT,
        spacing: { after: 0 },
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 2 } },
      },
    }),
    style(STYLE.pageNumber, 'UN Page Number', {
      run: { bold: true, size: 17 },
      paragraph: { alignment: AlignmentType.RIGHT, spacing: { after: 0 } },
    }),
  ];
}

/**
 * Word's built-in title, heading and footnote styles, in the document's type: a statement's title and headings are
 * bold body-size text indented like the body (the annex heading above them is the document's own heading), and
 * footnotes are 8 pt.
 */
function statementStyles() {
  const heading = (outlineLevel: number) => ({
    run: { bold: true, size: BODY_SIZE, color: '000000' },
    paragraph: {
      spacing: { before: 240, after: 120, line: BODY_LINE, lineRule: LineRuleType.AT_LEAST },
      indent: { left: BODY_INDENT, right: BODY_INDENT },
      keepNext: true,
      keepLines: true,
      outlineLevel,
    },
  });
  return {
    title: heading(1),
    heading1: heading(1),
    heading2: heading(2),
    heading3: heading(3),
    footnoteText: { run: { size: 16 }, paragraph: { spacing: { after: 40 }, indent: { left: BODY_INDENT, right: BODY_INDENT } } },
  };
}

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

/** Replaces one element's text in docProps/core.xml, failing loudly if the docx package ever stops writing it. */
function setCoreElement(xml: string, element: string, value: string): string {
  const pattern = new RegExp(`(<${element}\\b[^>]*>)[^<]*(</${element}>)`);
  invariant(pattern.test(xml), `docProps/core.xml has no ${element}`);
  return xml.replace(pattern, `$1${value}$2`);
}

/**
 * `text` with the value of every `marker` + value + `"` whose value `names` holds replaced by its new name, in one pass
 * (a document can hold thousands of links: replacing them one by one would copy the whole part for each).
 */
function renameQuoted(text: string, marker: string, names: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  let copied = 0;
  let at = text.indexOf(marker);
  while (at >= 0) {
    const start = at + marker.length;
    const end = text.indexOf('"', start);
    if (end < 0) break;
    const name = names.get(text.slice(start, end));
    if (name === undefined) {
      at = text.indexOf(marker, at + 1);
      continue;
    }
    parts.push(text.slice(copied, start), name);
    copied = end;
    at = text.indexOf(marker, end);
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

const EQUALS = 0x3d;
const QUOTE = 0x22;

/**
 * The same as `renameQuoted(text, '="', names)`, on the UTF-8 bytes of a part rather than on its text: the document
 * part of a large compilation is tens of megabytes, and decoding it to a string and encoding it again would take as
 * much memory again, twice. The markers and the new names are ASCII, and an ASCII byte is never part of another
 * character in UTF-8, so the bytes are those of the text renamed. Only a value as long as one of the names, and
 * starting as one of them does, is decoded to be looked up.
 */
function renameQuotedBytes(data: Uint8Array, names: ReadonlyMap<string, string>): Uint8Array {
  const lengths = new Set<number>();
  const firstBytes = new Set<number>();
  for (const id of names.keys()) {
    const bytes = strToU8(id);
    lengths.add(bytes.length);
    if (bytes.length > 0) firstBytes.add(bytes[0] as number);
  }
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const chunks: Uint8Array[] = [];
  let copied = 0;
  let size = 0;
  for (let at = data.indexOf(EQUALS); at >= 0 && at + 1 < data.length; at = data.indexOf(EQUALS, at + 1)) {
    if (data[at + 1] !== QUOTE) continue;
    const start = at + 2;
    const end = data.indexOf(QUOTE, start);
    if (end < 0) break;
    if (!lengths.has(end - start) || (end > start && !firstBytes.has(data[start] as number))) continue;
    const name = names.get(decoder.decode(data.subarray(start, end)));
    if (name === undefined) continue;
    const before = data.subarray(copied, start);
    const renamed = strToU8(name);
    chunks.push(before, renamed);
    size += before.length + renamed.length;
    copied = end;
    at = end - 1;
  }
  if (chunks.length === 0) return data;
  const rest = data.subarray(copied);
  chunks.push(rest);
  size += rest.length;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Renames the relationships the docx package names with random ids (links, "rId" and a random string) to "rIdLink1",
 * "rIdLink2"... in the order of each relationships part, which is the order the links were written in, and the
 * references to them in the part they belong to (word/_rels/footnotes.xml.rels belongs to word/footnotes.xml).
 */
function renameRandomRelationships(files: Record<string, Uint8Array>): void {
  for (const relsPath of Object.keys(files).filter((name) => /(^|\/)_rels\/[^/]+\.rels$/.test(name))) {
    const owner = relsPath.replace(/(^|\/)_rels\/([^/]+)\.rels$/, '$1$2');
    const rels = files[relsPath];
    if (!rels) continue;
    const relsXml = strFromU8(rels);
    const random = [...relsXml.matchAll(/ Id="([^"]+)"/g)].map((m) => m[1] as string).filter((id) => !/^rId\d+$/.test(id));
    if (random.length === 0) continue;
    // Numbered by their place among the random ids (an id listed twice keeps the number of its first place).
    const renamed = new Map<string, string>();
    random.forEach((id, i) => {
      if (!renamed.has(id)) renamed.set(id, `rIdLink${i + 1}`);
    });
    files[relsPath] = strToU8(renameQuoted(relsXml, ' Id="', renamed));
    const ownerData = files[owner];
    if (ownerData) files[owner] = renameQuotedBytes(ownerData, renamed);
  }
}

/**
 * Makes the package reproducible: the created and modified dates become the document's date at midnight UTC, the
 * core properties gain the document's language (docx has no option for dc:language), the random relationship ids
 * are renamed in order, and the zip is written again with every entry at the same time, `[Content_Types].xml` first
 * (as Office writes it) and the rest by name.
 */
function reproducible(packed: Uint8Array, model: DocumentModel): Uint8Array {
  const files = unzipSync(packed);
  renameRandomRelationships(files);
  const corePath = 'docProps/core.xml';
  const core = files[corePath];
  invariant(core, `the docx package wrote no ${corePath}`);
  const stamp = `${model.date}T00:00:00Z`;
  let coreXml = strFromU8(core);
  coreXml = setCoreElement(coreXml, 'dcterms:created', stamp);
  coreXml = setCoreElement(coreXml, 'dcterms:modified', stamp);
  if (!coreXml.includes('<dc:language>'))
    coreXml = coreXml.replace('</cp:coreProperties>', `<dc:language>${LANGUAGE_TAGS[model.language]}</dc:language></cp:coreProperties>`);
  files[corePath] = strToU8(coreXml);

  const contentTypes = '[Content_Types].xml';
  const names = Object.keys(files)
    .filter((name) => name !== contentTypes)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ordered: Zippable = {};
  for (const name of [contentTypes, ...names]) {
    const data = files[name];
    if (data) ordered[name] = data;
  }
  return zipSync(ordered, { level: 6, mtime: zipEntryTime() });
}

/**
 * The document as a DOCX file: the same model and pictures always give the same bytes. `resources` holds the bytes of
 * the pictures the statements show (documentPictures); a picture not there is written as its alternative text.
 */
export async function renderDocx(model: DocumentModel, resources?: RenderResources): Promise<Uint8Array> {
  const packed = await Packer.toBuffer(buildDocument(model, resources));
  return reproducible(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength), model);
}
