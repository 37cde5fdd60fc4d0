// The Council's membership and presidencies, end to end on the real server: the demo Secretariat officer opens the
// Council page from the navigation, sees the years the reference data brings and the check, is told what is wrong
// with a State chosen twice, then adds 2027: five elected members, the twelve presidencies the rotation proposes from
// Liberia (December 2026), one month corrected, saved. Every page passes axe and logs no console error.
import { expect, test, type Page } from '@playwright/test';
import { collectConsoleErrors, expectAccessible, signInDemoSecretariat } from './support.js';

test.describe.configure({ mode: 'serial' });
test.setTimeout(60_000);

let page: Page;
let errors: () => string[];

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
  errors = collectConsoleErrors(page);
});

test.afterEach(async () => {
  expect(errors(), 'console errors').toEqual([]);
});

test('the Secretariat opens the Council page from its navigation', async () => {
  await signInDemoSecretariat(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Council' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The Security Council by year');
  await expect(page.getByRole('main')).toContainText('The Council data covers January 2020 to December 2026.');
  await expect(page.getByRole('table', { name: 'Presidencies in 2021' })).toContainText('May 2021');
  await expectAccessible(page, 'the Council page');
});

test('a State chosen twice is refused, with the summary and the message on its field', async () => {
  const form = page.getByRole('form', { name: 'Add 2027: the elected members' });
  for (const [i, code] of ['ARG', 'BEL', 'ARG', 'EGY', 'IDN'].entries())
    await form.getByLabel(`Elected member ${i + 1}`).selectOption(code);
  await page.getByRole('button', { name: 'Propose the presidencies' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('There is a problem');
  await expect(alert).toContainText('Elected member 3: Argentina is chosen twice.');
  await expect(page.getByLabel('Elected member 3')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the Council page with its errors');
});

test('2027 is added: the rotation proposes the presidencies, one month is corrected, the year is saved', async () => {
  await page.getByLabel('Elected member 3').selectOption('CAN');
  await page.getByRole('button', { name: 'Propose the presidencies' }).click();
  await expect(page.getByRole('main')).toContainText('Proposed by the rotation from Liberia, president in December 2026');
  await expect(page.getByLabel('January 2027')).toHaveValue('RUS');
  await expect(page.getByLabel('December 2027')).toHaveValue('FRA');
  await expectAccessible(page, 'the proposed presidencies');
  // The members agreed to exchange January and February.
  await page.getByLabel('January 2027').selectOption('GBR');
  await page.getByLabel('February 2027').selectOption('RUS');
  await page.getByRole('button', { name: 'Save 2027' }).click();
  await expect(page.getByRole('status')).toContainText('The year was added.');
  await expect(page.getByRole('main')).toContainText('The Council data covers January 2020 to December 2027.');
  await expect(page.getByRole('heading', { name: 'Add 2028' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Presidencies in 2027' })).toContainText(
    'United Kingdom of Great Britain and Northern Ireland',
  );
  await expect(page.getByRole('main')).toContainText(
    'January 2027: the United Kingdom of Great Britain and Northern Ireland is recorded as presiding, where the rotation gives the ' +
      'Russian Federation.',
  );
  await expectAccessible(page, 'the Council page after adding 2027');
});
