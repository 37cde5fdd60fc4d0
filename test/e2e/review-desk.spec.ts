// A day's work on the review desk, on the real server. The Secretariat opens a debate whose window is open now and
// enters three statements received by e-mail; the desk opens on the statements to review; the officer finds a
// delegation by a search typed without its accent, reads a statement on its reading page (rendered from its content:
// headings, bold, lists, a table) with what the checks found, returns it (first without a reason, refused beside the
// decision) and lands back on the desk in the same view, at the row that took its place; then accepts the rest at
// once, which asks first: on a page of its own without scripts (Cancel changes nothing), in a dialog with them.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { paragraphsDocument, richStatement } from '../fixtures/statement-files.js';
import { collectConsoleErrors, createDebateOpenNow, expectAccessible, signInDemoSecretariat } from './support.js';

const SLUG = 'e2e-review-desk';
const DESK = `/debates/${SLUG}/statements`;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const REASON = 'The cover letter is not signed: send it again, signed by the Permanent Representative.';

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

let context: BrowserContext;
let page: Page;
const errors: Array<() => string[]> = [];

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  errors.push(collectConsoleErrors(page));
});

test.afterEach(async () => {
  expect(
    errors.flatMap((e) => e()),
    'console errors',
  ).toEqual([]);
});

/** A statement that reached the Secretariat by e-mail while the window is open, entered from the desk's link. */
async function enterOnBehalf(code: string, label: string, statement: Uint8Array): Promise<void> {
  await page.goto(`${DESK}/${code}/on-behalf`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Enter a statement received by e-mail: ${label}`);
  await page.locator('#statement').setInputFiles({ name: `${code}-statement.docx`, mimeType: DOCX, buffer: Buffer.from(statement) });
  const cover = await paragraphsDocument([`Letter from the Permanent Mission of ${label}`, 'A. Representative']);
  await page.locator('#cover').setInputFiles({ name: `${code}-cover.docx`, mimeType: DOCX, buffer: Buffer.from(cover) });
  await page.locator('#signatoryId').selectOption('');
  await page.locator('#signatoryName').fill('A. Representative');
  await page.locator('#signatoryTitle').fill('Permanent Representative');
  await page.locator('#originalLanguage').selectOption('en');
  await page.locator('#note').fill('Received by e-mail from the mission.');
  await page.getByRole('button', { name: /^Record the statement of the/ }).click();
  await expect(page).toHaveURL(`${DESK}/${code}/history?done=entered`);
}

test('the Secretariat opens a debate and enters three statements received by e-mail', async () => {
  await signInDemoSecretariat(page);
  await createDebateOpenNow(page, {
    slug: SLUG,
    theme: 'Maintenance of international peace and security: a day on the review desk',
    purpose: 'A debate held to review written statements.',
  });
  const plain = (name: string) =>
    paragraphsDocument([`Statement by the delegation of ${name}`, `${name} thanks the presidency for this open debate.`]);
  await enterOnBehalf('ARG', 'Argentina', await plain('Argentina'));
  await enterOnBehalf('PER', 'Peru', await richStatement());
  await enterOnBehalf('URY', 'Uruguay', await plain('Uruguay'));
});

test('the desk opens on the statements to review, and finds a delegation typed without its accent', async () => {
  await page.goto(DESK);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Written statements to review');
  await expect(page.getByRole('navigation', { name: 'Filter by state' }).locator('[aria-current="page"]')).toHaveText(
    'Received, to review (3)',
  );
  await expect(page.getByRole('link', { name: /^All \(\d+\)$/ })).toBeVisible();
  await expect(page.locator('tbody tr')).toHaveCount(3);
  await expectAccessible(page, 'the review desk');

  await page.getByLabel('Find a delegation').fill('PÉRU');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(`${DESK}?state=received&q=P%C3%89RU`);
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.getByRole('row', { name: /Peru/ })).toBeVisible();
  await page.getByRole('link', { name: 'Show every delegation' }).click();
  await expect(page).toHaveURL(`${DESK}?state=received`);
  await expect(page.locator('tbody tr')).toHaveCount(3);
});

test('the officer reads Peru’s statement on its page, returns it with a reason, and lands back in the same view', async () => {
  await page.getByRole('link', { name: 'Read the statement of Peru' }).click();
  await expect(page).toHaveURL(`${DESK}/PER/read?state=received`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Statement of Peru');
  // Rendered from its content model: the headings, bold and italic, the lists and the table kept.
  const statement = page.locator('.doc-statement');
  await expect(statement.getByRole('heading', { name: 'Protection of civilians' })).toBeVisible();
  await expect(statement.locator('strong', { hasText: 'we thank' })).toBeVisible();
  await expect(statement.locator('em', { hasText: 'the Secretary-General' })).toBeVisible();
  await expect(statement.getByRole('listitem').filter({ hasText: 'First, access.' })).toBeVisible();
  await expect(statement.getByRole('columnheader', { name: 'Year' })).toBeVisible();
  await expect(page.getByText('Typed by the Secretariat: not on the mission’s list of authorised signatories')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Next in this list: Uruguay' })).toBeVisible();
  await expectAccessible(page, 'the reading page');

  // Without a reason: refused beside the decision, the field tied to the message.
  await page.getByText('Return for correction').click();
  await page.getByRole('button', { name: 'Return to Peru' }).click();
  const reason = page.getByLabel('What Peru should correct');
  await expect(page.locator('#reason-PER-error')).toContainText('Say what the delegation should correct');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAttribute('aria-describedby', /reason-PER-error/);
  await expectAccessible(page, 'the reading page with a refused return');

  await reason.fill(REASON);
  await page.getByRole('button', { name: 'Return to Peru' }).click();
  // Back on the statements to review, at the row that took Peru's place.
  await expect(page).toHaveURL(`${DESK}?state=received&done=returned&decided=PER#row-URY`);
  await expect(page.getByRole('status')).toHaveText(
    'Peru: the statement was returned for correction; the delegation was told why by e-mail.',
  );
  await expect(page.getByRole('navigation', { name: 'Filter by state' }).locator('[aria-current="page"]')).toHaveText(
    'Received, to review (2)',
  );
  await expect(page.locator('tbody tr')).toHaveCount(2);
  await page.getByRole('link', { name: 'Returned for correction (1)' }).click();
  await expect(page.getByRole('row', { name: /Peru/ })).toContainText(`Reason sent to the delegation: “${REASON}”`);
  await expectAccessible(page, 'the review desk with a returned statement');
});

