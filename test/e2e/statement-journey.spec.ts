// A written statement, end to end on the real server and its real clock. The Secretariat opens a debate whose
// window is open now; the demo delegate of Brazil (given access to statements by the demo's focal point) uploads a
// PDF as the statement and is told why it is refused, then uploads a Word statement and a PDF cover letter, checks
// the preview, confirms and gets a signed receipt by page and by e-mail; a file over the limit is refused before it
// is sent (with scripts) or comes back to the form (without); replaces the statement from a form that starts from the
// current version; a session that ends mid-form leads to signing in and back to the form with nothing lost; withdraws
// the statement through the confirmation dialog; the receipt checks out on the public page, pasted or as the file;
// then the Secretariat brings the deadline forward to a minute already past, and the delegate's page is locked and
// says so, in New York time and the reader's.
import { expect, test, type Page } from '@playwright/test';
import { paragraphsDocument } from '../fixtures/statement-files.js';
import {
  collectConsoleErrors,
  createDebateOpenNow,
  demoAccount,
  expectAccessible,
  nyMinute,
  signInDemoSecretariat,
  submitSignIn,
  waitForMail,
} from './support.js';

const SLUG = 'e2e-open-debate-on-statements';
const PAGE = `/debates/${SLUG}/statement`;
/** One byte over the server's limit (UPLOAD_MAX_MB, 10 MB by default). */
const TOO_LARGE = Buffer.alloc(10 * 1024 * 1024 + 1);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const COVER_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< ' +
    '/Root 1 0 R >>\n%%EOF\n',
);

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

let secretariat: Page;
let delegate: Page;
const errors: Array<() => string[]> = [];
let firstReceipt = '';

test.beforeAll(async ({ browser }) => {
  secretariat = await (await browser.newContext()).newPage();
  delegate = await (await browser.newContext({ acceptDownloads: true })).newPage();
  errors.push(collectConsoleErrors(secretariat), collectConsoleErrors(delegate));
});

test.afterEach(async () => {
  expect(
    errors.flatMap((e) => e()),
    'console errors',
  ).toEqual([]);
});

async function statementFile(texts: string[]): Promise<Buffer> {
  return Buffer.from(await paragraphsDocument(texts));
}

test('the Secretariat opens a debate whose window is open now', async () => {
  const page = secretariat;
  await signInDemoSecretariat(page);

  await createDebateOpenNow(page, {
    slug: SLUG,
    theme: 'Maintenance of international peace and security: a debate to try written statements',
    purpose: 'A debate held to show how written statements are submitted.',
  });
});

test('the delegate of Brazil opens the statement page from the debate', async () => {
  const page = delegate;
  await submitSignIn(page, demoAccount('delegate.brazil@'));
  await expect(page).toHaveURL('/my/statements');
  await page.goto(`/debates/${SLUG}`);
  await page.getByRole('link', { name: 'Your delegation’s written statement' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Written statement of the Permanent Mission of Brazil to the United Nations',
  );
  await expect(page.locator('#deadline')).toContainText('Your delegation may submit until');
  await expectAccessible(page, 'the statement page');
});

test('a PDF chosen as the statement is refused with what it is, and the rest is kept', async () => {
  const page = delegate;
  await page.locator('#statement').setInputFiles({ name: 'statement.pdf', mimeType: 'application/pdf', buffer: COVER_PDF });
  await page.locator('#cover').setInputFiles({ name: 'cover-letter.pdf', mimeType: 'application/pdf', buffer: COVER_PDF });
  await page.locator('#signatoryId').selectOption({ label: 'Ronaldo Costa Filho, Permanent Representative' });
  await page.locator('#originalLanguage').selectOption('en');
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('alert')).toContainText('There is a problem');
  await expect(page.locator('#statement-error')).toContainText('PDF');
  await expect(page.getByText('Cover letter already uploaded:')).toBeVisible();
  await expect(page.locator('#signatoryId')).toHaveValue(/[0-9a-f-]{36}/);
  await expectAccessible(page, 'the statement page with a refused file');
});

