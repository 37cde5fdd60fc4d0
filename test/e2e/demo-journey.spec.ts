// The demo as a newcomer tries it, on the real server and its real clock: the demo delegate of Brazil signs in,
// finds the demo's open debate (its deadline a few days after the day the demo was loaded), reads there that its
// delegation has not submitted yet, and submits a statement at once, with no late permission from anyone; the debate
// page then says the statement was received. The Secretariat's outbox page says that mail goes out over SMTP (the
// suite's server has a mail server; the outbox's messages are covered by src/web/outbox-routes.test.ts).
import { expect, test, type Page } from '@playwright/test';
import { CURRENT_DEMO_SLUG } from '../../src/demo/debate-current.js';
import { paragraphsDocument } from '../fixtures/statement-files.js';
import { collectConsoleErrors, demoAccount, expectAccessible, signInDemoSecretariat, submitSignIn, waitForMail } from './support.js';

const DEBATE = `/debates/${CURRENT_DEMO_SLUG}`;
const THEME = 'Protection of civilians in armed conflict: keeping humanitarian and health-care workers safe';
const COVER_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< ' +
    '/Root 1 0 R >>\n%%EOF\n',
);

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

let delegate: Page;
const errors: Array<() => string[]> = [];

test.beforeAll(async ({ browser }) => {
  delegate = await (await browser.newContext()).newPage();
  errors.push(collectConsoleErrors(delegate));
});

test.afterEach(async () => {
  expect(
    errors.flatMap((e) => e()),
    'console errors',
  ).toEqual([]);
});

test('the demo delegate finds the open debate, where submissions are open and nothing is sent yet', async () => {
  const page = delegate;
  await submitSignIn(page, demoAccount('delegate.brazil@'));
  // Signing in leads to the delegation's own statements, where the open debate waits for one.
  await expect(page).toHaveURL('/my/statements');
  await expect(page.getByRole('row', { name: new RegExp(THEME) })).toContainText('Not submitted');
  await expectAccessible(page, 'My statements of the demo delegate');
  await page.getByRole('link', { name: THEME }).first().click();
  await expect(page).toHaveURL(DEBATE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(THEME);
  await expect(page.locator('#deadline')).toContainText('Submissions are open.');
  await expect(page.locator('#deadline')).not.toContainText('closed');
  await expect(page.locator('#your-statement')).toContainText('Brazil’s written statement: not submitted yet.');
  await expect(page.locator('#your-statement')).toContainText('Your delegation may submit it until');
  await expectAccessible(page, 'the demo’s open debate');
});

test('the delegate submits a statement at once, without any late permission', async () => {
  const page = delegate;
  await page.getByRole('link', { name: 'Your delegation’s written statement' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Written statement of the Permanent Mission of Brazil to the United Nations',
  );
  await expect(page.locator('#deadline')).toContainText('Your delegation may submit until');
  await expectAccessible(page, 'the statement page of the demo’s open debate');
  const texts = [
    'Statement by the Permanent Mission of Brazil',
    'Brazil calls on every party to respect hospitals, ambulances and relief convoys, and supports a shared record of attacks ' +
      'against humanitarian and health-care workers.',
  ];
  await page.locator('#statement').setInputFiles({
    name: 'brazil-aid-workers.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: Buffer.from(await paragraphsDocument(texts)),
  });
  await page.locator('#cover').setInputFiles({ name: 'cover-letter.pdf', mimeType: 'application/pdf', buffer: COVER_PDF });
  await page.locator('#signatoryId').selectOption({ label: 'Ronaldo Costa Filho, Permanent Representative' });
  await page.locator('#originalLanguage').selectOption('en');
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page).toHaveURL(`${DEBATE}/statement/preview`);
  await expect(page.locator('.extract')).toContainText('Brazil calls on every party');
  await expectAccessible(page, 'the preview');
  await page.getByRole('button', { name: 'Confirm and submit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Receipt R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.getByRole('status')).toContainText('Your statement was received.');
  await expectAccessible(page, 'the receipt');
  const receipt = (await page.getByRole('heading', { level: 1 }).innerText()).replace('Receipt ', '');
  await waitForMail(demoAccount('delegate.brazil@').email, new RegExp(`^Receipt ${receipt}`));
});

test('the debate page then says the delegation’s statement was received', async () => {
  const page = delegate;
  await page.goto(DEBATE);
  await expect(page.locator('#your-statement')).toContainText('Brazil’s written statement: received on');
  await expect(page.locator('#your-statement')).toContainText('Your delegation may replace it until');
  await expectAccessible(page, 'the demo’s open debate after the submission');
});

test('the Secretariat’s outbox page says that mail goes out over SMTP', async ({ page }) => {
  errors.push(collectConsoleErrors(page));
  await signInDemoSecretariat(page);
  await page.goto('/outbox');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Outbox');
  await expect(page.getByText('sends its e-mails through its mail server (SMTP)')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await expectAccessible(page, 'the outbox page');
});
