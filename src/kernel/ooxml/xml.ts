// A streaming XML reader for the parts of an Office document. It refuses any DOCTYPE: OOXML never has one, and
// without a DTD there are no entity declarations, so entity expansion (billion laughs) and external entities
// (reading local files or URLs) cannot happen; only the five predefined entities and numeric character
// references are understood. Nesting depth and the amount of text are bounded, and nothing is kept in memory
// beyond the current path: the caller's handler decides what to keep.
import { SaxesParser } from 'saxes';
import { AppError } from '../errors.js';

export interface XmlAttribute {
  uri: string;
  local: string;
  value: string;
}

export interface XmlName {
  /** Namespace URI ('' when none): prefixes are the writer's choice, so elements are compared by URI. */
  uri: string;
  local: string;
}

export interface XmlElement extends XmlName {
  attributes: readonly XmlAttribute[];
}

export interface XmlHandler {
  open?(element: XmlElement): void;
  close?(element: XmlName): void;
  /** Character data (text and CDATA), entities already replaced. */
  text?(text: string): void;
}

export interface XmlLimits {
  maxDepth: number;
  /** Characters of text in the whole part, markup not counted. */
  maxTextChars: number;
}

// Namespace declarations are reported as attributes in this namespace; they are not content.
const XMLNS = 'http://www.w3.org/2000/xmlns/';

export const defaultXmlLimits: XmlLimits = { maxDepth: 256, maxTextChars: 20_000_000 };

/** Reads one part, calling the handler for each element and text. `part` names it in errors. */
export function parseXml(bytes: Uint8Array, part: string, handler: XmlHandler, limits: Partial<XmlLimits> = {}): void {
  const lim = { ...defaultXmlLimits, ...limits };
  const source = decode(bytes, part);
  const parser = new SaxesParser({ xmlns: true, position: true });
  let depth = 0;
  let textChars = 0;
  const onText = (text: string) => {
    textChars += text.length;
    if (textChars > lim.maxTextChars) throw unsafe(`${part} holds more than ${lim.maxTextChars} characters of text`);
    handler.text?.(text);
  };
  parser.on('doctype', () => {
    throw unsafe(`${part} has a DOCTYPE declaration, which Office documents never contain`);
  });
  parser.on('opentag', (tag) => {
    depth++;
    if (depth > lim.maxDepth) throw unsafe(`${part} nests elements more than ${lim.maxDepth} deep`);
    const attributes: XmlAttribute[] = [];
    for (const name in tag.attributes) {
      const a = tag.attributes[name]!;
      if (a.uri !== XMLNS) attributes.push({ uri: a.uri, local: a.local, value: a.value });
    }
    handler.open?.({ uri: tag.uri, local: tag.local, attributes });
  });
  parser.on('closetag', (tag) => {
    depth--;
    handler.close?.({ uri: tag.uri, local: tag.local });
  });
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(source).close();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('upload.damaged', {
      detail: `${part} is not well-formed XML: ${err instanceof Error ? err.message : String(err)}`,
      cause: err,
    });
  }
}

function unsafe(detail: string): AppError {
  return new AppError('upload.unsafe', { detail });
}

/** Parts are UTF-8, or UTF-16 with a byte order mark (both allowed by OPC); anything else is a damaged part. */
function decode(bytes: Uint8Array, part: string): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (err) {
    throw new AppError('upload.damaged', { detail: `${part} is not valid ${encoding.toUpperCase()} text`, cause: err });
  }
}
