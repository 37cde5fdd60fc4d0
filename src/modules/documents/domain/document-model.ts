// One neutral model of an official document (a letter with its annexes and enclosures), from which every format is
// rendered: DOCX, HTML, Akoma Ntoso XML and plain text (PDF is converted from the DOCX). Composing a document (the
// wording, the order, the numbering) happens once, into this model; a renderer only lays it out, so the formats
// cannot disagree on a word. Pure data: JSON-serialisable, so a generation stores the exact input it rendered and a
// rebuild from it gives the same bytes. A 'content' block carries a delegation's statement as read from its Word file;
// its pictures are named by hash, and their bytes reach the renderers beside the model (RenderResources).
import { z } from 'zod';
import type { StatementContentJson } from '../../../kernel/ooxml/content-model.js';
import { contentPictures, contentText, type RenderResources } from './content.js';
import { statementContentSchema } from './content-schema.js';
import { LANGUAGE_NAMES, OFFICIAL_LANGUAGES, type OfficialLanguage } from '../../../kernel/i18n/languages.js';

export type { RenderResources, DocumentImage } from './content.js';

const text = z.string().min(1);

/**
 * The blocks a part of a document is made of. Numbers and letters are carried, not computed by the renderer, so
 * every format shows the same "7." and "(c)".
 */
export const blockSchema = z.discriminatedUnion('kind', [
  /** A plain paragraph of running text. */
  z.object({ kind: z.literal('paragraph'), text }),
  /** A numbered paragraph: "7. The discussion may focus on ...". */
  z.object({ kind: z.literal('numbered'), number: z.number().int().positive(), text }),
  /** A lettered item under a numbered paragraph: "(a) How can ...". */
  z.object({ kind: z.literal('lettered'), label: z.string().regex(/^[a-z]{1,3}$/), text }),
  /** A bulleted item. */
  z.object({ kind: z.literal('bullet'), text }),
  /** A section heading, "I. Background": `number` is the Roman numeral, when the section has one. */
  z.object({
    kind: z.literal('heading'),
    number: z
      .string()
      .regex(/^[IVXLCDM]+$/)
      .optional(),
    text,
  }),
  /** "(Signed) Zhang Jun", then the signer's function, one line each. */
  z.object({ kind: z.literal('signature'), name: text, lines: z.array(text) }),
  /**
   * A statement reproduced as it was written: paragraphs with their formatting, links, lists, tables, pictures and
   * notes. `dir` and `lang` are the statement's direction and language (an Arabic statement in an English
   * compilation), set on the whole block; each paragraph keeps its own direction too.
   */
  z.object({
    kind: z.literal('content'),
    content: statementContentSchema,
    dir: z.enum(['rtl', 'ltr']).optional(),
    lang: z.enum(OFFICIAL_LANGUAGES).optional(),
  }),
]);
export type Block = z.infer<typeof blockSchema>;

/** What a letter carries (an annex) or what an annex carries (an enclosure). */
export interface Attachment {
  kind: 'annex' | 'enclosure';
  /** "Annex to the letter dated 5 May 2021 from ...", "Annex I", "Enclosure". */
  heading: string;
  /** The language the attachment was written in, shown as "[Original: Chinese]"; omitted when not stated. */
  original?: OfficialLanguage;
  /** The attachment's own title, in bold under its heading; may run over several lines. */
  title: string[];
  blocks: Block[];
  attachments: Attachment[];
}

export const attachmentSchema: z.ZodType<Attachment> = z.lazy(() =>
  z.object({
    kind: z.enum(['annex', 'enclosure']),
    heading: text,
    original: z.enum(OFFICIAL_LANGUAGES).optional(),
    title: z.array(text),
    blocks: z.array(blockSchema),
    attachments: z.array(attachmentSchema),
  }),
);

export const documentModelSchema = z.object({
  /** What kind of document this is: names the Akoma Ntoso `doc` and the file names. */
  type: z.enum(['announcement_letter', 'compilation']),
  /** The issuing organ, for the header block: "Security Council". */
  organ: text,
  /** "S/2021/442"; null for a draft that has no symbol yet (the header then says "Draft"). */
  symbol: z.string().min(1).nullable(),
  /** "General". */
  distribution: text,
  /** The date of issue, 'YYYY-MM-DD'; written "5 May 2021". */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The languages the text was written in ("Original: English"; a compilation may list several). */
  originals: z.array(z.enum(OFFICIAL_LANGUAGES)).min(1),
  /** The language of this version. */
  language: z.enum(OFFICIAL_LANGUAGES),
  /** "Letter dated 5 May 2021 from the Permanent Representative of China to the United Nations addressed to the Secretary-General" */
  title: text,
  /** The letter itself, ending with its signature block. */
  blocks: z.array(blockSchema),
  attachments: z.array(attachmentSchema),
  /** Where the document lives, for Akoma Ntoso identifiers: '/debates/sc-2021-05-24-peacekeepers-safety'. */
  workPath: z.string().regex(/^\/[a-z0-9/-]+$/),
});
export type DocumentModel = z.infer<typeof documentModelSchema>;

