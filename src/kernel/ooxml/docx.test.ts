import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  NUMBERING_XML,
  STYLES_XML,
  buildDocx,
  zerosEntry,
  docxParts,
  documentXml,
  footnoteRef,
  footnotesXml,
  para,
  rawZip,
  run,
  table,
  type DocxParts,
} from '../../../test/fixtures/docx-builder.js';
import { AppError } from '../errors.js';
import { docxText } from '../../../test/document-text.js';
import { readDocx, type DocxParagraph } from './docx.js';

const MB = 1024 * 1024;

/** A document with the fixture styles and numbering and this body. */
function read(body: string, parts: Partial<DocxParts> = {}): DocxParagraph[] {
  return readDocx(buildDocx({ styles: STYLES_XML, numbering: NUMBERING_XML, body, ...parts })).paragraphs;
}

function refusal(bytes: Uint8Array, options: { maxBytes?: number } = {}): { code: string; detail: string } | 'no error' {
  try {
    readDocx(bytes, options);
    return 'no error';
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { code: err.code, detail: err.detail ?? '' };
  }
}

/** A .docx whose parts are written by the raw ZIP writer, plus extra raw entries. */
function rawDocx(parts: Partial<DocxParts>, ...extra: Parameters<typeof rawZip>[0]): Uint8Array {
  const entries = Object.entries(docxParts({ body: para('Text'), ...parts })).map(([name, data]) => ({ name, data }));
  return rawZip([...entries, ...extra]);
}

const plain = (text: string): DocxParagraph => ({ text, numbered: false, rtl: false, bold: false, footnoteIds: [] });

