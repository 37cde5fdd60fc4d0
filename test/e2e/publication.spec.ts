// The pages of publication on issue, in a real browser with axe: the presidency's read-only list and a statement
// that is not public yet (as the presidency sees it), then, once the compilation is issued, a published statement
// and the list of published statements as anyone sees them. The application runs in this process on its own
// database and a fixed clock in May 2021 (the demo debate's window), so statements can be sent, accepted, built into
// the compilation and issued through the commands, as the HTTP tests do.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { testApp, testConfig, testSecrets, sessionCookieValue } from '../app.js';
import { acting } from '../admin-fixtures.js';
import { debateWithBriefersConfirmed } from '../compilation-fixtures.js';
import { paragraphsDocument } from '../fixtures/statement-files.js';
import { demoDebate } from '../../src/demo/debate-2021-05.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { openDatabase, type OpenDatabase } from '../../src/kernel/db/database.js';
import { migrateToLatest } from '../../src/kernel/db/migrate.js';
import { readDocxContent, withoutImageBytes } from '../../src/kernel/ooxml/content.js';
import { syncReferenceMissions } from '../../src/modules/delegations/index.js';
import { buildCompilation, issueCompilation } from '../../src/modules/compilation/commands/compile.js';
import { createSession } from '../../src/modules/identity/index.js';
import { createDebate, syncCouncilData } from '../../src/modules/meetings/index.js';
import { reviewStatement } from '../../src/modules/statements/commands/review-statement.js';
import { saveDraft } from '../../src/modules/statements/commands/save-draft.js';
import { confirmSubmission } from '../../src/modules/statements/commands/submit-statement.js';
import { collectConsoleErrors, expectAccessible } from './support.js';
import { addAccount, type TestAccount } from '../accounts.js';

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

const clock = fixedClock('2021-05-20T15:00:00Z');
const slug = demoDebate.slug;
let open: OpenDatabase;
let app: Awaited<ReturnType<typeof testApp>>;
let base = '';
let officer: TestAccount;
/** Every browser context opened, closed before the server: an open page may keep a connection busy (status.js polls). */
const contexts: BrowserContext[] = [];

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}

async function submit(code: string, texts: string[]): Promise<string> {
  const delegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: code });
  const signatory = randomUUID();
  await open.db
    .insertInto('delegations.signatories')
    .values({
      id: signatory,
      mission: code,
      name: `Envoy ${code}`,
      title: 'Permanent Representative',
      from_date: '2020-01-01',
      to_date: null,
      created_at: clock.now(),
      created_by: null,
      removed_at: null,
    })
    .execute();
  const bytes = await paragraphsDocument(texts);
  const file = (name: string) => ({
    name,
    bytes,
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    check: {
      outcome: 'accept' as const,
      size: bytes.length,
      words: 20,
      kind: 'docx' as const,
      warnings: [],
      content: withoutImageBytes(readDocxContent(bytes)),
    },
  });
  const by = acting(delegate, { modules: ['statements'] });
  await open.db.transaction().execute((trx) =>
    saveDraft(trx, clock, by, {
      slug,
      statement: file('statement.docx'),
      cover: file('cover.docx'),
      choices: { signatoryId: signatory, originalLanguage: 'en' },
    }),
  );
  await open.db
    .transaction()
    .execute((trx) => confirmSubmission(trx, clock, by, slug, { signing: testSecrets.signing, publicUrl: 'https://rostrum.example' }));
  return (
    await open.db.selectFrom('statements.submissions').select('current_revision').where('delegation', '=', code).executeTakeFirstOrThrow()
  ).current_revision;
}

const decide = (code: string, revisionId: string, decision: 'accepted' | 'returned') =>
  open.db
    .transaction()
    .execute((trx) =>
      reviewStatement(
        trx,
        clock,
        acting(officer),
        { slug, delegation: code, revisionId, decision, reason: 'Please sign the cover letter.' },
        { publicUrl: 'https://rostrum.example' },
      ),
    );

