// What a file is, decided from its first bytes and never from its name: delegations rename files, and a ".docx"
// can be a PDF, a Word 97–2003 document, or a document Word encrypted with a password (which Word writes as an OLE
// compound file, not as a ZIP). The answer names the format in the refusal, with the way to save it as .docx.
export type DetectedType =
  | { kind: 'empty' }
  | { kind: 'zip' }
  | { kind: 'opendocument'; mimetype: string }
  | { kind: 'ole'; content: OleContent }
  | { kind: 'pdf' }
  | { kind: 'rtf' }
  | { kind: 'html' }
  | { kind: 'mht' }
  | { kind: 'word-xml' }
  | { kind: 'text' }
  | { kind: 'unknown'; head: string };

export type OleContent = 'encrypted-package' | 'word' | 'word-encrypted' | 'excel' | 'powerpoint' | 'other';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function detectFileType(bytes: Uint8Array): DetectedType {
  if (bytes.length === 0) return { kind: 'empty' };
  if (startsWith(bytes, ZIP_MAGIC)) {
    const mimetype = odfMimetype(bytes);
    return mimetype === undefined ? { kind: 'zip' } : { kind: 'opendocument', mimetype };
  }
  if (startsWith(bytes, OLE_MAGIC)) return { kind: 'ole', content: oleContent(bytes) };
  const head = latin1(bytes, 0, 1024);
  if (head.startsWith('%PDF-')) return { kind: 'pdf' };
  if (head.startsWith('{\\rtf')) return { kind: 'rtf' };
  const text = textStart(bytes);
  if (text === undefined) return { kind: 'unknown', head: Buffer.from(bytes.subarray(0, 8)).toString('hex') };
  const start = text.replace(/^\s+/, '');
  if (/^MIME-Version:/i.test(start)) return { kind: 'mht' };
  if (/^<\?xml/i.test(start) && /<w:wordDocument|progid="Word\.Document"|<pkg:package/i.test(text)) return { kind: 'word-xml' };
  if (/^<(!doctype html|html|head|body|meta)[\s>]/i.test(start) || /^<\?xml[^>]*>\s*<html/i.test(start)) return { kind: 'html' };
  return { kind: 'text' };
}

/** The sentence that says what the file is and how to make a .docx of it. */
export function describeForStatement(type: DetectedType): string {
  const saveAs = 'choose File › Save As and the type “Word Document (*.docx)”';
  const removePassword = 'remove the password in Word (File › Info › Protect Document › Encrypt with Password, then clear the password)';
  switch (type.kind) {
    case 'pdf':
      return 'This file is a PDF. Statements are published from their Word version: upload the .docx file the PDF was made from.';
    case 'ole':
      switch (type.content) {
        case 'encrypted-package':
          return `This file is a password-protected document, which Rostrum cannot read: ${removePassword}, save it, and upload it again.`;
        case 'word-encrypted':
          return `This file is a password-protected Word 97–2003 document (.doc): ${removePassword}, then ${saveAs}.`;
        case 'word':
          return `This file is a Word 97–2003 document (.doc). Open it in Word, ${saveAs}.`;
        case 'excel':
          return 'This file is an Excel 97–2003 workbook (.xls), not a Word document.';
        case 'powerpoint':
          return 'This file is a PowerPoint 97–2003 presentation (.ppt), not a Word document.';
        case 'other':
          return 'This file is an old-style Office file (an OLE compound file), not a Word document.';
      }
      break;
    case 'opendocument':
      if (/\.text(-template)?$/.test(type.mimetype)) {
        return (
          'This file is an OpenDocument text (.odt), as saved by LibreOffice or OpenOffice Writer. In Writer, choose File › Save As ' +
          'and the type “Word 2007–365 (.docx)”.'
        );
      }
      return `This file is an OpenDocument file (${type.mimetype}), not a text document.`;
    case 'rtf':
      return `This file is in Rich Text Format (.rtf). Open it in Word, ${saveAs}.`;
    case 'html':
      return `This file is a web page (HTML). Open the original document in Word, ${saveAs}.`;
    case 'mht':
      return `This file is a single-file web page (.mht). Open the original document in Word, ${saveAs}.`;
    case 'word-xml':
      return `This file is a Word XML document (Word 2003 XML or flat XML). Open it in Word, ${saveAs}.`;
    case 'text':
      return `This file is plain text, without the formatting of a Word document. Paste the text into Word, check it, then ${saveAs}.`;
    case 'unknown':
      return 'Its content does not match any document format Rostrum knows; check that you chose the right file.';
    case 'zip':
      return 'This file is a ZIP archive, not a Word document. If the statement is inside it, extract it and upload the .docx file itself.';
    case 'empty':
      return 'The file is empty (0 bytes).';
  }
  return '';
}

