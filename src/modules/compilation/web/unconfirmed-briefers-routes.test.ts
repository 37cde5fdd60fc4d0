// Briefers still "to be confirmed" over HTTP, on the morning of the meeting: the debate's page, the Journal and the
// speakers' page mark them; the compilation page refuses a build with the reason, their names and what to do,
// building nothing; a recorded briefing takes one briefer's mark off, and once the meeting has begun no mark is left
// and the build goes through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, fingerprint } from '../../../../test/admin-fixtures.js';
import { testApp } from '../../../../test/app.js';
import { COMPILATION_TABLES, decideStatement, submitStatement } from '../../../../test/compilation-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import { paragraphsDocument } from '../../../../test/fixtures/statement-files.js';
import { formSession, signedInAs, type FormSession } from '../../../../test/http.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { createDebate } from '../../meetings/index.js';
import { closeInspectionPool } from '../../uploads/index.js';
import { recordSpeaker } from '../../statements/commands/record-speaker.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

// 9.30 a.m. in New York on the day of the meeting, which begins at 10 a.m.; submissions are still open.
const clock = fixedClock('2021-05-24T13:30:00Z');
const slug = demoDebate.slug;
const runsPage = `/debates/${slug}/compilation/runs`;
const KHARE = 'Under-Secretary-General for Operational Support, Atul Khare';
const MICHAUD = 'Under-Secretary-General for Safety and Security, Gilles Michaud';
const LACROIX = 'Under-Secretary-General for Peace Operations, Jean-Pierre Lacroix';
const TBC = '<span class="tbc">(to be confirmed)</span>';

describe('briefers still to be confirmed, over HTTP', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let officer: TestAccount;
  let secretariat: FormSession;
  let reader: FormSession;
  const snapshot = () => fingerprint(open.db, COMPILATION_TABLES);
  const marks = (body: string) => body.split('(to be confirmed)').length - 1;

  beforeAll(async () => {
    open = await testDatabase();
    // The demo debate as announced: Atul Khare and Gilles Michaud to be confirmed.
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
    app = await testApp(open.db, clock);
    secretariat = (await signedInAs(app, open.db, clock, { role: 'secretariat' })).browser;
    reader = formSession(app);
    const iran = await submitStatement(open.db, clock, slug, 'IRN', ['Statement of the Islamic Republic of Iran']);
    await decideStatement(open.db, clock, officer, slug, 'IRN', iran, 'accepted');
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
    await closeInspectionPool();
  });

  it('marks them on the debate’s page, in the Journal and on the speakers’ page', async () => {
    const page = (await reader.get(`/debates/${slug}`)).body;
    expect(page).toContain(`<li>${LACROIX}</li>`);
    expect(page).toContain(`<li>${KHARE} ${TBC}</li>`);
    expect(page).toContain(`<li>${MICHAUD} ${TBC}</li>`);
    expect((await reader.get('/journal')).body).toContain(
      `Briefers: ${LACROIX}; ${KHARE} (to be confirmed); ${MICHAUD} (to be confirmed).`,
    );
    const speakers = (await secretariat.get(`/debates/${slug}/speakers`)).body;
    expect(speakers).toContain('>Atul Khare, Under-Secretary-General for Operational Support (to be confirmed)</option>');
    expect(speakers).toContain('>Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations</option>');
  });

  it('refuses the build on the compilation page, naming them and saying what to do, building nothing', async () => {
    const before = await snapshot();
    const res = await secretariat.post(runsPage, { order: 'briefers, council, live, written' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('<div class="error-summary" role="alert"><p>Nothing was built: the meeting has not yet taken place');
    expect(res.body).toContain(
      'Still marked “to be confirmed”, with no briefing recorded: Atul Khare, Under-Secretary-General for Operational Support; ' +
        'Gilles Michaud, Under-Secretary-General for Safety and Security. Record the briefing on the speakers’ page, or, on the ' +
        'debate’s form, untick “To be confirmed” for a briefer who is confirmed or remove one who will not brief; then build again.',
    );
    expect(res.body).toContain('No compilation has been built yet.');
    expect(await snapshot()).toEqual(before);
  });

  it('takes a briefer’s mark off once the briefing is recorded, and every mark once the meeting has begun, when the build goes through', async () => {
    const bytes = await paragraphsDocument(['The briefing of the Under-Secretary-General for Operational Support.']);
    const outcome = await recordSpeaker(
      open.db,
      clock,
      acting(officer),
      slug,
      { kind: 'briefer', briefer: '2', language: 'en', file: { name: 'briefing.docx', bytes } },
      { maxBytes: 10 * 1024 * 1024 },
    );
    expect(outcome.errors).toEqual({});
    let page = (await reader.get(`/debates/${slug}`)).body;
    expect(page).toContain(`<li>${KHARE}</li>`);
    expect(page).toContain(`<li>${MICHAUD} ${TBC}</li>`);
    expect(marks(page)).toBe(1);

    const before = await snapshot();
    const refused = await secretariat.post(runsPage, { order: 'briefers, council, live, written' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('with no briefing recorded: Gilles Michaud, Under-Secretary-General for Safety and Security. Record');
    expect(refused.body).not.toContain('recorded: Atul Khare');
    expect(await snapshot()).toEqual(before);

    // 10 a.m. in New York: the meeting begins.
    clock.set('2021-05-24T14:00:00Z');
    page = (await reader.get(`/debates/${slug}`)).body;
    expect(page).toContain(`<li>${MICHAUD}</li>`);
    expect(marks(page)).toBe(0);
    const built = await secretariat.post(runsPage, { order: 'briefers, council, live, written' });
    expect(built.statusCode).toBe(303);
    expect((await secretariat.follow(built)).body).toContain('1 briefing, 1 written statement');
  });
});
