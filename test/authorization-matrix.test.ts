// Every route of the application, called as every kind of actor, against an expected allow/deny table written
// by hand (not derived from the policies, so a policy that drifts fails here). The subject of every call is the
// Brazilian mission (BRA): its own focal point and delegate are "own mission", Argentina's are "other mission".
// A denied call must change nothing: the tables are fingerprinted before and after the denied calls of each route
// that is not a GET.
// Test tier: slow (over a thousand requests; test/tiers.ts reads this line).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testConfig, sessionCookieValue } from './app.js';
import { fingerprint } from './admin-fixtures.js';
import { testDatabase } from './db.js';
import { inputValue } from './http.js';
import { fixedClock } from '../src/kernel/clock.js';
import type { OpenDatabase } from '../src/kernel/db/database.js';
import { createSession } from '../src/modules/identity/index.js';
import { createDebate } from '../src/modules/meetings/index.js';
import { demoDebate } from '../src/demo/debate-2021-05.js';
import { assetUrl } from '../src/web/assets.js';
import { addAccount, type TestAccount } from './accounts.js';

type ActorName =
  | 'anonymous'
  | 'pending_mfa'
  | 'pending_enrol'
  | 'helpdesk'
  | 'secretariat'
  | 'focal_own'
  | 'focal_other'
  | 'delegate_own'
  | 'delegate_other';
const ACTORS: readonly ActorName[] = [
  'anonymous',
  'pending_mfa',
  'pending_enrol',
  'helpdesk',
  'secretariat',
  'focal_own',
  'focal_other',
  'delegate_own',
  'delegate_other',
];
const EVERYONE = ACTORS;
const SIGNED_IN: readonly ActorName[] = ['helpdesk', 'secretariat', 'focal_own', 'focal_other', 'delegate_own', 'delegate_other'];
const NOBODY: readonly ActorName[] = [];

