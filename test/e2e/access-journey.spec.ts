// The identity work, end to end on the real server: the demo help desk signs in and sets up two-step
// verification, creates the first access focal point of a mission the demo does not use (Chile); the invitation
// travels over SMTP to the sink; the focal point accepts it in a browser of its own, sets up two-step
// verification, invites a delegate and gives them access to statements; the delegate accepts in a third browser,
// signs in (no second step for delegates) and opens the statement page; the focal point takes the access away and
// the delegate's next request to it is refused. Each lands on its own page after signing in (the help desk on its
// search, the focal point and the delegate on My statements, where a delegate finds no "New debate"); the help desk
// downloads its recovery codes; the focal point removes a signatory through the dialog that asks first; the help desk
// reads the mission, corrects the delegate's e-mail address (both addresses are told) and deactivates the account
// through the dialog. Along the way: a wrong code is refused and changes nothing, a used invitation link says so,
// every new page passes axe and reflows at 320 px, and no page logs a console error.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import {
  authenticatorCode,
  collectConsoleErrors,
  demoAccount,
  expectAccessible,
  linkIn,
  mailsTo,
  rememberAuthenticator,
  waitForMail,
  wrongCode,
} from './support.js';

const MISSION = 'CHL';
const STATEMENT_PAGE = '/debates/sc-2021-05-24-peacekeepers-safety/statement';
const FOCAL = { email: 'focal.chile@e2e.rostrum.test', name: 'Isidora Fuentes', password: 'cordillera lantern harbour 2026' };
const DELEGATE = { email: 'delegate.chile@e2e.rostrum.test', name: 'Tomás Herrera', password: 'atacama copper violin seventeen' };
/** The address the help desk corrects the delegate's to. */
const DELEGATE_NEW_EMAIL = 'tomas.herrera@e2e.rostrum.test';
const SIGNATORY = 'Paula Narváez Ojeda';

/** Text of the messages the server shows (auth-pages.ts, the mission routes). */
const WRONG_ENROLMENT_CODE =
  'The code is not right. Check that your phone shows the time correctly, then enter the code the app shows now.';
const WRONG_CODE =
  'The code is not right. Enter the code your authenticator app shows now (codes change every 30 seconds), or one of your recovery codes.';

test.describe.configure({ mode: 'serial' });
// Waiting for the next 30-second step of the authenticator can take that long on top of the work.
test.setTimeout(75_000);

interface Person {
  context: BrowserContext;
  page: Page;
  /** Console errors since the last call. */
  errors: () => string[];
  /** The authenticator app's secret, once set up, and the last step a code was used for. */
  secret?: string;
  lastStep?: number;
}

async function person(browser: Browser): Promise<Person> {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page, errors: collectConsoleErrors(page) };
}

let helpdesk: Person;
let focal: Person;
let delegate: Person;
let focalInvitation: string;
let delegateInvitation: string;
let delegateApiToken: string;

test.beforeAll(async ({ browser }) => {
  helpdesk = await person(browser);
  focal = await person(browser);
  delegate = await person(browser);
});

test.afterAll(async () => {
  // Later files sign the demo help desk in again with the authenticator set up here.
  if (helpdesk?.secret && helpdesk.lastStep !== undefined)
    rememberAuthenticator(demoAccount('helpdesk@').email, helpdesk.secret, helpdesk.lastStep);
  for (const p of [helpdesk, focal, delegate]) await p?.context.close();
});

test.afterEach(async () => {
  // No page of any of the three browsers logged an error.
  const errors = [helpdesk, focal, delegate].flatMap((p) => p?.errors() ?? []);
  expect(errors, 'console errors').toEqual([]);
});

