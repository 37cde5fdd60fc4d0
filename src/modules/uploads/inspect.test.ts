import { createHash } from 'node:crypto';
import { ImageRun, Paragraph, TextRun } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildDocx, docxParts, documentXml, para, rawZip, zerosEntry, type DocxParts } from '../../../test/fixtures/docx-builder.js';
import {
  commentedDocument,
  encryptedDocx,
  legacyDoc,
  odtFile,
  paragraphsDocument,
  pdfFile,
  png,
  richStatement,
  rtfFile,
  statementOfWords,
  trackedChangesDocument,
  wordDocument,
} from '../../../test/fixtures/statement-files.js';
import { ACTIVE_PDF_CASES, letterPdf, objectStream } from '../../../test/fixtures/pdf-files.js';
import { OUTSIDE_CASES, withComments } from '../../../test/fixtures/outside-links.js';
import { errorCatalogue } from '../../kernel/errors.js';
import { readDocxContent } from '../../kernel/ooxml/content.js';
import { inspect, inspectCleanCopy, inspectCoverLetter, inspectStatement, type InspectionKind, type InspectionResult } from './inspect.js';

const MB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A .docx whose parts are written by the raw ZIP writer, plus extra raw entries. */
function rawDocx(parts: Partial<DocxParts>, ...extra: Parameters<typeof rawZip>[0]): Uint8Array {
  const entries = Object.entries(docxParts({ body: para('Text of the statement.'), ...parts })).map(([name, data]) => ({ name, data }));
  return rawZip([...entries, ...extra]);
}

function expectRefused(result: InspectionResult, code: string, says?: RegExp): void {
  expect(result.outcome).toBe('reject');
  expect(result.error?.code).toBe(code);
  expect(result.error?.message.startsWith(errorCatalogue[code as keyof typeof errorCatalogue].message)).toBe(true);
  if (says) expect(result.error?.message).toMatch(says);
  expect(result).not.toHaveProperty('content');
  expect(result.warnings).toEqual([]);
}

describe('inspectStatement accepts', () => {
  it('a statement written in Word, with its model, pictures, word counts and hash', async () => {
    const bytes = await richStatement();
    const result = inspectStatement(bytes);
    expect(result).toMatchObject({
      outcome: 'accept',
      kind: 'docx',
      words: 43,
      footnoteWords: 8,
      warnings: [],
      sha256: sha256(bytes),
      size: bytes.length,
    });
    expect(result.error).toBeUndefined();
    expect(result.content?.blocks).toHaveLength(10);
    expect(result.content?.images).toEqual([
      { sha256: result.images![0]!.sha256, mediaType: 'image/png', size: result.images![0]!.bytes.length },
    ]);
    // The model is stored as JSON: no bytes inside it.
    expect(JSON.parse(JSON.stringify(result.content))).toEqual(result.content);
  });

  const languages: [string, string[], number][] = [
    ['English', ['Mr. President, I thank you for convening this open debate.', 'The Council must act — now.'], 10 + 6],
    ['French', ["Monsieur le Président, je remercie l'ONU et le Secrétaire général.", 'Il faut peut-être agir\u00a0!'], 10 + 5],
    ['Arabic', ['السيد الرئيس، أشكركم على عقد هذه المناقشة المفتوحة.', 'إن مجلس الأمن مسؤول عن صون السلام.'], 8 + 7],
    [
      'Russian',
      ['Г-н Председатель, благодарю Вас за созыв этих открытых прений.', 'Совет Безопасности должен действовать по-прежнему.'],
      9 + 5,
    ],
    // Each character counts, the full-width comma and full stop too.
    ['Chinese', ['主席先生，感谢你召开这次公开辩论。', '安全理事会必须采取行动。'], 17 + 12],
  ];
  it.each(languages)('a statement in %s, counted as Word counts it', async (_language, paragraphs, words) => {
    expect(inspectStatement(await paragraphsDocument(paragraphs))).toMatchObject({ outcome: 'accept', words, footnoteWords: 0 });
  });
});