/** Who gets through, per route. A route missing here fails the test: every new route must be placed. */
const expected: Record<string, readonly ActorName[]> = {
  'GET /healthz': EVERYONE,
  'GET /assets/:name': EVERYONE,
  'GET /': EVERYONE,
  'GET /debates/:slug': EVERYONE,
  'GET /debates.ics': EVERYONE,
  'GET /debates/:slug.ics': EVERYONE,
  'GET /journal': EVERYONE,
  'GET /debates/:slug/letter': EVERYONE,
  'GET /debates/:slug/letter.:ext': EVERYONE,
  // Preparing debates: the Secretariat, and a presidency for its own month. Brazil presides the Council in July 2022,
  // but its staff here hold only the statements module, not the presidency's: being on a presiding State's staff is
  // not enough (src/modules/meetings/web/prepare-routes.test.ts tries the presidency with its module).
  'GET /debates/new': ['secretariat'],
  'POST /debates': ['secretariat'],
  'GET /debates/:slug/edit': ['secretariat'],
  'POST /debates/:slug/edit': ['secretariat'],
  'GET /debates/:slug/desk': ['secretariat'],
  'POST /debates/:slug/letter': ['secretariat'],
  'GET /debates/:slug/letter/issue': ['secretariat'],
  'POST /debates/:slug/letter/issue': ['secretariat'],
  'POST /debates/:slug/concept-note': ['secretariat'],
  'GET /debates/:slug/documents/:generation/:file': ['secretariat'],
  'POST /debates/:slug/eligible': ['secretariat'],
  'POST /debates/:slug/eligible/:code/remove': ['secretariat'],
  'POST /debates/:slug/late-grants': ['secretariat'],
  'POST /debates/:slug/late-grants/:code/revoke': ['secretariat'],
  // Written statements: staff of an eligible mission holding the statements module (here Brazil's delegate; the
  // others hold no grant). The receipt check and the signing key are public.
  'GET /debates/:slug/statement': ['delegate_own'],
  'POST /debates/:slug/statement/draft': ['delegate_own'],
  'GET /debates/:slug/statement/preview': ['delegate_own'],
  'POST /debates/:slug/statement/confirm': ['delegate_own'],
  'POST /debates/:slug/statement/withdraw': ['delegate_own'],
  'GET /debates/:slug/statement/receipts/:reference': ['delegate_own'],
  'GET /debates/:slug/statements': ['secretariat'],
  'POST /debates/:slug/statements/:code/review': ['secretariat'],
  'POST /debates/:slug/statements/accept-all': ['secretariat'],
  'GET /debates/:slug/statements/:code/files/:which': ['secretariat'],
  'GET /debates/:slug/statements/:code/read': ['secretariat'],
  'GET /debates/:slug/statements/:code/history': ['secretariat'],
  'GET /debates/:slug/statements/:code/revisions/:seq/:which': ['secretariat'],
  // The exact bytes a delegation sent, for the record: the Secretariat's alone (every other download is the clean copy).
  'GET /debates/:slug/statements/:code/revisions/:seq/:which/as-received': ['secretariat'],
  'GET /debates/:slug/statements/:code/on-behalf': ['secretariat'],
  'POST /debates/:slug/statements/:code/on-behalf': ['secretariat'],
  // The meeting's speakers: the Secretariat's page. A Council member's delegate sends its delegation's statement; Brazil
  // is not on the Council in May 2021, so its delegate is refused there like everyone else.
  'GET /debates/:slug/speakers': ['secretariat'],
  'POST /debates/:slug/speakers': ['secretariat'],
  'POST /debates/:slug/speakers/order': ['secretariat'],
  'POST /debates/:slug/speakers/:id/remove': ['secretariat'],
  'GET /debates/:slug/speakers/:id/file': ['secretariat'],
  'POST /debates/:slug/statement/council': NOBODY,
  'GET /debates/:slug/compilation/runs': ['secretariat'],
  'POST /debates/:slug/compilation/runs': ['secretariat'],
  'GET /debates/:slug/compilation/runs/:seq/issue': ['secretariat'],
  'POST /debates/:slug/compilation/runs/:seq/issue': ['secretariat'],
  'POST /debates/:slug/compilation/reopen': ['secretariat'],
  'GET /debates/:slug/compilation/runs/:seq/originals.zip': ['secretariat'],
  'POST /debates/:slug/compilation/runs/:seq/corrigendum': ['secretariat'],
  'POST /debates/:slug/compilation/runs/:seq/final': ['secretariat'],
  'GET /debates/:slug/compilation/runs/:seq/finals/:id': ['secretariat'],
  'POST /debates/:slug/compilation/runs/:seq/retry': ['secretariat'],
  'GET /debates/:slug/compilation': EVERYONE,
  'GET /debates/:slug/compilation.:ext': EVERYONE,
  'GET /debates/:slug/compilation/corrigenda/:seq.:ext': EVERYONE,
  // Publication on issue: the guard lets everyone through; the handler answers 404 to whoever may not read the
  // statement (before issue: anyone but the Secretariat, the presidency and the delegation's own people), as for a
  // statement that does not exist (see compilation/web/publication-routes.test.ts). The presidency's read-only list
  // is the Secretariat's and the presidency's of the debate's month (China in May 2021, so not Brazil's).
  'GET /debates/:slug/statements/:code': EVERYONE,
  'GET /debates/:slug/statements/:code/original': EVERYONE,
  'GET /debates/:slug/compilation/statements': EVERYONE,
  'GET /debates/:slug/desk/statements': ['secretariat'],
  // The landing pages: a mission's people see their delegation's statements, the Secretariat the debates with work waiting.
  'GET /my/statements': ['focal_own', 'focal_other', 'delegate_own', 'delegate_other'],
  'GET /work': ['secretariat'],
  'GET /receipts/verify': EVERYONE,
  'POST /receipts/verify': EVERYONE,
  'GET /receipts/key': EVERYONE,
  // The audit log's signed checkpoint and the proofs of sealed entries are public, like the receipts' key.
  'GET /audit/checkpoint': EVERYONE,
  'GET /audit/proof': EVERYONE,
  'GET /sign-in': EVERYONE,
  'POST /sign-in': EVERYONE,
  'GET /sign-out': EVERYONE,
  'POST /sign-out': EVERYONE,
  'GET /invitations/:token': EVERYONE,
  'POST /invitations/:token': EVERYONE,
  'GET /password/forgot': EVERYONE,
  'POST /password/forgot': EVERYONE,
  'GET /password/reset/:token': EVERYONE,
  'POST /password/reset/:token': EVERYONE,
  'GET /api/openapi.json': EVERYONE,
  'GET /sign-in/mfa': ['pending_mfa'],
  'POST /sign-in/mfa': ['pending_mfa'],
  'GET /sign-in/enrol-mfa': ['pending_enrol'],
  'POST /sign-in/enrol-mfa': ['pending_enrol'],
  'GET /account': SIGNED_IN,
  'POST /account/password': SIGNED_IN,
  'GET /account/mfa': SIGNED_IN,
  'POST /account/mfa': SIGNED_IN,
  'POST /account/mfa/recovery-codes': SIGNED_IN,
  'POST /account/mfa/disable': SIGNED_IN,
  'POST /account/mfa/recovery-codes/download': SIGNED_IN,
  'POST /account/notifications': SIGNED_IN,
  'POST /account/sessions/end-others': SIGNED_IN,
  'GET /account/tokens': SIGNED_IN,
  'POST /account/tokens': SIGNED_IN,
  'POST /account/tokens/:id/revoke': SIGNED_IN,
  'GET /mission': ['focal_own', 'focal_other'],
  // The list of missions and a mission's page: the Secretariat and the help desk read them, only its focal points change them.
  'GET /missions': ['secretariat', 'helpdesk'],
  // The Council's membership and presidencies: the Secretariat keeps them.
  'GET /council': ['secretariat'],
  'POST /council/years': ['secretariat'],
  'POST /missions/entities': ['secretariat'],
  'GET /missions/:code': ['secretariat', 'focal_own', 'helpdesk'],
  'POST /missions/:code/people': ['focal_own'],
  'POST /missions/:code/people/:id/grant': ['focal_own'],
  'POST /missions/:code/people/:id/revoke': ['focal_own'],
  'POST /missions/:code/people/:id/deactivate': ['focal_own'],
  'POST /missions/:code/people/:id/reactivate': ['focal_own'],
  'POST /missions/:code/people/:id/resend-invitation': ['focal_own'],
  'POST /missions/:code/signatories': ['focal_own'],
  'GET /missions/:code/signatories/:id/end': ['focal_own'],
  'POST /missions/:code/signatories/:id/end': ['focal_own'],
  'POST /missions/:code/signatories/:id/remove': ['focal_own'],
  'GET /helpdesk': ['helpdesk'],
  'POST /helpdesk/accounts': ['helpdesk'],
  // The outbox: the help desk and the Secretariat (the matrix runs without SMTP, so the outbox is in use).
  'GET /outbox': ['helpdesk', 'secretariat'],
  'GET /outbox/:id': ['helpdesk', 'secretariat'],
  'GET /helpdesk/accounts/:id': ['helpdesk'],
  'POST /helpdesk/accounts/:id/unlock': ['helpdesk'],
  'POST /helpdesk/accounts/:id/reset-mfa': ['helpdesk'],
  'POST /helpdesk/accounts/:id/sign-in-link': ['helpdesk'],
  'POST /helpdesk/accounts/:id/resend-invitation': ['helpdesk'],
  'POST /helpdesk/accounts/:id/deactivate': ['helpdesk'],
  'POST /helpdesk/accounts/:id/reactivate': ['helpdesk'],
  'POST /helpdesk/accounts/:id/details': ['helpdesk'],
  // The API takes bearer tokens only: a browser session is refused, whoever holds it (see src/api for tokens).
  'GET /api/v1/me': NOBODY,
  'GET /api/v1/debates': NOBODY,
  'GET /api/v1/debates/:slug': NOBODY,
  'GET /api/v1/missions/:code': NOBODY,
  'GET /api/v1/missions/:code/people': NOBODY,
  'GET /api/v1/missions/:code/signatories': NOBODY,
  'POST /api/v1/missions/:code/people/:id/grants': NOBODY,
  'DELETE /api/v1/missions/:code/people/:id/grants/:module': NOBODY,
  'GET /api/v1/debates/:slug/statement': NOBODY,
  'POST /api/v1/debates/:slug/statement': NOBODY,
  'DELETE /api/v1/debates/:slug/statement': NOBODY,
};

