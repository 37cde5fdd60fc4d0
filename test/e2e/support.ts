// Helpers of the browser suite: the accessibility check, console errors, the mailbox the SMTP sink fills, the
// demo accounts, and codes from an authenticator app.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { localDateTimeIn } from '../../src/kernel/dates.js';
import { base32Decode, hotp, totpStep, TOTP_STEP_SECONDS, TOTP_WINDOW } from '../../src/modules/identity/totp.js';
import type { DemoAccount, ReceivedMail } from './mail-format.js';

/**
 * WCAG 2.1 A and AA: no serious or critical violation, and the page reflows at 320 CSS pixels (success criterion
 * 1.4.10): nothing scrolls sideways, the page itself or anything inside it.
 */
export async function expectAccessible(page: Page, what?: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${what ?? page.url()}`,
  ).toEqual([]);
  await expectReflow(page, what);
}

/** At 320 CSS pixels wide, neither the page nor any element in it is wider than its box (a table behind a scroll bar hides its buttons). */
export async function expectReflow(page: Page, what?: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: before?.height ?? 720 });
  try {
    // Runs in the page (a string: this project's TypeScript has no DOM types).
    const wide = await page.evaluate<string[]>(
      `(() => {
      const found = [];
      const root = document.documentElement;
      if (root.scrollWidth > root.clientWidth) found.push('the page is ' + root.scrollWidth + ' px wide');
      for (const el of document.body.querySelectorAll('*')) {
        if (el.offsetParent === null) continue;
        const overflow = getComputedStyle(el).overflowX;
        if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
          const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className ? '.' + ` +
        `el.className.split(' ').join('.') : '');
          found.push(name + ' scrolls (' + el.scrollWidth + ' px in ' + el.clientWidth + ')');
        }
      }
      return found;
    })()`,
    );
    expect(wide, `320 px reflow of ${what ?? page.url()}`).toEqual([]);
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/**
 * Console errors and uncaught exceptions of a page, with the address they happened on; read them with the returned
 * function. Chromium also logs "Failed to load resource: … status of 400" for a page whose own answer is an error
 * status: a form shown again with its problems (400), a used link (410), a refused page (403). Those statuses are the
 * pages' intended answers, asserted by the tests; such a line is left out only when it is about the page's own document
 * (or a form the upload script sent, whose answer becomes the page). The same line about an asset, a script's request
 * or an image counts.
 */
export function collectConsoleErrors(page: Page): () => string[] {
  const errors: Array<{ text: string; url: string | undefined }> = [];
  const documents = new Set<string>();
  page.on('response', (r) => {
    // A form sent by upload.js (X-Rostrum-Form) answers with a page too, shown in place of the current one.
    const formPage = r.request().headers()['x-rostrum-form'] === '1';
    if ((r.request().isNavigationRequest() || formPage) && r.status() >= 400) documents.add(`${r.url()} ${r.status()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push({ text: `${page.url()}: ${m.text()}`, url: m.location().url });
  });
  page.on('pageerror', (e) => errors.push({ text: `${page.url()}: ${e.message}`, url: undefined }));
  return () => {
    const found = errors.filter((e) => {
      const status = /^.*: Failed to load resource: the server responded with a status of (\d{3})/.exec(e.text)?.[1];
      return !(status && e.url && documents.has(`${e.url} ${status}`));
    });
    errors.length = 0;
    return found.map((e) => e.text);
  };
}

function envFile(name: 'E2E_MAILBOX' | 'E2E_DEMO_ACCOUNTS'): string {
  const file = process.env[name];
  if (!file) throw new Error(`${name} is not set: the tests must run under test/e2e/global-setup.ts`);
  return file;
}

/** Every message the SMTP sink has received so far. */
export function mailbox(): ReceivedMail[] {
  const text = readFileSync(envFile('E2E_MAILBOX'), 'utf8');
  try {
    return JSON.parse(text) as ReceivedMail[];
  } catch {
    // Caught in the middle of a write: the next poll reads it whole.
    return [];
  }
}

/** Waits for a message to `to` whose subject matches; returns the latest such. */
export async function waitForMail(to: string, subject: RegExp, timeout = 15_000): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      () => {
        found = mailbox()
          .filter((m) => m.to.includes(to) && subject.test(m.subject))
          .at(-1);
        return found !== undefined;
      },
      { message: `an e-mail to ${to} with the subject ${subject}`, timeout, intervals: [100, 200, 250] },
    )
    .toBe(true);
  return found!;
}

export function mailsTo(to: string): ReceivedMail[] {
  return mailbox().filter((m) => m.to.includes(to));
}

/** The first link in a message's text whose path starts with `pathPrefix`. */
export function linkIn(mail: ReceivedMail, pathPrefix: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname.startsWith(pathPrefix));
  if (!link) throw new Error(`No ${pathPrefix} link in the e-mail "${mail.subject}":\n${mail.text}`);
  return link;
}

/** A demo account the server printed at its first start, by the start of its e-mail address ("helpdesk@"). */
export function demoAccount(emailStart: string): DemoAccount {
  const accounts = JSON.parse(readFileSync(envFile('E2E_DEMO_ACCOUNTS'), 'utf8')) as DemoAccount[];
  const account = accounts.find((a) => a.email.startsWith(emailStart));
  if (!account) throw new Error(`No demo account ${emailStart}… among ${accounts.map((a) => a.email).join(', ')}`);
  return account;
}