/** "5 May 2021" for '2021-05-05': the UN's date form, language-independent digits, no leading zero. */
export function formatIsoDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const month = new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  return `${d} ${month} ${y}`;
}

/** "Original: English" / "Original: Chinese and English" for the header block. */
export function originalsLine(originals: readonly OfficialLanguage[]): string {
  const names = originals.map((l) => LANGUAGE_NAMES[l]);
  const list = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `Original: ${list}`;
}

/** The lines of the signature block as they are printed: "(Signed) Zhang Jun", then the function lines. */
export function signatureLines(block: Extract<Block, { kind: 'signature' }>): string[] {
  return [`(Signed) ${block.name}`, ...block.lines];
}

/** Where a block's text starts in the document: the number its first note takes, and the pictures that can be shown. */
export interface TextContext {
  /** Notes are numbered through the document (content.ts); 1 unless given. */
  firstNote?: number;
  resources?: RenderResources;
}

/**
 * How a block reads as text, its number or letter included ("7. ...", "(a) ..."): one line, except a signature (a
 * line each) and a statement's content (a line per paragraph, then its notes; the convention is in content.ts).
 */
export function blockText(block: Block, context: TextContext = {}): string {
  return blockLines(block, context.firstNote ?? 1, context.resources).lines.join('\n');
}

/** A block's lines, and the number the next block's first note takes. */
function blockLines(block: Block, firstNote: number, resources: RenderResources | undefined): { lines: string[]; next: number } {
  if (block.kind === 'content') {
    const text = contentText(block.content, firstNote, resources);
    return { lines: [...text.lines, ...text.notes.flatMap((n) => n.lines)], next: text.next };
  }
  return { lines: [singleBlockText(block)], next: firstNote };
}

function singleBlockText(block: Exclude<Block, { kind: 'content' }>): string {
  switch (block.kind) {
    case 'paragraph':
    case 'bullet':
      return block.text;
    case 'numbered':
      return `${block.number}. ${block.text}`;
    case 'lettered':
      return `(${block.label}) ${block.text}`;
    case 'heading':
      return block.number ? `${block.number}. ${block.text}` : block.text;
    case 'signature':
      return signatureLines(block).join('\n');
  }
}

/** The header's symbol slot: the symbol, or "Draft" before one is issued. */
export function symbolOrDraft(model: Pick<DocumentModel, 'symbol'>): string {
  return model.symbol ?? 'Draft';
}

/**
 * The document as plain text, one paragraph a line, in reading order: the header block, the title, the letter and
 * then each attachment depth first. The golden test reads this, and the other formats are checked against it. The
 * resources decide which pictures are shown (a picture that is not reads as its alternative text, as every format
 * writes it), so the text is compared with a rendering given the same resources.
 */
export function documentText(model: DocumentModel, resources?: RenderResources): string {
  const lines: string[] = [
    'United Nations',
    model.organ,
    symbolOrDraft(model),
    `Distr.: ${model.distribution}`,
    formatIsoDate(model.date),
    originalsLine(model.originals),
    '',
    model.title,
    '',
  ];
  let note = 1;
  const blocks = (bs: Block[]) => {
    for (const b of bs) {
      const text = blockLines(b, note, resources);
      lines.push(...text.lines);
      note = text.next;
    }
  };
  const attachment = (a: Attachment) => {
    lines.push('', a.heading);
    if (a.original) lines.push(`[Original: ${LANGUAGE_NAMES[a.original]}]`);
    lines.push(...a.title);
    blocks(a.blocks);
    for (const child of a.attachments) attachment(child);
  };
  blocks(model.blocks);
  for (const a of model.attachments) attachment(a);
  return `${lines.join('\n')}\n`;
}

/** The blocks of the document in reading order: the letter's, then each attachment's, depth first. */
export function documentBlocks(model: Pick<DocumentModel, 'blocks' | 'attachments'>): Block[] {
  const out: Block[] = [...model.blocks];
  const attachment = (a: Attachment) => {
    out.push(...a.blocks);
    a.attachments.forEach(attachment);
  };
  model.attachments.forEach(attachment);
  return out;
}

/**
 * The SHA-256 of every picture the document's statements show, each once, in reading order: the images a renderer's
 * resources should hold.
 */
export function documentPictures(model: Pick<DocumentModel, 'blocks' | 'attachments'>): string[] {
  const found = new Set<string>();
  for (const b of documentBlocks(model)) if (b.kind === 'content') for (const sha of contentPictures(b.content)) found.add(sha);
  return [...found];
}

/** A block holding a statement as written, for code that builds models (the compilation). */
export type ContentBlock = Extract<Block, { kind: 'content' }>;
export type { StatementContentJson };

/** Roman numerals for headings and annex numbers: 1 → I, 4 → IV, 14 → XIV. */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`toRoman: ${n} is out of range`);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = n;
  let out = '';
  for (const [value, numeral] of table) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}

/** Item labels a, b, ..., z, aa, ab, ... for lettered questions (0 → a). */
export function toLetterLabel(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}
