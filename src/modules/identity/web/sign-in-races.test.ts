// Signing in under attack, through the HTTP application: bursts of simultaneous attempts on one account, a burst of
// second-step codes, a full password gate, and the per-address limits kept in memory. Every burst is sent at once
// (Promise.all), so the throttle is tried the way a script tries it; each assertion counts what was checked, never
// how long it took.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { formSession, signedInAs } from '../../../../test/http.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import {
  ATTEMPTS_PER_HASH,
  configurePasswordChecks,
  defaultPasswordConcurrency,
  passwordCheckLoad,
  takePasswordCheck,
} from '../passwords.js';
import { totpAt } from '../totp.js';
import { addAccount } from '../../../../test/accounts.js';

describe('sign-in under attack', () => {
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
  afterEach(() => {
    configurePasswordChecks({ concurrency: defaultPasswordConcurrency(), maxQueue: 500, maxWaitMs: 30_000 });
  });

  /** What the audit log says was checked for an account: failed attempts and sign-ins. */
  const checked = async (accountId: string) => {
    const rows = await open.db.selectFrom('kernel.audit_log').select(['action', 'data']).where('subject_id', '=', accountId).execute();
    return {
      failed: rows.filter((r) => r.action === 'auth.sign_in_failed').length,
      signedIn: rows.filter((r) => r.action === 'auth.signed_in').length,
      wrongCodes: rows.filter((r) => r.action === 'auth.sign_in_failed' && (r.data as { reason?: string }).reason === 'wrong_mfa_code')
        .length,
    };
  };

  it('checks five of forty simultaneous sign-ins for one account from one address, the right password sent last among them', async () => {
    const a = await addAccount(open.db, clock, { role: 'delegate', mission: 'BRA' });
    const browser = formSession(app);
    await browser.get('/sign-in');
    const passwords = [...Array.from({ length: 39 }, (_, i) => `wrong guess ${i}`), a.password];
    const answers = await Promise.all(passwords.map((password) => browser.post('/sign-in', { email: a.email, password })));
    const { failed, signedIn } = await checked(a.id);
    expect(failed + signedIn).toBe(5);
    // Thirty-five refused unchecked, and the failure that locked the pair says so too.
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(36);
    expect(answers.some((r) => r.statusCode >= 500)).toBe(false);
    // However the five fell, nothing more gets through from there while the pair is locked, not even the password.
    if (signedIn === 0) expect((await browser.post('/sign-in', { email: a.email, password: a.password })).statusCode).toBe(429);
    expect((await checked(a.id)).failed + (await checked(a.id)).signedIn).toBe(5);
  });

  it('checks five of a hundred simultaneous second-step codes, then refuses the right one', async () => {
    const { account: a, browser: enrolled } = await signedInAs(app, open.db, clock, { role: 'secretariat' });
    const secret = enrolled.totpSecrets.get(a.email.toLowerCase())!;
    const browser = formSession(app);
    await browser.get('/sign-in');
    expect((await browser.post('/sign-in', { email: a.email, password: a.password })).headers.location).toBe('/sign-in/mfa');
    const before = await checked(a.id);
    const wrong = totpAt(secret, new Date(clock.now().getTime() + 10 * 60_000));
    const answers = await Promise.all(Array.from({ length: 100 }, () => browser.post('/sign-in/mfa', { code: wrong })));
    expect((await checked(a.id)).wrongCodes - before.wrongCodes).toBe(5);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(96);
    clock.advance(30_000);
    expect((await browser.post('/sign-in/mfa', { code: totpAt(secret, clock.now()) })).statusCode).toBe(429);
    clock.advance(20 * 60_000);
  });

  it('answers 503 with Retry-After when the password gate and its queue are full, counting nothing, and serves the queue after', async () => {
    configurePasswordChecks({ concurrency: 1, maxQueue: 2, maxWaitMs: 60_000 });
    // Every attempt's place taken, as a flood in progress would.
    const held = await Promise.all(Array.from({ length: ATTEMPTS_PER_HASH }, () => takePasswordCheck()));
    const browsers = Array.from({ length: 5 }, () => formSession(app));
    for (const b of browsers) await b.get('/sign-in');
    let answered = 0;
    const pending = browsers.map((b, i) =>
      b.post('/sign-in', { email: `nobody${i}@flood.example.org`, password: 'not this one' }).finally(() => answered++),
    );
    // Wait until two are queued behind the held place and the three that did not fit have been answered.
    while (passwordCheckLoad().low < 2 || answered < 3) await new Promise((resolve) => setImmediate(resolve));
    for (const place of held) place.release();
    const answers = await Promise.all(pending);
    const refused = answers.filter((r) => r.statusCode === 503);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expect(r.headers['retry-after']).toBe('5');
      expect(r.body).toContain('Rostrum is very busy at this moment');
    }
    expect(answers.filter((r) => r.statusCode === 400)).toHaveLength(2);
    const counted = await open.db
      .selectFrom('identity.sign_in_throttle')
      .select('key')
      .where('key', 'like', 'account:nobody%@flood.example.org')
      .execute();
    expect(counted).toHaveLength(2);
  });
});

describe('limits per network address, in memory', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  const clock = fixedClock('2026-12-01T09:00:00Z');

  beforeAll(async () => {
    open = await testDatabase();
    app = await testApp(open.db, clock, { SIGN_IN_RATE_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '20' });
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it('refuses a fourth sign-in form in the minute from one address before anything reaches the database, and not from another', async () => {
    const browser = formSession(app);
    await browser.get('/sign-in');
    for (let i = 0; i < 3; i++)
      expect((await browser.post('/sign-in', { email: 'someone@example.org', password: `guess ${i}` })).statusCode).toBe(400);
    const fourth = await browser.post('/sign-in', { email: 'someone@example.org', password: 'guess 3' });
    expect(fourth.statusCode).toBe(429);
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    expect(fourth.body).toContain('Too many requests from your address.');
    const counted = await open.db
      .selectFrom('identity.sign_in_throttle')
      .select('failures')
      .where('key', '=', 'account:someone@example.org')
      .executeTakeFirstOrThrow();
    expect(counted.failures).toBe(3);
    const other = formSession(app);
    await other.get('/sign-in');
    expect((await other.post('/sign-in', { email: 'someone@example.org', password: 'guess 4' })).statusCode).toBe(400);
  });

  it('limits a visitor’s requests per minute, and not those of someone signed in from the same address', async () => {
    const address = '203.0.113.77';
    const visitor = formSession(app, { remoteAddress: address });
    const { browser: member } = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await visitor.get('/')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    const signedInFromThere = formSession(app, { remoteAddress: address });
    for (const [k, v] of member.cookies) signedInFromThere.cookies.set(k, v);
    for (let i = 0; i < 25; i++) expect((await signedInFromThere.get('/')).statusCode).toBe(200);
  });
});
