// The debate's pages through HTTP: the Secretariat and a presidency create and edit debates with the form, bad
// input is refused with a message on its field and nothing saved, a concept note is imported from Word (hostile
// files refused), the letter is generated and its formats served, who may submit and late submissions are managed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../../test/admin-fixtures.js';
import { testApp } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { demoForm } from '../../../../test/debate-form-values.js';
import { buildDocx, deflatedZeros, para, rawZip } from '../../../../test/fixtures/docx-builder.js';
import { formFields, signedInAs, type FormSession } from '../../../../test/http.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import type { JobContext } from '../../../kernel/jobs/index.js';
import { renderDocumentJob } from '../../documents/index.js';

const clock = fixedClock('2021-05-06T14:00:00Z');
const TABLES = [
  'meetings.debates',
  'meetings.briefers',
  'meetings.contacts',
  'meetings.eligible_entities',
  'meetings.late_grants',
  'documents.generations',
  'kernel.audit_log',
] as const;

describe('preparing a debate through its pages', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let secretariat: FormSession;
  const ctx = (): JobContext => ({ db: open.db, clock, log: { info() {}, warn() {}, error() {} }, attempt: 1, jobId: 1 });

  beforeAll(async () => {
    open = await testDatabase();
    app = await testApp(open.db, clock);
    secretariat = (await signedInAs(app, open.db, clock, { role: 'secretariat' })).browser;
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  const upload = async (browser: FormSession, slug: string, file: Uint8Array | undefined, version = '1') => {
    const page = await browser.get(`/debates/${slug}/desk`);
    expect(page.statusCode).toBe(200);
    return browser.postMultipart(`/debates/${slug}/concept-note`, { version }, file ? { file: { name: 'note.docx', bytes: file } } : {});
  };

  it('creates the debate from the form and lands on its desk', async () => {
    await secretariat.get('/debates/new');
    const res = await secretariat.post('/debates', demoForm({ slug: 'typed-debate' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/debates/typed-debate/desk?done=created');
    const desk = await secretariat.follow(res);
    expect(desk.body).toContain('The debate was created.');
    const row = await open.db
      .selectFrom('meetings.debates')
      .select(['theme', 'presiding_state', 'reminder_hours', 'version'])
      .where('slug', '=', 'typed-debate')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ presiding_state: 'CHN', reminder_hours: 48, version: 1 });
  });

  it.each([
    ['a deadline before the window opens', { submissionDeadline: '2021-05-01T10:00' }, 'must be after the opening of submissions'],
    ['a date that does not exist in New York', { startsAt: '2021-03-14T02:30' }, 'does not exist in New York time'],
    ['an over-long theme', { theme: 'y'.repeat(301) }, 'a theme is at most 300 characters'],
    ['an address already taken', { slug: 'typed-debate' }, 'Another debate already has this address'],
    [
      'a month the Council data does not cover',
      { startsAt: '2027-03-10T10:00', submissionsOpenAt: '2027-03-01T09:00' },
      'There is no Security Council data for March 2027: who sits on the Council and who presides that month are not known, so the ' +
        'debate was not saved. Choose a meeting date the data covers (January 2020 to December 2026)',
    ],
  ])('refuses %s with a message on the page, and saves nothing', async (_name, over, message) => {
    const before = await fingerprint(open.db, TABLES);
    const res = await secretariat.post('/debates', demoForm({ slug: 'another-debate', ...over }));
    expect([400, 409]).toContain(res.statusCode);
    expect(res.body).toContain('There is a problem');
    expect(res.body.replace(/&#39;|&quot;/g, "'")).toContain(message);
    // What was typed is shown again.
    expect(res.body).toContain((over as { theme?: string }).theme ?? demoForm().theme);
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });

  it('edits the debate, naming the fields changed, and refuses an edit made from an old version', async () => {
    const form = await secretariat.get('/debates/typed-debate/edit');
    expect(form.statusCode).toBe(200);
    const res = await secretariat.post('/debates/typed-debate/edit', {
      ...demoForm({ theme: 'A new theme for the debate' }),
      version: '1',
    });
    expect(res.statusCode).toBe(303);
    const audit = await open.db
      .selectFrom('kernel.audit_log')
      .select('data')
      .where('action', '=', 'debate.updated')
      .executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ slug: 'typed-debate', version: 2, fields: ['theme'] });

    const before = await fingerprint(open.db, TABLES);
    const stale = await secretariat.post('/debates/typed-debate/edit', {
      ...demoForm({ theme: 'Overwriting someone else' }),
      version: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this debate while you were editing it');
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });

  it('takes the presiding State from the meeting’s month, shown read-only on the form, and follows the date when it moves', async () => {
    const edit = await secretariat.get('/debates/typed-debate/edit');
    expect(edit.body).not.toContain('<select id="presidingState"');
    expect(edit.body).toContain('<label for="presidingState">Presiding State</label>');
    // Shown, never sent: the field has no name.
    expect(edit.body).toContain(
      '<input id="presidingState" type="text" value="China, presiding in May 2021" readonly aria-describedby="presidingState-hint">',
    );
    expect(formFields(edit.body)).not.toHaveProperty('presidingState');
    expect(edit.body).toContain('from the Council data (January 2020 to December 2026)');
    const blank = await secretariat.get('/debates/new');
    expect(blank.body).toContain('value="Set from the start of the meeting once it is filled in." readonly');

    // A debate of November 2026: Latvia presides, whatever the form might have posted.
    const created = await secretariat.post(
      '/debates',
      demoForm({ slug: 'november-2026', startsAt: '2026-11-12T10:00', submissionsOpenAt: '2026-11-01T09:00', presidingState: 'CHN' }),
    );
    expect(created.statusCode).toBe(303);
    const presiding = async () =>
      await open.db
        .selectFrom('meetings.debates')
        .select(['presiding_state', 'version'])
        .where('slug', '=', 'november-2026')
        .executeTakeFirstOrThrow();
    expect((await presiding()).presiding_state).toBe('LVA');

    // Moved to December: Liberia; the edit names the field.
    const moved = await secretariat.post('/debates/november-2026/edit', {
      ...demoForm({ startsAt: '2026-12-03T10:00', submissionsOpenAt: '2026-11-01T09:00' }),
      version: '1',
    });
    expect(moved.statusCode).toBe(303);
    expect(await presiding()).toEqual({ presiding_state: 'LBR', version: 2 });
    const audit = await open.db
      .selectFrom('kernel.audit_log')
      .select('data')
      .where('action', '=', 'debate.updated')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ slug: 'november-2026', fields: expect.arrayContaining(['startsAt', 'presidingState']) });

    // Moved to a month without Council data: refused on the start, nothing saved.
    const before = await fingerprint(open.db, TABLES);
    const refused = await secretariat.post('/debates/november-2026/edit', {
      ...demoForm({ startsAt: '2027-01-20T10:00', submissionsOpenAt: '2026-11-01T09:00' }),
      version: '2',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('<a href="#startsAt">There is no Security Council data for January 2027');
    expect(refused.body).toContain('value="None: the Council data does not cover January 2027, so a debate cannot be held then." readonly');
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });

  it('saves the edit form exactly as the page shows it without changing anything, the default deadline included', async () => {
    const before = await open.db.selectFrom('meetings.debates').selectAll().where('slug', '=', 'typed-debate').executeTakeFirstOrThrow();
    const page = await secretariat.get('/debates/typed-debate/edit');
    const fields = formFields(page.body);
    expect(fields.submissionDeadline).toBe('');
    expect(fields.startsAt).toBe('2021-05-24T10:00');
    const res = await secretariat.post('/debates/typed-debate/edit', fields);
    expect(res.statusCode, res.body.match(/class="error-message"[^>]*>[^<]*/g)?.join('\n')).toBe(303);
    const after = await open.db.selectFrom('meetings.debates').selectAll().where('slug', '=', 'typed-debate').executeTakeFirstOrThrow();
    const { version: _v1, updated_at: _u1, ...was } = before;
    const { version: v2, updated_at: _u2, ...is } = after;
    expect(is).toEqual(was);
    expect(v2).toBe(before.version + 1);
    const audit = await open.db
      .selectFrom('kernel.audit_log')
      .select('data')
      .where('action', '=', 'debate.updated')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ fields: [] });
  });

  it.each([
    ['with seconds, as browsers send a datetime-local value that has them', '2021-05-24T11:00:00', 303],
    ['with seconds that are not zero', '2021-05-24T11:00:30', 400],
  ])('reads a time typed %s', async (_name, startsAt, status) => {
    const version = (
      await open.db.selectFrom('meetings.debates').select('version').where('slug', '=', 'typed-debate').executeTakeFirstOrThrow()
    ).version;
    const res = await secretariat.post('/debates/typed-debate/edit', {
      ...demoForm({ theme: 'A new theme for the debate', startsAt }),
      version: String(version),
    });
    expect(res.statusCode).toBe(status);
  });

  it('lets the presidency schedule in its own month only', async () => {
    // On China's staff but without the presidency module from its focal point: not the presidency.
    const staff = (await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'CHN', modules: ['statements'] })).browser;
    expect((await staff.get('/debates/new')).statusCode).toBe(403);
    // Given the module, but its State presides in no month of the Council data: not a presidency either.
    const argentina = (await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'ARG', modules: ['presidency'] })).browser;
    expect((await argentina.get('/debates/new')).statusCode).toBe(403);
    expect((await argentina.get('/')).body).not.toContain('href="/debates/new"');
    const china = (await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'CHN', modules: ['presidency'] })).browser;
    const form = await china.get('/debates/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('<select id="presidingState"');
    const june = await china.post(
      '/debates',
      demoForm({ slug: 'china-june', startsAt: '2021-06-10T10:00', submissionsOpenAt: '2021-06-01T09:00' }),
    );
    expect(june.statusCode).toBe(403);
    expect(june.body).toContain('The presidency may create and change only debates held during its own month of presidency.');
    const may = await china.post('/debates', demoForm({ slug: 'china-may' }));
    expect(may.statusCode).toBe(303);
    // Another State's staff cannot prepare it.
    const usa = (await signedInAs(app, open.db, clock, { role: 'focal_point', mission: 'USA' })).browser;
    expect((await usa.get('/debates/china-may/desk')).statusCode).toBe(403);
  });

  it.each([
    ['the Secretariat', true, { role: 'secretariat' }],
    ['China’s presidency (May 2021)', true, { role: 'delegate', mission: 'CHN', modules: ['presidency'] }],
    ['a delegate with access to statements', false, { role: 'delegate', mission: 'BRA', modules: ['statements'] }],
    ['a focal point', false, { role: 'focal_point', mission: 'BRA' }],
    ['the help desk', false, { role: 'helpdesk' }],
  ] as const)('offers “New debate” (link and form) to %s: %s', async (_who, offered, account) => {
    const { browser } = await signedInAs(app, open.db, clock, { ...account, modules: 'modules' in account ? [...account.modules] : [] });
    expect((await browser.get('/')).body.includes('href="/debates/new"')).toBe(offered);
    expect((await browser.get('/debates/new')).statusCode).toBe(offered ? 200 : 403);
    if (offered) return;
    const before = await fingerprint(open.db, TABLES);
    const refused = await browser.post('/debates', demoForm({ slug: 'not-theirs' }), { csrf: browser.csrfToken ?? 'none' });
    expect(refused.statusCode).toBe(403);
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });

  it('imports the concept note from a Word document, and refuses what is not one, changing nothing', async () => {
    const docx = buildDocx({
      body: [
        para('Concept note for a test debate'),
        para('I. Background'),
        para('1. A first paragraph in our own words.'),
        para('2. A second one.'),
        para('II. Focus'),
        para('(a) A question?'),
        para('(b) Another?'),
      ].join(''),
    });
    const ok = await upload(
      secretariat,
      'typed-debate',
      docx,
      String(
        (await open.db.selectFrom('meetings.debates').select('version').where('slug', '=', 'typed-debate').executeTakeFirstOrThrow())
          .version,
      ),
    );
    expect(ok.statusCode).toBe(303);
    const note = await open.db
      .selectFrom('meetings.debates')
      .select('concept_note')
      .where('slug', '=', 'typed-debate')
      .executeTakeFirstOrThrow();
    expect(note.concept_note).toEqual({
      sections: [
        { heading: 'Background', paragraphs: ['A first paragraph in our own words.', 'A second one.'], questions: [] },
        { heading: 'Focus', paragraphs: [], questions: ['A question?', 'Another?'] },
      ],
    });

    const bomb = deflatedZeros(200 * 1024 * 1024);
    const hostile: Array<[string, Uint8Array, string]> = [
      ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'This file is not a Word document (.docx).'],
      ['a text file', Buffer.from('Just some text, not a document.'), 'This file is not a Word document (.docx).'],
      [
        'a macro document',
        buildDocx({ body: para('I. Background'), mainType: 'application/vnd.ms-word.document.macroEnabled.main+xml' }),
        'The document contains macros',
      ],
      [
        'a zip bomb',
        rawZip([{ name: 'word/document.xml', data: bomb.bytes, size: bomb.size, crc: bomb.crc, method: 8 }]),
        'its structure is unsafe',
      ],
      ['a document without sections', buildDocx({ body: para('Only a line of text.') }), 'No sections were found in the document.'],
    ];
    for (const [name, bytes, message] of hostile) {
      const before = await fingerprint(open.db, TABLES);
      const version = (
        await open.db.selectFrom('meetings.debates').select('version').where('slug', '=', 'typed-debate').executeTakeFirstOrThrow()
      ).version;
      const res = await upload(secretariat, 'typed-debate', bytes, String(version));
      expect(res.statusCode, name).toBeGreaterThanOrEqual(400);
      expect(res.body.replace(/&#39;/g, "'"), `${name}: ${/class="error-message"[^>]*>([^<]*)/.exec(res.body)?.[1]}`).toContain(message);
      expect(await fingerprint(open.db, TABLES), name).toEqual(before);
    }
  });

  it('generates a draft, issues the letter, and serves every format with the right type', async () => {
    expect((await secretariat.get('/debates/typed-debate/letter')).statusCode).toBe(404);
    const draft = await secretariat.post('/debates/typed-debate/letter', { action: 'draft' });
    expect(draft.headers.location).toBe('/debates/typed-debate/desk?done=draft#letter-heading');
    // The old issue button only leads to the confirmation page; nothing is issued without it.
    const old = await secretariat.post('/debates/typed-debate/letter', { action: 'issue' });
    expect(old.headers.location).toBe('/debates/typed-debate/letter/issue');
    expect(await open.db.selectFrom('documents.symbols').select('symbol').execute()).toEqual([]);
    const confirm = await secretariat.get('/debates/typed-debate/letter/issue');
    expect(confirm.body).toContain('<h1>Issue the announcement letter</h1>');
    expect(confirm.body).toContain('<dt>Date</dt><dd>5 May 2021</dd>');
    // The address it will have, not a link yet: before the issue it is not found.
    expect(confirm.body).toContain('<code>/debates/typed-debate/letter</code>');
    const unconfirmed = await secretariat.post('/debates/typed-debate/letter/issue', { symbol: 'S/2021/372' });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('it needs your confirmation');
    const wrongYear = await secretariat.post('/debates/typed-debate/letter/issue', { symbol: 'S/2022/372', confirm: 'yes' });
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.body).toContain('is not the year of the document’s date');
    expect(await open.db.selectFrom('documents.symbols').select('symbol').execute()).toEqual([]);
    const issued = await secretariat.post('/debates/typed-debate/letter/issue', { symbol: 'S/2021/372', confirm: 'yes' });
    expect(issued.statusCode).toBe(303);
    const desk = await secretariat.get('/debates/typed-debate/desk');
    expect(desk.body).toContain('Issued as <strong>S/2021/372</strong>');
    expect((await secretariat.get('/debates/typed-debate/letter/issue')).body).toContain(
      'The document is issued as <strong>S/2021/372</strong>',
    );
    expect(desk.body).toContain('data-refresh=');
    expect(desk.body).toContain('PDF: queued');
    // Without scripts, the desk reloads itself every 2 s while a format is pending.
    expect(desk.headers.refresh).toBe('2');

    const generations = await open.db.selectFrom('documents.generations').select(['id', 'symbol']).orderBy('requested_at').execute();
    for (const g of generations) await renderDocumentJob().handler({ generationId: g.id }, ctx());
    const types: Record<string, RegExp> = {
      docx: /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/,
      html: /^text\/html/,
      xml: /^application\/akn\+xml/,
    };
    for (const [ext, type] of Object.entries(types)) {
      const res = await secretariat.get(`/debates/typed-debate/letter.${ext}`);
      expect(res.statusCode, ext).toBe(200);
      expect(res.headers['content-type'], ext).toMatch(type);
      expect(String(res.headers['content-disposition']), ext).toMatch(/filename="S-2021-\d+\./);
    }
    const htmlFile = await secretariat.get('/debates/typed-debate/letter.html');
    expect(htmlFile.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
    // The PDF is still to be converted: said so, not a broken file.
    expect((await secretariat.get('/debates/typed-debate/letter.pdf')).statusCode).toBe(404);

    const page = await secretariat.get('/debates/typed-debate/letter');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      'Letter dated 5 May 2021 from the Permanent Representative of China to the United Nations addressed to the Secretary-General',
    );
    // The PDF is still queued: the letter's page and the desk reload themselves until it is made, or cannot be.
    expect(page.headers.refresh).toBe('2');
    const pending = await secretariat.get('/debates/typed-debate/desk');
    expect(pending.headers.refresh).toBe('2');
    expect(pending.body).toMatch(/>Word \(DOCX\)<\/a>: ready/);
    // A browser that runs scripts (status.js sets the cookie) follows the status in place, without reloads.
    secretariat.cookies.set('scripts', '1');
    expect((await secretariat.get('/debates/typed-debate/desk')).headers.refresh).toBeUndefined();
    secretariat.cookies.delete('scripts');
    await open.db
      .updateTable('documents.renditions')
      .set({ status: 'unavailable', error: 'No PDF converter (LibreOffice) is installed on this server.' })
      .where('format', '=', 'pdf')
      .execute();
    expect((await secretariat.get('/debates/typed-debate/letter')).headers.refresh).toBeUndefined();
    const done = await secretariat.get('/debates/typed-debate/desk');
    expect(done.headers.refresh).toBeUndefined();
    expect(done.body).not.toContain('data-refresh=');
    expect(done.body).toContain('PDF: not available.');
    // The documents service numbered it: no word of the installation's own count.
    expect(page.body).not.toContain('was numbered by this installation');
    // A letter numbered from the installation's own count (as the demo's) says so on its page.
    await open.db.updateTable('documents.symbols').set({ numbered_by: 'installation' }).where('symbol', '=', 'S/2021/372').execute();
    expect((await secretariat.get('/debates/typed-debate/letter')).body).toContain(
      'S/2021/372 was numbered by this installation of Rostrum from its own count, not assigned by the documents service.',
    );
    await open.db.updateTable('documents.symbols').set({ numbered_by: 'documents_service' }).where('symbol', '=', 'S/2021/372').execute();
    const debatePage = await secretariat.get('/debates/typed-debate');
    expect(debatePage.body).toContain('/debates/typed-debate/letter.docx');
  });

  it('manages who may submit and late submissions from the desk', async () => {
    const added = await secretariat.post('/debates/typed-debate/eligible', { mission: 'eu' });
    expect([303, 404]).toContain(added.statusCode);
    if (added.statusCode === 303) {
      expect((await secretariat.follow(added)).body).toContain('The delegation may now submit a statement to this debate.');
      expect((await secretariat.post('/debates/typed-debate/eligible/eu/remove')).statusCode).toBe(303);
    }
    const byDefault = await secretariat.post('/debates/typed-debate/eligible', { mission: 'BRA' });
    expect(byDefault.statusCode).toBe(409);
    expect(byDefault.body).toContain('This delegation may already submit a statement to this debate.');

    const grant = await secretariat.post('/debates/typed-debate/late-grants', {
      delegation: 'BRA',
      until: '2021-05-26T12:00',
      reason: 'Connection problems at the mission.',
    });
    expect(grant.statusCode).toBe(303);
    const badTime = await secretariat.post('/debates/typed-debate/late-grants', {
      delegation: 'ARG',
      until: '2021-05-20T12:00',
      reason: 'Too early to be late.',
    });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.body).toContain('A late submission must be allowed until a time after the debate’s submission deadline');
    expect((await secretariat.post('/debates/typed-debate/late-grants/BRA/revoke')).statusCode).toBe(303);
  });

  it('lists upcoming debates in the programme', async () => {
    const res = await app.inject('/journal');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Monday, 24 May 2021');
    expect(res.body).toContain('A new theme for the debate');
  });
});
