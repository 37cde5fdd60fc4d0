// Turns the paragraphs of a WordprocessingML part (the document body, the footnotes) into text and the few
// properties the importers need. The text is what a reader sees in Word with changes accepted: deleted and
// moved-away text is left out, inserted text kept; field codes are left out and their results kept; of the
// two renderings Word writes for a drawing (mc:Choice, mc:Fallback) only the first is read, so text boxes
// are not read twice.
import { AppError } from '../errors.js';
import type { NumberingDefinitions } from './numbering.js';
import type { StyleSheet } from './styles.js';
import { ElementPath, intAttr, onOff, wAttr } from './wml.js';
import type { XmlElement, XmlHandler } from './xml.js';

export interface DocxParagraph {
  text: string;
  /** Style id, e.g. 'Heading1'. */
  style?: string;
  /** Style name from the style sheet, e.g. 'heading 1'. */
  styleName?: string;
  /** 0 for the top level; from the paragraph or its style. */
  outlineLevel?: number;
  /** Word draws a number or bullet before it (w:numPr on the paragraph or its style). */
  numbered: boolean;
  /** The kind of that label (w:numFmt): 'decimal', 'lowerLetter', 'upperRoman', 'bullet', ... */
  numberFormat?: string;
  /** Right-to-left paragraph (w:bidi). */
  rtl: boolean;
  /** Every run that carries visible text is bold. */
  bold: boolean;
  /** Ids of the footnotes referred to in the paragraph, in order; their marks add nothing to the text. */
  footnoteIds: string[];
}

export interface ParagraphContext {
  styles: StyleSheet;
  numbering: NumberingDefinitions;
}

// Elements whose content is not part of the visible text.
// w:rt is the pronunciation guide printed above ruby text, not part of the sentence.
const SKIPPED = new Set(['w:del', 'w:moveFrom', 'w:pPrChange', 'w:rPrChange', 'w:rt', 'mc:Fallback']);
const RUN_CHARACTERS: Record<string, string> = { 'w:tab': '\t', 'w:ptab': '\t', 'w:br': '\n', 'w:cr': '\n', 'w:noBreakHyphen': '-' };
// More paragraphs than any real document has; the bound keeps a file of empty paragraphs from costing memory.
const MAX_PARAGRAPHS = 200_000;

interface Builder {
  text: string[];
  style?: string;
  outlineLevel?: number;
  numId?: string;
  ilvl?: number;
  rtl: boolean;
  runBold?: boolean;
  runStyle?: string;
  runHidden: boolean;
  anyText: boolean;
  allBold: boolean;
  footnoteIds: string[];
}

/** An XML handler that calls `emit` with each paragraph as it closes (a text box's paragraphs before their anchor's). */
export class ParagraphReader implements Required<XmlHandler> {
  private readonly path = new ElementPath();
  private readonly stack: Builder[] = [];
  private skipping = 0;
  private inText = false;
  private count = 0;

  constructor(
    private readonly context: ParagraphContext,
    private readonly emit: (paragraph: DocxParagraph) => void,
  ) {}

