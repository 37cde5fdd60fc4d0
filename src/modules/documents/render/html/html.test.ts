// The HTML renderings: the standalone file's text is the document's text line by line (and the comparison fails when
// a block is dropped or moved), language and direction, escaping, the style hash for the Content-Security-Policy,
// headings and ids.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ARABIC_PARAGRAPH,
  HOSTILE_TEXT,
  MAP_SHA,
  arabicContent,
  compilationModel,
  noisePng,
  para,
  plain,
  richContent,
  richResources,
  sha256Hex,
  text,
} from '../../../../../test/fixtures/rich-content.js';
import { demoLetterModel } from '../../../../../test/letter-fixture.js';
import { smallPictures } from '../../domain/content.js';
import {
  blockText,
  documentText,
  type Attachment,
  type Block,
  type DocumentModel,
  type RenderResources,
} from '../../domain/document-model.js';
import { htmlText } from '../../../../../test/document-text.js';
import { FRAGMENT_PICTURE_MAX_BYTES, statementContentHtml, statementContentPictures } from './content.js';
import { documentHtml, renderHtmlDocument } from './letter.js';
import { DOCUMENT_CSP, DOCUMENT_STYLE, DOCUMENT_STYLE_HASH } from './style.js';

/** The comparison's normalisation: whitespace runs collapse to one space (as a browser shows them), empty lines go. */
function normalise(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');
}

function annexOf(model: DocumentModel): Attachment {
  return model.attachments[0] as Attachment;
}

function withAnnexBlocks(model: DocumentModel, blocks: Block[]): DocumentModel {
  return { ...model, attachments: [{ ...annexOf(model), blocks }] };
}

function withSeveralAnnexes(model: DocumentModel): DocumentModel {
  const annex = annexOf(model);
  return {
    ...model,
    attachments: [
      { ...annex, heading: 'Annex I' },
      { ...annex, heading: 'Annex II', original: 'fr', attachments: [] },
      { kind: 'annex', heading: 'Annex III', title: [], blocks: [], attachments: [] },
    ],
  };
}

function withEveryBlockKind(model: DocumentModel): DocumentModel {
  return {
    ...model,
    blocks: [
      { kind: 'heading', number: 'I', text: 'A numbered heading in the letter' },
      { kind: 'paragraph', text: 'Text   with   runs of spaces.' },
      { kind: 'bullet', text: 'First bullet.' },
      { kind: 'bullet', text: 'Second bullet.' },
      { kind: 'lettered', label: 'aa', text: 'A lettered item after bullets.' },
      { kind: 'heading', text: 'An unnumbered heading' },
      { kind: 'signature', name: 'Zhang Jun', lines: [] },
      { kind: 'signature', name: 'Dai Bing', lines: ['Deputy Permanent Representative'] },
    ],
  };
}

const arabic = (): DocumentModel => ({ ...demoLetterModel(), language: 'ar', originals: ['ar'] });

const VARIANTS: [string, () => DocumentModel][] = [
  ['the demo letter (annex and enclosure)', () => demoLetterModel()],
  ['a draft without a symbol', () => demoLetterModel(null)],
  ['several annexes (I, II, III)', () => withSeveralAnnexes(demoLetterModel())],
  ['every block kind', () => withEveryBlockKind(demoLetterModel())],
  ['an Arabic version', arabic],
  ['a compilation of statements', () => compilationModel()],
];

function ids(source: string): string[] {
  return [...source.matchAll(/ id="([^"]*)"/g)].map((m) => m[1] as string);
}

