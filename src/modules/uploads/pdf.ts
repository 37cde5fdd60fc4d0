// The checks a signed cover letter in PDF gets (and a hand-corrected final in PDF). Its text is not extracted (a scanned
// letter has none, and a PDF parser is a large attack surface for little gain); what is checked is that the file is a
// whole PDF, that it is not encrypted (an encrypted PDF may not open for the Secretariat or be reproduced in the
// compilation), and that it holds no active content: nothing that runs or opens something when the file is opened.
//
// Active content is found by its names, read with a small lexer that knows where names are not (inside strings,
// comments and streams' data, where the same bytes are text or picture data): JavaScript (/JavaScript, /JS), an open
// action that is an action (/OpenAction with a dictionary; a destination array such as [3 0 R /Fit] only shows a page
// and is accepted), additional actions (/AA), /Launch, embedded files (/EmbeddedFile, /EmbeddedFiles,
// /FileAttachment), /RichMedia and XFA forms (/XFA). Names are compared after their #xx escapes are decoded
// (/J#61vaScript is /JavaScript). Objects may be kept inside compressed object streams (/Type /ObjStm, PDF 1.5): those
// are inflated, with one cap on their total output (OBJECT_STREAMS_CAP), and read the same way; an object stream past
// the cap, compressed otherwise than with /FlateDecode (without a predictor), or damaged cannot be checked, and the
// file is refused rather than accepted unread.
import { inflateSync } from 'node:zlib';

export type ActiveContent = 'javascript' | 'open-action' | 'additional-actions' | 'launch' | 'embedded-files' | 'rich-media' | 'xfa';

export type PdfProblem =
  | { problem: 'not_pdf' }
  | { problem: 'truncated'; detail: string }
  | { problem: 'encrypted'; detail: string }
  | { problem: 'active'; found: ActiveContent[]; detail: string }
  /** An object stream that would inflate past the cap. */
  | { problem: 'expands'; detail: string }
  /** An object stream that cannot be read (another compression, a predictor, damaged data). */
  | { problem: 'unreadable'; detail: string };

// Readers accept junk after the end marker; Adobe's own rule is that %%EOF lies within the last 1024 bytes.
const TAIL = 1024;
/** What every object stream of one file may inflate to, together. */
export const OBJECT_STREAMS_CAP = 32 * 1024 * 1024;

const ACTIVE_NAMES: ReadonlyMap<string, ActiveContent> = new Map([
  ['JavaScript', 'javascript'],
  ['JS', 'javascript'],
  ['AA', 'additional-actions'],
  ['Launch', 'launch'],
  ['EmbeddedFile', 'embedded-files'],
  ['EmbeddedFiles', 'embedded-files'],
  ['FileAttachment', 'embedded-files'],
  ['RichMedia', 'rich-media'],
  ['XFA', 'xfa'],
]);

const ACTIVE_WORDS: Record<ActiveContent, string> = {
  javascript: 'JavaScript',
  'open-action': 'an action that runs when the file is opened',
  'additional-actions': 'actions that run when pages or fields are used',
  launch: 'an instruction to start another program',
  'embedded-files': 'embedded files',
  'rich-media': 'rich media (video or Flash)',
  xfa: 'an XFA form',
};

/** What was found, in words: "JavaScript and embedded files". */
export function describeActiveContent(found: readonly ActiveContent[]): string {
  const words = found.map((f) => ACTIVE_WORDS[f]);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export function checkPdf(bytes: Uint8Array): PdfProblem | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.subarray(0, 5).toString('latin1') !== '%PDF-') return { problem: 'not_pdf' };
  const tail = buffer.subarray(Math.max(0, buffer.length - TAIL));
  if (tail.indexOf('%%EOF', 0, 'latin1') < 0) {
    return { problem: 'truncated', detail: `no %%EOF in the last ${TAIL} bytes of ${buffer.length}: the file is cut short` };
  }
  const encrypt = findEncryptEntry(buffer);
  if (encrypt !== undefined) return { problem: 'encrypted', detail: `the trailer has an /Encrypt entry at byte ${encrypt}` };
  return findActiveContent(buffer.toString('latin1'));
}