  open(el: XmlElement): void {
    const name = this.path.push(el);
    if (this.skipping > 0 || SKIPPED.has(name)) {
      if (SKIPPED.has(name)) this.skipping++;
      return;
    }
    if (name === 'w:p') {
      this.stack.push({ text: [], rtl: false, runHidden: false, anyText: false, allBold: true, footnoteIds: [] });
      return;
    }
    const p = this.stack.at(-1);
    if (!p) return;
    const parent = this.path.at(1);
    if (parent === 'w:pPr' && this.path.at(2) === 'w:p') this.paragraphProperty(p, name, el);
    else if (parent === 'w:numPr' && this.path.endsWith('w:p', 'w:pPr', 'w:numPr', name)) {
      if (name === 'w:numId') p.numId = wAttr(el, 'val');
      if (name === 'w:ilvl') p.ilvl = intAttr(el, 'val');
    } else if (name === 'w:r') {
      p.runBold = p.runStyle = undefined;
      p.runHidden = false;
    } else if (parent === 'w:rPr' && this.path.at(2) === 'w:r') {
      if (name === 'w:b') p.runBold = onOff(wAttr(el, 'val'));
      if (name === 'w:rStyle') p.runStyle = wAttr(el, 'val');
      if (name === 'w:vanish') p.runHidden = onOff(wAttr(el, 'val'));
    } else if (parent === 'w:r' && !p.runHidden) {
      const id = name === 'w:footnoteReference' ? wAttr(el, 'id') : undefined;
      if (name === 'w:t') this.inText = true;
      else if (id !== undefined) p.footnoteIds.push(id);
      else if (RUN_CHARACTERS[name] !== undefined) p.text.push(RUN_CHARACTERS[name]);
    }
  }

  close(): void {
    const name = this.path.at(0);
    this.path.pop();
    if (this.skipping > 0) {
      if (name !== undefined && SKIPPED.has(name)) this.skipping--;
      return;
    }
    if (name === 'w:t') this.inText = false;
    if (name === 'w:p') {
      const builder = this.stack.pop();
      if (builder) this.finish(builder);
    }
  }

  text(text: string): void {
    const p = this.stack.at(-1);
    if (!this.inText || this.skipping > 0 || !p) return;
    p.text.push(text);
    if (text.trim() === '') return;
    p.anyText = true;
    if (!this.runIsBold(p)) p.allBold = false;
  }

  private paragraphProperty(p: Builder, name: string, el: XmlElement): void {
    if (name === 'w:pStyle') p.style = wAttr(el, 'val');
    else if (name === 'w:outlineLvl') p.outlineLevel = intAttr(el, 'val');
    else if (name === 'w:bidi') p.rtl = onOff(wAttr(el, 'val'));
    else if (name === 'w:numPr') p.numId ??= '';
  }

  private runIsBold(p: Builder): boolean {
    const { styles } = this.context;
    if (p.runBold !== undefined) return p.runBold;
    const fromRunStyle = p.runStyle === undefined ? undefined : styles.bold(p.runStyle);
    if (fromRunStyle !== undefined) return fromRunStyle;
    return (p.style === undefined ? undefined : styles.bold(p.style)) ?? false;
  }

  private finish(b: Builder): void {
    if (++this.count > MAX_PARAGRAPHS) throw new AppError('upload.unsafe', { detail: `more than ${MAX_PARAGRAPHS} paragraphs` });
    const { styles, numbering } = this.context;
    const fromStyle = b.style === undefined ? undefined : styles.numbering(b.style);
    // A paragraph's own w:numPr wins over its style's; numId 0 is Word's way of removing the style's numbering.
    const numId = b.numId !== undefined && b.numId !== '' ? b.numId : fromStyle?.numId;
    const numbered = numId !== undefined && numId !== '' && numId !== '0';
    const outlineLevel = b.outlineLevel ?? (b.style === undefined ? undefined : styles.outlineLevel(b.style));
    const paragraph: DocxParagraph = {
      text: b.text.join(''),
      numbered,
      rtl: b.rtl,
      bold: b.anyText && b.allBold,
      footnoteIds: b.footnoteIds,
    };
    if (b.style !== undefined) {
      paragraph.style = b.style;
      const styleName = styles.name(b.style);
      if (styleName !== undefined) paragraph.styleName = styleName;
    }
    // Level 9 is Word's "body text", that is no outline level.
    if (outlineLevel !== undefined && outlineLevel < 9) paragraph.outlineLevel = outlineLevel;
    if (numbered) {
      const format = numbering.format(numId, b.ilvl ?? fromStyle?.ilvl ?? 0);
      if (format !== undefined) paragraph.numberFormat = format;
    }
    this.emit(paragraph);
  }
}
