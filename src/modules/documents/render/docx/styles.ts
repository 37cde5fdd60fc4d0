// The DOCX document's measures and named styles: A4 with its margins, the body's indents, Times New Roman 10 pt on
// 12 pt, a named style for every kind of paragraph ("UN Body", "UN Numbered", ...) so an editor can restyle the
// document rather than fight direct formatting, Word's own title, heading and footnote styles restyled to the
// document's type, and the numbering of a statement's lists.
import {
  AlignmentType,
  BorderStyle,
  LevelFormat,
  LineRuleType,
  TabStopType,
  type ILevelsOptions,
  type IParagraphStyleOptions,
  type NumberingDefinition,
} from 'docx';
import { MAX_LIST_LEVEL } from '../../domain/content-walk.js';
import type { OfficialLanguage } from '../../../../kernel/i18n/languages.js';

/** Twips (twentieths of a point) in one centimetre. */
export const CM = 567;
/** A4 portrait, in twips. */
export const PAGE = { width: 11906, height: 16838 } as const;
export const MARGIN = Math.round(2.5 * CM);
export const TEXT_WIDTH = PAGE.width - 2 * MARGIN;
/** The body text's indent from the margin; headings and the title number hang into it (UN "SingleTxt"). */
export const BODY_INDENT = 720;
/** Where the text of a numbered paragraph starts, after "7." and a tab. */
export const NUMBERED_TEXT = 1080;
/** Where the text of a lettered item or a bullet starts: one step further in than a numbered paragraph's. */
export const LETTERED_TEXT = 1620;
export const BULLET_TEXT = 1440;
/** The signature block starts right of centre, as in UN letters. */
export const SIGNATURE_INDENT = Math.round(8 * CM);

/** 10 pt on 12 pt: font sizes are in half-points, line heights in twips. */
export const BODY_SIZE = 20;
export const BODY_LINE = 240;

/**
 * Language tags for `w:lang` and the core properties: the UN's English is British English, French is France's, and
 * so on. `w:lang` has three slots (Latin, East Asian, complex script); the East Asian and complex-script slots are
 * always Chinese and Arabic, so a Chinese or Arabic passage in any language version is spell-checked and shaped as such.
 */
export const LANGUAGE_TAGS: Record<OfficialLanguage, string> = {
  ar: 'ar-SA',
  zh: 'zh-CN',
  en: 'en-GB',
  fr: 'fr-FR',
  ru: 'ru-RU',
  es: 'es-ES',
};

/** Style ids (no spaces, as Word writes them) and their names as an editor sees them. */
export const STYLE = {
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

export function paragraphStyles(): IParagraphStyleOptions[] {
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
export function statementStyles() {
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

/** Each list level is indented this much further, and its number or bullet hangs by as much. */
const LIST_STEP = 567;

/** The bullet of each list level, in turn. */
const BULLETS = ['\u2022', '\u25e6', '\u25aa'] as const;

/** The numbering of a statement's lists, ordered or not, added to the document's by the first paragraph that uses it. */
export function contentListDefinition(ordered: boolean, bodyIndent: number): NumberingDefinition {
  const indent = (level: number) => ({ left: bodyIndent + LIST_STEP * (level + 1), hanging: LIST_STEP });
  const levels: ILevelsOptions[] = Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => {
    const style = { paragraph: { indent: indent(level) } };
    if (!ordered) return { level, format: LevelFormat.BULLET, text: BULLETS[level % 3] as string, alignment: AlignmentType.LEFT, style };
    const kind = level % 3;
    return {
      level,
      format: kind === 0 ? LevelFormat.DECIMAL : kind === 1 ? LevelFormat.LOWER_LETTER : LevelFormat.LOWER_ROMAN,
      text: kind === 0 ? `%${level + 1}.` : `(%${level + 1})`,
      alignment: AlignmentType.LEFT,
      style,
    };
  });
  return { reference: ordered ? 'content-ordered' : 'content-bullets', levels };
}
