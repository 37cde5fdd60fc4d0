// The Akoma Ntoso rendering: schema validity (xmllint against the OASIS schema, with a broken file as a control that
// the check can fail), determinism, and the text: read back from the XML it must be the document's text, line by line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  HOSTILE_TEXT,
  MAP_PNG,
  MAP_SHA,
  compilationModel,
  para,
  plain,
  richContent,
  richResources,
  text,
} from '../../../../../test/fixtures/rich-content.js';
import { demoLetterModel } from '../../../../../test/letter-fixture.js';
import { parseXml } from '../../../../kernel/ooxml/xml.js';
import { documentText, type Attachment, type DocumentModel } from '../../domain/document-model.js';
import { legalXmlText } from '../xml-text.js';
import { renderAkomaNtoso } from './letter.js';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const SCHEMA = path.resolve(ROOT, 'schemas/akn-3.0/akomantoso30.xsd');
const HAS_XMLLINT = spawnSync('xmllint', ['--version']).error === undefined;

function validate(xml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rostrum-akn-'));
  try {
    const file = path.join(dir, 'document.xml');
    writeFileSync(file, xml, 'utf8');
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, file], { encoding: 'utf8', timeout: 60_000 });
    return { ok: run.status === 0 && /validates/.test(run.stderr), output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The text of an Akoma Ntoso file as a reader sees it, one paragraph a line: the metadata is not text, a <num> is
 * followed by a space ("7. …"), and a paragraph, block, heading, list item, table cell or <eol/> ends a line.
 *
 * A note (<authorialNote>) reads as its marker where it stands; its text is read where its statement's
 * <blockContainer> ends, "[marker] " before its first paragraph (or "[marker]" alone when something else comes first),
 * which is where the canonical text puts a statement's notes.
 */
function aknText(xml: string): string[] {
  const lines: string[] = [];
  let current = '';
  let metaDepth = 0;
  let note: { lines: string[]; current: string; label: string | undefined } | null = null;
  const notes: string[] = [];
  const endLine = () => {
    if (note) {
      note.lines.push(note.current);
      note.current = '';
    } else {
      lines.push(current);
      current = '';
    }
  };
  parseXml(new TextEncoder().encode(xml), 'akn', {
    open: (e) => {
      if (e.local === 'meta') metaDepth++;
      else if (e.local === 'authorialNote') {
        const marker = e.attributes.find((a) => a.local === 'marker')?.value ?? '';
        current += marker;
        note = { lines: [], current: '', label: `[${marker}]` };
      } else if (note?.label !== undefined) {
        if (e.local === 'p') note.current = `${note.label} `;
        else note.lines.push(note.label);
        note.label = undefined;
      }
    },
    close: (e) => {
      if (e.local === 'meta') metaDepth--;
      else if (e.local === 'authorialNote' && note) {
        notes.push(...(note.label !== undefined ? [note.label] : []), ...note.lines, note.current);
        note = null;
      } else if (e.local === 'blockContainer') {
        endLine();
        lines.push(...notes.splice(0));
      } else if (e.local === 'num') current += ' ';
      else if (['p', 'block', 'heading', 'li', 'eol', 'td', 'th'].includes(e.local)) endLine();
    },
    // Whitespace-only text is the indentation between elements; any other text is the document's, kept as it is.
    text: (text) => {
      if (metaDepth > 0) return;
      const piece = /^\s*$/.test(text) ? ' ' : text;
      if (note) note.current += piece;
      else current += piece;
    },
  });
  endLine();
  return normalise(lines.join('\n'));
}

/** Lines with whitespace collapsed, empty ones dropped: layout whitespace is not part of the text. */
function normalise(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');
}

function withEveryAnnex(model: DocumentModel): DocumentModel {
  const [annex] = model.attachments as [Attachment];
  return {
    ...model,
    attachments: [
      { ...annex, heading: 'Annex I' },
      { ...annex, heading: 'Annex II', original: 'fr', attachments: [] },
      { kind: 'annex', heading: 'Annex III', title: [], blocks: [], attachments: [] },
    ],
  };
}

/** Text with the characters markup and XML 1.0 care about: the five escapes, C0 controls, CR, a lone surrogate. */
const HOSTILE = `Fish & chips <b>bold</b> "quoted" 'single' ]]> \u0001bell\u0007 nul\u0000 tab\tok\r\nnext \ud800 \ufffe end`;

function withHostileText(model: DocumentModel): DocumentModel {
  return {
    ...model,
    organ: 'Security Council & <Co>',
    distribution: 'General "\u0002"',
    title: `Letter ${HOSTILE}`,
    blocks: [
      { kind: 'paragraph', text: HOSTILE },
      { kind: 'numbered', number: 1, text: `<script>alert('x')</script> ${HOSTILE}` },
      { kind: 'bullet', text: '&amp; is already escaped' },
      { kind: 'signature', name: 'O\'Brien & "Sons" \u0003', lines: [`Role <${HOSTILE}>`] },
    ],
    attachments: model.attachments.map((a) => ({ ...a, heading: `Annex ${HOSTILE}`, title: [HOSTILE, 'second'] })),
  };
}

/** Every block kind in the places the announcement letter does not use. */
function withUnusualLayout(model: DocumentModel): DocumentModel {
  return {
    ...model,
    type: 'compilation',
    blocks: [
      { kind: 'lettered', label: 'a', text: 'A lettered item before anything else.' },
      { kind: 'heading', text: 'An unnumbered heading in the letter' },
      { kind: 'paragraph', text: 'A paragraph.' },
      { kind: 'signature', name: 'Zhang Jun', lines: [] },
      { kind: 'numbered', number: 1, text: 'One.' },
      { kind: 'numbered', number: 1, text: 'One again: the eId must still be unique.' },
      { kind: 'bullet', text: 'A bullet.' },
      { kind: 'lettered', label: 'b', text: 'A lettered item after a bullet.' },
      { kind: 'heading', number: 'II', text: 'A section left empty' },
      { kind: 'heading', number: 'III', text: 'The closing section' },
      { kind: 'signature', name: 'Zhang Jun', lines: ['Permanent Representative'] },
      { kind: 'signature', name: 'Nguyễn Văn A', lines: ['Permanent Representative'] },
      { kind: 'signature', name: '张军', lines: ['Permanent Representative'] },
    ],
    attachments: [
      {
        kind: 'annex',
        heading: 'Annex',
        title: ['Signatures only'],
        blocks: [{ kind: 'signature', name: 'Zhang Jun', lines: ['Ambassador'] }],
        attachments: [],
      },
    ],
  };
}

/** The compilation with statements in every place: the letter, a section, an enclosure, a list after a statement. */
function withStatementsEverywhere(model: DocumentModel): DocumentModel {
  const compilation = compilationModel();
  const [annex] = model.attachments as [Attachment];
  const statement = { kind: 'content' as const, content: richContent() };
  return {
    ...compilation,
    blocks: [statement, { kind: 'bullet', text: 'A bullet after a statement.' }, ...compilation.blocks],
    attachments: [
      ...compilation.attachments,
      {
        ...annex,
        blocks: [...annex.blocks, statement],
        attachments: annex.attachments.map((e) => ({ ...e, blocks: [statement, ...e.blocks] })),
      },
      {
        kind: 'annex',
        heading: 'Annex IV',
        title: [],
        blocks: [{ kind: 'content', content: { ...richContent(), blocks: [], footnotes: [], endnotes: [] } }],
        attachments: [],
      },
    ],
  };
}

const VARIANTS: [string, () => DocumentModel][] = [
  ['the demo letter (annex and enclosure)', () => demoLetterModel()],
  ['a compilation of statements', () => compilationModel()],
  ['statements in every place, one empty', () => withStatementsEverywhere(demoLetterModel())],
  ['a draft without a symbol', () => demoLetterModel(null)],
  ['text with & < > " \' and control characters', () => withHostileText(demoLetterModel())],
  ['several annexes (I, II, III)', () => withEveryAnnex(demoLetterModel())],
  ['every block kind in unusual places', () => withUnusualLayout(demoLetterModel())],
  ['an Arabic version', () => ({ ...demoLetterModel(), language: 'ar', originals: ['ar', 'zh'] })],
];

describe('renderAkomaNtoso: schema validity', () => {
  it.skipIf(!HAS_XMLLINT)('finds the Akoma Ntoso 3.0 schema in the repository', () => {
    expect(existsSync(SCHEMA), SCHEMA).toBe(true);
  });

  it.skipIf(!HAS_XMLLINT).each(VARIANTS)('validates: %s', (_name, build) => {
    const result = validate(renderAkomaNtoso(build()));
    expect(result.output).toContain('validates');
    expect(result.ok, result.output).toBe(true);
    // With the pictures embedded as well.
    expect(validate(renderAkomaNtoso(build(), richResources())).ok).toBe(true);
  });

  it.skipIf(!HAS_XMLLINT)('fails a file with an element the schema does not know (the check can fail)', () => {
    const broken = renderAkomaNtoso(demoLetterModel()).replace('<mainBody>', '<mainBody>\n<unknownElement/>');
    const result = validate(broken);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/unknownElement/);
  });

  it.skipIf(!HAS_XMLLINT)('fails a file with a repeated eId (the uniqueness constraint is checked)', () => {
    const broken = renderAkomaNtoso(demoLetterModel()).replace('eId="annex_1__sec_2"', 'eId="annex_1__sec_1"');
    const result = validate(broken);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/[Dd]uplicate key|eId-doc/);
  });
});

