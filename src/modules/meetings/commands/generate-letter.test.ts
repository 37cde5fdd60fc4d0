// Generating the announcement letter from a stored debate: drafts and issue under a symbol, rendering in the
// background with every format's state, byte-identical rebuilds, the PDF when a converter is (or is not) there.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import type { JobContext } from '../../../kernel/jobs/index.js';
import {
  convertPdfJob,
  documentModelSchema,
  documentText,
  findRendition,
  generationsOf,
  renderDocumentJob,
} from '../../documents/index.js';
import { findPdfConverter } from '../../documents/render/pdf.js';
import { createDebate } from './create-debate.js';
import { generateAnnouncementLetter } from './generate-letter.js';

const clock = fixedClock('2021-05-05T14:00:00Z');
const system = { id: null, label: 'test' };
const silent = { info() {}, warn() {}, error() {} };
const hasConverter = (await findPdfConverter()) !== undefined;
const GOLDEN = new URL('../../../../test/golden/announcement-letter-2021-05.txt', import.meta.url);

describe('generateAnnouncementLetter', () => {
  let open: OpenDatabase;
  let debateId: string;
  const ctx = (): JobContext => ({ db: open.db, clock, log: silent, attempt: 1, jobId: 1 });
  const generate = (issue: boolean, slug = demoDebate.slug, scheduler?: { kind: 'presidency'; state: string }) =>
    open.db.transaction().execute((trx) =>
      generateAnnouncementLetter(trx, clock, system, slug, {
        issue,
        platform: 'the Rostrum platform',
        scheduler,
        symbol: { kind: 'counter' },
      }),
    );
  const jobs = (kind: string) => open.db.selectFrom('kernel.jobs').select(['payload']).where('kind', '=', kind).execute();

  beforeAll(async () => {
    open = await testDatabase();
    debateId = (await open.db.transaction().execute((trx) => createDebate(trx, clock, system, demoDebate))).id;
  });
  afterAll(async () => open?.close());

  it('queues a draft without a symbol: four formats waiting, one render job, an audit entry', async () => {
    const { generationId, symbol } = await generate(false);
    expect(symbol).toBeNull();
    const [g] = await generationsOf(open.db, 'announcement_letter', debateId);
    expect(g?.id).toBe(generationId);
    expect(g?.renditions.map((r) => [r.format, r.status])).toEqual([
      ['html', 'queued'],
      ['docx', 'queued'],
      ['pdf', 'queued'],
      ['akn', 'queued'],
    ]);
    expect((await jobs('documents.render')).map((j) => j.payload)).toContainEqual({ generationId });
    const audit = await open.db
      .selectFrom('kernel.audit_log')
      .select(['action', 'data'])
      .where('action', '=', 'document.generation_requested')
      .execute();
    expect(audit.at(-1)?.data).toMatchObject({ document: 'announcement_letter', generationId, symbol: null });
  });

  it('stores the model of the letter as the golden text, the symbol apart', async () => {
    const { generationId } = await generate(true);
    const row = await open.db
      .selectFrom('documents.generations')
      .select(['model', 'symbol'])
      .where('id', '=', generationId)
      .executeTakeFirstOrThrow();
    expect(row.symbol).toMatch(/^S\/2021\/\d+$/);
    const text = documentText(documentModelSchema.parse(row.model)).replace(`\n${row.symbol}\n`, '\nS/2021/442\n');
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('issues the symbol once: a second issue and a later draft keep it, and the registry moved by one', async () => {
    const before = await open.db.selectFrom('documents.symbols').select('symbol').execute();
    const again = await generate(true);
    const draft = await generate(false);
    const after = await open.db.selectFrom('documents.symbols').select('symbol').execute();
    expect(after).toHaveLength(before.length);
    expect(again.symbol).toBe(before[0]?.symbol);
    expect(draft.symbol).toBe(before[0]?.symbol);
  });

  it('renders HTML, DOCX and XML in the job, stores them by hash, and queues the PDF with the DOCX', async () => {
    const { generationId } = await generate(true);
    await renderDocumentJob().handler({ generationId }, ctx());
    for (const format of ['html', 'docx', 'akn'] as const) {
      const r = await findRendition(open.db, generationId, format);
      expect(r?.status, format).toBe('done');
      expect(r?.blob_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r?.size).toBeGreaterThan(1000);
    }
    expect((await jobs('documents.convert-pdf')).map((j) => j.payload)).toContainEqual({ generationId });
  });

  it('rebuilds byte-identical DOCX, HTML and XML from the same debate', async () => {
    const a = await generate(true);
    const b = await generate(true);
    await renderDocumentJob().handler({ generationId: a.generationId }, ctx());
    await renderDocumentJob().handler({ generationId: b.generationId }, ctx());
    const models = await open.db
      .selectFrom('documents.generations')
      .select(['id', 'model_sha256'])
      .where('id', 'in', [a.generationId, b.generationId])
      .execute();
    expect(new Set(models.map((m) => m.model_sha256)).size).toBe(1);
    for (const format of ['html', 'docx', 'akn'] as const) {
      const [ra, rb] = [await findRendition(open.db, a.generationId, format), await findRendition(open.db, b.generationId, format)];
      expect(ra?.blob_sha256, format).toBe(rb?.blob_sha256);
    }
  });

  it('marks the PDF unavailable, with the reason, when no converter is installed, and keeps the other formats', async () => {
    const { generationId } = await generate(false);
    await renderDocumentJob().handler({ generationId }, ctx());
    await convertPdfJob({ soffice: '/nonexistent/soffice' }).handler({ generationId }, ctx());
    const pdf = await findRendition(open.db, generationId, 'pdf');
    expect(pdf?.status).toBe('unavailable');
    expect(pdf?.error).toMatch(/No PDF converter \(LibreOffice\) is installed/);
    expect((await findRendition(open.db, generationId, 'docx'))?.status).toBe('done');
  });

  it.skipIf(!hasConverter)(
    'converts the DOCX to PDF with LibreOffice',
    async () => {
      const { generationId } = await generate(true);
      await renderDocumentJob().handler({ generationId }, ctx());
      await convertPdfJob().handler({ generationId }, ctx());
      const pdf = await findRendition(open.db, generationId, 'pdf');
      expect(pdf?.status).toBe('done');
      const blob = await open.db
        .selectFrom('kernel.blobs')
        .select(['content', 'media_type'])
        .where('sha256', '=', pdf?.blob_sha256 ?? '')
        .executeTakeFirstOrThrow();
      expect(blob.media_type).toBe('application/pdf');
      expect(Buffer.from(blob.content).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    },
    120_000,
  );

  it('lets the presidency generate only for its own month', async () => {
    await expect(generate(false, demoDebate.slug, { kind: 'presidency', state: 'USA' })).rejects.toMatchObject({
      code: 'debate.outside_presidency',
    });
    await expect(generate(false, demoDebate.slug, { kind: 'presidency', state: 'CHN' })).resolves.toMatchObject({
      symbol: expect.any(String),
    });
  });

  it('refuses an unknown debate', async () => {
    await expect(generate(false, 'no-such-debate')).rejects.toMatchObject({ code: 'debate.not_found' });
  });
});