describe('authorization matrix: every route × every actor', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  const clock = fixedClock('2021-05-20T12:00:00Z');
  const settings = { idleMinutes: testConfig().SESSION_IDLE_MINUTES, maxHours: testConfig().SESSION_MAX_HOURS };
  const accounts = {} as Record<Exclude<ActorName, 'anonymous'>, TestAccount>;
  let target: TestAccount;
  let signatoryId: string;
  let csrf: { cookie: string; token: string };

  beforeAll(async () => {
    open = await testDatabase();
    const db = open.db;
    await db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    accounts.pending_mfa = await addAccount(db, clock, { hashed: false, role: 'focal_point', mission: 'BRA' });
    accounts.pending_enrol = await addAccount(db, clock, { hashed: false, role: 'focal_point', mission: 'BRA' });
    accounts.helpdesk = await addAccount(db, clock, { hashed: false, role: 'helpdesk' });
    accounts.secretariat = await addAccount(db, clock, { hashed: false, role: 'secretariat' });
    accounts.focal_own = await addAccount(db, clock, { hashed: false, role: 'focal_point', mission: 'BRA' });
    accounts.focal_other = await addAccount(db, clock, { hashed: false, role: 'focal_point', mission: 'ARG' });
    accounts.delegate_own = await addAccount(db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
    accounts.delegate_other = await addAccount(db, clock, { hashed: false, role: 'delegate', mission: 'ARG' });
    target = await addAccount(db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
    await db
      .insertInto('identity.module_grants')
      .values({
        id: randomUUID(),
        account_id: accounts.delegate_own.id,
        module: 'statements',
        granted_at: clock.now(),
        granted_by: accounts.focal_own.id,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    signatoryId = randomUUID();
    await db
      .insertInto('delegations.signatories')
      .values({
        id: signatoryId,
        mission: 'BRA',
        name: 'A. Signatory',
        title: 'Permanent Representative',
        from_date: '2020-01-01',
        to_date: null,
        created_at: clock.now(),
        created_by: null,
        removed_at: null,
      })
      .execute();
    app = await testApp(db, clock);
    const page = await app.inject('/sign-in');
    const cookie = page.cookies.find((c) => c.name === 'rostrum_csrf');
    const token = inputValue(page.body, '_csrf');
    if (!cookie || !token) throw new Error('no CSRF token on /sign-in');
    csrf = { cookie: `rostrum_csrf=${cookie.value}`, token };
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  function concrete(url: string): string {
    const personRoute = /\/people\/|\/helpdesk\/accounts\//.test(url);
    return url
      .replace(':name', assetUrl('site.css').replace('/assets/', ''))
      .replace(':slug', demoDebate.slug)
      .replace(':code', 'BRA')
      .replace(':token', 'x'.repeat(43))
      .replace(':generation', randomUUID())
      .replace(':file', 'pdf')
      .replace(':ext', 'pdf')
      .replace(':reference', 'R-0000-0000-0000')
      .replace(':which', 'statement')
      .replace(':seq', '1')
      .replace(':id', url.includes('/signatories/') ? signatoryId : personRoute ? target.id : randomUUID());
  }

  /** A session for every signed-in actor, at the stage its name says. */
  async function sessionsForAll(): Promise<Record<ActorName, { token: string; id: string } | undefined>> {
    const sessions = { anonymous: undefined } as Record<ActorName, { token: string; id: string } | undefined>;
    await open.db.transaction().execute(async (trx) => {
      for (const name of ACTORS) {
        if (name === 'anonymous') continue;
        const stage = name === 'pending_mfa' ? 'mfa' : name === 'pending_enrol' ? 'enrol_mfa' : 'active';
        sessions[name] = await createSession(trx, clock, settings, accounts[name].id, stage, {});
      }
    });
    return sessions;
  }

  /** The actors whose session a route ended (signed out, ended by a change of credentials). */
  async function endedSessions(sessions: Record<ActorName, { id: string } | undefined>): Promise<ActorName[]> {
    const ids = ACTORS.flatMap((a) => (sessions[a] ? [sessions[a].id] : []));
    const live = await open.db.selectFrom('identity.sessions').select('id').where('id', 'in', ids).where('ended_at', 'is', null).execute();
    const liveIds = new Set(live.map((r) => r.id));
    return ACTORS.filter((a) => sessions[a] && !liveIds.has(sessions[a].id));
  }

  function outcome(res: { statusCode: number; headers: Record<string, unknown> }): 'allow' | 'deny' {
    if (res.statusCode === 401 || res.statusCode === 403) return 'deny';
    const location = String(res.headers.location ?? '');
    if (res.statusCode === 303 && location.startsWith('/sign-in')) return 'deny';
    return 'allow';
  }

  it('places every route of the application in the table', () => {
    const routes = app.routePolicies.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !(r in expected))).toEqual([]);
    expect(Object.keys(expected).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('lets through exactly the expected actors on every route, and denied calls change nothing', async () => {
    const mismatches: string[] = [];
    // One session per actor for the whole walk: a session stays valid unless a route ends it. The routes that may end
    // the caller's session (signing out; changing credentials, which ends the account's sessions) get new ones after
    // them; any other route that ends one fails the test, so that it is added here.
    const ENDS_SESSIONS = new Set([
      'POST /sign-out',
      'POST /account/password',
      'POST /account/mfa/disable',
      'POST /account/sessions/end-others',
    ]);
    let sessions = await sessionsForAll();
    for (const route of app.routePolicies.filter((r) => r.method !== 'HEAD')) {
      const key = `${route.method} ${route.url}`;
      const allowed = new Set(expected[key] ?? []);
      const url = concrete(route.url);
      // Denied actors first, so that what allowed ones change does not hide a change by a denied one. A GET changes
      // nothing the fingerprint sees, so only the other methods are fingerprinted around their denied calls.
      const order = [...ACTORS].sort((a, b) => Number(allowed.has(a)) - Number(allowed.has(b)));
      const writes = route.method !== 'GET';
      const before = writes ? await fingerprint(open.db) : undefined;
      let checkedDenied = !writes;
      for (const actor of order) {
        if (!checkedDenied && allowed.has(actor)) {
          expect(await fingerprint(open.db), `a denied call to ${key} changed data`).toEqual(before);
          checkedDenied = true;
        }
        const token = sessions[actor]?.token;
        const cookies = [csrf.cookie, token ? `rostrum_session=${sessionCookieValue(token)}` : ''].filter(Boolean).join('; ');
        const res = await app.inject({
          method: route.method as 'GET' | 'POST',
          url,
          headers: { cookie: cookies, ...(route.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
          ...(route.method === 'POST' ? { payload: `_csrf=${encodeURIComponent(csrf.token)}` } : {}),
        });
        const got = outcome(res);
        const want = allowed.has(actor) ? 'allow' : 'deny';
        if (got !== want) mismatches.push(`${key} as ${actor}: expected ${want}, got ${got} (${res.statusCode})`);
      }
      if (!checkedDenied) expect(await fingerprint(open.db), `a denied call to ${key} changed data`).toEqual(before);
      if (ENDS_SESSIONS.has(key)) sessions = await sessionsForAll();
      else expect(await endedSessions(sessions), `${key} ended sessions: add it to ENDS_SESSIONS`).toEqual([]);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('refuses another mission’s focal point who puts a Brazilian id under its own mission', async () => {
    const sessions = await sessionsForAll();
    const cookie = `${csrf.cookie}; rostrum_session=${sessionCookieValue(sessions.focal_other?.token ?? '')}`;
    const before = await fingerprint(open.db);
    for (const action of ['grant', 'revoke', 'deactivate', 'reactivate', 'resend-invitation']) {
      const res = await app.inject({
        method: 'POST',
        url: `/missions/ARG/people/${target.id}/${action}`,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(csrf.token)}`,
      });
      expect([403, 404], `${action} answered ${res.statusCode}`).toContain(res.statusCode);
    }
    for (const [method, path] of [
      ['GET', 'end'],
      ['POST', 'end'],
      ['POST', 'remove'],
    ] as const) {
      const res = await app.inject({
        method,
        url: `/missions/ARG/signatories/${signatoryId}/${path}`,
        headers: { cookie, ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(method === 'POST' ? { payload: `_csrf=${encodeURIComponent(csrf.token)}` } : {}),
      });
      expect([403, 404], `${method} signatories/${path} answered ${res.statusCode}`).toContain(res.statusCode);
    }
    const page = await app.inject({ url: '/missions/ARG', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(target.email);
    expect(page.body).not.toContain('A. Signatory');
    expect(await fingerprint(open.db)).toEqual(before);
  });
});
