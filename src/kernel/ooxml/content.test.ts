import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  NUMBERING_XML,
  STYLES_XML,
  buildDocx,
  documentXml,
  footnoteRef,
  footnotesXml,
  para,
  run,
  table,
  type DocxParts,
} from '../../../test/fixtures/docx-builder.js';
import {
  EMF_HEAD,
  GIF_HEAD,
  JPEG_HEAD,
  STATEMENT_FOOTNOTE,
  commentedDocument,
  png,
  richStatement,
  trackedChangesDocument,
} from '../../../test/fixtures/statement-files.js';
import { AppError } from '../errors.js';
import { fieldHyperlink, safeHref } from './links.js';
import { readDocxContent, withoutImageBytes, type Block, type Inline, type ParagraphBlock, type StatementContent } from './content.js';

const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const rel = (id: string, type: string, target: string, external = false) =>
  `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`;

function read(body: string, parts: Partial<DocxParts> = {}, options: Parameters<typeof readDocxContent>[1] = {}): StatementContent {
  return readDocxContent(buildDocx({ styles: STYLES_XML, numbering: NUMBERING_XML, body, ...parts }), options);
}

function blocks(body: string, parts: Partial<DocxParts> = {}): Block[] {
  return read(body, parts).blocks;
}

const text = (t: string, marks: Partial<Record<'bold' | 'italic' | 'underline' | 'superscript' | 'subscript', true>> = {}): Inline => ({
  kind: 'text',
  text: t,
  ...marks,
});
const p = (inlines: Inline[], props: Partial<ParagraphBlock> = {}): ParagraphBlock => ({
  kind: 'paragraph',
  style: 'normal',
  rtl: false,
  inlines,
  ...props,
});
const plain = (t: string, props: Partial<ParagraphBlock> = {}) => p([text(t)], props);