/**
 * The code an authenticator app shows now for a secret, as the page prints it ("ABCD EFGH …"). A code is
 * accepted once per 30-second step: pass the step last used for this account, and this waits for the next
 * step rather than offer the same code again.
 */
export async function authenticatorCode(secret: string, lastStep: number | null = null): Promise<{ code: string; step: number }> {
  const key = base32Decode(secret);
  if (!key || key.length === 0) throw new Error(`Not a base32 secret: ${secret}`);
  while (lastStep !== null && totpStep(new Date()) <= lastStep) {
    const msIntoStep = Date.now() % (TOTP_STEP_SECONDS * 1000);
    await new Promise((r) => setTimeout(r, TOTP_STEP_SECONDS * 1000 - msIntoStep + 50));
  }
  const step = totpStep(new Date());
  return { code: hotp(key, step), step };
}

/** Six digits that are no code the server would accept now for this secret. */
export function wrongCode(secret: string): string {
  const key = base32Decode(secret)!;
  const now = totpStep(new Date());
  const valid = new Set<string>();
  // A margin beyond the server's window, in case a step turns while the form is sent.
  for (let s = now - TOTP_WINDOW - 1; s <= now + TOTP_WINDOW + 1; s++) valid.add(hotp(key, s));
  return ['000000', '111111', '222222', '333333', '444444', '555555'].find((c) => !valid.has(c))!;
}

/** Where the suite keeps the authenticator secrets its browsers set up, so a later file can sign in again. */
function authenticatorsFile(): string {
  return path.join(path.dirname(envFile('E2E_MAILBOX')), 'authenticators.json');
}

/** Keeps an account's authenticator secret and the last step a code was used for. */
export function rememberAuthenticator(email: string, secret: string, lastStep: number): void {
  const file = authenticatorsFile();
  const known = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { secret: string; lastStep: number }>) : {};
  known[email] = { secret, lastStep };
  writeFileSync(file, JSON.stringify(known, null, 2));
}

/** The authenticator an earlier test file set up for the account, if any. */
export function rememberedAuthenticator(email: string): { secret: string; lastStep: number } | undefined {
  const file = authenticatorsFile();
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { secret: string; lastStep: number }>)[email];
}

/** Sends the sign-in form with the account's e-mail address and password (what follows depends on the account). */
export async function submitSignIn(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Signs the demo Secretariat officer in: with the authenticator an earlier file set up (the files share the server
 * and run in any order), or setting one up now. Ends on the Secretariat's landing page, the debates with work waiting.
 */
export async function signInDemoSecretariat(page: Page): Promise<void> {
  const account = demoAccount('secretariat@');
  await submitSignIn(page, account);
  const known = rememberedAuthenticator(account.email);
  if (known) {
    await expect(page).toHaveURL('/sign-in/mfa');
    const { code, step } = await authenticatorCode(known.secret, known.lastStep);
    rememberAuthenticator(account.email, known.secret, step);
    await page.getByLabel('Code from your authenticator app').fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
  } else {
    await expect(page).toHaveURL(/\/sign-in\/enrol-mfa$/);
    const secret = (await page.locator('#secret').innerText()).trim();
    const { code, step } = await authenticatorCode(secret);
    rememberAuthenticator(account.email, secret, step);
    await page.getByLabel('Code from the app').fill(code);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two-step verification is set up');
    await page.getByRole('link', { name: 'Continue' }).click();
  }
  await expect(page).toHaveURL('/work');
}

/** The time in New York `offsetMinutes` from now, as a datetime-local field takes it ("2026-12-06T14:05"). */
export function nyMinute(offsetMinutes: number): string {
  return localDateTimeIn(new Date(Date.now() + offsetMinutes * 60_000), 'America/New_York').slice(0, 16);
}

/**
 * The signed-in Secretariat creates, from the form, a debate whose submissions opened an hour ago and whose meeting
 * is tomorrow at 10:00 in New York; ends on the debate's desk.
 */
export async function createDebateOpenNow(page: Page, debate: { slug: string; theme: string; purpose: string }): Promise<void> {
  await page.goto('/debates/new');
  const fields: Record<string, string> = {
    slug: debate.slug,
    agendaItem: 'Maintenance of international peace and security',
    theme: debate.theme,
    startsAt: `${nyMinute(24 * 60).slice(0, 10)}T10:00`,
    chairName: 'A. Chair',
    chairFunction: 'Permanent Representative of China to the United Nations',
    submissionsOpenAt: nyMinute(-60),
    briefer_function_0: 'Under-Secretary-General for Political and Peacebuilding Affairs',
    section_paragraphs_0: debate.purpose,
    guidanceParagraphs: 'Delegations may submit a written statement of about 500 words.',
    contact_unit_0: 'Help desk',
    contact_email_0: 'help@example.org',
  };
  for (const [id, value] of Object.entries(fields)) await page.locator(`#${id}`).fill(value);
  await page.getByRole('button', { name: 'Create the debate' }).click();
  await expect(page).toHaveURL(new RegExp(`/debates/${debate.slug}/desk`));
}
