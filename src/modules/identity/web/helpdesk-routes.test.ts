// The help desk pages through inject(): search, the account page and its actions, creating focal points and
// staff; everyone but the help desk refused; anonymous visitors sent to sign in; no change without a CSRF token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db.js';
import { testApp, sessionCookieValue } from '../../../../test/app.js';
import { formSession, inputValue, type FormSession } from '../../../../test/http.js';
import { auditEntries, fingerprint, mailTo } from '../../../../test/admin-fixtures.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { createSession } from '../sessions.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-10T14:00:00Z');
const sessionSettings = { idleMinutes: 60, maxHours: 12 };

describe('help desk pages', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let helpdesk: TestAccount;
  let focal: TestAccount;
  let delegate: TestAccount;
  let secretariat: TestAccount;

  beforeAll(async () => {
    open = await testDatabase();
    app = await testApp(open.db, clock, { PUBLIC_URL: 'http://rostrum.example.org' });
    helpdesk = await addAccount(open.db, clock, { hashed: false, role: 'helpdesk', name: 'Hal Desk' });
    focal = await addAccount(open.db, clock, {
      hashed: false,
      role: 'focal_point',
      mission: 'BRA',
      name: 'Ana Focal',
      email: 'ana@itamaraty.example.org',
    });
    delegate = await addAccount(open.db, clock, {
      hashed: false,
      role: 'delegate',
      mission: 'BRA',
      name: 'Dora Delegate',
      email: 'dora@itamaraty.example.org',
    });
    secretariat = await addAccount(open.db, clock, { hashed: false, role: 'secretariat', name: 'Sam Secretariat' });
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  async function as(who: TestAccount): Promise<FormSession> {
    const { token } = await open.db.transaction().execute((trx) => createSession(trx, clock, sessionSettings, who.id, 'active', {}));
    const browser = formSession(app);
    browser.cookies.set('rostrum_session', sessionCookieValue(token));
    return browser;
  }

  async function desk(): Promise<FormSession> {
    const browser = await as(helpdesk);
    expect((await browser.get('/helpdesk')).statusCode).toBe(200);
    expect(browser.csrfToken).toBeDefined();
    return browser;
  }

  it('finds accounts by part of an e-mail address, a name, a mission’s name or its code', async () => {
    const browser = await desk();
    for (const q of ['itamaraty', 'dora', 'Brazil', 'bra']) {
      const res = await browser.get(`/helpdesk?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.body, q).toContain(`<a href="/helpdesk/accounts/${delegate.id}">Dora Delegate</a>`);
      expect(res.body).toContain('Brazil (BRA)');
    }
    const none = await browser.get('/helpdesk?q=nobody-at-all');
    expect(none.body).toContain('No account matches “nobody-at-all”.');
    expect((await browser.get('/helpdesk')).body).not.toContain('<caption>');
  });

  it('creates a mission’s first focal point, and keeps what was typed when refused', async () => {
    const browser = await desk();
    const page = await browser.get('/helpdesk');
    // Missions in a select, sorted by name: Bolivia under B, before Brazil.
    expect(page.body.indexOf('<option value="BOL">')).toBeLessThan(page.body.indexOf('<option value="BRA">'));
    const before = await fingerprint(open.db);
    let res = await browser.post('/helpdesk/accounts', {
      role: 'focal_point',
      mission: '',
      email: 'first@mofa.example.org',
      displayName: 'First Focal',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#mission">Choose the mission this person belongs to</a>');
    expect(inputValue(res.body, 'email')).toBe('first@mofa.example.org');
    res = await browser.post('/helpdesk/accounts', {
      role: 'focal_point',
      mission: 'NER',
      email: 'ana@itamaraty.example.org',
      displayName: 'First Focal',
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('<a href="#email">An account with this e-mail address already exists.');
    expect(res.body).toContain('<option value="NER" selected>');
    // Delegates are the focal point's to invite: the form comes back with the reason beside the role.
    res = await browser.post('/helpdesk/accounts', {
      role: 'delegate',
      mission: 'NER',
      email: 'd@mofa.example.org',
      displayName: 'A Delegate',
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<a href="#role">You cannot invite an account of this kind.');
    res = await browser.post('/helpdesk/accounts', {
      role: 'focal_point',
      mission: 'XYZ',
      email: 'x@mofa.example.org',
      displayName: 'Nowhere',
    });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('href="#mission"');
    expect(await fingerprint(open.db)).toEqual(before);

    res = await browser.post('/helpdesk/accounts', {
      role: 'focal_point',
      mission: 'NER',
      email: 'first@mofa.example.org',
      displayName: 'First Focal',
    });
    expect(res.statusCode).toBe(303);
    const id = (
      await open.db.selectFrom('identity.accounts').select('id').where('email', '=', 'first@mofa.example.org').executeTakeFirstOrThrow()
    ).id;
    expect(res.headers.location).toBe(`/helpdesk/accounts/${id}?done=invited`);
    const [mail] = await mailTo(open.db, 'first@mofa.example.org');
    expect(mail?.text_body).toContain(
      'Hal Desk has invited you to Rostrum, the platform for written statements in open debates, as an access focal point of the ' +
        'Permanent Mission of the Niger',
    );
    expect(mail?.text_body).toContain('http://rostrum.example.org/invitations/');
    const account = await browser.follow(res);
    expect(account.body).toContain('The account was created and the invitation sent.');
    expect(account.body).toContain('Niger (NER)');
    expect(account.body).toContain('Send a new invitation');
    expect(account.body).not.toContain('Send a sign-in link');

    res = await browser.post('/helpdesk/accounts', {
      role: 'secretariat',
      mission: '',
      email: 'officer@un.example.org',
      displayName: 'New Officer',
    });
    expect(res.statusCode).toBe(303);
  });

  it('unlocks sign-in, resets two-step verification, sends a sign-in link, deactivates and reactivates', async () => {
    const person = await addAccount(open.db, clock, {
      hashed: false,
      role: 'focal_point',
      mission: 'ARG',
      name: 'Locked Person',
      email: 'Locked@Cancilleria.example.org',
    });
    await open.db
      .insertInto('identity.sign_in_throttle')
      .values({
        key: 'pair:locked@cancilleria.example.org|192.0.2.5',
        failures: 0,
        window_start: clock.now(),
        locked_until: new Date(clock.now().getTime() + 10 * 60_000),
        last_attempt_at: null,
      })
      .execute();
    await open.db
      .insertInto('identity.mfa')
      .values({ account_id: person.id, secret: 'encrypted', confirmed_at: clock.now(), last_step: null })
      .execute();
    const browser = await desk();
    let page = await browser.get(`/helpdesk/accounts/${person.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      'Locked for one network address until <time datetime="2021-05-10T14:10:00.000Z">10 May 2021, 10.10 a.m. New York time (UTC−4)</time>',
    );
    expect(page.body).toContain('Set up (0 recovery codes left)');

    const steps: Array<[string, string]> = [
      ['unlock', 'Sign-in was unlocked'],
      ['reset-mfa', 'Two-step verification was reset'],
      ['sign-in-link', 'A sign-in link was sent'],
      ['deactivate', 'The account was deactivated'],
      ['reactivate', 'The account was reactivated'],
    ];
    for (const [path, notice] of steps) {
      clock.advance(1000);
      const res = await browser.post(`/helpdesk/accounts/${person.id}/${path}`, path === 'deactivate' ? { confirmed: 'yes' } : {});
      expect(res.statusCode, path).toBe(303);
      expect(res.headers.location).toBe(
        `/helpdesk/accounts/${person.id}?done=${
          path === 'unlock' ? 'unlocked' : path === 'reset-mfa' ? 'mfa_reset' : path === 'sign-in-link' ? 'sign_in_link' : `${path}d`
        }`,
      );
      expect((await browser.follow(res)).body).toContain(notice);
    }
    expect(await open.db.selectFrom('identity.sign_in_throttle').select('key').execute()).toEqual([]);
    expect(await open.db.selectFrom('identity.mfa').select('account_id').where('account_id', '=', person.id).execute()).toEqual([]);
    expect((await mailTo(open.db, 'Locked@Cancilleria.example.org')).map((m) => m.subject)).toEqual([
      'Your two-step verification for Rostrum was reset',
      'Your sign-in link for Rostrum',
    ]);
    const actions = (await auditEntries(open.db)).filter((e) => e.subject_id === person.id).map((e) => e.action);
    expect(actions).toEqual(['signin.unlocked', 'mfa.reset', 'signin_link.issued', 'account.deactivated', 'account.reactivated']);

    // A button that no longer applies says why on the page.
    const res = await browser.post(`/helpdesk/accounts/${person.id}/reset-mfa`);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('This account has no two-step verification set up, so there is nothing to reset.');
    page = await browser.get(`/helpdesk/accounts/${person.id}`);
    expect(page.body).not.toContain('/reset-mfa"');
  });

  it('offers no action on one’s own account, and refuses one if posted', async () => {
    const browser = await desk();
    const page = await browser.get(`/helpdesk/accounts/${helpdesk.id}`);
    expect(page.body).toContain('This is your own account');
    expect(page.body).not.toContain('/deactivate"');
    const before = await fingerprint(open.db);
    const res = await browser.post(`/helpdesk/accounts/${helpdesk.id}/deactivate`);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('You cannot make this change to your own account.');
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('answers an unknown or malformed id with "not found"', async () => {
    const browser = await desk();
    const before = await fingerprint(open.db);
    for (const id of ['0b7b1d7e-2f1a-4c3e-9d55-1f2e3d4c5b6a', 'not-an-id']) {
      expect((await browser.get(`/helpdesk/accounts/${id}`)).statusCode).toBe(404);
      expect((await browser.post(`/helpdesk/accounts/${id}/deactivate`)).statusCode).toBe(404);
    }
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('refuses everyone but the help desk, on every page and form, changing nothing', async () => {
    const browsers = await Promise.all([focal, delegate, secretariat].map((who) => as(who)));
    for (const b of browsers) await b.get('/missions/BRA');
    const before = await fingerprint(open.db);
    for (const browser of browsers) {
      for (const url of ['/helpdesk', '/helpdesk?q=dora', `/helpdesk/accounts/${delegate.id}`])
        expect((await browser.get(url)).statusCode, url).toBe(403);
      const posts: Array<[string, Record<string, string>]> = [
        ['/helpdesk/accounts', { role: 'focal_point', mission: 'BRA', email: 'sneaky@example.org', displayName: 'Sneaky' }],
        ...['unlock', 'reset-mfa', 'sign-in-link', 'resend-invitation', 'deactivate', 'reactivate'].map(
          (a): [string, Record<string, string>] => [`/helpdesk/accounts/${delegate.id}/${a}`, {}],
        ),
      ];
      for (const [url, fields] of posts)
        expect((await browser.post(url, fields, { csrf: browser.csrfToken ?? 'none' })).statusCode, url).toBe(403);
    }
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('sends anonymous visitors to sign in, refuses their posts, and refuses a post without its CSRF token', async () => {
    const anonymous = formSession(app);
    for (const url of ['/helpdesk', `/helpdesk/accounts/${delegate.id}`]) {
      const res = await anonymous.get(url);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
    }
    const browser = await desk();
    const before = await fingerprint(open.db);
    expect((await anonymous.post(`/helpdesk/accounts/${delegate.id}/deactivate`, {}, { csrf: false })).statusCode).toBe(401);
    expect((await browser.post(`/helpdesk/accounts/${delegate.id}/deactivate`, {}, { csrf: false })).statusCode).toBe(403);
    expect(
      (
        await browser.post(
          '/helpdesk/accounts',
          { role: 'secretariat', mission: '', email: 'c@example.org', displayName: 'No Token' },
          { csrf: false },
        )
      ).statusCode,
    ).toBe(403);
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('asks before deactivating: a bare post answers with the question and changes nothing', async () => {
    const person = await addAccount(open.db, clock, {
      hashed: false,
      role: 'focal_point',
      mission: 'ARG',
      name: 'Asked First',
      email: 'asked@cancilleria.example.org',
    });
    const browser = await desk();
    const page = await browser.get(`/helpdesk/accounts/${person.id}`);
    expect(page.body).toContain(`data-confirm="Deactivate the account of Asked First?"`);
    const before = await fingerprint(open.db);
    const asked = await browser.post(`/helpdesk/accounts/${person.id}/deactivate`);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<h1>Deactivate the account of Asked First?</h1>');
    expect(asked.body).toContain('name="confirmed" value="yes"');
    expect(asked.body).toContain(`href="/helpdesk/accounts/${person.id}">Cancel</a>`);
    expect(await fingerprint(open.db)).toEqual(before);
    const done = await browser.post(`/helpdesk/accounts/${person.id}/deactivate`, { confirmed: 'yes' });
    expect(done.statusCode).toBe(303);
    expect(
      (await open.db.selectFrom('identity.accounts').select('disabled_at').where('id', '=', person.id).executeTakeFirstOrThrow())
        .disabled_at,
    ).not.toBeNull();
  });

  describe('correcting a name or an e-mail address', () => {
    const cases: Array<[string, { displayName: string; email: string }, number, string | RegExp]> = [
      ['an empty name', { displayName: ' ', email: 'fix@mofa.example.org' }, 400, 'Enter the person’s full name (2 to 200 characters)'],
      [
        'an address that is not one',
        { displayName: 'Fixed Person', email: 'not-an-address' },
        400,
        'Enter an e-mail address such as name@mission.example.org',
      ],
      [
        'an address another account uses',
        { displayName: 'Fixed Person', email: 'ANA@itamaraty.example.org' },
        409,
        'An account with this e-mail address already exists.',
      ],
    ];
    it.each(cases)('refuses %s, keeping what was typed and changing nothing', async (_name, fields, status, message) => {
      const person = await addAccount(open.db, clock, {
        hashed: false,
        role: 'delegate',
        mission: 'BRA',
        name: 'Fix Person',
        email: `fix-${status}-${fields.email.length}@mofa.example.org`,
      });
      const browser = await desk();
      const before = await fingerprint(open.db);
      const res = await browser.post(`/helpdesk/accounts/${person.id}/details`, fields);
      expect(res.statusCode).toBe(status);
      expect(res.body).toContain(message);
      expect(inputValue(res.body, 'email')).toBe(fields.email);
      expect(await fingerprint(open.db)).toEqual(before);
    });

    it('saves the correction, tells the old and the new address, audits which changed, and keeps the person signed in', async () => {
      const person = await addAccount(open.db, clock, {
        hashed: false,
        role: 'delegate',
        mission: 'BRA',
        name: 'Jon Smiht',
        email: 'jon.old@itamaraty.example.org',
      });
      const { token } = await open.db.transaction().execute((trx) => createSession(trx, clock, sessionSettings, person.id, 'active', {}));
      const browser = await desk();
      const page = await browser.get(`/helpdesk/accounts/${person.id}`);
      expect(inputValue(page.body, 'displayName')).toBe('Jon Smiht');
      expect(inputValue(page.body, 'email')).toBe('jon.old@itamaraty.example.org');
      const res = await browser.post(`/helpdesk/accounts/${person.id}/details`, {
        displayName: 'Jon Smith',
        email: ' Jon.New@Itamaraty.example.org ',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/helpdesk/accounts/${person.id}?done=corrected#correct`);
      expect((await browser.follow(res)).body).toContain('The correction was saved.');
      const row = await open.db
        .selectFrom('identity.accounts')
        .select(['email', 'display_name'])
        .where('id', '=', person.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ email: 'jon.new@itamaraty.example.org', display_name: 'Jon Smith' });
      const [old] = await mailTo(open.db, 'jon.old@itamaraty.example.org');
      expect(old?.subject).toBe('The e-mail address of your Rostrum account was changed');
      expect(old?.text_body).toContain(
        'The help desk has changed the name and e-mail address of your Rostrum account. Its e-mail address is now ' +
          'jon.new@itamaraty.example.org',
      );
      const [fresh] = await mailTo(open.db, 'jon.new@itamaraty.example.org');
      expect(fresh?.subject).toBe('This is now the e-mail address of your Rostrum account');
      expect(fresh?.text_body).toContain('(it was jon.old@itamaraty.example.org)');
      const entry = (await auditEntries(open.db, 'account.corrected')).at(-1);
      expect(entry).toMatchObject({
        actor_id: helpdesk.id,
        subject_id: person.id,
        data: { mission: 'BRA', changed: ['displayName', 'email'] },
      });
      // The person's session goes on.
      const signedIn = formSession(app);
      signedIn.cookies.set('rostrum_session', sessionCookieValue(token));
      expect((await signedIn.get('/account')).statusCode).toBe(200);
      // The same values again: nothing to do, nothing sent.
      const again = await browser.post(`/helpdesk/accounts/${person.id}/details`, {
        displayName: 'Jon Smith',
        email: 'jon.new@itamaraty.example.org',
      });
      expect(again.headers.location).toBe(`/helpdesk/accounts/${person.id}?done=unchanged#correct`);
      expect(await mailTo(open.db, 'jon.new@itamaraty.example.org')).toHaveLength(1);
    });

    it('is the help desk’s alone, and never on its own account', async () => {
      const browser = await desk();
      const own = await browser.post(`/helpdesk/accounts/${helpdesk.id}/details`, {
        displayName: 'Hal Desk',
        email: 'other@un.example.org',
      });
      expect(own.statusCode).toBe(409);
      const focalBrowser = await as(focal);
      await focalBrowser.get('/missions/BRA');
      const refused = await focalBrowser.post(
        `/helpdesk/accounts/${delegate.id}/details`,
        { displayName: 'X Y', email: 'x@y.example.org' },
        { csrf: focalBrowser.csrfToken ?? 'none' },
      );
      expect(refused.statusCode).toBe(403);
    });
  });

  it('reads every mission (the list and a mission’s page) but changes none', async () => {
    const browser = await desk();
    const list = await browser.get('/missions?q=bra');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<a href="/missions/BRA">Brazil</a>');
    expect(list.body).not.toContain('Add an entity');
    const mission = await browser.get('/missions/BRA');
    expect(mission.statusCode).toBe(200);
    expect(mission.body).toContain('Dora Delegate');
    expect(mission.body).toContain('only its access focal points can change it');
    expect(mission.body).not.toContain('Invite someone');
    expect(mission.body).toContain('<a href="/missions">All missions</a>');
    const before = await fingerprint(open.db);
    for (const [url, fields] of [
      ['/missions/BRA/people', { email: 'x@example.org', displayName: 'X Y', role: 'delegate' }],
      [`/missions/BRA/people/${delegate.id}/deactivate`, { confirmed: 'yes' }],
      ['/missions/BRA/signatories', { name: 'A B', title: 'Ambassador', fromDate: '2021-01-01' }],
      ['/missions/entities', { name: 'A committee', code: 'a-committee', kind: 'other_entity', article: 'the' }],
    ] as const) {
      expect((await browser.post(url, fields)).statusCode, url).toBe(403);
    }
    expect(await fingerprint(open.db)).toEqual(before);
  });
});
