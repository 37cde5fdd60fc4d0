import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentedDocument, pdfFile, richStatement, statementOfWords, wordDocument } from '../../test/fixtures/statement-files.js';
import { runInspect } from './inspect.js';

let dir: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rostrum-inspect-'));
  const { Paragraph } = await import('docx');
  const write = async (name: string, bytes: Uint8Array) => {
    files[name] = path.join(dir, name);
    await writeFile(files[name], bytes);
  };
  await write('statement.docx', await richStatement());
  await write('long.docx', await statementOfWords(612));
  await write('commented.docx', await commentedDocument());
  await write('letter.pdf', pdfFile());
  await write('locked.pdf', pdfFile({ encrypted: true }));
  await write(
    'letter.docx',
    await wordDocument([new Paragraph('I have the honour to transmit the statement.'), new Paragraph('(Signed) Marie Dupont')]),
  );
  // A PDF named as a Word document: the content decides.
  await write('renamed.docx', pdfFile());
  files['huge.docx'] = path.join(dir, 'huge.docx');
  await writeFile(files['huge.docx'], '');
  await truncate(files['huge.docx'], 64 * 1024 * 1024);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runInspect(args, (s) => lines.push(s));
  return { code, lines };
}

/** Runs with --json and parses the one object printed. */
async function json(...args: string[]): Promise<{ code: number; output: unknown }> {
  const { code, lines } = await run(...args, '--json');
  expect(lines).toHaveLength(1);
  return { code, output: JSON.parse(lines[0]!) };
}

describe('rostrum inspect --json', () => {
  it('accepts a statement: exit 0, its word counts, no warnings', async () => {
    expect(await json(files['statement.docx']!)).toEqual({
      code: 0,
      output: { outcome: 'accept', words: 43, footnoteWords: 8, warnings: [] },
    });
  });

  it('accepts a long statement with a warning: exit 0', async () => {
    const { code, output } = await json(files['long.docx']!, '--guidance', '500');
    expect(code).toBe(0);
    expect(output).toEqual({
      outcome: 'warn',
      words: 612,
      footnoteWords: 0,
      warnings: [
        { code: 'words.over_guidance', message: expect.stringMatching(/^The statement has 612 words; the guidance is about 500\./) },
      ],
    });
  });

  it('warns about comments', async () => {
    const { code, output } = await json(files['commented.docx']!);
    expect(code).toBe(0);
    expect(output).toMatchObject({ outcome: 'warn', warnings: [{ code: 'docx.comments' }] });
  });

  it('refuses a PDF statement, whatever its name: exit 2, the error and no counts', async () => {
    const { code, output } = await json('--as', 'statement', files['renamed.docx']!);
    expect(code).toBe(2);
    expect(output).toEqual({
      outcome: 'reject',
      warnings: [],
      error: { code: 'upload.not_docx', message: expect.stringMatching(/This file is a PDF\./) },
    });
  });

  it('accepts a PDF cover letter and refuses an encrypted one', async () => {
    expect(await json(files['letter.pdf']!, '--as', 'cover-letter')).toEqual({ code: 0, output: { outcome: 'accept', warnings: [] } });
    expect(await json(files['locked.pdf']!, '--as', 'cover-letter')).toMatchObject({
      code: 2,
      output: { outcome: 'reject', error: { code: 'upload.unsafe' } },
    });
  });

  it('checks a Word cover letter against the signatories given', async () => {
    expect(await json(files['letter.docx']!, '--as', 'cover-letter', '--signatory', 'Marie Dupont')).toMatchObject({
      code: 0,
      output: { outcome: 'accept' },
    });
    expect(
      await json(files['letter.docx']!, '--as', 'cover-letter', '--signatory', 'Jean Martin', '--signatory', 'Ana Silva'),
    ).toMatchObject({
      code: 0,
      output: { outcome: 'warn', warnings: [{ code: 'cover.no_signatory', message: expect.stringContaining('(Jean Martin, Ana Silva)') }] },
    });
  });

  it('refuses a file over the size limit without reading it', async () => {
    const { code, output } = await json(files['huge.docx']!);
    expect(code).toBe(2);
    expect(output).toEqual({
      outcome: 'reject',
      warnings: [],
      error: { code: 'upload.too_large', message: expect.stringMatching(/This file is 64\.0 MB; the limit is 10\.0 MB\./) },
    });
  });

  it.each([
    ['a missing file', ['missing.docx'], /cannot read .*missing\.docx: there is no such file\./],
    ['a folder', ['.'], /cannot read .*rostrum-inspect-[^:]*: it is a folder, not a file\./],
    ['no file', [], /Give the file to inspect\./],
    ['two files', ['a.docx', 'b.docx'], /Give one file at a time\./],
    ['an unknown kind', ['x.docx', '--as', 'speech'], /--as takes statement or cover-letter, not "speech"\./],
    ['an unknown option', ['x.docx', '--words'], /Unknown option '--words'/],
    ['a guidance that is not a number', ['x.docx', '--guidance', 'many'], /--guidance takes a whole number/],
  ])('fails with exit 1 on %s', async (_label, args, message) => {
    const cwdArgs = args.map((a) => (a === '.' ? dir : a === 'missing.docx' ? path.join(dir, a) : a));
    const { code, output } = await json(...cwdArgs);
    expect(code).toBe(1);
    expect(output).toEqual({
      error: { code: expect.stringMatching(/^(input\.invalid|internal)$/), message: expect.stringMatching(message) },
    });
  });
});

describe('rostrum inspect', () => {
  it('prints the outcome for a person to read', async () => {
    const accepted = await run(files['statement.docx']!);
    expect(accepted).toEqual({
      code: 0,
      lines: [`${files['statement.docx']}: accepted (Word document, 43 words, and 8 words in footnotes and endnotes)`],
    });

    const warned = await run(files['long.docx']!, '--guidance', '500');
    expect(warned.code).toBe(0);
    expect(warned.lines[0]).toMatch(
      /^.*long\.docx: accepted with 1 warning \(Word document, 612 words\)\n {2}- words\.over_guidance: The statement has 612 words; /,
    );

    const refused = await run(files['letter.pdf']!);
    expect(refused.code).toBe(2);
    expect(refused.lines[0]).toMatch(
      /letter\.pdf: refused \(upload\.not_docx\)\n {2}This file is not a Word document \(\.docx\)\..*This file is a PDF\..*\n {2}Detail: detected: pdf$/s,
    );

    expect(await run(files['letter.pdf']!, '--as', 'cover-letter')).toEqual({ code: 0, lines: [`${files['letter.pdf']}: accepted (PDF)`] });
  });

  it('explains its usage on a mistake', async () => {
    const { code, lines } = await run('--as');
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/argument missing[\s\S]*Usage: rostrum inspect <file>/);
  });
});