describe('renderHtmlDocument: the text', () => {
  it.each(VARIANTS)('reads as the document text, line by line: %s', (_name, build) => {
    const model = build();
    expect(normalise(htmlText(renderHtmlDocument(model)))).toEqual(normalise(documentText(model)));
  });

  it('gives the fragment the same text', () => {
    const model = demoLetterModel();
    expect(normalise(htmlText(documentHtml(model).value))).toEqual(normalise(documentText(model)));
  });

  it('reads differently when a block is dropped or two are swapped (the comparison can fail)', () => {
    const model = demoLetterModel();
    const expected = normalise(documentText(model));
    const blocks = annexOf(model).blocks;
    const dropped = withAnnexBlocks(
      model,
      blocks.filter((_, i) => i !== 4),
    );
    const swapped = withAnnexBlocks(model, [blocks[0] as Block, blocks[2] as Block, blocks[1] as Block, ...blocks.slice(3)]);
    const withoutEnclosure = { ...model, attachments: [{ ...annexOf(model), attachments: [] }] };
    for (const changed of [dropped, swapped, withoutEnclosure])
      expect(normalise(htmlText(renderHtmlDocument(changed)))).not.toEqual(expected);
  });

  it('shows each numbered, lettered and heading block as its blockText, the number hanging in its own span', () => {
    const model = demoLetterModel();
    const page = renderHtmlDocument(model);
    expect(page).toContain('<p class="numbered"><span class="num">7.</span> Speakers may wish to address the following questions:</p>');
    expect(page).toMatch(/<p class="lettered"><span class="num">\(a\)<\/span> Taking stock/);
    expect(page).toMatch(/<h3 class="doc-section-heading"><span class="num">III\.<\/span> Focus of discussion<\/h3>/);
    const lines = htmlText(page).split('\n');
    for (const b of annexOf(model).blocks) expect(lines).toContain(blockText(b));
  });

  it('writes the signature one line each, with a line feed after every <br> so textContent keeps them apart', () => {
    const page = renderHtmlDocument(demoLetterModel());
    expect(page).toContain(
      '<p class="signature"><span class="signed">(Signed)</span> Zhang Jun<br>\nPermanent Representative and<br>\nAmbassador',
    );
  });

  it('ignores the head: the title and the style are not document text', () => {
    const text = htmlText(
      '<!doctype html><html><head><title>T</title><style>p{color:red}</style></head><body><p>A &amp; B<br>C&#39;s &#x263A;</p><ul><li>x</li></ul></body></html>',
    );
    expect(text).toBe("A & B\nC's ☺\nx\n");
  });
});

