import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import {
  ARABIC_PARAGRAPH,
  HOSTILE_TEXT,
  MAP_SHA,
  compilationModel,
  noisePng,
  para,
  plain,
  richContent,
  richResources,
  sha256Hex,
  text,
} from '../../../../../test/fixtures/rich-content.js';
import { richStatement } from '../../../../../test/fixtures/statement-files.js';
import { demoLetterModel } from '../../../../../test/letter-fixture.js';
import {
  readDocxContent,
  type Block as ContentBlock,
  type Inline,
  type Note,
  type StatementContent,
} from '../../../../kernel/ooxml/content.js';
import { withoutImageBytes } from '../../../../kernel/ooxml/content-model.js';
import { contentText } from '../../domain/content.js';
import { documentBlocks, documentText, type DocumentModel, type RenderResources } from '../../domain/document-model.js';
import { renderDocx } from './letter.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function parts(docx: Uint8Array): Record<string, string> {
  const files = unzipSync(docx);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

function part(docx: Uint8Array, name: string): string {
  const xml = parts(docx)[name];
  if (xml === undefined) throw new Error(`no ${name} in the package`);
  return xml;
}

/** The zip's local file headers in order: name and DOS modification time and date (APPNOTE 4.3.7). */
function zipEntries(zip: Uint8Array): { name: string; time: number; date: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const entries: { name: string; time: number; date: number }[] = [];
  let offset = 0;
  while (offset + 30 <= zip.length && view.getUint32(offset, true) === 0x04034b50) {
    const compressedSize = view.getUint32(offset + 18, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    entries.push({
      name: strFromU8(zip.subarray(offset + 30, offset + 30 + nameLength)),
      time: view.getUint16(offset + 10, true),
      date: view.getUint16(offset + 12, true),
    });
    offset += 30 + nameLength + extraLength + compressedSize;
  }
  return entries;
}

/** Throws on XML that is not well-formed. */
function parseXml(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.write(xml).close();
}

/**
 * The body's paragraphs as text, in document order (table cells included): each w:t's text, a tab for w:tab. A quick
 * reading of the DOCX that needs no LibreOffice; pdf.test.ts checks LibreOffice's own reading.
 */
function bodyParagraphs(documentXml: string, notes: { footnoteNumbers?: Map<string, number> } = {}): string[] {
  const parser = new SaxesParser();
  const paragraphs: string[] = [];
  let current: string | null = null;
  let inText = false;
  let references = 0;
  parser.on('opentag', (tag) => {
    if (tag.name === 'w:p') current = '';
    else if (tag.name === 'w:t') inText = true;
    else if (tag.name === 'w:tab' && current !== null && !inText) current += '\t';
    // A line break starts a new line of the paragraph; a footnote's mark reads as its number, which Word gives in the
    // order of the marks, and the footnote's own mark (in the footnotes part) as "[n]".
    else if (tag.name === 'w:br' && current !== null) current += '\n';
    else if (tag.name === 'w:footnoteReference' && current !== null) {
      current += String(++references);
      notes.footnoteNumbers?.set(String(tag.attributes['w:id']), references);
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t') inText = false;
    else if (tag.name === 'w:p' && current !== null) {
      paragraphs.push(current);
      current = null;
    }
  });
  parser.on('text', (text) => {
    if (inText && current !== null) current += text;
  });
  parser.write(documentXml).close();
  return paragraphs;
}

/** documentText's lines without the blank separators, the number or letter followed by a tab as the DOCX writes it. */
function expectedParagraphs(model: DocumentModel, resources?: RenderResources): string[] {
  const byLine = documentText(model, resources)
    .split('\n')
    .filter((line) => line !== '');
  const bulletTexts = new Set<string>();
  const collect = (m: { blocks: DocumentModel['blocks']; attachments: DocumentModel['attachments'] }) => {
    for (const b of m.blocks) if (b.kind === 'bullet') bulletTexts.add(b.text);
    m.attachments.forEach(collect);
  };
  collect(model);
  return byLine.map((line) => {
    if (bulletTexts.has(line)) return `\u2022\t${line}`;
    return line.replace(/^(\d+\.|\([a-z]{1,3}\)|[IVXLCDM]+\.) /, '$1\t');
  });
}

describe('renderDocx', () => {
  it('gives the same bytes for the same model, even after rendering another', async () => {
    const model = demoLetterModel();
    const first = await renderDocx(model);
    await renderDocx(demoLetterModel(null));
    const second = await renderDocx(structuredClone(model));
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(sha256(second)).toBe(sha256(first));
  });

  it('gives the same bytes in any time zone, with no random ids in the parts', async () => {
    const model = demoLetterModel();
    const here = await renderDocx(model);
    // Zip entry times are written from local-time fields, so the time zone is the one input that could leak in.
    // eslint-disable-next-line no-restricted-properties
    const env = process.env;
    const saved = env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC']) {
        env.TZ = zone;
        expect(sha256(await renderDocx(model)), zone).toBe(sha256(here));
      }
    } finally {
      if (saved === undefined) delete env.TZ;
      else env.TZ = saved;
    }
    for (const [name, xml] of Object.entries(parts(here))) expect(xml, name).not.toMatch(/w:rsid|<wp:docPr|w14:paraId|w:id="\d{6,}"/);
  });

  it('gives different bytes for another date, and dates the core properties from the model', async () => {
    const model = demoLetterModel();
    const other = await renderDocx({ ...model, date: '2021-05-06' });
    expect(sha256(other)).not.toBe(sha256(await renderDocx(model)));
    const core = part(other, 'docProps/core.xml');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2021-05-06T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2021-05-06T00:00:00Z</dcterms:modified>');
  });

  it('packs a zip with [Content_Types].xml first, the other parts by name, every entry at the DOS epoch', async () => {
    const docx = await renderDocx(demoLetterModel());
    const entries = zipEntries(docx);
    const names = entries.map((e) => e.name);
    expect(names[0]).toBe('[Content_Types].xml');
    expect(names.slice(1)).toEqual([...names.slice(1)].sort());
    expect(names).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml', 'docProps/core.xml', '_rels/.rels']));
    expect(Object.keys(unzipSync(docx)).sort()).toEqual([...names].sort());
    // 1980-01-01 00:00:00: date = (0 << 9) | (1 << 5) | 1, time = 0.
    for (const e of entries) expect({ name: e.name, time: e.time, date: e.date }).toEqual({ name: e.name, time: 0, date: 33 });
  });

  it('writes well-formed XML in every part', async () => {
    const all = parts(await renderDocx(demoLetterModel()));
    for (const [name, xml] of Object.entries(all)) {
      if (name.endsWith('.xml') || name.endsWith('.rels')) expect(() => parseXml(xml), name).not.toThrow();
    }
  });

  it('defines the named UN paragraph styles and uses them', async () => {
    const docx = await renderDocx(demoLetterModel());
    const styles = part(docx, 'word/styles.xml');
    for (const name of [
      'UN Body',
      'UN Title',
      'UN Heading',
      'UN Numbered',
      'UN Lettered',
      'UN Bullet',
      'UN Signature',
      'UN Annex Heading',
      'UN Original',
    ]) {
      expect(styles).toContain(`<w:name w:val="${name}"/>`);
    }
    const document = part(docx, 'word/document.xml');
    for (const id of ['UNTitle', 'UNHeading', 'UNNumbered', 'UNLettered', 'UNBullet', 'UNSignature', 'UNAttachmentHeading', 'UNOriginal']) {
      expect(document).toContain(`<w:pStyle w:val="${id}"/>`);
    }
    // Numbers are text, never Word list numbering, so they match the other formats.
    expect(document).not.toContain('<w:numPr>');
    expect(document).toContain('<w:t xml:space="preserve">7.</w:t><w:tab/><w:t xml:space="preserve">Speakers may wish');
  });

  it('lays out an A4 page with a different first page, the symbol as running header and the page number in the footer', async () => {
    const docx = await renderDocx(demoLetterModel());
    const all = parts(docx);
    const document = part(docx, 'word/document.xml');
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(document).toContain('<w:titlePg/>');
    expect(document).toMatch(/<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418"/);

    const rels = part(docx, 'word/_rels/document.xml.rels');
    const target = (type: 'default' | 'first', kind: 'header' | 'footer') => {
      const id = new RegExp(`<w:${kind}Reference w:type="${type}" r:id="(rId\\d+)"/>`).exec(document)?.[1];
      const file = id && new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
      const xml = file ? all[`word/${file}`] : undefined;
      if (xml === undefined) throw new Error(`no ${type} ${kind}`);
      return xml;
    };
    expect(target('default', 'header')).toContain('>S/2021/442</w:t>');
    expect(target('first', 'header')).not.toContain('S/2021/442');
    expect(target('default', 'footer')).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>|w:instr="\s*PAGE\s*"/);
    expect(target('first', 'footer')).not.toMatch(/PAGE/);
  });

  it('sets the title and language in the properties and in w:lang', async () => {
    const model = { ...demoLetterModel(), language: 'fr' as const };
    const docx = await renderDocx(model);
    const core = part(docx, 'docProps/core.xml');
    expect(core).toContain(`<dc:title>${model.title}</dc:title>`);
    expect(core).toContain('<dc:language>fr-FR</dc:language>');
    expect(part(docx, 'word/styles.xml')).toContain('<w:lang w:val="fr-FR" w:eastAsia="zh-CN" w:bidi="ar-SA"/>');
    expect(part(await renderDocx(demoLetterModel()), 'word/styles.xml')).toContain('<w:lang w:val="en-GB"');
  });

  it('writes every paragraph of the model, in order, header block first', async () => {
    const model = demoLetterModel();
    const paragraphs = bodyParagraphs(part(await renderDocx(model), 'word/document.xml')).filter((p) => p !== '');
    expect(paragraphs).toEqual(expectedParagraphs(model));
    expect(paragraphs.slice(0, 6)).toEqual([
      'United Nations',
      'Security Council',
      'S/2021/442',
      'Distr.: General',
      '5 May 2021',
      'Original: English',
    ]);
  });

  it('starts each attachment on a new page with its heading, its original language and its title', async () => {
    const document = part(await renderDocx(demoLetterModel()), 'word/document.xml');
    const breaks = [
      ...document.matchAll(
        /<w:pStyle w:val="UNAttachmentHeading"\/><w:pageBreakBefore\/><\/w:pPr><w:r><w:t xml:space="preserve">([^<]*)</g,
      ),
    ].map((m) => m[1]);
    expect(breaks).toEqual([expect.stringMatching(/^Annex to the letter dated 5 May 2021/), 'Enclosure']);
    expect(document).toMatch(/<w:pStyle w:val="UNOriginal"\/><\/w:pPr><w:r><w:t xml:space="preserve">\[Original: Chinese\]/);
  });

  it('writes "Draft" in the header block and running header of a document without a symbol', async () => {
    const docx = await renderDocx(demoLetterModel(null));
    expect(bodyParagraphs(part(docx, 'word/document.xml'))[2]).toBe('Draft');
    expect(Object.entries(parts(docx)).some(([name, xml]) => name.startsWith('word/header') && xml.includes('>Draft</w:t>'))).toBe(true);
  });

  it('renders Arabic and Chinese text, and escapes markup characters', async () => {
    const base = demoLetterModel();
    const arabic = 'رسالة مؤرخة 5 أيار/مايو 2021 موجهة إلى الأمين العام من الممثل الدائم للصين لدى الأمم المتحدة';
    const chinese = '2021年5月5日中国常驻联合国代表给秘书长的信';
    for (const [title, language] of [
      [arabic, 'ar'],
      [chinese, 'zh'],
    ] as const) {
      const docx = await renderDocx({ ...base, title, language });
      const document = part(docx, 'word/document.xml');
      expect(document).toContain(title);
      expect(part(docx, 'docProps/core.xml')).toContain(`<dc:title>${title}</dc:title>`);
    }
    const marked = await renderDocx({ ...base, title: 'Letter <b>dated</b> "5 May" & more' });
    const document = part(marked, 'word/document.xml');
    expect(() => parseXml(document)).not.toThrow();
    expect(bodyParagraphs(document)).toContain('Letter <b>dated</b> "5 May" & more');
  });
});

