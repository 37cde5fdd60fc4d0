// The server's converter: one LibreOffice kept running between conversions, replaced when it runs out of time or ends,
// ended with the converter, and a fallback to a LibreOffice for each file when it cannot be kept running.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { demoLetterModel } from '../../../../test/letter-fixture.js';
import { hasPdfinfo, pdfFacts } from '../../../../test/pdf-info.js';
import type { DocumentModel } from '../domain/document-model.js';
import { renderDocx } from './docx/letter.js';
import { instancePipePaths, pipePaths } from './office-pipes.js';
import { PdfConverter, type ConverterLog } from './office.js';
import { findPdfConverter } from './pdf.js';

const soffice = await findPdfConverter();
const CONVERSION = 90_000;

function recordingLog(): ConverterLog & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, warn: (_obj, msg) => warnings.push(msg ?? '') };
}

/** Command lines of the processes running now that mention `text` (Linux: /proc). */
async function processesWith(text: string): Promise<string[]> {
  if (!existsSync('/proc')) return [];
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(text)) found.push(cmdline.replace(/\0/g, ' '));
  }
  return found;
}

/** The folder of the LibreOffice kept running (its profile is on its command line). */
async function officeFolder(pid: number): Promise<string> {
  const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ');
  const folder = /(rostrum-office-[A-Za-z0-9]+)/.exec(cmdline)?.[1];
  if (!folder) throw new Error(`no office folder in ${cmdline}`);
  return folder;
}

describe('PdfConverter', () => {
  it('answers unavailable, starting nothing, without a converter', async () => {
    const converter = new PdfConverter({ soffice: '/nonexistent/soffice' });
    converter.prepare();
    expect(await converter.convertToPdf(new Uint8Array(10))).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(converter.officePid).toBeUndefined();
    await converter.stop();
  });

  it.skipIf(!existsSync('/bin/false'))('falls back to a program for each file when it cannot keep one running, and says why', async () => {
    const log = recordingLog();
    const converter = new PdfConverter({ soffice: '/bin/false', log });
    const result = await converter.convertToPdf(new Uint8Array(10));
    // /bin/false ends at once, so it is never kept running; the conversion then runs it for the file, and fails.
    expect(result).toMatchObject({ ok: false, reason: 'failed', detail: expect.stringContaining('exit code 1') });
    expect(log.warnings).toEqual([expect.stringContaining('could not be kept running')]);
    expect(converter.officePid).toBeUndefined();
    await converter.stop();
  });

  describe.skipIf(!soffice)('with LibreOffice', () => {
    const log = recordingLog();
    const converter = new PdfConverter({ log });
    let docx: Uint8Array;
    afterAll(async () => converter.stop());

    it(
      'converts file after file through one LibreOffice kept running, each a tagged PDF with its title and language',
      async () => {
        converter.prepare();
        await vi.waitFor(() => expect(converter.officePid).toBeTypeOf('number'), { timeout: CONVERSION, interval: 100 });
        const pid = converter.officePid;
        const english = demoLetterModel();
        const chinese: DocumentModel = { ...english, title: '2021年5月5日中国常驻联合国代表给秘书长的信', language: 'zh' };
        docx = await renderDocx(english);
        for (const [model, lang] of [
          [english, 'en-GB'],
          [chinese, 'zh-CN'],
        ] as const) {
          const result = await converter.convertToPdf(await renderDocx(model));
          if (!result.ok) throw new Error(`conversion failed: ${result.reason}: ${result.detail}`);
          expect(Buffer.from(result.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
          if (hasPdfinfo) {
            const facts = await pdfFacts(result.pdf);
            expect(facts.info.Tagged).toBe('yes');
            expect(facts.info.Title).toBe(model.title);
            expect(facts.lang).toBe(lang);
          }
        }
        expect(converter.officePid).toBe(pid);
        expect(log.warnings).toEqual([]);
        // Its pipes are where they are looked for, and removed: the one it listens on, and LibreOffice's own.
        const folder = await officeFolder(pid ?? 0);
        expect(pipePaths(folder).some((p) => existsSync(p))).toBe(true);
        expect(instancePipePaths(pathToFileURL(path.join(os.tmpdir(), folder, 'profile')).href).some((p) => existsSync(p))).toBe(true);
      },
      CONVERSION * 2,
    );

    it(
      'answers failed with LibreOffice’s reason for a damaged DOCX, and goes on with the same LibreOffice',
      async () => {
        const pid = converter.officePid;
        const result = await converter.convertToPdf(docx.subarray(0, 200));
        expect(result).toMatchObject({ ok: false, reason: 'failed', detail: expect.stringMatching(/could not be loaded/) });
        expect((await converter.convertToPdf(docx)).ok).toBe(true);
        expect(converter.officePid).toBe(pid);
      },
      CONVERSION,
    );

    it(
      'converts side by side requests one after the other',
      async () => {
        const results = await Promise.all([converter.convertToPdf(docx), converter.convertToPdf(docx), converter.convertToPdf(docx)]);
        expect(results.map((r) => r.ok)).toEqual([true, true, true]);
      },
      CONVERSION,
    );

    it(
      'kills LibreOffice, and all it started, when a conversion runs out of time; the next conversion starts another',
      async () => {
        const pid = converter.officePid;
        if (pid === undefined) throw new Error('LibreOffice is running');
        const folder = await officeFolder(pid);
        const result = await converter.convertToPdf(docx, { timeoutMs: 1 });
        expect(result).toMatchObject({ ok: false, reason: 'failed', detail: expect.stringContaining('timed out after 1 ms') });
        await vi.waitFor(async () => expect(await processesWith(folder)).toEqual([]), { timeout: 10_000, interval: 50 });
        const next = await converter.convertToPdf(docx);
        expect(next.ok).toBe(true);
        expect(converter.officePid).toBeTypeOf('number');
        expect(converter.officePid).not.toBe(pid);
      },
      CONVERSION * 2,
    );

    it(
      'starts another LibreOffice when the one kept running was ended from outside',
      async () => {
        const pid = converter.officePid;
        if (pid === undefined) throw new Error('LibreOffice is running');
        process.kill(-pid, 'SIGKILL');
        await vi.waitFor(() => expect(converter.officePid).toBeUndefined(), { timeout: 10_000, interval: 20 });
        const result = await converter.convertToPdf(docx);
        expect(result.ok).toBe(true);
        expect(converter.officePid).not.toBe(pid);
      },
      CONVERSION * 2,
    );

    it(
      'stops, leaving no process, folder or pipe behind; later conversions start LibreOffice for the file',
      async () => {
        const pid = converter.officePid;
        if (pid === undefined) throw new Error('LibreOffice is running');
        const folder = await officeFolder(pid);
        await converter.stop();
        expect(converter.officePid).toBeUndefined();
        expect(await processesWith(folder)).toEqual([]);
        expect((await readdir(os.tmpdir())).filter((name) => name.includes(folder))).toEqual([]);
        const pipes = [...pipePaths(folder), ...instancePipePaths(pathToFileURL(path.join(os.tmpdir(), folder, 'profile')).href)];
        expect(pipes.filter((p) => existsSync(p))).toEqual([]);
        const after = await converter.convertToPdf(docx);
        expect(after.ok).toBe(true);
        expect(converter.officePid).toBeUndefined();
      },
      CONVERSION,
    );
  });
});
