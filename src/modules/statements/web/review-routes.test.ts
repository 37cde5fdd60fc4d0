// The review desk through HTTP: every eligible delegation listed with its state, a return with its reason mailed to
// the delegation and shown on its page, a decision about an outdated version refused, accepting all that wait, the
// filters and the sorting (plain links that keep each other), the files of the current version, a delegation's
// history with every version's files, a statement received by e-mail entered on a delegation's behalf (CSRF, policy,
// the delegate's checks, the receipt mailed), and after the deadline the way to a late permission.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, addAccount, auditEntries, fingerprint, mailTo, type Fixture } from '../../../../test/admin-fixtures.js';
import { testApp, testSecrets } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { paragraphsDocument, statementOfWords } from '../../../../test/fixtures/statement-files.js';
import { signedInAs, type FormSession } from '../../../../test/http.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import { cleanDocx } from '../../../kernel/ooxml/clean.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { createDebate, grantLateSubmission, loadCouncil, nonMembersOn } from '../../meetings/index.js';
import { closeInspectionPool } from '../checks/pool.js';
import { saveDraft } from '../commands/save-draft.js';
import { confirmSubmission } from '../commands/submit-statement.js';

const clock = fixedClock('2021-05-20T15:00:00Z');
const DESK = `/debates/${demoDebate.slug}/statements`;

