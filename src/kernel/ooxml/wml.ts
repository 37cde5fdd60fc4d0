// WordprocessingML vocabulary shared by the part readers: its namespaces, attribute and on/off values, the
// elements the block reader skips or counts as tracked changes and comments, and the path of open elements that
// tells where an element sits (a w:tab in a run is a character, a w:tab in a paragraph's properties is a tab stop).
import type { XmlElement, XmlName } from './xml.js';

/** Transitional (what Word writes) and Strict (ISO/IEC 29500 strict) namespaces. */
const W_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
const MC_NAMESPACE = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Whether a namespace URI is WordprocessingML's (Transitional or Strict). */
export function isWordNamespace(uri: string): boolean {
  return W_NAMESPACES.has(uri);
}

/** 'w:p' for WordprocessingML, 'mc:Fallback' for markup compatibility, '*:x' for anything else. */
export function shortName(el: XmlName): string {
  if (W_NAMESPACES.has(el.uri)) return `w:${el.local}`;
  return el.uri === MC_NAMESPACE ? `mc:${el.local}` : `*:${el.local}`;
}

/** A WordprocessingML attribute (w:val, w:id, ...). */
export function wAttr(el: XmlElement, local: string): string | undefined {
  return el.attributes.find((a) => a.local === local && W_NAMESPACES.has(a.uri))?.value;
}

/** ST_OnOff: the element alone means on; "0", "false" and "off" turn it off. */
export function onOff(value: string | undefined): boolean {
  return value === undefined || !['0', 'false', 'off'].includes(value);
}

export function intAttr(el: XmlElement, local: string): number | undefined {
  const value = wAttr(el, local);
  return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

/** An attribute without a namespace (wp:docPr's descr, v:imagedata's title). */
export function attr(el: XmlElement, local: string): string {
  return el.attributes.find((a) => a.local === local && a.uri === '')?.value ?? '';
}

/** r:id, r:embed: the relationships namespace differs between Transitional and Strict, both end in "relationships". */
export function relationshipAttr(el: XmlElement, local: string): string | undefined {
  return el.attributes.find((a) => a.local === local && a.uri.endsWith('relationships'))?.value;
}

// Elements whose content is not what the reader sees. w:rt is the pronunciation guide printed above ruby text.
export const SKIPPED = new Set([
  'w:del',
  'w:moveFrom',
  'w:rt',
  'mc:Fallback',
  'w:pPrChange',
  'w:rPrChange',
  'w:sectPrChange',
  'w:tblPrChange',
  'w:tblPrExChange',
  'w:trPrChange',
  'w:tcPrChange',
  'w:tblGridChange',
  'w:numberingChange',
]);
// Any of these means the file still holds tracked changes, whether of text or of formatting.
export const TRACKED = new Set([
  'w:ins',
  'w:del',
  'w:moveFrom',
  'w:moveTo',
  'w:pPrChange',
  'w:rPrChange',
  'w:sectPrChange',
  'w:tblPrChange',
  'w:tblPrExChange',
  'w:trPrChange',
  'w:tcPrChange',
  'w:tblGridChange',
  'w:numberingChange',
  'w:cellIns',
  'w:cellDel',
  'w:cellMerge',
]);
export const COMMENT_MARKS = new Set(['w:commentRangeStart', 'w:commentReference']);

/** The names of the open elements, innermost last. */
export class ElementPath {
  private readonly names: string[] = [];

  push(el: XmlName): string {
    const name = shortName(el);
    this.names.push(name);
    return name;
  }

  pop(): void {
    this.names.pop();
  }

  /** The enclosing element `up` levels out from the current one (1 = the parent). */
  at(up: number): string | undefined {
    return this.names[this.names.length - 1 - up];
  }

  /** Whether the path ends with these names (innermost last). */
  endsWith(...names: string[]): boolean {
    const offset = this.names.length - names.length;
    return offset >= 0 && names.every((n, i) => this.names[offset + i] === n);
  }
}
