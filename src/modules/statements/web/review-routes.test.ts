// The review desk through HTTP: it opens on the statements to review, searches by delegation, and keeps its view
// (filter, sort, search) and place through every decision; a statement read on its own page, rendered from its
// content model with what the checks found; a return with its reason mailed to the delegation, a refusal shown beside
// its row; a decision about an outdated version refused; accepting all that wait only once confirmed; the filters and
// the sorting (plain links that keep each other), the files of the current version, a delegation's history with every
// version's files, a statement received by e-mail entered on a delegation's behalf (CSRF, policy, the delegate's
// checks, the receipt mailed), and after the deadline the way to a late permission.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, auditEntries, fingerprint, mailTo } from '../../../../test/admin-fixtures.js';
import { testApp, testSecrets } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { paragraphsDocument, statementOfWords } from '../../../../test/fixtures/statement-files.js';
import { MAP_PNG, richContent } from '../../../../test/fixtures/rich-content.js';
import { signedInAs, type FormSession } from '../../../../test/http.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import { cleanDocx } from '../../../kernel/ooxml/clean.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { createDebate, grantLateSubmission, loadCouncil, nonMembersOn } from '../../meetings/index.js';
import { closeInspectionPool } from '../../uploads/index.js';
import { saveDraft } from '../commands/save-draft.js';
import { confirmSubmission } from '../commands/submit-statement.js';
import type { Warning } from '../db.js';
import { acceptAllLabel } from './review-desk.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-20T15:00:00Z');
const DESK = `/debates/${demoDebate.slug}/statements`;
/** The checks' warnings on Brazil's statement, worded for the delegation as the checks word them. */
const BRAZIL_WARNINGS: Warning[] = [
  {
    code: 'words.over_guidance',
    message:
      'The statement has 1,042 words; the guidance is about 500. You may submit it as it is, or shorten it and upload the shorter version.',
  },
  { code: 'docx.tracked_changes', message: 'The document still contains tracked changes. Rostrum reads it with every change accepted.' },
];

