// The clean copy of a Word document: each kind of link to the outside removed with what refers to it, personal
// properties, comments and authors' names removed, dangerous fields emptied, and nothing else changed: the content
// model is the same, untouched parts are the same bytes, the same file gives the same copy, and LibreOffice opens it.
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildDocx, para, rawZip, zerosEntry } from '../../../test/fixtures/docx-builder.js';
import {
  APP_XML,
  CORE_XML,
  OUTSIDE_CASES,
  outsidePackage,
  p,
  t,
  withComments,
  withFields,
  withProperties,
  withTrackedChanges,
} from '../../../test/fixtures/outside-links.js';
import { commentedDocument, richStatement, trackedChangesDocument } from '../../../test/fixtures/statement-files.js';
import { convertDocxToPdf, findPdfConverter } from '../../modules/documents/render/pdf.js';
import { AppError } from '../errors.js';
import { cleanDocx, describeRemoved, NEUTRAL_AUTHOR, nothingRemoved, type CleanReport } from './clean.js';
import { readDocxContent } from './content.js';
import { openZip } from './zip.js';

const soffice = await findPdfConverter();

/** Every part of a package as text (pictures as latin1), by name. */
function parts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(
    Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data, !name.endsWith('.xml') && !name.endsWith('.rels'))]),
  );
}

const everything = (bytes: Uint8Array) => Object.values(parts(bytes)).join('\n');

/** The content model without the comments flag: what a reader sees must not change. */
function model(bytes: Uint8Array) {
  const { hasComments: _ignored, ...rest } = readDocxContent(bytes);
  return rest;
}

