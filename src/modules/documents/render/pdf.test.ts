import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ARABIC_PARAGRAPH,
  CHINESE_PARAGRAPH,
  compilationModel,
  richContent,
  richResources,
} from '../../../../test/fixtures/rich-content.js';
import { demoLetterModel } from '../../../../test/letter-fixture.js';
import { hasPdfinfo, pdfFacts } from '../../../../test/pdf-info.js';
import { contentText } from '../domain/content.js';
import { documentBlocks, documentText, type DocumentModel, type RenderResources } from '../domain/document-model.js';
import { renderDocx } from './docx/letter.js';
import { convertDocxToText } from '../../../../test/document-text.js';
import { convertDocxToPdf, findPdfConverter } from './pdf.js';

const soffice = await findPdfConverter();
const CONVERSION = 90_000;

/**
 * Brings LibreOffice's text export of the DOCX and the model's canonical text (documentText) to one form, line by line:
 * - an item of a Word list is written by LibreOffice indented by spaces, with its number or bullet and a space
 *   ("    1. First, access.", "        ◦ Second, protection."); documentText writes the item's text alone (the
 *   model carries no numbers for a statement's lists), so an indented line's leading label is dropped;
 * - a tab (after "7.", "(a)", "I." and the bullet) and any run of spaces become one space, and each line is trimmed,
 *   so "7.\tSpeakers" reads "7. Speakers" as documentText writes it;
 * - a bullet character at the start of a line is dropped with its space: the DOCX writes a bullet item as "•", a tab
 *   and the text, and documentText writes only the text;
 * - empty lines are dropped: documentText separates the header block, the title and each attachment with one, while
 *   the DOCX has spacing instead, and an empty paragraph in the header block.
 * Everything else must match exactly, in order, so a missing, added, changed or moved paragraph fails.
 *
 * The header block is a two-column table; LibreOffice writes a table cell by cell, row by row, each cell's paragraphs
 * one a line: "United Nations", "Security Council" (left cell), then the symbol, distribution, date and originals (right
 * cell), which is documentText's order. The test below also checks those six lines explicitly, so a change in how
 * LibreOffice orders cells shows up as that, not as a puzzling diff further down.
 */
function normalise(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .replace(/^[\t ]+(?:\d+\.|\([a-z]+\)|[\u2022\u25e6\u25aa])[\t ]+/, '')
        .replace(/[\t ]+/g, ' ')
        .trim()
        .replace(/^\u2022 /, ''),
    )
    .filter((line) => line !== '');
}

/**
 * documentText without the statements' notes. LibreOffice's text export writes a footnote's mark where it stands (its
 * number, as documentText writes it: "report1.") but leaves the footnotes' text out; the footnotes themselves are
 * checked in the DOCX's footnotes part (docx.test.ts).
 */
function textWithoutNotes(model: DocumentModel, resources: RenderResources | undefined): string {
  const noteLines = new Set<string>();
  let next = 1;
  for (const b of documentBlocks(model)) {
    if (b.kind !== 'content') continue;
    const read = contentText(b.content, next, resources);
    for (const note of read.notes) for (const line of note.lines) noteLines.add(line);
    next = read.next;
  }
  return documentText(model, resources)
    .split('\n')
    .filter((line) => !noteLines.has(line))
    .join('\n');
}

async function extractedText(model: DocumentModel, resources?: RenderResources): Promise<string> {
  const result = await convertDocxToText(await renderDocx(model, resources));
  if (!result.ok) throw new Error(`text conversion failed: ${result.reason}: ${result.detail}`);
  return result.text;
}

/** Pages in a PDF: page objects (`/Type /Page`, not the `/Type /Pages` tree nodes). */
function pageCount(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []
  ).length;
}

async function leftoverWorkFolders(): Promise<string[]> {
  return (await readdir(os.tmpdir())).filter((name) => name.startsWith('rostrum-convert-'));
}

describe('findPdfConverter', () => {
  it('finds nothing on an empty PATH without SOFFICE_PATH', async () => {
    expect(await findPdfConverter(undefined, '')).toBeUndefined();
    expect(await findPdfConverter('/nonexistent/soffice', '')).toBeUndefined();
  });

  it.skipIf(!soffice)('prefers an executable SOFFICE_PATH, and otherwise searches PATH', async () => {
    const binary = soffice ?? '';
    expect(await findPdfConverter(binary, '')).toBe(binary);
    const fromPath = await findPdfConverter('/nonexistent/soffice', `/nonexistent${path.delimiter}${path.dirname(binary)}`);
    expect(fromPath && path.dirname(fromPath)).toBe(path.dirname(binary));
    expect(fromPath).toMatch(/(soffice|libreoffice)$/);
  });
});

