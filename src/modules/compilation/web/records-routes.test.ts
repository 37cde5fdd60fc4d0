// The compilation's records through HTTP: the Secretariat's page follows each format's progress, shows a failure's
// reason and tries it again; issuing, corrigenda and hand-corrected finals are refused with the reason on the page,
// changing nothing; the public files (each format's type and file name, "not found" before the issue, the
// hand-corrected file instead of the generated one, a corrigendum's files) and the originals ZIP.
import { createHash } from 'node:crypto';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../../test/admin-fixtures.js';
import { testApp } from '../../../../test/app.js';
import {
  COMPILATION_TABLES,
  debateWithBriefersConfirmed,
  decideStatement,
  submitStatement,
} from '../../../../test/compilation-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import { paragraphsDocument } from '../../../../test/fixtures/statement-files.js';
import { formSession, inputValue, signedInAs, type FormSession } from '../../../../test/http.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { putBlob } from '../../../kernel/blobs/index.js';
import { fixedClock } from '../../../kernel/clock.js';
import { cleanDocx } from '../../../kernel/ooxml/clean.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import type { JobContext } from '../../../kernel/jobs/index.js';
import { renderDocumentJob } from '../../documents/index.js';
import { createDebate } from '../../meetings/index.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-20T15:00:00Z');
const slug = demoDebate.slug;
const runsPage = `/debates/${slug}/compilation/runs`;
const silent = { info() {}, warn() {}, error() {} };
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('compilation records over HTTP', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let officer: TestAccount;
  let secretariat: FormSession;
  let reader: FormSession;
  let iran: string;
  let symbol = '';
  const ctx = (): JobContext => ({ db: open.db, clock, log: silent, attempt: 1, jobId: 1 });
  const snapshot = () => fingerprint(open.db, COMPILATION_TABLES);
  const run = (seq: number) => open.db.selectFrom('compilation.runs').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  const render = async (seq: number) => renderDocumentJob().handler({ generationId: (await run(seq)).generation_id }, ctx());
  const rendition = async (seq: number, format: string) =>
    open.db
      .selectFrom('documents.renditions')
      .selectAll()
      .where('generation_id', '=', (await run(seq)).generation_id)
      .where('format', '=', format as 'pdf')
      .executeTakeFirstOrThrow();

  /** Issues a build as the confirmation page does: the page's build token, the symbol typed, the box ticked. */
  async function issueConfirmed(seq: number, fields: Record<string, string> = {}) {
    const page = await secretariat.get(`${runsPage}/${seq}/issue`);
    const build = inputValue(page.body, 'build') ?? '';
    return secretariat.post(`${runsPage}/${seq}/issue`, { build, confirm: 'yes', ...fields });
  }

  async function upload(seq: number, files: Record<string, { name: string; bytes: Uint8Array }>, csrf = true) {
    await secretariat.get(runsPage);
    return secretariat.postMultipart(`${runsPage}/${seq}/final`, {}, files, { csrf });
  }

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, debateWithBriefersConfirmed));
    officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
    app = await testApp(open.db, clock);
    secretariat = (await signedInAs(app, open.db, clock, { role: 'secretariat' })).browser;
    reader = formSession(app);
    iran = await submitStatement(open.db, clock, slug, 'IRN', [
      'Statement of the Islamic Republic of Iran',
      'Iran supports the safety of peacekeepers.',
    ]);
    clock.advance(60_000);
    await decideStatement(open.db, clock, officer, slug, 'IRN', iran, 'accepted');
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it('serves no compilation file to the public before the issue', async () => {
    expect((await secretariat.post(runsPage)).statusCode).toBe(303);
    for (const path of ['', '.html', '.docx', '.pdf', '.xml', '/corrigenda/1.pdf']) {
      expect((await reader.get(`/debates/${slug}/compilation${path}`)).statusCode, path).toBe(404);
    }
  });

  it('shows each format’s progress, a failure with its reason, and a retry that queues it again', async () => {
    let page = await secretariat.get(runsPage);
    expect(page.body).toContain('0 of 4 formats made; the others are being made.');
    expect(page.body).toContain('PDF: queued');
    expect(page.body).toContain(`data-refresh="${runsPage}"`);
    // Without scripts, the page reloads itself every 2 s while a format is pending.
    expect(page.headers.refresh).toBe('2');
    expect(page.body).not.toContain(`${runsPage}/1/retry`);
    await render(1);
    await open.db
      .updateTable('documents.renditions')
      .set({ status: 'failed', error: 'The PDF conversion failed: LibreOffice stopped after 60 s.' })
      .where('generation_id', '=', (await run(1)).generation_id)
      .where('format', '=', 'pdf')
      .execute();
    page = await secretariat.get(runsPage);
    expect(page.body).toContain('3 of 4 formats made.');
    expect(page.body).toMatch(/>Word \(DOCX\)<\/a>: ready</);
    expect(page.body).toContain('The PDF conversion failed: LibreOffice stopped after 60 s.');
    // Every format ready or failed: nothing reloads the page any more.
    expect(page.headers.refresh).toBeUndefined();
    expect(page.body).not.toContain('data-refresh=');
    expect(page.body).toContain(`action="${runsPage}/1/retry"`);

    const before = await snapshot();
    expect((await secretariat.post(`${runsPage}/1/retry`, {}, { csrf: false })).statusCode).toBe(403);
    expect((await reader.post(`${runsPage}/1/retry`)).statusCode).not.toBe(303);
    expect(await snapshot()).toEqual(before);

    const res = await secretariat.post(`${runsPage}/1/retry`);
    expect(res.statusCode).toBe(303);
    expect(await rendition(1, 'pdf')).toMatchObject({ status: 'queued', error: null });
    expect((await secretariat.follow(res)).body).toContain('The failed formats are being made again');
    // Nothing failed any more: refused on the page, nothing changed.
    const after = await snapshot();
    const again = await secretariat.post(`${runsPage}/1/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('No format of this document has failed');
    // A page answering a refusal is not reloaded (that would drop its message), though the PDF is queued again.
    expect(again.headers.refresh).toBeUndefined();
    expect((await secretariat.get(runsPage)).headers.refresh).toBe('2');
    expect(await snapshot()).toEqual(after);
  });

  it('refuses a corrigendum, a final and an issue that cannot be, with the reason on the page, changing nothing', async () => {
    const before = await snapshot();
    const corrigendum = await secretariat.post(`${runsPage}/1/corrigendum`);
    expect(corrigendum.statusCode).toBe(409);
    expect(corrigendum.body).toContain('Only an issued compilation can be corrected');
    const final = await upload(1, { file: { name: 'final.docx', bytes: await paragraphsDocument(['Corrected']) } });
    expect(final.statusCode).toBe(409);
    expect(final.body).toContain('this build is a draft');
    expect(await snapshot()).toEqual(before);

    clock.advance(60_000);
    await decideStatement(open.db, clock, officer, slug, 'IRN', iran, 'returned');
    const returned = await snapshot();
    const nothing = await issueConfirmed(1, { symbol: 'S/2021/419' });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('No statement has been accepted yet');
    expect(await snapshot()).toEqual(returned);
    clock.advance(60_000);
    await decideStatement(open.db, clock, officer, slug, 'IRN', iran, 'accepted');
  });

  it('shows what issuing publishes before anything is issued: the document, its date and signatory, its annexes, the public pages', async () => {
    const before = await snapshot();
    const page = await secretariat.get(`${runsPage}/1/issue`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Issue build 1 of the compilation</h1>');
    expect(page.body).toContain('Letter dated 24 May 2021 from the President of the Security Council');
    expect(page.body).toMatch(/<dt>Signed by<\/dt><dd>[^<]+, President of the Security Council \(China presides in May 2021\)<\/dd>/);
    expect(page.body).toContain('Statement by the Permanent Representative of Iran (Islamic Republic of) to the United Nations');
    expect(page.body).toContain(`href="/debates/${slug}/compilation/statements"`);
    expect(page.body).toContain('Symbol assigned by the documents service');
    expect(await snapshot()).toEqual(before);
    // The build page offers the confirmation page, not a button that issues.
    const runs = await secretariat.get(runsPage);
    expect(runs.body).toContain(`href="${runsPage}/1/issue"`);
    expect(runs.body).not.toContain(`action="${runsPage}/1/issue"`);
  });

  it.each([
    ['no symbol', { symbol: '' }, 400, 'Enter the symbol the documents service assigned'],
    ['no confirmation', { symbol: 'S/2021/419', confirm: '' }, 400, 'it needs your confirmation'],
    ['a malformed symbol', { symbol: 's/2021/419' }, 400, 'not a document symbol as the UN writes it'],
    ['another series', { symbol: 'S/PRST/2021/4' }, 400, 'of another series than the document'],
    ['a corrigendum’s symbol', { symbol: 'S/2021/419/Corr.1' }, 400, 'the document is an original'],
    ['another year than the letter’s', { symbol: 'S/2020/419' }, 400, 'is not the year of the document’s date'],
    ['another build’s token', { symbol: 'S/2021/419', build: 'f'.repeat(64) }, 409, 'no longer the one you checked'],
  ])('refuses to issue with %s, on the confirmation page, changing nothing', async (_case, fields, status, message) => {
    const before = await snapshot();
    const res = await issueConfirmed(1, fields);
    expect(res.statusCode).toBe(status);
    expect(res.body).toContain(message);
    expect(res.body).toContain('<h1>Issue build 1 of the compilation</h1>');
    expect(await snapshot()).toEqual(before);
  });

  it('issues a run once under the symbol entered; a second issue is refused on the page and leaves the issued record untouched', async () => {
    clock.advance(60_000);
    // A bare POST, as from an old page or another site's form, issues nothing.
    const bare = await secretariat.post(`${runsPage}/1/issue`);
    expect(bare.statusCode).toBe(400);
    expect((await run(1)).symbol).toBeNull();
    expect((await issueConfirmed(1, { symbol: ' S/2021/419 ' })).statusCode).toBe(303);
    symbol = (await run(1)).symbol ?? '';
    expect(symbol).toBe('S/2021/419');
    expect(
      (await open.db.selectFrom('documents.symbols').select('numbered_by').where('symbol', '=', symbol).executeTakeFirstOrThrow())
        .numbered_by,
    ).toBe('documents_service');
    const frozen = await open.db
      .selectFrom('statements.submissions')
      .select(['issued_in', 'issued_annex'])
      .where('delegation', '=', 'IRN')
      .executeTakeFirstOrThrow();
    expect(frozen).toEqual({ issued_in: 'S/2021/419', issued_annex: 1 });
    const before = await snapshot();
    const again = await secretariat.post(`${runsPage}/1/issue`, { build: 'x', confirm: 'yes', symbol: 'S/2021/420' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already been issued');
    expect(await snapshot()).toEqual(before);
    const page = await secretariat.get(runsPage);
    expect(page.body).toContain(`issued as <strong>${symbol}</strong>`);
    expect(page.body).toContain(`Start a corrigendum of ${symbol}`);
  });

  it('tells the delegation its statement is an annex of the issued document, offers no replacement, and lets the Secretariat reopen it', async () => {
    const iranDelegate = (await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'IRN', modules: ['statements'] })).browser;
    const own = await iranDelegate.get(`/debates/${slug}/statement`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(`Your statement is Annex I of <a href="/debates/${slug}/compilation">${symbol}</a>.`);
    expect(own.body).not.toContain('Replace the statement');
    expect(own.body).not.toContain('Withdraw the statement');
    const runs = await secretariat.get(runsPage);
    expect(runs.body).toContain(`Annex I of ${symbol}: Iran (Islamic Republic of)`);
    // A new acceptance since the issue is named on the compilation page, with what to do.
    const brazil = await submitStatement(open.db, clock, slug, 'BRA', ['Statement of Brazil']);
    clock.advance(60_000);
    await decideStatement(open.db, clock, officer, slug, 'BRA', brazil, 'accepted');
    const changed = await secretariat.get(runsPage);
    expect(changed.body).toContain(`<h2>Changed since ${symbol} was issued</h2>`);
    expect(changed.body).toContain('<li>Brazil has a statement accepted since.</li>');
    clock.advance(60_000);
    await decideStatement(open.db, clock, officer, slug, 'BRA', brazil, 'returned');
    expect((await secretariat.get(runsPage)).body).not.toContain('was issued</h2>');

    const before = await snapshot();
    expect((await iranDelegate.post(`/debates/${slug}/compilation/reopen`, { delegation: 'IRN' })).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect((await secretariat.post(`/debates/${slug}/compilation/reopen`, { delegation: 'IRN' })).headers.location).toBe(
      `${runsPage}?done=reopened`,
    );
    expect((await iranDelegate.get(`/debates/${slug}/statement`)).body).not.toContain('Your statement is Annex I');
    // Frozen again, as issued, for the tests that follow (a corrigendum encloses it anew).
    await open.db
      .updateTable('statements.submissions')
      .set({ issued_in: symbol, issued_annex: 1 })
      .where('delegation', '=', 'IRN')
      .execute();
  });

  it('serves each public format with its type and file name', async () => {
    await render(1);
    const name = symbol.replace(/\//g, '-');
    const expected: Array<[string, string, string]> = [
      ['html', 'text/html; charset=utf-8', `inline; filename="${name}.html"`],
      ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', `attachment; filename="${name}.docx"`],
      ['xml', 'application/akn+xml', `attachment; filename="${name}.xml"`],
    ];
    for (const [ext, type, disposition] of expected) {
      const res = await reader.get(`/debates/${slug}/compilation.${ext}`);
      expect(res.statusCode, ext).toBe(200);
      expect(res.headers['content-type'], ext).toBe(type);
      expect(res.headers['content-disposition'], ext).toBe(disposition);
    }
    // The PDF is not converted yet; an unknown extension is not a format.
    expect((await reader.get(`/debates/${slug}/compilation.pdf`)).statusCode).toBe(404);
    expect((await reader.get(`/debates/${slug}/compilation.exe`)).statusCode).toBe(404);
    const page = await reader.get(`/debates/${slug}/compilation`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Compilation of the debate (${symbol})`);
    expect(page.body).toContain(`href="/debates/${slug}/compilation.docx"`);
    expect(page.body).not.toContain('corrected by the Secretariat');
  });

  it('refuses a corrupt hand-corrected file with its reason, and serves an accepted one instead of the generated file', async () => {
    const good = await paragraphsDocument(['The compilation, corrected by hand.']);
    const corrupt = new Uint8Array(good);
    corrupt.fill(0x41, 200, 600);
    const before = await snapshot();
    const refused = await upload(1, { file: { name: 'final.docx', bytes: corrupt } });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('could not be read');
    const wrongType = await upload(1, { file: { name: 'final.docx', bytes: new TextEncoder().encode('plain text') } });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.body).toContain('must be a Word document (.docx) or a PDF');
    const empty = await upload(1, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choose the corrected file');
    expect((await upload(1, { file: { name: 'final.docx', bytes: good } }, false)).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);

    const generated = await reader.get(`/debates/${slug}/compilation.docx`);
    const accepted = await upload(1, { file: { name: 'final.docx', bytes: good } });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`${runsPage}?done=final`);
    const served = await reader.get(`/debates/${slug}/compilation.docx`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-disposition']).toBe(`attachment; filename="${symbol.replace(/\//g, '-')}.docx"`);
    // A corrected DOCX is served as its clean copy, as every Word file Rostrum hands out; the upload is kept as received.
    expect(Buffer.compare(served.rawPayload, cleanDocx(good).bytes)).toBe(0);
    expect(Buffer.compare(served.rawPayload, Buffer.from(good))).not.toBe(0);
    expect(Buffer.compare(served.rawPayload, generated.rawPayload)).not.toBe(0);
    const row = await open.db
      .selectFrom('compilation.finals')
      .select(['blob_sha256', 'clean_sha256', 'cleaned'])
      .where('format', '=', 'docx')
      .executeTakeFirstOrThrow();
    expect(row.blob_sha256).toBe(createHash('sha256').update(good).digest('hex'));
    expect(row.clean_sha256).toBe(createHash('sha256').update(served.rawPayload).digest('hex'));
    expect(served.headers.etag).toBe(`"${row.clean_sha256}"`);
    expect(row.cleaned?.properties).toContain('dc:creator');

    expect((await upload(1, { file: { name: 'final.pdf', bytes: PDF } })).statusCode).toBe(303);
    const pdf = await reader.get(`/debates/${slug}/compilation.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${symbol.replace(/\//g, '-')}.pdf"`);
    expect(pdf.rawPayload.toString('latin1')).toBe(Buffer.from(PDF).toString('latin1'));
    expect((await reader.get(`/debates/${slug}/compilation`)).body).toContain('corrected by the Secretariat');

    // The generated file stays with the Secretariat, and each uploaded version too.
    const own = await secretariat.get(`/debates/${slug}/documents/${(await run(1)).generation_id}/docx`);
    expect(Buffer.compare(own.rawPayload, generated.rawPayload)).toBe(0);
    const history = await open.db
      .selectFrom('compilation.finals')
      .select(['id', 'format'])
      .where('format', '=', 'docx')
      .executeTakeFirstOrThrow();
    const kept = await secretariat.get(`${runsPage}/1/finals/${history.id}`);
    expect(kept.statusCode).toBe(200);
    expect(Buffer.compare(kept.rawPayload, cleanDocx(good).bytes)).toBe(0);
    expect((await reader.get(`${runsPage}/1/finals/${history.id}`)).statusCode).not.toBe(200);
    expect((await secretariat.get(runsPage)).body).toContain('(published)');
  });

  it('starts a corrigendum of the issued run, issues it as /Corr.1 and lists it beside the original', async () => {
    clock.advance(60_000);
    expect((await secretariat.post(`${runsPage}/1/corrigendum`)).statusCode).toBe(303);
    expect((await run(2)).corrects).toBe((await run(1)).id);
    expect((await secretariat.get(runsPage)).body).toContain(`Draft corrigendum of ${symbol}`);
    clock.advance(60_000);
    expect((await secretariat.get(`${runsPage}/2/issue`)).body).toContain(`as a corrigendum of ${symbol}`);
    expect((await issueConfirmed(2)).statusCode).toBe(303);
    expect((await run(2)).symbol).toBe(`${symbol}/Corr.1`);
    const before = await snapshot();
    expect((await secretariat.post(`${runsPage}/2/issue`, { confirm: 'yes' })).statusCode).toBe(409);
    expect(await snapshot()).toEqual(before);

    await render(2);
    const page = await reader.get(`/debates/${slug}/compilation`);
    expect(page.body).toContain(`Compilation of the debate (${symbol})`);
    expect(page.body).toContain(`<strong>${symbol}/Corr.1</strong>`);
    expect(page.body).toContain(`href="/debates/${slug}/compilation/corrigenda/1.docx"`);
    const docx = await reader.get(`/debates/${slug}/compilation/corrigenda/1.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toBe(`attachment; filename="${symbol.replace(/\//g, '-')}-Corr.1.docx"`);
    const html = await reader.get(`/debates/${slug}/compilation/corrigenda/1.html`);
    expect(html.body).toContain(`${symbol}/Corr.1`);
    expect((await reader.get(`/debates/${slug}/compilation/corrigenda/2.docx`)).statusCode).toBe(404);
    // The original's own files are still the original's.
    expect((await reader.get(`/debates/${slug}/compilation.html`)).body).not.toContain('Corr.1');
  });

  it('serves a run’s originals ZIP to the Secretariat only', async () => {
    const res = await secretariat.get(`${runsPage}/1/originals.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${slug}-compilation-1-originals.zip"`);
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await secretariat.get(`${runsPage}/99/originals.zip`)).statusCode).toBe(404);
    expect((await reader.get(`${runsPage}/1/originals.zip`)).statusCode).not.toBe(200);
  });

  it('holds the files’ clean copies in the originals ZIP, and makes again the ZIP of a run built before clean copies were made', async () => {
    const res = await secretariat.get(`${runsPage}/1/originals.zip`);
    const entries = unzipSync(res.rawPayload);
    expect(Object.keys(entries).length).toBeGreaterThan(0);
    for (const [name, bytes] of Object.entries(entries)) {
      expect(strFromU8(unzipSync(bytes)['docProps/core.xml']!), name).not.toContain('creator');
    }
    // A run built before kept the files as received in its ZIP: it is served made again, with the clean copies.
    const first = await run(1);
    const received = zipSync({ '01-Brazil-statement.docx': await paragraphsDocument(['As received.']) });
    const legacy = await open.db.transaction().execute((trx) => putBlob(trx, clock, received, 'application/zip'));
    await open.db
      .updateTable('compilation.runs')
      .set({ originals_clean: false, originals_sha256: legacy.sha256 })
      .where('id', '=', first.id)
      .execute();
    try {
      const again = await secretariat.get(`${runsPage}/1/originals.zip`);
      expect(again.statusCode).toBe(200);
      expect(Buffer.compare(again.rawPayload, res.rawPayload)).toBe(0);
    } finally {
      await open.db
        .updateTable('compilation.runs')
        .set({ originals_clean: true, originals_sha256: first.originals_sha256 })
        .where('id', '=', first.id)
        .execute();
    }
  });
});
