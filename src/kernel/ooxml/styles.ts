// The style sheet (word/styles.xml): each style's name, outline level, numbering and boldness, with what a style
// does not set itself taken from the style it is based on ("Heading 1 Char" from "Default Paragraph Font", a
// house heading style from "heading 1").
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
  bold?: boolean;
  numbering?: StyleNumbering;
}

export interface StyleSheet {
  name(id: string): string | undefined;
  outlineLevel(id: string): number | undefined;
  bold(id: string): boolean | undefined;
  numbering(id: string): StyleNumbering | undefined;
}

// A chain of basedOn longer than this is a loop or a hostile file; Word's own chains are a few steps long.
const MAX_CHAIN = 32;

export function readStyles(bytes: Uint8Array | undefined, part: string): StyleSheet {
  const styles = new Map<string, StyleDefinition>();
  if (bytes) parseStyles(bytes, part, styles);
  const inherited = <K extends keyof StyleDefinition>(id: string, key: K): StyleDefinition[K] | undefined => {
    let current: string | undefined = id;
    for (let steps = 0; current !== undefined && steps < MAX_CHAIN; steps++) {
      const style = styles.get(current);
      if (style?.[key] !== undefined) return style[key];
      current = style?.basedOn;
    }
    return undefined;
  };
  return {
    name: (id) => styles.get(id)?.name,
    outlineLevel: (id) => inherited(id, 'outlineLevel'),
    bold: (id) => inherited(id, 'bold'),
    numbering: (id) => inherited(id, 'numbering'),
  };
}

function parseStyles(bytes: Uint8Array, part: string, styles: Map<string, StyleDefinition>): void {
  const path = new ElementPath();
  let current: StyleDefinition | undefined;
  parseXml(bytes, part, {
    open(el) {
      const name = path.push(el);
      if (name === 'w:style' && path.at(1) === 'w:styles') {
        current = {};
        const id = wAttr(el, 'styleId');
        if (id !== undefined) styles.set(id, current);
        return;
      }
      if (!current) return;
      const val = wAttr(el, 'val');
      if (path.endsWith('w:style', 'w:name')) current.name = val;
      else if (path.endsWith('w:style', 'w:basedOn')) current.basedOn = val;
      else if (path.endsWith('w:style', 'w:pPr', 'w:outlineLvl')) current.outlineLevel = intAttr(el, 'val');
      else if (path.endsWith('w:style', 'w:rPr', 'w:b')) current.bold = onOff(val);
      else if (path.endsWith('w:style', 'w:pPr', 'w:numPr', 'w:numId') && val !== undefined) {
        current.numbering = { numId: val, ilvl: current.numbering?.ilvl ?? 0 };
      } else if (path.endsWith('w:style', 'w:pPr', 'w:numPr', 'w:ilvl')) {
        current.numbering = { numId: current.numbering?.numId ?? '', ilvl: intAttr(el, 'val') ?? 0 };
      }
    },
    close() {
      if (path.at(0) === 'w:style' && path.at(1) === 'w:styles') current = undefined;
      path.pop();
    },
  });
}
