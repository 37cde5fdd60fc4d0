// Signing in and out, the second step, invitations and password resets, through the HTTP application.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { formSession, inputValue, signedInAs, type FormSession } from '../../../../test/http.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { JobRunner } from '../../../kernel/jobs/index.js';
import { mailSendJob, outboxTransport } from '../../../kernel/mail/index.js';
import { passwordResetJob } from '../commands/request-password-reset.js';
import { issueLink } from '../links.js';
import { totpAt } from '../totp.js';
import { pathAfterSignIn, safeNextPath } from './auth-routes.js';
import { messages } from './auth-pages.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const REFUSED = 'The e-mail address or password is not right.';
const silentLog = { info() {}, warn() {}, error() {} };
const MINUTE = 60_000;

describe('safeNextPath', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['/account', '/account'],
    ['/debates/x?tab=2#top', '/debates/x?tab=2#top'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['account', '/'],
    ['/a\r\nSet-Cookie: x=1', '/'],
    ['/a\tb', '/'],
    [`/${'a'.repeat(600)}`, '/'],
    [['/account'], '/'],
    ['/débats', '/'],
    ['/debates/\u202eevil', '/'],
    ['/d%C3%A9bats', '/d%C3%A9bats'],
  ])('%j gives %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it.each([
    ['active', '/account', '/account'],
    ['mfa', '/', '/sign-in/mfa'],
    ['mfa', '/account', '/sign-in/mfa?next=%2Faccount'],
    ['enrol_mfa', '/', '/sign-in/enrol-mfa'],
  ] as const)('after a correct password at stage %s with next %s, goes to %s', (stage, next, expected) => {
    expect(pathAfterSignIn(stage, next)).toBe(expected);
  });
});