/** The footnotes part's notes (separators left out), each as its lines: its own mark reads "[n]", n its number in the body. */
function footnoteLines(footnotesXml: string, numbers: Map<string, number>): Map<number, string[]> {
  const parser = new SaxesParser();
  const notes = new Map<number, string[]>();
  let note: string[] | null = null;
  let current: string | null = null;
  let inText = false;
  let number = 0;
  parser.on('opentag', (tag) => {
    if (tag.name === 'w:footnote') {
      const id = String(tag.attributes['w:id']);
      note = tag.attributes['w:type'] ? null : [];
      number = numbers.get(id) ?? -1;
      if (note) notes.set(number, note);
    } else if (tag.name === 'w:p' && note) current = '';
    else if (tag.name === 'w:t') inText = true;
    else if (tag.name === 'w:footnoteRef' && current !== null) current += `[${number}]`;
    else if (tag.name === 'w:br' && current !== null) current += '\n';
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t') inText = false;
    else if (tag.name === 'w:p' && current !== null && note) {
      note.push(...current.split('\n'));
      current = null;
    }
  });
  parser.on('text', (t) => {
    if (inText && current !== null) current += t;
  });
  parser.write(footnotesXml).close();
  return notes;
}

/** Each content block's note lines, in document order: they are in the footnotes part, not in the body. */
function noteLinesOf(model: DocumentModel, resources: RenderResources | undefined): string[][] {
  const notes: string[][] = [];
  let next = 1;
  for (const b of documentBlocks(model)) {
    if (b.kind !== 'content') continue;
    const read = contentText(b.content, next, resources);
    notes.push(...read.notes.map((n) => n.lines));
    next = read.next;
  }
  return notes;
}

