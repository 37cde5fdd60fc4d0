// The announcement letter, end to end on the real server: the demo Secretariat officer signs in (setting up
// two-step verification, as the role requires), creates the seed's debate through the form, is told what is wrong
// with a deadline before the opening and an over-long theme, issues the letter under a symbol, waits on the desk
// while the server renders it in the background, and downloads every format from the public page. The DOCX is
// read by LibreOffice and its text matches the HTML's; the PDF is LibreOffice's; the XML validates against the
// Akoma Ntoso schema. Every page passes axe and logs no console error.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { convertDocxToText, htmlText } from '../document-text.js';
import { collectConsoleErrors, expectAccessible, signInDemoSecretariat } from './support.js';

const SLUG = 'sc-2021-05-24-safety-of-peacekeepers';
const THEME = 'United Nations peacekeeping operations: improving safety and security of peacekeepers';
const SCHEMA = path.resolve(import.meta.dirname, '../../schemas/akn-3.0/akomantoso30.xsd');

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

let page: Page;
let errors: () => string[];
let symbol: string;

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  errors = collectConsoleErrors(page);
});

test.afterEach(async () => {
  expect(errors(), 'console errors').toEqual([]);
});

/** The lines of a text, each with its spaces tidied, without empty lines or list bullets. */
function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').replace(/^• /, '').trim())
    .filter((l) => l.length > 0);
}

async function fillDebate(p: Page, over: Record<string, string> = {}): Promise<void> {
  const fields: Record<string, string> = {
    slug: SLUG,
    agendaItem: 'United Nations peacekeeping operations',
    theme: THEME,
    startsAt: '2021-05-24T10:00',
    chairName: 'Zhang Jun',
    chairFunction: 'Permanent Representative of China to the United Nations',
    submissionsOpenAt: '2021-05-05T09:00',
    letterDate: '2021-05-05',
    letterSignatureLines:
      "Permanent Representative and\nAmbassador Extraordinary and Plenipotentiary\nof the People's Republic of China to the United Nations",
    briefer_function_0: 'Under-Secretary-General for Peace Operations',
    briefer_name_0: 'Jean-Pierre Lacroix',
    briefer_function_1: 'Under-Secretary-General for Operational Support',
    section_paragraphs_0:
      'China proposes an open debate on how to keep the people who serve in peace operations safe.\n\nThreats have grown in kind and ' +
      'number, and the pandemic has added to them.',
    section_paragraphs_1: 'The debate is meant to gather ideas that can be put into practice.',
    section_paragraphs_2: 'Speakers may wish to address the following questions:',
    section_questions_2: 'Which risks matter most today?\n\nHow can those involved work better together?',
    section_paragraphs_3: 'The meeting will be held by videoconference.',
    guidanceParagraphs: 'Delegations may submit a written statement through Rostrum before the end of the meeting day.',
    contact_unit_0: 'Office of Information and Communications Technology help desk',
    contact_phone_0: '212 963 3333',
    contact_email_0: 'missions-support@un.int',
    contact_unit_1: 'Security Council Affairs Division',
    contact_email_1: 'dppa-scsb3@un.org',
    ...over,
  };
  for (const [id, value] of Object.entries(fields)) await p.locator(`#${id}`).fill(value);
  await p.locator('#format').selectOption('videoconference');
  await p.locator('#conceptNoteOriginal').selectOption('zh');
  await p.locator('#briefer_tbc_1').check();
}

test('the Secretariat officer signs in and sets up two-step verification (or uses it, set up by an earlier file)', async () => {
  await signInDemoSecretariat(page);
});