describe('renderAkomaNtoso: content', () => {
  it('gives the same bytes for the same model, also after a round trip through JSON', () => {
    const model = demoLetterModel();
    const first = renderAkomaNtoso(model);
    expect(renderAkomaNtoso(model)).toBe(first);
    expect(renderAkomaNtoso(JSON.parse(JSON.stringify(model)) as DocumentModel)).toBe(first);
  });

  it.each(VARIANTS)('reads back as the document text, line by line: %s', (_name, build) => {
    const model = build();
    expect(aknText(renderAkomaNtoso(model))).toEqual(normalise(legalXmlText(documentText(model))));
    expect(aknText(renderAkomaNtoso(model, richResources()))).toEqual(normalise(legalXmlText(documentText(model, richResources()))));
  });

  it('reads back differently when a block is dropped (the comparison can fail)', () => {
    const model = demoLetterModel();
    const [annex] = model.attachments as [Attachment];
    const dropped = { ...model, attachments: [{ ...annex, blocks: annex.blocks.filter((_, i) => i !== 3) }] };
    expect(aknText(renderAkomaNtoso(dropped))).not.toEqual(normalise(documentText(model)));
  });

  it('identifies the work by its symbol, or a draft by its place in Rostrum, with dates from the model', () => {
    const xml = renderAkomaNtoso(demoLetterModel());
    expect(xml).toContain('<FRBRuri value="/akn/un/doc/letter/2021-05-05/S-2021-442"/>');
    expect(xml).toContain('<FRBRuri value="/akn/un/doc/letter/2021-05-05/S-2021-442/eng@2021-05-05"/>');
    expect(xml).toContain('<FRBRlanguage language="eng"/>');
    expect(xml).toContain('<FRBRnumber value="S/2021/442"/>');
    expect(xml).toContain('<docNumber>S/2021/442</docNumber>');
    expect(xml).toContain('<docDate date="2021-05-05">5 May 2021</docDate>');
    expect(xml).toContain('<identification source="#rostrum">');
    // Only the model's date appears: nothing taken from the clock.
    expect(new Set(xml.match(/\d{4}-\d{2}-\d{2}/g))).toEqual(new Set(['2021-05-05', '2021-05-24']));

    const draft = renderAkomaNtoso(demoLetterModel(null));
    expect(draft).toContain('<FRBRuri value="/akn/un/doc/letter/2021-05-05/draft-debates-sc-2021-05-24-peacekeepers-safety"/>');
    expect(draft).toContain('<docStatus>Draft</docStatus>');
    expect(draft).not.toContain('FRBRnumber');
  });

  it('marks up the signature with the signer and the function from the references', () => {
    const xml = renderAkomaNtoso(demoLetterModel());
    expect(xml).toContain('<TLCPerson eId="zhangJun" href="/akn/ontology/person/un/zhangJun" showAs="Zhang Jun"/>');
    expect(xml).toContain(
      '<TLCOrganization eId="securityCouncil" href="/akn/ontology/organization/un/securityCouncil" showAs="Security Council"/>',
    );
    expect(xml).toMatch(
      /<conclusions>\s*<p class="signature"><signature>\(Signed\) <person refersTo="#zhangJun" as="#zhangJunRole">Zhang Jun<\/person><eol\/><role refersTo="#zhangJunRole">Permanent Representative and<eol\/>/,
    );
  });

  it('nests the annex and its enclosure as attachments, numbers and letters as written', () => {
    const xml = renderAkomaNtoso(demoLetterModel());
    expect(xml).toMatch(/<attachment eId="annex_1">\s*<doc name="annex">/);
    expect(xml).toMatch(/<attachment eId="annex_1__enclosure_1">\s*<doc name="enclosure">/);
    expect(xml).toMatch(/<section eId="annex_1__sec_3">\s*<num>III\.<\/num>\s*<heading>Focus of discussion<\/heading>/);
    expect(xml).toMatch(
      /<blockContainer eId="annex_1__sec_3__para_7" class="numbered">\s*<num>7\.<\/num>\s*<p>Speakers may wish[^<]*<\/p>\s*<blockList eId="annex_1__sec_3__para_7__list_1">\s*<item eId="annex_1__sec_3__para_7__list_1__item_a">\s*<num>\(a\)<\/num>/,
    );
    expect(xml).toContain('<p class="original">[Original: Chinese]</p>');
  });

  it('escapes markup characters and drops the characters XML 1.0 forbids', () => {
    const xml = renderAkomaNtoso(withHostileText(demoLetterModel()));
    expect(xml).toContain('Fish &amp; chips &lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot; &apos;single&apos; ]]&gt;');
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).toContain('&amp;amp; is already escaped');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b-\u001f\ufffe\uffff]|[\ud800-\udfff]/); // eslint-disable-line no-control-regex
    expect(xml).not.toContain('<script>');
  });

  it('keeps eIds unique when the model repeats a number or a name', () => {
    const xml = renderAkomaNtoso(withUnusualLayout(demoLetterModel()));
    const ids = [...xml.matchAll(/ eId="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['sec_1__para_1', 'sec_1__para_1_2', 'zhangJun', 'nguyenVanA', 'person']));
  });
});

