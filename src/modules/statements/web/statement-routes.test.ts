// The statement journey through HTTP: upload (files checked), preview, confirm with a receipt that the public page
// verifies, a refused file that keeps everything else, replacement and withdrawal, and the locked state after the
// deadline.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testSecrets } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { buildDocx, para } from '../../../../test/fixtures/docx-builder.js';
import { OUTSIDE_CASES } from '../../../../test/fixtures/outside-links.js';
import { signedInAs, type FormSession } from '../../../../test/http.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { sealAuditLog } from '../../../kernel/audit-seal.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { cleanDocx } from '../../../kernel/ooxml/clean.js';
import { createDebate } from '../../meetings/index.js';
import type { Receipt } from '../db.js';
import { receiptBytes, receiptDocument } from '../domain/receipt.js';
import { closeInspectionPool } from '../checks/pool.js';

const clock = fixedClock('2021-05-20T15:00:00Z');

/** A 60-word statement in our own words. */
const STATEMENT = buildDocx({
  body: [
    para('Statement by the Permanent Mission of Brazil'),
    para('Brazil thanks the presidency for convening this debate on the safety of the people who serve under the United Nations flag.'),
    para('We support better training before deployment, reliable medical evacuation within the first hour, and the sharing of information between missions and host countries, so that threats are known early and answered together.'),
  ].join(''),
});

/** A small PDF with a header, one page and an end-of-file marker. */
const COVER_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

