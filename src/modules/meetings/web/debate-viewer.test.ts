// The public debate page tells each reader their own situation: a visitor the general sentence; a delegate of a
// delegation that may submit where its statement stands (not submitted, received on a date, withdrawn) and the way to
// it; after the deadline, a delegation the Secretariat allowed to submit late that it still may, until when; a
// delegate of a Council member that it is not among those who submit.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting } from '../../../../test/admin-fixtures.js';
import { testApp, testSecrets } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { formSession, signedInAs } from '../../../../test/http.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock, type Clock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { confirmSubmission, saveDraft, withdrawStatement } from '../../statements/index.js';
import { createDebate, grantLateSubmission } from '../index.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const PAGE = `/debates/${demoDebate.slug}`;
const IN_WINDOW = '2021-05-20T15:00:00Z';
const AFTER_DEADLINE = '2021-05-26T12:00:00Z';
const settings = { signing: testSecrets.signing, publicUrl: 'https://rostrum.example' };

describe('the debate page, for each reader', () => {
  let open: OpenDatabase;
  const delegates: Record<string, TestAccount> = {};

  async function submit(code: string, at: Clock): Promise<void> {
    const by = acting(delegates[code]!, { modules: ['statements'] });
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
      saveDraft(trx, at, by, {
        slug: demoDebate.slug,
        statement: file('statement.docx'),
        cover: file('cover.docx'),
        choices: { signatoryId: signatory.id, originalLanguage: 'en' },
      }),
    );
    await open.db.transaction().execute((trx) => confirmSubmission(trx, at, by, demoDebate.slug, settings));
  }

  /** The page as a new reader of that role and mission sees it at `at` (signed in just before). */
  async function pageAs(
    at: string,
    who?: { role: 'delegate' | 'focal_point'; mission: string; modules?: Array<'statements'> },
  ): Promise<string> {
    const clock = fixedClock(at);
    const app = await testApp(open.db, clock);
    try {
      const browser = who ? (await signedInAs(app, open.db, clock, who)).browser : formSession(app);
      const res = await browser.get(PAGE);
      expect(res.statusCode).toBe(200);
      return res.body;
    } finally {
      await app.close();
    }
  }

  beforeAll(async () => {
    open = await testDatabase();
    const clock = fixedClock('2021-05-06T12:00:00Z');
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    for (const code of ['ARG', 'PER', 'URY']) {
      delegates[code] = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: code });
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
    const received = fixedClock('2021-05-18T14:30:00Z');
    await submit('ARG', received);
    await submit('PER', received);
    await open.db
      .transaction()
      .execute((trx) =>
        withdrawStatement(
          trx,
          fixedClock('2021-05-19T16:00:00Z'),
          acting(delegates.PER!, { modules: ['statements'] }),
          demoDebate.slug,
          settings,
        ),
      );
    const officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
    await open.db
      .transaction()
      .execute((trx) =>
        grantLateSubmission(
          trx,
          fixedClock(AFTER_DEADLINE),
          acting(officer, {}),
          { debate: demoDebate.slug, delegation: 'URY', until: '2021-05-27T12:00', reason: 'The mission lost its connection on the day.' },
          settings,
        ),
      );
  });
  afterAll(async () => open?.close());

  const link = `<a class="button" href="${PAGE}/statement">Your delegation’s written statement</a>`;

  it.each([
    [
      'a visitor, while open',
      IN_WINDOW,
      undefined,
      ['Submissions are open.', 'delegates should contact their mission’s access focal point'],
      [link, 'id="your-statement"'],
    ],
    ['a visitor, after the deadline', AFTER_DEADLINE, undefined, ['<strong>Submissions are closed.</strong>'], [link, 'may still submit']],
    [
      'Brazil’s delegate, nothing sent yet',
      IN_WINDOW,
      { role: 'delegate', mission: 'BRA', modules: ['statements'] },
      ['<strong>Brazil’s written statement:</strong> not submitted yet.', 'Your delegation may submit it until', link],
      ['delegates should contact'],
    ],
    [
      'Brazil’s delegate without the module',
      IN_WINDOW,
      { role: 'delegate', mission: 'BRA' },
      ['not submitted yet.', 'delegates should contact their mission’s access focal point'],
      [link],
    ],
    [
      'Argentina’s delegate, statement received',
      IN_WINDOW,
      { role: 'delegate', mission: 'ARG', modules: ['statements'] },
      [
        '<strong>Argentina’s written statement:</strong> received on <time datetime="2021-05-18T14:30:00.000Z"',
        'Your delegation may replace it until',
        link,
      ],
      ['not submitted yet'],
    ],
    [
      'Peru’s focal point, statement withdrawn',
      IN_WINDOW,
      { role: 'focal_point', mission: 'PER' },
      ['<strong>Peru’s written statement:</strong> withdrawn on <time datetime="2021-05-19T16:00:00.000Z"'],
      ['received on'],
    ],
    [
      'Uruguay’s delegate after the deadline, a late submission allowed',
      AFTER_DEADLINE,
      { role: 'delegate', mission: 'URY', modules: ['statements'] },
      ['The deadline has passed, but Uruguay may still submit:', 'a late submission until <time datetime="2021-05-27T16:00:00.000Z"', link],
      ['Submissions are closed.'],
    ],
    [
      'Brazil’s delegate after the deadline, no late submission',
      AFTER_DEADLINE,
      { role: 'delegate', mission: 'BRA', modules: ['statements'] },
      ['<strong>Submissions are closed.</strong>', 'not submitted yet.'],
      ['may still submit', 'Your delegation may submit it until'],
    ],
    [
      'China’s delegate, a Council member that day',
      IN_WINDOW,
      { role: 'delegate', mission: 'CHN', modules: ['statements'] },
      ['China is not among the delegations that may submit a written statement to this debate'],
      ['not submitted yet'],
    ],
  ] as const)('%s', async (_reader, at, who, shown, hidden) => {
    const body = await pageAs(at, who ? { ...who, modules: [...(('modules' in who ? who.modules : undefined) ?? [])] } : undefined);
    for (const text of shown) expect(body, text).toContain(text);
    for (const text of hidden) expect(body, text).not.toContain(text);
  });
});
