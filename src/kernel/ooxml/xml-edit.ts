// Edits an XML part in place: elements removed whole, attributes removed or given another value, an element's text
// replaced, and every other character of the part left as it was written (prefixes, quotes, whitespace, declarations,
// the order of attributes), which parsing and serialising again would not keep. The part must have passed parseXml
// first (well-formed, no DOCTYPE, within the depth and text limits): this scanner only finds the tags of a document
// already known to be sound, it does not judge one.
import { AppError } from '../errors.js';

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

export interface EditAttribute {
  uri: string;
  local: string;
  /** The value with its entities replaced. */
  value: string;
  /** From the whitespace before the name to after the closing quote: what removing the attribute takes away. */
  start: number;
  end: number;
  /** The value as written, between the quotes. */
  valueStart: number;
  valueEnd: number;
}

export interface EditElement {
  uri: string;
  local: string;
  /** Namespace declarations are not among them. */
  attributes: readonly EditAttribute[];
  /** The offset of the start tag's "<", and the offset after its ">". */
  start: number;
  tagEnd: number;
  /** Elements open around it (0 for the root). */
  depth: number;
}

export interface EditHandler {
  open?(el: EditElement): void;
  /** `innerEnd` is where the end tag starts (`tagEnd` for an empty element), `end` the offset after the element. */
  close?(el: EditElement, innerEnd: number, end: number): void;
  /** Character data inside the current element, entities replaced (CDATA included). */
  text?(text: string): void;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

export class XmlEditor {
  private readonly edits: Edit[] = [];

  constructor(readonly source: string) {}

  /** Reports every element and text of the part, in document order. */
  walk(handler: EditHandler): void {
    const s = this.source;
    const open: Array<{ el: EditElement; scope: Map<string, string> }> = [];
    let scope = new Map<string, string>([['xml', XML_NAMESPACE]]);
    let i = 0;
    while (i < s.length) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        if (open.length > 0) handler.text?.(decodeEntities(s.slice(i)));
        break;
      }
      if (lt > i && open.length > 0) handler.text?.(decodeEntities(s.slice(i, lt)));
      if (s.startsWith('<?', lt)) {
        i = after(s, '?>', lt + 2);
      } else if (s.startsWith('<!--', lt)) {
        i = after(s, '-->', lt + 4);
      } else if (s.startsWith('<![CDATA[', lt)) {
        const end = after(s, ']]>', lt + 9);
        handler.text?.(s.slice(lt + 9, end - 3));
        i = end;
      } else if (s.startsWith('<!', lt)) {
        throw new AppError('upload.unsafe', { detail: 'a declaration inside an XML part' });
      } else if (s[lt + 1] === '/') {
        const end = after(s, '>', lt + 2);
        const top = open.pop();
        if (!top) throw new AppError('upload.damaged', { detail: 'an end tag without its start tag' });
        scope = top.scope;
        handler.close?.(top.el, lt, end);
        i = end;
      } else {
        const tag = readStartTag(s, lt, scope, open.length);
        const outer = scope;
        scope = tag.scope;
        handler.open?.(tag.element);
        if (tag.empty) {
          scope = outer;
          handler.close?.(tag.element, tag.element.tagEnd, tag.element.tagEnd);
        } else {
          open.push({ el: tag.element, scope: outer });
        }
        i = tag.element.tagEnd;
      }
    }
  }

  /** Takes away the characters from `start` to `end` (an element from its start tag to after its end tag). */
  remove(start: number, end: number): void {
    this.edits.push({ start, end, text: '' });
  }

  /** Takes away an attribute with the whitespace before it. */
  removeAttribute(attribute: EditAttribute): void {
    this.remove(attribute.start, attribute.end);
  }

  /** Gives an attribute another value (escaped here). */
  setAttribute(attribute: EditAttribute, value: string): void {
    this.edits.push({ start: attribute.valueStart, end: attribute.valueEnd, text: escapeXml(value, true) });
  }

  /** Replaces an element's content, from after its start tag to its end tag, by this text (escaped here). */
  setText(element: EditElement, innerEnd: number, text: string): void {
    this.edits.push({ start: element.tagEnd, end: innerEnd, text: escapeXml(text, false) });
  }

  get changed(): boolean {
    return this.edits.length > 0;
  }

  /** The part with the edits made; an edit inside a range already taken away is dropped with it. */
  result(): string {
    const edits = [...this.edits].sort((a, b) => a.start - b.start || b.end - a.end);
    const out: string[] = [];
    let at = 0;
    for (const edit of edits) {
      if (edit.start < at) continue;
      out.push(this.source.slice(at, edit.start), edit.text);
      at = edit.end;
    }
    out.push(this.source.slice(at));
    return out.join('');
  }
}