test('with scripts, a file over the limit is refused before anything is sent, with the limit beside its field', async () => {
  const page = delegate;
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') sent.push(r.url());
  });
  await page.locator('#statement').setInputFiles({ name: 'huge-statement.docx', mimeType: DOCX, buffer: TOO_LARGE });
  await expect(page.locator('#statement-size-error')).toHaveText(
    /^The file “huge-statement\.docx” is larger than 10 MB, the most this form accepts/,
  );
  await expect(page.locator('#statement')).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.locator('#statement')).toBeFocused();
  expect(sent).toEqual([]);
  await expectAccessible(page, 'the statement form with a file over the limit');
});

test('without scripts, a file over the limit comes back to the form with the limit and what was typed', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await submitSignIn(page, demoAccount('delegate.brazil@'));
  await page.goto(PAGE);
  await page.locator('#statement').setInputFiles({ name: 'huge-statement.docx', mimeType: DOCX, buffer: TOO_LARGE });
  await page.locator('#onBehalfOf').fill('the Group of Friends of Peacekeepers');
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.locator('#statement-error')).toContainText('The file “huge-statement.docx” is larger than 10 MB');
  await expect(page.locator('#onBehalfOf')).toHaveValue('the Group of Friends of Peacekeepers');
  // axe runs as a script, which this context does not run: the same form with a message beside its field is checked
  // with scripts above.
  await context.close();
});

