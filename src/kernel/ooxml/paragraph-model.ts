// How a paragraph and a run, as Word formats them, become the document model's: the paragraph's kind (title, heading
// of one of three levels, normal), direction, alignment and list level, from its own properties, its style's and the
// document defaults; a run's marks (bold, italic, underline, raised or lowered) and whether it is hidden. These are
// pure answers from the style sheet and the numbering; the block reader (blocks.ts) asks them as it reads.
import type { Inline, ParagraphAlign, ParagraphBlock, ParagraphStyle, TextInline } from './content-model.js';
import type { NumberingDefinitions } from './numbering.js';
import type { ParagraphProperties, RunProperties } from './properties.js';
import type { StyleSheet } from './styles.js';

/** A run's formatting as the model keeps it. */
export interface RunFormat {
  hidden: boolean;
  marks: Omit<TextInline, 'kind' | 'text'>;
}

/** What the reader has gathered of a paragraph when it closes. */
export interface ParagraphSource {
  style?: string;
  numId?: string;
  ilvl?: number;
  outlineLevel?: number;
  props: ParagraphProperties;
  inlines: Inline[];
}

/**
 * A run's formatting: each property from the run itself, else its character style, else the paragraph's style (or the
 * default paragraph style), else the document defaults.
 */
export function runFormat(styles: StyleSheet, run: RunProperties, runStyle: string | undefined, style: string | undefined): RunFormat {
  const paragraphStyle = style ?? styles.defaultParagraphStyle;
  const get = <K extends keyof RunProperties>(key: K): RunProperties[K] | undefined =>
    run[key] ??
    (runStyle === undefined ? undefined : styles.run(runStyle, key)) ??
    (paragraphStyle === undefined ? undefined : styles.run(paragraphStyle, key)) ??
    styles.defaults.run[key];
  // Word draws complex-script text (a right-to-left run, or one marked w:cs) with the complex-script twins of bold and
  // italic, so an Arabic run with w:bCs alone is bold on the page and one with w:b alone is not.
  const complex = get('rtl') === true || get('complexScript') === true;
  const marks: RunFormat['marks'] = {};
  if (get(complex ? 'boldCs' : 'bold') === true) marks.bold = true;
  if (get(complex ? 'italicCs' : 'italic') === true) marks.italic = true;
  if (get('underline') === true) marks.underline = true;
  const vertAlign = get('vertAlign');
  if (vertAlign === 'superscript') marks.superscript = true;
  if (vertAlign === 'subscript') marks.subscript = true;
  return { hidden: get('hidden') === true, marks };
}

/** The model's paragraph for what was read of it: its kind, direction, list level and alignment, and its inlines. */
export function paragraphBlock(styles: StyleSheet, numbering: NumberingDefinitions, b: ParagraphSource): ParagraphBlock {
  const styleId = b.style ?? styles.defaultParagraphStyle;
  const rtl =
    b.props.bidi ?? (styleId === undefined ? undefined : styles.paragraph(styleId, 'bidi')) ?? styles.defaults.paragraph.bidi ?? false;
  const jc = b.props.jc ?? (styleId === undefined ? undefined : styles.paragraph(styleId, 'jc')) ?? styles.defaults.paragraph.jc;
  const paragraph: ParagraphBlock = {
    kind: 'paragraph',
    style: paragraphStyle(styles, styleId, b.outlineLevel),
    rtl,
    inlines: b.inlines,
  };
  const fromStyle = styleId === undefined ? undefined : styles.numbering(styleId);
  // A paragraph's own w:numPr wins over its style's; numId 0 is Word's way of removing the style's numbering.
  const numId = b.numId !== undefined && b.numId !== '' ? b.numId : fromStyle?.numId;
  if (numId !== undefined && numId !== '' && numId !== '0') {
    const level = b.ilvl ?? fromStyle?.ilvl ?? 0;
    const format = numbering.format(numId, level);
    if (format !== 'none') paragraph.list = { ordered: format !== 'bullet', level };
  }
  const align = alignment(jc, rtl);
  if (align !== undefined) paragraph.align = align;
  return paragraph;
}

/** Whether two texts carry the same marks, so that they can be one text. */
export function sameMarks(a: Omit<TextInline, 'kind' | 'text'>, b: Omit<TextInline, 'kind' | 'text'>): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.superscript === b.superscript &&
    a.subscript === b.subscript
  );
}

/** The inlines of two paragraphs joined, a text on each side of the seam merged when their marks agree. */
export function joinInlines(before: Inline[], after: Inline[]): Inline[] {
  const last = before.at(-1);
  const first = after[0];
  if (last?.kind === 'text' && first?.kind === 'text' && sameMarks(last, first)) {
    return [...before.slice(0, -1), { ...last, text: last.text + first.text }, ...after.slice(1)];
  }
  return [...before, ...after];
}

/** The model's kind of paragraph: a title, a heading of one of three levels, or a normal paragraph. */
function paragraphStyle(styles: StyleSheet, styleId: string | undefined, directOutline: number | undefined): ParagraphStyle {
  if (directOutline !== undefined) return directOutline < 9 ? heading(directOutline) : 'normal';
  if (styleId === undefined) return 'normal';
  // Word writes the built-in styles' names in English ("heading 1", "Title") whatever the language of its menus; the
  // ids may be translated ("berschrift1", "Titre1"), so the names decide.
  for (const name of styles.names(styleId)) {
    const lower = name.toLowerCase();
    if (lower === 'title') return 'title';
    const match = /^heading ([1-9])$/.exec(lower);
    if (match) return heading(Number(match[1]) - 1);
  }
  const level = styles.outlineLevel(styleId);
  return level !== undefined && level < 9 ? heading(level) : 'normal';
}

/** Outline level 0 is a first-level heading; the model has three levels, so deeper headings are third-level ones. */
function heading(level: number): ParagraphStyle {
  return level === 0 ? 'heading1' : level === 1 ? 'heading2' : 'heading3';
}

/**
 * The visible side of w:jc. Word reads "left" and "right" as the start and end of the paragraph (as "start" and
 * "end" are defined), so in a right-to-left paragraph "left" is drawn against the right margin.
 */
function alignment(jc: string | undefined, rtl: boolean): ParagraphAlign | undefined {
  switch (jc) {
    case 'left':
    case 'start':
      return rtl ? 'right' : 'left';
    case 'right':
    case 'end':
      return rtl ? 'left' : 'right';
    case 'center':
      return 'center';
    case 'both':
    case 'distribute':
    case 'lowKashida':
    case 'mediumKashida':
    case 'highKashida':
    case 'thaiDistribute':
      return 'justify';
    default:
      return undefined;
  }
}