function after(s: string, token: string, from: number): number {
  const at = s.indexOf(token, from);
  if (at < 0) throw new AppError('upload.damaged', { detail: `an XML part ends before ${JSON.stringify(token)}` });
  return at + token.length;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function readStartTag(
  s: string,
  lt: number,
  outer: Map<string, string>,
  depth: number,
): { element: EditElement; scope: Map<string, string>; empty: boolean } {
  let j = lt + 1;
  while (j < s.length && !isSpace(s[j]) && s[j] !== '>' && s[j] !== '/') j++;
  const qname = s.slice(lt + 1, j);
  const raw: Array<{ qname: string; value: string; start: number; end: number; valueStart: number; valueEnd: number }> = [];
  let empty = false;
  let tagEnd = -1;
  while (tagEnd < 0) {
    const spaceStart = j;
    while (isSpace(s[j])) j++;
    if (j >= s.length) throw new AppError('upload.damaged', { detail: `the tag ${qname} is not closed` });
    if (s[j] === '>') {
      tagEnd = j + 1;
    } else if (s[j] === '/' && s[j + 1] === '>') {
      empty = true;
      tagEnd = j + 2;
    } else {
      const nameStart = j;
      while (j < s.length && s[j] !== '=' && !isSpace(s[j])) j++;
      const name = s.slice(nameStart, j);
      while (isSpace(s[j])) j++;
      if (s[j] !== '=') throw new AppError('upload.damaged', { detail: `the attribute ${name} has no value` });
      j++;
      while (isSpace(s[j])) j++;
      const quote = s[j];
      if (quote !== '"' && quote !== "'") throw new AppError('upload.damaged', { detail: `the attribute ${name} is not quoted` });
      const valueStart = j + 1;
      const valueEnd = s.indexOf(quote, valueStart);
      if (valueEnd < 0) throw new AppError('upload.damaged', { detail: `the attribute ${name} is not closed` });
      raw.push({
        qname: name,
        value: decodeEntities(s.slice(valueStart, valueEnd)),
        start: spaceStart,
        end: valueEnd + 1,
        valueStart,
        valueEnd,
      });
      j = valueEnd + 1;
    }
  }
  let scope = outer;
  for (const a of raw) {
    if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) {
      if (scope === outer) scope = new Map(outer);
      scope.set(a.qname === 'xmlns' ? '' : a.qname.slice(6), a.value);
    }
  }
  const attributes: EditAttribute[] = [];
  for (const a of raw) {
    if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) continue;
    const colon = a.qname.indexOf(':');
    attributes.push({
      uri: colon < 0 ? '' : (scope.get(a.qname.slice(0, colon)) ?? ''),
      local: colon < 0 ? a.qname : a.qname.slice(colon + 1),
      value: a.value,
      start: a.start,
      end: a.end,
      valueStart: a.valueStart,
      valueEnd: a.valueEnd,
    });
  }
  const colon = qname.indexOf(':');
  const uri = colon < 0 ? (scope.get('') ?? '') : (scope.get(qname.slice(0, colon)) ?? '');
  return { element: { uri, local: colon < 0 ? qname : qname.slice(colon + 1), attributes, start: lt, tagEnd, depth }, scope, empty };
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

function escapeXml(text: string, attribute: boolean): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? escaped.replace(/"/g, '&quot;').replace(/'/g, '&apos;') : escaped;
}