describe('renderHtmlDocument: the file', () => {
  it('is a standalone HTML5 file with a charset, a title made of symbol and title, and no script', () => {
    const model = demoLetterModel();
    const page = renderHtmlDocument(model);
    expect(page.startsWith('<!doctype html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(page).toContain(`<title>S/2021/442 — ${model.title}</title>`);
    expect(renderHtmlDocument(demoLetterModel(null))).toContain(`<title>Draft — ${model.title}</title>`);
    expect(page).not.toMatch(/<script|\son[a-z]+=|\sstyle=|<link|<img|url\(/i);
  });

  it('gives the same bytes for the same model', () => {
    const model = demoLetterModel();
    expect(renderHtmlDocument(JSON.parse(JSON.stringify(model)) as DocumentModel)).toBe(renderHtmlDocument(model));
  });

  it('is in Arabic and right to left for an Arabic version', () => {
    const page = renderHtmlDocument(arabic());
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toMatch(/<article class="doc" lang="ar" dir="rtl"/);
    expect(documentHtml(demoLetterModel()).value).toMatch(/^<article class="doc" lang="en" dir="ltr"/);
  });

  it('has a style hash for the Content-Security-Policy that matches the style element exactly', () => {
    const page = renderHtmlDocument(demoLetterModel());
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] as string);
    expect(styles).toEqual([DOCUMENT_STYLE]);
    expect(DOCUMENT_STYLE_HASH).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
    expect(DOCUMENT_STYLE_HASH).toBe(
      `'sha256-${createHash('sha256')
        .update(styles[0] as string)
        .digest('base64')}'`,
    );
  });

  it('lays the style out for printing on A4, a page per attachment', () => {
    expect(DOCUMENT_STYLE).toContain('size: A4');
    expect(DOCUMENT_STYLE).toMatch(/\.doc-attachment \{[^}]*break-before: page/);
    expect(DOCUMENT_STYLE).toMatch(/serif/);
  });
});

describe('documentHtml', () => {
  it('escapes every text: a block holding <script> shows as text', () => {
    const hostile = '<script>alert("x")</script> & \'quoted\' <b>';
    const model: DocumentModel = {
      ...demoLetterModel(),
      organ: 'Council <i>',
      title: `Title ${hostile}`,
      blocks: [
        { kind: 'paragraph', text: hostile },
        { kind: 'numbered', number: 1, text: hostile },
        { kind: 'signature', name: `<img src=x onerror=alert(1)>`, lines: [hostile] },
      ],
      attachments: [{ ...annexOf(demoLetterModel()), heading: hostile, title: [hostile] }],
    };
    const page = renderHtmlDocument(model);
    expect(page).not.toMatch(/<script|<img|<b>|<i>/);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &lt;b&gt;');
    const lines = htmlText(page).split('\n');
    expect(lines).toContain(hostile);
    expect(lines).toContain(`1. ${hostile}`);
    expect(lines).toContain('(Signed) <img src=x onerror=alert(1)>');
  });

  it('drops control characters XML and HTML do not allow', () => {
    const model: DocumentModel = { ...demoLetterModel(), blocks: [{ kind: 'paragraph', text: 'bell\u0007 nul\u0000 end' }] };
    const fragment = documentHtml(model).value;
    expect(fragment).toContain('<p>bell nul end</p>');
    expect(fragment).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/); // eslint-disable-line no-control-regex
  });

  it('takes the title at h2 by default and puts attachments and sections below it', () => {
    const fragment = documentHtml(demoLetterModel()).value;
    expect(fragment).toMatch(/<h2 class="doc-title" id="doc-title">Letter dated/);
    expect(fragment).toMatch(/<h3 class="doc-attachment-heading" id="doc-annex-1-heading">Annex to the letter/);
    expect(fragment).toMatch(/<h4 class="doc-section-heading"><span class="num">I\.<\/span> Background/);
    expect(fragment).toMatch(/<h4 class="doc-attachment-heading" id="doc-annex-1-enclosure-1-heading">Enclosure/);
    expect(fragment).not.toMatch(/<h1/);
    const standalone = renderHtmlDocument(demoLetterModel());
    expect(standalone.match(/<h1[ >]/g)).toHaveLength(1);
    expect(standalone).toMatch(/<h2 class="doc-attachment-heading" id="doc-annex-1-heading">/);
  });

  it('labels each attachment section by its heading; ids are unique and every label points to one', () => {
    for (const [, build] of VARIANTS) {
      const page = renderHtmlDocument(build());
      const all = ids(page);
      expect(new Set(all).size).toBe(all.length);
      for (const [, target] of page.matchAll(/aria-labelledby="([^"]*)"/g)) expect(all).toContain(target);
    }
    const page = renderHtmlDocument(withSeveralAnnexes(demoLetterModel()));
    const sections = [
      ...page.matchAll(/<section class="doc-attachment doc-annex" id="([^"]+)" aria-labelledby="([^"]+)">\n<h\d [^>]*id="([^"]+)"/g),
    ];
    expect(sections.map((m) => m[1])).toEqual(['doc-annex-1', 'doc-annex-2', 'doc-annex-3']);
    for (const m of sections) expect(m[2]).toBe(m[3]);
  });

  it('keeps ids apart when two documents share a page, through idPrefix', () => {
    const page = `${documentHtml(demoLetterModel(), { idPrefix: 'first' }).value}${documentHtml(demoLetterModel(), { idPrefix: 'second' }).value}`;
    const all = ids(page);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain('second-annex-1-enclosure-1');
    expect(documentHtml(demoLetterModel(), { idPrefix: '"><x' }).value).toContain('id="x-title"');
  });
});