/** The DOCX read the quick way: the body's lines and the notes' lines, in the order of their marks. */
function readRendered(docx: Uint8Array): { body: string[]; notes: string[][] } {
  const numbers = new Map<string, number>();
  const body = bodyParagraphs(part(docx, 'word/document.xml'), { footnoteNumbers: numbers })
    .flatMap((p) => p.split('\n'))
    .filter((p) => p.trim() !== '');
  const byNumber = footnoteLines(part(docx, 'word/footnotes.xml'), numbers);
  const notes = [...byNumber.entries()].sort(([a], [b]) => a - b).map(([, lines]) => lines);
  return { body, notes };
}

/** documentText's lines as the DOCX body has them: without the notes, which are footnotes. */
function expectedBody(model: DocumentModel, resources: RenderResources | undefined): string[] {
  const noteLines = new Set(noteLinesOf(model, resources).flat());
  return expectedParagraphs(model, resources).filter((line) => !noteLines.has(line));
}

/**
 * A statement's blocks in a form two readings can be compared in: the style a paragraph takes by default ('normal')
 * written out, the bold of a heading's style dropped (the reader folds the style's bold into the text), neighbouring
 * texts of the same formatting joined, and each note mark replaced by its note's text (footnote ids are the file's
 * own).
 */
function comparable(blocks: readonly ContentBlock[], notes: { footnotes: readonly Note[]; endnotes: readonly Note[] }): unknown[] {
  const noteText = (inline: Extract<Inline, { kind: 'footnote' }>) =>
    (inline.endnote ? notes.endnotes : notes.footnotes)
      .find((n) => n.id === inline.id)
      ?.blocks.map((b) => (b.kind === 'paragraph' ? b.inlines.map((i) => (i.kind === 'text' ? i.text : '')).join('') : 'table'));
  const inlines = (list: readonly Inline[], heading: boolean): unknown[] => {
    const out: unknown[] = [];
    for (const inline of list) {
      if (inline.kind === 'text') {
        const marks = { ...inline, text: undefined, kind: undefined, ...(heading ? { bold: undefined } : {}) };
        const last = out[out.length - 1] as { text?: string; marks?: string } | undefined;
        const key = JSON.stringify(marks);
        if (last?.text !== undefined && last.marks === key) last.text += inline.text;
        else out.push({ text: inline.text, marks: key });
      } else if (inline.kind === 'link') out.push({ link: inline.href, children: inlines(inline.children, heading) });
      else if (inline.kind === 'footnote') out.push({ note: noteText(inline) });
      else out.push(inline);
    }
    return out;
  };
  return blocks.map((b) =>
    b.kind === 'table'
      ? {
          rows: b.rows.map((r) => ({
            header: r.header ?? false,
            cells: r.cells.map((c) => ({ colspan: c.colspan ?? 1, blocks: comparable(c.blocks, notes) })),
          })),
        }
      : {
          style: b.style ?? 'normal',
          rtl: b.rtl,
          align: b.align,
          list: b.list,
          inlines: inlines(b.inlines, (b.style ?? 'normal') !== 'normal'),
        },
  );
}