const drawing = (rid: string, alt: string, linked = false) =>
  `<w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="1" name="Picture 1" descr="${alt}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="" descr=""/></pic:nvPicPr><pic:blipFill><a:blip r:${linked ? 'link' : 'embed'}="${rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;

describe('readDocxContent', () => {
  it('reads a statement written like a Word document into the model', async () => {
    const content = readDocxContent(await richStatement());
    const mapSha = content.images[0]?.sha256;
    expect(content.images).toEqual([
      { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), mediaType: 'image/png', bytes: expect.any(Uint8Array) },
    ]);
    expect(content.blocks).toEqual([
      plain('Statement by the Permanent Representative', { style: 'title' }),
      plain('Protection of civilians', { style: 'heading1' }),
      p(
        [
          text('Mr. President, '),
          text('we thank', { bold: true }),
          text(' the Secretary-General', { italic: true }),
          text(' for his report.'),
          { kind: 'footnote', id: '1' },
          text(' See also', { underline: true }),
          { kind: 'footnote', id: '1', endnote: true },
        ],
        { align: 'justify' },
      ),
      plain('First, access.', { list: { ordered: true, level: 0 } }),
      plain('Second, protection.', { list: { ordered: false, level: 1 } }),
      // The javascript: link is kept as its text only, joined to the text around it.
      p([
        text('Read the '),
        { kind: 'link', href: 'https://www.un.org/securitycouncil/', children: [text('Council page', { underline: true })] },
        text(' and this.'),
      ]),
      p([{ kind: 'image', alt: 'Map of the region', sha256: mapSha!, mediaType: 'image/png' }]),
      {
        kind: 'table',
        rows: [
          { header: true, cells: [{ blocks: [plain('Year')] }, { blocks: [plain('Displaced')] }] },
          { cells: [{ blocks: [plain('2020')] }, { blocks: [plain('1,200')] }] },
          { cells: [{ blocks: [plain('Source: OCHA')], colspan: 2 }] },
        ],
      },
      // The docx package writes "left" of a right-to-left paragraph as w:jc="right", which Word reads as the end.
      plain('شكرا السيد الرئيس', { rtl: true, align: 'left' }),
      plain('安全理事会'),
    ]);
    expect(content.footnotes).toEqual([{ id: '1', blocks: [plain(STATEMENT_FOOTNOTE)] }]);
    expect(content.endnotes).toEqual([{ id: '1', blocks: [plain('An endnote.')] }]);
    expect(content).toMatchObject({ hasTrackedChanges: false, hasComments: false });
    expect(content.language).toBeUndefined();
    expect(JSON.stringify(content.blocks)).not.toContain('javascript');
  });

  it('gives a model that survives JSON unchanged, with the pictures apart', async () => {
    const content = readDocxContent(await richStatement());
    const json = withoutImageBytes(content);
    expect(json.images).toEqual([{ sha256: content.images[0]!.sha256, mediaType: 'image/png', size: content.images[0]!.bytes.length }]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('keeps text as data, never markup', () => {
    expect(blocks(para('<script>alert(1)</script> & <b>'))).toEqual([plain('<script>alert(1)</script> & <b>')]);
  });

  it('reads tracked changes accepted, and says the file holds them', async () => {
    const content = readDocxContent(await trackedChangesDocument());
    expect(content.blocks).toEqual([plain('The Council strongly condemns the attack.')]);
    expect(content.hasTrackedChanges).toBe(true);
  });

  it('says the file holds comments, without reading them into the text', async () => {
    const content = readDocxContent(await commentedDocument());
    expect(content.blocks).toEqual([plain('We welcome the report.')]);
    expect(content.hasComments).toBe(true);
    expect(JSON.stringify(content)).not.toContain('capital');
  });

  it('finds a comment from the comments part alone, and ignores an empty one', () => {
    const comments = (inner: string) => ({
      relationships: rel('rId20', 'comments', 'comments.xml'),
      extraParts: {
        'word/comments.xml': `<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${inner}</w:comments>`,
      },
    });
    expect(read(para('x'), comments('<w:comment w:id="0"><w:p><w:r><w:t>Note</w:t></w:r></w:p></w:comment>')).hasComments).toBe(true);
    expect(read(para('x'), comments('')).hasComments).toBe(false);
  });

  const W_INS = 'w:id="1" w:author="A" w:date="2021-05-20T10:00:00Z"';
  const cases: [string, string, Block[], Partial<DocxParts>?][] = [
    [
      'bold, italic, underline, raised and lowered text',
      para([
        '<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>bi</w:t></w:r>',
        '<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>u</w:t></w:r>',
        '<w:r><w:rPr><w:u w:val="none"/></w:rPr><w:t>n</w:t></w:r>',
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r>',
        '<w:r><w:rPr><w:vertAlign w:val="subscript"/></w:rPr><w:t>x</w:t></w:r>',
      ]),
      [
        p([
          text('bi', { bold: true, italic: true }),
          text('u', { underline: true }),
          text('n'),
          text('2', { superscript: true }),
          text('x', { subscript: true }),
        ]),
      ],
    ],
    ['runs with the same formatting joined into one text', para([run('One '), run('sentence'), run('.')]), [plain('One sentence.')]],
    [
      'bold from a character style and from the paragraph style, and turned off',
      [
        '<w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>strong</w:t></w:r></w:p>',
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>bold </w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>not</w:t></w:r></w:p>',
      ].join(''),
      [p([text('strong', { bold: true })]), p([text('bold ', { bold: true }), text('not')], { style: 'heading1' })],
    ],
    [
      'complex-script bold and italic in a right-to-left run (w:bCs, not w:b)',
      para(
        [
          '<w:r><w:rPr><w:bCs/><w:rtl/></w:rPr><w:t>عريض</w:t></w:r>',
          '<w:r><w:rPr><w:b/><w:rtl/></w:rPr><w:t> عادي</w:t></w:r>',
          '<w:r><w:rPr><w:iCs/><w:cs/></w:rPr><w:t> مائل</w:t></w:r>',
        ],
        { rtl: true },
      ),
      [p([text('عريض', { bold: true }), text(' عادي'), text(' مائل', { italic: true })], { rtl: true })],
    ],
    [
      'tabs, line breaks, non-breaking and optional hyphens, symbols',
      para([
        '<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t><w:noBreakHyphen/><w:t>e</w:t><w:softHyphen/><w:t>f</w:t></w:r>',
        '<w:r><w:sym w:font="Times New Roman" w:char="2013"/><w:sym w:font="Symbol" w:char="F0B7"/></w:r>',
      ]),
      [p([text('a\tb'), { kind: 'break' }, text('c'), { kind: 'break' }, text('d\u2011e\u00adf–')])],
    ],
    [
      'hidden text, directly and from a style',
      para([
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t><w:br/></w:r>',
        '<w:r><w:rPr><w:rStyle w:val="Secret"/></w:rPr><w:t>secret</w:t></w:r>',
        '<w:r><w:t>shown</w:t></w:r>',
      ]),
      [plain('shown')],
      {
        styles: STYLES_XML.replace(
          '</w:styles>',
          '<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/><w:rPr><w:vanish/></w:rPr></w:style></w:styles>',
        ),
      },
    ],
    [
      'deleted and moved-away text left out, inserted and moved-to text kept',
      `<w:p><w:r><w:t xml:space="preserve">Keep </w:t></w:r><w:del ${W_INS}><w:r><w:delText xml:space="preserve">gone </w:delText></w:r></w:del><w:ins ${W_INS}><w:r><w:t>new</w:t></w:r></w:ins><w:moveFrom ${W_INS}><w:r><w:t> old</w:t></w:r></w:moveFrom><w:moveTo ${W_INS}><w:r><w:t> moved</w:t></w:r></w:moveTo></w:p>`,
      [plain('Keep new moved')],
    ],
    [
      'a paragraph whose mark was deleted joins the next one; a wholly deleted paragraph leaves nothing',
      [
        `<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:rPr><w:del ${W_INS}/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">First half </w:t></w:r></w:p>`,
        '<w:p><w:r><w:t>second half.</w:t></w:r></w:p>',
        `<w:p><w:pPr><w:rPr><w:del ${W_INS}/></w:rPr></w:pPr><w:del ${W_INS}><w:r><w:delText>All deleted.</w:delText></w:r></w:del></w:p>`,
        '<w:p><w:r><w:t>Next.</w:t></w:r></w:p>',
      ].join(''),
      [plain('First half second half.'), plain('Next.')],
    ],
    [
      'a tracked change of formatting: the formatting after it',
      `<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:pPrChange ${W_INS}><w:pPr><w:pStyle w:val="Title"/><w:jc w:val="center"/></w:pPr></w:pPrChange></w:pPr><w:r><w:rPr><w:i/><w:rPrChange ${W_INS}><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:t>x</w:t></w:r></w:p>`,
      [p([text('x', { italic: true })], { style: 'heading2' })],
    ],
    [
      'fields: the result, not the code; a HYPERLINK field is a link',
      [
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \\@ "d MMMM yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>24 May 2021</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://press.un.org/" \\o "Press" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>press releases</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>',
        '<w:p><w:fldSimple w:instr=" HYPERLINK &quot;mailto:desk@un.org&quot; "><w:r><w:t>desk</w:t></w:r></w:fldSimple><w:fldSimple w:instr="PAGE"><w:r><w:t xml:space="preserve"> 3</w:t></w:r></w:fldSimple></w:p>',
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK \\l "annex"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>the annex</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
      ].join(''),
      [
        plain('24 May 2021'),
        p([{ kind: 'link', href: 'https://press.un.org/', children: [text('press releases', { underline: true })] }, text('.')]),
        p([{ kind: 'link', href: 'mailto:desk@un.org', children: [text('desk')] }, text(' 3')]),
        plain('the annex'),
      ],
    ],
    [
      'hyperlinks: external ones kept when safe, a bookmark link and unsafe ones kept as text',
      [
        '<w:p><w:hyperlink r:id="rId10"><w:r><w:t>web</w:t></w:r></w:hyperlink></w:p>',
        '<w:p><w:hyperlink w:anchor="annex"><w:r><w:t>annex</w:t></w:r></w:hyperlink></w:p>',
        '<w:p><w:hyperlink r:id="rId11"><w:r><w:t>script</w:t></w:r></w:hyperlink><w:hyperlink r:id="rId12"><w:r><w:t> data</w:t></w:r></w:hyperlink><w:hyperlink r:id="rId13"><w:r><w:t> file</w:t></w:r></w:hyperlink><w:hyperlink r:id="rId99"><w:r><w:t> none</w:t></w:r></w:hyperlink></w:p>',
      ].join(''),
      [p([{ kind: 'link', href: 'https://www.un.org/en/', children: [text('web')] }]), plain('annex'), plain('script data file none')],
      {
        relationships: [
          rel('rId10', 'hyperlink', 'https://www.un.org/en/', true),
          rel('rId11', 'hyperlink', ' JavaScript:alert(1)', true),
          rel('rId12', 'hyperlink', 'data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;', true),
          rel('rId13', 'hyperlink', 'file:///etc/passwd', true),
        ].join(''),
      },
    ],
    [
      'headings by style name, by a style based on one, by outline level; a house style id in another language',
      [
        para('a', { style: 'Heading2' }),
        para('b', { style: 'SectionHead' }),
        para('c', { outlineLevel: 2 }),
        para('d', { outlineLevel: 9, style: 'Heading1' }),
        para('e', { style: 'berschrift5' }),
        para('f', { style: 'Title' }),
        para('g', { style: 'Unknown' }),
      ].join(''),
      [
        plain('a', { style: 'heading2' }),
        p([text('b', { bold: true })], { style: 'heading1' }),
        plain('c', { style: 'heading3' }),
        p([text('d', { bold: true })]),
        plain('e', { style: 'heading3' }),
        plain('f', { style: 'title' }),
        plain('g'),
      ],
      {
        styles: STYLES_XML.replace(
          '</w:styles>',
          '<w:style w:type="paragraph" w:styleId="berschrift5"><w:name w:val="heading 5"/></w:style></w:styles>',
        ),
      },
    ],
    [
      'lists: numbered, lettered, from the style, removed, and a level without a label',
      [
        para('one', { numId: 1 }),
        para('(a)', { numId: 2, ilvl: 0 }),
        para('style', { style: 'ListNumber' }),
        para('removed', { style: 'ListNumber', numId: 0 }),
        para('unlabelled', { numId: 4 }),
      ].join(''),
      [
        plain('one', { list: { ordered: true, level: 0 } }),
        plain('(a)', { list: { ordered: true, level: 0 } }),
        plain('style', { list: { ordered: true, level: 0 } }),
        plain('removed'),
        plain('unlabelled'),
      ],
      {
        numbering: NUMBERING_XML.replace(
          '</w:numbering>',
          '<w:abstractNum w:abstractNumId="13"><w:lvl w:ilvl="0"><w:numFmt w:val="none"/></w:lvl></w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="13"/></w:num></w:numbering>',
        ),
      },
    ],
    [
      'alignment as seen on the page, mirrored in right-to-left paragraphs',
      [
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>c</w:t></w:r></w:p>',
        '<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>r</w:t></w:r></w:p>',
        '<w:p><w:pPr><w:bidi/><w:jc w:val="left"/></w:pPr><w:r><w:t>ي</w:t></w:r></w:p>',
        '<w:p><w:pPr><w:bidi/><w:jc w:val="start"/></w:pPr><w:r><w:t>س</w:t></w:r></w:p>',
        '<w:p><w:pPr><w:bidi/><w:jc w:val="end"/></w:pPr><w:r><w:t>ن</w:t></w:r></w:p>',
        '<w:p><w:pPr><w:jc w:val="distribute"/></w:pPr><w:r><w:t>d</w:t></w:r></w:p>',
        '<w:p><w:pPr><w:pStyle w:val="ArabicBody"/></w:pPr><w:r><w:t>م</w:t></w:r></w:p>',
      ].join(''),
      [
        plain('c', { align: 'center' }),
        plain('r', { align: 'right' }),
        plain('ي', { rtl: true, align: 'right' }),
        plain('س', { rtl: true, align: 'right' }),
        plain('ن', { rtl: true, align: 'left' }),
        plain('d', { align: 'justify' }),
        plain('م', { rtl: true, align: 'justify' }),
      ],
      {
        styles: STYLES_XML.replace(
          '</w:styles>',
          '<w:style w:type="paragraph" w:styleId="ArabicBody"><w:name w:val="Arabic Body"/><w:pPr><w:bidi/><w:jc w:val="both"/></w:pPr></w:style></w:styles>',
        ),
      },
    ],
    [
      'a table: header row, merged cells, a deleted row, a nested table',
      `<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>${para('Head')}</w:tc></w:tr><w:tr><w:trPr><w:del ${W_INS}/></w:trPr><w:tc>${para('gone')}</w:tc></w:tr><w:tr><w:tc>${para('a')}${table([['inner']])}</w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>`,
      [
        {
          kind: 'table',
          rows: [
            { header: true, cells: [{ blocks: [plain('Head')], colspan: 2 }] },
            {
              cells: [{ blocks: [plain('a'), { kind: 'table', rows: [{ cells: [{ blocks: [plain('inner')] }] }] }] }, { blocks: [p([])] }],
            },
          ],
        },
      ],
    ],
    [
      'a text box read once, after the paragraph it is anchored in; content controls and smart tags see-through',
      `<w:sdt><w:sdtContent><w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="2" name="Text Box 2"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:smartTag w:uri="u" w:element="place"><w:r><w:t xml:space="preserve"> text</w:t></w:r></w:smartTag></w:p></w:sdtContent></w:sdt>`,
      [plain('Anchor text'), plain('Box')],
    ],
    [
      'ruby: the base text, not the pronunciation guide',
      '<w:p><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>ān quán</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>安全</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>',
      [plain('安全')],
    ],
  ];
  it.each(cases)('reads %s', (_label, body, expected, parts) => {
    expect(blocks(body, parts ?? {})).toEqual(expected);
  });

  it('reads footnotes and endnotes: separators left out, the space after the mark dropped, several paragraphs kept', () => {
    const footnotes = footnotesXml({ '1': 'One.' })
      .replace(
        '</w:footnotes>',
        '<w:footnote w:type="continuationNotice" w:id="5"><w:p><w:r><w:t>continued</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>Two,</w:t></w:r></w:p><w:p><w:hyperlink r:id="rId1"><w:r><w:t>in two paragraphs.</w:t></w:r></w:hyperlink></w:p></w:footnote></w:footnotes>',
      )
      .replace('<w:footnotes ', `<w:footnotes xmlns:r="${R}" `);
    const endnotes = `<w:endnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote><w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> End.</w:t></w:r></w:p></w:endnote></w:endnotes>`;
    const content = read(para([run('Text'), footnoteRef('1'), '<w:r><w:endnoteReference w:id="1"/></w:r>']), {
      footnotes,
      relationships: rel('rId9', 'endnotes', 'endnotes.xml'),
      extraParts: {
        'word/endnotes.xml': endnotes,
        'word/_rels/footnotes.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'hyperlink', 'https://undocs.org/', true)}</Relationships>`,
      },
    });
    expect(content.blocks).toEqual([p([text('Text'), { kind: 'footnote', id: '1' }, { kind: 'footnote', id: '1', endnote: true }])]);
    expect(content.footnotes).toEqual([
      { id: '1', blocks: [plain('One.')] },
      { id: '2', blocks: [plain('Two,'), p([{ kind: 'link', href: 'https://undocs.org/', children: [text('in two paragraphs.')] }])] },
    ]);
    expect(content.endnotes).toEqual([{ id: '1', blocks: [plain('End.')] }]);
  });

  it('says where the file holds tracked changes only in a footnote', () => {
    const footnotes = footnotesXml({ '1': 'x' }).replace('<w:p>', '<w:p><w:ins w:id="9" w:author="A"><w:r><w:t>added</w:t></w:r></w:ins>');
    expect(read(para('x'), { footnotes }).hasTrackedChanges).toBe(true);
    expect(read(para('x'), { footnotes: footnotesXml({ '1': 'x' }) }).hasTrackedChanges).toBe(false);
  });

  it('keeps PNG, JPEG and GIF pictures once each, by hash; others stay as their alternative text', () => {
    const red = png([255, 0, 0]);
    const content = read(
      para([
        drawing('rId20', 'Red'),
        drawing('rId21', 'Red again'),
        drawing('rId22', 'Photo'),
        drawing('rId23', 'Logo'),
        drawing('rId24', 'Chart'),
        drawing('rId25', 'Linked', true),
        drawing('rId26', 'Renamed'),
      ]),
      {
        relationships: [
          rel('rId20', 'image', 'media/image1.png'),
          rel('rId21', 'image', 'media/copy.png'),
          rel('rId22', 'image', 'media/photo.jpeg'),
          rel('rId23', 'image', 'media/logo.gif'),
          rel('rId24', 'image', 'media/chart.emf'),
          rel('rId25', 'image', 'https://example.org/tracker.png', true),
          rel('rId26', 'image', 'media/fake.png'),
        ].join(''),
        extraParts: {
          'word/media/image1.png': red,
          'word/media/copy.png': red,
          'word/media/photo.jpeg': JPEG_HEAD,
          'word/media/logo.gif': GIF_HEAD,
          'word/media/chart.emf': EMF_HEAD,
          'word/media/fake.png': strToU8('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        },
      },
    );
    const [first, jpeg, gif] = content.images;
    expect(content.images.map((i) => i.mediaType)).toEqual(['image/png', 'image/jpeg', 'image/gif']);
    expect(Buffer.from(first!.bytes)).toEqual(Buffer.from(red));
    const inlines = (content.blocks[0] as ParagraphBlock).inlines;
    expect(inlines).toEqual([
      { kind: 'image', alt: 'Red', sha256: first!.sha256, mediaType: 'image/png' },
      { kind: 'image', alt: 'Red again', sha256: first!.sha256, mediaType: 'image/png' },
      { kind: 'image', alt: 'Photo', sha256: jpeg!.sha256, mediaType: 'image/jpeg' },
      { kind: 'image', alt: 'Logo', sha256: gif!.sha256, mediaType: 'image/gif' },
      { kind: 'image', alt: 'Chart' },
      { kind: 'image', alt: 'Linked' },
      { kind: 'image', alt: 'Renamed' },
    ]);
  });

  it('leaves out pictures over the size limit and beyond the number kept', () => {
    const body = para([drawing('rId20', 'a'), drawing('rId21', 'b')]);
    const parts = {
      relationships: rel('rId20', 'image', 'media/a.png') + rel('rId21', 'image', 'media/b.png'),
      extraParts: { 'word/media/a.png': png([1, 2, 3]), 'word/media/b.png': png([4, 5, 6]) },
    };
    expect(read(body, parts, { maxImageBytes: 10 }).images).toEqual([]);
    expect(read(body, parts, { maxImages: 1 }).images).toHaveLength(1);
    expect(read(body, parts).images).toHaveLength(2);
  });

  it('gives the language of the default paragraph style, else of the document defaults', () => {
    const styles = (inner: string) =>
      `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${inner}</w:styles>`;
    const defaults = '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="fr-FR" w:bidi="ar-SA"/></w:rPr></w:rPrDefault></w:docDefaults>';
    expect(read(para('x'), { styles: styles(defaults) }).language).toBe('fr-FR');
    expect(
      read(para('x'), {
        styles: styles(
          `${defaults}<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:lang w:val="es-ES"/></w:rPr></w:style>`,
        ),
      }).language,
    ).toBe('es-ES');
    expect(read(para('x')).language).toBeUndefined();
  });

  it('reads a document without text as empty blocks (the checks decide what empty means)', () => {
    expect(read('<w:p/>').blocks).toEqual([p([])]);
  });

  it('refuses a document of more pieces than any real one has, cheaply', () => {
    let error: unknown;
    try {
      // Each paragraph and its text are two pieces; numbered texts keep the archive under its compression-ratio cap.
      readDocxContent(buildDocx({ body: Array.from({ length: 150_001 }, (_, i) => `<w:p><w:r><w:t>${i}</w:t></w:r></w:p>`).join('') }));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'upload.unsafe', detail: expect.stringMatching(/more than 300000/) });
  });

  it('refuses what readDocx refuses (macros, other formats, DOCTYPE)', () => {
    const refusal = (bytes: Uint8Array) => {
      try {
        readDocxContent(bytes);
        return 'no error';
      } catch (err) {
        return err instanceof AppError ? err.code : String(err);
      }
    };
    expect(refusal(buildDocx({ body: para('x'), extraParts: { 'word/vbaProject.bin': new Uint8Array([1]) } }))).toBe('upload.macro');
    expect(refusal(strToU8('%PDF-1.7'))).toBe('upload.not_docx');
    expect(
      refusal(
        buildDocx({
          body: '',
          documentXml: `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "a">]>${documentXml(para('&a;')).replace(/^<\?xml[^>]*>\n/, '')}`,
        }),
      ),
    ).toBe('upload.unsafe');
  });
});