function refusal(action: () => unknown): string {
  try {
    action();
    return 'no error';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

describe('cleanDocx: links to outside the file', () => {
  it.each(OUTSIDE_CASES)('removes $label and what refers to it, keeping the rest', ({ docx, types, gone, kept }) => {
    const original = docx();
    const { bytes, removed } = cleanDocx(original);
    expect(removed.external.map((e) => e.type).sort()).toEqual([...types].sort());
    const text = everything(bytes);
    for (const g of gone) expect(text, g).not.toContain(g);
    for (const k of kept) expect(text, k).toContain(k);
    expect(text).not.toContain('TargetMode="External"');
    expect(model(bytes)).toEqual(model(original));
  });

  it('keeps hyperlinks, which are followed only when clicked', () => {
    const original = zipSync(
      outsidePackage({
        body: p('<w:hyperlink r:id="rIdLink">', t('the United Nations'), '</w:hyperlink>') + p('<w:subDoc r:id="rIdSub"/>'),
        documentRels: { rIdLink: ['hyperlink', 'https://www.un.org/', true], rIdSub: ['subDocument', 'file:///C:/annex.docx', true] },
      }),
    );
    const { bytes, removed } = cleanDocx(original);
    expect(removed.external).toEqual([{ type: 'subDocument', target: 'file:///C:/annex.docx' }]);
    const rels = parts(bytes)['word/_rels/document.xml.rels']!;
    expect(rels).toContain('Target="https://www.un.org/" TargetMode="External"');
    expect(parts(bytes)['word/document.xml']).toContain('<w:hyperlink r:id="rIdLink">');
    expect(model(bytes).blocks[0]).toMatchObject({ inlines: [{ kind: 'link', href: 'https://www.un.org/' }] });
  });

  it('treats a target with a scheme as outside whatever its mode says', () => {
    const original = zipSync(
      outsidePackage({
        body: p(t('x')),
        settings: { xml: '<w:attachedTemplate r:id="rIdT"/>', rels: { rIdT: ['attachedTemplate', 'file:///C:/t.dotm'] } },
      }),
    );
    const { bytes, removed } = cleanDocx(original);
    expect(removed.external).toEqual([{ type: 'attachedTemplate', target: 'file:///C:/t.dotm' }]);
    expect(parts(bytes)['word/settings.xml']).not.toContain('attachedTemplate');
    // Written with a character reference, the same target.
    const hidden = outsidePackage({ body: p(t('x')), settings: { xml: '<w:attachedTemplate r:id="rIdT"/>' } });
    hidden['word/_rels/settings.xml.rels'] = new TextEncoder().encode(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file&#58;///C:/t.dotm"/></Relationships>',
    );
    expect(cleanDocx(zipSync(hidden)).removed.external).toEqual([{ type: 'attachedTemplate', target: 'file:///C:/t.dotm' }]);
  });
});

describe('cleanDocx: properties, comments and authors', () => {
  it('removes personal properties and the custom properties, keeping the others', () => {
    const { bytes, removed } = cleanDocx(withProperties());
    expect(removed.properties).toEqual([
      'custom properties',
      'dc:creator',
      'cp:lastModifiedBy',
      'cp:revision',
      'cp:lastPrinted',
      'dc:description',
      'Template',
      'TotalTime',
      'Manager',
      'Company',
      'HyperlinkBase',
    ]);
    const out = parts(bytes);
    expect(Object.keys(out)).not.toContain('docProps/custom.xml');
    expect(out['_rels/.rels']).not.toContain('custom');
    expect(out['[Content_Types].xml']).not.toContain('custom');
    for (const gone of [
      'Jane Doe',
      'John Roe',
      '<cp:revision>',
      'lastPrinted',
      'legal',
      'fileserver',
      'Utopia',
      "Ambassador's office",
      '312',
    ])
      expect(out['docProps/core.xml']! + out['docProps/app.xml']!, gone).not.toContain(gone);
    expect(out['docProps/core.xml']).toContain('<dc:title>Statement on peacekeeping</dc:title>');
    expect(out['docProps/core.xml']).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2021-05-20T09:00:00Z</dcterms:modified>');
    expect(out['docProps/app.xml']).toContain('<Application>Microsoft Office Word</Application>');
    // Only the personal elements are gone: the rest of each part is as written.
    expect(out['docProps/core.xml']).toBe(
      CORE_XML.replace(
        /<dc:creator>.*?<\/dc:creator>|<cp:lastModifiedBy>.*?<\/cp:lastModifiedBy>|<cp:revision>.*?<\/cp:revision>|<cp:lastPrinted>.*?<\/cp:lastPrinted>|<dc:description>.*?<\/dc:description>/g,
        '',
      ),
    );
    expect(out['docProps/app.xml']).toBe(APP_XML.replace(/<(Template|TotalTime|Manager|Company|HyperlinkBase)>.*?<\/\1>/g, ''));
  });

  it('removes the comments, their extended parts and their authors, and their marks in the text and the notes', () => {
    const original = withComments();
    expect(readDocxContent(original).hasComments).toBe(true);
    const { bytes, removed } = cleanDocx(original);
    expect(removed.comments).toBe(2);
    expect(removed.parts.sort()).toEqual([
      'word/comments.xml',
      'word/commentsExtended.xml',
      'word/commentsExtensible.xml',
      'word/commentsIds.xml',
      'word/people.xml',
    ]);
    const out = parts(bytes);
    expect(Object.keys(out).filter((n) => /comment|people/i.test(n))).toEqual([]);
    expect(out['word/_rels/document.xml.rels']).not.toMatch(/comment|people/i);
    expect(out['[Content_Types].xml']).not.toMatch(/comment|people/i);
    expect(`${out['word/document.xml'] ?? ''}${out['word/footnotes.xml'] ?? ''}`).not.toMatch(/commentRange|commentReference/);
    expect(everything(bytes)).not.toContain('Jane Doe');
    expect(readDocxContent(bytes).hasComments).toBe(false);
    expect(model(bytes)).toEqual(model(original));
  });

  it('names every tracked change’s author "Author", keeping the changes and their dates', () => {
    const original = withTrackedChanges();
    const { bytes, removed } = cleanDocx(original);
    expect(removed.authors).toBe(4);
    const document = parts(bytes)['word/document.xml']!;
    expect(document).not.toMatch(/Jane Doe|John Roe/);
    expect(document.match(/w:author="Author"/g) ?? []).toHaveLength(4);
    expect(document.match(/w:date="2021-05-19T16:30:00Z"/g) ?? []).toHaveLength(4);
    expect(document).toContain('<w:delText xml:space="preserve">we thank</w:delText>');
    expect(document).toBe(parts(original)['word/document.xml']!.replace(/Jane Doe|John Roe/g, NEUTRAL_AUTHOR));
    expect(model(bytes)).toEqual(model(original));
    expect(readDocxContent(bytes).hasTrackedChanges).toBe(true);
  });
});

describe('cleanDocx: fields that fetch or run things', () => {
  it('empties their instructions, even split over runs, and keeps their results and the other fields', () => {
    const original = withFields();
    const { bytes, removed } = cleanDocx(original);
    expect(removed.fields).toEqual(['DDEAUTO', 'DDE', 'INCLUDETEXT', 'INCLUDEPICTURE', 'LINK', 'IMPORT', 'INCLUDETEXT']);
    const document = parts(bytes)['word/document.xml']!;
    for (const gone of ['DDE', 'cmd.exe', 'calc', 'rates.xlsx', 'INCLUDE', 'fileserver', '203.0.113.7', 'data.xlsx', 'IMPORT'])
      expect(document, gone).not.toContain(gone);
    expect(document).toContain('<w:fldSimple w:instr="">');
    expect(document).toContain('<w:instrText xml:space="preserve"> PAGE </w:instrText>');
    expect(document).toContain('HYPERLINK &quot;https://www.un.org/&quot;');
    expect(document).toContain('w:instr=" DATE \\@ &quot;d MMMM yyyy&quot; "');
    for (const result of ['1,234', '3.5%', 'Annex text as last seen.', '[logo]', 'Budget', '[chart]', 'included text'])
      expect(document).toContain(result);
    expect(model(bytes)).toEqual(model(original));
  });

  it.each([
    ['lower case', ['ddeauto c:\\x.exe'], 'DDEAUTO'],
    ['a name made by a nested field', [], 'a field named by another field'],
    ['a deleted instruction (w:delInstrText)', null, 'INCLUDETEXT'],
  ] as const)('empties a field written in %s', (_label, instruction, reported) => {
    let body: string;
    if (instruction === null) {
      body = p(
        '<w:del w:id="1" w:author="A" w:date="2021-05-19T16:30:00Z"><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:delInstrText>INCLUDETEXT "x.docx"</w:delInstrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:del>',
        t('kept'),
      );
    } else if (instruction.length === 0) {
      body = p(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>QUOTE "DDEAUTO"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> c:\\x.exe</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        t('result'),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
      );
    } else {
      body = p(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        ...instruction.map((i) => `<w:r><w:instrText>${i}</w:instrText></w:r>`),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        t('kept'),
      );
    }
    const { bytes, removed } = cleanDocx(zipSync(outsidePackage({ body })));
    expect(removed.fields).toContain(reported);
    expect(parts(bytes)['word/document.xml']).not.toMatch(/x\.exe|x\.docx/);
  });
});

describe('cleanDocx: everything else as it was', () => {
  it('keeps the content model of a statement as Word writes one, and the bytes of every part it did not need to change', async () => {
    for (const original of [await richStatement(), await trackedChangesDocument(), await commentedDocument()]) {
      const { bytes } = cleanDocx(original);
      expect(model(bytes)).toEqual(model(original));
      const before = unzipSync(original);
      const after = unzipSync(bytes);
      for (const name of Object.keys(after).filter(
        (n) => n.startsWith('word/media/') || n === 'word/styles.xml' || n === 'word/numbering.xml',
      )) {
        expect(Buffer.compare(after[name]!, before[name]!), name).toBe(0);
      }
      expect(Object.keys(after)).toEqual(Object.keys(before).filter((n) => n in after));
    }
  });

  it('gives the same bytes for the same file, and finds nothing more to remove in its own copy', () => {
    for (const make of [withFields, withComments, withProperties, ...OUTSIDE_CASES.map((c) => c.docx)]) {
      const original = make();
      const first = cleanDocx(original);
      expect(Buffer.compare(cleanDocx(Uint8Array.from(original)).bytes, first.bytes)).toBe(0);
      const again = cleanDocx(first.bytes);
      expect(nothingRemoved(again.removed), JSON.stringify(again.removed)).toBe(true);
    }
  });

  it('writes entries with one fixed date and no extra fields', () => {
    const { bytes } = cleanDocx(withProperties());
    const view = Buffer.from(bytes);
    for (let at = 0; at + 4 <= view.length; at++) {
      if (view.readUInt32LE(at) === 0x04034b50) {
        expect([view.readUInt16LE(at + 10), view.readUInt16LE(at + 12), view.readUInt16LE(at + 28)]).toEqual([0, 0x21, 0]);
      }
    }
    expect(openZip(bytes).names[0]).toBe('[Content_Types].xml');
  });

  it('keeps a UTF-16 part in UTF-16 with its byte order mark', () => {
    const package_ = outsidePackage({
      body: p(t('Texte en français.')),
      settings: { xml: '<w:attachedTemplate r:id="rIdT"/>', rels: { rIdT: ['attachedTemplate', 'file:///C:/t.dotm', true] } },
    });
    const settings = strFromU8(package_['word/settings.xml']!).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    package_['word/settings.xml'] = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(settings, 'utf16le')]));
    const { bytes } = cleanDocx(zipSync(package_));
    const out = unzipSync(bytes)['word/settings.xml']!;
    expect([out[0], out[1]]).toEqual([0xff, 0xfe]);
    const text = Buffer.from(out.subarray(2)).toString('utf16le');
    expect(text).not.toContain('attachedTemplate');
    expect(text).toContain('<w:settings');
  });

  it('leaves a file with nothing to remove readable as before, with an empty report', () => {
    const original = buildDocx({ body: para('Nothing to remove.') });
    const { bytes, removed } = cleanDocx(original);
    expect(nothingRemoved(removed)).toBe(true);
    expect(describeRemoved(removed)).toEqual([]);
    expect(model(bytes)).toEqual(model(original));
  });

  it('reads the file with the upload reader’s caps: a zip bomb and a macro document are refused', () => {
    const bomb = rawZip([
      { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') },
      zerosEntry('word/document.xml', 200 * 1024 * 1024),
    ]);
    expect(refusal(() => cleanDocx(bomb))).toBe('upload.unsafe');
    expect(refusal(() => cleanDocx(buildDocx({ body: para('x'), extraParts: { 'word/vbaProject.bin': new Uint8Array([1]) } })))).toBe(
      'upload.macro',
    );
    expect(refusal(() => cleanDocx(buildDocx({ body: para('x') }), { maxBytes: 100 }))).toBe('upload.too_large');
  });

  it('describes what it removed in words', () => {
    const report: CleanReport = {
      external: [
        { type: 'attachedTemplate', target: 'file://x' },
        { type: 'image', target: 'http://x' },
      ],
      mailMerge: true,
      fields: ['DDEAUTO', 'DDEAUTO'],
      properties: ['dc:creator', 'Company'],
      comments: 2,
      parts: ['word/comments.xml', 'word/people.xml'],
      authors: 3,
    };
    expect(describeRemoved(report)).toEqual([
      '2 links to outside content (a template, a linked picture)',
      'the mail-merge settings',
      '2 fields that fetch or run things (DDEAUTO)',
      'personal document properties (dc:creator, Company)',
      '2 comments and their authors’ names',
      'the authors’ names of 3 tracked changes',
    ]);
  });

  it.skipIf(!soffice)('gives files LibreOffice converts', { timeout: 180_000 }, async () => {
    // Two conversions at a time (each has a profile of its own): the cores are kept busy, the test no longer.
    const files = [withFields, withComments, withTrackedChanges, withProperties, OUTSIDE_CASES[0]!.docx, OUTSIDE_CASES[3]!.docx];
    for (let i = 0; i < files.length; i += 2) {
      const results = await Promise.all(files.slice(i, i + 2).map((make) => convertDocxToPdf(cleanDocx(make()).bytes)));
      for (const result of results) {
        expect(result.ok, result.ok ? '' : result.detail).toBe(true);
        if (result.ok) expect(Buffer.from(result.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      }
    }
  });
});
