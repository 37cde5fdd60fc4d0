// Every page, for every role: a visitor, then each demo account signed in, follows every link it is shown, breadth
// first, and each kind of page reached (an address with its identifiers taken out) passes axe and reflows at 320
// CSS pixels, without a console error. Links to files (Word, PDF,
// XML, ZIP, CSV, text) are fetched, not opened: they must answer, but are not pages.
import { expect, test, type Page } from '@playwright/test';
import {
  authenticatorCode,
  collectConsoleErrors,
  demoAccount,
  expectAccessible,
  rememberAuthenticator,
  rememberedAuthenticator,
  submitSignIn,
} from './support.js';

test.setTimeout(300_000);

/** One kind of page: the path with what identifies a record (a debate, a number, a mission code, a token) taken out. */
export function pageKind(url: URL): string {
  return url.pathname
    .replace(/\/debates\/[^/]+/, '/debates/:debate')
    .replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '/:id')
    .replace(/\/\d+(?=\/|$)/g, '/:n')
    .replace(/\/missions\/[A-Z]{3,}/, '/missions/:code')
    .replace(/\/(receipts|statements|speakers|delegations)\/[A-Za-z0-9-]+(?=\/|$)/g, '/$1/:ref');
}

/** Addresses a crawler must not follow: signing out ends the walk; files are checked apart. */
function isAction(url: URL): boolean {
  return url.pathname === '/sign-out' || url.pathname.startsWith('/assets/');
}

const visited = new Set<string>();

async function signIn(page: Page, emailStart: string): Promise<void> {
  const account = demoAccount(emailStart);
  await submitSignIn(page, account);
  await page.waitForLoadState();
  const path = new URL(page.url()).pathname;
  if (path === '/sign-in/mfa') {
    const known = rememberedAuthenticator(account.email);
    if (!known) throw new Error(`No authenticator remembered for ${account.email}`);
    const { code, step } = await authenticatorCode(known.secret, known.lastStep);
    rememberAuthenticator(account.email, known.secret, step);
    await page.getByLabel('Code from your authenticator app').fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
  } else if (path === '/sign-in/enrol-mfa') {
    const secret = (await page.locator('#secret').innerText()).trim();
    const { code, step } = await authenticatorCode(secret);
    rememberAuthenticator(account.email, secret, step);
    await page.getByLabel('Code from the app').fill(code);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('link', { name: 'Continue' }).click();
  }
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/**
 * Follows links from `start`, checking each kind of page not checked yet; returns how many pages it opened and what
 * was wrong, every problem of the walk rather than the first (a link that fails, axe, reflow, console errors).
 */
async function walk(page: Page, start: string, who: string, limit = 80): Promise<{ opened: number; problems: string[] }> {
  const errors = collectConsoleErrors(page);
  const problems: string[] = [];
  const queue = [new URL(start, page.url() === 'about:blank' ? 'http://127.0.0.1' : page.url()).pathname];
  const seen = new Set(queue);
  let checked = 0;
  let opened = 0;
  while (queue.length > 0 && checked < limit) {
    const next = queue.shift()!;
    // Many links lead to one kind of page (a row per delegation): the first one reached stands for the rest. The
    // start is always opened, for its links: another role may have checked its kind already.
    if (opened > 0 && visited.has(pageKind(new URL(next, 'http://rostrum.invalid')))) continue;
    const res = await page.request.get(next, { maxRedirects: 0 });
    const type = res.headers()['content-type'] ?? '';
    if (res.status() >= 300 && res.status() < 400) continue;
    // A link shown to this person that answers with an error is a dead end.
    if (res.status() >= 400) problems.push(`${next} answers ${res.status()}`);
    if (!type.startsWith('text/html')) {
      visited.add(pageKind(new URL(next, 'http://rostrum.invalid')));
      continue;
    }
    await page.goto(next);
    opened++;
    const url = new URL(page.url());
    const kind = pageKind(url);
    if (!visited.has(kind)) {
      visited.add(kind);
      checked++;
      try {
        await expectAccessible(page, `${who}: ${url.pathname}${url.search}`);
      } catch (err) {
        // The assertion's message without its colours, from the line naming the page to the values found.
        // eslint-disable-next-line no-control-regex -- the terminal's colour codes start with ESC
        const text = (err as Error).message.replace(/\u001b\[[0-9;]*m/g, '');
        problems.push(
          text
            .split('\n')
            .filter((l) => /axe on|reflow of|^\s*\+\s+"/.test(l))
            .join(' '),
        );
      }
      problems.push(...errors());
      // A visually hidden part of a name, positioned out of the flow, reads with a space before it ("Download : …").
      const spaced = (await page.locator('main').ariaSnapshot())
        .split('\n')
        .filter((l) => /(link|button|summary|group) "[^"]*\S :/.test(l));
      if (spaced.length > 0) problems.push(`${url.pathname}: names with a space before a colon: ${spaced.join('; ')}`);
    }
    for (const href of await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      const target = new URL(href, url);
      if (target.origin !== url.origin || isAction(target)) continue;
      const path = `${target.pathname}${target.search}`;
      if (seen.has(path) || visited.has(pageKind(target))) continue;
      seen.add(path);
      queue.push(path);
    }
  }
  test.info().annotations.push({ type: 'pages', description: `${who}: ${opened} pages opened, ${checked} kinds of page checked` });
  return { opened, problems };
}

// The roles that see least go first: a kind of page is checked once, so each is checked in the narrowest view that
// reaches it (a mission's page as its focal point sees it), and the Secretariat then checks what only it reaches.
const ROLES: Array<[string, string]> = [
  ['delegate.brazil@', 'the delegate of Brazil'],
  ['focal.brazil@', 'the focal point of Brazil'],
  ['presidency.china@', 'the presidency'],
  ['helpdesk@', 'the help desk'],
  ['secretariat@', 'the Secretariat'],
];

test('every public page passes axe and reflows at 320 px', async ({ page }) => {
  await page.goto('/');
  const { opened, problems } = await walk(page, '/', 'a visitor');
  expect(problems).toEqual([]);
  expect(opened).toBeGreaterThan(0);
});

for (const [email, who] of ROLES) {
  test(`every page ${who} reaches passes axe and reflows at 320 px`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    const { opened, problems } = await walk(page, page.url(), who);
    expect(problems).toEqual([]);
    expect(opened, `pages opened for ${who}`).toBeGreaterThan(0);
    await context.close();
  });
}