/** The set-up page of two-step verification, from its first showing to the recovery codes and on. */
async function enrolWithAuthenticator(
  p: Person,
  o: { tryWrongCodeFirst: boolean; axe: boolean; landing: string; downloadCodes?: { email: string } },
): Promise<void> {
  const { page } = p;
  await expect(page).toHaveURL(/\/sign-in\/enrol-mfa$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up two-step verification');
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  const secret = (await page.locator('#secret').innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  if (o.axe) await expectAccessible(page, 'the set-up page of two-step verification');

  if (o.tryWrongCodeFirst) {
    await page.getByLabel('Code from the app').fill(wrongCode(secret));
    const refused = page.waitForResponse((r) => r.url().endsWith('/sign-in/enrol-mfa') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Confirm' }).click();
    expect((await refused).status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText('There is a problem');
    await expect(page.getByRole('alert')).toContainText(WRONG_ENROLMENT_CODE);
    await expect(page.getByLabel('Code from the app')).toHaveAttribute('aria-invalid', 'true');
    // Nothing changed: the same secret is offered, and the session is still waiting for the second step.
    await expect(page.locator('#secret')).toHaveText(secret);
    if (o.axe) await expectAccessible(page, 'the set-up page of two-step verification, with its error');
    await page.goto('/account');
    // Sent to finish setting up, with the page asked for kept for afterwards.
    await expect(page).toHaveURL(/\/sign-in\/enrol-mfa\?next=%2Faccount$/);
    await expect(page.locator('#secret')).toHaveText(secret);
    // Back on the set-up page without a page asked for: finishing leads to the role's own landing page.
    await page.goto('/sign-in/enrol-mfa');
  }

  const { code, step } = await authenticatorCode(secret);
  await page.getByLabel('Code from the app').fill(code);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two-step verification is set up');
  await expect(page.locator('ul.code-list > li')).toHaveCount(10);
  if (o.axe) await expectAccessible(page, 'the recovery codes page');
  if (o.downloadCodes) {
    // The codes just shown download as a text file naming the account; printing is offered beside.
    const shown = await page.locator('ul.code-list > li').allInnerTexts();
    await expect(page.getByRole('button', { name: 'Print the codes' })).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as a text file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('rostrum-recovery-codes.txt');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain(`<${o.downloadCodes.email}>`);
    for (const code of shown) expect(text).toContain(code.trim());
  }
  p.secret = secret;
  p.lastStep = step;
  await page.getByRole('link', { name: 'Continue' }).click();
  await expect(page).toHaveURL(o.landing);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' })).toBeVisible();
}

/** The row of a person in the mission page's table of people. */
function personRow(page: Page, name: string) {
  return page.getByRole('table', { name: 'People of the mission and their access' }).getByRole('row').filter({ hasText: name });
}

test('the help desk signs in and, as its role requires, sets up two-step verification', async () => {
  // The global setup put the mailbox and the demo passwords in the environment the workers inherit.
  expect(process.env.E2E_MAILBOX, 'E2E_MAILBOX reaches the worker').toBeTruthy();
  expect(process.env.E2E_DEMO_ACCOUNTS, 'E2E_DEMO_ACCOUNTS reaches the worker').toBeTruthy();
  const account = demoAccount('helpdesk@');
  const { page } = helpdesk;

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/sign-in');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expectAccessible(page, 'the sign-in page');

  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enrolWithAuthenticator(helpdesk, {
    tryWrongCodeFirst: true,
    axe: true,
    landing: '/helpdesk',
    downloadCodes: { email: account.email },
  });
  // The help desk lands on its search, marked in the menu as the page it is on.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Help desk');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Help desk' })).toHaveAttribute(
    'aria-current',
    'page',
  );
});

test('the help desk creates the first access focal point of Chile, and the invitation goes out over SMTP', async () => {
  const { page } = helpdesk;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Help desk' }).click();
  await expect(page).toHaveURL('/helpdesk');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Help desk');
  await expectAccessible(page, 'the help desk console');

  // The demo has nobody for Chile.
  await page.getByLabel('E-mail, name or mission').fill(MISSION);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText(`No account matches “${MISSION}”.`)).toBeVisible();

  const create = page.getByRole('form', { name: 'Create an account' });
  await create.getByLabel('Role').selectOption('focal_point');
  await create.getByLabel('Mission').selectOption(MISSION);
  await create.getByLabel('E-mail address').fill(FOCAL.email);
  await create.getByLabel('Full name').fill(FOCAL.name);
  await create.getByRole('button', { name: 'Create and send the invitation' }).click();

  await expect(page).toHaveURL(/\/helpdesk\/accounts\/[0-9a-f-]{36}\?done=invited$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(FOCAL.name);
  await expect(page.getByRole('status')).toHaveText('The account was created and the invitation sent.');
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText(`(${MISSION})`);
  await expect(facts).toContainText('Access focal point');
  await expect(facts).toContainText('Invitation pending');
  await expectAccessible(page, 'the help desk’s page of an account');

  const mail = await waitForMail(FOCAL.email, /^Your invitation to Rostrum$/);
  expect(mail.text).toContain(`Dear ${FOCAL.name},`);
  expect(mail.text).toContain('as an access focal point of the');
  focalInvitation = linkIn(mail, '/invitations/');
  expect(new URL(focalInvitation).origin).toBe(new URL(page.url()).origin);
});

test('the focal point accepts the invitation, chooses a password, sets up two-step verification and sees its mission', async () => {
  const { page } = focal;
  await page.goto(focalInvitation);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Rostrum');
  await expect(page.getByText(`${FOCAL.name}, choose a password for your account.`)).toBeVisible();
  await expect(page.getByLabel('E-mail address')).toHaveValue(FOCAL.email);
  await expectAccessible(page, 'the invitation page');

  await page.getByLabel('New password', { exact: true }).fill(FOCAL.password);
  await page.getByLabel('New password again').fill(FOCAL.password);
  await page.getByRole('button', { name: 'Save my password and sign in' }).click();
  // A focal point's role requires two-step verification: accepting leads straight to setting it up.
  await enrolWithAuthenticator(focal, { tryWrongCodeFirst: false, axe: false, landing: '/my/statements' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My statements');
  await expect(page.getByRole('main').getByRole('link', { name: 'your mission’s page' })).toHaveAttribute('href', `/missions/${MISSION}`);
  await expectAccessible(page, 'a focal point’s statements');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My mission' }).click();
  await expect(page).toHaveURL(`/missions/${MISSION}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Chile');
  const me = personRow(page, FOCAL.name);
  await expect(me).toContainText(`${FOCAL.name} (you)`);
  await expect(me).toContainText('Access focal point');
  await expect(me).toContainText('Active');
  await expect(page.getByRole('table', { name: /latest/ })).toContainText('Accepted their invitation');
  await expectAccessible(page, 'the mission page');
});

test('an invitation link already used says so plainly', async ({ browser }) => {
  const stranger = await person(browser);
  try {
    const response = await stranger.page.goto(focalInvitation);
    expect(response?.status()).toBe(410);
    await expect(stranger.page.getByRole('heading', { level: 1 })).toHaveText('This invitation cannot be used');
    await expect(stranger.page.getByText('This invitation has already been used')).toBeVisible();
    await expect(stranger.page.getByRole('main').getByRole('link', { name: 'sign in', exact: true })).toHaveAttribute('href', '/sign-in');
    await expectAccessible(stranger.page, 'the used invitation page');
    // The same link in the browser of the person who used it: the same answer.
    const again = await focal.page.goto(focalInvitation);
    expect(again?.status()).toBe(410);
    await expect(focal.page.getByText('This invitation has already been used')).toBeVisible();
    expect(stranger.errors(), 'console errors').toEqual([]);
  } finally {
    await stranger.context.close();
  }
});

test('the focal point invites a delegate, the e-mail arrives, and gives the delegate access to statements', async () => {
  const { page } = focal;
  await page.goto('/mission');
  await expect(page).toHaveURL(`/missions/${MISSION}`);
  const invite = page.getByRole('form', { name: 'Invite someone' });
  await invite.getByLabel('E-mail address').fill(DELEGATE.email);
  await invite.getByLabel('Full name').fill(DELEGATE.name);
  await expect(invite.getByLabel('Role')).toHaveValue('delegate');
  await invite.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(page.getByRole('status')).toHaveText('The invitation was sent. The link in it works once.');
  const row = personRow(page, DELEGATE.name);
  await expect(row).toContainText('Delegate');
  await expect(row).toContainText('Invitation pending');
  await expect(row.getByRole('cell').nth(2)).toHaveText('No');

  const mail = await waitForMail(DELEGATE.email, /^Your invitation to Rostrum$/);
  expect(mail.text).toContain(`Dear ${DELEGATE.name},`);
  expect(mail.text).toContain(`${FOCAL.name}`);
  delegateInvitation = linkIn(mail, '/invitations/');

  await row.getByRole('button', { name: `Give access: ${DELEGATE.name}` }).click();
  await expect(page.getByRole('status')).toHaveText('Access to statements was given.');
  await expect(personRow(page, DELEGATE.name).getByRole('cell').nth(2)).toHaveText('Yes');
  await expect(personRow(page, DELEGATE.name).getByRole('button', { name: `Take away access: ${DELEGATE.name}` })).toBeVisible();
  await expect(page.getByRole('table', { name: /latest/ })).toContainText(`Gave ${DELEGATE.name} access to statements`);
  await expectAccessible(page, 'the mission page with a notice and a pending invitation');
});

test('the delegate accepts, signs in without a second step, and has access to statements', async () => {
  const { page, context } = delegate;
  await page.goto(delegateInvitation);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Rostrum');
  await page.getByLabel('New password', { exact: true }).fill(DELEGATE.password);
  await page.getByLabel('New password again').fill(DELEGATE.password);
  await page.getByRole('button', { name: 'Save my password and sign in' }).click();
  // Delegates need no second step: straight in, to their delegation's statements.
  await expect(page).toHaveURL('/my/statements');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My statements');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My statements' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expectAccessible(page, 'a delegate’s statements');
  // A delegate schedules no debate: no link to, and no form for, a new one.
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'New debate' })).toHaveCount(0);
  expect((await page.goto('/debates/new'))?.status()).toBe(403);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'My account' })).toBeVisible();

  // Sign out, and in again with the password alone.
  await nav.getByRole('link', { name: 'Sign out' }).click();
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL('/');
  await page.goto('/account');
  await expect(page).toHaveURL('/sign-in?next=%2Faccount');
  await page.getByLabel('E-mail address').fill(DELEGATE.email);
  await page.getByLabel('Password', { exact: true }).fill(DELEGATE.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/account');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText(DELEGATE.name);
  await expect(facts).toContainText('Delegate');
  await expect(facts).toContainText(`(${MISSION})`);
  await expect(page.getByText('Two-step verification is not set up.')).toBeVisible();
  await expect(page.locator('#module-access')).toContainText('Written statements');
  await expectAccessible(page, 'the account page');

  // The access opens the statement page of the demo debate for the mission (Chile was not on the Council that day).
  const statement = await page.goto(STATEMENT_PAGE);
  expect(statement?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Written statement of the Permanent Mission of Chile to the United Nations',
  );

  // The API's /me shows the same access, to a token made on the token page.
  await page.goto('/account/tokens');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Access tokens');
  await expectAccessible(page, 'the token page');
  await page.getByLabel('Name').fill('Journey check');
  await page.getByRole('checkbox', { name: 'me:read' }).check();
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('heading', { name: 'Your new token' })).toBeVisible();
  delegateApiToken = (await page.locator('#new-token').innerText()).trim();
  expect(delegateApiToken.length).toBeGreaterThan(20);
  await expectAccessible(page, 'the token page showing a new token');

  const me = await context.request.get('/api/v1/me', { headers: { authorization: `Bearer ${delegateApiToken}` } });
  expect(me.status()).toBe(200);
  const body = (await me.json()) as { role: string; mission: string; modules: string[] };
  expect(body).toMatchObject({ role: 'delegate', mission: MISSION, modules: ['statements'] });
  // Access was given before the invitation was accepted: no second e-mail about it.
  expect(mailsTo(DELEGATE.email).map((m) => m.subject)).toEqual(['Your invitation to Rostrum']);
});

test('the focal point takes the access away; the delegate’s next request no longer has it', async () => {
  const { page } = focal;
  await page.goto(`/missions/${MISSION}`);
  await personRow(page, DELEGATE.name)
    .getByRole('button', { name: `Take away access: ${DELEGATE.name}` })
    .click();
  await expect(page.getByRole('status')).toHaveText(
    'Access to statements was taken away; their next request is refused, and their access tokens for statements are revoked.',
  );
  await expect(personRow(page, DELEGATE.name).getByRole('cell').nth(2)).toHaveText('No');
  await expect(personRow(page, DELEGATE.name)).toContainText('Active');
  await expect(page.getByRole('table', { name: /latest/ })).toContainText(`Took away ${DELEGATE.name}’s access to statements`);

  // The delegate's very next request to the statements module is refused, and the API shows no access.
  const refused = await delegate.page.goto(STATEMENT_PAGE);
  expect(refused?.status()).toBe(403);
  await expect(delegate.page.getByText('You do not have access to this page.')).toBeVisible();
  const me = await delegate.context.request.get('/api/v1/me', { headers: { authorization: `Bearer ${delegateApiToken}` } });
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { modules: string[] }).modules).toEqual([]);
  // The delegate is still signed in (access was taken away, not the account), and a focal point's page stays closed.
  await delegate.page.goto('/account');
  await expect(delegate.page.getByRole('heading', { level: 1 })).toHaveText('Your account');
  await expect(delegate.page.locator('#module-access')).toContainText('None yet');
  const mission = await delegate.page.goto(`/missions/${MISSION}`);
  expect(mission?.status()).toBe(403);
  await expect(delegate.page.getByText('You do not have access to this page.')).toBeVisible();
});

test('the help desk signs in again: a wrong code is refused and changes nothing; the right one lets it in', async () => {
  const { page } = helpdesk;
  const account = demoAccount('helpdesk@');
  await page.goto('/sign-out');
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL('/sign-in/mfa');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two-step verification');
  await expectAccessible(page, 'the two-step verification page');

  await page.getByLabel('Code from your authenticator app').fill(wrongCode(helpdesk.secret!));
  const refused = page.waitForResponse((r) => r.url().endsWith('/sign-in/mfa') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Continue' }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText(WRONG_CODE);
  await expect(page.getByLabel('Code from your authenticator app')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the two-step verification page, with its error');
  // Still half signed in: the help desk's console sends back to the second step, keeping where it was going.
  await page.goto('/helpdesk');
  await expect(page).toHaveURL('/sign-in/mfa?next=%2Fhelpdesk');

  // A code is accepted once per 30-second step: the one used to set up is spent, so wait for the next.
  const { code, step } = await authenticatorCode(helpdesk.secret!, helpdesk.lastStep!);
  await page.getByLabel('Code from your authenticator app').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL('/helpdesk');
  helpdesk.lastStep = step;

  // The help desk sees the mission's two people, the delegate now without access.
  await page.goto(`/helpdesk?q=${MISSION}`);
  const results = page.getByRole('table', { name: /accounts? matching/ });
  await expect(results.getByRole('row')).toHaveCount(3);
  await results.getByRole('link', { name: DELEGATE.name }).click();
  await expect(page.locator('dl.facts')).toContainText('Access to statements');
  await expect(page.locator('dl.facts dt:text-is("Access to statements") + dd')).toContainText('No');
});

test('the focal point adds a signatory and removes it through the dialog, which asks first', async () => {
  const { page } = focal;
  await page.goto(`/missions/${MISSION}`);
  const add = page.getByRole('form', { name: 'Add a signatory' });
  await add.getByLabel('Full name').fill(SIGNATORY);
  await add.getByLabel('Title').selectOption('Permanent Representative');
  await add.getByLabel('May sign from').fill('2021-01-01');
  await add.getByRole('button', { name: 'Add the signatory' }).click();
  await expect(page.getByRole('status')).toHaveText('The signatory was added.');
  const signatories = page.getByRole('table', { name: 'Signatories of the mission' });
  await signatories
    .getByRole('form', { name: `Remove: ${SIGNATORY}` })
    .getByRole('button', { name: 'Remove' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Remove ${SIGNATORY} from the signatories?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'the dialog that asks before removing a signatory');
  // Cancel changes nothing; confirming removes.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(signatories).toContainText(SIGNATORY);
  await signatories
    .getByRole('form', { name: `Remove: ${SIGNATORY}` })
    .getByRole('button', { name: 'Remove' })
    .click();
  await dialog.getByRole('button', { name: 'Remove the signatory' }).click();
  await expect(page.getByRole('status')).toHaveText('The signatory was removed.');
  await expect(page.getByText('No signatory has been recorded.')).toBeVisible();
  await expect(page.getByRole('table', { name: /latest/ })).toContainText(`Removed ${SIGNATORY} from the signatories`);
});

test('the help desk reads the mission, corrects the delegate’s e-mail address, and both addresses are told', async () => {
  const { page } = helpdesk;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Missions' }).click();
  await page.getByLabel('Filter by name or code').fill('Chile');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('link', { name: 'Chile', exact: true }).click();
  await expect(page).toHaveURL(`/missions/${MISSION}`);
  await expect(personRow(page, DELEGATE.name)).toContainText(DELEGATE.email);
  await expect(page.getByRole('form', { name: 'Invite someone' })).toHaveCount(0);
  await expectAccessible(page, 'a mission read by the help desk');

  await page.goto(`/helpdesk?q=${encodeURIComponent(DELEGATE.email)}`);
  await page.getByRole('link', { name: DELEGATE.name }).click();
  const correct = page.getByRole('form', { name: 'Correct the name or e-mail address' });
  await expect(correct.getByLabel('E-mail address')).toHaveValue(DELEGATE.email);
  await correct.getByLabel('E-mail address').fill(DELEGATE_NEW_EMAIL);
  await correct.getByRole('button', { name: 'Save the correction' }).click();
  await expect(page.getByRole('status')).toContainText('The correction was saved.');
  await expect(page.locator('dl.facts')).toContainText(DELEGATE_NEW_EMAIL);
  await expectAccessible(page, 'the help desk’s page of an account, corrected');

  const old = await waitForMail(DELEGATE.email, /^The e-mail address of your Rostrum account was changed$/);
  expect(old.text).toContain(
    `The help desk has changed the e-mail address of your Rostrum account. Its e-mail address is now ${DELEGATE_NEW_EMAIL}`,
  );
  const fresh = await waitForMail(DELEGATE_NEW_EMAIL, /^This is now the e-mail address of your Rostrum account$/);
  expect(fresh.text).toContain(`(it was ${DELEGATE.email})`);
});

test('the help desk deactivates the delegate through the dialog, and the delegate is signed out', async () => {
  const { page } = helpdesk;
  await page.getByRole('button', { name: 'Deactivate' }).click();
  const dialog = page.getByRole('dialog', { name: `Deactivate the account of ${DELEGATE.name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Deactivate the account' }).click();
  await expect(page.getByRole('status')).toHaveText('The account was deactivated and signed out everywhere.');
  await expect(page.locator('dl.facts')).toContainText('Deactivated');
  await delegate.page.goto('/account');
  await expect(delegate.page).toHaveURL('/sign-in?next=%2Faccount');
});

// WCAG 2.1 SC 1.4.10 (Reflow), which axe does not test: at 320 CSS pixels, nothing but a data table may need
// horizontal scrolling, and a table should scroll within itself rather than widen the page.
test('the signed-in pages reflow at 320 CSS pixels, as WCAG 1.4.10 asks', async () => {
  const pages: Array<[Person, string]> = [
    [helpdesk, '/'],
    [helpdesk, `/helpdesk?q=${MISSION}`],
    [focal, `/missions/${MISSION}`],
    [focal, '/account'],
    [delegate, '/account'],
    [delegate, '/account/tokens'],
  ];
  for (const [p, path] of pages) {
    await p.page.setViewportSize({ width: 320, height: 800 });
    await p.page.goto(path);
    expect(await p.page.evaluate<number>('document.documentElement.scrollWidth'), `the width of ${path}`).toBeLessThanOrEqual(320);
  }
});