/** A page signed in as a new account of that role and mission, through a session cookie. */
async function signedInPage(
  browser: Browser,
  role: 'delegate' | 'secretariat',
  mission: string | null,
  modules: Array<'statements' | 'presidency'> = [],
): Promise<Page> {
  const account = await addAccount(open.db, clock, { hashed: false, role, mission });
  for (const module of modules) {
    await open.db
      .insertInto('identity.module_grants')
      .values({
        id: randomUUID(),
        account_id: account.id,
        module,
        granted_at: clock.now(),
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
  }
  const settings = { idleMinutes: testConfig().SESSION_IDLE_MINUTES, maxHours: testConfig().SESSION_MAX_HOURS };
  const { token } = await open.db.transaction().execute((trx) => createSession(trx, clock, settings, account.id, 'active', {}));
  const page = await newPage(browser);
  await page.context().addCookies([{ name: 'rostrum_session', value: sessionCookieValue(token), url: base }]);
  return page;
}

async function visit(page: Page, path: string, status = 200): Promise<void> {
  const errors = collectConsoleErrors(page);
  const res = await page.goto(`${base}${path}`);
  expect(res?.status(), path).toBe(status);
  await expectAccessible(page, path);
  expect(errors(), 'console errors').toEqual([]);
}

test.beforeAll(async () => {
  open = await openDatabase({ kind: 'pglite' });
  await migrateToLatest(open.db);
  await syncReferenceMissions(open.db, clock);
  await syncCouncilData(open.db, clock);
  await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, debateWithBriefersConfirmed));
  officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
  await decide(
    'BRA',
    await submit('BRA', ['Statement of Brazil', 'Brazil supports the safety of peacekeepers, and <b>markup</b> stays text.']),
    'accepted',
  );
  await decide('ARG', await submit('ARG', ['Statement of Argentina', 'A statement returned for correction.']), 'returned');
  app = await testApp(open.db, clock);
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  // Closing waits for the server's open connections and the embedded database; on a loaded machine that is slow.
  test.setTimeout(120_000);
  await Promise.all(contexts.map((c) => c.close()));
  await app?.close();
  await open?.close();
});

test('before issue: the presidency’s read-only list and a statement not public yet are accessible; the public gets not found', async ({
  browser,
}) => {
  // China presides the Council in May 2021.
  // China's staff given the presidency module by its focal point.
  const presidency = await signedInPage(browser, 'delegate', 'CHN', ['presidency']);
  await visit(presidency, `/debates/${slug}/desk/statements`);
  await expect(presidency.getByRole('row', { name: /Brazil/ })).toContainText('Accepted');
  await expect(presidency.getByRole('button')).toHaveCount(0);
  await visit(presidency, `/debates/${slug}/statements/BRA`);
  await expect(presidency.getByRole('heading', { level: 1 })).toHaveText('Brazil');
  await expect(presidency.getByText('Not public.')).toBeVisible();
  const anonymous = await newPage(browser);
  expect((await anonymous.goto(`${base}/debates/${slug}/statements/BRA`))?.status()).toBe(404);
});

test('after issue: a published statement and the list of published statements are accessible to anyone', async ({ browser }) => {
  const { seq } = await open.db.transaction().execute((trx) => buildCompilation(trx, clock, acting(officer), slug));
  const { symbol } = await open.db
    .transaction()
    .execute((trx) => issueCompilation(trx, clock, acting(officer), slug, seq, { symbol: { kind: 'counter' } }));
  const anonymous = await newPage(browser);
  await visit(anonymous, `/debates/${slug}/statements/BRA`);
  // Brazil's is the document's only annex: "Annex", as its heading "Annex to the letter dated ..." says.
  await expect(anonymous.getByRole('link', { name: 'Annex', exact: true })).toBeVisible();
  await expect(anonymous.getByText('<b>markup</b> stays text.', { exact: false })).toBeVisible();
  await visit(anonymous, `/debates/${slug}/compilation/statements`);
  await expect(anonymous.getByRole('row', { name: /Brazil/ })).toContainText(`Annex to ${symbol}`);
  await expect(anonymous.locator('caption')).toContainText('1 written statement, in the order');
  await expect(anonymous.getByRole('row', { name: /Argentina/ })).toHaveCount(0);
  expect((await anonymous.goto(`${base}/debates/${slug}/statements/ARG`))?.status()).toBe(404);
});