test('a deadline before the opening and an over-long theme are refused with their reasons, and nothing is saved', async () => {
  // The Secretariat lands on its work waiting; new debates start from the list of debates.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Debates' }).click();
  await page.getByRole('link', { name: 'New debate' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New debate');
  await expectAccessible(page, 'the new debate form');
  // The presiding State is not chosen: it is the State presiding the Council in the meeting's month.
  await expect(page.getByLabel('Presiding State')).toHaveValue('Set from the start of the meeting once it is filled in.');
  await expect(page.getByLabel('Presiding State')).toHaveAttribute('readonly', '');
  await fillDebate(page, { theme: 'A'.repeat(301), submissionDeadline: '2021-05-01T18:00' });
  await page.getByRole('button', { name: 'Create the debate' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('There is a problem');
  await expect(alert).toContainText('Theme is too long');
  await expect(alert).toContainText('must be after the opening of submissions');
  await expect(page.locator('#theme')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Presiding State')).toHaveValue('China, presiding in May 2021');
  await expectAccessible(page, 'the new debate form with its errors');
  expect((await page.request.get(`/debates/${SLUG}`)).status()).toBe(404);
});

test('the debate is created from the form with the seed’s facts', async () => {
  await fillDebate(page, { submissionDeadline: '' });
  await page.getByRole('button', { name: 'Create the debate' }).click();
  await expect(page).toHaveURL(new RegExp(`/debates/${SLUG}/desk`));
  await expect(page.getByRole('status')).toContainText('The debate was created.');
  await expectAccessible(page, 'the debate desk');
});

test('the letter is issued under a symbol and rendered in the background, the PDF included', async () => {
  // Issuing is a page of its own: the letter's date and signatory, what becomes public, the symbol to enter.
  await page.getByRole('link', { name: 'Review and issue the letter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Issue the announcement letter');
  await expect(page.locator('dl.facts')).toContainText('5 May 2021');
  await expectAccessible(page, 'the confirmation page of the letter');
  await page.getByLabel('Symbol assigned by the documents service').fill('S/2021/372');
  await page.getByLabel(/^I have checked the letter/).check();
  await page.getByRole('button', { name: 'Issue the letter' }).click();
  await expect(page.getByRole('status')).toContainText('The letter is being generated under its symbol');
  symbol = (await page.locator('#letter-heading + p strong').innerText()).trim();
  expect(symbol).toBe('S/2021/372');
  // The status region refreshes itself (status.js) until every format is made.
  const status = page.locator('#letter-status');
  await expect(status.getByRole('link', { name: 'PDF' })).toBeVisible({ timeout: 90_000 });
  for (const name of ['HTML', 'Word (DOCX)', 'Akoma Ntoso XML']) await expect(status.getByRole('link', { name }).first()).toBeVisible();
  await expect(status).not.toContainText('failed');
  await expectAccessible(page, 'the debate desk with the letter made');
});

test('the public page links to every format; the DOCX reads like the HTML, the PDF is a PDF, the XML validates', async () => {
  await page.goto(`/debates/${SLUG}`);
  await page.getByRole('link', { name: `Letter ${symbol}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Announcement letter (${symbol})`);
  await expect(
    page.getByRole('heading', { level: 2, name: /^Letter dated 5 May 2021 from the Permanent Representative of China/ }),
  ).toBeVisible();
  await expectAccessible(page, 'the public page of the letter');

  const files: Record<string, Buffer> = {};
  for (const [label, ext] of [
    ['HTML', 'html'],
    ['Word (DOCX)', 'docx'],
    ['PDF', 'pdf'],
    ['Akoma Ntoso XML', 'xml'],
  ] as const) {
    const link = page.getByRole('link', { name: label, exact: true });
    await expect(link).toHaveAttribute('href', `/debates/${SLUG}/letter.${ext}`);
    const res = await page.request.get(`/debates/${SLUG}/letter.${ext}`);
    expect(res.status(), ext).toBe(200);
    files[ext] = await res.body();
  }

  // The DOCX as LibreOffice reads it says what the HTML says, line for line.
  const docxText = await convertDocxToText(new Uint8Array(files.docx!));
  if (!docxText.ok) throw new Error(`LibreOffice could not read the DOCX: ${docxText.detail}`);
  const fromHtml = lines(htmlText(files.html!.toString('utf8')));
  expect(lines(docxText.text)).toEqual(fromHtml);
  expect(fromHtml).toContain(symbol);
  expect(fromHtml).toContain('(Signed) Zhang Jun');
  expect(fromHtml).toContain('[Original: Chinese]');
  expect(fromHtml).toContain('(b) How can those involved work better together?');

  expect(files.pdf!.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  const dir = mkdtempSync(path.join(os.tmpdir(), 'rostrum-e2e-akn-'));
  try {
    const file = path.join(dir, 'letter.xml');
    writeFileSync(file, files.xml!);
    const out = execFileSync('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toBe('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the programme lists the debate, and its HTML file is served under its own strict policy', async () => {
  await page.goto('/journal');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programme of open debates');
  await expectAccessible(page, 'the programme');
  const res = await page.request.get(`/debates/${SLUG}/letter.html`);
  expect(res.headers()['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
  await page.goto(`/debates/${SLUG}/letter.html`);
  await expect(page.getByText(symbol).first()).toBeVisible();
});