describe('convertDocxToPdf', () => {
  it('answers unavailable, without running anything, for a converter that does not exist', async () => {
    const docx = await renderDocx(demoLetterModel());
    const result = await convertDocxToPdf(docx, { soffice: '/nonexistent' });
    expect(result).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(await convertDocxToText(docx, { soffice: '/nonexistent' })).toMatchObject({ ok: false, reason: 'unavailable' });
  });

  it.skipIf(!existsSync('/bin/false'))('answers failed with the exit code for a program that is not a converter', async () => {
    const result = await convertDocxToPdf(await renderDocx(demoLetterModel()), { soffice: '/bin/false' });
    expect(result).toMatchObject({ ok: false, reason: 'failed', detail: expect.stringContaining('exit code 1') });
  });

  describe.skipIf(!soffice)('with LibreOffice', () => {
    let before: string[] = [];
    beforeAll(async () => {
      before = await leftoverWorkFolders();
    });

    it(
      'converts the demo letter: a PDF of at least three pages (letter, annex, enclosure)',
      async () => {
        const result = await convertDocxToPdf(await renderDocx(demoLetterModel()));
        if (!result.ok) throw new Error(`conversion failed: ${result.reason}: ${result.detail}`);
        const head = Buffer.from(result.pdf.subarray(0, 5)).toString('latin1');
        expect(head).toBe('%PDF-');
        expect(Buffer.from(result.pdf.subarray(-1024)).toString('latin1')).toContain('%%EOF');
        expect(pageCount(result.pdf)).toBeGreaterThanOrEqual(3);
      },
      CONVERSION,
    );

    it.skipIf(!hasPdfinfo)(
      'makes a tagged PDF/UA file with the document’s title and language',
      async () => {
        const english = demoLetterModel();
        const arabic: DocumentModel = { ...english, title: 'رسالة مؤرخة 5 أيار/مايو 2021 موجهة إلى الأمين العام', language: 'ar' };
        for (const [model, lang] of [
          [english, 'en-GB'],
          [arabic, 'ar-SA'],
        ] as const) {
          const result = await convertDocxToPdf(await renderDocx(model));
          if (!result.ok) throw new Error(`conversion failed: ${result.reason}: ${result.detail}`);
          const facts = await pdfFacts(result.pdf);
          expect(facts.info.Tagged).toBe('yes');
          expect(facts.info.Title).toBe(model.title);
          expect(facts.lang).toBe(lang);
          expect(facts.meta).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
        }
      },
      CONVERSION * 2,
    );

    it(
      'reads, through LibreOffice, exactly the text of the model in its order',
      async () => {
        const model = demoLetterModel();
        const lines = normalise(await extractedText(model));
        expect(lines.slice(0, 6)).toEqual([
          'United Nations',
          'Security Council',
          'S/2021/442',
          'Distr.: General',
          '5 May 2021',
          'Original: English',
        ]);
        expect(lines).toEqual(normalise(documentText(model)));
      },
      CONVERSION,
    );

    it(
      'tells a dropped or a moved paragraph from the model (the comparison is strict)',
      async () => {
        const model = demoLetterModel();
        const annex = model.attachments[0];
        if (!annex) throw new Error('the demo letter has an annex');
        // A DOCX missing the annex's paragraph 7 (a numbered block followed by its lettered items).
        const dropped: DocumentModel = structuredClone(model);
        const droppedAnnex = dropped.attachments[0];
        if (!droppedAnnex) throw new Error('the demo letter has an annex');
        const seven = droppedAnnex.blocks.findIndex((b) => b.kind === 'numbered' && b.number === 7);
        expect(seven).toBeGreaterThan(0);
        droppedAnnex.blocks.splice(seven, 1);
        expect(normalise(await extractedText(dropped))).not.toEqual(normalise(documentText(model)));

        // The real DOCX against a model whose first two letter paragraphs are swapped.
        const swapped: DocumentModel = structuredClone(model);
        const [a, b] = swapped.blocks;
        if (!a || !b) throw new Error('the demo letter has two paragraphs');
        swapped.blocks.splice(0, 2, b, a);
        const lines = normalise(await extractedText(model));
        expect(lines).toEqual(normalise(documentText(model)));
        expect(lines).not.toEqual(normalise(documentText(swapped)));
      },
      CONVERSION * 2,
    );

    it(
      'converts documents with an Arabic and a Chinese title',
      async () => {
        const base = demoLetterModel();
        const titles = [
          ['رسالة مؤرخة 5 أيار/مايو 2021 موجهة إلى الأمين العام', 'ar'],
          ['2021年5月5日中国常驻联合国代表给秘书长的信', 'zh'],
        ] as const;
        for (const [title, language] of titles) {
          const model: DocumentModel = { ...base, title, language };
          const result = await convertDocxToPdf(await renderDocx(model));
          expect(result.ok, result.ok ? title : result.detail).toBe(true);
          expect(normalise(await extractedText(model))).toContain(title);
        }
      },
      CONVERSION * 4,
    );

    it(
      'converts a compilation with statements (notes, a table, lists, a picture, Arabic and Chinese) and reads its text',
      async () => {
        const model = compilationModel();
        const resources = richResources();
        const pdf = await convertDocxToPdf(await renderDocx(model, resources));
        if (!pdf.ok) throw new Error(`conversion failed: ${pdf.reason}: ${pdf.detail}`);
        expect(pageCount(pdf.pdf)).toBeGreaterThanOrEqual(3);
        expect(Buffer.from(pdf.pdf).toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
        const lines = normalise(await extractedText(model, resources));
        expect(lines).toEqual(normalise(textWithoutNotes(model, resources)));
        expect(lines).toEqual(
          expect.arrayContaining([
            'Mr. President, we thank the Secretary-General for his report1. See also the annex2.',
            '1,2003',
            ARABIC_PARAGRAPH,
            CHINESE_PARAGRAPH,
          ]),
        );
        // The statement's notes are footnotes, not body text.
        expect(lines.some((line) => line.startsWith('[1]'))).toBe(false);

        // The comparison can fail: a DOCX missing one paragraph of the statement does not match.
        const content = richContent();
        const [annex, ...rest] = model.attachments;
        if (!annex) throw new Error('the compilation has annexes');
        const dropped: DocumentModel = {
          ...model,
          attachments: [
            { ...annex, blocks: [{ kind: 'content', content: { ...content, blocks: content.blocks.filter((_, i) => i !== 3) } }] },
            ...rest,
          ],
        };
        expect(normalise(await extractedText(dropped, resources))).not.toEqual(normalise(textWithoutNotes(model, resources)));
      },
      CONVERSION * 3,
    );

    it(
      'runs conversions side by side (each has its own LibreOffice profile)',
      async () => {
        const docx = await renderDocx(demoLetterModel());
        const results = await Promise.all([convertDocxToPdf(docx), convertDocxToPdf(docx)]);
        expect(results.map((r) => r.ok)).toEqual([true, true]);
      },
      CONVERSION,
    );

    it(
      'answers failed, without throwing, for a damaged DOCX',
      async () => {
        // The first 200 bytes of a real DOCX: a zip LibreOffice recognises as a Word document and cannot load. LibreOffice
        // 7.4 prints "Error: source file could not be loaded", exits with 0 and writes no PDF.
        const damaged = (await renderDocx(demoLetterModel())).subarray(0, 200);
        const result = await convertDocxToPdf(damaged);
        expect(result).toMatchObject({ ok: false, reason: 'failed' });
        if (!result.ok) expect(result.detail).toMatch(/could not be loaded/);
        expect(await convertDocxToText(damaged)).toMatchObject({ ok: false, reason: 'failed' });
      },
      CONVERSION,
    );

    it(
      'converts bytes that are not a document at all as plain text, without throwing',
      async () => {
        // Not a zip: LibreOffice's type detection falls back to its plain-text import and writes a PDF of the bytes. The
        // conversion is for DOCX files this module rendered, so this only shows that odd input neither throws nor hangs.
        const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
        const result = await convertDocxToPdf(garbage, { timeoutMs: 60_000 });
        expect(result.ok).toBe(true);
        if (result.ok) expect(Buffer.from(result.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      },
      CONVERSION,
    );

    it(
      'kills the converter and everything it started when it runs out of time',
      async () => {
        const docx = await renderDocx(demoLetterModel());
        const result = await convertDocxToPdf(docx, { timeoutMs: 300 });
        expect(result).toMatchObject({ ok: false, reason: 'failed' });
        if (!result.ok) expect(result.detail).toContain('timed out after 300 ms');
        if (existsSync('/proc')) {
          // No process is left running from a conversion folder (the profile path is on soffice.bin's command line).
          const running: string[] = [];
          for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
            const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
            if (cmdline.includes('rostrum-convert-')) running.push(cmdline.replace(/\0/g, ' '));
          }
          expect(running).toEqual([]);
        }
      },
      CONVERSION,
    );

    it('leaves no work folder behind', async () => {
      const after = await leftoverWorkFolders();
      expect(after.filter((name) => !before.includes(name))).toEqual([]);
    });
  });
});
