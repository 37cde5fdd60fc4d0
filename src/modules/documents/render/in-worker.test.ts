// Rendering on a worker thread: the same bytes as the renderers give on this thread, for every format, from the stored
// model's text; a document past the memory or time limit fails with a reason that names the setting to raise, on the
// format's row, and the render job records the failure.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db.js';
import { MAP_PNG, MAP_SHA, compilationModel, richContent, richResources } from '../../../../test/fixtures/rich-content.js';
import { demoLetterModel } from '../../../../test/letter-fixture.js';
import { putBlob } from '../../../kernel/blobs/index.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { JobRunner, type JobContext, type JobDefinition } from '../../../kernel/jobs/index.js';
import { requestGeneration } from '../commands/request-generation.js';
import { findGenerationModelText, findRendition, type RenditionFormat } from '../db.js';
import { documentPictures, type DocumentModel, type RenderResources } from '../domain/document-model.js';
import type * as RenderJobsModule from '../jobs/render-jobs.js';
import { renderAkomaNtoso } from './akn/letter.js';
import { renderDocx } from './docx/letter.js';
import { renderHtmlDocument } from './html/letter.js';
import type * as InWorkerModule from './in-worker.js';
import { renderInWorker, tooLargeMessage } from './in-worker.js';
import type { RenderedFormat } from './render-format.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DIST_IN_WORKER = `${ROOT}dist/src/modules/documents/render/in-worker.js`;
const DIST_WORKER = `${ROOT}dist/src/modules/documents/render/render-worker.js`;
const DIST_RENDER_JOBS = `${ROOT}dist/src/modules/documents/jobs/render-jobs.js`;

const FORMATS: readonly RenderedFormat[] = ['docx', 'html', 'akn'];

/** The file as the renderers make it on this thread, from the model object. */
async function inThread(format: RenderedFormat, model: DocumentModel, resources: RenderResources): Promise<Uint8Array> {
  if (format === 'docx') return renderDocx(model, resources);
  return new TextEncoder().encode(format === 'html' ? renderHtmlDocument(model, resources) : renderAkomaNtoso(model, resources));
}