describe('readDocx', () => {
  it('reads a document: headings by text and by style, numbered and lettered paragraphs, a table, footnotes, RTL', () => {
    const content = readDocx(
      buildDocx({
        styles: STYLES_XML,
        numbering: NUMBERING_XML,
        footnotes: footnotesXml({ '1': 'See the report of 2020.', '2': 'Resolution 2532 (2020).' }),
        body: [
          para('Concept note', { style: 'Title' }),
          para('I.\tBackground', { bold: true }),
          para([run('1.\tThe Council met'), footnoteRef('1'), run(' twice.')]),
          para('Objective', { style: 'Heading1' }),
          para('A question to answer?', { numId: 2 }),
          table([
            ['Speaker', 'Minutes'],
            ['Chair', '5'],
          ]),
          para('نص الفقرة', { rtl: true }),
          para([run('Last'), footnoteRef('2')]),
        ].join(''),
      }),
    );
    expect(content).toEqual({
      paragraphs: [
        { ...plain('Concept note'), style: 'Title', styleName: 'Title' },
        { ...plain('I.\tBackground'), bold: true },
        { ...plain('1.\tThe Council met twice.'), footnoteIds: ['1'] },
        { ...plain('Objective'), style: 'Heading1', styleName: 'heading 1', outlineLevel: 0, bold: true },
        { ...plain('A question to answer?'), numbered: true, numberFormat: 'lowerLetter' },
        plain('Speaker'),
        plain('Minutes'),
        plain('Chair'),
        plain('5'),
        { ...plain('نص الفقرة'), rtl: true },
        { ...plain('Last'), footnoteIds: ['2'] },
      ],
      footnotes: [
        { id: '1', text: ' See the report of 2020.' },
        { id: '2', text: ' Resolution 2532 (2020).' },
      ],
      hasMacros: false,
    });
  });

  const texts: [string, string, string[]][] = [
    [
      'tabs, breaks, carriage returns, non-breaking and optional hyphens',
      '<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t><w:noBreakHyphen/><w:t>e</w:t><w:softHyphen/><w:t>f</w:t></w:r></w:p>',
      ['a\tb\nc\nd-ef'],
    ],
    [
      'tracked changes: deleted text left out, inserted text kept',
      '<w:p><w:r><w:t xml:space="preserve">Keep </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText xml:space="preserve">gone </w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>new</w:t></w:r></w:ins></w:p>',
      ['Keep new'],
    ],
    [
      'moved text: read where it went, not where it came from',
      '<w:p><w:moveFrom w:id="1" w:author="A"><w:r><w:t>old place</w:t></w:r></w:moveFrom><w:moveTo w:id="2" w:author="A"><w:r><w:t>new place</w:t></w:r></w:moveTo></w:p>',
      ['new place'],
    ],
    [
      'fields: the result, not the code',
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \\@ "d MMMM yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>24 May 2021</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr="PAGE"><w:r><w:t xml:space="preserve">, page 3</w:t></w:r></w:fldSimple></w:p>',
      ['24 May 2021, page 3'],
    ],
    [
      'hyperlinks, smart tags and content controls',
      '<w:sdt><w:sdtPr><w:alias w:val="Title"/></w:sdtPr><w:sdtContent><w:p><w:hyperlink r:id="rId9"><w:r><w:t>link</w:t></w:r></w:hyperlink><w:smartTag w:uri="u" w:element="place"><w:r><w:t xml:space="preserve"> and tag</w:t></w:r></w:smartTag></w:p></w:sdtContent></w:sdt>',
      ['link and tag'],
    ],
    [
      'tab stops in the paragraph properties are not characters',
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>x</w:t></w:r></w:p>',
      ['x'],
    ],
    [
      'hidden text left out',
      '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t><w:tab/></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>shown</w:t></w:r></w:p>',
      ['shown'],
    ],
    [
      'ruby: the base text, not the pronunciation guide',
      '<w:p><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>ān quán</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>安全</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>',
      ['安全'],
    ],
    [
      'a text box read once (mc:Choice), before the paragraph it is anchored in',
      `<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t xml:space="preserve"> text</w:t></w:r></w:p>`,
      ['Box', 'Anchor text'],
    ],
    [
      'entities and spacing kept as written',
      '<w:p><w:r><w:t xml:space="preserve">  Peace &amp; security &lt;2021&gt;  </w:t></w:r></w:p><w:p/>',
      ['  Peace & security <2021>  ', ''],
    ],
  ];
  it.each(texts)('reads the text of %s', (_label, body, expected) => {
    expect(read(body).map((p) => p.text)).toEqual(expected);
  });

  const properties: [string, string, Partial<DocxParagraph> & { text: string }][] = [
    ['no properties', para('x'), plain('x')],
    [
      'a heading style, with its name and outline level',
      para('x', { style: 'Heading2' }),
      { ...plain('x'), style: 'Heading2', styleName: 'heading 2', outlineLevel: 1 },
    ],
    [
      'a style based on a heading (inherits outline level and bold)',
      para('x', { style: 'SectionHead' }),
      { ...plain('x'), style: 'SectionHead', styleName: 'Section Head', outlineLevel: 0, bold: true },
    ],
    ['a style missing from the style sheet', para('x', { style: 'Custom' }), { ...plain('x'), style: 'Custom' }],
    ['a direct outline level', para('x', { outlineLevel: 1 }), { ...plain('x'), outlineLevel: 1 }],
    ['outline level 9 (body text)', para('x', { outlineLevel: 9 }), plain('x')],
    ['decimal numbering', para('x', { numId: 1 }), { ...plain('x'), numbered: true, numberFormat: 'decimal' }],
    ['upper Roman numbering', para('x', { numId: 3 }), { ...plain('x'), numbered: true, numberFormat: 'upperRoman' }],
    ['a list missing from numbering.xml', para('x', { numId: 99 }), { ...plain('x'), numbered: true }],
    ['numbering removed (numId 0)', para('x', { numId: 0 }), plain('x')],
    [
      'numbering from the style',
      para('x', { style: 'ListNumber' }),
      { ...plain('x'), style: 'ListNumber', styleName: 'List Number', numbered: true, numberFormat: 'decimal' },
    ],
    [
      'the style’s numbering removed on the paragraph',
      para('x', { style: 'ListNumber', numId: 0 }),
      { ...plain('x'), style: 'ListNumber', styleName: 'List Number' },
    ],
    ['right to left', para('x', { rtl: true }), { ...plain('x'), rtl: true }],
    ['right to left turned off', '<w:p><w:pPr><w:bidi w:val="0"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>', plain('x')],
    ['every run bold', para([run('a', { bold: true }), run('b', { bold: true })]), { ...plain('ab'), bold: true }],
    ['one run not bold', para([run('a', { bold: true }), run('b')]), plain('ab')],
    ['a bold run and a plain space', para([run('a', { bold: true }), run(' ')]), { ...plain('a '), bold: true }],
    [
      'bold from a character style',
      '<w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>x</w:t></w:r></w:p>',
      { ...plain('x'), bold: true },
    ],
    [
      'bold turned off in a bold style',
      '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>x</w:t></w:r></w:p>',
      { ...plain('x'), style: 'Heading1', styleName: 'heading 1', outlineLevel: 0 },
    ],
    ['footnote marks', para([run('a'), footnoteRef('3'), run('b'), footnoteRef('4')]), { ...plain('ab'), footnoteIds: ['3', '4'] }],
    [
      'a tracked style change (the new style counts)',
      '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:pPrChange w:id="1" w:author="A"><w:pPr><w:pStyle w:val="Title"/><w:bidi/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>x</w:t></w:r></w:p>',
      { ...plain('x'), style: 'Heading1', styleName: 'heading 1', outlineLevel: 0, bold: true },
    ],
  ];
  it.each(properties)('reads the properties of a paragraph with %s', (_label, body, expected) => {
    expect(read(body)).toEqual([expected]);
  });

  it('reads footnotes, leaving out separators and keeping a note’s paragraphs', () => {
    const footnotes = footnotesXml({ '1': 'One.' }).replace(
      '</w:footnotes>',
      '<w:footnote w:type="continuationNotice" w:id="5"><w:p><w:r><w:t>continued</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>Two,</w:t></w:r></w:p><w:p><w:r><w:t>in two paragraphs.</w:t></w:r></w:p></w:footnote></w:footnotes>',
    );
    expect(readDocx(buildDocx({ body: para('x'), footnotes })).footnotes).toEqual([
      { id: '1', text: ' One.' },
      { id: '2', text: 'Two,\nin two paragraphs.' },
    ]);
  });

  it('reads without styles.xml, numbering.xml or footnotes.xml', () => {
    expect(readDocx(buildDocx({ body: para('x', { style: 'Heading1', numId: 1 }) }))).toEqual({
      paragraphs: [{ ...plain('x'), style: 'Heading1', numbered: true }],
      footnotes: [],
      hasMacros: false,
    });
  });

  it('reads an ISO strict document (other namespace, same structure)', () => {
    const strict = documentXml(para('Strict text', { rtl: true }), 'http://purl.oclc.org/ooxml/wordprocessingml/main');
    expect(readDocx(buildDocx({ body: '', documentXml: strict })).paragraphs).toEqual([{ ...plain('Strict text'), rtl: true }]);
  });

  it('finds the main document through the package relationships', () => {
    const bytes = buildDocx({
      body: '',
      omit: ['word/document.xml'],
      extraTypes:
        '<Override PartName="/word/main.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
      extraParts: {
        'word/main.xml': documentXml(para('Elsewhere')),
        '_rels/.rels':
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/></Relationships>',
      },
    });
    expect(docxText(bytes)).toBe('Elsewhere');
  });

  it('gives the paragraph texts one a line (docxText)', () => {
    expect(docxText(buildDocx({ body: para('First') + table([['a', 'b']]) + para('Last') }))).toBe('First\na\nb\nLast');
  });

  it('reads a document written by the docx package (styles, numbering, footnotes, a table, RTL)', async () => {
    const d = await import('docx');
    const doc = new d.Document({
      numbering: { config: [{ reference: 'questions', levels: [{ level: 0, format: d.LevelFormat.LOWER_LETTER, text: '(%1)' }] }] },
      footnotes: { 1: { children: [new d.Paragraph('A footnote.')] } },
      sections: [
        {
          children: [
            new d.Paragraph({ text: 'Background', heading: d.HeadingLevel.HEADING_1 }),
            new d.Paragraph({
              children: [new d.TextRun('A paragraph'), new d.FootnoteReferenceRun(1), new d.TextRun({ text: ' ends.', bold: true })],
            }),
            new d.Paragraph({ text: 'A question?', numbering: { reference: 'questions', level: 0 } }),
            new d.Table({ rows: [new d.TableRow({ children: [new d.TableCell({ children: [new d.Paragraph('Cell')] })] })] }),
            new d.Paragraph({ children: [new d.TextRun({ text: 'نص', bold: true })], bidirectional: true }),
          ],
        },
      ],
    });
    const content = readDocx(new Uint8Array(await d.Packer.toBuffer(doc)));
    expect(content.paragraphs.map((p) => p.text)).toEqual(['Background', 'A paragraph ends.', 'A question?', 'Cell', 'نص']);
    // Unlike Word, the package names its heading styles in capitals and gives them no outline level.
    expect(content.paragraphs[0]).toMatchObject({ style: 'Heading1', styleName: 'Heading 1' });
    expect(content.paragraphs[1]).toMatchObject({ footnoteIds: ['1'], bold: false });
    expect(content.paragraphs[2]).toMatchObject({ numbered: true, numberFormat: 'lowerLetter' });
    expect(content.paragraphs[4]).toMatchObject({ rtl: true, bold: true });
    expect(content.footnotes).toEqual([{ id: '1', text: 'A footnote.' }]);
  });
});