/**
 * Where the trailer (or, since PDF 1.5, the cross-reference stream's dictionary, which is never compressed) names an
 * encryption dictionary: the key /Encrypt followed by a reference ("12 0 R") or a dictionary ("<<"). The key is looked
 * for in the whole file, because an updated file has one trailer per update and a linearized one has one at its
 * start; "/EncryptMetadata" and the like are other keys and do not match.
 */
function findEncryptEntry(buffer: Buffer): number | undefined {
  for (let at = buffer.indexOf('/Encrypt', 0, 'latin1'); at >= 0; at = buffer.indexOf('/Encrypt', at + 8, 'latin1')) {
    const after = buffer.subarray(at + 8, at + 40).toString('latin1');
    if (/^\s*(\d+\s+\d+\s+R\b|<<)/.test(after)) return at;
  }
  return undefined;
}

// ---- The lexer ----

type Token =
  | { kind: 'name'; value: string; end: number }
  | { kind: 'number'; value: string; end: number }
  | { kind: 'keyword'; value: string; end: number }
  | { kind: 'open-dict'; start: number; end: number }
  | { kind: 'close-dict'; end: number }
  /** A string, or a delimiter ([ ] { }) with its character. */
  | { kind: 'other'; end: number; value?: string }
  | { kind: 'stream'; dataStart: number; dataEnd: number; end: number };

const isWhite = (c: number) => c === 0 || c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
// ( ) < > [ ] { } / %
const isDelimiter = (c: number) =>
  c === 40 || c === 41 || c === 60 || c === 62 || c === 91 || c === 93 || c === 123 || c === 125 || c === 47 || c === 37;
const isRegular = (c: number) => !isWhite(c) && !isDelimiter(c);

/** The tokens of PDF text, strings and comments skipped, a stream's data reported as its range. */
function* tokens(text: string): Generator<Token> {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWhite(c)) {
      i++;
    } else if (c === 37 /* % */) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 40 /* ( */) {
      let depth = 1;
      i++;
      while (i < n && depth > 0) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 40) depth++;
        else if (d === 41) depth--;
        i++;
      }
      yield { kind: 'other', end: i };
    } else if (c === 60 /* < */) {
      if (text.charCodeAt(i + 1) === 60) {
        yield { kind: 'open-dict', start: i, end: i + 2 };
        i += 2;
      } else {
        const close = text.indexOf('>', i + 1);
        i = close < 0 ? n : close + 1;
        yield { kind: 'other', end: i };
      }
    } else if (c === 62 /* > */) {
      if (text.charCodeAt(i + 1) === 62) {
        yield { kind: 'close-dict', end: i + 2 };
        i += 2;
      } else {
        i++;
      }
    } else if (c === 47 /* / */) {
      let j = i + 1;
      while (j < n && isRegular(text.charCodeAt(j))) j++;
      yield { kind: 'name', value: decodeName(text.slice(i + 1, j)), end: j };
      i = j;
    } else if (isDelimiter(c)) {
      i++;
      yield { kind: 'other', end: i, value: text[i - 1] };
    } else {
      let j = i;
      while (j < n && isRegular(text.charCodeAt(j))) j++;
      const word = text.slice(i, j);
      if (word === 'stream') {
        // The data starts after the end of line that follows the keyword and ends before "endstream".
        let start = j;
        if (text.charCodeAt(start) === 13) start++;
        if (text.charCodeAt(start) === 10) start++;
        const endstream = text.indexOf('endstream', start);
        const stop = endstream < 0 ? n : endstream;
        let end = stop;
        if (text.charCodeAt(end - 1) === 10) end--;
        if (text.charCodeAt(end - 1) === 13) end--;
        i = endstream < 0 ? n : endstream + 9;
        yield { kind: 'stream', dataStart: start, dataEnd: Math.max(start, end), end: i };
      } else {
        i = j;
        yield /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) ? { kind: 'number', value: word, end: j } : { kind: 'keyword', value: word, end: j };
      }
    }
  }
}