/** A compilation of `annexes` copies of the rich statement: some 0.7 MB of model text for 300, tens of MB to render. */
function largeCompilation(annexes: number): DocumentModel {
  const base = compilationModel();
  return {
    ...base,
    attachments: Array.from({ length: annexes }, (_, i) => ({
      kind: 'annex' as const,
      heading: `Annex ${i + 1}`,
      original: 'en' as const,
      title: [`Statement by the Permanent Representative of State ${i + 1}`],
      blocks: [{ kind: 'content' as const, content: richContent(), lang: 'en' as const, dir: 'ltr' as const }],
      attachments: [],
    })),
  };
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('renderInWorker from the TypeScript sources', () => {
  it('renders on the calling thread, from the model’s text, the same bytes as the renderers', async () => {
    const model = compilationModel();
    for (const format of FORMATS) {
      expect(hex(await renderInWorker(format, JSON.stringify(model), richResources())), format).toBe(
        hex(await inThread(format, model, richResources())),
      );
    }
  });

  it('refuses a stored model that is not JSON or not a document model, saying so', async () => {
    await expect(renderInWorker('html', '{"type":', { images: new Map() })).rejects.toThrow(/^The stored document model is not JSON/);
    await expect(
      renderInWorker('html', JSON.stringify({ ...demoLetterModel(), date: '5 May 2021' }), { images: new Map() }),
    ).rejects.toThrow(/^The stored document model is not valid: .*date/s);
  });
});

// The compiled worker, as the application runs it. The test setup builds dist/ unless TEST_NO_BUILD=1.
describe.skipIf(!existsSync(DIST_WORKER))('renderInWorker, with the compiled worker', () => {
  const load = async (): Promise<typeof InWorkerModule> => (await import(pathToFileURL(DIST_IN_WORKER).href)) as typeof InWorkerModule;
  afterAll(async () => (await load()).closeRenderWorker());

  it('renders the demo letter and a compilation with pictures byte for byte as the renderers do on this thread', async () => {
    const { renderInWorker: inWorker } = await load();
    const pictures = richResources();
    for (const [model, resources] of [
      [demoLetterModel(), { images: new Map() }],
      [compilationModel(), pictures],
    ] as const) {
      for (const format of FORMATS) {
        const bytes = await inWorker(format, JSON.stringify(model), resources, { inline: false });
        expect(hex(bytes), `${model.type} ${format}`).toBe(hex(await inThread(format, model, resources)));
      }
    }
    // The caller's pictures are copied to the worker, never taken from it.
    expect(pictures.images.get(MAP_SHA)?.bytes.length).toBe(MAP_PNG.length);
  });

  it('stops a document that needs more memory than its limit, with the reason and the setting to raise, and goes on rendering', async () => {
    const { renderInWorker: inWorker, RenderLimitError: LimitError } = await load();
    const failure = await inWorker('docx', JSON.stringify(largeCompilation(300)), richResources(), {
      inline: false,
      memoryMb: 24,
      timeoutMs: 60_000,
    }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(LimitError);
    expect(failure).toMatchObject({ limit: 'memory', message: tooLargeMessage(24) });
    expect((failure as Error).message).toMatch(/^The document is too large to render within 24 MB of memory\. .*RENDER_MEMORY_MB/);
    // The same limit is enough for a small document: the limit, not the worker, failed the large one.
    const letter = demoLetterModel();
    expect(hex(await inWorker('docx', JSON.stringify(letter), { images: new Map() }, { inline: false, memoryMb: 24 }))).toBe(
      hex(await renderDocx(letter)),
    );
  }, 60_000);

  it('stops a rendering that takes longer than its time limit, naming the setting to raise', async () => {
    const { renderInWorker: inWorker } = await load();
    const failure = await inWorker('docx', JSON.stringify(largeCompilation(50)), richResources(), { inline: false, timeoutMs: 5 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toMatchObject({ name: 'RenderLimitError', limit: 'time' });
    expect((failure as Error).message).toMatch(
      /^Rendering the document took longer than 0.005 s and was stopped\. .*RENDER_TIMEOUT_SECONDS/,
    );
  });

  it('gives the renderer’s own error as the reason when rendering fails for another cause', async () => {
    const { renderInWorker: inWorker } = await load();
    await expect(inWorker('akn', '[]', { images: new Map() }, { inline: false })).rejects.toThrow(
      /^The stored document model is not valid/,
    );
  });

  it('renders one document at a time, each answer to its own request', async () => {
    const { renderInWorker: inWorker } = await load();
    const letter = demoLetterModel();
    const compilation = compilationModel();
    const [a, b, c] = await Promise.all([
      inWorker('html', JSON.stringify(letter), { images: new Map() }, { inline: false }),
      inWorker('akn', JSON.stringify(compilation), richResources(), { inline: false }),
      inWorker('html', JSON.stringify(compilation), richResources(), { inline: false }),
    ]);
    expect(hex(a)).toBe(hex(await inThread('html', letter, { images: new Map() })));
    expect(hex(b)).toBe(hex(await inThread('akn', compilation, richResources())));
    expect(hex(c)).toBe(hex(await inThread('html', compilation, richResources())));
  });

  it('never keeps the process alive once it has answered', async () => {
    const script = `
      import { renderInWorker } from ${JSON.stringify(pathToFileURL(DIST_IN_WORKER).href)};
      const bytes = await renderInWorker('html', Buffer.from(process.argv[1], 'base64').toString('utf8'), { images: new Map() });
      console.log(new TextDecoder().decode(bytes).includes('<html') ? 'html' : 'not html');
    `;
    // A process held open by an idle worker or a timer never exits: execFile then kills it and the call fails.
    const model = Buffer.from(JSON.stringify(demoLetterModel())).toString('base64');
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, model], { timeout: 20_000 });
    expect(stdout.trim()).toBe('html');
  });
});

describe.skipIf(!existsSync(DIST_WORKER))('the render job, with the compiled worker', () => {
  const clock = fixedClock('2021-05-28T10:00:00Z');
  const silent = { info() {}, warn() {}, error() {} };
  let open: OpenDatabase;
  const ctx = (): JobContext => ({ db: open.db, clock, log: silent, attempt: 1, jobId: 1 });
  const loadJob = async (options: Parameters<typeof RenderJobsModule.renderDocumentJob>[0]) =>
    ((await import(pathToFileURL(DIST_RENDER_JOBS).href)) as typeof RenderJobsModule).renderDocumentJob(options) as JobDefinition<{
      generationId: string;
    }>;
  const request = (model: DocumentModel) =>
    open.db
      .transaction()
      .execute((trx) =>
        requestGeneration(trx, clock, { id: null, label: 'test' }, { document: 'compilation', subjectId: randomUUID(), model }),
      );
  const stored = async (generationId: string, format: RenditionFormat) => {
    const row = await findRendition(open.db, generationId, format);
    if (!row?.blob_sha256) throw new Error(`${format}: ${row?.status} ${row?.error}`);
    const blob = await open.db.selectFrom('kernel.blobs').select('content').where('sha256', '=', row.blob_sha256).executeTakeFirstOrThrow();
    return new Uint8Array(blob.content);
  };

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => putBlob(trx, clock, MAP_PNG, 'image/png'));
  });
  afterAll(async () => {
    await ((await import(pathToFileURL(DIST_IN_WORKER).href)) as typeof InWorkerModule).closeRenderWorker();
    await open?.close();
  });

  it('reads the stored model as text with the pictures it shows, and renders each format as this thread would', async () => {
    // A draft (no symbol yet), as a compilation is before it is issued.
    const model: DocumentModel = { ...compilationModel(), symbol: null };
    const { generationId } = await request(model);
    const text = await findGenerationModelText(open.db, generationId);
    expect(text?.pictures).toEqual(documentPictures(model));
    expect(JSON.parse(text!.modelJson)).toEqual(JSON.parse(JSON.stringify(model)));
    await (await loadJob({})).handler({ generationId }, ctx());
    for (const format of FORMATS) {
      expect((await findRendition(open.db, generationId, format))?.status, format).toBe('done');
      expect(hex(await stored(generationId, format)), format).toBe(hex(await inThread(format, model, richResources())));
    }
  });

  it('marks a format too large for the memory limit failed with the reason, and the runner records the job’s failure', async () => {
    await open.db.deleteFrom('kernel.jobs').execute();
    const { generationId } = await request({ ...largeCompilation(300), symbol: null });
    const runner = new JobRunner({
      db: open.db,
      clock,
      jobs: [await loadJob({ memoryMb: 24, timeoutMs: 60_000 })],
      pollMs: 10,
      log: silent,
    });
    expect(await runner.runDue()).toBe(1);
    const docx = await findRendition(open.db, generationId, 'docx');
    expect(docx).toMatchObject({ status: 'failed', error: tooLargeMessage(24), blob_sha256: null });
    expect(await findRendition(open.db, generationId, 'pdf')).toMatchObject({
      status: 'failed',
      error: 'The PDF is made from the DOCX, which could not be produced.',
    });
    const job = await open.db.selectFrom('kernel.jobs').selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    expect(job.last_error).toMatch(/could not render .*docx/);
  }, 120_000);
});