describe('inspectStatement warns', () => {
  it('when the statement is longer than the guidance, saying by how much', async () => {
    const result = inspectStatement(await statementOfWords(612), { wordGuidance: 500 });
    expect(result).toMatchObject({ outcome: 'warn', kind: 'docx', words: 612 });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]?.code).toBe('words.over_guidance');
    expect(result.warnings[0]?.message).toMatch(/^The statement has 612 words; the guidance is about 500\. /);
    expect(result.content).toBeDefined();
  });

  it('not when it is within the guidance, nor without guidance', async () => {
    const bytes = await statementOfWords(500);
    expect(inspectStatement(bytes, { wordGuidance: 500 })).toMatchObject({ outcome: 'accept', words: 500, warnings: [] });
    expect(inspectStatement(bytes)).toMatchObject({ outcome: 'accept', warnings: [] });
  });

  it('when the document still holds tracked changes, counting the text with them accepted', async () => {
    const result = inspectStatement(await trackedChangesDocument());
    expect(result).toMatchObject({ outcome: 'warn', words: 6 });
    expect(result.warnings.map((w) => w.code)).toEqual(['docx.tracked_changes']);
  });

  it('when the document holds comments', async () => {
    const result = inspectStatement(await commentedDocument());
    expect(result.outcome).toBe('warn');
    expect(result.warnings.map((w) => w.code)).toEqual(['docx.comments']);
    expect(result.warnings[0]?.message).toMatch(/Delete All Comments/);
  });

  it('with every warning that applies', async () => {
    const bytes = await statementOfWords(120);
    const withChanges = await trackedChangesDocument();
    expect(inspectStatement(bytes, { wordGuidance: 100 }).warnings.map((w) => w.code)).toEqual(['words.over_guidance']);
    expect(inspectStatement(withChanges, { wordGuidance: 5 }).warnings.map((w) => w.code)).toEqual([
      'words.over_guidance',
      'docx.tracked_changes',
    ]);
  });
});

const xxe =
  `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b ` +
  `"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${documentXml('<w:p><w:r><w:t>&b;</w:t></w:r></w:p>').replace(/^<\?xml[^>]*>\n/, '')}`;