test('the statement is uploaded, previewed, confirmed, and receipted on the page and by e-mail', async () => {
  const page = delegate;
  const texts = [
    'Statement by the Permanent Mission of Brazil',
    'Brazil thanks the presidency for this debate and supports practical steps to protect those who serve in peace operations: ' +
      'training before deployment, medical evacuation within the first hour, and early warning shared with host countries.',
  ];
  await page.locator('#statement').setInputFiles({
    name: 'brazil-statement.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: await statementFile(texts),
  });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page).toHaveURL(`${PAGE}/preview`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check and confirm');
  await expect(page.locator('dl.facts')).toContainText(/\d+ words/);
  await expect(page.locator('.extract')).toContainText('Brazil thanks the presidency');
  await expectAccessible(page, 'the preview');
  await page.getByRole('button', { name: 'Confirm and submit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Receipt R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  firstReceipt = (await page.getByRole('heading', { level: 1 }).innerText()).replace('Receipt ', '');
  await expect(page.getByRole('status')).toContainText('Your statement was received.');
  await expect(page.locator('dl.facts')).toContainText('brazil-statement.docx');
  await expectAccessible(page, 'the receipt');
  const mail = await waitForMail(demoAccount('delegate.brazil@').email, new RegExp(`^Receipt ${firstReceipt}`));
  expect(mail.text).toContain('"signature"');
  await waitForMail(demoAccount('focal.brazil@').email, new RegExp(`^Receipt ${firstReceipt}`));
});

test('the receipt checks out on the public page, and a changed one does not', async () => {
  const page = delegate;
  const file = await page.request.get(`${PAGE}/receipts/${firstReceipt}.json`);
  const text = await file.text();
  await page.goto('/receipts/verify');
  await page.getByLabel('Or the receipt’s text').fill(text);
  await page.getByRole('button', { name: 'Check the receipt' }).click();
  await expect(page.getByRole('status')).toContainText('This receipt is valid');
  await page.getByLabel('Or the receipt’s text').fill(text.replace('brazil-statement.docx', 'another.docx'));
  await page.getByRole('button', { name: 'Check the receipt' }).click();
  await expect(page.getByRole('alert')).toContainText('This receipt is not valid');
  await expectAccessible(page, 'the receipt check');
  // The file as downloaded, without pasting anything.
  await page.getByLabel('Or the receipt’s text').fill('');
  await page
    .getByLabel('Receipt file')
    .setInputFiles({ name: `receipt-${firstReceipt}.json`, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Check the receipt' }).click();
  await expect(page.getByRole('status')).toContainText('This receipt is valid');
});

test('a replacement starts from the current version: only the statement is chosen again', async () => {
  const page = delegate;
  await page.goto(PAGE);
  await expect(page.getByRole('heading', { name: 'Replace the statement' })).toBeVisible();
  await expect(page.locator('#signatoryId option:checked')).toHaveText('Ronaldo Costa Filho, Permanent Representative');
  await expect(page.locator('#originalLanguage')).toHaveValue('en');
  await expect(page.getByText('The current version’s cover letter, cover-letter.pdf, is kept unless you choose a new one.')).toBeVisible();
  await expectAccessible(page, 'the replacement form');
  await page.locator('#statement').setInputFiles({
    name: 'brazil-statement-v2.docx',
    mimeType: DOCX,
    buffer: await statementFile(['Statement by the Permanent Mission of Brazil', 'A shorter version, replacing the first.']),
  });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.locator('dl.facts')).toContainText('cover-letter.pdf (PDF)');
  await page.getByRole('button', { name: 'Confirm and submit' }).click();
  await expect(page.locator('dl.facts')).toContainText('version 2');
  await page.goto(PAGE);
  await expect(page.getByRole('table', { name: 'Every version received, the latest first' }).getByRole('row')).toHaveCount(3);
  await expect(page.getByText('brazil-statement-v2.docx').first()).toBeVisible();
});

test('a session that ends mid-form leads to signing in and back to the form, with the notice and what was typed', async () => {
  const page = delegate;
  await page.goto(PAGE);
  await page.context().clearCookies({ name: 'rostrum_session' });
  await page.locator('#onBehalfOf').fill('the Group of Friends of Peacekeepers');
  await page
    .locator('#statement')
    .setInputFiles({ name: 'brazil-statement-v3.docx', mimeType: DOCX, buffer: await statementFile(['A third version, sent too late.']) });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your session ended');
  await expect(page.locator('main')).toContainText('nothing was submitted');
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('status')).toContainText('Your session had ended');
  await expectAccessible(page, 'the sign-in page on the way back to a form');
  const account = demoAccount('delegate.brazil@');
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${PAGE}?done=unsent`);
  await expect(page.getByRole('status')).toContainText('nothing was submitted');
  await expect(page.locator('#onBehalfOf')).toHaveValue('the Group of Friends of Peacekeepers');
  await expectAccessible(page, 'the form reached again after signing in');
  // Still version 2: the form sent while signed out did nothing.
  await expect(page.getByRole('table', { name: 'Every version received, the latest first' }).getByRole('row')).toHaveCount(3);
});

test('withdrawing asks first in a dialog, and then withdraws', async () => {
  const page = delegate;
  await page.goto(PAGE);
  await page.getByRole('button', { name: 'Withdraw the statement' }).click();
  const dialog = page.getByRole('dialog', { name: 'Withdraw your delegation’s statement?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'the withdrawal dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Withdraw the statement' }).click();
  await dialog.getByRole('button', { name: 'Withdraw the statement' }).click();
  await expect(page.getByRole('status')).toContainText('The statement was withdrawn.');
  await page.goto(PAGE);
  await expect(page.locator('main')).toContainText('was withdrawn');
});

test('after the deadline the page is locked and says so', async () => {
  // The Secretariat brings the deadline forward to a minute already past: the server's clock is now after it.
  await secretariat.goto(`/debates/${SLUG}/edit`);
  const deadline = nyMinute(-2);
  await secretariat.locator('#submissionDeadline').fill(deadline);
  await secretariat.getByRole('button', { name: 'Save the changes' }).click();
  await expect(secretariat.getByRole('status')).toContainText('The changes were saved.');

  const page = delegate;
  await page.goto(PAGE);
  await expect(page.locator('#deadline')).toContainText('Submissions are closed.');
  await expect(page.locator('#deadline')).toContainText('New York time');
  await expect(page.locator('#closed-local')).toContainText('Your time');
  await expect(page.getByRole('button', { name: 'Upload and preview' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Withdraw the statement' })).toHaveCount(0);
  await expectAccessible(page, 'the locked statement page');
});
