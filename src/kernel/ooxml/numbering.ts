// Numbering definitions (word/numbering.xml), read only far enough to tell what kind of label Word draws
// before an automatically numbered paragraph: "decimal" (1.), "lowerLetter" ((a)), "upperRoman" (I.), "bullet".
import { ElementPath, intAttr, wAttr } from './wml.js';
import { parseXml } from './xml.js';

export interface NumberingDefinitions {
  /** The w:numFmt of a list's level, after the list's own overrides. */
  format(numId: string, ilvl: number): string | undefined;
}

interface ListInstance {
  abstractId?: string;
  overrides: Map<number, string>;
}

export function readNumbering(bytes: Uint8Array | undefined, part: string): NumberingDefinitions {
  const abstracts = new Map<string, Map<number, string>>();
  const lists = new Map<string, ListInstance>();
  if (bytes) parseNumbering(bytes, part, abstracts, lists);
  return {
    format(numId, ilvl) {
      const list = lists.get(numId);
      if (!list) return undefined;
      return list.overrides.get(ilvl) ?? (list.abstractId === undefined ? undefined : abstracts.get(list.abstractId)?.get(ilvl));
    },
  };
}

function parseNumbering(
  bytes: Uint8Array,
  part: string,
  abstracts: Map<string, Map<number, string>>,
  lists: Map<string, ListInstance>,
): void {
  const path = new ElementPath();
  let levels: Map<number, string> | undefined;
  let list: ListInstance | undefined;
  let level: number | undefined;
  parseXml(bytes, part, {
    open(el) {
      const name = path.push(el);
      if (path.at(1) === 'w:numbering') {
        if (name === 'w:abstractNum') {
          levels = new Map();
          abstracts.set(wAttr(el, 'abstractNumId') ?? '', levels);
        } else if (name === 'w:num') {
          list = { overrides: new Map() };
          lists.set(wAttr(el, 'numId') ?? '', list);
        }
        return;
      }
      if (name === 'w:lvl' || name === 'w:lvlOverride') level = intAttr(el, 'ilvl');
      else if (path.endsWith('w:num', 'w:abstractNumId') && list) list.abstractId = wAttr(el, 'val');
      else if (name === 'w:numFmt' && level !== undefined) {
        const format = wAttr(el, 'val');
        if (format === undefined) return;
        if (path.endsWith('w:abstractNum', 'w:lvl', 'w:numFmt')) levels?.set(level, format);
        else if (path.endsWith('w:lvlOverride', 'w:lvl', 'w:numFmt')) list?.overrides.set(level, format);
      }
    },
    close() {
      if (path.at(1) === 'w:numbering') levels = list = undefined;
      path.pop();
    },
  });
}
