// One's own account page through the HTTP application: password, two-step verification, sessions.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { formSession, signedInAs } from '../../../../test/http.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { notificationPreferencesOf } from '../notifications.js';
import { totpAt } from '../totp.js';
import { browserLabel, missionLabel } from './account-pages.js';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

describe('browserLabel', () => {
  it.each([
    [FIREFOX_WINDOWS, 'Firefox on Windows'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      'Safari on macOS',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 ' +
        'Safari/604.1',
      'Safari on iOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome on Linux'],
    ['curl/8.5.0', 'Unknown browser'],
    [null, 'Unknown browser'],
  ])('%s is "%s"', (ua, label) => {
    expect(browserLabel(ua)).toBe(label);
  });

  it('names missions as people know them', () => {
    expect(missionLabel('BRA')).toBe('Brazil (BRA)');
    expect(missionLabel('zzz-unknown')).toBe('zzz-unknown');
  });
});

describe('the account page', () => {
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

  const audit = (subjectId: string) =>
    open.db.selectFrom('kernel.audit_log').select(['action', 'data']).where('subject_id', '=', subjectId).orderBy('seq').execute();
  const recoveryCodes = (body: string) => [...body.matchAll(/<li>([a-z2-9]{5}-[a-z2-9]{5})<\/li>/g)].map((m) => m[1]!);
  const isSignedIn = async (browser: ReturnType<typeof formSession>) => (await browser.get('/account')).statusCode === 200;

  it('sends a visitor who is not signed in to the sign-in page, and back afterwards', async () => {
    const res = await formSession(app).get('/account');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Faccount');
  });

  it('shows who one is and where one is signed in, this session marked', async () => {
    const { browser, account } = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
    const other = formSession(app);
    await other.get('/sign-in', { 'user-agent': FIREFOX_WINDOWS });
    await other.post('/sign-in', { email: account.email, password: account.password }, { headers: { 'user-agent': FIREFOX_WINDOWS } });
    const res = await browser.get('/account');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(account.email);
    expect(res.body).toContain('<dt>Role</dt><dd>Delegate</dd>');
    expect(res.body).toContain('<dt>Mission</dt><dd>Brazil (BRA)</dd>');
    expect(res.body).toContain('(this session)');
    expect(res.body).toContain('Firefox on Windows');
    expect(res.body).toContain(other.remoteAddress);
    expect(res.body).toContain('1 December 2026, 9 a.m. UTC');
    expect(res.body).toContain('Sign out of the other session');
    expect(res.body).toContain('Set up two-step verification');
  });

  it('lets a mission’s person choose the notifications they receive, every one on until turned off', async () => {
    const { browser, account } = await signedInAs(app, open.db, clock, { role: 'focal_point', mission: 'BRA' });
    const checked = (body: string) =>
      [...body.matchAll(/<input id="([a-z_]+)" name="\1" type="checkbox" value="yes"( checked)?/g)].map((m) => [m[1], m[2] !== undefined]);
    const before = await browser.get('/account');
    expect(before.body).toContain('<h2 id="notifications-heading">E-mail notifications</h2>');
    expect(before.body).toContain('A late submission is allowed for your mission');
    expect(before.body).toContain(
      'Receipts of your mission’s statements, statements returned for correction, and e-mails about your account’s security are ' +
        'always sent.',
    );
    expect(checked(before.body)).toEqual([
      ['late_submission_allowed', true],
      ['statement_accepted', true],
      ['compilation_issued', true],
      ['letter_issued', true],
    ]);

    expect((await browser.post('/account/notifications', { statement_accepted: 'yes' }, { csrf: false })).statusCode).toBe(403);
    const saved = await browser.post('/account/notifications', { statement_accepted: 'yes', letter_issued: 'yes' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account?done=notifications');
    const after = await browser.follow(saved);
    expect(after.body).toContain('Your notification choices are saved.');
    expect(checked(after.body)).toEqual([
      ['late_submission_allowed', false],
      ['statement_accepted', true],
      ['compilation_issued', false],
      ['letter_issued', true],
    ]);
    expect(await notificationPreferencesOf(open.db, account.id)).toEqual({
      late_submission_allowed: false,
      statement_accepted: true,
      compilation_issued: false,
      letter_issued: true,
    });
    // Nothing checked: every one off; the next choice turns them on again.
    await browser.post('/account/notifications', {});
    expect(Object.values(await notificationPreferencesOf(open.db, account.id))).toEqual([false, false, false, false]);
    await browser.post('/account/notifications', {
      late_submission_allowed: 'yes',
      statement_accepted: 'yes',
      compilation_issued: 'yes',
      letter_issued: 'yes',
    });
    expect(Object.values(await notificationPreferencesOf(open.db, account.id))).toEqual([true, true, true, true]);
  });

  it('shows no notifications to choose to United Nations staff, whom none concerns', async () => {
    const { browser } = await signedInAs(app, open.db, clock, { role: 'helpdesk' });
    expect((await browser.get('/account')).body).not.toContain('E-mail notifications');
  });

  it('changes the password after the current one, ending the other sessions only', async () => {
    const { browser, account } = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
    const other = formSession(app);
    await other.signIn(account.email, account.password);
    expect(await isSignedIn(other)).toBe(true);

    const noToken = await browser.post(
      '/account/password',
      { current: account.password, password: 'a new long password', confirmation: 'a new long password' },
      { csrf: false },
    );
    expect(noToken.statusCode).toBe(403);
    const wrong = await browser.post('/account/password', {
      current: 'not my password',
      password: 'a new long password',
      confirmation: 'a new long password',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Your current password is not right.');
    const mismatch = await browser.post('/account/password', {
      current: account.password,
      password: 'a new long password',
      confirmation: 'another',
    });
    expect(mismatch.body).toContain('The two passwords are not the same.');
    expect(await isSignedIn(other)).toBe(true);

    const ok = await browser.post('/account/password', {
      current: account.password,
      password: 'a new long password',
      confirmation: 'a new long password',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/account?done=password');
    expect((await browser.follow(ok)).body).toContain(
      'Your password is changed. Your other sessions have ended, and any access tokens you had are revoked.',
    );
    expect(await isSignedIn(browser)).toBe(true);
    expect(await isSignedIn(other)).toBe(false);
    expect(await audit(account.id)).toContainEqual({ action: 'auth.password_changed', data: { mission: 'BRA', sessionsEnded: 1 } });
    expect(await audit(account.id)).toContainEqual({ action: 'auth.sign_in_failed', data: { mission: 'BRA', reason: 'wrong_password' } });
    // The owner is told by e-mail, in case it was not them.
    const told = await open.db
      .selectFrom('kernel.mail')
      .select(['subject', 'text_body'])
      .where(sql<boolean>`${account.email} = ANY(recipients)`)
      .execute();
    expect(told.map((m) => m.subject)).toContain('Your Rostrum password was changed');
    expect(told.find((m) => m.subject === 'Your Rostrum password was changed')?.text_body).toContain(
      'was changed from your account page. Your other sessions have ended.',
    );
    expect((await formSession(app).post('/sign-in', { email: account.email, password: 'a new long password' })).statusCode).toBe(303);
  });

  it('signs out of all other sessions', async () => {
    const { browser, account } = await signedInAs(app, open.db, clock, { role: 'secretariat' });
    const others = [formSession(app), formSession(app)];
    for (const o of others) {
      clock.advance(30_000);
      await o.signIn(account.email, account.password, { clock, totpSecret: browser.totpSecrets.get(account.email.toLowerCase())! });
      expect(await isSignedIn(o)).toBe(true);
    }
    expect((await browser.get('/account')).body).toContain('Sign out of all 2 other sessions');
    const res = await browser.post('/account/sessions/end-others');
    expect(res.headers.location).toBe('/account?done=sessions');
    for (const o of others) expect(await isSignedIn(o)).toBe(false);
    expect(await isSignedIn(browser)).toBe(true);
    expect((await browser.get('/account')).body).toContain('You are signed in nowhere else.');
    expect(await audit(account.id)).toContainEqual({ action: 'auth.other_sessions_ended', data: { mission: null, sessionsEnded: 2 } });
  });

  it('lets a delegate set up two-step verification, make new recovery codes and turn it off', async () => {
    const { browser, account } = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'CHN' });
    const page = await browser.get('/account/mfa');
    const secret = /<p class="secret" id="secret">([A-Z2-7 ]+)<\/p>/.exec(page.body)![1]!.replace(/ /g, '');
    const enrolled = await browser.post('/account/mfa', { code: totpAt(secret, clock.now()) });
    const first = recoveryCodes(enrolled.body);
    expect(first).toHaveLength(10);
    expect((await browser.get('/account/mfa')).headers.location).toBe('/account');
    expect((await browser.get('/account')).body).toContain('You have 10 unused recovery codes.');

    const wrong = await browser.post('/account/mfa/recovery-codes', { codes_password: 'not my password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Your password is not right.');
    const renewed = await browser.post('/account/mfa/recovery-codes', { codes_password: account.password });
    const second = recoveryCodes(renewed.body);
    expect(second).toHaveLength(10);
    expect(second.filter((c) => first.includes(c))).toEqual([]);

    // The codes just shown download as a text file naming the account; the earlier set, or a set with a code used,
    // no longer does.
    expect(renewed.body).toContain('action="/account/mfa/recovery-codes/download"');
    const file = await browser.post('/account/mfa/recovery-codes/download', { codes: second.join(' ') });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="rostrum-recovery-codes.txt"');
    expect(file.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(file.body).toContain(`Account: `);
    expect(file.body).toContain(`<${account.email}>`);
    for (const code of second) expect(file.body).toContain(`\n${code}\n`);
    expect((await browser.post('/account/mfa/recovery-codes/download', { codes: first.join(' ') })).statusCode).toBe(410);
    expect((await browser.post('/account/mfa/recovery-codes/download', { codes: second.slice(1).join(' ') })).statusCode).toBe(410);
    expect((await browser.post('/account/mfa/recovery-codes/download', {})).statusCode).toBe(410);

    // Signing in now asks for the code.
    clock.advance(30_000);
    const other = formSession(app);
    expect((await other.post('/sign-in', { email: account.email, password: account.password })).headers.location).toBe('/sign-in/mfa');
    // An old recovery code no longer works; a new one does.
    expect((await other.post('/sign-in/mfa', { code: first[0]! })).statusCode).toBe(400);
    expect((await other.post('/sign-in/mfa', { code: second[0]! })).statusCode).toBe(303);
    expect((await browser.post('/account/mfa/recovery-codes/download', { codes: second.join(' ') })).statusCode).toBe(410);

    const off = await browser.post('/account/mfa/disable', { disable_password: account.password });
    expect(off.headers.location).toBe('/account?done=mfa-off');
    expect(await open.db.selectFrom('identity.mfa').select('account_id').where('account_id', '=', account.id).execute()).toEqual([]);
    expect(await open.db.selectFrom('identity.recovery_codes').select('account_id').where('account_id', '=', account.id).execute()).toEqual(
      [],
    );
    const actions = (await audit(account.id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['mfa.enrolled', 'mfa.recovery_codes_regenerated', 'mfa.verified_with_recovery_code', 'mfa.disabled']),
    );
    expect(await audit(account.id)).toContainEqual({ action: 'mfa.disabled', data: { mission: 'CHN' } });
  });

  it('does not let a focal point turn two-step verification off', async () => {
    const { browser, account } = await signedInAs(app, open.db, clock, { role: 'focal_point', mission: 'BRA' });
    const page = await browser.get('/account');
    expect(page.body).toContain('Your role requires it.');
    expect(page.body).not.toContain('/account/mfa/disable');
    const res = await browser.post('/account/mfa/disable', { disable_password: account.password });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Your role requires two-step verification, so it cannot be turned off.');
    expect(await open.db.selectFrom('identity.mfa').select('account_id').where('account_id', '=', account.id).execute()).toHaveLength(1);
  });

  it('answers over-long and missing fields with a message, and changes nothing', async () => {
    const { browser } = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
    const empty = await browser.post('/account/password', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter your current password.');
    expect(empty.body).toContain('Enter a new password.');
    const long = await browser.post('/account/password', { current: 'x', password: 'y'.repeat(500), confirmation: 'y'.repeat(500) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Use at most 200 characters.');
    const absurd = await browser.post('/account/password', { current: 'x'.repeat(10_000) });
    expect(absurd.statusCode).toBe(400);
    expect(absurd.body).toContain('The request could not be understood');
  });
});