/** A name with its #xx escapes decoded. */
function decodeName(raw: string): string {
  return raw.includes('#') ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : raw;
}

// ---- Active content ----

interface Where {
  text: string;
  at: number;
}

interface Scan {
  found: Set<ActiveContent>;
  names: string[];
  /** Where each object's value starts, by object number (every definition: an updated file may have several). */
  objects: Map<string, Where[]>;
  /** /OpenAction values that are references, to be looked up once every object is known. */
  openActionRefs: string[];
  inflated: number;
}

function findActiveContent(file: string): PdfProblem | undefined {
  const scan: Scan = { found: new Set(), names: [], objects: new Map(), openActionRefs: [], inflated: 0 };
  const streams = scanText(file, scan, true);
  for (const stream of streams) {
    const problem = readObjectStream(file, stream, scan);
    if (problem) return problem;
  }
  for (const ref of scan.openActionRefs) {
    if (resolvesToAction(scan, ref, 0)) {
      scan.found.add('open-action');
      scan.names.push(`/OpenAction ${ref} R (an action)`);
    }
  }
  if (scan.found.size === 0) return undefined;
  const order: ActiveContent[] = ['javascript', 'open-action', 'additional-actions', 'launch', 'embedded-files', 'rich-media', 'xfa'];
  return {
    problem: 'active',
    found: order.filter((f) => scan.found.has(f)),
    detail: `the file names ${[...new Set(scan.names)].join(', ')}`,
  };
}

interface StreamAt {
  dict: string;
  dataStart: number;
  dataEnd: number;
}

/** Reads names, objects and open actions from PDF text; with `streams`, the streams with their dictionaries too. */
function scanText(text: string, scan: Scan, streams: boolean): StreamAt[] {
  const found: StreamAt[] = [];
  const dicts: number[] = [];
  let lastDict: { start: number; end: number } | undefined;
  let before: Token | undefined;
  let previous: Token | undefined;
  for (const token of tokens(text)) {
    if (token.kind === 'name') {
      const active = ACTIVE_NAMES.get(token.value);
      if (active) {
        scan.found.add(active);
        scan.names.push(`/${token.value}`);
      }
      if (token.value === 'OpenAction') openAction(text, token.end, scan);
    } else if (token.kind === 'open-dict') {
      dicts.push(token.start);
    } else if (token.kind === 'close-dict') {
      const start = dicts.pop();
      if (start !== undefined && dicts.length === 0) lastDict = { start, end: token.end };
    } else if (
      token.kind === 'keyword' &&
      token.value === 'obj' &&
      before?.kind === 'number' &&
      previous?.kind === 'number' &&
      /^\d+$/.test(before.value)
    ) {
      addObject(scan, before.value, { text, at: token.end });
    } else if (token.kind === 'stream' && streams) {
      found.push({ dict: lastDict ? text.slice(lastDict.start, lastDict.end) : '', dataStart: token.dataStart, dataEnd: token.dataEnd });
    }
    before = previous;
    previous = token;
  }
  return found;
}

function addObject(scan: Scan, number: string, where: Where): void {
  const list = scan.objects.get(number);
  if (list) list.push(where);
  else scan.objects.set(number, [where]);
}

/** An /OpenAction's value: a dictionary is an action; a reference is looked up later; an array (a destination) is not. */
function openAction(text: string, from: number, scan: Scan): void {
  const value = valueAt(text, from);
  if (value.kind === 'dict') {
    scan.found.add('open-action');
    scan.names.push('/OpenAction << (an action)');
  } else if (value.kind === 'ref') {
    scan.openActionRefs.push(value.number);
  }
}

