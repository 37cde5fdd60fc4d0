// The statement journey through HTTP: upload (files checked), preview, confirm with a receipt that the public page
// verifies (pasted or as a file), a refused file that keeps everything else, a file over the limit and a session
// that ended before the form was sent (both back to the form), a replacement that starts from the current version,
// withdrawal asked first, error pages with a way forward, and the locked state after the deadline.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testSecrets } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { buildDocx, para, run } from '../../../../test/fixtures/docx-builder.js';
import { OUTSIDE_CASES } from '../../../../test/fixtures/outside-links.js';
import { formSession, multipartBody, signedInAs, type FormSession } from '../../../../test/http.js';
import { UNSENT_NOTICE } from '../../../web/forms.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { sealAuditLog } from '../../../kernel/audit-seal.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { cleanDocx } from '../../../kernel/ooxml/clean.js';
import { createDebate } from '../../meetings/index.js';
import type { Receipt } from '../db.js';
import { receiptBytes, receiptDocument } from '../domain/receipt.js';
import { closeInspectionPool } from '../../uploads/index.js';

const clock = fixedClock('2021-05-20T15:00:00Z');

/** A 60-word statement in our own words. */
const STATEMENT = buildDocx({
  body: [
    para('Statement by the Permanent Mission of Brazil'),
    para('Brazil thanks the presidency for convening this debate on the safety of the people who serve under the United Nations flag.'),
    para(
      'We support better training before deployment, reliable medical evacuation within the first hour, and the sharing of ' +
        'information between missions and host countries, so that threats are known early and answered together.',
    ),
  ].join(''),
});

/** A statement with a heading and emphasis, as the preview must show them. */
const FORMATTED = buildDocx({
  body: [
    para('Statement by the Permanent Mission of Brazil', { outlineLevel: 0 }),
    para([
      run('Brazil '),
      run('strongly', { bold: true }),
      run(' supports practical steps to protect peacekeepers: training, medical evacuation and early warning.'),
    ]),
  ].join(''),
});

/** The largest file the test app takes (UPLOAD_MAX_MB=1). */
const LIMIT = 1024 * 1024;

/** A small PDF with a header, one page and an end-of-file marker. */
const COVER_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< ' +
    '/Root 1 0 R >>\n%%EOF\n',
);