describe('authentication over HTTP', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  const clock = fixedClock('2026-12-01T09:00:00Z');

  beforeAll(async () => {
    open = await testDatabase();
    app = await testApp(open.db, clock);
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  const account = (o: { role: TestAccount['role']; mission?: string | null }) => addAccount(open.db, clock, o);
  const delegate = () => account({ role: 'delegate', mission: 'BRA' });
  const focalPoint = () => account({ role: 'focal_point', mission: 'BRA' });
  const audit = (subjectId: string) =>
    open.db
      .selectFrom('kernel.audit_log')
      .select(['action', 'data', 'actor_id'])
      .where('subject_id', '=', subjectId)
      .orderBy('seq')
      .execute();
  const sessionsOf = (accountId: string) =>
    open.db.selectFrom('identity.sessions').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute();
  const recoveryCodes = (body: string) => [...body.matchAll(/<li>([a-z2-9]{5}-[a-z2-9]{5})<\/li>/g)].map((m) => m[1]!);
  const signInAttempt = (browser: FormSession, email: string, password: string) => browser.post('/sign-in', { email, password });
  const isSignedIn = async (browser: FormSession) => (await browser.get('/account')).statusCode === 200;

  describe('sign-in', () => {
    it('shows an accessible form with autocomplete hints and a CSRF token', async () => {
      const browser = formSession(app);
      const res = await browser.get('/sign-in');
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toContain('<label for="email">E-mail address</label>');
      expect(res.body).toMatch(/<input id="email" name="email" type="email"[^>]* autocomplete="username"/);
      expect(res.body).toMatch(/<input id="password" name="password" type="password"[^>]* autocomplete="current-password"/);
      expect(browser.csrfToken).toBeDefined();
      expect(res.body).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|\sstyle="|\son[a-z]+="/);
    });

    it('signs a delegate in: session cookie, redirect to the page asked for, audit with the mission', async () => {
      const a = await delegate();
      const browser = formSession(app);
      await browser.get('/sign-in?next=%2Faccount');
      const res = await browser.post('/sign-in', { email: a.email.toUpperCase(), password: a.password, next: '/account' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/account');
      const cookie = res.cookies.find((c) => c.name === 'rostrum_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(await isSignedIn(browser)).toBe(true);
      const [session] = await sessionsOf(a.id);
      expect(session).toMatchObject({ stage: 'active', address: browser.remoteAddress, ended_at: null });
      // The cookie holds the token; the table holds only its hash.
      expect(session!.id).not.toBe(cookie!.value);
      expect(await audit(a.id)).toContainEqual(
        expect.objectContaining({
          action: 'auth.signed_in',
          actor_id: a.id,
          data: { mission: 'BRA', stage: 'active', method: 'password' },
        }),
      );
    });

    it.each([
      ['delegate', 'BRA', '/my/statements'],
      ['focal_point', 'BRA', '/my/statements'],
      ['secretariat', null, '/work'],
      ['helpdesk', null, '/helpdesk'],
    ] as const)('lands a %s on its own page when no page was asked for', async (role, mission, landing) => {
      const { browser } = await signedInAs(app, open.db, clock, { role, mission });
      expect((await browser.get('/sign-in')).headers.location).toBe(landing);
      expect((await browser.get('/sign-in?next=%2Faccount')).headers.location).toBe('/account');
    });

    it('sends a delegate to the page asked for rather than its landing page', async () => {
      const a = await delegate();
      const res = await formSession(app).post('/sign-in', { email: a.email, password: a.password, next: '/account/tokens' });
      expect(res.headers.location).toBe('/account/tokens');
    });

    it('never sends the browser to another site after signing in', async () => {
      const a = await delegate();
      const browser = formSession(app);
      const res = await browser.post('/sign-in', { email: a.email, password: a.password, next: '//evil.example/' });
      expect(res.headers.location).toBe('/my/statements');
    });

    it('ends the session the browser already had when it signs in again', async () => {
      const a = await delegate();
      const browser = formSession(app);
      await browser.signIn(a.email, a.password);
      const first = browser.cookies.get('rostrum_session');
      await browser.signIn(a.email, a.password);
      expect(browser.cookies.get('rostrum_session')).not.toBe(first);
      const sessions = await sessionsOf(a.id);
      expect(sessions).toHaveLength(2);
      expect(sessions[0]!.ended_at).not.toBeNull();
      expect(sessions[1]!.ended_at).toBeNull();
    });

    it('answers an unknown address, a wrong password, an account without a password and a disabled one alike', async () => {
      const a = await delegate();
      const invited = await delegate();
      await open.db.updateTable('identity.accounts').set({ password_hash: null }).where('id', '=', invited.id).execute();
      const disabled = await delegate();
      await open.db.updateTable('identity.accounts').set({ disabled_at: clock.now() }).where('id', '=', disabled.id).execute();
      const answers = [];
      for (const [email, password] of [
        ['nobody@mission.example.org', 'whatever password'],
        [a.email, 'not the password'],
        [invited.email, invited.password],
        [disabled.email, disabled.password],
      ] as const) {
        const res = await signInAttempt(formSession(app), email, password);
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain(REFUSED);
        expect(res.cookies.find((c) => c.name === 'rostrum_session')).toBeUndefined();
        // The page is the same but for the form token and the address typed back.
        answers.push(res.body.replace(/name="_csrf" value="[^"]*"/, '').replace(email, 'EMAIL'));
      }
      expect(new Set(answers).size).toBe(1);
      expect(await audit(a.id)).toContainEqual(
        expect.objectContaining({ action: 'auth.sign_in_failed', actor_id: null, data: { mission: 'BRA', reason: 'wrong_password' } }),
      );
      expect(await audit(invited.id)).toContainEqual(
        expect.objectContaining({ action: 'auth.sign_in_failed', data: { mission: 'BRA', reason: 'no_password' } }),
      );
      expect(await audit(disabled.id)).toContainEqual(
        expect.objectContaining({ action: 'auth.sign_in_failed', data: { mission: 'BRA', reason: 'disabled' } }),
      );
      const unknown = await open.db
        .selectFrom('kernel.audit_log')
        .select('data')
        .where('action', '=', 'auth.sign_in_failed')
        .where('subject_id', 'is', null)
        .execute();
      expect(unknown.map((r) => r.data)).toContainEqual({ mission: null, reason: 'unknown_account' });
      // Nothing typed is kept in the log.
      const log = JSON.stringify(await open.db.selectFrom('kernel.audit_log').select('data').execute());
      expect(log).not.toContain('nobody@');
      expect(log).not.toContain('not the password');
    });

    it('locks the account for the address that failed 5 times, for 15 minutes, even for the right password; the owner elsewhere signs in', async () => {
      const a = await delegate();
      const browser = formSession(app);
      for (let i = 1; i <= 4; i++) expect((await signInAttempt(browser, a.email, `wrong ${i}`)).body).toContain(REFUSED);
      const fifth = await signInAttempt(browser, a.email, 'wrong 5');
      expect(fifth.statusCode).toBe(429);
      expect(fifth.body).toContain(messages.locked(15));
      expect(fifth.headers['retry-after']).toBe(String(15 * 60));
      expect((await signInAttempt(browser, a.email, a.password)).statusCode).toBe(429);
      // From another address, the owner is not locked out by whoever failed here.
      const elsewhere = formSession(app);
      expect((await signInAttempt(elsewhere, a.email, a.password)).statusCode).toBe(303);
      clock.advance(10 * MINUTE);
      expect((await signInAttempt(browser, a.email, a.password)).body).toContain(messages.locked(5));
      clock.advance(5 * MINUTE);
      expect((await signInAttempt(browser, a.email, a.password)).statusCode).toBe(303);
      const actions = (await audit(a.id)).map((e) => e.action);
      expect(actions.filter((x) => x === 'auth.sign_in_failed')).toHaveLength(5);
      expect(await audit(a.id)).toContainEqual(
        expect.objectContaining({ action: 'auth.locked_out', data: { mission: 'BRA', scope: 'pair', minutes: 15 } }),
      );
      // A success forgets that address's failures on the account.
      const throttle = await open.db
        .selectFrom('identity.sign_in_throttle')
        .select('key')
        .where('key', '=', `pair:${a.email.toLowerCase()}|${browser.remoteAddress}`)
        .execute();
      expect(throttle).toEqual([]);
    });

    it('locks an unknown address the same way, so a lockout says nothing about accounts', async () => {
      const browser = formSession(app);
      for (let i = 1; i <= 5; i++) await signInAttempt(browser, 'Ghost@Mission.Example.org', `guess ${i}`);
      const res = await signInAttempt(browser, 'ghost@mission.example.org', 'guess 6');
      expect(res.statusCode).toBe(429);
      expect(res.body).toContain(messages.locked(15));
    });

    it('spaces attempts on an account failed from many addresses, but not from a browser that signed in to it before', async () => {
      const a = await delegate();
      const usual = formSession(app);
      expect((await signInAttempt(usual, a.email, a.password)).statusCode).toBe(303);
      await usual.post('/sign-out', {});
      for (let i = 0; i < 10; i++) expect((await signInAttempt(formSession(app), a.email, `guess ${i}`)).statusCode).toBe(400);
      const stranger = await signInAttempt(formSession(app), a.email, a.password);
      expect(stranger.statusCode).toBe(429);
      expect(stranger.body).toContain(messages.slowed(60));
      expect(stranger.headers['retry-after']).toBe('60');
      // The owner's own browser keeps its device cookie after signing out, and goes straight in.
      expect((await signInAttempt(usual, a.email, a.password)).statusCode).toBe(303);
      clock.advance(MINUTE);
    });

    it('locks a network address after 30 failures across accounts', async () => {
      const browser = formSession(app, { remoteAddress: '203.0.113.30' });
      for (let i = 1; i <= 30; i++) await signInAttempt(browser, `spray${i}@mission.example.org`, 'Password2026!');
      const a = await delegate();
      const res = await signInAttempt(browser, a.email, a.password);
      expect(res.statusCode).toBe(429);
      expect((await signInAttempt(formSession(app), a.email, a.password)).statusCode).toBe(303);
    });

    it('says what is missing, and refuses over-long fields, without counting a failure', async () => {
      const browser = formSession(app);
      const empty = await browser.post('/sign-in', {});
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('Enter your e-mail address.');
      expect(empty.body).toContain('Enter your password.');
      expect(empty.body).toContain('<div class="error-summary" role="alert"');
      const long = await browser.post('/sign-in', { email: `${'a'.repeat(300)}@example.org`, password: 'x' });
      expect(long.statusCode).toBe(400);
      expect(long.body).toContain('Enter an e-mail address of at most 254 characters.');
      const absurd = await browser.post('/sign-in', { email: 'a@example.org', password: 'x'.repeat(5000) });
      expect(absurd.statusCode).toBe(400);
      expect(absurd.body).toContain('The request could not be understood');
      const rows = await open.db
        .selectFrom('identity.sign_in_throttle')
        .select('key')
        .where('key', '=', `address:${browser.remoteAddress}`)
        .execute();
      expect(rows).toEqual([]);
    });

    it('refuses a sign-in without the CSRF token, and changes nothing', async () => {
      const a = await delegate();
      const browser = formSession(app);
      await browser.get('/sign-in');
      const res = await browser.post('/sign-in', { email: a.email, password: a.password }, { csrf: false });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('This form has expired or was not sent from Rostrum');
      const forged = await browser.post('/sign-in', { email: a.email, password: a.password }, { csrf: 'forged-token' });
      expect(forged.statusCode).toBe(403);
      expect(await sessionsOf(a.id)).toEqual([]);
      expect(await audit(a.id)).toEqual([{ action: 'account.created', data: expect.anything(), actor_id: null }]);
    });
  });

  describe('two-step verification', () => {
    it('makes a focal point enrol before anything else, shows 10 recovery codes once, then lets them in', async () => {
      const a = await focalPoint();
      const browser = formSession(app);
      const res = await browser.post('/sign-in', { email: a.email, password: a.password, next: '/account' });
      expect(res.headers.location).toBe('/sign-in/enrol-mfa?next=%2Faccount');
      // Pending: the account page is not open yet; the browser is sent back to the step.
      const blocked = await browser.get('/account');
      expect(blocked.statusCode).toBe(303);
      expect(blocked.headers.location).toBe('/sign-in/enrol-mfa?next=%2Faccount');
      const page = await browser.get('/sign-in/enrol-mfa?next=%2Faccount');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<img src="data:image/svg+xml;base64,');
      expect(page.body).toContain('otpauth://totp/Rostrum:');
      expect(page.body).toMatch(/autocomplete="one-time-code"/);
      const secret = /<p class="secret" id="secret">([A-Z2-7 ]+)<\/p>/.exec(page.body)![1]!.replace(/ /g, '');
      // Reloading shows the same secret (it may have been scanned already).
      expect((await browser.get('/sign-in/enrol-mfa')).body).toContain(
        /<p class="secret" id="secret">([A-Z2-7 ]+)<\/p>/.exec(page.body)![1],
      );
      // The secret is stored sealed, not as is.
      const stored = await open.db.selectFrom('identity.mfa').selectAll().where('account_id', '=', a.id).executeTakeFirstOrThrow();
      expect(stored.secret).not.toContain(secret);
      expect(stored.confirmed_at).toBeNull();

      const wrong = await browser.post('/sign-in/enrol-mfa', { code: '000000', next: '/account' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain(messages.wrongEnrolmentCode);
      const done = await browser.post('/sign-in/enrol-mfa', { code: totpAt(secret, clock.now()), next: '/account' });
      expect(done.statusCode).toBe(200);
      expect(done.headers['cache-control']).toBe('no-store');
      const codes = recoveryCodes(done.body);
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      expect(done.body).toContain('href="/account"');
      const hashes = await open.db.selectFrom('identity.recovery_codes').select('code_hash').where('account_id', '=', a.id).execute();
      expect(hashes).toHaveLength(10);
      expect(hashes.map((h) => h.code_hash)).not.toContain(codes[0]);
      expect(await isSignedIn(browser)).toBe(true);
      expect((await sessionsOf(a.id))[0]!.stage).toBe('active');
      expect(await audit(a.id)).toContainEqual(expect.objectContaining({ action: 'mfa.enrolled', data: { mission: 'BRA' } }));
    });

    it('asks for the code at the next sign-in, refuses a replayed code, and accepts a recovery code once', async () => {
      const { browser: first, account: a } = await signedInAs(app, open.db, clock, { role: 'focal_point', mission: 'BRA' });
      const secret = first.totpSecrets.get(a.email.toLowerCase())!;
      clock.advance(30_000);
      const browser = formSession(app);
      const res = await browser.post('/sign-in', { email: a.email, password: a.password });
      expect(res.headers.location).toBe('/sign-in/mfa');
      expect(await audit(a.id)).toContainEqual(
        expect.objectContaining({ action: 'auth.signed_in', data: { mission: 'BRA', stage: 'mfa', method: 'password' } }),
      );
      const page = await browser.get('/sign-in/mfa');
      expect(page.body).toMatch(/<input id="code" name="code" type="text"[^>]* autocomplete="one-time-code"[^>]* inputmode="numeric"/);
      const code = totpAt(secret, clock.now());
      expect((await browser.post('/sign-in/mfa', { code })).headers.location).toBe('/my/statements');
      expect(await isSignedIn(browser)).toBe(true);
      expect(await audit(a.id)).toContainEqual(expect.objectContaining({ action: 'mfa.verified', data: { mission: 'BRA' } }));

      // The same code, from another browser within the same 30 seconds: refused.
      const thief = formSession(app);
      await thief.post('/sign-in', { email: a.email, password: a.password });
      const replay = await thief.post('/sign-in/mfa', { code });
      expect(replay.statusCode).toBe(400);
      expect(replay.body).toContain(messages.wrongCode);
      expect(await isSignedIn(thief)).toBe(false);

      // A recovery code works once. (Codes shown at enrolment; take a fresh set through the account page.)
      const regenerated = await browser.post('/account/mfa/recovery-codes', { codes_password: a.password });
      const [recovery] = recoveryCodes(regenerated.body);
      const other = formSession(app);
      await other.post('/sign-in', { email: a.email, password: a.password });
      const used = await other.post('/sign-in/mfa', { code: recovery!.toUpperCase().replace('-', ' ') });
      expect(used.headers.location).toBe('/my/statements');
      expect(await audit(a.id)).toContainEqual(
        expect.objectContaining({ action: 'mfa.verified_with_recovery_code', data: { mission: 'BRA', remaining: 9 } }),
      );
      const again = formSession(app);
      await again.post('/sign-in', { email: a.email, password: a.password });
      const reused = await again.post('/sign-in/mfa', { code: recovery! });
      expect(reused.statusCode).toBe(400);
      expect(reused.body).toContain(messages.wrongCode);
    });

    it('counts wrong codes as failed sign-ins and locks after 5', async () => {
      const { account: a } = await signedInAs(app, open.db, clock, { role: 'secretariat' });
      const browser = formSession(app);
      await browser.post('/sign-in', { email: a.email, password: a.password });
      for (let i = 0; i < 4; i++) expect((await browser.post('/sign-in/mfa', { code: '000000' })).statusCode).toBe(400);
      const fifth = await browser.post('/sign-in/mfa', { code: '000000' });
      expect(fifth.statusCode).toBe(429);
      expect(fifth.body).toContain(messages.locked(15));
      expect(await audit(a.id)).toContainEqual(
        expect.objectContaining({ action: 'auth.sign_in_failed', data: { mission: null, reason: 'wrong_mfa_code' } }),
      );
      // Signing in again from there does not reset the count: the password step is locked too.
      expect((await signInAttempt(browser, a.email, a.password)).statusCode).toBe(429);
      clock.advance(15 * MINUTE);
    });

    it('keeps pending actors out of pages and other actors out of the steps', async () => {
      const anonymous = formSession(app);
      const res = await anonymous.get('/sign-in/mfa');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/sign-in?next=%2Fsign-in%2Fmfa');
      const { browser } = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
      expect((await browser.get('/sign-in/mfa')).statusCode).toBe(403);
      expect((await browser.post('/sign-in/enrol-mfa', { code: '123456' })).statusCode).toBe(403);
    });
  });

  describe('session lifetime', () => {
    it('ends a session after 60 minutes without a request', async () => {
      const { browser } = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
      clock.advance(59 * MINUTE);
      expect(await isSignedIn(browser)).toBe(true);
      clock.advance(59 * MINUTE);
      expect(await isSignedIn(browser)).toBe(true);
      clock.advance(60 * MINUTE);
      const res = await browser.get('/account');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/sign-in?next=%2Faccount');
    });

    it('ends a session 12 hours after sign-in, however active', async () => {
      const { browser } = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
      for (let minutes = 50; minutes < 12 * 60; minutes += 50) {
        clock.advance(50 * MINUTE);
        expect(await isSignedIn(browser)).toBe(true);
      }
      clock.advance(50 * MINUTE);
      expect(await isSignedIn(browser)).toBe(false);
    });
  });

  describe('sign-out', () => {
    it('asks for confirmation, refuses a post without the token, then ends the session', async () => {
      const { browser, account: a } = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
      const page = await browser.get('/sign-out');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<form method="post" action="/sign-out"');
      expect((await browser.post('/sign-out', {}, { csrf: false })).statusCode).toBe(403);
      expect(await isSignedIn(browser)).toBe(true);
      const token = browser.cookies.get('rostrum_session')!;
      const res = await browser.post('/sign-out');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/');
      expect(browser.cookies.has('rostrum_session')).toBe(false);
      expect(await isSignedIn(browser)).toBe(false);
      // The old cookie no longer works either: the session ended on the server.
      const replay = await app.inject({ url: '/account', headers: { cookie: `rostrum_session=${token}` } });
      expect(replay.statusCode).toBe(303);
      expect(await audit(a.id)).toContainEqual(expect.objectContaining({ action: 'auth.signed_out', data: { mission: 'BRA' } }));
    });

    it('tells a visitor who is not signed in', async () => {
      const res = await formSession(app).get('/sign-out');
      expect(res.body).toContain('You are not signed in');
    });
  });

  describe('invitations', () => {
    const invite = async (role: TestAccount['role'], mission: string | null, hours = 72) => {
      const a = await account({ role, mission });
      await open.db.updateTable('identity.accounts').set({ password_hash: null }).where('id', '=', a.id).execute();
      const link = await open.db
        .transaction()
        .execute((trx) => issueLink(trx, clock, { accountId: a.id, purpose: 'invitation', createdBy: null, ttlMinutes: hours * 60 }));
      return { a, path: link.path };
    };

    it('lets the person choose a password once, signs them in, and refuses the link afterwards', async () => {
      const { a, path } = await invite('delegate', 'BRA');
      const browser = formSession(app);
      const page = await browser.get(path);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(a.email);
      expect(page.body).toMatch(/name="password" type="password"[^>]* autocomplete="new-password"/);
      const bad = await browser.post(path, { password: 'short', confirmation: 'short' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('Use at least 12 characters.');
      const same = await browser.post(path, { password: a.email, confirmation: a.email });
      expect(same.body).toContain('Do not use your e-mail address as your password.');
      const mismatch = await browser.post(path, { password: 'a long new password', confirmation: 'a long new passwort' });
      expect(mismatch.body).toContain('The two passwords are not the same.');
      expect(
        (await open.db.selectFrom('identity.accounts').select('password_hash').where('id', '=', a.id).executeTakeFirstOrThrow())
          .password_hash,
      ).toBeNull();

      const ok = await browser.post(path, { password: 'a long new password', confirmation: 'a long new password' });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe('/my/statements');
      expect(await isSignedIn(browser)).toBe(true);
      const row = await open.db
        .selectFrom('identity.accounts')
        .select(['password_hash', 'password_changed_at'])
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_changed_at).toEqual(clock.now());
      expect(await audit(a.id)).toContainEqual(expect.objectContaining({ action: 'auth.invitation_accepted', data: { mission: 'BRA' } }));
      expect(await audit(a.id)).toContainEqual(
        expect.objectContaining({ action: 'auth.signed_in', data: { mission: 'BRA', stage: 'active', method: 'invitation' } }),
      );

      const second = await formSession(app).get(path);
      expect(second.statusCode).toBe(410);
      expect(second.body).toContain('This invitation has already been used');
      expect(second.body).toContain('Ask your mission’s access focal point, or the help desk, to send you a new invitation.');
      const replay = await formSession(app).post(path, { password: 'another long password', confirmation: 'another long password' });
      expect(replay.statusCode).toBe(410);
      expect((await signInAttempt(formSession(app), a.email, 'a long new password')).statusCode).toBe(303);
    });

    it('sends a focal point on to enrol after choosing the password', async () => {
      const { path } = await invite('focal_point', 'BRA');
      const res = await formSession(app).post(path, { password: 'a long new password', confirmation: 'a long new password' });
      expect(res.headers.location).toBe('/sign-in/enrol-mfa');
    });

    it('refuses an expired or unknown link with a page that says what to do', async () => {
      const { a, path } = await invite('delegate', 'BRA', 1);
      clock.advance(61 * MINUTE);
      const expired = await formSession(app).get(path);
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('This invitation has expired.');
      expect((await formSession(app).post(path, { password: 'a long new password', confirmation: 'a long new password' })).statusCode).toBe(
        410,
      );
      expect(
        (await open.db.selectFrom('identity.accounts').select('password_hash').where('id', '=', a.id).executeTakeFirstOrThrow())
          .password_hash,
      ).toBeNull();
      const unknown = await formSession(app).get(`/invitations/${'x'.repeat(43)}`);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('This invitation link is not valid.');
      expect((await formSession(app).get(`/invitations/${'x'.repeat(150)}`)).statusCode).toBe(414);
    });
  });

  describe('password reset', () => {
    /** The mail for an address, once the queued reset requests have run (the outbox keeps it unsent here). */
    const mails = async (to: string) => {
      await new JobRunner({
        db: open.db,
        clock,
        jobs: [passwordResetJob({ publicUrl: 'http://localhost:3000', resetLinkMinutes: 60 }), mailSendJob(outboxTransport())],
        log: silentLog,
      }).runDue();
      return (await open.db.selectFrom('kernel.mail').select(['recipients', 'subject', 'text_body']).orderBy('id').execute()).filter((m) =>
        m.recipients.includes(to),
      );
    };
    const rowCounts = async () =>
      Object.fromEntries(
        await Promise.all(
          (['kernel.jobs', 'kernel.mail', 'kernel.audit_log', 'identity.links'] as const).map(async (t) => [
            t,
            Number(
              (
                await open.db
                  .selectFrom(t)
                  .select((eb) => eb.fn.countAll().as('n'))
                  .executeTakeFirstOrThrow()
              ).n,
            ),
          ]),
        ),
      );

    it('answers the same for any address, doing the same work for each, and mails a link only to an existing account', async () => {
      const a = await delegate();
      const browser = formSession(app);
      const page = await browser.get('/password/forgot');
      expect(page.body).toMatch(/autocomplete="username"/);
      const start = await rowCounts();
      const unknown = await browser.post('/password/forgot', { email: 'nobody@mission.example.org' });
      const afterUnknown = await rowCounts();
      const known = await browser.post('/password/forgot', { email: a.email.toUpperCase() });
      const afterKnown = await rowCounts();
      // One queued job each, and nothing else yet: the page's work cannot tell the two apart.
      expect(afterUnknown).toEqual({ ...start, 'kernel.jobs': start['kernel.jobs'] + 1 });
      expect(afterKnown).toEqual({ ...afterUnknown, 'kernel.jobs': afterUnknown['kernel.jobs'] + 1 });
      expect(unknown.headers.location).toBe('/password/forgot?sent=1');
      expect(known.headers.location).toBe('/password/forgot?sent=1');
      expect((await browser.follow(known)).body).toContain(
        'If an account exists for this address, a link to choose a new password has been sent to it.',
      );
      expect(await mails('nobody@mission.example.org')).toEqual([]);
      const [mail] = await mails(a.email);
      expect(mail!.subject).toBe('Rostrum: choose a new password');
      expect(mail!.text_body).toMatch(/http:\/\/localhost:3000\/password\/reset\/[A-Za-z0-9_-]{43}\n/);
      expect(mail!.text_body).toContain('within 60 minutes');
      expect(await audit(a.id)).toContainEqual(
        expect.objectContaining({ action: 'auth.password_reset_requested', actor_id: null, data: { mission: 'BRA' } }),
      );
      const invalid = await browser.post('/password/forgot', { email: 'not an address' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.body).toContain('Enter an e-mail address in the form name@example.org.');
    });

    it('sets the new password, ends every session of the account, and lets the person sign in with it', async () => {
      const { browser: elsewhere, account: a } = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
      expect(await isSignedIn(elsewhere)).toBe(true);
      const browser = formSession(app);
      await browser.post('/password/forgot', { email: a.email });
      const [mail] = await mails(a.email);
      const path = /\/password\/reset\/[A-Za-z0-9_-]{43}/.exec(mail!.text_body)![0];
      const page = await browser.get(path);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Choose a new password');
      const res = await browser.post(path, { password: 'my brand new password', confirmation: 'my brand new password' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/sign-in?done=password-reset');
      expect((await browser.follow(res)).body).toContain('Your new password is saved');
      expect(await isSignedIn(elsewhere)).toBe(false);
      expect(await audit(a.id)).toContainEqual(
        expect.objectContaining({ action: 'auth.password_reset', data: { mission: 'BRA', sessionsEnded: 1 } }),
      );
      expect((await signInAttempt(formSession(app), a.email, a.password)).statusCode).toBe(400);
      expect((await signInAttempt(formSession(app), a.email, 'my brand new password')).statusCode).toBe(303);
      const used = await formSession(app).get(path);
      expect(used.statusCode).toBe(410);
      expect(used.body).toContain('Ask for a new link');
    });

    it('does not flood an inbox: at most 3 e-mails in 15 minutes', async () => {
      const a = await delegate();
      const browser = formSession(app);
      for (let i = 0; i < 5; i++) await browser.post('/password/forgot', { email: a.email });
      expect(await mails(a.email)).toHaveLength(3);
    });
  });

  it('gives every form field a label and keeps the pages free of inline script and style', async () => {
    const { browser } = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
    for (const path of ['/account', '/account/mfa', '/sign-out']) {
      const res = await browser.get(path);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|\sstyle="|\son[a-z]+="/);
      for (const m of res.body.matchAll(/<input id="([^"]+)"/g)) expect(res.body).toContain(`<label for="${m[1]}">`);
    }
    expect(inputValue((await browser.get('/account')).body, '_csrf')).toBeDefined();
  });
});