/** For the operator's log: the detected format in a few words. */
export function typeName(type: DetectedType): string {
  switch (type.kind) {
    case 'ole':
      return `OLE compound file (${type.content})`;
    case 'opendocument':
      return `OpenDocument (${type.mimetype})`;
    case 'unknown':
      return `unknown (starts with ${type.head})`;
    default:
      return type.kind;
  }
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, Math.min(to, bytes.length) - from)).toString('latin1');
}

/**
 * An OpenDocument package stores its media type first, uncompressed, as the entry "mimetype" (ODF 1.2 §3.3), so it
 * is read from the first local header without opening the archive.
 */
function odfMimetype(bytes: Uint8Array): string | undefined {
  if (bytes.length < 30) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const method = view.getUint16(8, true);
  const size = view.getUint32(18, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  if (method !== 0 || nameLength !== 8 || latin1(bytes, 30, 38) !== 'mimetype' || size > 100) return undefined;
  const start = 30 + nameLength + extraLength;
  const value = latin1(bytes, start, start + size);
  return /^application\/vnd\.oasis\.opendocument\.[a-z.-]+$/.test(value) ? value : undefined;
}

/**
 * Which streams an OLE compound file holds, from its directory entries: 128-byte records after the header whose
 * name is UTF-16 with its length beside it. An encrypted .docx is such a file with an "EncryptedPackage" stream;
 * a .doc has "WordDocument", whose first bytes (the FIB) say whether it is encrypted.
 */
function oleContent(bytes: Uint8Array): OleContent {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorShift = bytes.length >= 32 ? view.getUint16(30, true) : 9;
  const sectorSize = sectorShift === 12 ? 4096 : 512;
  const names = new Map<string, { start: number; size: number }>();
  for (let at = sectorSize; at + 128 <= bytes.length; at += 128) {
    const nameLength = view.getUint16(at + 64, true);
    const type = bytes[at + 66];
    if (nameLength < 4 || nameLength > 64 || nameLength % 2 !== 0 || (type !== 1 && type !== 2 && type !== 5)) continue;
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + at, nameLength - 2).toString('utf16le');
    if (![...name].every((c) => c >= '\u0001' && c <= '~')) continue;
    names.set(name, { start: view.getUint32(at + 116, true), size: view.getUint32(at + 120, true) });
  }
  if (names.has('EncryptedPackage') || names.has('EncryptionInfo')) return 'encrypted-package';
  const word = names.get('WordDocument');
  if (word) {
    // FIB: wIdent 0xA5EC at 0, flags at 0x0A with fEncrypted = 0x0100. The stream is at least 4096 bytes long, so
    // it lives in ordinary sectors and its first sector is at (start + 1) × sector size.
    const fib = (word.start + 1) * sectorSize;
    if (
      word.size >= 4096 &&
      fib + 12 <= bytes.length &&
      view.getUint16(fib, true) === 0xa5ec &&
      (view.getUint16(fib + 10, true) & 0x0100) !== 0
    ) {
      return 'word-encrypted';
    }
    return 'word';
  }
  if (names.has('Workbook') || names.has('Book')) return 'excel';
  if (names.has('PowerPoint Document')) return 'powerpoint';
  return 'other';
}

/** The start of the file as text, when it is text (UTF-8 without NUL, or UTF-16 with its byte order mark). */
function textStart(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, 4096);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head);
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head);
  if (head.includes(0)) return undefined;
  try {
    // stream: true lets the last character be cut in two by the 4096-byte window.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return hasControlCharacters(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/** Control characters other than tab, line feed, vertical tab, form feed and carriage return mean binary data. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && (c < 0x09 || c > 0x0d)) || c === 0x7f) return true;
  }
  return false;
}
