// The run and paragraph properties the document model keeps, read the same way wherever Word writes them: on a
// run or paragraph, in a style, or in the document defaults. Only what changes the meaning or the visible emphasis of
// the text is kept (bold, italic, underline, raised or lowered text, hidden text, direction, alignment, language);
// fonts, sizes and colours are the publisher's to choose.
import { onOff, wAttr } from './wml.js';
import type { XmlElement } from './xml.js';

export interface RunProperties {
  bold?: boolean;
  /** Bold of complex-script text (Arabic, Hebrew...): Word draws those characters with w:bCs, not w:b. */
  boldCs?: boolean;
  italic?: boolean;
  italicCs?: boolean;
  underline?: boolean;
  vertAlign?: 'superscript' | 'subscript' | 'baseline';
  hidden?: boolean;
  /** The run is right-to-left text (w:rtl). */
  rtl?: boolean;
  /** The run is formatted as complex-script text whatever its characters (w:cs). */
  complexScript?: boolean;
  /** w:lang w:val, e.g. 'fr-FR'. */
  lang?: string;
}

export interface ParagraphProperties {
  /** w:jc as written: 'left', 'center', 'right', 'both', 'start', 'end', 'distribute', ... */
  jc?: string;
  bidi?: boolean;
}

/** Applies one child element of a w:rPr; `name` is its short name ('w:b'). */
export function applyRunProperty(props: RunProperties, name: string, el: XmlElement): void {
  const val = wAttr(el, 'val');
  switch (name) {
    case 'w:b':
      props.bold = onOff(val);
      break;
    case 'w:bCs':
      props.boldCs = onOff(val);
      break;
    case 'w:i':
      props.italic = onOff(val);
      break;
    case 'w:iCs':
      props.italicCs = onOff(val);
      break;
    case 'w:u':
      props.underline = val !== undefined && val !== 'none';
      break;
    case 'w:vertAlign':
      if (val === 'superscript' || val === 'subscript' || val === 'baseline') props.vertAlign = val;
      break;
    case 'w:vanish':
      props.hidden = onOff(val);
      break;
    case 'w:rtl':
      props.rtl = onOff(val);
      break;
    case 'w:cs':
      props.complexScript = onOff(val);
      break;
    case 'w:lang':
      if (val !== undefined) props.lang = val;
      break;
  }
}

/** Applies one child element of a w:pPr. */
export function applyParagraphProperty(props: ParagraphProperties, name: string, el: XmlElement): void {
  const val = wAttr(el, 'val');
  if (name === 'w:jc' && val !== undefined) props.jc = val;
  else if (name === 'w:bidi') props.bidi = onOff(val);
}
