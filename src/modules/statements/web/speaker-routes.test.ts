// The meeting's speakers through HTTP: the Secretariat's page and its forms (record a text, the speaking order,
// remove, the file), each with CSRF and refused to others; a Council member's delegate sending its delegation's
// statement from the statement page; bad input answered on the page with nothing changed.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../../test/admin-fixtures.js';
import { testApp } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { buildDocx, para } from '../../../../test/fixtures/docx-builder.js';
import { signedInAs, type FormSession } from '../../../../test/http.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import { cleanDocx } from '../../../kernel/ooxml/clean.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { createDebate } from '../../meetings/index.js';
import { closeInspectionPool } from '../../uploads/index.js';

const clock = fixedClock('2021-05-25T15:00:00Z');
const slug = demoDebate.slug;
const TEXT = buildDocx({
  body: [
    para('Briefing on the safety and security of peacekeepers.'),
    para('Missions need medical evacuation within the first hour.'),
  ].join(''),
});
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const TABLES = ['statements.speakers', 'statements.speaker_texts', 'kernel.blobs', 'kernel.audit_log'];

describe('the meeting’s speakers through HTTP', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let officer: FormSession;
  let china: FormSession;
  let brazil: FormSession;
  const speakers = `/debates/${slug}/speakers`;

  async function postMultipart(
    browser: FormSession,
    path: string,
    fields: Record<string, string>,
    files: Record<string, { name: string; bytes: Uint8Array }> = {},
    csrf = true,
  ) {
    return browser.postMultipart(path, fields, files, { csrf });
  }
  const ids = async () =>
    await open.db
      .selectFrom('statements.speakers')
      .select(['id', 'delegation', 'position'])
      .where('removed_at', 'is', null)
      .orderBy('position')
      .execute();

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    app = await testApp(open.db, clock);
    officer = (await signedInAs(app, open.db, clock, { role: 'secretariat' })).browser;
    const chinese = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'CHN' });
    china = chinese.browser;
    const brazilian = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
    brazil = brazilian.browser;
    for (const account of [chinese.account, brazilian.account]) {
      await open.db
        .insertInto('identity.module_grants')
        .values({
          id: randomUUID(),
          account_id: account.id,
          module: 'statements',
          granted_at: clock.now(),
          granted_by: null,
          revoked_at: null,
          revoked_by: null,
        })
        .execute();
    }
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
    await closeInspectionPool();
  });

  it('shows the Secretariat its page, linked from the review desk and the compilation page', async () => {
    const res = await officer.get(speakers);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Speakers of the meeting');
    expect(res.body).toContain('No speaker has been recorded yet.');
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toContain('name="_csrf"');
    expect(res.body).toContain('Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations');
    expect(res.body).toMatch(/<option value="CHN">China: Council member, presidency<\/option>/);
    expect((await officer.get(`/debates/${slug}/statements`)).body).toContain(`href="${speakers}"`);
    expect((await officer.get(`/debates/${slug}/compilation/runs`)).body).toContain(`href="${speakers}"`);
  });

  it('records a briefing and a Council member’s statement, listing them in speaking order with their files', async () => {
    await officer.get(speakers);
    const briefing = await postMultipart(
      officer,
      speakers,
      { kind: 'briefer', briefer: '1', language: 'en' },
      { file: { name: 'briefing.docx', bytes: TEXT } },
    );
    expect(briefing.statusCode).toBe(303);
    expect(briefing.headers.location).toBe(`${speakers}?done=recorded#order`);
    const niger = await postMultipart(
      officer,
      speakers,
      { kind: 'council', delegation: 'NER', name: 'Abdou Abarry', title: 'Permanent Representative', language: 'fr' },
      { file: { name: 'niger.docx', bytes: TEXT } },
    );
    expect(niger.statusCode).toBe(303);
    const page = await officer.follow(niger);
    expect(page.body).toContain('The text was recorded.');
    expect(page.body).toContain('Briefer. Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations');
    expect(page.body).toContain('Council member. <strong>Niger</strong>: Abdou Abarry, Permanent Representative');
    const [first] = await ids();
    const file = await officer.get(`${speakers}/${first!.id}/file`);
    expect(file.statusCode).toBe(200);
    // The text's clean copy, whose hash is recorded beside the received file's.
    expect(Buffer.compare(file.rawPayload, cleanDocx(TEXT).bytes)).toBe(0);
    const row = await open.db
      .selectFrom('statements.speaker_texts')
      .select(['file_sha256', 'file_clean_sha256', 'file_cleaned'])
      .where('file_name', '=', 'briefing.docx')
      .executeTakeFirstOrThrow();
    expect(row.file_clean_sha256).toBe(createHash('sha256').update(file.rawPayload).digest('hex'));
    expect(row.file_sha256).toBe(createHash('sha256').update(TEXT).digest('hex'));
    expect(row.file_cleaned).toMatchObject({ external: [], comments: 0 });
  });

  it('answers missing fields, a wrong file and a non-member as a Council member on the page, changing nothing', async () => {
    await officer.get(speakers);
    const before = await fingerprint(open.db, TABLES);
    const missing = await postMultipart(officer, speakers, {
      kind: 'live',
      delegation: 'eu',
      name: 'Olof Skoog',
      title: 'Head of the Delegation',
      language: '',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Choose the language the text was written in.');
    expect(missing.body).toContain('Choose the text (Word, .docx).');
    expect(missing.body).toContain('value="Olof Skoog"');
    const pdf = await postMultipart(
      officer,
      speakers,
      { kind: 'live', delegation: 'eu', name: 'Olof Skoog', title: 'Head of the Delegation', language: 'en' },
      { file: { name: 'eu.pdf', bytes: PDF } },
    );
    expect(pdf.statusCode).toBe(400);
    expect(pdf.body).toMatch(/PDF/);
    const member = await postMultipart(
      officer,
      speakers,
      { kind: 'council', delegation: 'BRA', name: 'Ronaldo Costa Filho', title: 'Permanent Representative', language: 'en' },
      { file: { name: 'brazil.docx', bytes: TEXT } },
    );
    expect(member.statusCode).toBe(409);
    expect(member.body).toContain('This delegation is not a member of the Security Council on the day of the meeting');
    const forged = await postMultipart(
      officer,
      speakers,
      { kind: 'briefer', briefer: '1', language: 'en' },
      { file: { name: 'briefing.docx', bytes: TEXT } },
      false,
    );
    expect(forged.statusCode).toBe(403);
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });

  it('sets the speaking order from numbered fields, refuses a position that is not a number, and removes a speaker', async () => {
    const [briefer, niger] = await ids();
    const bad = await officer.post(`${speakers}/order`, { [`position-${briefer!.id}`]: 'first' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Write each position as a whole number from 1 to 999.');
    const moved = await officer.post(`${speakers}/order`, { [`position-${briefer!.id}`]: '2', [`position-${niger!.id}`]: '1' });
    expect(moved.statusCode).toBe(303);
    expect((await ids()).map((s) => s.delegation)).toEqual(['NER', null]);
    const forged = await officer.post(`${speakers}/order`, { [`position-${briefer!.id}`]: '1' }, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect((await ids()).map((s) => s.delegation)).toEqual(['NER', null]);
    const removed = await officer.post(`${speakers}/${briefer!.id}/remove`);
    expect(removed.statusCode).toBe(303);
    expect((await ids()).map((s) => [s.delegation, s.position])).toEqual([['NER', 1]]);
    const again = await officer.post(`${speakers}/${briefer!.id}/remove`);
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('There is no such speaker for this debate.');
  });

  it('refuses the page and its forms to a delegate, changing nothing', async () => {
    const before = await fingerprint(open.db, TABLES);
    expect((await china.get(speakers)).statusCode).toBe(403);
    const post = await postMultipart(
      china,
      speakers,
      { kind: 'council', delegation: 'CHN', name: 'Zhang Jun', title: 'Permanent Representative', language: 'zh' },
      { file: { name: 'china.docx', bytes: TEXT } },
    );
    expect(post.statusCode).toBe(403);
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });

  it('offers a Council member’s delegate its Council statement on the statement page, and takes it', async () => {
    const page = await china.get(`/debates/${slug}/statement`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Council member’s statement of the Permanent Mission of China');
    expect(page.body).toContain('No statement has been recorded for your delegation yet.');
    expect(page.body).toContain(`action="/debates/${slug}/statement/council?_csrf=`);
    expect(page.body).not.toContain('Cover letter');
    const refused = await postMultipart(
      china,
      `/debates/${slug}/statement/council`,
      { name: 'Zhang Jun', title: 'Permanent Representative', language: 'zh' },
      { file: { name: 'china.pdf', bytes: PDF } },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/PDF/);
    expect(refused.body).toContain('value="Zhang Jun"');
    const sent = await postMultipart(
      china,
      `/debates/${slug}/statement/council`,
      { name: 'Zhang Jun', title: 'Permanent Representative', language: 'zh', delegation: 'NER', kind: 'live' },
      { file: { name: 'china.docx', bytes: TEXT } },
    );
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/debates/${slug}/statement?done=sent`);
    const after = await china.follow(sent);
    expect(after.body).toContain('Your delegation’s statement was received.');
    expect(after.body).toContain('<strong>china.docx</strong>');
    expect(after.body).toContain('sent by your delegation');
    const recorded = await open.db
      .selectFrom('statements.speakers')
      .select(['kind', 'delegation'])
      .where('delegation', '=', 'CHN')
      .executeTakeFirstOrThrow();
    expect(recorded).toEqual({ kind: 'council', delegation: 'CHN' });
    expect((await officer.get(speakers)).body).toContain('Sent by the delegation');
  });

  it('builds the compilation in a declared annex order, and refuses an order naming an unknown group, listing the valid names', async () => {
    const runs = `/debates/${slug}/compilation/runs`;
    const form = await officer.get(runs);
    expect(form.body).toContain('value="briefers, council, live, written"');
    const before = await fingerprint(open.db, ['compilation.runs', 'kernel.audit_log']);
    const refused = await officer.post(runs, { order: 'briefers, council, members, written' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      '“members” is not a group of annexes. The valid names are briefers, council, live, written, each once, separated by commas.',
    );
    expect(refused.body).toContain('value="briefers, council, members, written"');
    expect(await fingerprint(open.db, ['compilation.runs', 'kernel.audit_log'])).toEqual(before);
    const built = await officer.post(runs, { order: 'council, briefers, live, written' });
    expect(built.statusCode).toBe(303);
    const run = await open.db.selectFrom('compilation.runs').select('inputs').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(run.inputs.order).toEqual(['council', 'briefers', 'live', 'written']);
    expect(run.inputs.council?.map((c) => c.delegation).sort()).toEqual(['CHN', 'NER']);
  });

  it('keeps the written statement page for a non-member, and refuses it the Council statement', async () => {
    const page = await brazil.get(`/debates/${slug}/statement`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Written statement of the Permanent Mission of Brazil');
    const before = await fingerprint(open.db, TABLES);
    const post = await postMultipart(
      brazil,
      `/debates/${slug}/statement/council`,
      { name: 'Ronaldo Costa Filho', title: 'Permanent Representative', language: 'en' },
      { file: { name: 'brazil.docx', bytes: TEXT } },
    );
    expect(post.statusCode).toBe(403);
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });
});