describe('renderAkomaNtoso: a statement’s content', () => {
  it('gives the same bytes for the same model and pictures', () => {
    const model = compilationModel();
    const first = renderAkomaNtoso(model, richResources());
    expect(renderAkomaNtoso(JSON.parse(JSON.stringify(model)) as DocumentModel, richResources())).toBe(first);
  });

  it('reads back differently when a paragraph of the statement is dropped (the comparison can fail)', () => {
    const model = compilationModel();
    const content = richContent();
    const [annex, ...rest] = model.attachments as [Attachment, ...Attachment[]];
    const dropped: DocumentModel = {
      ...model,
      attachments: [
        { ...annex, blocks: [{ kind: 'content', content: { ...content, blocks: content.blocks.filter((_, i) => i !== 2) } }] },
        ...rest,
      ],
    };
    expect(aknText(renderAkomaNtoso(dropped))).not.toEqual(normalise(documentText(model)));
  });

  it('marks up the statement: language, formatting, links, line breaks, lists, tables, pictures', () => {
    const xml = renderAkomaNtoso(compilationModel(), richResources());
    expect(xml).toMatch(
      /<blockContainer eId="annex_1__statement_1" class="statement" xml:lang="en">\s*<p class="title">Statement by the Permanent Representative of Ruritania<\/p>\s*<p class="heading1">Protection of peacekeepers<\/p>/,
    );
    expect(xml).toContain('<blockContainer eId="annex_2__statement_1" class="statement rtl" xml:lang="ar">');
    expect(xml).toContain(
      '<p class="align-justify">Mr. President, <b>we thank</b><i> the Secretary-General</i> for his report<authorialNote',
    );
    expect(xml).toContain('<p>Water is H<sub>2</sub>O and energy is mc<sup>2</sup>.</p>');
    expect(xml).toContain(
      '<p>Read <a href="https://www.un.org/securitycouncil/"><u>the Council page</u></a> or write to <a href="mailto:press@un.org">press@un.org</a>.</p>',
    );
    expect(xml).toContain('<p>A first line<eol/>and a second line after a break.</p>');
    expect(xml).toMatch(
      /<ol eId="annex_1__statement_1__list_1">\s*<li><p>First, access\.<\/p><ul eId="annex_1__statement_1__list_2"><li><p>Second, protection\.<\/p><\/li><\/ul><\/li>\s*<li><p>Third, accountability\.<\/p><\/li>\s*<\/ol>/,
    );
    expect(xml).toMatch(/<table eId="annex_1__statement_1__table_1" border="1">\s*<tr>\s*<th>\s*<p>Year<\/p>/);
    expect(xml).toMatch(/<td colspan="2">\s*<p>Source: Department of Peace Operations<\/p>/);
    expect(xml).toContain(
      `<img src="data:image/png;base64,${Buffer.from(MAP_PNG).toString('base64')}" alt="Map of the mission area" width="40" height="30"/>`,
    );
    expect(xml).toContain('<p>Before the chart: Chart of incidents</p>');
    expect(xml).toContain('<p class="rtl">شكرا');
    expect(renderAkomaNtoso(compilationModel())).not.toContain('<img');
    expect(MAP_SHA).toMatch(/^[0-9a-f]{64}$/);
  });

  it('puts each note where its mark is, as an authorialNote with its number, numbered through the document', () => {
    const xml = renderAkomaNtoso(compilationModel(), richResources());
    const notes = [...xml.matchAll(/<authorialNote eId="([^"]+)" marker="(\d+)" placement="bottom">(.*?)<\/authorialNote>/g)].map((m) => [
      m[1],
      m[2],
      m[3],
    ]);
    expect(notes).toEqual([
      ['annex_1__statement_1__note_1', '1', '<p>See resolution 2518 (2020), para. 3.</p>'],
      ['annex_1__statement_1__note_2', '2', '<p>An endnote, written as a footnote.</p>'],
      [
        'annex_1__statement_1__note_3',
        '3',
        '<p>Figures of the Department of Peace Operations.</p><p>A second paragraph of the same note.</p>',
      ],
      ['annex_2__statement_1__note_4', '4', expect.stringMatching(/^<p class="rtl">انظر/)],
    ]);
  });

  it('keeps eIds unique with statements in every place', () => {
    const xml = renderAkomaNtoso(withStatementsEverywhere(demoLetterModel()), richResources());
    const ids = [...xml.matchAll(/ eId="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'statement_1',
        'statement_1__note_1',
        'list_1',
        'annex_3__sec_4__statement_1',
        'annex_3__enclosure_1__statement_1',
        'annex_4__statement_1',
      ]),
    );
  });

  it.skipIf(!HAS_XMLLINT)('escapes text and attributes, and never writes a link that is not http, https or mailto', () => {
    const hostile = {
      ...richContent(),
      blocks: [
        plain(`${HOSTILE_TEXT} bell\u0007`),
        para([{ kind: 'link' as const, href: 'javascript:alert(document.cookie)', children: [text('click me')] }]),
        para([{ kind: 'link' as const, href: 'https://example.org/?q="<x>"', children: [text('quoted')] }]),
        para([{ kind: 'image' as const, alt: '"/><script>alert(2)</script>', sha256: MAP_SHA, mediaType: 'image/png' as const }]),
      ],
    };
    const model: DocumentModel = { ...demoLetterModel(), blocks: [{ kind: 'content', content: hostile }] };
    const xml = renderAkomaNtoso(model, richResources());
    expect(xml).not.toMatch(/<script|javascript:/);
    expect(xml).toContain('<p>Hostile &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt; bell</p>');
    expect(xml).toContain('<p>click me</p>');
    expect(xml).toContain('<a href="https://example.org/?q=%22%3Cx%3E%22">quoted</a>');
    expect(xml).toContain('alt="&quot;/&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
    const result = validate(xml);
    expect(result.ok, result.output).toBe(true);
  });
});
