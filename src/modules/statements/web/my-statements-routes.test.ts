// The landing pages through HTTP: a delegation's people see each open debate with where their statement stands
// (not submitted, received, returned with its reason), the deadline in New York time and the link to act; a focal
// point without access to statements sees the states and its mission's page; a delegation not eligible sees no
// debate; the Secretariat sees the debates with work waiting; each page is refused to the other roles.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting } from '../../../../test/admin-fixtures.js';
import { testApp, testSecrets, sessionCookieValue } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { formSession, type FormSession } from '../../../../test/http.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { createSession } from '../../identity/index.js';
import { createDebate } from '../../meetings/index.js';
import { closeInspectionPool } from '../../uploads/index.js';
import { saveDraft } from '../commands/save-draft.js';
import { confirmSubmission } from '../commands/submit-statement.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-20T15:00:00Z');

describe('the landing pages', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  const people: Record<string, TestAccount> = {};

  async function submit(code: string) {
    const by = acting(people[`delegate ${code}`]!, { modules: ['statements'] });
    const signatory = await open.db
      .selectFrom('delegations.signatories')
      .select('id')
      .where('mission', '=', code)
      .executeTakeFirstOrThrow();
    const file = (name: string) => ({
      name,
      bytes: new TextEncoder().encode(`${code} ${name}`),
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      check: { outcome: 'accept' as const, size: 10, words: 42, kind: 'docx' as const, warnings: [] },
    });
    await open.db.transaction().execute((trx) =>
      saveDraft(trx, clock, by, {
        slug: demoDebate.slug,
        statement: file('statement.docx'),
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

  async function as(who: string): Promise<FormSession> {
    const { token } = await open.db
      .transaction()
      .execute((trx) => createSession(trx, clock, { idleMinutes: 60, maxHours: 12 }, people[who]!.id, 'active', {}));
    const browser = formSession(app);
    browser.cookies.set('rostrum_session', sessionCookieValue(token));
    return browser;
  }

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    app = await testApp(open.db, clock);
    people.secretariat = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
    people['focal BRA'] = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'BRA' });
    // China sits on the Council in May 2021: its delegation does not submit a written statement.
    for (const code of ['BRA', 'ARG', 'CHL', 'CHN']) {
      const delegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: code });
      people[`delegate ${code}`] = delegate;
      await open.db
        .insertInto('identity.module_grants')
        .values({
          id: randomUUID(),
          account_id: delegate.id,
          module: 'statements',
          granted_at: clock.now(),
          granted_by: null,
          revoked_at: null,
          revoked_by: null,
        })
        .execute();
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
    }
    for (const code of ['BRA', 'ARG']) await submit(code);
    // The Secretariat returned Brazil's statement.
    const bra = await open.db
      .selectFrom('statements.submissions')
      .select(['id', 'current_revision'])
      .where('delegation', '=', 'BRA')
      .executeTakeFirstOrThrow();
    await open.db
      .insertInto('statements.reviews')
      .values({
        id: randomUUID(),
        submission_id: bra.id,
        revision_id: bra.current_revision,
        decision: 'returned',
        reason: 'The cover letter is not signed.',
        decided_at: clock.now(),
        decided_by: people.secretariat.id,
      })
      .execute();
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
    await closeInspectionPool();
  });

  const STATEMENT = `/debates/${demoDebate.slug}/statement`;

  it.each([
    ['delegate CHL', 'Not submitted', 'Submit a statement'],
    ['delegate ARG', 'Received on', 'Open your statement'],
    ['delegate BRA', 'Returned for correction: “The cover letter is not signed.”', 'Send a corrected statement'],
  ])('shows the %s where its statement stands, the deadline in New York time, and the link to act', async (who, state, action) => {
    const page = await (await as(who)).get('/my/statements');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>My statements</h1>');
    expect(page.body).toContain(demoDebate.theme);
    expect(page.body).toContain(state);
    expect(page.body).toContain(`<a href="${STATEMENT}">${action}`);
    expect(page.body).toMatch(/Until <time datetime="[^"]+" data-local="local-until-0">[^<]+New York time/);
    expect(page.body).toContain('aria-current="page">My statements</a>');
  });

  it('shows a focal point without access to statements where each stands, and its mission’s page', async () => {
    const page = await (await as('focal BRA')).get('/my/statements');
    expect(page.body).toContain('Returned for correction');
    expect(page.body).toContain('<a href="/missions/BRA">your mission’s page</a>');
    expect(page.body).toContain('Only people given access to statements');
    expect(page.body).not.toContain(`href="${STATEMENT}"`);
  });

  it('shows a delegation that may not submit (a Council member) no open debate', async () => {
    const page = await (await as('delegate CHN')).get('/my/statements');
    expect(page.body).toContain('No debate is open to your delegation now.');
  });

  it('shows the Secretariat the debates with work waiting: statements to review and the letter to issue', async () => {
    const page = await (await as('secretariat')).get('/work');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Debates with work waiting</h1>');
    expect(page.body).toContain(`<a href="/debates/${demoDebate.slug}/statements?state=received">1 to review</a>`);
    expect(page.body).toContain(`<a href="/debates/${demoDebate.slug}/desk">To issue</a>`);
    expect(page.body).toContain('Nothing to issue');
  });

  it.each([
    ['secretariat', '/my/statements'],
    ['delegate BRA', '/work'],
    ['focal BRA', '/work'],
  ])('refuses the %s %s', async (who, path) => {
    expect((await (await as(who)).get(path)).statusCode).toBe(403);
  });
});