/** What starts at `from`, after white space and comments. */
function valueAt(text: string, from: number): { kind: 'dict' } | { kind: 'ref'; number: string } | { kind: 'other' } {
  const rest = text.slice(from, from + 200).replace(/^(\s|%[^\r\n]*)*/, '');
  if (rest.startsWith('<<')) return { kind: 'dict' };
  const ref = /^(\d+)\s+\d+\s+R(?![^\s()<>[\]{}/%])/.exec(rest);
  return ref ? { kind: 'ref', number: ref[1]! } : { kind: 'other' };
}

/** Whether an object is an action (a dictionary), following references a few steps; an object not found counts as one. */
function resolvesToAction(scan: Scan, number: string, depth: number): boolean {
  const definitions = scan.objects.get(number);
  if (!definitions || depth > 4) return true;
  return definitions.some((d) => {
    const value = valueAt(d.text, d.at);
    return value.kind === 'dict' || (value.kind === 'ref' && resolvesToAction(scan, value.number, depth + 1));
  });
}

/** The few entries of a stream's dictionary an object stream needs: its type, its filters and /First. */
function streamDictionary(dict: string): { type?: string; filters: string[]; first?: number } {
  const list = [...tokens(dict)];
  const out: { type?: string; filters: string[]; first?: number } = { filters: [] };
  let depth = 0;
  list.forEach((token, k) => {
    if (token.kind === 'open-dict') depth++;
    else if (token.kind === 'close-dict') depth--;
    if (depth !== 1 || token.kind !== 'name') return;
    const next = list[k + 1];
    if (token.value === 'Type' && next?.kind === 'name') out.type = next.value;
    if (token.value === 'First' && next?.kind === 'number') out.first = Number(next.value);
    if (token.value === 'Filter') {
      if (next?.kind === 'name') out.filters = [next.value];
      else if (next?.kind === 'other' && next.value === '[') {
        for (let m = k + 2; m < list.length && list[m]!.kind === 'name'; m++) out.filters.push((list[m] as { value: string }).value);
      }
    }
  });
  return out;
}

/** Inflates and reads an object stream; other streams are data and are not read. */
function readObjectStream(file: string, stream: StreamAt, scan: Scan): PdfProblem | undefined {
  const { type, filters, first } = streamDictionary(stream.dict);
  if (type !== 'ObjStm') return undefined;
  const parms = /\/Predictor\s+(\d+)/.exec(decodeName(stream.dict));
  if (filters.length > 1 || (filters.length === 1 && filters[0] !== 'FlateDecode') || (parms && Number(parms[1]) > 1)) {
    return {
      problem: 'unreadable',
      detail:
        `an object stream compressed with ${filters.join(', ') || 'nothing'}${parms ? ` and predictor ${parms[1]}` : ''}, which is ` +
        `not read`,
    };
  }
  const data = Buffer.from(file.slice(stream.dataStart, stream.dataEnd), 'latin1');
  let content: string;
  if (filters.length === 0) {
    content = data.toString('latin1');
  } else {
    const room = OBJECT_STREAMS_CAP - scan.inflated;
    try {
      content = inflateSync(data, { maxOutputLength: Math.max(room, 1) }).toString('latin1');
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
        return { problem: 'expands', detail: `the object streams inflate to more than ${OBJECT_STREAMS_CAP} bytes` };
      }
      return { problem: 'unreadable', detail: `an object stream cannot be inflated: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  scan.inflated += content.length;
  if (scan.inflated > OBJECT_STREAMS_CAP)
    return { problem: 'expands', detail: `the object streams hold more than ${OBJECT_STREAMS_CAP} bytes` };
  // The stream starts with N pairs "object-number offset", the offsets counted from /First.
  if (first !== undefined && Number.isInteger(first) && first >= 0 && first <= content.length) {
    const header = content.slice(0, first).trim().split(/\s+/).filter(Boolean);
    for (let k = 0; k + 1 < header.length; k += 2) {
      const offset = Number(header[k + 1]);
      if (/^\d+$/.test(header[k]!) && Number.isInteger(offset)) addObject(scan, header[k]!, { text: content, at: first + offset });
    }
  }
  scanText(content, scan, false);
  return undefined;
}
