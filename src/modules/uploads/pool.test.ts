import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocx } from '../../../test/fixtures/docx-builder.js';
import { pdfFile, richStatement, statementOfWords } from '../../../test/fixtures/statement-files.js';
import { inspectStatement } from './inspect.js';
import type * as PoolModule from './pool.js';
import { InspectionPool, closeInspectionPool, inspectInWorker } from './pool.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIST_POOL = `${ROOT}dist/src/modules/uploads/pool.js`;
const DIST_WORKER = `${ROOT}dist/src/modules/uploads/worker.js`;

/** A document of 40,000 paragraphs (about 6 MB of XML, 400,000 words): inside every cap, heavy to hold in memory. */
function heavyDocument(): Uint8Array {
  const paragraphs = Array.from(
    { length: 40_000 },
    (_, i) =>
      `<w:p><w:r><w:rPr>${i % 2 ? '<w:b/>' : ''}</w:rPr><w:t>安全理事会 ${i} 段落 ` +
      `text</w:t></w:r><w:r><w:rPr>${i % 2 ? '' : '<w:i/>'}</w:rPr><w:t>more ${i}</w:t></w:r></w:p>`,
  );
  return buildDocx({ body: paragraphs.join('') });
}

describe('inspectInWorker from the TypeScript sources', () => {
  afterAll(() => closeInspectionPool());

  it('runs the same inspection on the calling thread (no compiled worker beside the sources)', async () => {
    const bytes = await richStatement();
    expect(await inspectInWorker('statement', bytes, { wordGuidance: 10 })).toEqual(inspectStatement(bytes, { wordGuidance: 10 }));
    expect((await inspectInWorker('cover-letter', pdfFile())).outcome).toBe('accept');
  });

  it('answers an oversized or empty file without starting a worker', async () => {
    const pool = new InspectionPool({ inline: false });
    expect((await pool.run('statement', new Uint8Array(11 * 1024 * 1024))).error?.code).toBe('upload.too_large');
    expect((await pool.run('statement', new Uint8Array())).error?.code).toBe('upload.empty');
    expect(pool.workers).toBe(0);
    await pool.close();
  });

  it('refuses work once closed', async () => {
    const pool = new InspectionPool({ inline: true });
    await pool.close();
    await expect(pool.run('statement', pdfFile())).rejects.toThrow(/closed/);
  });
});

// The compiled worker, as the application runs it. The test setup builds dist/ unless TEST_NO_BUILD=1.
describe.skipIf(!existsSync(DIST_WORKER))('the worker pool, with the compiled worker', () => {
  const load = async (): Promise<typeof PoolModule> => (await import(pathToFileURL(DIST_POOL).href)) as typeof PoolModule;
  const pools: InspectionPool[] = [];
  const pool = async (options: ConstructorParameters<typeof InspectionPool>[0] = {}) => {
    const created = new (await load()).InspectionPool(options);
    pools.push(created);
    return created;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('inspects on a worker thread, with the same result as on this thread, pictures included', async () => {
    const workers = await pool();
    const bytes = await richStatement();
    const result = await workers.run('statement', bytes, { wordGuidance: 10 });
    const here = inspectStatement(bytes, { wordGuidance: 10 });
    expect(workers.workers).toBe(1);
    expect({ ...result, images: undefined, clean: undefined }).toEqual({ ...here, images: undefined, clean: undefined });
    expect(result.images?.map((i) => Buffer.from(i.bytes).toString('hex'))).toEqual(
      here.images?.map((i) => Buffer.from(i.bytes).toString('hex')),
    );
    // The clean copy comes back whole, as the same bytes this thread makes.
    expect({ ...result.clean, bytes: undefined }).toEqual({ ...here.clean, bytes: undefined });
    expect(Buffer.compare(result.clean!.bytes, here.clean!.bytes)).toBe(0);
    const copy = await workers.run('clean-copy', bytes);
    expect(Buffer.compare(copy.clean!.bytes, here.clean!.bytes)).toBe(0);
    // The caller's bytes are copied to the worker, never taken from it.
    expect(bytes.length).toBeGreaterThan(0);
  });

  it('leaves the caller’s Buffer readable: an upload is stored after it is checked', async () => {
    const workers = await pool();
    // A Buffer as an upload arrives (Buffer.concat of its chunks, its own ArrayBuffer): Buffer's slice() is a view, so
    // moving "a copy" made that way would detach the caller's upload before it is stored.
    const upload = Buffer.concat([Buffer.alloc(6000, 'a'), Buffer.from(' not a Word document')]);
    const result = await workers.run('statement', upload, {});
    expect(result.outcome).toBe('reject');
    expect(upload.byteLength).toBe(6020);
    expect(upload.subarray(6000).toString()).toBe(' not a Word document');
  });

  it('keeps at most its size in workers, and reuses them', async () => {
    const workers = await pool({ size: 2 });
    const files = await Promise.all([100, 200, 300, 400, 500].map((n) => statementOfWords(n)));
    const results = await Promise.all(files.map((f) => workers.run('statement', f)));
    expect(results.map((r) => r.words)).toEqual([100, 200, 300, 400, 500]);
    expect(workers.workers).toBe(2);
    await workers.run('statement', files[0]!);
    expect(workers.workers).toBe(2);
  });

  it('refuses a file that takes too long, stopping its worker, and carries on with the next file', async () => {
    const workers = await pool({ size: 1 });
    const slow = await workers.run('statement', heavyDocument(), {}, { timeoutMs: 20 });
    expect(slow).toMatchObject({
      outcome: 'reject',
      error: {
        code: 'upload.unsafe',
        message: expect.stringMatching(/took longer than allowed/),
        detail: 'the check took longer than 20 ms and was stopped',
      },
    });
    expect(workers.workers).toBe(0);
    expect((await workers.run('statement', await statementOfWords(30))).words).toBe(30);
    expect(workers.workers).toBe(1);
  });

  it('refuses a file that exhausts the worker’s memory, without harm to this process, and replaces the worker', async () => {
    const workers = await pool({ size: 1, resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 8 }, timeoutMs: 30_000 });
    expect((await workers.run('statement', await statementOfWords(30))).outcome).toBe('accept');
    const heavy = heavyDocument();
    const result = await workers.run('statement', heavy);
    expect(result).toMatchObject({
      outcome: 'reject',
      size: heavy.length,
      error: { code: 'upload.unsafe', detail: 'the check ran out of memory (limit 24 MB)' },
    });
    expect((await workers.run('statement', await statementOfWords(40))).words).toBe(40);
  }, 60_000);

  it('stops the work in progress when closed', async () => {
    const workers = await pool({ size: 1 });
    const pending = expect(workers.run('statement', heavyDocument())).rejects.toThrow(/closed/);
    await workers.close();
    await pending;
  });

  it('never keeps the process alive', async () => {
    const script = `
      import { inspectInWorker } from ${JSON.stringify(pathToFileURL(DIST_POOL).href)};
      const bytes = new Uint8Array(Buffer.from(${JSON.stringify(Buffer.from(await statementOfWords(12)).toString('base64'))}, 'base64'));
      const result = await inspectInWorker('statement', bytes);
      console.log(result.outcome, result.words);
    `;
    // A process held open by an idle worker or a timer never exits: execFile then kills it and the call fails.
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
    expect(stdout.trim()).toBe('accept 12');
  });
});
