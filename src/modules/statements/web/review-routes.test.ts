// The review desk through HTTP: every eligible delegation listed with its state, a return with its reason mailed to
// the delegation and shown on its page, a decision about an outdated version refused, accepting all that wait, the
// filters, and the files of the current version.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, addAccount, mailTo, type Fixture } from '../../../../test/admin-fixtures.js';
import { testApp, testSecrets } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { signedInAs, type FormSession } from '../../../../test/http.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { createDebate, nonMembersOn } from '../../meetings/index.js';
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
  });

  it('lists every delegation that may submit, with where it stands', async () => {
    const res = await officer.get(DESK);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Received, to review (2)');
    expect(res.body).toContain(`Not submitted (${nonMembersOn('2021-05-24').length - 2})`);
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
});