describe('the review desk', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let officer: FormSession;
  const delegates: Record<string, TestAccount> = {};

  /** A delegation's statement, as its delegate submits it: the content model of a rich statement, with the checks' warnings given. */
  async function submit(code: string, text: string, warnings: Warning[] = []) {
    const by = acting(delegates[code]!, { modules: ['statements'] });
    const signatory = await open.db
      .selectFrom('delegations.signatories')
      .select('id')
      .where('mission', '=', code)
      .executeTakeFirstOrThrow();
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    const file = (name: string, content?: unknown) => ({
      name,
      bytes: new TextEncoder().encode(`${text} ${name}`),
      mediaType: docx,
      check: {
        outcome: content && warnings.length > 0 ? ('warn' as const) : ('accept' as const),
        size: 10,
        words: 42,
        kind: 'docx' as const,
        warnings: content ? warnings : [],
        ...(content ? { content } : {}),
      },
      ...(content ? { images: [{ mediaType: 'image/png', bytes: MAP_PNG }] } : {}),
    });
    await open.db.transaction().execute((trx) =>
      saveDraft(trx, clock, by, {
        slug: demoDebate.slug,
        statement: file('statement.docx', richContent()),
        cover: file('cover.docx'),
        choices: { signatoryId: signatory.id, originalLanguage: 'en' },
      }),
    );
    return open.db
      .transaction()
      .execute((trx) =>
        confirmSubmission(trx, clock, by, demoDebate.slug, { signing: testSecrets.signing, publicUrl: 'https://rostrum.example' }),
      );
  }
  const currentRevision = async (code: string) =>
    (await open.db.selectFrom('statements.submissions').select('current_revision').where('delegation', '=', code).executeTakeFirstOrThrow())
      .current_revision;

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    app = await testApp(open.db, clock);
    officer = (await signedInAs(app, open.db, clock, { role: 'secretariat' })).browser;
    for (const code of ['BRA', 'ARG']) {
      delegates[code] = await addAccount(open.db, clock, {
        hashed: false,
        role: 'delegate',
        mission: code,
        email: `delegate.${code.toLowerCase()}@example.org`,
      });
      await open.db
        .insertInto('delegations.signatories')
        .values({
          id: randomUUID(),
          mission: code,
          name: `Ambassador of ${code}`,
          title: 'Permanent Representative',
          from_date: '2020-01-01',
          to_date: null,
          created_at: clock.now(),
          created_by: null,
          removed_at: null,
        })
        .execute();
      await submit(code, `statement of ${code}`, code === 'BRA' ? BRAZIL_WARNINGS : []);
    }
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
    await closeInspectionPool();
  });

  /** Posts a multipart form as a browser does, with the session's cookies and (unless told not to) its CSRF token. */
  async function postForm(
    browser: FormSession,
    path: string,
    fields: Record<string, string>,
    files: Record<string, { name: string; bytes: Uint8Array }>,
    o: { csrf?: boolean } = {},
  ) {
    if (!browser.csrfToken) await browser.get(DESK);
    return browser.postMultipart(path, fields, files, { csrf: o.csrf !== false });
  }
  const rowOrder = (body: string) => [...body.matchAll(/<tr role="row" id="row-([A-Za-z0-9-]+)">/g)].map((m) => m[1]);
  /** One row of a desk page, from its opening tag to its end. */
  const rowOf = (body: string, code: string) =>
    /<tr role="row" id="row-[^"]+">[\s\S]*?<\/tr>/.exec(body.slice(body.indexOf(`<tr role="row" id="row-${code}">`)))?.[0] ?? '';

  it('lists every delegation that may submit, with where it stands', async () => {
    const res = await officer.get(`${DESK}?state=all`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Received, to review (2)');
    expect(res.body).toContain(`Not submitted (${nonMembersOn(await loadCouncil(open.db), '2021-05-24').length - 2})`);
    expect(res.body).toContain(
      '<tr role="row" id="row-BRA"><th scope="row" role="rowheader" data-label="Delegation">Brazil</th><td role="cell" ' +
        'data-label="State">Received, to review',
    );
    // Council members that day are not among those who may submit.
    expect(res.body).not.toContain('id="row-CHN"');
    // A table that reflows on a narrow screen, with no scrolling wrapper.
    expect(res.body).toContain('<table class="data-table" role="table">');
    expect(res.body).not.toContain('table-wrap');
  });

  it.each<[string, string, string[] | 'many']>([
    ['', 'Received, to review (2)', ['ARG', 'BRA']],
    ['?state=received', 'Received, to review (2)', ['ARG', 'BRA']],
    ['?state=nonsense', 'Received, to review (2)', ['ARG', 'BRA']],
    ['?state=all', 'All (', 'many'],
    ['?state=accepted', 'Accepted (0)', []],
  ])('opens on the statements to review: %j shows %s', async (query, current, rows) => {
    const res = await officer.get(`${DESK}${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<strong aria-current="page">${current}`);
    if (rows === 'many') expect(rowOrder(res.body).length).toBeGreaterThan(100);
    else expect(rowOrder(res.body)).toEqual(rows);
    if (rows !== 'many' && rows.length === 0) expect(res.body).toContain('No delegation is in this list.');
    // "All" is a link of its own, stated in the address.
    if (query !== '?state=all') expect(res.body).toMatch(/<a href="\?state=all">All \(\d+\)<\/a>/);
  });

  it.each<[string, string[]]>([
    ['?q=braz', ['BRA']],
    ['?q=BRAZIL', ['BRA']],
    ['?q=bra', ['BRA']],
    ['?q=Argent%C3%ADna', ['ARG']],
    ['?q=a', ['ARG', 'BRA']],
    ['?q=zzz', []],
    ['?state=all&q=peru', ['PER']],
    ['?state=all&q=PER', ['PER']],
    ['?state=all&q=c%C3%B4te+d%E2%80%99ivoire', ['CIV']],
    ['?state=all&q=cote+d%27ivoire', ['CIV']],
    ['?state=not_submitted&q=brazil', []],
  ])('searches by delegation, within the filter: %s finds %j', async (query, rows) => {
    const res = await officer.get(`${DESK}${query}`);
    expect(res.statusCode).toBe(200);
    expect(rowOrder(res.body)).toEqual(rows);
    if (rows.length === 0) expect(res.body).toMatch(/No delegation matching “[^”]+” is in this list\./);
  });

  it('searches with a GET form that keeps the filter and the sort, and filter links that keep the search', async () => {
    const res = await officer.get(`${DESK}?state=all&sort=words&q=bra`);
    expect(res.body).toContain(`<form method="get" action="${DESK}" role="search" aria-label="Search the delegations">`);
    expect(res.body).toContain('<input type="hidden" name="state" value="all">');
    expect(res.body).toContain('<input type="hidden" name="sort" value="words">');
    expect(res.body).toContain('value="bra"');
    expect(res.body).toContain('<a href="?state=received&amp;sort=words&amp;q=bra">Received, to review (1)</a>');
    expect(res.body).toContain('<a href="?state=all&amp;sort=words">Show every delegation</a>');
  });

  it('reads a statement on its own page: rendered from its content model, with what the checks found and the decisions', async () => {
    const res = await officer.get(`${DESK}/BRA/read?state=received&q=bra`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Statement of Brazil</h1>');
    // Headings below the page's, formatting, lists and tables, as the compilation renders them.
    expect(res.body).toContain('<h3 class="doc-content-heading">Protection of peacekeepers</h3>');
    expect(res.body).toContain('<strong>we thank</strong><em> the Secretary-General</em>');
    expect(res.body).toContain('<th scope="col"><p>Year</p></th>');
    expect(res.body).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Map of the mission area"/);
    // The cover letter's facts.
    expect(res.body).toContain(
      'Ambassador of BRA, Permanent Representative<br><span class="muted">An authorised signatory of the mission</span>',
    );
    expect(res.body).toContain('<dt>Original language</dt><dd>English</dd>');
    // The checks' warnings said to the Secretariat, and what the delegation was told, labelled as such.
    expect(res.body).toContain('Longer than the guidance of about 500 words.');
    expect(res.body).toContain('The file holds tracked changes: it was read, and is published, with every change accepted.');
    expect(res.body).toContain(
      'Told to the delegation when it uploaded: “The statement has 1,042 words; the guidance is about 500. You may submit it as it is',
    );
    // The decisions, carrying the desk's view, and the way back to the same place.
    expect(res.body).toContain(`<form method="post" action="${DESK}/BRA/review"`);
    expect(res.body).toContain(
      '<input type="hidden" name="state" value="received"><input type="hidden" name="q" value="bra"><input type="hidden" name="from" ' +
        'value="read">',
    );
    expect(res.body).toContain(`<a href="${DESK}?state=received&amp;q=bra#row-BRA">Back to the desk</a>`);
    // The next statement in the same view.
    expect((await officer.get(`${DESK}/ARG/read?state=received`)).body).toContain(
      `<a href="${DESK}/BRA/read?state=received">Next in this list: Brazil</a>`,
    );
    // On the desk, the row links to it in the same view; its warnings are said to the Secretariat there too, and the
    // delegation's wording is not.
    const desk = await officer.get(`${DESK}?state=received&sort=words`);
    expect(rowOf(desk.body, 'BRA')).toContain(
      `<a href="${DESK}/BRA/read?state=received&amp;sort=words">Read<span class="visually-hidden"> the statement of Brazil</span></a>`,
    );
    expect(rowOf(desk.body, 'BRA')).toContain('Longer than the guidance of about 500 words.');
    expect(rowOf(desk.body, 'BRA')).not.toContain('You may submit it as it is');
    // Nothing to read from a delegation that sent nothing.
    expect((await officer.get(`${DESK}/PER/read`)).statusCode).toBe(404);
    // The Secretariat's alone: not even the delegation's own delegate reads it here.
    const own = (await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' })).browser;
    expect((await own.get(`${DESK}/BRA/read`)).statusCode).toBe(403);
  });

  it('returns a statement with its reason, mails the delegation, and shows the reason on its page', async () => {
    // Without a reason: refused beside the row, the field tied to the message, the summary linking to it, the view kept.
    const empty = await officer.post(`${DESK}/BRA/review`, {
      revision: await currentRevision('BRA'),
      decision: 'returned',
      reason: 'ab',
      state: 'received',
      q: 'a',
    });
    expect(empty.statusCode).toBe(400);
    const row = rowOf(empty.body, 'BRA');
    expect(row).toContain('<details open>');
    expect(row).toContain(
      '<p class="error-message" id="reason-BRA-error" role="alert">Say what the delegation should correct, in 3 to 2000 characters',
    );
    expect(row).toMatch(
      /<textarea id="reason-BRA" name="reason" rows="2" maxlength="2000" aria-describedby="reason-BRA-hint reason-BRA-error" aria-invalid="true">ab<\/textarea>/,
    );
    expect(empty.body).toContain('<li><a href="#reason-BRA">Say what the delegation should correct');
    expect(rowOf(empty.body, 'ARG')).not.toContain('error-message');
    expect(empty.body).toContain('<strong aria-current="page">Received, to review (2)</strong>');
    expect(empty.body).toContain('value="a"');
    // From the reading page: refused there, beside its decision.
    const fromReading = await officer.post(`${DESK}/BRA/review`, {
      revision: await currentRevision('BRA'),
      decision: 'returned',
      reason: '',
      state: 'received',
      from: 'read',
    });
    expect(fromReading.statusCode).toBe(400);
    expect(fromReading.body).toContain('<h1>Statement of Brazil</h1>');
    expect(fromReading.body).toContain('id="reason-BRA-error" role="alert"');

    // With a reason, from the list of statements to review: Brazil leaves it, so the desk returns to the row before it.
    const res = await officer.post(`${DESK}/BRA/review`, {
      revision: await currentRevision('BRA'),
      decision: 'returned',
      reason: 'The cover letter is not signed.',
      state: 'received',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${DESK}?state=received&done=returned&decided=BRA#row-ARG`);
    expect((await officer.follow(res)).body).toContain(
      '<div class="notice" role="status">Brazil: the statement was returned for correction; the delegation was told why by e-mail.</div>',
    );
    const mail = (await mailTo(open.db, 'delegate.bra@example.org')).at(-1);
    expect(mail?.subject).toMatch(/^Statement returned for correction/);
    expect(mail?.text_body).toContain('The cover letter is not signed.');
    expect(rowOf((await officer.get(`${DESK}?state=returned`)).body, 'BRA')).toContain(
      'Reason sent to the delegation: “The cover letter is not signed.”',
    );
  });

  it('refuses a decision about a version the delegation has since replaced', async () => {
    const old = await currentRevision('BRA');
    await submit('BRA', 'corrected statement of BRA');
    const res = await officer.post(`${DESK}/BRA/review`, { revision: old, decision: 'accepted', state: 'all' });
    expect(res.statusCode).toBe(409);
    // Beside its row, tied to the button, and in the summary.
    const row = rowOf(res.body, 'BRA');
    expect(row).toContain('<p class="error-message" id="row-BRA-error" role="alert">The delegation sent a new version meanwhile');
    expect(row).toContain('aria-describedby="row-BRA-error">Accept: Brazil</button>');
    expect(res.body).toContain('<li><a href="#row-BRA-error">The delegation sent a new version meanwhile');
    expect(res.body).toContain('<strong aria-current="page">All (');
  });

  it.each<[string, Record<string, string>, string]>([
    // Still shown in the view: back to its own row, the view kept.
    [
      'accepted under "all", sorted by words',
      { state: 'all', sort: 'words' },
      `${DESK}?state=all&sort=words&done=accepted&decided=ARG#row-ARG`,
    ],
  ])('keeps the view and the place after a decision: %s', async (_name, view, location) => {
    const res = await officer.post(`${DESK}/ARG/review`, { revision: await currentRevision('ARG'), decision: 'accepted', ...view });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(location);
    expect((await officer.follow(res)).body).toContain('<div class="notice" role="status">Argentina: the statement was accepted.</div>');
  });

  it('names the statements waiting with correct plurals', () => {
    expect([1, 2, 12].map(acceptAllLabel)).toEqual([
      'Accept the 1 statement waiting',
      'Accept all 2 statements waiting',
      'Accept all 12 statements waiting',
    ]);
  });

  it('accepts every statement waiting at once, only once confirmed', async () => {
    const desk = await officer.get(`${DESK}?state=received&q=bra`);
    expect(desk.body).toContain(
      '<form method="post" action="' + DESK + '/accept-all" class="confirm-form" data-confirm="Accept the 1 statement waiting?"',
    );
    expect(desk.body).toContain('<button type="submit" class="button">Accept the 1 statement waiting</button>');
    // A bare post (no scripts, a double click, a crafted form) asks, and changes nothing.
    const before = await fingerprint(open.db);
    const asked = await officer.post(`${DESK}/accept-all`, { state: 'received', q: 'bra' });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<h1>Accept the 1 statement waiting?</h1>');
    expect(asked.body).toContain('<input type="hidden" name="confirmed" value="yes">');
    expect(asked.body).toContain('<input type="hidden" name="q" value="bra">');
    expect(asked.body).toContain(`<a class="button secondary" href="${DESK}?state=received&amp;q=bra">Cancel</a>`);
    expect(await fingerprint(open.db)).toEqual(before);
    const res = await officer.post(`${DESK}/accept-all`, { state: 'received', q: 'bra', confirmed: 'yes' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${DESK}?state=received&q=bra&done=accepted_all`);
    expect((await officer.follow(res)).body).toContain('No delegation matching “bra” is in this list.');
    // Nothing left waiting: nothing to ask.
    expect((await officer.post(`${DESK}/accept-all`, { confirmed: 'yes' })).headers.location).toBe(
      `${DESK}?state=received&done=none_waiting`,
    );
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
    expect(page.body).toContain('<a href="?state=all&amp;sort=words">All');
    expect(page.body).toContain('<a href="?state=accepted&amp;sort=received">');
    expect(page.body).toContain('<a href="?state=accepted">delegation</a>');
    expect(page.body).toContain('<strong aria-current="true">word count, the longest first</strong>');
    expect(page.body).toContain('by word count, the longest first</caption>');
    // The stored checks named no signatory problem: an authorised signatory, listed.
    expect(page.body).toContain(
      'Ambassador of BRA, Permanent Representative<br><span class="muted">An authorised signatory of the mission</span>',
    );
    // An unknown sort is the default order.
    expect((await officer.get(`${DESK}?state=all&sort=nonsense`)).body).toContain('in English alphabetical order</caption>');
  });

  it('enters a statement received by e-mail on a delegation’s behalf, through the delegate’s checks, audited and mailed', async () => {
    const COL_FORM = `${DESK}/COL/on-behalf`;
    const focal = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'COL', email: 'focal.col@example.org' });
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
    const fields = {
      signatoryId: '',
      signatoryName: 'Juan Ramón de la Fuente',
      signatoryTitle: 'Permanent Representative',
      originalLanguage: 'es',
      note: '',
    };
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
    expect(history.body).toMatch(
      /Entered by [^<]+ of the Secretariat on the mission’s behalf: Received by e-mail from the mission on 20 May 2021\./,
    );
    expect(history.body).toContain('120 words');
    expect(history.body).toContain('2021-05-20 15:00:00 UTC');
    expect(history.body).toContain('Typed by the Secretariat: not on the mission’s list of authorised signatories');
    const rev = await open.db
      .selectFrom('statements.revisions')
      .selectAll()
      .where('id', '=', await currentRevision('COL'))
      .executeTakeFirstOrThrow();
    expect(rev).toMatchObject({
      via: 'secretariat',
      signatory_id: null,
      signatory_name: 'Juan Ramón de la Fuente',
      original_language: 'es',
      words: 120,
    });
    expect(history.body).toContain(rev.statement_sha256!);
    expect(history.body).toContain(rev.cover_sha256!);
    expect((await mailTo(open.db, 'focal.col@example.org')).at(-1)?.text_body).toContain(
      'Entered by the Secretariat on the mission’s behalf: Received by e-mail from the mission on 20 May 2021.',
    );
    expect((await auditEntries(open.db, 'statement.submitted_on_behalf')).at(-1)?.data).toMatchObject({
      mission: 'COL',
      revision: 1,
      receivedBeforeDeadlineAt: null,
    });

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
    expect(history.body).toContain(
      '(a clean copy, without personal document properties (custom properties, dc:creator, cp:lastModifiedBy, cp:revision))',
    );
    expect((await delegate.get(`${DESK}/COL/revisions/1/statement/as-received`)).statusCode).toBe(403);
    expect((await officer.get(`${DESK}/COL/revisions/2/statement`)).statusCode).toBe(404);
    const desk = await officer.get(`${DESK}?state=received&sort=words`);
    expect(desk.body).toContain('entered by the Secretariat');
    expect(rowOrder(desk.body)[0]).toBe('COL');
    expect(rowOrder((await officer.get(`${DESK}?state=all&sort=state`)).body).slice(0, 3)).toEqual(['COL', 'ARG', 'BRA']);

    // A State on the Council that day may not submit: there is nothing to enter for it.
    expect((await officer.get(`${DESK}/CHN/on-behalf`)).statusCode).toBe(409);
  });

  it('shows a delegation’s history: every version, who sent it, the decisions with their reasons, each version’s files', async () => {
    const res = await officer.get(`${DESK}/BRA/history`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Version 2 (current)');
    expect(res.body).toContain('Version 1');
    expect(res.body).toMatch(
      /Returned for correction by [^<]+ on <time[^>]*>[^<]+<\/time>; 2021-05-20 15:00:00 UTC: The cover letter is not signed\./,
    );
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
        grantLateSubmission(
          trx,
          later,
          acting({ ...lateOfficer.account, name: 'Officer' }),
          {
            debate: demoDebate.slug,
            delegation: 'PER',
            until: '2021-05-27T12:00',
            reason: 'The mission wrote on time to the wrong address.',
          },
          { publicUrl: 'https://rostrum.example' },
        ),
      );
      const desk = await lateOfficer.browser.get(`${DESK}?state=all`);
      const row = (code: string) => rowOf(desk.body, code);
      expect(row('URY')).toContain('The deadline has passed.');
      expect(row('URY')).toContain(`<a href="/debates/${demoDebate.slug}/desk#late-heading">Allow a late submission`);
      expect(row('PER')).toContain('May submit late until Thursday, 27 May 2021');
      expect(row('PER')).not.toContain('Allow a late submission');
      // A statement that arrived in time is entered with the time it was received; without it, refused beside the field.
      const fields = {
        signatoryId: '',
        signatoryName: 'A. Person',
        signatoryTitle: 'Minister Counsellor',
        originalLanguage: 'es',
        note: 'Received by e-mail on 24 May 2021.',
      };
      const files = {
        statement: { name: 'statement.docx', bytes: await statementOfWords(30) },
        cover: { name: 'cover.docx', bytes: await paragraphsDocument(['Letter']) },
      };
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