describe('the statement journey through HTTP', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let browser: FormSession;
  let account: { email: string; password: string };
  let signatoryId: string;
  const page = `/debates/${demoDebate.slug}/statement`;

  const cookieHeader = () => [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  /** The delegation's current revision, read from the database. */
  async function currentRevision() {
    return open.db
      .selectFrom('statements.submissions as s')
      .innerJoin('statements.revisions as r', 'r.id', 's.current_revision')
      .selectAll('r')
      .where('s.delegation', '=', 'BRA')
      .executeTakeFirstOrThrow();
  }

  async function upload(fields: Record<string, string>, files: Record<string, { name: string; bytes: Uint8Array }>) {
    await browser.get(page);
    return browser.postMultipart(`${page}/draft`, fields, files);
  }

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    app = await testApp(open.db, clock, { UPLOAD_MAX_MB: '1' });
    const signed = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
    browser = signed.browser;
    account = signed.account;
    await open.db
      .insertInto('identity.module_grants')
      .values({
        id: randomUUID(),
        account_id: signed.account.id,
        module: 'statements',
        granted_at: clock.now(),
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    signatoryId = randomUUID();
    await open.db
      .insertInto('delegations.signatories')
      .values({
        id: signatoryId,
        mission: 'BRA',
        name: 'Ronaldo Costa Filho',
        title: 'Permanent Representative',
        from_date: '2020-01-01',
        to_date: null,
        created_at: clock.now(),
        created_by: null,
        removed_at: null,
      })
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
    // The limit, for upload.js to refuse a larger file before sending it, with the server's own message.
    expect(res.body).toContain(`data-max-bytes="${LIMIT}"`);
    expect(res.body).toContain('is larger than 1 MB, the most this form accepts');
  });

  it('refuses a PDF as the statement, saying what it is, and keeps the cover letter and the choices', async () => {
    const res = await upload(
      { signatoryId, originalLanguage: 'en' },
      { statement: { name: 'statement.pdf', bytes: COVER_PDF }, cover: { name: 'cover.pdf', bytes: COVER_PDF } },
    );
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
      app.inject({
        method: 'POST',
        url: '/receipts/verify',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token, receipt }).toString(),
      });
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
    const { position } = await open.db
      .selectFrom('kernel.audit_log')
      .select('position')
      .where('entry_hash', '=', entry)
      .executeTakeFirstOrThrow();
    const sealed = await check(file.body);
    expect(sealed.statusCode).toBe(200);
    expect(sealed.body).toContain(
      `Its entry in the audit log (${entry}) is sealed at position ${position}, under the checkpoint of ${position} entries signed ` +
        `2021-05-20T15:00:00.000Z with key ${testSecrets.signing.keyId}`,
    );
    expect((await app.inject(`/audit/proof?entry=${entry}`)).json()).toMatchObject({ entry, position });

    // A receipt of the first version, issued before receipts named their entry, still verifies, and says nothing of the log.
    const { log: _log, ...rest } = receipt;
    const v1: Receipt = { ...rest, version: 1 };
    const old = await check(receiptDocument(v1, testSecrets.signing.sign(receiptBytes(v1))));
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain('This receipt is valid: Rostrum issued it, unchanged.');
    expect(old.body).not.toContain('Its entry in the audit log');

    // A receipt whose entry the log no longer holds, or whose checkpoint the log no longer has: both said plainly.
    const lost: Receipt = {
      ...receipt,
      log: {
        entry: 'f'.repeat(64),
        checkpoint: {
          size: 99,
          head: 'a'.repeat(64),
          sealedAt: '2021-05-20T14:00:00.000Z',
          keyId: testSecrets.signing.keyId,
          signature: 'S'.repeat(86),
        },
      },
    };
    const altered = await check(receiptDocument(lost, testSecrets.signing.sign(receiptBytes(lost))));
    expect(altered.statusCode).toBe(200);
    expect(altered.body).toContain('cannot be found: the log does not hold the entry this receipt names.');
    expect(altered.body).toContain(
      'The checkpoint of 99 entries that the receipt carries is not the one the log holds now: the log was rewritten after the ' +
        'receipt was issued.',
    );
  });

  it('answers a confirmation sent again (its answer lost) with the statement already received', async () => {
    const again = await browser.post(`${page}/confirm`);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`${page}?done=already#history`);
    expect((await browser.follow(again)).body).toContain('had already been received');
  });

  it(
    'gives the delegation its statement as the clean copy, the receipt naming the file received, and the bytes received to the ' +
      'Secretariat only',
    async () => {
      const linked = OUTSIDE_CASES[0]!.docx();
      const res = await upload(
        { signatoryId, originalLanguage: 'en' },
        { statement: { name: 'invoice\u202Excod.docx', bytes: linked }, cover: { name: 'cover\u2067.pdf', bytes: COVER_PDF } },
      );
      expect(res.statusCode).toBe(303);
      const confirmed = await browser.post(`${page}/confirm`);
      expect(confirmed.statusCode).toBe(303);
      const receipt = await browser.get(`${String(confirmed.headers.location).split('?')[0]}.json`);
      const signed = JSON.parse(receipt.body) as {
        receipt: { statement: { name: string; sha256: string }; coverLetter: { name: string } };
      };
      // The name without its direction override; the hash of the bytes received.
      expect(signed.receipt.statement).toMatchObject({
        name: 'invoicexcod.docx',
        sha256: createHash('sha256').update(linked).digest('hex'),
      });
      expect(signed.receipt.coverLetter.name).toBe('cover.pdf');

      const own = await browser.get(`/debates/${demoDebate.slug}/statements/BRA/original`);
      expect(own.statusCode).toBe(200);
      expect(Buffer.compare(own.rawPayload, cleanDocx(linked).bytes)).toBe(0);
      expect(own.rawPayload.toString('latin1')).not.toContain('fileserver');
      const revision = await open.db
        .selectFrom('statements.revisions')
        .select(['seq', 'statement_clean_sha256', 'statement_cleaned', 'cover_clean_sha256'])
        .where('receipt_reference', '=', String(confirmed.headers.location).split('/').pop()!.split('?')[0]!)
        .executeTakeFirstOrThrow();
      expect(revision.statement_clean_sha256).toBe(createHash('sha256').update(own.rawPayload).digest('hex'));
      expect(revision.statement_cleaned?.external).toEqual([
        { type: 'attachedTemplate', target: 'file://\\\\fileserver\\templates\\Letterhead.dotm' },
      ]);
      expect(revision.cover_clean_sha256).toBeNull();
      // The delegation does not reach the Secretariat's files, the clean copies or the bytes received.
      for (const path of [`files/statement`, `revisions/${revision.seq}/statement`, `revisions/${revision.seq}/statement/as-received`]) {
        expect((await browser.get(`/debates/${demoDebate.slug}/statements/BRA/${path}`)).statusCode, path).toBe(403);
      }
    },
  );

  it('starts a new version from the current one: its cover letter kept, its signatory, language and group filled in', async () => {
    const previous = await currentRevision();
    const form = await browser.get(page);
    expect(form.body).toMatch(/<option value="[^"]+" selected>Ronaldo Costa Filho/);
    expect(form.body).toContain('<option value="en" selected>');
    expect(form.body).toContain('The current version’s cover letter, <strong>cover.pdf</strong>, is kept unless you choose a new one.');

    // Only the statement changes, and the group is named this time.
    const res = await upload(
      { signatoryId, originalLanguage: 'en', onBehalfOf: 'the Group of Friends of Peacekeepers', groupMembers: 'Argentina\nChile' },
      { statement: { name: 'formatted.docx', bytes: FORMATTED } },
    );
    expect(res.statusCode).toBe(303);
    const preview = await browser.follow(res);
    expect(preview.body).toContain('<dt>Cover letter</dt><dd>cover.pdf (PDF)</dd>');
    // The statement as read from its content model: its heading and its bold word.
    expect(preview.body).toMatch(/<h3[^>]*>Statement by the Permanent Mission of Brazil<\/h3>/);
    expect(preview.body).toContain('<strong>strongly</strong>');
    expect((await browser.post(`${page}/confirm`)).statusCode).toBe(303);

    const replaced = await currentRevision();
    expect(replaced.seq).toBe(previous.seq + 1);
    expect(replaced).toMatchObject({
      cover_sha256: previous.cover_sha256,
      cover_name: 'cover.pdf',
      cover_type: 'pdf',
      signatory_id: signatoryId,
      on_behalf_of: 'the Group of Friends of Peacekeepers',
    });
    const again = await browser.get(page);
    expect(again.body).toContain('value="the Group of Friends of Peacekeepers"');
    expect(again.body).toMatch(/<textarea[^>]*name="groupMembers"[^>]*>Argentina\nChile<\/textarea>/);
  });

  it.each([
    [
      'the statement over the limit, beside a cover letter that is kept',
      'statement',
      { statement: { name: 'long statement.docx', bytes: new Uint8Array(LIMIT + 1) }, cover: { name: 'new-cover.pdf', bytes: COVER_PDF } },
    ],
    [
      'the cover letter over the limit, beside a statement that is kept',
      'cover',
      { statement: { name: 'formatted.docx', bytes: FORMATTED }, cover: { name: 'scan.pdf', bytes: new Uint8Array(LIMIT + 10) } },
    ],
  ] as const)('brings %s back to the form with the limit and the file’s name, and what was typed', async (_case, field, files) => {
    const res = await upload({ signatoryId, originalLanguage: 'fr', onBehalfOf: 'the Friends of the Charter' }, files);
    expect(res.statusCode).toBe(413);
    const name = field === 'statement' ? 'long statement.docx' : 'scan.pdf';
    expect(res.body).toContain(
      `<p class="error-message" id="${field}-error">The file “${name}” is larger than 1 MB, the most this form accepts, so it was not ` +
        `uploaded.`,
    );
    expect(res.body).toContain('value="the Friends of the Charter"');
    expect(res.body).toContain('<option value="fr" selected>');
    const other =
      field === 'statement'
        ? 'Cover letter already uploaded: <strong>new-cover.pdf</strong>'
        : 'Statement already uploaded: <strong>formatted.docx</strong>';
    expect(res.body).toContain(other);
  });

  it('brings a body declared larger than the form takes back to the form, unread, from the saved draft', async () => {
    await browser.get(page);
    const token = browser.csrfToken ?? '';
    const { payload, contentType } = multipartBody({ signatoryId }, { statement: { name: 'small.docx', bytes: STATEMENT } });
    const res = await app.inject({
      method: 'POST',
      url: `${page}/draft?_csrf=${encodeURIComponent(token)}`,
      payload,
      headers: { 'content-type': contentType, 'content-length': String(3 * LIMIT), cookie: cookieHeader() },
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(res.body).toContain('Written statement of the Permanent Mission of Brazil');
    expect(res.body).toContain('larger than this form accepts (1 MB a file at most)');
    expect(res.body).toContain('value="the Friends of the Charter"');
  });

  it('answers a form sent after the session ended with a way to sign in and return to the form, having done nothing', async () => {
    const before = await currentRevision();
    const session = browser.cookies.get('rostrum_session');
    browser.cookies.delete('rostrum_session');
    const referer = `http://localhost${page}`;
    const token = browser.csrfToken ?? '';
    const { payload, contentType } = multipartBody(
      { signatoryId, originalLanguage: 'en' },
      { statement: { name: 'late.docx', bytes: STATEMENT } },
    );
    const sent = [
      await app.inject({
        method: 'POST',
        url: `${page}/draft?_csrf=${encodeURIComponent(token)}`,
        payload,
        headers: { 'content-type': contentType, cookie: cookieHeader(), referer, host: 'localhost' },
      }),
      await app.inject({
        method: 'POST',
        url: `${page}/withdraw`,
        payload: new URLSearchParams({ _csrf: token, confirmed: 'yes' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(), referer, host: 'localhost' },
      }),
    ];
    const next = encodeURIComponent(`${page}?done=unsent`);
    for (const res of sent) {
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('<h1>Your session ended</h1>');
      expect(res.body).toContain('so nothing was submitted');
      expect(res.body).toContain(`<a href="/sign-in?next=${next}">Sign in</a>`);
    }
    expect(await currentRevision()).toEqual(before);

    const signIn = await browser.get(`/sign-in?next=${next}`);
    expect(signIn.body).toContain('Your session had ended, so the form you sent did nothing.');
    const back = await browser.signIn(account.email, account.password, { clock, next: `${page}?done=unsent` });
    expect(back.headers.location).toBe(`${page}?done=unsent`);
    expect(browser.cookies.get('rostrum_session')).not.toBe(session);
    const form = await browser.follow(back);
    expect(form.body).toContain(UNSENT_NOTICE);
    // Without scripts the server keeps what it can: the draft's choices are still there.
    expect(form.body).toContain('value="the Friends of the Charter"');
  });

  it('asks before withdrawing: a post without the confirmation withdraws nothing', async () => {
    const before = await currentRevision();
    const asked = await browser.post(`${page}/withdraw`);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<h1>Withdraw your delegation’s statement?</h1>');
    expect(asked.body).toContain('<input type="hidden" name="confirmed" value="yes">');
    expect(asked.body).toContain(`href="${page}#withdraw"`);
    expect(await currentRevision()).toEqual(before);
    const form = await browser.get(page);
    expect(form.body).toContain('data-confirm="Withdraw your delegation’s statement?"');
  });

  it('withdraws the statement with a receipt of its own', async () => {
    const res = await browser.post(`${page}/withdraw`, { confirmed: 'yes' });
    expect(res.statusCode).toBe(303);
    expect((await browser.follow(res)).body).toContain('Written statement withdrawn');
    expect((await browser.get(page)).body).toContain('was <strong>withdrawn</strong>');
  });

  it('checks a receipt chosen as the downloaded file, as well as pasted, and refuses a file larger than a receipt', async () => {
    const { receipt_reference } = await currentRevision();
    const file = await browser.get(`${page}/receipts/${receipt_reference}.json`);
    const visitor = formSession(app);
    expect((await visitor.get('/receipts/verify')).body).toContain('enctype="multipart/form-data"');
    const cases = [
      [
        { file: { name: `receipt-${receipt_reference}.json`, bytes: Buffer.from(file.body) } },
        {},
        200,
        'This receipt is valid: Rostrum issued it, unchanged.',
      ],
      [{}, { receipt: file.body }, 200, 'This receipt is valid: Rostrum issued it, unchanged.'],
      [
        { file: { name: 'changed.json', bytes: Buffer.from(file.body.replace(receipt_reference, 'R-0000-0000-0000')) } },
        {},
        400,
        'This receipt is not valid',
      ],
      [{ file: { name: 'statement.docx', bytes: STATEMENT } }, {}, 400, 'This is not a receipt'],
      [{ file: { name: 'big.json', bytes: new Uint8Array(65 * 1024) } }, {}, 413, 'This file is larger than a receipt'],
    ] as const;
    for (const [files, fields, status, message] of cases) {
      const res = await visitor.postMultipart('/receipts/verify', fields, files);
      expect(res.statusCode, message).toBe(status);
      expect(res.body).toContain(message);
    }
  });

  it.each([
    [
      'a receipt that does not exist',
      '/statement/receipts/R-0000-0000-0000',
      404,
      ['Go to your delegation’s statement page', 'Go to the debate’s page', 'Go to the home page'],
    ],
    ['a page of the debate that does not exist', '/no-such-page', 404, ['Go to the debate’s page', 'Go to the home page']],
  ] as const)('answers %s with a page that offers a way forward', async (_case, under, status, links) => {
    const res = await browser.get(`/debates/${demoDebate.slug}${under}`);
    expect(res.statusCode).toBe(status);
    const ways = /<ul class="ways-forward">([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ?? '';
    const offered = [...ways.matchAll(/<a href="[^"]*">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(offered).toEqual(links);
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