/** Refusals shared by statements and Word cover letters: [label, file, code, what the message adds]. */
const wordRefusals: [string, () => Promise<Uint8Array> | Uint8Array, string, RegExp | undefined][] = [
  ['a Word 97–2003 document (.doc)', () => legacyDoc(), 'upload.not_docx', /Word 97–2003 document \(\.doc\)\. Open it in Word/],
  [
    'a password-protected .docx (an OLE container)',
    () => encryptedDocx(),
    'upload.not_docx',
    /password-protected document.*remove the password/,
  ],
  ['a password-protected .doc', () => legacyDoc({ encrypted: true }), 'upload.not_docx', /password-protected Word 97–2003 document/],
  ['an OpenDocument text (.odt)', () => odtFile(), 'upload.not_docx', /OpenDocument text \(\.odt\).*Word 2007–365/],
  ['an RTF file', () => rtfFile(), 'upload.not_docx', /Rich Text Format \(\.rtf\)/],
  ['plain text', () => strToU8('Statement by the delegation of Norway\n\nMr. President,'), 'upload.not_docx', /plain text/],
  [
    'a web page saved from Word',
    () => strToU8('<html xmlns:w="urn:schemas-microsoft-com:office:word"><body>x</body></html>'),
    'upload.not_docx',
    /web page \(HTML\)/,
  ],
  [
    'a Word 2003 XML document',
    () => strToU8('<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>'),
    'upload.not_docx',
    /Word XML document/,
  ],
  [
    'a binary file of no known format',
    () => new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]),
    'upload.not_docx',
    /does not match any document format/,
  ],
  [
    'an Excel workbook (.xlsx)',
    () =>
      zipSync({
        '[Content_Types].xml': strToU8(
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ' +
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        ),
        'xl/workbook.xml': strToU8('<workbook/>'),
      }),
    'upload.not_docx',
    /Excel workbook \(\.xlsx\)/,
  ],
  [
    'a Word template (.dotx)',
    () => buildDocx({ body: para('x'), mainType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml' }),
    'upload.not_docx',
    /\(\*\.docx\)”, then upload that file\. Nothing was saved\.( A cover letter may be a Word document \(\.docx\) or a PDF\.)?$/,
  ],
  ['a ZIP archive holding a statement', () => zipSync({ 'statement.docx': strToU8('x') }), 'upload.not_docx', /ZIP archive.*extract it/],
  [
    'a macro-enabled document (.docm)',
    () => buildDocx({ body: para('x'), mainType: 'application/vnd.ms-word.document.macroEnabled.main+xml' }),
    'upload.macro',
    undefined,
  ],
  [
    'a document with a VBA project',
    () => buildDocx({ body: para('x'), extraParts: { 'word/vbaProject.bin': new Uint8Array([0xcc, 0x61]) } }),
    'upload.macro',
    undefined,
  ],
  [
    'a zip bomb (200 MB of zeros as the document)',
    () => rawDocx({ omit: ['word/document.xml'] }, zerosEntry('word/document.xml', 200 * MB)),
    'upload.unsafe',
    undefined,
  ],
  [
    'a part that inflates beyond its declared size',
    () => rawDocx({ omit: ['word/document.xml'] }, { ...zerosEntry('word/document.xml', 8 * MB), declaredSize: 64 * 1024 }),
    'upload.unsafe',
    undefined,
  ],
  ['entities declared in a DOCTYPE (billion laughs)', () => buildDocx({ body: '', documentXml: xxe }), 'upload.unsafe', undefined],
  [
    'an entry that climbs out of its folder',
    () => rawDocx({}, { name: '../../etc/cron.d/job', data: strToU8('x') }),
    'upload.unsafe',
    undefined,
  ],
  [
    'a truncated .docx',
    async () => {
      const bytes = await richStatement();
      return bytes.subarray(0, Math.floor(bytes.length * 0.6));
    },
    'upload.damaged',
    undefined,
  ],
  [
    'a document part that is not well-formed',
    () => buildDocx({ body: '', documentXml: documentXml(para('x')).replace('</w:body>', '') }),
    'upload.damaged',
    undefined,
  ],
  ['an empty file', () => new Uint8Array(), 'upload.empty', /empty \(0 bytes\)/],
  ['a document without text', () => buildDocx({ body: para('') + para('   ') + '<w:p/>' }), 'upload.empty', undefined],
];

describe('inspectStatement refuses', () => {
  it('a PDF, saying it is one and what to upload instead', () => {
    const result = inspectStatement(pdfFile());
    expectRefused(result, 'upload.not_docx', /This file is a PDF\. .*upload the \.docx file the PDF was made from/);
    expect(result.error?.detail).toBe('detected: pdf');
    expect(result.kind).toBeUndefined();
  });

  it.each(wordRefusals)('%s', async (_label, make, code, says) => {
    const bytes = await make();
    const result = inspectStatement(bytes);
    expectRefused(result, code, says);
    expect(result).toMatchObject({ sha256: sha256(bytes), size: bytes.length });
  });

  it('a scanned statement (pictures only), saying why', async () => {
    const bytes = await wordDocument([
      new Paragraph({ children: [new ImageRun({ type: 'png', data: png([9, 9, 9]), transformation: { width: 100, height: 140 } })] }),
    ]);
    expectRefused(inspectStatement(bytes), 'upload.empty', /only pictures: a scanned statement cannot be published/);
  });

  it('a file over the size limit, before reading it', async () => {
    const bytes = await richStatement();
    const result = inspectStatement(bytes, { maxBytes: bytes.length - 1 });
    expectRefused(result, 'upload.too_large', /This file is \d+\.\d MB; the limit is \d+\.\d MB\./);
    expect(inspectStatement(bytes, { maxBytes: bytes.length }).outcome).toBe('accept');
    const large = new Uint8Array(10 * MB + 1);
    expectRefused(inspectStatement(large), 'upload.too_large', /This file is 10\.0 MB; the limit is 10\.0 MB\./);
  });
});

describe('inspectCoverLetter', () => {
  const letter = (signature: string) =>
    wordDocument([
      new Paragraph('Excellency,'),
      new Paragraph('I have the honour to transmit the statement of my delegation for the open debate.'),
      new Paragraph({ children: [new TextRun('(Signed) '), new TextRun({ text: signature, bold: true })] }),
      new Paragraph('Permanent Representative'),
    ]);

  it('accepts a PDF without reading its text', () => {
    const bytes = pdfFile();
    expect(inspectCoverLetter(bytes, { signatories: ['Nobody In Particular'] })).toEqual({
      outcome: 'accept',
      kind: 'pdf',
      warnings: [],
      sha256: sha256(bytes),
      size: bytes.length,
    });
    expect(inspectCoverLetter(pdfFile({ xrefStream: true })).outcome).toBe('accept');
  });

  it('refuses an encrypted PDF, whether the trailer or the cross-reference stream says so', () => {
    expect(inspectCoverLetter(pdfFile({ encrypted: true }))).toMatchObject({
      outcome: 'reject',
      warnings: [],
      error: { code: 'upload.unsafe' },
    });
    const result = inspectCoverLetter(pdfFile({ encrypted: true, xrefStream: true }));
    expect(result.error).toMatchObject({
      code: 'upload.unsafe',
      message: expect.stringMatching(/^The PDF is password-protected or encrypted/),
      detail: expect.stringMatching(/\/Encrypt/),
    });
  });

  it('refuses a truncated PDF', () => {
    const bytes = pdfFile();
    const result = inspectCoverLetter(bytes.subarray(0, bytes.length - 30));
    expect(result).toMatchObject({
      outcome: 'reject',
      error: { code: 'upload.damaged', message: expect.stringMatching(/^The PDF is incomplete/) },
    });
  });

  it.each(ACTIVE_PDF_CASES.filter(([, , found]) => found.length > 0))('refuses a PDF with active content: %s', (_label, make, found) => {
    const result = inspectCoverLetter(make());
    expect(result).toMatchObject({ outcome: 'reject', warnings: [], error: { code: 'upload.active_content', activeContent: found } });
    expect(result.error?.message).toMatch(
      /^The PDF contains .+, which could run or open something when the letter is opened, so Rostrum does not accept it\. Make the PDF again by printing the signed letter to PDF .*, or scan the signed paper letter, and upload that copy\. Nothing was saved\.$/,
    );
  });

  it('names the active content it found, in words', () => {
    const result = inspectCoverLetter(
      letterPdf({ catalog: ' /OpenAction << /S /JavaScript /JS (x) >> /Names << /EmbeddedFiles 5 0 R >>', more: ['<< >>'] }),
    );
    expect(result.error?.message).toMatch(
      /^The PDF contains JavaScript, an action that runs when the file is opened and embedded files, which/,
    );
    expect(result.clean).toBeUndefined();
  });

  it('refuses a PDF whose object streams cannot be checked', () => {
    expect(
      inspectCoverLetter(letterPdf({ more: [objectStream({ 6: '<< >>' }, { filter: '/Filter /LZWDecode', data: Buffer.from('..') })] }))
        .error,
    ).toMatchObject({
      code: 'upload.damaged',
      message: expect.stringMatching(
        /^The PDF could not be checked: part of it is compressed in a way Rostrum does not read, or is damaged\. Make the PDF again/,
      ),
    });
  });

  it('accepts a PDF with a destination as its open action, and gives no clean copy of a PDF', () => {
    const result = inspectCoverLetter(letterPdf({ catalog: ' /OpenAction [3 0 R /Fit]' }));
    expect(result).toMatchObject({ outcome: 'accept', kind: 'pdf' });
    expect(result.clean).toBeUndefined();
  });

  it('refuses a PDF over the size limit', () => {
    const bytes = pdfFile();
    expect(inspectCoverLetter(bytes, { maxBytes: 100 }).error?.code).toBe('upload.too_large');
  });

  it('accepts a Word letter that names a signatory, whatever the case and accents', async () => {
    const result = inspectCoverLetter(await letter('JOSÉ ÁNGEL PÉREZ-LÓPEZ'), { signatories: ['Marie Dupont', 'José Ángel Pérez López'] });
    expect(result).toMatchObject({ outcome: 'accept', kind: 'docx', warnings: [] });
    expect(inspectCoverLetter(await letter('Jose Angel Perez Lopez'), { signatories: ['José Ángel Pérez-López'] }).outcome).toBe('accept');
  });

  it('warns when the letter names none of the signatories, listing them', async () => {
    const result = inspectCoverLetter(await letter('Ann Lee'), { signatories: ['Joann Leeds', 'Marie Dupont'] });
    expect(result.outcome).toBe('warn');
    expect(result.warnings).toEqual([
      {
        code: 'cover.no_signatory',
        message: expect.stringMatching(
          /^The cover letter does not name any of the mission’s authorised signatories \(Joann Leeds, Marie Dupont\)\./,
        ),
      },
    ]);
  });

  it('does not look for signatories when none are given, nor in a letter that is only a scan', async () => {
    expect(inspectCoverLetter(await letter('Ann Lee')).outcome).toBe('accept');
    const scan = await wordDocument([
      new Paragraph({ children: [new ImageRun({ type: 'png', data: png([1, 1, 1]), transformation: { width: 100, height: 140 } })] }),
    ]);
    expect(inspectCoverLetter(scan, { signatories: ['Marie Dupont'] })).toMatchObject({ outcome: 'accept', words: 0, warnings: [] });
  });

  it('warns about tracked changes and comments as for a statement', async () => {
    expect(inspectCoverLetter(await trackedChangesDocument()).warnings.map((w) => w.code)).toEqual(['docx.tracked_changes']);
    expect(inspectCoverLetter(await commentedDocument(), { signatories: ['Marie Dupont'] }).warnings.map((w) => w.code)).toEqual([
      'docx.comments',
      'cover.no_signatory',
    ]);
  });

  it.each(wordRefusals)('refuses %s', async (_label, make, code, says) => {
    const result = inspectCoverLetter(await make());
    expectRefused(result, code, says);
    if (code === 'upload.not_docx') expect(result.error?.message).toMatch(/A cover letter may be a Word document \(\.docx\) or a PDF\.$/);
  });
});

describe('the clean copy', () => {
  it('comes with every accepted Word document: its bytes, hash, size and what was removed; the model is the same', async () => {
    const bytes = await richStatement();
    const result = inspectStatement(bytes);
    expect(result.clean).toMatchObject({
      sha256: sha256(result.clean!.bytes),
      size: result.clean!.bytes.length,
      removed: { external: [], comments: 0 },
    });
    expect(result.clean!.sha256).not.toBe(result.sha256);
    expect(result.clean!.removed.properties).toContain('dc:creator');
    const { images: _a, ...model } = readDocxContent(result.clean!.bytes);
    const { images: _b, ...before } = readDocxContent(bytes);
    expect(model).toEqual(before);
  });

  it('comes with a cover letter in Word, and says what it removed', () => {
    const result = inspectCoverLetter(OUTSIDE_CASES[0]!.docx());
    expect(result.outcome).toBe('accept');
    expect(result.clean?.removed.external).toEqual([
      { type: 'attachedTemplate', target: 'file://\\\\fileserver\\templates\\Letterhead.dotm' },
    ]);
  });

  it('removes the comments the warning is about', () => {
    const result = inspectStatement(withComments());
    expect(result.warnings.map((w) => w.code)).toEqual(['docx.comments']);
    expect(result.clean?.removed.comments).toBe(2);
    expect(readDocxContent(result.clean!.bytes).hasComments).toBe(false);
  });

  it('is made alone for a file received before clean copies were made, and refused for a file it cannot read', async () => {
    const bytes = await commentedDocument();
    const result = inspect('clean-copy', bytes);
    expect(result).toMatchObject({
      outcome: 'accept',
      kind: 'docx',
      warnings: [],
      sha256: sha256(bytes),
      clean: { removed: { comments: 1 } },
    });
    expect(result.content).toBeUndefined();
    expect(Buffer.compare(result.clean!.bytes, inspectStatement(bytes).clean!.bytes)).toBe(0);
    expect(inspectCleanCopy(pdfFile())).toMatchObject({ outcome: 'reject', error: { code: 'upload.not_docx' } });
  });
});

describe('inspect', () => {
  it.each<[InspectionKind, string]>([
    ['statement', 'upload.not_docx'],
    ['cover-letter', 'accept'],
  ])('dispatches a PDF as a %s', (kind, expected) => {
    const result = inspect(kind, pdfFile());
    expect(result.error?.code ?? result.outcome).toBe(expected);
  });
});
