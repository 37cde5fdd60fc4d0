// Compilation runs as records, against a real database: issuing locks the symbol and the inputs; a corrigendum is a
// new run against the issued original and takes its /Corr.N; a hand-corrected final is checked, kept beside the
// generated file with its history; failed formats are queued again. Every refusal leaves the records as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, auditEntries, fingerprint } from '../../../../test/admin-fixtures.js';
import {
  COMPILATION_TABLES,
  debateWithBriefersConfirmed,
  decideStatement,
  submitStatement,
} from '../../../../test/compilation-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import { buildDocx, para } from '../../../../test/fixtures/docx-builder.js';
import { paragraphsDocument } from '../../../../test/fixtures/statement-files.js';
import { letterPdf, objectStream } from '../../../../test/fixtures/pdf-files.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { cleanDocx } from '../../../kernel/ooxml/clean.js';
import type { JobContext } from '../../../kernel/jobs/index.js';
import { documentModelSchema, documentText, findRendition, renderDocumentJob } from '../../documents/index.js';
import { addEligibleEntity, createDebate } from '../../meetings/index.js';
import { currentFinal, finalsOf } from '../db.js';
import { buildCompilation, issueCompilation } from './compile.js';
import { startCorrigendum } from './corrigendum.js';
import { FINAL_MAX_BYTES, uploadFinal } from './final-upload.js';
import { retryRunRendering } from './retry-render.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-20T15:00:00Z');
const slug = demoDebate.slug;
const silent = { info() {}, warn() {}, error() {} };
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('compilation runs as records', () => {
  let open: OpenDatabase;
  let officer: TestAccount;
  let iran: string;
  let original: string;
  const by = () => acting(officer);
  const tick = () => clock.advance(60_000);
  const build = () => open.db.transaction().execute((trx) => buildCompilation(trx, clock, by(), slug));
  const issue = (seq: number) =>
    open.db.transaction().execute((trx) => issueCompilation(trx, clock, by(), slug, seq, { symbol: { kind: 'counter' } }));
  const correct = (seq: number) => open.db.transaction().execute((trx) => startCorrigendum(trx, clock, by(), slug, seq));
  const final = (seq: number, name: string, bytes: Uint8Array) => uploadFinal(open.db, clock, by(), slug, seq, { name, bytes });
  const retry = (seq: number) => open.db.transaction().execute((trx) => retryRunRendering(trx, clock, by(), slug, seq));
  const run = (seq: number) => open.db.selectFrom('compilation.runs').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  const snapshot = () => fingerprint(open.db, COMPILATION_TABLES);
  const headerSymbol = async (seq: number) => {
    const generation = await open.db
      .selectFrom('documents.generations')
      .select('model')
      .where('id', '=', (await run(seq)).generation_id)
      .executeTakeFirstOrThrow();
    return documentText(documentModelSchema.parse(generation.model)).split('\n')[2];
  };
  const lastNumber = async () =>
    (
      await open.db
        .selectFrom('documents.symbol_series')
        .select('last_number')
        .where('series', '=', 'S')
        .where('year', '=', 2021)
        .executeTakeFirst()
    )?.last_number ?? 0;

  beforeAll(async () => {
    open = await testDatabase();
    officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, debateWithBriefersConfirmed));
    await open.db
      .transaction()
      .execute((trx) => addEligibleEntity(trx, clock, { id: officer.id, label: 'officer' }, { slug, mission: 'eu' }));
    iran = await submitStatement(open.db, clock, slug, 'IRN', [
      'Statement of the Islamic Republic of Iran',
      'Iran supports the safety of peacekeepers.',
    ]);
    tick();
    await decideStatement(open.db, clock, officer, slug, 'IRN', iran, 'accepted');
    tick();
    expect((await build()).seq).toBe(1);
    expect((await build()).seq).toBe(2);
  });
  afterAll(async () => open?.close());

  it('refuses a corrigendum of a run not issued, and a hand-corrected final of one, changing nothing', async () => {
    const before = await snapshot();
    await expect(correct(1)).rejects.toMatchObject({ code: 'compilation.corrigendum_of_draft' });
    await expect(final(1, 'final.docx', await paragraphsDocument(['Corrected']))).rejects.toMatchObject({
      code: 'compilation.final_of_draft',
    });
    await expect(correct(9)).rejects.toMatchObject({ code: 'compilation.not_found' });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to issue a run whose statements are no longer accepted, or no longer all that are, changing nothing', async () => {
    tick();
    await decideStatement(open.db, clock, officer, slug, 'IRN', iran, 'returned');
    let before = await snapshot();
    await expect(issue(1)).rejects.toMatchObject({ code: 'compilation.nothing_accepted' });
    expect(await snapshot()).toEqual(before);
    tick();
    await decideStatement(open.db, clock, officer, slug, 'IRN', iran, 'accepted');
    const eu = await submitStatement(open.db, clock, slug, 'eu', ['Statement of the European Union', 'The Union supports training.']);
    tick();
    await decideStatement(open.db, clock, officer, slug, 'eu', eu, 'accepted');
    before = await snapshot();
    await expect(issue(1)).rejects.toMatchObject({ code: 'compilation.inputs_changed' });
    expect(await snapshot()).toEqual(before);
    // Back as the build froze it: Iran alone.
    tick();
    await decideStatement(open.db, clock, officer, slug, 'eu', eu, 'returned');
  });

  it('issues a run once under an S/ number; a second issue, and an issue of a build made before it, are refused and change nothing', async () => {
    tick();
    const { symbol } = await issue(1);
    expect(symbol).toMatch(/^S\/2021\/\d+$/);
    original = symbol;
    expect(await headerSymbol(1)).toBe(symbol);
    const before = await snapshot();
    await expect(issue(1)).rejects.toMatchObject({ code: 'compilation.already_issued' });
    await expect(issue(2)).rejects.toMatchObject({ code: 'compilation.superseded' });
    expect(await snapshot()).toEqual(before);
  });

  it('builds a corrigendum against the issued run and issues it as /Corr.1, the letter’s header saying so, without a new S/ number', async () => {
    const counter = await lastNumber();
    tick();
    const started = await correct(1);
    expect(started).toMatchObject({ seq: 3, corrects: original });
    expect((await run(3)).corrects).toBe((await run(1)).id);
    expect(await headerSymbol(3)).toBe('Draft');
    tick();
    expect((await issue(3)).symbol).toBe(`${original}/Corr.1`);
    expect(await headerSymbol(3)).toBe(`${original}/Corr.1`);
    expect(await lastNumber()).toBe(counter);
    const registered = await open.db
      .selectFrom('documents.symbols')
      .selectAll()
      .where('symbol', '=', `${original}/Corr.1`)
      .executeTakeFirstOrThrow();
    expect(registered).toMatchObject({ parent: original, suffix_kind: 'Corr', suffix_number: 1, purpose: 'compilation' });
    expect((await auditEntries(open.db, 'compilation.corrigendum_started')).map((e) => e.data)).toEqual([
      { debate: slug, run: 3, corrects: 1, symbol: original },
    ]);
    // The original is untouched.
    expect(await run(1)).toMatchObject({ symbol: original, corrects: null });

    const before = await snapshot();
    await expect(issue(3)).rejects.toMatchObject({ code: 'compilation.already_issued' });
    expect(await snapshot()).toEqual(before);
  });

  it('makes every later build a corrigendum of the original: Corr.2 from a plain build, Corr.3 from a corrigendum', async () => {
    tick();
    const plain = await build();
    expect((await run(plain.seq)).corrects).toBe((await run(1)).id);
    tick();
    expect((await issue(plain.seq)).symbol).toBe(`${original}/Corr.2`);
    tick();
    const again = await correct(3);
    expect(again.corrects).toBe(original);
    expect((await run(again.seq)).corrects).toBe((await run(1)).id);
    tick();
    expect((await issue(again.seq)).symbol).toBe(`${original}/Corr.3`);
  });

  describe('hand-corrected finals', () => {
    const corrupt = (bytes: Uint8Array) => {
      const copy = new Uint8Array(bytes);
      copy.fill(0x41, 200, Math.min(copy.length, 600));
      return copy;
    };
    const refusals: Array<[string, () => Promise<Uint8Array>, string]> = [
      ['a damaged Word document', async () => corrupt(await paragraphsDocument(['Corrected text'])), 'upload.damaged'],
      ['a file of another type', async () => new TextEncoder().encode('Just some text, not a document.'), 'compilation.final_not_document'],
      [
        'a Word 97–2003 document',
        async () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(600).fill(0)]),
        'compilation.final_not_document',
      ],
      [
        'a document with macros',
        async () => buildDocx({ body: para('Corrected'), extraParts: { 'word/vbaProject.bin': new Uint8Array([1, 2, 3]) } }),
        'upload.macro',
      ],
      ['a PDF cut short', async () => PDF.subarray(0, 40), 'upload.damaged'],
      [
        'an encrypted PDF',
        async () => new TextEncoder().encode('%PDF-1.7\ntrailer << /Root 1 0 R /Encrypt 5 0 R >>\n%%EOF\n'),
        'upload.unsafe',
      ],
      [
        'a file over the limit',
        async () => {
          const big = new Uint8Array(FINAL_MAX_BYTES + 1);
          big.set(PDF);
          return big;
        },
        'upload.too_large',
      ],
      ['a PDF with JavaScript', async () => letterPdf({ catalog: ' /OpenAction << /S /JavaScript /JS (x) >>' }), 'upload.active_content'],
      [
        'a PDF with an embedded file in a compressed object stream',
        async () => letterPdf({ more: [objectStream({ 6: '<< /Type /Filespec /EF << /F 7 0 R >> >>', 7: '<< /Type /EmbeddedFile >>' })] }),
        'upload.active_content',
      ],
    ];

    it.each(refusals)('refuses %s with a message, storing nothing', async (_name, make, code) => {
      const before = await snapshot();
      const outcome = await final(1, 'final.docx', await make());
      expect(outcome).toMatchObject({ ok: false, code });
      if (!outcome.ok) expect(outcome.message).toMatch(/Nothing was saved|Upload|upload/);
      expect(await snapshot()).toEqual(before);
    });

    it('says what active content it found in a corrected PDF, and what to do', async () => {
      const outcome = await final(1, 'final.pdf', letterPdf({ catalog: ' /Names << /EmbeddedFiles 5 0 R >>', more: ['<< >>'] }));
      expect(outcome).toMatchObject({ ok: false, code: 'upload.active_content' });
      if (!outcome.ok)
        expect(outcome.message).toBe(
          'The PDF contains embedded files, which could run or open something when the file is opened, so Rostrum does not publish ' +
            'it. Save the corrected document as PDF again (in Word: File › Save As, type PDF), or print it to PDF, and upload that ' +
            'copy. Nothing was saved.',
        );
    });

    it('says what a refused file of another type is, and that a final is a DOCX or a PDF', async () => {
      const outcome = await final(1, 'final.docx', new TextEncoder().encode('{\\rtf1 Corrected}'));
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.message).toContain('must be a Word document (.docx) or a PDF');
      if (!outcome.ok) expect(outcome.message).toContain('Rich Text Format');
    });

    it('keeps an accepted DOCX and PDF as the run’s finals, audited; a replacement is the next version and the previous one stays', async () => {
      const first = await paragraphsDocument(['Corrected compilation, first hand correction']);
      const second = await paragraphsDocument(['Corrected compilation, second hand correction']);
      const original1 = await run(1);
      expect(await final(1, 'C:\\Users\\officer\\corrected.docx', first)).toMatchObject({ ok: true, format: 'docx', version: 1 });
      tick();
      expect(await final(1, 'corrected-again\u202Excod.docx', second)).toMatchObject({ ok: true, format: 'docx', version: 2 });
      expect(await final(1, 'corrected.pdf', PDF)).toMatchObject({ ok: true, format: 'pdf', version: 1 });
      const finals = await finalsOf(open.db, original1.id);
      expect(finals.map((f) => [f.format, f.version, f.file_name])).toEqual([
        ['docx', 2, 'corrected-againxcod.docx'],
        ['docx', 1, 'corrected.docx'],
        ['pdf', 1, 'corrected.pdf'],
      ]);
      const current = await currentFinal(open.db, original1.id, 'docx');
      const stored = await open.db
        .selectFrom('kernel.blobs')
        .select('content')
        .where('sha256', '=', current?.blob_sha256 ?? '')
        .executeTakeFirstOrThrow();
      expect(Buffer.compare(Buffer.from(stored.content), Buffer.from(second))).toBe(0);
      // Kept as received, with its clean copy beside it (what is served), and what the copy left out.
      const clean = await open.db
        .selectFrom('kernel.blobs')
        .select('content')
        .where('sha256', '=', current?.clean_sha256 ?? '')
        .executeTakeFirstOrThrow();
      expect(Buffer.compare(Buffer.from(clean.content), cleanDocx(second).bytes)).toBe(0);
      expect(current?.cleaned).toEqual(cleanDocx(second).removed);
      expect(finals.find((f) => f.format === 'pdf')).toMatchObject({ clean_sha256: null, cleaned: null });
      // The generated rendition is untouched, and the run's record too.
      expect(await run(1)).toEqual(original1);
      const audited = (await auditEntries(open.db, 'compilation.final_uploaded')).map((e) => e.data as Record<string, unknown>);
      expect(audited.map((d) => [d.format, d.version, d.symbol])).toEqual([
        ['docx', 1, original],
        ['docx', 2, original],
        ['pdf', 1, original],
      ]);
      // Append-only: the history cannot be rewritten.
      await expect(open.db.updateTable('compilation.finals').set({ version: 9 }).execute()).rejects.toThrow();
      await expect(open.db.deleteFrom('compilation.finals').execute()).rejects.toThrow();
    });

    it('takes a final for a corrigendum as well', async () => {
      expect(await final(3, 'corr.pdf', PDF)).toMatchObject({ ok: true, format: 'pdf', version: 1 });
    });
  });

  describe('failed formats', () => {
    const ctx = (): JobContext => ({ db: open.db, clock, log: silent, attempt: 1, jobId: 1 });

    it('queues the failed formats again with their job, and refuses when nothing failed, changing nothing', async () => {
      const generationId = (await run(1)).generation_id;
      await renderDocumentJob().handler({ generationId }, ctx());
      await open.db
        .updateTable('documents.renditions')
        .set({ status: 'failed', blob_sha256: null, size: null, error: 'The renderer ran out of memory.' })
        .where('generation_id', '=', generationId)
        .where('format', '=', 'html')
        .execute();
      await open.db
        .updateTable('documents.renditions')
        .set({ status: 'failed', blob_sha256: null, size: null, error: 'The PDF conversion failed: timeout.' })
        .where('generation_id', '=', generationId)
        .where('format', '=', 'pdf')
        .execute();
      const jobs = async () =>
        (await open.db.selectFrom('kernel.jobs').select(['kind', 'payload']).orderBy('id').execute()).map((j) => j.kind);
      const jobsBefore = await jobs();
      expect(await retry(1)).toEqual({ formats: ['html', 'pdf'] });
      expect(await findRendition(open.db, generationId, 'html')).toMatchObject({ status: 'queued', error: null });
      expect(await findRendition(open.db, generationId, 'pdf')).toMatchObject({ status: 'queued', error: null });
      expect((await jobs()).slice(jobsBefore.length)).toEqual(['documents.render', 'documents.convert-pdf']);
      expect((await auditEntries(open.db, 'document.render_retried')).map((e) => e.data)).toEqual([
        { document: 'compilation', generationId, formats: ['html', 'pdf'] },
      ]);
      await renderDocumentJob().handler({ generationId }, ctx());
      expect((await findRendition(open.db, generationId, 'html'))?.status).toBe('done');

      const before = await snapshot();
      await expect(retry(1)).rejects.toMatchObject({ code: 'document.nothing_to_retry' });
      await expect(retry(99)).rejects.toMatchObject({ code: 'compilation.not_found' });
      expect(await snapshot()).toEqual(before);
    });
  });
});