describe('the statement journey through HTTP', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let browser: FormSession;
  let account: { email: string; password: string };
  let signatoryId: string;
  const page = `/debates/${demoDebate.slug}/statement`;

  async function upload(fields: Record<string, string>, files: Record<string, { name: string; bytes: Uint8Array }>) {
    await browser.get(page);
    return browser.postMultipart(`${page}/draft`, fields, files);
  }

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    app = await testApp(open.db, clock);
    const signed = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
    browser = signed.browser;
    account = signed.account;
    await open.db
      .insertInto('identity.module_grants')
      .values({ id: randomUUID(), account_id: signed.account.id, module: 'statements', granted_at: clock.now(), granted_by: null, revoked_at: null, revoked_by: null })
      .execute();
    signatoryId = randomUUID();
    await open.db
      .insertInto('delegations.signatories')
      .values({ id: signatoryId, mission: 'BRA', name: 'Ronaldo Costa Filho', title: 'Permanent Representative', from_date: '2020-01-01', to_date: null, created_at: clock.now(), created_by: null, removed_at: null })
      .execute();
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
    await closeInspectionPool();
  });

  it('shows the deadline and the form', async () => {
    const res = await browser.get(page);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Written statement of the Permanent Mission of Brazil to the United Nations');
    expect(res.body).toContain('Your delegation may submit until');
    expect(res.body).toContain('Ronaldo Costa Filho, Permanent Representative');
  });

  it('refuses a PDF as the statement, saying what it is, and keeps the cover letter and the choices', async () => {
    const res = await upload({ signatoryId, originalLanguage: 'en' }, { statement: { name: 'statement.pdf', bytes: COVER_PDF }, cover: { name: 'cover.pdf', bytes: COVER_PDF } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/PDF/);
    expect(res.body).toContain('Cover letter already uploaded: <strong>cover.pdf</strong>');
    expect(res.body).toMatch(/<option value="[^"]+" selected>Ronaldo Costa Filho/);
  });

  it('takes the statement, shows the preview with the word count, and confirms with a receipt that verifies', async () => {
    const res = await upload({ signatoryId, originalLanguage: 'en' }, { statement: { name: 'statement.docx', bytes: STATEMENT } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${page}/preview`);
    const preview = await browser.follow(res);
    expect(preview.body).toMatch(/<strong>\d+ words<\/strong>/);
    expect(preview.body).toContain('Brazil thanks the presidency for convening this debate');

    const confirmed = await browser.post(`${page}/confirm`);
    expect(confirmed.statusCode).toBe(303);
    const location = String(confirmed.headers.location);
    expect(location).toMatch(/\/statement\/receipts\/R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\?done=received$/);
    const receiptPage = await browser.follow(confirmed);
    expect(receiptPage.body).toContain('Written statement received');

    const file = await browser.get(`${location.split('?')[0]}.json`);
    expect(file.headers['content-type']).toMatch(/^application\/json/);
    const anonymous = await app.inject('/receipts/verify');
    const token = /name="_csrf" value="([^"]+)"/.exec(anonymous.body)?.[1] ?? '';
    const cookie = anonymous.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const check = (receipt: string) =>
      app.inject({ method: 'POST', url: '/receipts/verify', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, receipt }).toString() });
    const valid = await check(file.body);
    expect(valid.statusCode).toBe(200);
    expect(valid.body).toContain('This receipt is valid: Rostrum issued it, unchanged.');
    const forged = await check(file.body.replace(/"words": \d+/, '"words": 1'));
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('This receipt is not valid');

    // The receipt names its audit log entry: the page links its proof, and the check says where the log has it.
    const { receipt } = JSON.parse(file.body) as { receipt: Receipt };
    expect(receipt.version).toBe(2);
    const entry = receipt.log?.entry ?? '';
    expect(entry).toMatch(/^[0-9a-f]{64}$/);
    expect(receiptPage.body).toContain(`href="/audit/proof?entry=${entry}"`);
    expect(valid.body).toContain(`Its entry in the audit log (${entry}) is recorded and awaits its seal`);
    await sealAuditLog(open.db, clock, testSecrets.signing);
    const { position } = await open.db.selectFrom('kernel.audit_log').select('position').where('entry_hash', '=', entry).executeTakeFirstOrThrow();
    const sealed = await check(file.body);
    expect(sealed.statusCode).toBe(200);
    expect(sealed.body).toContain(`Its entry in the audit log (${entry}) is sealed at position ${position}, under the checkpoint of ${position} entries signed 2021-05-20T15:00:00.000Z with key ${testSecrets.signing.keyId}`);
    expect((await app.inject(`/audit/proof?entry=${entry}`)).json()).toMatchObject({ entry, position });

    // A receipt of the first version, issued before receipts named their entry, still verifies, and says nothing of the log.
    const { log: _log, ...rest } = receipt;
    const v1: Receipt = { ...rest, version: 1 };
    const old = await check(receiptDocument(v1, testSecrets.signing.sign(receiptBytes(v1))));
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain('This receipt is valid: Rostrum issued it, unchanged.');
    expect(old.body).not.toContain('Its entry in the audit log');

    // A receipt whose entry the log no longer holds, or whose checkpoint the log no longer has: both said plainly.
    const lost: Receipt = { ...receipt, log: { entry: 'f'.repeat(64), checkpoint: { size: 99, head: 'a'.repeat(64), sealedAt: '2021-05-20T14:00:00.000Z', keyId: testSecrets.signing.keyId, signature: 'S'.repeat(86) } } };
    const altered = await check(receiptDocument(lost, testSecrets.signing.sign(receiptBytes(lost))));
    expect(altered.statusCode).toBe(200);
    expect(altered.body).toContain('cannot be found: the log does not hold the entry this receipt names.');
    expect(altered.body).toContain('The checkpoint of 99 entries that the receipt carries is not the one the log holds now: the log was rewritten after the receipt was issued.');
  });

  it('answers a confirmation sent again (its answer lost) with the statement already received', async () => {
    const again = await browser.post(`${page}/confirm`);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`${page}?done=already#history`);
    expect((await browser.follow(again)).body).toContain('had already been received');
  });

  it('gives the delegation its statement as the clean copy, the receipt naming the file received, and the bytes received to the Secretariat only', async () => {
    const linked = OUTSIDE_CASES[0]!.docx();
    const res = await upload({ signatoryId, originalLanguage: 'en' }, { statement: { name: 'invoice\u202Excod.docx', bytes: linked }, cover: { name: 'cover\u2067.pdf', bytes: COVER_PDF } });
    expect(res.statusCode).toBe(303);
    const confirmed = await browser.post(`${page}/confirm`);
    expect(confirmed.statusCode).toBe(303);
    const receipt = await browser.get(`${String(confirmed.headers.location).split('?')[0]}.json`);
    const signed = JSON.parse(receipt.body) as { receipt: { statement: { name: string; sha256: string }; coverLetter: { name: string } } };
    // The name without its direction override; the hash of the bytes received.
    expect(signed.receipt.statement).toMatchObject({ name: 'invoicexcod.docx', sha256: createHash('sha256').update(linked).digest('hex') });
    expect(signed.receipt.coverLetter.name).toBe('cover.pdf');

    const own = await browser.get(`/debates/${demoDebate.slug}/statements/BRA/original`);
    expect(own.statusCode).toBe(200);
    expect(Buffer.compare(own.rawPayload, cleanDocx(linked).bytes)).toBe(0);
    expect(own.rawPayload.toString('latin1')).not.toContain('fileserver');
    const revision = await open.db.selectFrom('statements.revisions').select(['seq', 'statement_clean_sha256', 'statement_cleaned', 'cover_clean_sha256']).where('receipt_reference', '=', String(confirmed.headers.location).split('/').pop()!.split('?')[0]!).executeTakeFirstOrThrow();
    expect(revision.statement_clean_sha256).toBe(createHash('sha256').update(own.rawPayload).digest('hex'));
    expect(revision.statement_cleaned?.external).toEqual([{ type: 'attachedTemplate', target: 'file://\\\\fileserver\\templates\\Letterhead.dotm' }]);
    expect(revision.cover_clean_sha256).toBeNull();
    // The delegation does not reach the Secretariat's files, the clean copies or the bytes received.
    for (const path of [`files/statement`, `revisions/${revision.seq}/statement`, `revisions/${revision.seq}/statement/as-received`]) {
      expect((await browser.get(`/debates/${demoDebate.slug}/statements/BRA/${path}`)).statusCode, path).toBe(403);
    }
  });

  it('withdraws the statement with a receipt of its own', async () => {
    const res = await browser.post(`${page}/withdraw`);
    expect(res.statusCode).toBe(303);
    expect((await browser.follow(res)).body).toContain('Written statement withdrawn');
    expect((await browser.get(page)).body).toContain('was <strong>withdrawn</strong>');
  });

  it('locks everything after the deadline and says so in New York time', async () => {
    clock.set('2021-05-25T04:00:00Z');
    // Five days on, the session has long expired: sign in again.
    await browser.signIn(account.email, account.password, { clock });
    const res = await browser.get(page);
    expect(res.body).toContain('Submissions are closed.');
    expect(res.body).toContain('Monday, 24 May 2021, 11.59 p.m. New York time (UTC−4)');
    expect(res.body).not.toContain('Upload and preview');
    const late = await browser.post(`${page}/confirm`);
    expect([400, 409]).toContain(late.statusCode);
    clock.set('2021-05-20T15:00:00Z');
  });
});