/** A letter holding nothing but one statement, so the statement's blocks follow the header block and the title. */
function statementOnly(content: DocumentModel['blocks'][number]): DocumentModel {
  return { ...demoLetterModel(), blocks: [content], attachments: [] };
}

describe('renderDocx: a statement’s content', () => {
  it('gives the same bytes for the same model and pictures, even after rendering another, with no random ids', async () => {
    const model = compilationModel();
    const first = await renderDocx(model, richResources());
    await renderDocx(statementOnly({ kind: 'content', content: richContent() }), richResources());
    const second = await renderDocx(structuredClone(model), richResources());
    expect(sha256(second)).toBe(sha256(first));
    expect(sha256(await renderDocx(model))).not.toBe(sha256(first));
    for (const [name, xml] of Object.entries(parts(first))) {
      if (!name.endsWith('.rels')) continue;
      const ids = [...xml.matchAll(/ Id="([^"]+)"/g)].map((m) => m[1] as string);
      expect(
        ids.filter((id) => !/^rId(Link)?\d+$/.test(id)),
        name,
      ).toEqual([]);
    }
    expect(part(first, 'word/_rels/document.xml.rels')).toMatch(
      /Id="rIdLink1"[^>]*Target="https:\/\/www\.un\.org\/securitycouncil\/" TargetMode="External"/,
    );
    expect(part(first, 'word/document.xml')).toContain('<w:hyperlink w:history="1" r:id="rIdLink1">');
  });

  it('writes the body text of the model and the notes as real footnotes, in order', async () => {
    const model = compilationModel();
    const docx = await renderDocx(model, richResources());
    const read = readRendered(docx);
    expect(read.body).toEqual(expectedBody(model, richResources()));
    expect(read.notes).toEqual(noteLinesOf(model, richResources()));
    expect(read.notes.map((n) => n[0])).toEqual([
      '[1] See resolution 2518 (2020), para. 3.',
      '[2] An endnote, written as a footnote.',
      '[3] Figures of the Department of Peace Operations.',
      expect.stringMatching(/^\[4\] انظر/),
    ]);
    const footnotes = part(docx, 'word/footnotes.xml');
    expect(footnotes.match(/<w:footnote w:id="\d+">/g)).toHaveLength(4);
    expect(footnotes).toContain('<w:pStyle w:val="FootnoteText"/>');
    expect(part(docx, 'word/document.xml').match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(4);
    // Endnotes become footnotes: the endnotes part holds only its separators.
    expect(part(docx, 'word/endnotes.xml')).not.toMatch(/<w:endnote w:id="[1-9]/);
  });

  it('reads differently when a paragraph of the statement is dropped (the comparison can fail)', async () => {
    const model = compilationModel();
    const content = richContent();
    const dropped: DocumentModel = {
      ...model,
      attachments: model.attachments.map((a, i) =>
        i === 0 ? { ...a, blocks: [{ kind: 'content', content: { ...content, blocks: content.blocks.filter((_, j) => j !== 3) } }] } : a,
      ),
    };
    expect(readRendered(await renderDocx(dropped, richResources())).body).not.toEqual(expectedBody(model, richResources()));
  });

  it('reads back, through the reader of uploads, as the statement it was made from', async () => {
    const content = richContent();
    // The missing picture is written as its alternative text: the statement expected back has that text instead.
    const shown: typeof content = {
      ...content,
      blocks: content.blocks.map((b) =>
        b.kind === 'paragraph' && b.inlines.some((i) => i.kind === 'image' && i.sha256 !== MAP_SHA)
          ? para([text('Before the chart: Chart of incidents')])
          : b,
      ),
    };
    const read = readDocxContent(await renderDocx(statementOnly({ kind: 'content', content }), richResources()));
    // The header block (a table) and the title come first.
    const blocks = read.blocks.slice(2);
    expect(comparable(blocks, read)).toEqual(comparable(shown.blocks, shown));
    expect(read.images.map((i) => i.sha256)).toEqual([MAP_SHA]);
    expect(read.endnotes).toEqual([]);
  });

  it('reads back a statement read from a Word file as that statement', async () => {
    const original: StatementContent = readDocxContent(await richStatement());
    const content = withoutImageBytes(original);
    const resources: RenderResources = {
      images: new Map(original.images.map((i) => [i.sha256, { bytes: i.bytes, mediaType: i.mediaType }])),
    };
    const read = readDocxContent(await renderDocx(statementOnly({ kind: 'content', content }), resources));
    expect(comparable(read.blocks.slice(2), read)).toEqual(comparable(content.blocks, content));
  });

  it('numbers the links of many statements in the order they are written, each reference with its own target', async () => {
    const href = (s: number, l: number) => `https://www.un.org/statements/${s}/${l}`;
    const statement = (s: number) => ({
      ...richContent(),
      blocks: [
        para([
          text('See '),
          { kind: 'link', href: href(s, 1), children: [text('the first page')] },
          text(' and '),
          { kind: 'link', href: href(s, 2), children: [text('the second')] },
        ]),
        plain(`Statement ${s} goes on.`, { list: { ordered: true, level: 0 } }),
      ],
      footnotes: [],
      endnotes: [],
    });
    const count = 40;
    const model: DocumentModel = {
      ...demoLetterModel(),
      type: 'compilation',
      attachments: Array.from({ length: count }, (_, i) => ({
        kind: 'annex' as const,
        heading: `Annex ${i + 1}`,
        title: [`Statement ${i + 1}`],
        blocks: [{ kind: 'content' as const, content: statement(i + 1) }],
        attachments: [],
      })),
    };
    const docx = await renderDocx(model);
    const expected = Array.from({ length: count }, (_, i) => [href(i + 1, 1), href(i + 1, 2)]).flat();
    const rels = [...part(docx, 'word/_rels/document.xml.rels').matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)" TargetMode="External"/g)].map(
      (m) => [m[1], m[2]],
    );
    expect(rels).toEqual(expected.map((target, i) => [`rIdLink${i + 1}`, target]));
    const references = [...part(docx, 'word/document.xml').matchAll(/<w:hyperlink [^>]*r:id="([^"]+)"/g)].map((m) => m[1]);
    expect(references).toEqual(expected.map((_, i) => `rIdLink${i + 1}`));
    const links: string[] = [];
    const collect = (inlines: readonly Inline[]) =>
      inlines.forEach((inline) => (inline.kind === 'link' ? links.push(inline.href) : undefined));
    for (const block of readDocxContent(docx).blocks) if (block.kind === 'paragraph') collect(block.inlines);
    expect(links).toEqual(expected);
    // Each statement's list is a list of its own, in the order of the statements.
    expect(part(docx, 'word/document.xml').match(/<w:numId w:val="\d+"\/>/g)?.length).toBe(count);
    expect(sha256(await renderDocx(structuredClone(model)))).toBe(sha256(docx));
  });

  it('writes links and pictures in footnotes, with their relationships in the footnotes part', async () => {
    const note = para([
      text('See '),
      { kind: 'link', href: 'https://www.un.org/peacekeeping/', children: [text('the peacekeeping site')] },
      text(' and '),
      { kind: 'image', alt: 'Logo', sha256: MAP_SHA, mediaType: 'image/png' },
    ]);
    const content = { ...richContent(), footnotes: [{ id: '1', blocks: [note] }, ...richContent().footnotes.slice(1)] };
    const docx = await renderDocx(statementOnly({ kind: 'content', content }), richResources());
    const rels = part(docx, 'word/_rels/footnotes.xml.rels');
    expect(rels).toMatch(/Id="rIdLink1"[^>]*Target="https:\/\/www\.un\.org\/peacekeeping\/" TargetMode="External"/);
    expect(rels).toMatch(/Type="[^"]*\/image" Target="media\/[^"]+\.png"/);
    const read = readDocxContent(docx);
    expect(read.footnotes[0]?.blocks).toEqual([
      {
        kind: 'paragraph',
        style: 'normal',
        rtl: false,
        inlines: [
          text('See '),
          { kind: 'link', href: 'https://www.un.org/peacekeeping/', children: [text('the peacekeeping site')] },
          text(' and '),
          { kind: 'image', alt: 'Logo', sha256: MAP_SHA, mediaType: 'image/png' },
        ],
      },
    ]);
    // Picture ids are unique in the document, notes included.
    const ids = Object.entries(parts(docx)).flatMap(([, xml]) => [...xml.matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => m[1]));
    expect(ids.sort()).toEqual(['1', '2']);
  });

  it('uses Word numbering for lists: numbers by level, bullets, a new list for each run of items', async () => {
    const content = richContent();
    const twoLists = {
      ...content,
      blocks: [...content.blocks.slice(6, 9), plain('Between the lists.'), plain('Again.', { list: { ordered: true, level: 0 } })],
    };
    const docx = await renderDocx(statementOnly({ kind: 'content', content: twoLists }));
    const document = part(docx, 'word/document.xml');
    const numPr = [...document.matchAll(/<w:numPr><w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/g)].map((m) => [
      Number(m[1]),
      m[2],
    ]);
    expect(numPr.map(([level]) => level)).toEqual([0, 1, 0, 0]);
    // The first list's ordered items share a numbering instance; the list after "Between the lists." has its own.
    expect(numPr[0]?.[1]).toBe(numPr[2]?.[1]);
    expect(numPr[3]?.[1]).not.toBe(numPr[0]?.[1]);
    const numbering = part(docx, 'word/numbering.xml');
    expect(numbering).toMatch(/<w:lvl w:ilvl="0"[^>]*>(?:(?!<\/w:lvl>).)*<w:numFmt w:val="decimal"\/><w:lvlText w:val="%1\."\/>/);
    expect(numbering).toMatch(/<w:lvl w:ilvl="1"[^>]*>(?:(?!<\/w:lvl>).)*<w:numFmt w:val="bullet"\/><w:lvlText w:val="\u25e6"\/>/);
    expect(numbering).toMatch(/<w:lvl w:ilvl="1"[^>]*>(?:(?!<\/w:lvl>).)*<w:numFmt w:val="lowerLetter"\/><w:lvlText w:val="\(%2\)"\/>/);
    // The items keep the statement's paragraph style rather than Word's "List Paragraph".
    expect(document).not.toContain('ListParagraph');
  });

  it('writes tables with borders, header rows repeated on each page and merged cells', async () => {
    const document = part(await renderDocx(statementOnly({ kind: 'content', content: richContent() })), 'word/document.xml');
    const tables = document.match(/<w:tbl>.*?<\/w:tbl>/g) ?? [];
    expect(tables).toHaveLength(2);
    const table = tables[1] as string;
    expect(table).toMatch(/<w:tblBorders><w:top w:val="single" w:color="000000" w:sz="4"\/>/);
    expect(table).toMatch(/<w:insideV w:val="single"/);
    expect(table.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(table).toContain('<w:gridSpan w:val="2"/>');
  });

  it('embeds the pictures at their pixel size, scales a wide one to the text, and writes a missing one as its text', async () => {
    const wide = noisePng(1200, 300);
    const wideSha = sha256Hex(wide);
    const content = {
      ...richContent(),
      blocks: [
        ...richContent().blocks,
        para([{ kind: 'image' as const, alt: 'A wide picture', sha256: wideSha, mediaType: 'image/png' as const }]),
      ],
    };
    const resources: RenderResources = { images: new Map([...richResources().images, [wideSha, { bytes: wide, mediaType: 'image/png' }]]) };
    const docx = await renderDocx(statementOnly({ kind: 'content', content }), resources);
    const files = unzipSync(docx);
    const media = Object.entries(files).filter(([name]) => name.startsWith('word/media/'));
    expect(media.map(([, bytes]) => sha256Hex(bytes)).sort()).toEqual([MAP_SHA, wideSha].sort());
    const document = part(docx, 'word/document.xml');
    expect(document).toMatch(
      /<wp:extent cx="381000" cy="285750"\/><wp:effectExtent[^>]*\/><wp:docPr id="1" name="Picture 1" descr="Map of the mission area"\/>/,
    );
    // 1200 × 300 pixels scaled to the text's width (7630 twips, 508 pixels at 96 dpi).
    expect(document).toMatch(
      /<wp:extent cx="4838700" cy="1209675"\/><wp:effectExtent[^>]*\/><wp:docPr id="2" name="Picture 2" descr="A wide picture"\/>/,
    );
    expect(bodyParagraphs(document)).toContain('Before the chart: Chart of incidents');
    expect(part(docx, '[Content_Types].xml')).toContain('Extension="png"');
    // Without the resources, every picture is its text and nothing is embedded.
    const bare = await renderDocx(statementOnly({ kind: 'content', content }));
    expect(Object.keys(unzipSync(bare)).filter((name) => name.startsWith('word/media/'))).toEqual([]);
    expect(bodyParagraphs(part(bare, 'word/document.xml'))).toEqual(expect.arrayContaining(['Map of the mission area', 'A wide picture']));
  });

  it('keeps right-to-left paragraphs and runs, and sets the statement’s language on its runs', async () => {
    const document = part(await renderDocx(compilationModel(), richResources()), 'word/document.xml');
    const paragraphOf = (t: string) => (document.match(/<w:p>(?:(?!<\/w:p>).)*<\/w:p>/g) ?? []).find((p) => p.includes(t)) ?? '';
    const englishArabic = (document.match(/<w:p>(?:(?!<\/w:p>).)*<\/w:p>/g) ?? []).filter((p) => p.includes(ARABIC_PARAGRAPH));
    expect(englishArabic).toHaveLength(2);
    const [inEnglish, inArabic] = englishArabic as [string, string];
    expect(inEnglish).toContain('<w:bidi/>');
    expect(inEnglish).toMatch(/<w:rtl\/><w:lang w:val="en-GB"\/><\/w:rPr><w:t xml:space="preserve">شكرا/);
    expect(inArabic).toContain('<w:bidi/>');
    expect(inArabic).toMatch(/<w:rtl\/><w:lang w:val="ar-SA" w:bidi="ar-SA"\/><\/w:rPr><w:t xml:space="preserve">شكرا/);
    // Latin text in the Arabic paragraph is not marked right to left; its bold is set for complex script too.
    expect(inArabic).toMatch(
      /<w:rPr><w:b\/><w:bCs\/><w:lang w:val="ar-SA" w:bidi="ar-SA"\/><\/w:rPr><w:t xml:space="preserve"> UNIFIL<\/w:t>/,
    );
    expect(paragraphOf('Water is H')).toMatch(/<w:vertAlign w:val="subscript"\/>(?:(?!<\/w:r>).)*>2<\/w:t>/);
    expect(paragraphOf('Water is H')).toMatch(/<w:vertAlign w:val="superscript"\/>(?:(?!<\/w:r>).)*>2<\/w:t>/);
    expect(paragraphOf('Mr. President')).toMatch(/<w:i\/><w:iCs\/>(?:(?!<\/w:r>).)*> the Secretary-General<\/w:t>/);
    expect(paragraphOf('Mr. President')).toMatch(/<w:u w:val="single"\/>(?:(?!<\/w:r>).)*> See also the annex<\/w:t>/);
    expect(paragraphOf('Mr. President')).toContain('<w:jc w:val="both"/>');
    expect(paragraphOf('I thank you.')).toContain('<w:jc w:val="right"/>');
  });

  it('escapes markup, drops characters XML forbids, and never writes a link that is not http, https or mailto', async () => {
    const hostile = {
      ...richContent(),
      blocks: [
        plain(`${HOSTILE_TEXT} bell\u0007`),
        // Past the schema (a model built in code): the renderer still refuses these links and keeps their text.
        para([{ kind: 'link' as const, href: 'javascript:alert(document.cookie)', children: [text('click me')] }]),
        para([{ kind: 'link' as const, href: 'data:text/html,<script>alert(1)</script>', children: [text('or me')] }]),
      ],
    };
    const docx = await renderDocx(statementOnly({ kind: 'content', content: hostile }));
    const all = parts(docx);
    for (const [name, xml] of Object.entries(all)) {
      if (name.endsWith('.xml') || name.endsWith('.rels')) expect(() => parseXml(xml), name).not.toThrow();
      expect(xml, name).not.toMatch(/javascript:|data:text/);
    }
    const document = part(docx, 'word/document.xml');
    expect(document).toContain('Hostile &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt; bell</w:t>');
    expect(bodyParagraphs(document)).toEqual(expect.arrayContaining([`${HOSTILE_TEXT} bell`, 'click me', 'or me']));
  });

  it('leaves a document without statements as it was: no numbering, notes, pictures or links', async () => {
    const docx = await renderDocx(demoLetterModel(), richResources());
    expect(sha256(docx)).toBe(sha256(await renderDocx(demoLetterModel())));
    const document = part(docx, 'word/document.xml');
    expect(document).not.toMatch(/<w:numPr>|<w:footnoteReference|<w:drawing>|<w:hyperlink/);
  });
});
