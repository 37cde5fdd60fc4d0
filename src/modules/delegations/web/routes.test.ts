// The mission pages through inject(): own mission allowed, another mission's focal point refused for every GET
// and POST, guessed ids of another mission's people and signatories refused, anonymous visitors sent to sign in,
// a POST without its CSRF token refused; and nothing changes when a request is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db.js';
import { testApp, sessionCookieValue } from '../../../../test/app.js';
import { formSession, inputValue, type FormSession } from '../../../../test/http.js';
import { fingerprint, mailTo } from '../../../../test/admin-fixtures.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { createSession, type SessionStage } from '../../identity/index.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-10T14:00:00Z');
const sessionSettings = { idleMinutes: 60, maxHours: 12 };

describe('mission pages', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let focal: TestAccount;
  let delegate: TestAccount;
  let otherFocal: TestAccount;
  let otherDelegate: TestAccount;
  let secretariat: TestAccount;
  let helpdesk: TestAccount;
  let otherSignatory: string;

  beforeAll(async () => {
    open = await testDatabase();
    app = await testApp(open.db, clock, { PUBLIC_URL: 'http://rostrum.example.org' });
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
    otherFocal = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'ARG', name: 'Otto Focal' });
    otherDelegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'ARG', name: 'Olga Delegate' });
    secretariat = await addAccount(open.db, clock, { hashed: false, role: 'secretariat', name: 'Sam Secretariat' });
    helpdesk = await addAccount(open.db, clock, { hashed: false, role: 'helpdesk' });
    otherSignatory = '5f0c8a52-4f4e-4f59-9d0a-3b1f8e2c7d61';
    await open.db
      .insertInto('delegations.signatories')
      .values({
        id: otherSignatory,
        mission: 'ARG',
        name: 'Martín García Moritán',
        title: 'Permanent Representative',
        from_date: '2020-01-01',
        to_date: null,
        created_at: clock.now(),
        created_by: otherFocal.id,
        removed_at: null,
      })
      .execute();
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  /** A browser signed in as `who` (a session row made directly; the sign-in pages are tested elsewhere). */
  async function as(who: TestAccount, stage: SessionStage = 'active'): Promise<FormSession> {
    const { token } = await open.db.transaction().execute((trx) => createSession(trx, clock, sessionSettings, who.id, stage, {}));
    const browser = formSession(app);
    browser.cookies.set('rostrum_session', sessionCookieValue(token));
    return browser;
  }

  /** A browser of `who` holding a CSRF token, taken from a page of theirs with a form. */
  async function withToken(who: TestAccount, page: string): Promise<FormSession> {
    const browser = await as(who);
    const res = await browser.get(page);
    expect(res.statusCode).toBe(200);
    expect(browser.csrfToken).toBeDefined();
    return browser;
  }

  it('sends a focal point from /mission to their own mission', async () => {
    const res = await (await as(focal)).get('/mission');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/missions/BRA');
    expect((await (await as(delegate)).get('/mission')).statusCode).toBe(403);
  });

  it('shows the own mission’s people, signatories and trail, with the forms', async () => {
    const res = await (await as(focal)).get('/missions/BRA');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Permanent Mission of Brazil to the United Nations</h1>');
    expect(res.body).toContain('Dora Delegate');
    expect(res.body).toContain('dora@itamaraty.example.org');
    expect(res.body).toContain('Ana Focal (you)');
    expect(res.body).toContain('action="/missions/BRA/people"');
    expect(res.body).toContain(`action="/missions/BRA/people/${delegate.id}/grant"`);
    // No deactivating oneself.
    expect(res.body).not.toContain(`/people/${focal.id}/deactivate`);
    expect(res.body).toContain('action="/missions/BRA/signatories"');
    expect(res.body).not.toContain('Olga Delegate');
    expect(res.body).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|\sstyle="|\son[a-z]+="/);
  });

  it('invites someone, grants and revokes access, deactivates and reactivates, and shows it all in the trail', async () => {
    const browser = await withToken(focal, '/missions/BRA');
    let res = await browser.post('/missions/BRA/people', {
      email: 'new.person@itamaraty.example.org',
      displayName: 'Nina New',
      role: 'delegate',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/missions/BRA?done=invited#people');
    expect(await mailTo(open.db, 'new.person@itamaraty.example.org')).toHaveLength(1);
    const page = await browser.follow(res);
    expect(page.body).toContain('The invitation was sent.');
    expect(page.body).toMatch(
      /Nina New[\s\S]*Invitation pending \(until <time datetime="2021-05-13T14:00:00.000Z">13 May 2021, 10 a.m. New York time/,
    );

    res = await browser.post(`/missions/BRA/people/${delegate.id}/grant`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/missions/BRA?done=granted#people');
    expect(
      await open.db
        .selectFrom('identity.module_grants')
        .select('id')
        .where('account_id', '=', delegate.id)
        .where('revoked_at', 'is', null)
        .execute(),
    ).toHaveLength(1);
    // Twice: the page was out of date; it says so on the page.
    res = await browser.post(`/missions/BRA/people/${delegate.id}/grant`);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('This person already has this access.');
    expect(res.body).toContain('href="#people"');

    clock.advance(1000);
    expect((await browser.post(`/missions/BRA/people/${delegate.id}/revoke`)).statusCode).toBe(303);
    clock.advance(1000);
    // Deactivation is asked first: a bare post answers with the question and changes nothing.
    const unchanged = await fingerprint(open.db);
    res = await browser.post(`/missions/BRA/people/${delegate.id}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Deactivate the account of');
    expect(res.body).toContain('href="/missions/BRA#people">Cancel</a>');
    expect(await fingerprint(open.db)).toEqual(unchanged);
    expect((await browser.post(`/missions/BRA/people/${delegate.id}/deactivate`, { confirmed: 'yes' })).statusCode).toBe(303);
    clock.advance(1000);
    expect((await browser.post(`/missions/BRA/people/${delegate.id}/reactivate`)).statusCode).toBe(303);
    const after = await browser.get('/missions/BRA');
    const trail = after.body.slice(after.body.indexOf('id="trail"'));
    expect(trail).toContain('Invited Nina New as delegate');
    expect(trail).toContain('Gave Dora Delegate access to statements');
    expect(trail).toContain('Took away Dora Delegate’s access to statements');
    expect(trail).toContain('Deactivated Dora Delegate’s account');
    expect(trail).toContain('Reactivated Dora Delegate’s account');
    expect(trail).toContain('data-label="Who">Ana Focal</td>');
    // Newest first.
    expect(trail.indexOf('Reactivated')).toBeLessThan(trail.indexOf('Invited Nina New'));
  });

  it('shows a refused invitation again with its problems and what was typed', async () => {
    const browser = await withToken(focal, '/missions/BRA');
    const before = await fingerprint(open.db);
    let res = await browser.post('/missions/BRA/people', { email: 'not an address', displayName: 'Typed <Name>', role: 'delegate' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('<a href="#email">Enter an e-mail address such as name@mission.example.org</a>');
    expect(inputValue(res.body, 'email')).toBe('not an address');
    expect(inputValue(res.body, 'displayName')).toBe('Typed <Name>');
    expect(res.body).toContain('value="Typed &lt;Name&gt;"');
    res = await browser.post('/missions/BRA/people', { email: 'DORA@itamaraty.example.org', displayName: 'Dora Again', role: 'delegate' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('<a href="#email">An account with this e-mail address already exists.');
    // A role above the mission's scope, and one that does not exist.
    for (const role of ['secretariat', 'helpdesk', 'superuser']) {
      res = await browser.post('/missions/BRA/people', { email: 'x@example.org', displayName: 'Someone', role });
      expect(res.statusCode, role).toBe(400);
      expect(res.body).toContain('href="#role"');
    }
    // An oversized field is refused with a message, not stored cut short.
    res = await browser.post('/missions/BRA/people', { email: 'y@example.org', displayName: 'N'.repeat(5000), role: 'delegate' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#displayName"');
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('adds a signatory, ends it on a date, removes it; a bad date is shown again with what was typed', async () => {
    const browser = await withToken(focal, '/missions/BRA');
    let res = await browser.post('/missions/BRA/signatories', {
      name: 'Ronaldo Costa Filho',
      title: 'Permanent Representative',
      fromDate: '2021-05-10',
      toDate: '2021-05-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#toDate">The end date cannot be before the start date</a>');
    expect(inputValue(res.body, 'name')).toBe('Ronaldo Costa Filho');
    res = await browser.post('/missions/BRA/signatories', { name: 'Ronaldo Costa Filho', title: 'Ambassador', fromDate: '2021-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#title"');
    res = await browser.post('/missions/BRA/signatories', {
      name: 'Ronaldo Costa Filho',
      title: 'Permanent Representative',
      fromDate: '2021-01-01',
      toDate: '',
    });
    expect(res.statusCode).toBe(303);
    const id = (await open.db.selectFrom('delegations.signatories').select('id').where('mission', '=', 'BRA').executeTakeFirstOrThrow()).id;
    const page = await browser.follow(res);
    expect(page.body).toContain('The signatory was added.');
    expect(page.body).toMatch(
      /Ronaldo Costa Filho<\/th><td[^>]*>Permanent Representative<\/td><td[^>]*>1 January 2021<\/td><td[^>]*>—<\/td><td[^>]*>May sign today<\/td>/,
    );

    const form = await browser.get(`/missions/BRA/signatories/${id}/end`);
    expect(form.statusCode).toBe(200);
    expect(inputValue(form.body, 'toDate')).toBe('2021-05-10');
    res = await browser.post(`/missions/BRA/signatories/${id}/end`, { toDate: '2020-12-31' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The end date cannot be before the date this signatory’s authority began.');
    expect(inputValue(res.body, 'toDate')).toBe('2020-12-31');
    res = await browser.post(`/missions/BRA/signatories/${id}/end`, { toDate: '2021-06-30' });
    expect(res.statusCode).toBe(303);
    expect((await browser.get(`/missions/BRA/signatories/${id}/end`)).statusCode).toBe(409);
    // Removal is asked first: the page's button carries the question for the dialog, a bare post gets it as a page.
    expect((await browser.get('/missions/BRA')).body).toContain('data-confirm="Remove Ronaldo Costa Filho from the signatories?"');
    const before = await fingerprint(open.db);
    res = await browser.post(`/missions/BRA/signatories/${id}/remove`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Remove Ronaldo Costa Filho from the signatories?</h1>');
    expect(res.body).toContain('name="confirmed" value="yes"');
    expect(await fingerprint(open.db)).toEqual(before);
    res = await browser.post(`/missions/BRA/signatories/${id}/remove`, { confirmed: 'yes' });
    expect(res.statusCode).toBe(303);
    const trail = (await browser.follow(res)).body;
    expect(trail).toContain('Removed Ronaldo Costa Filho from the signatories');
    expect(trail).toContain('Ended Ronaldo Costa Filho’s authority to sign on 30 June 2021');
    expect(trail).toContain('Added Ronaldo Costa Filho as an authorised signatory from 1 January 2021');
  });

  it('asks an entity for a free title, and sends a pending invitation again from the mission page', async () => {
    const focalEU = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'eu', name: 'Eva Focal' });
    const pending = await addAccount(open.db, clock, {
      hashed: false,
      role: 'delegate',
      mission: 'eu',
      name: 'Paul Pending',
      invited: true,
      email: 'paul@eeas.example.org',
    });
    const browser = await withToken(focalEU, '/missions/eu');
    const page = await browser.get('/missions/eu');
    expect(page.body).toContain('<h1>Delegation of the European Union to the United Nations</h1>');
    expect(page.body).toMatch(/<input id="title" name="title" type="text"/);
    expect(page.body).toContain('Invitation expired');
    expect(page.body).toContain(`action="/missions/eu/people/${pending.id}/resend-invitation"`);
    const res = await browser.post(`/missions/eu/people/${pending.id}/resend-invitation`);
    expect(res.statusCode).toBe(303);
    expect((await browser.follow(res)).body).toContain('A new invitation was sent; the earlier link no longer works.');
    expect(await mailTo(open.db, 'paul@eeas.example.org')).toHaveLength(1);
    expect(
      (await browser.post('/missions/eu/signatories', { name: 'Olof Skoog', title: 'Head of Delegation', fromDate: '2019-11-01' }))
        .statusCode,
    ).toBe(303);
  });

  it('refuses another mission’s focal point every page and every form of the mission, changing nothing', async () => {
    const browser = await withToken(otherFocal, '/missions/ARG');
    const before = await fingerprint(open.db);
    for (const url of ['/missions/BRA', `/missions/BRA/signatories/${otherSignatory}/end`])
      expect((await browser.get(url)).statusCode).toBe(403);
    const posts: Array<[string, Record<string, string>]> = [
      ['/missions/BRA/people', { email: 'x@example.org', displayName: 'Xavier', role: 'delegate' }],
      ...['grant', 'revoke', 'deactivate', 'reactivate', 'resend-invitation'].map((a): [string, Record<string, string>] => [
        `/missions/BRA/people/${delegate.id}/${a}`,
        {},
      ]),
      ['/missions/BRA/signatories', { name: 'Someone', title: 'Permanent Representative', fromDate: '2021-01-01' }],
      [`/missions/BRA/signatories/${otherSignatory}/end`, { toDate: '2021-06-30' }],
      [`/missions/BRA/signatories/${otherSignatory}/remove`, {}],
    ];
    for (const [url, fields] of posts) {
      const res = await browser.post(url, fields);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).toContain('You do not have access to this page.');
    }
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('answers "not found" for another mission’s person or signatory reached through one’s own mission, changing nothing', async () => {
    const browser = await withToken(focal, '/missions/BRA');
    const before = await fingerprint(open.db);
    for (const a of ['grant', 'revoke', 'deactivate', 'reactivate', 'resend-invitation']) {
      const res = await browser.post(`/missions/BRA/people/${otherDelegate.id}/${a}`);
      expect(res.statusCode, a).toBe(404);
      expect(res.body).toContain('There is no such account among the people you manage.');
    }
    expect((await browser.post(`/missions/BRA/people/${helpdesk.id}/deactivate`)).statusCode).toBe(404);
    expect((await browser.post('/missions/BRA/people/not-a-uuid/deactivate')).statusCode).toBe(404);
    expect((await browser.get(`/missions/BRA/signatories/${otherSignatory}/end`)).statusCode).toBe(404);
    expect((await browser.post(`/missions/BRA/signatories/${otherSignatory}/end`, { toDate: '2021-06-30' })).statusCode).toBe(404);
    expect((await browser.post(`/missions/BRA/signatories/${otherSignatory}/remove`)).statusCode).toBe(404);
    expect((await browser.post('/missions/BRA/signatories/nope/remove')).statusCode).toBe(404);
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('refuses a POST without its CSRF token, changing nothing', async () => {
    const browser = await withToken(focal, '/missions/BRA');
    const before = await fingerprint(open.db);
    for (const [url, fields] of [
      ['/missions/BRA/people', { email: 'csrf@example.org', displayName: 'No Token', role: 'delegate' }],
      [`/missions/BRA/people/${delegate.id}/deactivate`, {}],
      ['/missions/BRA/signatories', { name: 'No Token', title: 'Permanent Representative', fromDate: '2021-01-01' }],
    ] as const) {
      const res = await browser.post(url, fields, { csrf: false });
      expect(res.statusCode, url).toBe(403);
      expect(res.body).toContain('This form has expired or was not sent from Rostrum');
      expect((await browser.post(url, fields, { csrf: 'forged-token' })).statusCode).toBe(403);
    }
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('sends anonymous visitors to sign in, and someone still to give their code to that step; a POST is refused', async () => {
    const anonymous = formSession(app);
    for (const url of ['/mission', '/missions', '/missions/BRA', `/missions/BRA/signatories/${otherSignatory}/end`]) {
      const res = await anonymous.get(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
    }
    const before = await fingerprint(open.db);
    expect(
      (await anonymous.post('/missions/BRA/people', { email: 'a@example.org', displayName: 'Anon', role: 'delegate' }, { csrf: false }))
        .statusCode,
    ).toBe(401);
    expect(await fingerprint(open.db)).toEqual(before);
    const pending = await as(focal, 'mfa');
    const res = await pending.get('/missions/BRA');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in/mfa?next=%2Fmissions%2FBRA');
  });

  it('shows the Secretariat any mission read-only, and refuses it every change', async () => {
    const browser = await as(secretariat);
    const res = await browser.get('/missions/BRA');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Dora Delegate');
    expect(res.body).toContain('only its access focal points can change it');
    expect(res.body).not.toContain('method="post"');
    expect(res.body).toContain('<a href="/missions">All missions</a>');
    await browser.get('/missions');
    const before = await fingerprint(open.db);
    expect(
      (await browser.post('/missions/BRA/people', { email: 'sec@example.org', displayName: 'Sec', role: 'delegate' })).statusCode,
    ).toBe(403);
    expect((await browser.post(`/missions/BRA/people/${delegate.id}/grant`)).statusCode).toBe(403);
    expect(
      (await browser.post('/missions/BRA/signatories', { name: 'Sec', title: 'Permanent Representative', fromDate: '2021-01-01' }))
        .statusCode,
    ).toBe(403);
    expect(await fingerprint(open.db)).toEqual(before);
    expect((await browser.get('/missions/XYZ')).statusCode).toBe(404);
  });

  it('keeps delegates off mission pages, and lets the help desk read them without a form', async () => {
    const browser = await as(delegate);
    expect((await browser.get('/missions/BRA')).statusCode).toBe(403);
    expect((await browser.get('/missions')).statusCode).toBe(403);
    const desk = await as(helpdesk);
    const page = await desk.get('/missions/BRA');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<form method="post"');
    expect((await desk.get('/missions')).statusCode).toBe(200);
  });

  describe('/missions (Secretariat)', () => {
    it('lists every mission with its signatories today, filters by name, and refuses focal points', async () => {
      const browser = await as(secretariat);
      const all = await browser.get('/missions');
      expect(all.statusCode).toBe(200);
      expect(all.body).toMatch(
        /<a href="\/missions\/ARG">Argentina<\/a><\/th><td[^>]*>ARG<\/td><td[^>]*>Member State<\/td><td[^>]*>1<\/td>/,
      );
      // States by their display names, without UNTERM's trailing article.
      expect(all.body).toContain('<a href="/missions/NER">Niger</a>');
      // Sorted by sort key: the Plurinational State of Bolivia under B.
      expect(all.body.indexOf('/missions/BOL"')).toBeLessThan(all.body.indexOf('/missions/BRA"'));
      const filtered = await browser.get('/missions?q=argen');
      expect(filtered.body).toContain('/missions/ARG"');
      expect(filtered.body).not.toContain('/missions/BRA"');
      expect(filtered.body).toContain('1 mission matches “argen”.');
      expect((await browser.get('/missions?q=%25')).body).toContain('No mission matches.');
      expect((await (await as(focal)).get('/missions')).statusCode).toBe(403);
    });

    it('adds an entity, which then has its page; a taken or malformed code is shown again', async () => {
      const browser = await withToken(secretariat, '/missions');
      const focalBrowser = await withToken(focal, '/missions/BRA');
      const before = await fingerprint(open.db);
      let res = await browser.post('/missions/entities', {
        name: 'European Union',
        article: 'the',
        code: 'eu',
        kind: 'intergovernmental_organization',
      });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('<a href="#code">This code is already used by another mission or entity.');
      res = await browser.post('/missions/entities', {
        name: 'Fourth Committee',
        article: 'the',
        code: 'Fourth Committee',
        kind: 'other_entity',
      });
      expect(res.statusCode).toBe(400);
      expect(inputValue(res.body, 'code')).toBe('Fourth Committee');
      expect(
        (await focalBrowser.post('/missions/entities', { name: 'X Body', article: 'the', code: 'x-body', kind: 'other_entity' }))
          .statusCode,
      ).toBe(403);
      expect(await fingerprint(open.db)).toEqual(before);
      res = await browser.post('/missions/entities', {
        name: 'Special Political and Decolonization Committee (Fourth Committee)',
        article: 'the',
        code: 'fourth-committee',
        kind: 'other_entity',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/missions/fourth-committee?done=entity_added');
      const page = await browser.follow(res);
      expect(page.body).toContain('<h1>Special Political and Decolonization Committee (Fourth Committee)</h1>');
      expect(page.body).toContain('The entity was added.');
      expect(page.body).toContain('Added this entity');
    });
  });
});
