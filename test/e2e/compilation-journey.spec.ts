// The seed's debate (24 May 2021, safety and security of peacekeepers: the demo's), from written statements to the
// issued compilation, on the real server and its real clock. Submissions closed in 2021, so the Secretariat enters the
// statements that reached it by e-mail before the deadline on the delegations' behalf (stating when each was received),
// adds the European Union to those that may submit, and allows Brazil a late submission, which the demo delegate of
// Brazil makes through its own statement page. Fourteen delegations submit: an entity, States whose names take "the" or
// come inverted, an Arabic and a Chinese statement, one with a footnote and a table. The Secretariat returns one with a
// reason and accepts the rest at once (after the confirmation dialog), records a briefing and two Council members'
// statements on the speakers' page, builds the compilation, waits for every format and issues it. The letter names the
// briefer and the Council members, then lists the thirteen submitters in English alphabetical order of their sort keys,
// in running-text form; the annexes are numbered in order (briefing, Council members, written statements) with the
// composer's headings; the Arabic annex is right to left; the XML validates against the Akoma Ntoso schema, the Word
// file holds the annexes, and a statement's page is public.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { localDateTimeIn } from '../../src/kernel/dates.js';
import {
  coverLetter,
  CHINESE_TITLE,
  FOOTNOTE_TEXT,
  ON_BEHALF,
  TABLE_HEADINGS,
  TABLE_ROW,
  type WrittenSubmission,
} from '../fixtures/debate-statements.js';
import { ARABIC_PARAGRAPH, CHINESE_PARAGRAPH } from '../fixtures/rich-content.js';
import { paragraphsDocument } from '../fixtures/statement-files.js';
import { collectConsoleErrors, demoAccount, expectAccessible, signInDemoSecretariat, submitSignIn, waitForMail } from './support.js';

const SLUG = 'sc-2021-05-24-peacekeepers-safety';
const DESK = `/debates/${SLUG}/statements`;
const RUNS = `/debates/${SLUG}/compilation/runs`;
const SCHEMA = path.resolve(import.meta.dirname, '../../schemas/akn-3.0/akomantoso30.xsd');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const RETURNED = ON_BEHALF.find((s) => s.code === 'ARG')!;
const RETURN_REASON = 'The cover letter is not signed: please send it again with the signature of the Permanent Representative.';

/** The submitters in the letter, as the Council writes them: English order of the sort keys, running-text forms. */
const WRITTEN_LIST =
  'the Plurinational State of Bolivia, Brazil, Egypt, the European Union, Germany, Indonesia, the Islamic Republic of Iran, Japan, ' +
  'the Netherlands, the Philippines, the Republic of Korea, Singapore and Uruguay';

/** The briefing and the Council members' statements recorded on the speakers' page, and the letter's first paragraph. */
const COUNCIL = [
  { code: 'RUS', name: 'Pavel Sokolov', title: 'Deputy Permanent Representative' },
  { code: 'NER', name: 'Issoufou Garba', title: 'Permanent Representative' },
];
const FIRST_PARAGRAPH =
  'I have the honour to enclose herewith a copy of the briefing provided by Jean-Pierre Lacroix, Under-Secretary-General for Peace ' +
  'Operations, as well as the statements delivered by the representatives of the Niger and the Russian Federation in connection with ' +
  'the video-teleconference on “United Nations peacekeeping operations: improving safety and security of peacekeepers”, convened on ' +
  'Monday, 24 May 2021, under the presidency of China.';

/**
 * The annexes in order: the briefing, the Council members' statements, then the written statements in the order of
 * the list, each "Statement by the <function> of <heading form of the name>, <name>".
 */
const ANNEX_TITLES = [
  'Briefing by the Under-Secretary-General for Peace Operations, Jean-Pierre Lacroix',
  'Statement by the Permanent Representative of the Niger to the United Nations, Issoufou Garba',
  'Statement by the Deputy Permanent Representative of the Russian Federation to the United Nations, Pavel Sokolov',
  'Statement by the Permanent Representative of Bolivia (Plurinational State of) to the United Nations, Sergio Mamani Quispe',
  'Statement by the Permanent Representative of Brazil to the United Nations, Ronaldo Costa Filho',
  'Statement by the Permanent Representative of Egypt to the United Nations, Hisham Adel Mansour',
  'Statement by the Head of the Delegation of the European Union, Katrin Lindqvist',
  'Statement by the Deputy Permanent Representative of Germany to the United Nations, Friedrich Albers',
  'Statement by the Permanent Representative of Indonesia to the United Nations, Dian Kusuma Wardani',
  'Statement by the Permanent Representative of Iran (Islamic Republic of) to the United Nations, Reza Tavakoli',
  'Statement by the Permanent Representative of Japan to the United Nations, Kenji Nakamura',
  'Statement by the Permanent Representative of the Netherlands to the United Nations, Marieke van Dam',
  "Statement by the Chargé d'affaires a.i. of the Permanent Mission of the Philippines to the United Nations, Antonio Reyes Santos",
  'Statement by the Permanent Representative of the Republic of Korea to the United Nations, Kim Min-jun',
  'Statement by the Permanent Representative of Singapore to the United Nations, Tan Wei Ming',
  'Statement by the Permanent Representative of Uruguay to the United Nations, Lucía Fernández Castro',
];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI'];

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