describe('the review desk', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let officer: FormSession;
  const delegates: Record<string, Fixture> = {};

  async function submit(code: string, text: string) {
    const by = acting(delegates[code]!, { modules: ['statements'] });
    const signatory = await open.db.selectFrom('delegations.signatories').select('id').where('mission', '=', code).executeTakeFirstOrThrow();
    const file = (name: string) => ({ name, bytes: new TextEncoder().encode(`${text} ${name}`), mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', check: { outcome: 'accept' as const, size: 10, words: 42, kind: 'docx' as const, warnings: [] } });
    await open.db.transaction().execute((trx) => saveDraft(trx, clock, by, { slug: demoDebate.slug, statement: file('statement.docx'), cover: file('cover.docx'), choices: { signatoryId: signatory.id, originalLanguage: 'en' } }));
    return open.db.transaction().execute((trx) => confirmSubmission(trx, clock, by, demoDebate.slug, { signing: testSecrets.signing, publicUrl: 'https://rostrum.example' }));
  }
  const currentRevision = async (code: string) =>
    (await open.db.selectFrom('statements.submissions').select('current_revision').where('delegation', '=', code).executeTakeFirstOrThrow()).current_revision;

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    app = await testApp(open.db, clock);
    officer = (await signedInAs(app, open.db, clock, { role: 'secretariat' })).browser;
    for (const code of ['BRA', 'ARG']) {
      delegates[code] = await addAccount(open.db, clock, { role: 'delegate', mission: code, email: `delegate.${code.toLowerCase()}@example.org` });
      await open.db
        .insertInto('delegations.signatories')
        .values({ id: randomUUID(), mission: code, name: `Ambassador of ${code}`, title: 'Permanent Representative', from_date: '2020-01-01', to_date: null, created_at: clock.now(), created_by: null, removed_at: null })
        .execute();
      await submit(code, `statement of ${code}`);
    }
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
    await closeInspectionPool();
  });

  /** Posts a multipart form as a browser does, with the session's cookies and (unless told not to) its CSRF token. */
  async function postForm(browser: FormSession, path: string, fields: Record<string, string>, files: Record<string, { name: string; bytes: Uint8Array }>, o: { csrf?: boolean } = {}) {
    if (!browser.csrfToken) await browser.get(DESK);
    return browser.postMultipart(path, fields, files, { csrf: o.csrf !== false });
  }
  const rowOrder = (body: string) => [...body.matchAll(/<tr id="row-([A-Za-z0-9-]+)">/g)].map((m) => m[1]);

  it('lists every delegation that may submit, with where it stands', async () => {
    const res = await officer.get(DESK);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Received, to review (2)');
    expect(res.body).toContain(`Not submitted (${nonMembersOn(await loadCouncil(open.db), '2021-05-24').length - 2})`);
    expect(res.body).toMatch(/<tr id="row-BRA">\s*<th scope="row">Brazil<\/th>\s*<td>Received, to review/);
    // Council members that day are not among those who may submit.
    expect(res.body).not.toContain('id="row-CHN"');
  });

  it('returns a statement with its reason, mails the delegation, and shows the reason on its page', async () => {
    const empty = await officer.post(`${DESK}/BRA/review`, { revision: await currentRevision('BRA'), decision: 'returned', reason: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Say what the delegation should correct');
    const res = await officer.post(`${DESK}/BRA/review`, { revision: await currentRevision('BRA'), decision: 'returned', reason: 'The cover letter is not signed.' });
    expect(res.statusCode).toBe(303);
    const mail = (await mailTo(open.db, 'delegate.bra@example.org')).at(-1);
    expect(mail?.subject).toMatch(/^Statement returned for correction/);
    expect(mail?.text_body).toContain('The cover letter is not signed.');
    expect((await officer.get(`${DESK}?state=returned`)).body).toContain('The cover letter is not signed.');
  });

  it('refuses a decision about a version the delegation has since replaced', async () => {
    const old = await currentRevision('BRA');
    await submit('BRA', 'corrected statement of BRA');
    const res = await officer.post(`${DESK}/BRA/review`, { revision: old, decision: 'accepted' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('The delegation sent a new version meanwhile');
  });

  it('accepts every statement waiting at once', async () => {
    const res = await officer.post(`${DESK}/accept-all`);
    expect(res.statusCode).toBe(303);
    const page = await officer.get(`${DESK}?state=accepted`);
    expect(page.body).toContain('Accepted (2)');
    expect(page.body).toContain('id="row-BRA"');
    expect(page.body).toContain('id="row-ARG"');
  });

  it('serves the current version’s files, named by delegation', async () => {
    const res = await officer.get(`${DESK}/BRA/files/statement`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('corrected statement of BRA statement.docx');
    expect(res.headers['content-disposition']).toBe('attachment; filename="BRA-statement.docx"');
  });

  it('shows each statement’s signatory check, and sorts by plain links that keep the filter', async () => {
    const page = await officer.get(`${DESK}?state=accepted&sort=words`);
    expect(page.statusCode).toBe(200);
    // The filter links keep the sort, the sort links keep the filter; the current ones are not links.
    expect(page.body).toContain('<a href="?state=received&amp;sort=words">');
    expect(page.body).toContain('<a href="?sort=words">All');
    expect(page.body).toContain('<a href="?state=accepted&amp;sort=received">');
    expect(page.body).toContain('<a href="?state=accepted">delegation</a>');
    expect(page.body).toContain('<strong aria-current="true">word count, the longest first</strong>');
    expect(page.body).toContain('by word count, the longest first</caption>');
    // The stored checks named no signatory problem: an authorised signatory, listed.
    expect(page.body).toContain('Ambassador of BRA, Permanent Representative<br><span class="muted">An authorised signatory of the mission</span>');
    // An unknown sort is the default order.
    expect((await officer.get(`${DESK}?sort=nonsense`)).body).toContain('in English alphabetical order</caption>');
  });

  it('enters a statement received by e-mail on a delegation’s behalf, through the delegate’s checks, audited and mailed', async () => {
    const COL_FORM = `${DESK}/COL/on-behalf`;
    const focal = await addAccount(open.db, clock, { role: 'focal_point', mission: 'COL', email: 'focal.col@example.org' });
    expect(focal.email).toBe('focal.col@example.org');
    const form = await officer.get(COL_FORM);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Enter a statement received by e-mail: Colombia');
    // Sentences name the mission as a sentence does, never "the Colombia".
    expect(form.body).toContain('Record the statement of the Permanent Mission of Colombia to the United Nations</button>');
    expect(form.body).not.toContain('the Colombia');
    expect(form.body).toContain('allow the delegation a late submission');
    expect(form.body).toContain('enctype="multipart/form-data"');

    const statement = await statementOfWords(120);
    const cover = await paragraphsDocument(['Letter from the Permanent Mission of Colombia', 'Juan Ramón de la Fuente']);
    const fields = { signatoryId: '', signatoryName: 'Juan Ramón de la Fuente', signatoryTitle: 'Permanent Representative', originalLanguage: 'es', note: '' };
    const files = { statement: { name: 'Declaración.docx', bytes: statement }, cover: { name: 'cover.docx', bytes: cover } };

    // Without the CSRF token, and as a delegate: refused, nothing written.
    const delegate = (await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'COL' })).browser;
    await delegate.get('/');
    const before = await fingerprint(open.db);
    expect((await postForm(officer, COL_FORM, { ...fields, note: 'Received by e-mail.' }, files, { csrf: false })).statusCode).toBe(403);
    expect((await postForm(delegate, COL_FORM, { ...fields, note: 'Received by e-mail.' }, files)).statusCode).toBe(403);
    expect((await delegate.get(`${DESK}/COL/history`)).statusCode).toBe(403);
    expect(await fingerprint(open.db)).toEqual(before);

    // No note: the form comes back with the message, the checked files kept in the officer's draft.
    const missing = await postForm(officer, COL_FORM, fields, files);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Say how and when the statement reached the Secretariat');
    expect(missing.body).toContain('Statement already uploaded and checked: <strong>Declaración.docx</strong> (120 words)');
    expect(missing.body).toContain('value="Juan Ramón de la Fuente"');
    expect(await open.db.selectFrom('statements.submissions').select('id').where('delegation', '=', 'COL').execute()).toEqual([]);

    // The note given, no file sent again: recorded.
    const res = await postForm(officer, COL_FORM, { ...fields, note: 'Received by e-mail from the mission on 20 May 2021.' }, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${DESK}/COL/history?done=entered`);
    const history = await officer.follow(res);
    expect(history.body).toContain('The statement was recorded on the delegation’s behalf');
    expect(history.body).toMatch(/Entered by [^<]+ of the Secretariat on the mission’s behalf: Received by e-mail from the mission on 20 May 2021\./);
    expect(history.body).toContain('120 words');
    expect(history.body).toContain('2021-05-20 15:00:00 UTC');
    expect(history.body).toContain('Typed by the Secretariat: not on the mission’s list of authorised signatories');
    const rev = await open.db.selectFrom('statements.revisions').selectAll().where('id', '=', await currentRevision('COL')).executeTakeFirstOrThrow();
    expect(rev).toMatchObject({ via: 'secretariat', signatory_id: null, signatory_name: 'Juan Ramón de la Fuente', original_language: 'es', words: 120 });
    expect(history.body).toContain(rev.statement_sha256!);
    expect(history.body).toContain(rev.cover_sha256!);
    expect((await mailTo(open.db, 'focal.col@example.org')).at(-1)?.text_body).toContain('Entered by the Secretariat on the mission’s behalf: Received by e-mail from the mission on 20 May 2021.');
    expect((await auditEntries(open.db, 'statement.submitted_on_behalf')).at(-1)?.data).toMatchObject({ mission: 'COL', revision: 1, receivedBeforeDeadlineAt: null });

    // Its file, by version; the desk shows it entered by the Secretariat, and sorts it first by words.
    // Its file, by version, is the clean copy; the bytes received are the history page's "as received" link.
    const file = await officer.get(`${DESK}/COL/revisions/1/statement`);
    expect(file.statusCode).toBe(200);
    expect(Buffer.compare(file.rawPayload, cleanDocx(statement).bytes)).toBe(0);
    expect(Buffer.compare(file.rawPayload, Buffer.from(statement))).not.toBe(0);
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(rev.statement_clean_sha256);
    expect(file.headers['content-disposition']).toBe('attachment; filename="COL-v1-Declaraci_n.docx"');
    expect(history.body).toContain(`href="${DESK}/COL/revisions/1/statement/as-received"`);
    const received = await officer.get(`${DESK}/COL/revisions/1/statement/as-received`);
    expect(received.statusCode).toBe(200);
    expect(Buffer.compare(received.rawPayload, Buffer.from(statement))).toBe(0);
    expect(createHash('sha256').update(received.rawPayload).digest('hex')).toBe(rev.statement_sha256);
    expect(received.headers['content-disposition']).toBe('attachment; filename="COL-v1-as-received-Declaraci_n.docx"');
    // The desk's own links to the current version: the clean copies of both files; the history says what each left out.
    const deskStatement = await officer.get(`${DESK}/COL/files/statement`);
    const deskCover = await officer.get(`${DESK}/COL/files/cover`);
    expect(Buffer.compare(deskStatement.rawPayload, cleanDocx(statement).bytes)).toBe(0);
    expect(Buffer.compare(deskCover.rawPayload, cleanDocx(cover).bytes)).toBe(0);
    expect(Buffer.compare((await officer.get(`${DESK}/COL/revisions/1/cover/as-received`)).rawPayload, Buffer.from(cover))).toBe(0);
    expect(history.body).toContain('(a clean copy, without personal document properties (custom properties, dc:creator, cp:lastModifiedBy, cp:revision))');
    expect((await delegate.get(`${DESK}/COL/revisions/1/statement/as-received`)).statusCode).toBe(403);
    expect((await officer.get(`${DESK}/COL/revisions/2/statement`)).statusCode).toBe(404);
    const desk = await officer.get(`${DESK}?state=received&sort=words`);
    expect(desk.body).toContain('entered by the Secretariat');
    expect(rowOrder(desk.body)[0]).toBe('COL');
    expect(rowOrder((await officer.get(`${DESK}?sort=state`)).body).slice(0, 3)).toEqual(['COL', 'ARG', 'BRA']);

    // A State on the Council that day may not submit: there is nothing to enter for it.
    expect((await officer.get(`${DESK}/CHN/on-behalf`)).statusCode).toBe(409);
  });

  it('shows a delegation’s history: every version, who sent it, the decisions with their reasons, each version’s files', async () => {
    const res = await officer.get(`${DESK}/BRA/history`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Version 2 (current)');
    expect(res.body).toContain('Version 1');
    expect(res.body).toMatch(/Returned for correction by [^<]+ on <time[^>]*>[^<]+<\/time>; 2021-05-20 15:00:00 UTC: The cover letter is not signed\./);
    expect(res.body).toMatch(/Sent by Person \d+/);
    const first = await officer.get(`${DESK}/BRA/revisions/1/statement`);
    expect(first.body).toBe('statement of BRA statement.docx');
    expect(first.headers['content-disposition']).toBe('attachment; filename="BRA-v1-statement.docx"');
    const empty = await officer.get(`${DESK}/PER/history`);
    expect(empty.body).toContain('Nothing was received from this delegation.');
  });

  it('after the deadline, links a delegation that has not submitted to the late permissions, and shows one granted', async () => {
    const later = fixedClock('2021-05-26T14:00:00Z');
    const lateApp = await testApp(open.db, later);
    try {
      const lateOfficer = await signedInAs(lateApp, open.db, later, { role: 'secretariat' });
      await open.db.transaction().execute((trx) =>
        grantLateSubmission(trx, later, acting({ ...lateOfficer.account, name: 'Officer' }), { debate: demoDebate.slug, delegation: 'PER', until: '2021-05-27T12:00', reason: 'The mission wrote on time to the wrong address.' }, { publicUrl: 'https://rostrum.example' }),
      );
      const desk = await lateOfficer.browser.get(DESK);
      const row = (code: string) => /<tr id="row-[^"]+">[\s\S]*?<\/tr>/g.exec(desk.body.slice(desk.body.indexOf(`<tr id="row-${code}">`)))?.[0] ?? '';
      expect(row('URY')).toContain('The deadline has passed.');
      expect(row('URY')).toContain(`<a href="/debates/${demoDebate.slug}/desk#late-heading">Allow a late submission`);
      expect(row('PER')).toContain('May submit late until Thursday, 27 May 2021');
      expect(row('PER')).not.toContain('Allow a late submission');
      // A statement that arrived in time is entered with the time it was received; without it, refused beside the field.
      const fields = { signatoryId: '', signatoryName: 'A. Person', signatoryTitle: 'Minister Counsellor', originalLanguage: 'es', note: 'Received by e-mail on 24 May 2021.' };
      const files = { statement: { name: 'statement.docx', bytes: await statementOfWords(30) }, cover: { name: 'cover.docx', bytes: await paragraphsDocument(['Letter']) } };
      const lateForm = async (extra: Record<string, string>, code = 'URY') => {
        await lateOfficer.browser.get(`${DESK}/${code}/on-behalf`);
        return lateOfficer.browser.postMultipart(`${DESK}/${code}/on-behalf`, { ...fields, ...extra }, files);
      };
      const refused = await lateForm({});
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('The deadline has passed for this delegation, so nothing was recorded.');
      expect(refused.body).toContain('id="receivedBefore-error"');
      const entered = await lateForm({ receivedBefore: '2021-05-24T17:05' });
      expect(entered.statusCode).toBe(303);
      const history = await lateOfficer.browser.get(`${DESK}/URY/history`);
      expect(history.body).toContain('2021-05-24 21:05:00 UTC, before the deadline, as stated by the officer who entered it');
      // Peru's, entered now under its late permission, is late; Uruguay's, received before the deadline, is not.
      expect((await lateForm({}, 'PER')).statusCode).toBe(303);
      const lateOnly = await lateOfficer.browser.get(`${DESK}?state=late`);
      expect(rowOrder(lateOnly.body)).toEqual(['PER']);
      expect(lateOnly.body).toContain('<strong aria-current="page">Submitted late (1)</strong>');
      expect(rowOrder((await lateOfficer.browser.get(`${DESK}?state=received`)).body)).toEqual(expect.arrayContaining(['PER', 'URY']));
    } finally {
      await lateApp.close();
    }
  });
});