describe('readDocx refuses', () => {
  const xlsx = zipSync({
    '[Content_Types].xml': strToU8(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'),
  });
  const xxe = (root: string) => `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${root}`;
  const good = buildDocx({ body: para('Some text') });

  const cases: [string, () => Uint8Array, string, RegExp][] = [
    [
      'a macro-enabled document (.docm)',
      () => buildDocx({ body: para('x'), mainType: 'application/vnd.ms-word.document.macroEnabled.main+xml' }),
      'upload.macro',
      /macroEnabled\.main\+xml/,
    ],
    [
      'a macro-enabled template (.dotm)',
      () => buildDocx({ body: para('x'), mainType: 'application/vnd.ms-word.template.macroEnabledTemplate.main+xml' }),
      'upload.macro',
      /macroEnabledTemplate/,
    ],
    [
      'a vbaProject.bin part, whatever the content types say',
      () => buildDocx({ body: para('x'), extraParts: { 'word/vbaProject.bin': new Uint8Array([1, 2]) } }),
      'upload.macro',
      /word\/vbaProject\.bin/,
    ],
    [
      'a vbaData.xml part',
      () => buildDocx({ body: para('x'), extraParts: { 'word/vbaData.xml': '<x/>' } }),
      'upload.macro',
      /vbaData\.xml/,
    ],
    [
      'a declared VBA project content type',
      () => buildDocx({ body: para('x'), extraTypes: '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' }),
      'upload.macro',
      /vbaProject/,
    ],
    [
      'a spreadsheet (.xlsx)',
      () => xlsx,
      'upload.not_docx',
      /xl\/workbook\.xml has content type application\/vnd\.openxmlformats-officedocument\.spreadsheetml/,
    ],
    [
      'a plain ZIP archive',
      () => zipSync({ 'notes.txt': strToU8('hello') }),
      'upload.not_docx',
      /without \[Content_Types\]\.xml: notes\.txt/,
    ],
    [
      'a package without a main document',
      () => buildDocx({ body: '', omit: ['word/document.xml', '_rels/.rels'] }),
      'upload.not_docx',
      /no main document part/,
    ],
    [
      'a main part with another content type',
      () => buildDocx({ body: para('x'), mainType: 'application/xml' }),
      'upload.not_docx',
      /content type application\/xml/,
    ],
    ['a PDF', () => strToU8('%PDF-1.7\n%âãÏÓ\n'), 'upload.not_docx', /PDF/],
    ['a text file renamed .docx', () => strToU8('I. Background\n1. Text'), 'upload.not_docx', /not a ZIP archive/],
    ['an empty file', () => new Uint8Array(), 'upload.empty', /0 bytes/],
    ['a truncated .docx', () => good.subarray(0, Math.floor(good.length / 2)), 'upload.damaged', /truncated/],
    [
      'a document part without [Content_Types].xml',
      () => buildDocx({ body: para('x'), omit: ['[Content_Types].xml'] }),
      'upload.damaged',
      /no \[Content_Types\]\.xml/,
    ],
    [
      'a main part that is not a WordprocessingML document',
      () => buildDocx({ body: '', documentXml: '<html><body>x</body></html>' }),
      'upload.damaged',
      /root is html/,
    ],
    [
      'a main part that is not well-formed',
      () => buildDocx({ body: '', documentXml: documentXml(para('x')).replace('</w:body>', '') }),
      'upload.damaged',
      /word\/document\.xml is not well-formed/,
    ],
    [
      'a document without text',
      () => buildDocx({ body: para('') + para('   ') + '<w:p/>' + table([['']]) }),
      'upload.empty',
      /4 paragraphs, none with text/,
    ],
    [
      'billion laughs in the document',
      () =>
        buildDocx({
          body: '',
          documentXml: `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${documentXml('<w:p><w:r><w:t>&c;</w:t></w:r></w:p>').replace(/^<\?xml[^>]*>\n/, '')}`,
        }),
      'upload.unsafe',
      /word\/document\.xml has a DOCTYPE/,
    ],
    [
      'an external entity in the document',
      () =>
        buildDocx({
          body: '',
          documentXml: xxe(
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>',
          ),
        }),
      'upload.unsafe',
      /word\/document\.xml has a DOCTYPE/,
    ],
    [
      'an external entity in [Content_Types].xml',
      () =>
        buildDocx({
          body: para('x'),
          extraParts: {
            '[Content_Types].xml': xxe('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&xxe;</Types>'),
          },
        }),
      'upload.unsafe',
      /\[Content_Types\]\.xml has a DOCTYPE/,
    ],
    [
      'an external entity in the relationships',
      () =>
        buildDocx({
          body: para('x'),
          extraParts: {
            '_rels/.rels': xxe('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">&xxe;</Relationships>'),
          },
        }),
      'upload.unsafe',
      /_rels\/\.rels has a DOCTYPE/,
    ],
    [
      'an external entity in the styles',
      () =>
        buildDocx({
          body: para('x'),
          styles: xxe('<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&xxe;</w:styles>'),
        }),
      'upload.unsafe',
      /word\/styles\.xml has a DOCTYPE/,
    ],
    ['an entry that climbs out of its folder', () => rawDocx({}, { name: '../evil', data: strToU8('x') }), 'upload.unsafe', /climbs out/],
    ['an entry with an absolute path', () => rawDocx({}, { name: '/abs', data: strToU8('x') }), 'upload.unsafe', /absolute path/],
    ['an entry with a Windows path', () => rawDocx({}, { name: 'C:\\x', data: strToU8('x') }), 'upload.unsafe', /backslash/],
    [
      'a zip bomb as the document (200 MB of zeros)',
      () => rawDocx({ omit: ['word/document.xml'] }, zerosEntry('word/document.xml', 200 * MB)),
      'upload.unsafe',
      /ratio over 200:1/,
    ],
    [
      'a document whose header understates its size',
      () => rawDocx({ omit: ['word/document.xml'] }, { ...zerosEntry('word/document.xml', 32 * MB), declaredSize: 256 * 1024 }),
      'upload.unsafe',
      /inflates beyond the 262144 bytes/,
    ],
  ];
  it.each(cases)('%s', (_label, make, code, detail) => {
    const result = refusal(make());
    expect(result).toMatchObject({ code, detail: expect.stringMatching(detail) });
    // The file named by the external entity is never read into the answer.
    expect(JSON.stringify(result)).not.toMatch(/root:/);
  });

  it('any corruption of a document with an AppError, never another exception', () => {
    const original = buildDocx({
      styles: STYLES_XML,
      numbering: NUMBERING_XML,
      footnotes: footnotesXml({ '1': 'Note.' }),
      body: para('I. Heading', { style: 'Heading1' }) + para([run('Text'), footnoteRef('1')], { numId: 2 }),
    });
    let seed = 7;
    const random = (below: number) => Math.floor(((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * below);
    const escaped: string[] = [];
    for (let i = 0; i < 1_500; i++) {
      const bytes = Uint8Array.from(original);
      for (let k = 0, n = 1 + random(4); k < n; k++) bytes[random(bytes.length)] = random(256);
      try {
        readDocx(i % 10 === 0 ? bytes.subarray(0, random(bytes.length)) : bytes);
      } catch (err) {
        if (!(err instanceof AppError)) escaped.push(String(err));
      }
    }
    expect(escaped).toEqual([]);
  });

  it('a file larger than maxBytes', () => {
    expect(refusal(good, { maxBytes: good.length - 1 })).toMatchObject({ code: 'upload.too_large' });
    expect(refusal(good, { maxBytes: good.length })).toBe('no error');
  });
});