/** The compilation with a third statement holding a picture too large for the site's fragment. */
function withLargePicture(): { model: DocumentModel; resources: RenderResources; sha: string } {
  const large = noisePng(300, 300);
  const sha = sha256Hex(large);
  const model = compilationModel();
  const content = {
    ...richContent(),
    blocks: [para([text('A large picture: '), { kind: 'image', alt: 'Satellite view', sha256: sha, mediaType: 'image/png' }])],
    footnotes: [],
    endnotes: [],
  };
  model.attachments.push({ kind: 'annex', heading: 'Annex III', title: [], blocks: [{ kind: 'content', content }], attachments: [] });
  const resources: RenderResources = { images: new Map([...richResources().images, [sha, { bytes: large, mediaType: 'image/png' }]]) };
  return { model, resources, sha };
}

describe('a statement’s content in HTML', () => {
  it('reads as the document text in the standalone file, and in the fragment with the pictures it embeds', () => {
    const { model, resources } = withLargePicture();
    expect(normalise(htmlText(renderHtmlDocument(model, resources)))).toEqual(normalise(documentText(model, resources)));
    const fragment = htmlText(documentHtml(model, { idPrefix: 'c' }, resources).value);
    expect(normalise(fragment)).toEqual(normalise(documentText(model, smallPictures(resources, FRAGMENT_PICTURE_MAX_BYTES))));
    expect(fragment).toContain('A large picture: Satellite view');
    expect(normalise(htmlText(renderHtmlDocument(model)))).toEqual(normalise(documentText(model)));
  });

  it('reads differently when a paragraph of the statement is dropped (the comparison can fail)', () => {
    const model = compilationModel();
    const content = richContent();
    const dropped = withAnnexBlocks(model, [
      { kind: 'content', content: { ...content, blocks: content.blocks.filter((_, i) => i !== 5) } },
    ]);
    expect(normalise(htmlText(renderHtmlDocument(dropped, richResources())))).not.toEqual(normalise(documentText(model, richResources())));
  });

  it('gives the same bytes for the same model and pictures', () => {
    const model = compilationModel();
    const first = renderHtmlDocument(model, richResources());
    expect(renderHtmlDocument(JSON.parse(JSON.stringify(model)) as DocumentModel, richResources())).toBe(first);
    expect(documentHtml(model, {}, richResources()).value).toBe(documentHtml(structuredClone(model), {}, richResources()).value);
  });

  it('writes semantic markup: headings, formatting, links, nested lists, tables with header cells', () => {
    const page = renderHtmlDocument(compilationModel(), richResources());
    expect(page).toContain(
      '<h3 class="doc-content-heading">Statement by the Permanent Representative of Ruritania</h3>\n<h3 class="doc-content-heading">Protection of peacekeepers</h3>',
    );
    expect(page).toContain(
      '<p class="doc-align-justify">Mr. President, <strong>we thank</strong><em> the Secretary-General</em> for his report',
    );
    expect(page).toContain('<u> See also the annex</u>');
    expect(page).toContain('<p>Water is H<sub>2</sub>O and energy is mc<sup>2</sup>.</p>');
    expect(page).toContain('<a href="https://www.un.org/securitycouncil/" rel="noopener noreferrer"><u>the Council page</u></a>');
    expect(page).toContain('<a href="mailto:press@un.org">press@un.org</a>');
    expect(page).toContain('<p>A first line<br>\nand a second line after a break.</p>');
    expect(page).toContain(
      '<ol>\n<li>First, access.\n<ul>\n<li>Second, protection.</li>\n</ul></li>\n<li>Third, accountability.</li>\n</ol>',
    );
    expect(page).toContain('<thead>\n<tr><th scope="col"><p>Year</p></th><th scope="col"><p>Incidents</p></th></tr>\n</thead>');
    expect(page).toContain('<tr><td colspan="2"><p>Source: Department of Peace Operations</p></td></tr>');
    expect(page).toContain('<p class="doc-align-right">I thank you.</p>');
  });

  it('links each note mark to its note in the list after the content, and back, numbered through the document', () => {
    const page = renderHtmlDocument(compilationModel(), richResources());
    expect(page).toContain('for his report<sup class="doc-note-ref"><a href="#doc-note-1" id="doc-note-1-ref">1</a></sup>.');
    expect(page).toContain('1,200<sup class="doc-note-ref"><a href="#doc-note-3" id="doc-note-3-ref">3</a></sup>');
    expect(page).toContain(
      '<ol class="doc-notes">\n<li id="doc-note-1"><p><a class="doc-note-label" href="#doc-note-1-ref">[1]</a> See resolution 2518 (2020), para. 3.</p></li>',
    );
    expect(page).toContain(
      '<li id="doc-note-3"><p><a class="doc-note-label" href="#doc-note-3-ref">[3]</a> Figures of the Department of Peace Operations.</p>\n<p>A second paragraph of the same note.</p></li>',
    );
    expect(page).toMatch(/<li id="doc-note-4"><p><a class="doc-note-label" href="#doc-note-4-ref">\[4\]<\/a> انظر/);
    const all = ids(page);
    expect(new Set(all).size).toBe(all.length);
    for (const [, target] of page.matchAll(/href="#([^"]*)"/g)) expect(all).toContain(target);
    const fragment = documentHtml(compilationModel(), { idPrefix: 'second' }, richResources()).value;
    expect(fragment).toContain('<a href="#second-note-2" id="second-note-2-ref">2</a>');
  });

  it('embeds pictures as data: URIs with their size and alternative text, and shows a missing one as its text', () => {
    const { model, resources, sha } = withLargePicture();
    const page = renderHtmlDocument(model, resources);
    const images = [...page.matchAll(/<img src="data:image\/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)" width="(\d+)" height="(\d+)">/g)];
    expect(images.map((m) => [sha256Hex(Buffer.from(m[1] as string, 'base64')), m[2], m[3], m[4]])).toEqual([
      [MAP_SHA, 'Map of the mission area', '40', '30'],
      [sha, 'Satellite view', '300', '300'],
    ]);
    expect(page).toContain('<p>Before the chart: <span class="doc-picture-missing">Chart of incidents</span></p>');
    // The fragment embeds the small picture only.
    const fragment = documentHtml(model, {}, resources).value;
    expect(fragment.match(/<img /g)).toHaveLength(1);
    expect(fragment).toContain('<span class="doc-picture-missing">Satellite view</span>');
    expect(renderHtmlDocument(model)).not.toContain('<img');
  });

  it('gives each statement its language and direction, and a paragraph its own when it differs', () => {
    const page = renderHtmlDocument(compilationModel(), richResources());
    expect(page).toContain('<div class="doc-content" lang="en" dir="ltr">');
    expect(page).toContain('<div class="doc-content" lang="ar" dir="rtl">');
    expect(page).toContain(`<p dir="rtl">${ARABIC_PARAGRAPH}</p>`);
    // In the Arabic statement the Arabic paragraphs need no dir of their own; a left-to-right one does.
    const arabic = { ...arabicContent(), blocks: [...arabicContent().blocks, plain('UNIFIL')] };
    const fragment = documentHtml(withAnnexBlocks(demoLetterModel(), [{ kind: 'content', content: arabic, dir: 'rtl', lang: 'ar' }])).value;
    expect(fragment).toMatch(/<h4 class="doc-content-heading">بيان الممثل الدائم<\/h4>\n<p>شكرا/);
    expect(fragment).toContain('<p dir="ltr">UNIFIL</p>');
    // A statement without a direction of its own takes the document's.
    expect(
      documentHtml({ ...withAnnexBlocks(demoLetterModel(), [{ kind: 'content', content: richContent() }]), language: 'ar' }).value,
    ).toContain('<div class="doc-content" dir="rtl">');
  });

  it('escapes all text and never writes a link that is not http, https or mailto', () => {
    const hostile = {
      ...richContent(),
      blocks: [
        plain(HOSTILE_TEXT),
        para([{ kind: 'link' as const, href: 'javascript:alert(document.cookie)', children: [text('click me')] }]),
        para([{ kind: 'link' as const, href: 'https://example.org/"><script>alert(1)</script>', children: [text('quoted')] }]),
        para([{ kind: 'image' as const, alt: '"><script>alert(2)</script>', sha256: MAP_SHA, mediaType: 'image/png' as const }]),
        para([{ kind: 'image' as const, alt: '<img src=x onerror=alert(3)>' }]),
      ],
    };
    const model = withAnnexBlocks(demoLetterModel(), [{ kind: 'content', content: hostile }]);
    for (const page of [renderHtmlDocument(model, richResources()), documentHtml(model, {}, richResources()).value]) {
      expect(page).not.toMatch(/<script|javascript:|<img src=x|onerror=alert\(3\)>/i);
      expect(page).toContain('Hostile &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt;');
      expect(page).toContain('<p>click me</p>');
      expect(page).toContain('<a href="https://example.org/%22%3E%3Cscript%3Ealert(1)%3C/script%3E" rel="noopener noreferrer">quoted</a>');
      expect(page).toContain('alt="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
      expect(normalise(htmlText(page))).toEqual(expect.arrayContaining([HOSTILE_TEXT, 'click me', '<img src=x onerror=alert(3)>']));
    }
  });
});

describe('a statement’s content alone', () => {
  it('keeps the headings (below the page’s), the formatting, lists, tables and notes, in the statement’s language', () => {
    const fragment = statementContentHtml(richContent(), { language: 'en', idPrefix: 'read' }, richResources())?.value ?? '';
    expect(fragment).toMatch(/^<div class="doc doc-statement">\n<div class="doc-content" lang="en" dir="ltr">/);
    expect(fragment).toContain('<h3 class="doc-content-heading">Protection of peacekeepers</h3>');
    expect(fragment).toContain('<strong>we thank</strong><em> the Secretary-General</em>');
    expect(fragment).toContain('<ol>\n<li>First, access.\n<ul>\n<li>Second, protection.</li>');
    expect(fragment).toContain('<th scope="col"><p>Year</p></th>');
    expect(fragment).toContain('<a href="#read-note-1" id="read-note-1-ref">1</a>');
    expect(fragment).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Map of the mission area"/);
    expect(statementContentHtml(richContent(), { headingLevel: 4 })?.value).toContain(
      '<h4 class="doc-content-heading">Protection of peacekeepers</h4>',
    );
  });

  it('is right to left for Arabic, and nothing for what is not a stored content model', () => {
    expect(statementContentHtml(arabicContent(), { language: 'ar' })?.value).toContain('<div class="doc-content" lang="ar" dir="rtl">');
    for (const stored of [null, {}, { blocks: 'text' }, 'a statement']) expect(statementContentHtml(stored)).toBeUndefined();
    expect(statementContentPictures(richContent())).toContain(MAP_SHA);
    expect(statementContentPictures(null)).toEqual([]);
  });
});

describe('DOCUMENT_CSP', () => {
  it('allows the one style element by hash and data: pictures, and nothing else', () => {
    expect(DOCUMENT_CSP).toBe(
      `default-src 'none'; style-src ${DOCUMENT_STYLE_HASH}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    const page = renderHtmlDocument(compilationModel(), richResources());
    // Nothing in the file needs more: no style attribute, script, outside resource or form.
    expect(page).not.toMatch(/\sstyle=|<script|<link|<form|<iframe|\son[a-z]+=|url\(|src="(?!data:)/i);
  });
});
