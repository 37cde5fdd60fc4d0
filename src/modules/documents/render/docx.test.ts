import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { demoLetterModel } from '../../../../test/letter-fixture.js';
import { documentText, type DocumentModel } from '../domain/document-model.js';
import { renderDocx } from './docx.js';

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
function bodyParagraphs(documentXml: string): string[] {
  const parser = new SaxesParser();
  const paragraphs: string[] = [];
  let current: string | null = null;
  let inText = false;
  parser.on('opentag', (tag) => {
    if (tag.name === 'w:p') current = '';
    else if (tag.name === 'w:t') inText = true;
    else if (tag.name === 'w:tab' && current !== null && !inText) current += '\t';
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
function expectedParagraphs(model: DocumentModel): string[] {
  const byLine = documentText(model)
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
    for (const name of ['UN Body', 'UN Title', 'UN Heading', 'UN Numbered', 'UN Lettered', 'UN Bullet', 'UN Signature', 'UN Annex Heading', 'UN Original']) {
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
    expect(paragraphs.slice(0, 6)).toEqual(['United Nations', 'Security Council', 'S/2021/442', 'Distr.: General', '5 May 2021', 'Original: English']);
  });

  it('starts each attachment on a new page with its heading, its original language and its title', async () => {
    const document = part(await renderDocx(demoLetterModel()), 'word/document.xml');
    const breaks = [...document.matchAll(/<w:pStyle w:val="UNAttachmentHeading"\/><w:pageBreakBefore\/><\/w:pPr><w:r><w:t xml:space="preserve">([^<]*)</g)].map((m) => m[1]);
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
    for (const [title, language] of [[arabic, 'ar'], [chinese, 'zh']] as const) {
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
