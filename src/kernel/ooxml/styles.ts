// The style sheet (word/styles.xml): each style's name, outline level, numbering and the run and paragraph
// properties the document model keeps, with what a style does not set itself taken from the style it is based on
// ("Heading 1 Char" from "Default Paragraph Font", a house heading style from "heading 1"); and the document
// defaults (w:docDefaults), which apply under every style.
import { applyParagraphProperty, applyRunProperty, type ParagraphProperties, type RunProperties } from './properties.js';
import { ElementPath, intAttr, onOff, wAttr } from './wml.js';
import { parseXml } from './xml.js';

export interface StyleNumbering {
  numId: string;
  ilvl: number;
}

interface StyleDefinition {
  name?: string;
  basedOn?: string;
  outlineLevel?: number;
  numbering?: StyleNumbering;
  run: RunProperties;
  paragraph: ParagraphProperties;
}

export interface StyleSheet {
  name(id: string): string | undefined;
  outlineLevel(id: string): number | undefined;
  bold(id: string): boolean | undefined;
  numbering(id: string): StyleNumbering | undefined;
  /** A run property from the style or the styles it is based on. */
  run<K extends keyof RunProperties>(id: string, key: K): RunProperties[K] | undefined;
  /** A paragraph property from the style or the styles it is based on. */
  paragraph<K extends keyof ParagraphProperties>(id: string, key: K): ParagraphProperties[K] | undefined;
  /** The names of the style and of the styles it is based on, nearest first. */
  names(id: string): string[];
  /** The paragraph style of a paragraph that names none (w:default="1", usually "Normal"). */
  readonly defaultParagraphStyle: string | undefined;
  /** The document defaults, under every style. */
  readonly defaults: { run: RunProperties; paragraph: ParagraphProperties };
}

// A chain of basedOn longer than this is a loop or a hostile file; Word's own chains are a few steps long.
const MAX_CHAIN = 32;

export function readStyles(bytes: Uint8Array | undefined, part: string): StyleSheet {
  const styles = new Map<string, StyleDefinition>();
  const defaults = { run: {}, paragraph: {} };
  const found = { defaultParagraphStyle: undefined as string | undefined };
  if (bytes) parseStyles(bytes, part, styles, defaults, found);
  const chain = function* (id: string): Generator<StyleDefinition> {
    let current: string | undefined = id;
    for (let steps = 0; current !== undefined && steps < MAX_CHAIN; steps++) {
      const style = styles.get(current);
      if (!style) return;
      yield style;
      current = style.basedOn;
    }
  };
  const inherited = <T>(id: string, pick: (style: StyleDefinition) => T | undefined): T | undefined => {
    for (const style of chain(id)) {
      const value = pick(style);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  return {
    name: (id) => styles.get(id)?.name,
    outlineLevel: (id) => inherited(id, (s) => s.outlineLevel),
    bold: (id) => inherited(id, (s) => s.run.bold),
    numbering: (id) => inherited(id, (s) => s.numbering),
    run: (id, key) => inherited(id, (s) => s.run[key]),
    paragraph: (id, key) => inherited(id, (s) => s.paragraph[key]),
    names: (id) => [...chain(id)].flatMap((s) => (s.name === undefined ? [] : [s.name])),
    defaultParagraphStyle: found.defaultParagraphStyle,
    defaults,
  };
}

function parseStyles(
  bytes: Uint8Array,
  part: string,
  styles: Map<string, StyleDefinition>,
  defaults: { run: RunProperties; paragraph: ParagraphProperties },
  found: { defaultParagraphStyle: string | undefined },
): void {
  const path = new ElementPath();
  let current: StyleDefinition | undefined;
  parseXml(bytes, part, {
    open(el) {
      const name = path.push(el);
      if (name === 'w:style' && path.at(1) === 'w:styles') {
        current = { run: {}, paragraph: {} };
        const id = wAttr(el, 'styleId');
        if (id !== undefined) {
          styles.set(id, current);
          if (wAttr(el, 'type') === 'paragraph' && onOff(wAttr(el, 'default') ?? 'off') && found.defaultParagraphStyle === undefined) {
            found.defaultParagraphStyle = id;
          }
        }
        return;
      }
      if (path.endsWith('w:docDefaults', 'w:rPrDefault', 'w:rPr', name)) applyRunProperty(defaults.run, name, el);
      else if (path.endsWith('w:docDefaults', 'w:pPrDefault', 'w:pPr', name)) applyParagraphProperty(defaults.paragraph, name, el);
      if (!current) return;
      const val = wAttr(el, 'val');
      if (path.endsWith('w:style', 'w:name')) current.name = val;
      else if (path.endsWith('w:style', 'w:basedOn')) current.basedOn = val;
      else if (path.endsWith('w:style', 'w:rPr', name)) applyRunProperty(current.run, name, el);
      else if (path.endsWith('w:style', 'w:pPr', 'w:outlineLvl')) current.outlineLevel = intAttr(el, 'val');
      else if (path.endsWith('w:style', 'w:pPr', 'w:numPr', 'w:numId') && val !== undefined) {
        current.numbering = { numId: val, ilvl: current.numbering?.ilvl ?? 0 };
      } else if (path.endsWith('w:style', 'w:pPr', 'w:numPr', 'w:ilvl')) {
        current.numbering = { numId: current.numbering?.numId ?? '', ilvl: intAttr(el, 'val') ?? 0 };
      } else if (path.endsWith('w:style', 'w:pPr', name)) applyParagraphProperty(current.paragraph, name, el);
    },
    close() {
      if (path.at(0) === 'w:style' && path.at(1) === 'w:styles') current = undefined;
      path.pop();
    },
  });
}
