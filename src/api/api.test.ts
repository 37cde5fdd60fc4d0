// The JSON API through inject(): a token made on the Access tokens page works on /api/v1 until it is revoked or
// expires; the browser session never does; scopes decide; errors are catalogued JSON that never shows internals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testConfig, sessionCookieValue } from '../../test/app.js';
import { testDatabase } from '../../test/db.js';
import { demoDebate } from '../demo/debate-2021-05.js';
import { fixedClock } from '../kernel/clock.js';
import type { OpenDatabase } from '../kernel/db/database.js';
import { errorCatalogue } from '../kernel/errors.js';
import { createAccount, createApiToken, createSession, type Role } from '../modules/identity/index.js';
import { createDebate } from '../modules/meetings/index.js';

const system = { id: null, label: 'test' };
type App = Awaited<ReturnType<typeof testApp>>;

interface Person {
  id: string;
  cookie: string;
}

const STACK = /at .+\.(ts|js):\d+|node_modules|Error:|stack|SELECT|identity\./i;

describe('the JSON API', () => {
  let open: OpenDatabase;
  let app: App;
  const clock = fixedClock('2021-05-20T12:00:00Z');
  const config = testConfig();
  let seq = 0;

  async function person(role: Role, organisation: string | null): Promise<Person> {
    seq++;
    return open.db.transaction().execute(async (trx) => {
      const { id } = await createAccount(trx, clock, system, {
        email: `api${seq}@example.org`,
        displayName: `Person ${seq}`,
        role,
        organisation,
        password: 'a long enough password',
      });
      const { token } = await createSession(
        trx,
        clock,
        { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS },
        id,
        'active',
        {},
      );
      return { id, cookie: `rostrum_session=${sessionCookieValue(token)}` };
    });
  }

  /** A token made directly by the command (the page is tested below and in token-routes.test.ts). */
  async function tokenOf(
    role: Role,
    organisation: string | null,
    scopes: string[],
    days = 30,
  ): Promise<{ token: string; id: string; accountId: string }> {
    const p = await person(role, organisation);
    const created = await open.db
      .transaction()
      .execute((trx) =>
        createApiToken(
          trx,
          clock,
          { kind: 'account', id: p.id, role, organisation, modules: [], via: { kind: 'session', sessionId: 's' } },
          { name: 'Script', scopes, expiresInDays: days },
        ),
      );
    return { token: created.token, id: created.id, accountId: p.id };
  }

  const call = (url: string, token?: string, headers: Record<string, string> = {}) =>
    app.inject({ url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

  function expectError(
    res: { statusCode: number; body: string; json: () => unknown; headers: Record<string, unknown> },
    status: number,
    code: keyof typeof errorCatalogue,
  ) {
    expect(res.statusCode, res.body).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ error: { code, message: errorCatalogue[code].message } });
    expect(res.body).not.toMatch(STACK);
  }

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, system, demoDebate));
    app = await testApp(open.db, clock);
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it('creates a token on the page, calls /api/v1/me with it, revokes it, and is then refused', async () => {
    const p = await person('focal_point', 'BRA');
    const page = await app.inject({ url: '/account/tokens', headers: { cookie: p.cookie } });
    expect(page.statusCode).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    const csrfCookie = page.cookies.find((c) => c.name === 'rostrum_csrf');
    expect(csrf && csrfCookie).toBeTruthy();
    const cookie = `${p.cookie}; rostrum_csrf=${csrfCookie?.value}`;

    const created = await app.inject({
      method: 'POST',
      url: '/account/tokens',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([
        ['_csrf', csrf ?? ''],
        ['name', 'Mission dashboard'],
        ['scopes', 'me:read'],
        ['scopes', 'debates:read'],
        ['expiresInDays', '30'],
      ]).toString(),
    });
    expect(created.statusCode).toBe(201);
    const token = /id="new-token">(rst_[A-Za-z0-9_-]{43})</.exec(created.body)?.[1];
    expect(token).toBeDefined();

    const me = await call('/api/v1/me', token);
    expect(me.statusCode, me.body).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const body = me.json<{ token: { id: string } }>();
    expect(body).toEqual({
      id: p.id,
      name: expect.stringMatching(/^Person \d+$/),
      role: 'focal_point',
      mission: 'BRA',
      modules: [],
      token: {
        id: expect.any(String),
        name: 'Mission dashboard',
        scopes: ['me:read', 'debates:read'],
        createdAt: '2021-05-20T12:00:00.000Z',
        expiresAt: '2021-06-19T12:00:00.000Z',
      },
    });

    // The page now lists it, with "last used", and never shows the token again.
    const listed = await app.inject({ url: '/account/tokens', headers: { cookie } });
    expect(listed.body).toContain('Mission dashboard');
    expect(listed.body).toContain('20 May 2021, 12 noon UTC');
    expect(listed.body).not.toContain(token);

    const csrf2 = /name="_csrf" value="([^"]+)"/.exec(listed.body)?.[1] ?? '';
    const revoked = await app.inject({
      method: 'POST',
      url: `/account/tokens/${body.token.id}/revoke`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf2)}`,
    });
    expect(revoked.statusCode, revoked.body).toBe(303);
    expect(revoked.headers.location).toBe('/account/tokens?revoked=1');

    const refused = await call('/api/v1/me', token);
    expectError(refused, 401, 'api.token_revoked');
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="rostrum", error="invalid_token"');
  });

  it('refuses an expired token from the instant it expires', async () => {
    const t = await tokenOf('delegate', 'BRA', ['me:read'], 1);
    expect((await call('/api/v1/me', t.token)).statusCode).toBe(200);
    clock.advance(86_400_000);
    try {
      expectError(await call('/api/v1/me', t.token), 401, 'api.token_expired');
    } finally {
      clock.set('2021-05-20T12:00:00Z');
    }
  });

  it('refuses the token of a disabled account', async () => {
    const t = await tokenOf('delegate', 'BRA', ['me:read']);
    await open.db.updateTable('identity.accounts').set({ disabled_at: clock.now() }).where('id', '=', t.accountId).execute();
    expectError(await call('/api/v1/me', t.token), 401, 'api.account_disabled');
  });

  it.each([
    ['no Authorization header', {}, 'api.token_missing'],
    ['a Basic header', { authorization: 'Basic dXNlcjpwYXNz' }, 'api.token_missing'],
    ['an empty bearer', { authorization: 'Bearer ' }, 'api.token_missing'],
    ['a malformed token', { authorization: 'Bearer rst_nope' }, 'api.token_invalid'],
    ['an unknown token', { authorization: `Bearer rst_${'x'.repeat(43)}` }, 'api.token_invalid'],
    ['a token without its prefix', { authorization: `Bearer ${'x'.repeat(43)}` }, 'api.token_invalid'],
  ] as const)('answers %s with 401 %s', async (_label, headers, code) => {
    const res = await call('/api/v1/me', undefined, headers);
    expectError(res, 401, code);
    expect(String(res.headers['www-authenticate'])).toMatch(/^Bearer realm="rostrum"/);
  });

  it('never accepts the browser session cookie, for any API route', async () => {
    const p = await person('helpdesk', null);
    for (const url of ['/api/v1/me', '/api/v1/debates', `/api/v1/debates/${demoDebate.slug}`]) {
      expectError(await call(url, undefined, { cookie: p.cookie }), 401, 'api.token_missing');
    }
    // Nor does a cookie add anything to a valid token: the token decides.
    const t = await tokenOf('delegate', 'BRA', ['me:read']);
    const res = await call('/api/v1/me', t.token, { cookie: p.cookie });
    expect(res.json<{ id: string }>().id).toBe(t.accountId);
  });

  it('answers 403 api.scope_missing, naming the scope, when the token lacks it', async () => {
    const debatesOnly = await tokenOf('secretariat', null, ['debates:read']);
    const res = await call('/api/v1/me', debatesOnly.token);
    expectError(res, 403, 'api.scope_missing');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="rostrum", error="insufficient_scope", scope="me:read"');

    const meOnly = await tokenOf('secretariat', null, ['me:read']);
    expectError(await call('/api/v1/debates', meOnly.token), 403, 'api.scope_missing');
    expectError(await call(`/api/v1/debates/${demoDebate.slug}`, meOnly.token), 403, 'api.scope_missing');
  });

  it('lists debates with ISO 8601 times in the debate’s zone and the submission window', async () => {
    const t = await tokenOf('delegate', 'BRA', ['debates:read']);
    const res = await call('/api/v1/debates', t.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      debates: [
        {
          slug: demoDebate.slug,
          url: `${config.publicUrl}/debates/${demoDebate.slug}`,
          body: 'security_council',
          theme: demoDebate.theme,
          format: 'videoconference',
          presidingState: 'CHN',
          timeZone: 'America/New_York',
          startsAt: '2021-05-24T10:00:00.000-04:00',
          submissionWindow: { opensAt: '2021-05-05T09:00:00.000-04:00', deadline: '2021-05-24T23:59:59.999-04:00', state: 'open' },
        },
      ],
    });
    expectError(await call('/api/v1/debates?limit=0', t.token), 400, 'http.bad_request');
    expectError(await call('/api/v1/debates?limit=lots', t.token), 400, 'http.bad_request');
    expect((await call('/api/v1/debates?limit=1', t.token)).json<{ debates: unknown[] }>().debates).toHaveLength(1);
  });

  it('gives one debate with its chair and briefers, and 404 JSON for an unknown one', async () => {
    const t = await tokenOf('focal_point', 'BRA', ['debates:read']);
    clock.set('2021-05-25T04:00:00Z');
    try {
      const res = await call(`/api/v1/debates/${demoDebate.slug}`, t.token);
      expect(res.statusCode, res.body).toBe(200);
      const d = res.json<Record<string, unknown>>();
      expect(d).toMatchObject({
        slug: demoDebate.slug,
        kind: 'open_debate',
        agendaItem: 'United Nations peacekeeping operations',
        chair: { name: 'Zhang Jun', function: 'Permanent Representative of China to the United Nations' },
        wordGuidance: 500,
        letterDate: '2021-05-05',
        startsAt: '2021-05-24T10:00:00.000-04:00',
        submissionWindow: { state: 'closed' },
      });
      // The meeting has taken place: no briefer is still to be confirmed, as on the debate's page.
      expect(d.briefers).toEqual([
        { name: 'Jean-Pierre Lacroix', function: 'Under-Secretary-General for Peace Operations', toBeConfirmed: false },
        { name: 'Atul Khare', function: 'Under-Secretary-General for Operational Support', toBeConfirmed: false },
        { name: 'Gilles Michaud', function: 'Under-Secretary-General for Safety and Security', toBeConfirmed: false },
      ]);
      // Before the meeting, the two briefers announced as to be confirmed still are.
      clock.set('2021-05-24T13:59:00Z');
      const before = (await call(`/api/v1/debates/${demoDebate.slug}`, t.token)).json<{ briefers: Array<{ toBeConfirmed: boolean }> }>();
      expect(before.briefers.map((b) => b.toBeConfirmed)).toEqual([false, true, true]);
    } finally {
      clock.set('2021-05-20T12:00:00Z');
    }
    expectError(await call('/api/v1/debates/no-such-debate', t.token), 404, 'debate.not_found');
    expectError(await call('/api/v1/debates/Not%20A%20Slug', t.token), 400, 'http.bad_request');
  });

  it('answers unknown API addresses as API calls: 401 without a token, 404 JSON with one', async () => {
    const t = await tokenOf('delegate', 'BRA', ['me:read']);
    expectError(await call('/api/v1/nothing-here'), 401, 'api.token_missing');
    expectError(await call('/api/v1/nothing-here', t.token), 404, 'http.not_found');
    expectError(await call('/api/v2/me', t.token), 404, 'http.not_found');
    // A write it does not offer is a 404 too, not a request for a CSRF token.
    expectError(
      await app.inject({ method: 'POST', url: '/api/v1/me', headers: { authorization: `Bearer ${t.token}` } }),
      404,
      'http.not_found',
    );
    expectError(
      await app.inject({ method: 'DELETE', url: '/api/v1/debates', headers: { authorization: `Bearer ${t.token}` } }),
      404,
      'http.not_found',
    );
  });
});

describe('API errors never show internals', () => {
  it('answers a database failure with the generic JSON message', async () => {
    const open = await testDatabase();
    const app = await testApp(open.db, fixedClock('2021-05-20T12:00:00Z'));
    await open.close(); // every query now fails inside the driver
    const res = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer rst_${'a'.repeat(43)}` } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: errorCatalogue.internal.message } });
    expect(res.body).not.toMatch(STACK);
    await app.close();
  });
});