let secretariat: Page;
let delegate: Page;
const errors: Array<() => string[]> = [];
let symbol = '';

test.beforeAll(async ({ browser }) => {
  secretariat = await (await browser.newContext({ acceptDownloads: true })).newPage();
  delegate = await (await browser.newContext()).newPage();
  errors.push(collectConsoleErrors(secretariat), collectConsoleErrors(delegate));
});

test.afterEach(async () => {
  expect(
    errors.flatMap((e) => e()),
    'console errors',
  ).toEqual([]);
});

function docx(name: string, bytes: Uint8Array) {
  return { name, mimeType: DOCX, buffer: Buffer.from(bytes) };
}

/** The Secretariat enters a statement received by e-mail before the deadline, from the review desk's link. */
async function enterOnBehalf(page: Page, s: WrittenSubmission): Promise<void> {
  await page.goto(`${DESK}/${s.code}/on-behalf`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Enter a statement received by e-mail: ${s.label}`);
  await page.locator('#statement').setInputFiles(docx(`${s.code}-statement.docx`, await s.statement()));
  await page.locator('#cover').setInputFiles(docx(`${s.code}-cover-letter.docx`, await coverLetter(s)));
  await page.locator('#signatoryId').selectOption('');
  await page.locator('#signatoryName').fill(s.signatory.name);
  await page.locator('#signatoryTitle').fill(s.signatory.title);
  await page.locator('#originalLanguage').selectOption(s.language);
  await page.locator('#note').fill(`Received by e-mail from the mission on 24 May 2021 at 6.30 p.m.`);
  await page.locator('#receivedBefore').fill('2021-05-24T18:30');
  // The mission named as a sentence does: "the Permanent Mission of the Philippines", "the Delegation of the European Union".
  await page
    .getByRole('button', { name: /^Record the statement of the (Permanent Mission|Delegation) of .+ to the United Nations$/ })
    .click();
  await expect(page).toHaveURL(`${DESK}/${s.code}/history?done=entered`);
  await expect(page.getByRole('status')).toContainText('The statement was recorded on the delegation’s behalf');
}

test('the Secretariat adds the European Union and allows Brazil a late submission on the debate desk', async () => {
  const page = secretariat;
  await signInDemoSecretariat(page);
  await page.goto(`/debates/${SLUG}/desk`);
  const eligibility = page.getByRole('form', { name: 'Add a delegation' });
  await eligibility.getByLabel('Add a delegation or entity').selectOption({ label: 'European Union' });
  await eligibility.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('status')).toHaveText('The delegation may now submit a statement to this debate.');

  const late = page.getByRole('form', { name: 'Allow a late submission' });
  await late.getByLabel('Delegation').selectOption({ label: 'Brazil' });
  await late
    .getByLabel('May submit until')
    .fill(`${localDateTimeIn(new Date(Date.now() + 2 * 24 * 3600_000), 'America/New_York').slice(0, 10)}T18:00`);
  await late.getByLabel('Reason').fill('The mission’s connection failed as it was sending its statement.');
  await late.getByRole('button', { name: 'Allow a late submission' }).click();
  await expect(page.getByRole('status')).toHaveText('The late submission was allowed.');
});

test('the Secretariat enters thirteen statements received by e-mail on the delegations’ behalf', async () => {
  const page = secretariat;
  for (const s of ON_BEHALF) await enterOnBehalf(page, s);
  await page.goto(`${DESK}?state=received`);
  await expect(page.getByRole('row', { name: 'European Union' })).toContainText('entered by the Secretariat, received Monday, 24 May 2021');
  await expect(page.getByRole('row', { name: 'Philippines' })).toContainText("Antonio Reyes Santos, Chargé d'affaires a.i.");
  await expect(page.getByRole('row', { name: 'Philippines' })).toContainText('Typed by the Secretariat');
});

test('the delegate of Brazil submits its statement late, through its own statement page', async () => {
  const account = demoAccount('delegate.brazil@');
  const page = delegate;
  await submitSignIn(page, account);
  await expect(page).toHaveURL('/my/statements');
  await page.goto(`/debates/${SLUG}`);
  await page.getByRole('link', { name: 'Your delegation’s written statement' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Written statement of the Permanent Mission of Brazil to the United Nations',
  );
  const statement = await paragraphsDocument([
    'Statement by the Permanent Mission of Brazil',
    'Brazil thanks the presidency for this debate and supports practical steps to protect those who serve in peace operations: ' +
      'training before deployment, medical evacuation within the first hour, and early warning shared with host countries.',
  ]);
  await page.locator('#statement').setInputFiles(docx('brazil-statement.docx', statement));
  await page
    .locator('#cover')
    .setInputFiles(
      docx(
        'brazil-cover-letter.docx',
        await coverLetter({ label: 'Brazil', signatory: { name: 'Ronaldo Costa Filho', title: 'Permanent Representative' } }),
      ),
    );
  await page.locator('#signatoryId').selectOption({ label: 'Ronaldo Costa Filho, Permanent Representative' });
  await page.locator('#originalLanguage').selectOption('en');
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check and confirm');
  await page.getByRole('button', { name: 'Confirm and submit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Receipt R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.getByRole('status')).toContainText('Your statement was received.');
  const receipt = (await page.getByRole('heading', { level: 1 }).innerText()).replace('Receipt ', '');
  await waitForMail(account.email, new RegExp(`^Receipt ${receipt}`));
});

test('the Secretariat returns one statement with its reason and accepts every other at once', async () => {
  const page = secretariat;
  await page.goto(DESK);
  // The desk opens on the statements to review.
  await expect(page.getByRole('navigation', { name: 'Filter by state' }).locator('[aria-current="page"]')).toHaveText(
    'Received, to review (14)',
  );
  await expectAccessible(page, 'the review desk');
  const row = page.getByRole('row', { name: RETURNED.label });
  await row.getByText('Return for correction').click();
  await row.getByLabel(`What ${RETURNED.label} should correct`).fill(RETURN_REASON);
  await row.getByRole('button', { name: `Return to ${RETURNED.label}` }).click();
  await expect(page.getByRole('status')).toHaveText(
    `${RETURNED.label}: the statement was returned for correction; the delegation was told why by e-mail.`,
  );
  // No longer to review: the desk came back to the same view, without it.
  await expect(page).toHaveURL(new RegExp(`\\?state=received&done=returned&decided=${RETURNED.code}#row-`));
  await expect(page.getByRole('row', { name: RETURNED.label })).toHaveCount(0);

  await expect(page.getByRole('row', { name: 'Brazil' })).toContainText('(late, allowed)');
  await page.getByRole('button', { name: 'Accept all 13 statements waiting' }).click();
  const dialog = page.getByRole('dialog', { name: 'Accept all 13 statements waiting?' });
  await dialog.getByRole('button', { name: 'Accept all 13 statements waiting' }).click();
  await expect(page.getByRole('status')).toHaveText('Every statement waiting was accepted.');
  await expect(page.getByRole('link', { name: 'Accepted (13)' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Returned for correction \(1\)$/ })).toBeVisible();
  await page.getByRole('link', { name: /^All \(\d+\)$/ }).click();
  await expect(page.getByRole('row', { name: RETURNED.label })).toContainText(RETURN_REASON);
  await expect(page.getByRole('row', { name: RETURNED.label })).not.toContainText('Accepted');
  await expectAccessible(page, 'the review desk after the decisions');
});

