// The Access tokens page through inject(): who reaches it, the create form (CSRF, errors by field, scopes by role),
// the token shown once, the list, and revoking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testConfig, sessionCookieValue } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { createApiToken } from '../commands/create-api-token.js';
import { createAccount } from '../commands/create-account.js';
import type { Role } from '../tables.js';
import { createSession } from '../sessions.js';

type App = Awaited<ReturnType<typeof testApp>>;

describe('/account/tokens', () => {
  let open: OpenDatabase;
  let app: App;
  const clock = fixedClock('2026-03-02T09:00:00Z');
  const config = testConfig();
  let seq = 0;

  async function person(role: Role, organisation: string | null, stage: 'active' | 'mfa' = 'active') {
    seq++;
    return open.db.transaction().execute(async (trx) => {
      const { id } = await createAccount(
        trx,
        clock,
        { id: null, label: 'test' },
        { email: `tok${seq}@example.org`, displayName: `Person ${seq}`, role, organisation, password: 'a long enough password' },
      );
      const { token } = await createSession(
        trx,
        clock,
        { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS },
        id,
        stage,
        {},
      );
      return { id, role, organisation, cookie: `rostrum_session=${sessionCookieValue(token)}` };
    });
  }

  /** Opens the page as a browser would and returns a poster that sends the form with its CSRF token and cookie. */
  async function browser(sessionCookie: string) {
    const page = await app.inject({ url: '/account/tokens', headers: { cookie: sessionCookie } });
    expect(page.statusCode, page.body).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const cookie = `${sessionCookie}; rostrum_csrf=${page.cookies.find((c) => c.name === 'rostrum_csrf')?.value ?? ''}`;
    return {
      page,
      cookie,
      get: () => app.inject({ url: '/account/tokens', headers: { cookie } }),
      post: (url: string, fields: Array<[string, string]>, withCsrf = true) =>
        app.inject({
          method: 'POST',
          url,
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams([...(withCsrf ? [['_csrf', csrf] as [string, string]] : []), ...fields]).toString(),
        }),
    };
  }

  /** Every id on the page once, or labels and hints point at the wrong element. */
  function expectUniqueIds(body: string) {
    const ids = [...body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
  }

  const tokenIn = (body: string) => /id="new-token">(rst_[A-Za-z0-9_-]{43})</.exec(body)?.[1];
  const tokensOf = (accountId: string) =>
    open.db.selectFrom('identity.api_tokens').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute();

  beforeAll(async () => {
    open = await testDatabase();
    app = await testApp(open.db, clock);
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it('sends a visitor without a session to sign in, and one half-way through sign-in to the second factor', async () => {
    const anonymous = await app.inject('/account/tokens');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?next=%2Faccount%2Ftokens');
    const pending = await person('helpdesk', null, 'mfa');
    const half = await app.inject({ url: '/account/tokens', headers: { cookie: pending.cookie } });
    expect(half.headers.location).toBe('/sign-in/mfa?next=%2Faccount%2Ftokens');
    const post = await app.inject({
      method: 'POST',
      url: '/account/tokens',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=x',
    });
    expect(post.statusCode).toBe(401); // the policy refuses before the handler (or the CSRF check) runs
  });

  it('does not accept a bearer token instead of the session', async () => {
    const p = await person('delegate', 'BRA');
    const t = await open.db
      .transaction()
      .execute((trx) =>
        createApiToken(
          trx,
          clock,
          { kind: 'account', id: p.id, role: 'delegate', organisation: 'BRA', modules: [], via: { kind: 'session', sessionId: 's' } },
          { name: 'x', scopes: ['me:read'], expiresInDays: 1 },
        ),
      );
    const res = await app.inject({ url: '/account/tokens', headers: { authorization: `Bearer ${t.token}` } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/sign-in/);
  });

  it('offers the scopes the role may hold, with their descriptions, and 90 days by default', async () => {
    const delegate = await browser((await person('delegate', 'BRA')).cookie);
    const body = delegate.page.body;
    expect(body).toContain('<h1>Access tokens</h1>');
    expect(body).toContain('You have no access tokens.');
    expect(body).toContain('value="me:read"');
    expect(body).toContain('value="debates:read"');
    expect(body).not.toContain('value="mission:');
    expect(body).toContain('Read debates: their dates and times');
    expect(body).toMatch(/id="expiresInDays" name="expiresInDays" type="text" value="90"/);
    expect(delegate.page.headers['cache-control']).toBe('no-store');
    expectUniqueIds(body);

    const focal = await browser((await person('focal_point', 'BRA')).cookie);
    expect(focal.page.body).toContain('value="mission:read"');
    expect(focal.page.body).toContain('value="mission:write"');
  });

  it('creates a token, shows it once, and lists it afterwards without it', async () => {
    const p = await person('focal_point', 'BRA');
    const b = await browser(p.cookie);
    const res = await b.post('/account/tokens', [
      ['name', 'Mission <sync>'],
      ['scopes', 'mission:read'],
      ['scopes', 'me:read'],
      ['expiresInDays', '30'],
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const token = tokenIn(res.body);
    expect(token).toMatch(/^rst_[A-Za-z0-9_-]{43}$/);
    expect(res.body).toContain('It will not be shown again');
    expectUniqueIds(res.body);
    expect(res.body).toContain('Mission &lt;sync&gt;');
    expect(res.body).not.toContain('Mission <sync>');
    // The form is blank again, ready for another.
    expect(res.body).toMatch(/id="name" name="name" type="text" value=""/);

    const [row] = await tokensOf(p.id);
    expect(row).toMatchObject({
      name: 'Mission <sync>',
      scopes: ['me:read', 'mission:read'],
      expires_at: new Date('2026-04-01T09:00:00Z'),
    });
    expect(row?.token_hash).not.toBe(token);

    const again = await b.get();
    expect(again.body).not.toContain(token);
    expect(again.body).toContain('data-label="Name">Mission &lt;sync&gt;</th>');
    expect(again.body).toContain('<code>me:read</code>, <code>mission:read</code>');
    expect(again.body).toContain('<time datetime="2026-04-01T09:00:00.000Z">1 April 2026</time>');
    expect(again.body).toContain('Never');
    expect(again.body).toContain('Active');
    expect(again.body).toContain(`action="/account/tokens/${row?.id}/revoke"`);
  });

  it('shows every problem by its field, keeps what was typed, and creates nothing', async () => {
    const p = await person('delegate', 'BRA');
    const b = await browser(p.cookie);
    const res = await b.post('/account/tokens', [
      ['name', ''],
      ['scopes', 'mission:write'],
      ['expiresInDays', '400'],
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Error: Access tokens · Rostrum</title>');
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('<a href="#name">Enter a name for the token');
    expect(res.body).toContain('<a href="#scopes">Your role cannot give a token the scope mission:write');
    expect(res.body).toContain('<a href="#expiresInDays">Enter a whole number of days from 1 to 365.</a>');
    expect(res.body).toMatch(/id="expiresInDays" name="expiresInDays" type="text" value="400"/);
    expect(res.body).toContain('aria-invalid="true"');
    expectUniqueIds(res.body);
    expect(tokenIn(res.body)).toBeUndefined();
    expect(await tokensOf(p.id)).toEqual([]);

    const kept = await b.post('/account/tokens', [
      ['name', 'Kept'],
      ['scopes', 'debates:read'],
      ['expiresInDays', 'soon'],
    ]);
    expect(kept.statusCode).toBe(400);
    expect(kept.body).toMatch(/value="debates:read" aria-describedby="scope-hint-1" checked/);
    expect(kept.body).toMatch(/id="name" name="name" type="text" value="Kept"/);
  });

  it('refuses a form without its CSRF token', async () => {
    const p = await person('delegate', 'BRA');
    const b = await browser(p.cookie);
    const res = await b.post(
      '/account/tokens',
      [
        ['name', 'x'],
        ['scopes', 'me:read'],
        ['expiresInDays', '1'],
      ],
      false,
    );
    expect(res.statusCode).toBe(403);
    expect(await tokensOf(p.id)).toEqual([]);
  });

  it('revokes a token, says so, and offers no button for it any more; another person’s token is not found', async () => {
    const p = await person('delegate', 'BRA');
    const b = await browser(p.cookie);
    await b.post('/account/tokens', [
      ['name', 'Old script'],
      ['scopes', 'me:read'],
      ['expiresInDays', '10'],
    ]);
    const [row] = await tokensOf(p.id);

    const other = await browser((await person('delegate', 'BRA')).cookie);
    const theirs = await other.post(`/account/tokens/${row?.id}/revoke`, []);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toContain('There is no such token among yours.');
    expect((await tokensOf(p.id))[0]?.revoked_at).toBeNull();
    expect((await other.post('/account/tokens/not-a-token/revoke', [])).statusCode).toBe(404);

    const res = await b.post(`/account/tokens/${row?.id}/revoke`, []);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account/tokens?revoked=1');
    const after = await app.inject({ url: '/account/tokens?revoked=1', headers: { cookie: b.cookie } });
    expect(after.body).toContain('<div class="notice" role="status">The token was revoked.');
    expect(after.body).toContain('Revoked on <time datetime="2026-03-02T09:00:00.000Z">2 March 2026</time>');
    expect(after.body).not.toContain(`action="/account/tokens/${row?.id}/revoke"`);
  });

  it('shows expired tokens as expired, without a revoke button', async () => {
    const p = await person('secretariat', null);
    const b = await browser(p.cookie);
    await b.post('/account/tokens', [
      ['name', 'Short'],
      ['scopes', 'me:read'],
      ['expiresInDays', '1'],
    ]);
    clock.advance(86_400_000);
    try {
      // A new session: the first one has been idle too long by now.
      const later = await browser(
        (
          await open.db.transaction().execute(async (trx) => {
            const { token } = await createSession(
              trx,
              clock,
              { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS },
              p.id,
              'active',
              {},
            );
            return { cookie: `rostrum_session=${sessionCookieValue(token)}` };
          })
        ).cookie,
      );
      expect(later.page.body).toContain('Expired');
      expect(later.page.body).not.toContain('/revoke"');
    } finally {
      clock.set('2026-03-02T09:00:00Z');
    }
  });
});
