import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildDocx, para } from '../../../test/fixtures/docx-builder.js';
import { encryptedDocx, legacyDoc, odtFile, oleFile, pdfFile, rtfFile } from '../../../test/fixtures/statement-files.js';
import { detectFileType, type DetectedType } from './file-type.js';

describe('detectFileType, from the content whatever the name', () => {
  const utf16 = (text: string) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const cases: [string, Uint8Array, DetectedType][] = [
    ['nothing', new Uint8Array(), { kind: 'empty' }],
    ['a .docx', buildDocx({ body: para('x') }), { kind: 'zip' }],
    ['a ZIP archive', zipSync({ 'a.txt': strToU8('a') }), { kind: 'zip' }],
    ['an OpenDocument text', odtFile(), { kind: 'opendocument', mimetype: 'application/vnd.oasis.opendocument.text' }],
    [
      'an OpenDocument spreadsheet',
      zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }] }),
      { kind: 'opendocument', mimetype: 'application/vnd.oasis.opendocument.spreadsheet' },
    ],
    [
      'a ZIP whose first entry is a compressed "mimetype"',
      zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 6 }] }),
      { kind: 'zip' },
    ],
    ['a Word 97–2003 document', legacyDoc(), { kind: 'ole', content: 'word' }],
    ['an encrypted Word 97–2003 document', legacyDoc({ encrypted: true }), { kind: 'ole', content: 'word-encrypted' }],
    ['a password-protected .docx', encryptedDocx(), { kind: 'ole', content: 'encrypted-package' }],
    [
      'an Excel 97–2003 workbook',
      oleFile([
        { name: 'Root Entry', type: 5 },
        { name: 'Workbook', type: 2, data: new Uint8Array(600) },
      ]),
      { kind: 'ole', content: 'excel' },
    ],
    [
      'a PowerPoint 97–2003 presentation',
      oleFile([
        { name: 'Root Entry', type: 5 },
        { name: 'PowerPoint Document', type: 2, data: new Uint8Array(600) },
      ]),
      { kind: 'ole', content: 'powerpoint' },
    ],
    ['another OLE file', oleFile([{ name: 'Root Entry', type: 5 }]), { kind: 'ole', content: 'other' }],
    ['a PDF', pdfFile(), { kind: 'pdf' }],
    ['an RTF file', rtfFile(), { kind: 'rtf' }],
    ['a web page', strToU8('\n<!DOCTYPE html><html><body>x</body></html>'), { kind: 'html' }],
    [
      'a web page with an XML declaration',
      strToU8('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"/>'),
      { kind: 'html' },
    ],
    ['a single-file web page', strToU8('MIME-Version: 1.0\r\nContent-Type: multipart/related'), { kind: 'mht' }],
    [
      'a Word 2003 XML document',
      strToU8('<?xml version="1.0"?>\n<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"/>'),
      { kind: 'word-xml' },
    ],
    [
      'a flat OPC Word document',
      strToU8('<?xml version="1.0"?><?mso-application progid="Word.Document"?><pkg:package/>'),
      { kind: 'word-xml' },
    ],
    ['UTF-8 text in several scripts', strToU8('Statement — بيان — Заявление — 发言'), { kind: 'text' }],
    ['UTF-16 text', utf16('Statement'), { kind: 'text' }],
    ['binary data', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 9]), { kind: 'unknown', head: '7f454c4602010100' }],
    ['text with control characters', strToU8('a\u0001b'), { kind: 'unknown', head: '610162' }],
  ];
  it.each(cases)('%s', (_label, bytes, expected) => {
    expect(detectFileType(bytes)).toEqual(expected);
  });
});