test('the briefing and two Council members’ statements are recorded on the speakers’ page', async () => {
  const page = secretariat;
  await page.goto(DESK);
  await page.getByRole('link', { name: 'Speakers of the meeting' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Speakers of the meeting');
  const record = page.getByRole('form', { name: 'Record a text' });
  await record.getByLabel('Who spoke').selectOption('briefer');
  await record
    .getByLabel('Announced briefer (for a briefing)')
    .selectOption({ label: 'Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations' });
  await record.getByLabel('Language the text was written in').selectOption('en');
  const briefing = await paragraphsDocument([
    'Briefing on the safety and security of peacekeepers',
    'Since 2013, malicious acts have cost the lives of more than 260 peacekeepers.',
  ]);
  await record.locator('#file').setInputFiles(docx('briefing-peace-operations.docx', briefing));
  await record.getByRole('button', { name: 'Record the text' }).click();
  await expect(page.getByRole('status')).toHaveText('The text was recorded.');
  for (const c of COUNCIL) {
    const form = page.getByRole('form', { name: 'Record a text' });
    await form.getByLabel('Who spoke').selectOption('council');
    await form.getByLabel('Delegation (for a Council member or a live speaker)').selectOption(c.code);
    await form.getByLabel('Speaker’s name').fill(c.name);
    await form.getByLabel('Speaker’s title').fill(c.title);
    await form.getByLabel('Language the text was written in').selectOption('en');
    const text = await paragraphsDocument([
      `Statement by the representative of ${c.code === 'NER' ? 'the Niger' : 'the Russian Federation'}`,
      'The safety of peacekeepers is a condition of mandate delivery.',
    ]);
    await form.locator('#file').setInputFiles(docx(`${c.code}-statement.docx`, text));
    await form.getByRole('button', { name: 'Record the text' }).click();
    await expect(page.getByRole('status')).toHaveText('The text was recorded.');
  }
  await expect(page.getByRole('table', { name: 'The speakers in the order they spoke' }).getByRole('row')).toHaveCount(4);
});

test('the compilation is built from the accepted statements, made in every format and issued under a symbol', async () => {
  const page = secretariat;
  await page.goto(DESK);
  await page.getByRole('link', { name: 'Compilation' }).click();
  await expect(page).toHaveURL(RUNS);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compilation');
  await expectAccessible(page, 'the compilation page');
  // The letter is dated in June 2021, after China's month: Estonia presides, and its Permanent Representative signs.
  const buildForm = page.getByRole('form', { name: 'Build the compilation' });
  await buildForm.getByLabel('Date of the letter').fill('2021-06-03');
  await buildForm.getByLabel('Signed by (the President of the Security Council)').fill('Sven Jürgenson');
  await page.getByRole('button', { name: 'Build the compilation from the accepted statements' }).click();
  await expect(page.getByRole('status')).toHaveText('The compilation is being built in every format; its state is below.');
  const build = page.locator('#compilation-status').getByRole('row').filter({ hasText: '13 written statements' });
  await expect(build).toHaveCount(1);
  await expect(build).toContainText('1 briefing, 2 Council members’ statements, 13 written statements');
  // The status region refreshes itself (status.js) until every format is made; LibreOffice makes the PDF last.
  await expect(build).toContainText('4 of 4 formats made.', { timeout: 60_000 });
  await expect(page.locator('#compilation-status')).not.toContainText('failed');
  await expectAccessible(page, 'the compilation page with the build made');
  // Issuing is a page of its own: what becomes public, the date, the signatory for the letter's month, the symbol.
  await build.getByRole('link', { name: /^Review and issue build \d+$/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Issue build \d+ of the compilation$/);
  await expect(page.locator('dl.facts')).toContainText('3 June 2021');
  await expect(page.locator('dl.facts')).toContainText('Sven Jürgenson, President of the Security Council (Estonia presides in June 2021)');
  await expect(page.getByRole('heading', { name: 'What becomes public' })).toBeVisible();
  await expect(page.locator('ol.plain > li')).toHaveCount(16);
  await expectAccessible(page, 'the confirmation page of an issue');
  const symbolField = page.getByLabel('Symbol assigned by the documents service');
  // A symbol of another year than the letter's is refused beside the field, and nothing is issued.
  await symbolField.fill('S/2022/419');
  await page.getByLabel(/^I have checked the document/).check();
  await page.getByRole('button', { name: 'Issue the compilation' }).click();
  await expect(page.locator('#symbol-error')).toContainText('is not the year of the document’s date');
  await expectAccessible(page, 'the confirmation page with a refused symbol');
  await page.getByLabel('Symbol assigned by the documents service').fill('S/2021/419');
  await page.getByLabel(/^I have checked the document/).check();
  await page.getByRole('button', { name: 'Issue the compilation' }).click();
  await expect(page).toHaveURL(`${RUNS}?done=issued`);
  await expect(page.getByRole('status')).toHaveText('The compilation was issued under its symbol and published.');
  symbol = (
    await page
      .locator('#compilation-status')
      .getByRole('row')
      .filter({ hasText: '13 written statements' })
      .locator('td strong')
      .first()
      .innerText()
  ).trim();
  expect(symbol).toBe('S/2021/419');
  await expectAccessible(page, 'the compilation page once issued');
});

test('the issued letter lists the submitters in order and running-text form, and the annexes follow that order', async () => {
  const page = secretariat;
  await page.goto(`/debates/${SLUG}/compilation`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Compilation of the debate (${symbol})`);
  const letter = page.locator('article.doc');
  await expect(letter.locator('p', { hasText: 'I have the honour to enclose' })).toHaveText(FIRST_PARAGRAPH);
  await expect(letter.locator('p', { hasText: 'submitted written statements' })).toHaveText(
    `In accordance with the understanding reached among Council members for this video-teleconference, the following delegations and ` +
      `entities submitted written statements, copies of which are also enclosed: ${WRITTEN_LIST}.`,
  );
  await expect(letter).not.toContainText('Argentina');
  await expect(letter.locator('p.signature')).toContainText('Sven Jürgenson');
  const annexes = letter.locator('section.doc-annex');
  await expect(annexes.locator('.doc-attachment-heading')).toHaveText(ROMAN.map((n) => `Annex ${n}`));
  await expect(annexes.locator('.doc-attachment-title')).toHaveText(ANNEX_TITLES);

  const egypt = annexes.nth(5);
  await expect(egypt.locator('.doc-original')).toHaveText('[Original: Arabic]');
  await expect(egypt.locator('.doc-content')).toHaveAttribute('dir', 'rtl');
  await expect(egypt.locator('.doc-content')).toHaveAttribute('lang', 'ar');
  await expect(egypt.locator('.doc-content')).toContainText(ARABIC_PARAGRAPH);
  const singapore = annexes.nth(14);
  await expect(singapore.locator('.doc-original')).toHaveText('[Original: Chinese]');
  await expect(singapore.locator('.doc-content')).toContainText(CHINESE_TITLE);
  await expect(singapore.locator('.doc-content')).toContainText(CHINESE_PARAGRAPH);
  const japan = annexes.nth(10);
  await expect(japan.locator('table th, table td').first()).toHaveText(TABLE_HEADINGS[0]);
  await expect(japan.getByRole('cell', { name: TABLE_ROW[1] })).toBeVisible();
  await expect(japan.locator('sup.doc-note-ref')).toHaveCount(1);
  await expect(japan.locator('ol.doc-notes > li')).toContainText(FOOTNOTE_TEXT);
  await expectAccessible(page, 'the public page of the compilation');

  // The standalone HTML file says the same, the Arabic annex right to left.
  const file = await page.request.get(`/debates/${SLUG}/compilation.html`);
  expect(file.status()).toBe(200);
  const text = await file.text();
  expect(text).toContain(`copies of which are also enclosed: ${WRITTEN_LIST}.`);
  expect(text).toMatch(/<div class="doc-content" lang="ar" dir="rtl">/);
  expect(text).toContain(FOOTNOTE_TEXT);
});

test('the XML validates against the Akoma Ntoso schema and the Word file holds every annex', async () => {
  const page = secretariat;
  const xml = await page.request.get(`/debates/${SLUG}/compilation.xml`);
  expect(xml.status()).toBe(200);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rostrum-e2e-compilation-'));
  try {
    const file = path.join(dir, 'compilation.xml');
    writeFileSync(file, await xml.body());
    const out = execFileSync('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toBe('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await page.goto(`/debates/${SLUG}/compilation`);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Word (DOCX)', exact: true }).click();
  const saved = await (await download).path();
  const document = strFromU8(unzipSync(new Uint8Array(readFileSync(saved)))['word/document.xml']!);
  const words = document.replace(/<[^>]+>/g, '');
  for (const n of ROMAN) expect(words).toContain(`Annex ${n}`);
  expect(words).toContain(WRITTEN_LIST);
  expect(words).toContain(CHINESE_PARAGRAPH);
  expect(words).toContain(ARABIC_PARAGRAPH);
});

test('after issue a written statement’s page is public, with its annex; the returned one is not', async ({ browser }) => {
  const context = await browser.newContext();
  const anonymous = await context.newPage();
  const consoleErrors = collectConsoleErrors(anonymous);
  const res = await anonymous.goto(`/debates/${SLUG}/statements/NLD`);
  expect(res?.status()).toBe(200);
  await expect(anonymous.getByRole('heading', { level: 1 })).toHaveText('The Netherlands');
  await expect(anonymous.getByRole('link', { name: 'Annex XII' })).toBeVisible();
  await expectAccessible(anonymous, 'a published statement');
  const returned = await anonymous.goto(`/debates/${SLUG}/statements/${RETURNED.code}`);
  expect(returned?.status()).toBe(404);
  expect(consoleErrors().filter((e) => !e.includes('status of 404'))).toEqual([]);
  await context.close();
});