test('without scripts, accepting every statement waiting asks on a page of its own, and Cancel changes nothing', async ({ browser }) => {
  const noScripts = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  try {
    const plain = await noScripts.newPage();
    await plain.goto(DESK);
    await plain.getByRole('button', { name: 'Accept all 2 statements waiting' }).click();
    await expect(plain).toHaveURL(`${DESK}/accept-all`);
    await expect(plain.getByRole('heading', { level: 1 })).toHaveText('Accept all 2 statements waiting?');
    await expect(plain.getByRole('button', { name: 'Accept all 2 statements waiting' })).toBeVisible();
    await plain.getByRole('link', { name: 'Cancel' }).click();
    await expect(plain).toHaveURL(`${DESK}?state=received`);
    await expect(plain.locator('tbody tr')).toHaveCount(2);
  } finally {
    await noScripts.close();
  }
  // The same page checked with axe, which needs scripts: the form sent as a browser without them sends it.
  await page.goto(DESK);
  // form.submit() sends the form without its submit event, which the confirmation script listens to.
  await Promise.all([
    page.waitForURL(`${DESK}/accept-all`),
    page.locator('form.confirm-form').evaluate((form: { submit(): void }) => form.submit()),
  ]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accept all 2 statements waiting?');
  await expectAccessible(page, 'the confirmation page of accepting every statement waiting');
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page.locator('tbody tr')).toHaveCount(2);
});

test('with scripts, a dialog asks first, and the rest are accepted', async () => {
  await page.goto(DESK);
  await page.getByRole('button', { name: 'Accept all 2 statements waiting' }).click();
  const dialog = page.getByRole('dialog', { name: 'Accept all 2 statements waiting?' });
  await expect(dialog).toBeVisible();
  // Cancel has the focus: Enter does not do what cannot be undone.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Accept all 2 statements waiting' }).click();
  await expect(page).toHaveURL(`${DESK}?state=received&done=accepted_all`);
  await expect(page.getByRole('status')).toHaveText('Every statement waiting was accepted.');
  await expect(page.getByText('No statement is waiting for a decision.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Accepted (2)' })).toBeVisible();
  await expectAccessible(page, 'the review desk with nothing waiting');
});