describe('link addresses', () => {
  it.each([
    ['https://www.un.org/', 'https://www.un.org/'],
    ['  HTTP://UN.ORG/a b ', 'http://un.org/a%20b'],
    ['mailto:desk@un.org', 'mailto:desk@un.org'],
    ['javascript:alert(1)', undefined],
    ['java\tscript:alert(1)', undefined],
    ['JAVASCRIPT:alert(1)', undefined],
    ['vbscript:x', undefined],
    ['data:text/html,x', undefined],
    ['file:///C:/secret.txt', undefined],
    ['www.un.org', undefined],
    ['../relative.html', undefined],
  ])('%j → %j', (raw, expected) => {
    expect(safeHref(raw)).toBe(expected);
  });

  it.each([
    ['HYPERLINK "https://un.org/"', 'https://un.org/'],
    [' HYPERLINK \\l "top" "https://un.org/" ', 'https://un.org/'],
    ['HYPERLINK \\o "tip" https://un.org/x', 'https://un.org/x'],
    ['HYPERLINK \\l "annex"', undefined],
    ['HYPERLINK "javascript:alert(1)"', undefined],
    ['REF _Ref123 \\h', undefined],
  ])('field %j → %j', (instr, expected) => {
    expect(fieldHyperlink(instr)).toBe(expected);
  });
});
