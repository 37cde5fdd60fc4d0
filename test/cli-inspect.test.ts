// `rostrum inspect` as an operator runs it: the compiled build, real worker threads, one JSON object, exit codes.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, STACK_LINE } from './cli-harness.js';
import { buildDocx, para } from './fixtures/docx-builder.js';

const h = new Harness();
afterEach(() => h.cleanUp());

async function file(name: string, bytes: Uint8Array | string): Promise<string> {
  const dir = await h.tempDir();
  const p = path.join(dir, name);
  await writeFile(p, bytes);
  return p;
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('rostrum inspect', () => {
  const cases: Array<[string, () => Uint8Array | string, string[], number, Record<string, unknown>]> = [
    [
      'an accepted statement',
      () => buildDocx({ body: para(words(120)) }),
      [],
      0,
      { outcome: 'accept', words: 120, footnoteWords: 0, warnings: [] },
    ],
    [
      'a statement over the guidance',
      () => buildDocx({ body: para(words(620)) }),
      ['--guidance', '500'],
      0,
      { outcome: 'warn', words: 620 },
    ],
    ['a text file named .docx', () => 'Just some text.', [], 2, { outcome: 'reject', error: { code: 'upload.not_docx' } }],
  ];
  it.each(cases)('%s', async (_name, make, extra, code, expected) => {
    const p = await file('statement.docx', make());
    const res = await h.run(['inspect', p, '--json', ...extra], await h.cleanEnv());
    expect(res.code, res.stderr).toBe(code);
    expect(res.stderr).not.toMatch(STACK_LINE);
    const out = JSON.parse(res.stdout) as Record<string, unknown>;
    expect(out).toMatchObject(expected);
    if (code === 2) expect(out.words).toBeUndefined();
  });

  it('exits 1 when the file cannot be read', async () => {
    const res = await h.run(['inspect', '/nonexistent/statement.docx', '--json'], await h.cleanEnv());
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ error: { code: expect.any(String) } });
  });
});
