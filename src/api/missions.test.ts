// The mission endpoints of the JSON API through inject(), with tokens made by the command: a focal point's token
// reads and changes its own mission only, through the same commands as the mission page; another mission's code
// is refused before the handler; another mission's person is "not found" and nothing changes; the scope decides,
// a delegate never holds it, and the browser session never counts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, fingerprint, mailTo } from '../../test/admin-fixtures.js';
import { testApp, sessionCookieValue } from '../../test/app.js';
import { testDatabase } from '../../test/db.js';
import { fixedClock } from '../kernel/clock.js';
import type { OpenDatabase } from '../kernel/db/database.js';
import { errorCatalogue } from '../kernel/errors.js';
import { createApiToken, createSession } from '../modules/identity/index.js';
import type { OpenApiDocument } from '../web/openapi.js';
import { addAccount, type TestAccount } from '../../test/accounts.js';

type App = Awaited<ReturnType<typeof testApp>>;
type Res = Awaited<ReturnType<App['inject']>>;

const PUBLIC_URL = 'https://rostrum.example.org';
const STACK = /at .+\.(ts|js):\d+|node_modules|Error:|stack|SELECT|identity\./i;

describe('the mission endpoints of the JSON API', () => {
  let open: OpenDatabase;
  let app: App;
  const clock = fixedClock('2021-05-20T12:00:00Z');

  let braFocal: TestAccount;
  let braDelegate: TestAccount;
  let braInvited: TestAccount;
  let braDeactivated: TestAccount;
  let argFocal: TestAccount;
  let argDelegate: TestAccount;
  const signatories = { current: randomUUID(), ended: randomUUID(), future: randomUUID(), removed: randomUUID(), argentine: randomUUID() };

  /** Tokens, by what they may do. */
  const tokens = {} as Record<'braRead' | 'braWrite' | 'braMeOnly' | 'argWrite' | 'braDelegate' | 'demoted', string>;

  async function tokenFor(who: TestAccount, scopes: string[]): Promise<string> {
    const actor = {
      kind: 'account' as const,
      id: who.id,
      role: who.role,
      organisation: who.mission,
      modules: [],
      via: { kind: 'session' as const, sessionId: 's' },
    };
    const created = await open.db
      .transaction()
      .execute((trx) => createApiToken(trx, clock, actor, { name: 'Mission system', scopes, expiresInDays: 30 }));
    return created.token;
  }

  const call = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    token: string | undefined,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });

  function expectError(res: Res, status: number, code: keyof typeof errorCatalogue) {
    expect(res.statusCode, res.body).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ error: { code, message: errorCatalogue[code].message } });
    expect(res.body).not.toMatch(STACK);
  }

  const grantsOf = (accountId: string) =>
    open.db
      .selectFrom('identity.module_grants')
      .select(['module', 'granted_by', 'revoked_at', 'revoked_by'])
      .where('account_id', '=', accountId)
      .orderBy('granted_at')
      .execute();

  /** Every mission route, for a mission code and a person id. */
  const everyRoute = (code: string, id: string): Array<[string, 'GET' | 'POST' | 'DELETE', string, unknown]> => [
    ['getMission', 'GET', `/api/v1/missions/${code}`, undefined],
    ['getMissionPeople', 'GET', `/api/v1/missions/${code}/people`, undefined],
    ['getMissionSignatories', 'GET', `/api/v1/missions/${code}/signatories`, undefined],
    ['grantMissionModule', 'POST', `/api/v1/missions/${code}/people/${id}/grants`, { module: 'statements' }],
    ['revokeMissionModule', 'DELETE', `/api/v1/missions/${code}/people/${id}/grants/statements`, undefined],
  ];

  beforeAll(async () => {
    open = await testDatabase();
    const db = open.db;
    app = await testApp(db, clock, { PUBLIC_URL });
    braFocal = await addAccount(db, clock, {
      hashed: false,
      role: 'focal_point',
      mission: 'BRA',
      name: 'Ana Focal',
      email: 'ana@itamaraty.example.org',
    });
    braDelegate = await addAccount(db, clock, {
      hashed: false,
      role: 'delegate',
      mission: 'BRA',
      name: 'Dora Delegate',
      email: 'dora@itamaraty.example.org',
    });
    braInvited = await addAccount(db, clock, {
      hashed: false,
      role: 'delegate',
      mission: 'BRA',
      name: 'Ivo Invited',
      email: 'ivo@itamaraty.example.org',
      invited: true,
    });
    braDeactivated = await addAccount(db, clock, {
      hashed: false,
      role: 'delegate',
      mission: 'BRA',
      name: 'Otávio Former',
      email: 'otavio@itamaraty.example.org',
      disabled: true,
    });
    argFocal = await addAccount(db, clock, {
      hashed: false,
      role: 'focal_point',
      mission: 'ARG',
      name: 'Otto Focal',
      email: 'otto@cancilleria.example.org',
    });
    argDelegate = await addAccount(db, clock, {
      hashed: false,
      role: 'delegate',
      mission: 'ARG',
      name: 'Olga Delegate',
      email: 'olga@cancilleria.example.org',
    });
    // Ivo's invitation link, still usable.
    await db
      .insertInto('identity.links')
      .values({
        id: 'a'.repeat(64),
        account_id: braInvited.id,
        purpose: 'invitation',
        created_at: clock.now(),
        created_by: braFocal.id,
        expires_at: new Date('2021-05-23T12:00:00Z'),
        used_at: null,
      })
      .execute();
    const signatory = (id: string, mission: string, name: string, title: string, from: string, to: string | null, removed = false) => ({
      id,
      mission,
      name,
      title,
      from_date: from,
      to_date: to,
      created_at: clock.now(),
      created_by: null,
      removed_at: removed ? clock.now() : null,
    });
    await db
      .insertInto('delegations.signatories')
      .values([
        signatory(signatories.current, 'BRA', 'Ronaldo Costa Filho', 'Permanent Representative', '2020-03-01', null),
        signatory(signatories.ended, 'BRA', 'Mauro Vieira', 'Permanent Representative', '2016-01-01', '2020-02-29'),
        signatory(signatories.future, 'BRA', 'João Genésio', 'Deputy Permanent Representative', '2021-06-01', null),
        signatory(signatories.removed, 'BRA', 'A Mistake', 'Permanent Representative', '2021-01-01', null, true),
        signatory(signatories.argentine, 'ARG', 'Martín García Moritán', 'Permanent Representative', '2020-01-01', null),
      ])
      .execute();

    tokens.braRead = await tokenFor(braFocal, ['mission:read']);
    tokens.braWrite = await tokenFor(braFocal, ['mission:read', 'mission:write']);
    tokens.braMeOnly = await tokenFor(braFocal, ['me:read']);
    tokens.argWrite = await tokenFor(argFocal, ['mission:read', 'mission:write']);
    tokens.braDelegate = await tokenFor(braDelegate, ['me:read', 'debates:read']);
    // A focal point who made a mission token, then became a delegate: the token loses mission:* at once.
    const demoted = await addAccount(db, clock, {
      hashed: false,
      role: 'focal_point',
      mission: 'BRA',
      name: 'Zé Demoted',
      email: 'ze@itamaraty.example.org',
    });
    tokens.demoted = await tokenFor(demoted, ['mission:read', 'mission:write']);
    await db.updateTable('identity.accounts').set({ role: 'delegate' }).where('id', '=', demoted.id).execute();
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it('gives the own mission', async () => {
    const res = await call('GET', '/api/v1/missions/BRA', tokens.braRead);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ code: 'BRA', name: 'Permanent Mission of Brazil to the United Nations', kind: 'permanent_mission' });
    expect((await call('GET', '/api/v1/missions/ARG', tokens.argWrite)).json()).toMatchObject({ code: 'ARG', kind: 'permanent_mission' });
  });

  it('lists the own mission’s people: active, deactivated, invited, with their modules', async () => {
    const res = await call('GET', '/api/v1/missions/BRA/people', tokens.braRead);
    expect(res.statusCode, res.body).toBe(200);
    const { people } = res.json<{ people: Array<{ id: string; name: string }> }>();
    expect(people.map((p) => p.name)).toEqual(['Ana Focal', 'Dora Delegate', 'Ivo Invited', 'Otávio Former', 'Zé Demoted']);
    const byId = new Map(people.map((p) => [p.id, p]));
    expect(byId.get(braDelegate.id)).toEqual({
      id: braDelegate.id,
      name: 'Dora Delegate',
      email: 'dora@itamaraty.example.org',
      role: 'delegate',
      status: 'active',
      deactivatedAt: null,
      invitation: null,
      modules: [],
    });
    expect(byId.get(braFocal.id)).toMatchObject({ role: 'focal_point', status: 'active', invitation: null });
    expect(byId.get(braInvited.id)).toMatchObject({
      status: 'active',
      invitation: { state: 'pending', expiresAt: '2021-05-23T12:00:00.000Z' },
    });
    expect(byId.get(braDeactivated.id)).toMatchObject({
      status: 'deactivated',
      deactivatedAt: '2021-05-20T12:00:00.000Z',
      invitation: null,
    });
    // Nobody of another mission.
    expect(res.body).not.toContain(argDelegate.id);
    expect(res.body).not.toContain('cancilleria');
  });

  it('lists the own mission’s signatories, current, future and past, without removed entries', async () => {
    const res = await call('GET', '/api/v1/missions/BRA/signatories', tokens.braRead);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      date: '2021-05-20',
      signatories: [
        {
          id: signatories.future,
          name: 'João Genésio',
          title: 'Deputy Permanent Representative',
          from: '2021-06-01',
          to: null,
          status: 'future',
        },
        {
          id: signatories.current,
          name: 'Ronaldo Costa Filho',
          title: 'Permanent Representative',
          from: '2020-03-01',
          to: null,
          status: 'current',
        },
        {
          id: signatories.ended,
          name: 'Mauro Vieira',
          title: 'Permanent Representative',
          from: '2016-01-01',
          to: '2020-02-29',
          status: 'ended',
        },
      ],
    });
  });

  it('gives and takes access through the mission page’s commands, with the audit entries, and /people shows it at once', async () => {
    const mailsBefore = (await mailTo(open.db, braDelegate.email)).length;
    const granted = await call('POST', `/api/v1/missions/BRA/people/${braDelegate.id}/grants`, tokens.braWrite, { module: 'statements' });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({ id: braDelegate.id, name: 'Dora Delegate', modules: ['statements'] });
    expect(await grantsOf(braDelegate.id)).toEqual([{ module: 'statements', granted_by: braFocal.id, revoked_at: null, revoked_by: null }]);
    const [grantEntry] = (await auditEntries(open.db, 'module.granted')).filter((e) => e.subject_id === braDelegate.id);
    expect(grantEntry).toMatchObject({
      actor_id: braFocal.id,
      actor_label: 'Ana Focal',
      subject_type: 'account',
      data: { mission: 'BRA', module: 'statements' },
    });
    // The person is told, with the sign-in address.
    const mails = await mailTo(open.db, braDelegate.email);
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)?.text_body).toContain(`Sign in at ${PUBLIC_URL}/sign-in`);
    expect(mails.at(-1)?.text_body).not.toMatch(/NaN|undefined/);

    let people = (await call('GET', '/api/v1/missions/BRA/people', tokens.braRead)).json<{
      people: Array<{ id: string; modules: string[] }>;
    }>().people;
    expect(people.find((p) => p.id === braDelegate.id)?.modules).toEqual(['statements']);

    // Granting again changes nothing.
    let before = await fingerprint(open.db);
    expectError(
      await call('POST', `/api/v1/missions/BRA/people/${braDelegate.id}/grants`, tokens.braWrite, { module: 'statements' }),
      409,
      'module.already_granted',
    );
    expect(await fingerprint(open.db)).toEqual(before);

    const revoked = await call('DELETE', `/api/v1/missions/BRA/people/${braDelegate.id}/grants/statements`, tokens.braWrite);
    expect(revoked.statusCode, revoked.body).toBe(204);
    expect(revoked.body).toBe('');
    expect(await grantsOf(braDelegate.id)).toEqual([
      { module: 'statements', granted_by: braFocal.id, revoked_at: clock.now(), revoked_by: braFocal.id },
    ]);
    const [revokeEntry] = (await auditEntries(open.db, 'module.revoked')).filter((e) => e.subject_id === braDelegate.id);
    expect(revokeEntry).toMatchObject({ actor_id: braFocal.id, data: { mission: 'BRA', module: 'statements' } });

    // At once, on the very next read.
    people = (await call('GET', '/api/v1/missions/BRA/people', tokens.braRead)).json<{ people: Array<{ id: string; modules: string[] }> }>()
      .people;
    expect(people.find((p) => p.id === braDelegate.id)?.modules).toEqual([]);

    before = await fingerprint(open.db);
    expectError(
      await call('DELETE', `/api/v1/missions/BRA/people/${braDelegate.id}/grants/statements`, tokens.braWrite),
      409,
      'module.not_granted',
    );
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('refuses what the commands refuse, and malformed requests, changing nothing', async () => {
    const before = await fingerprint(open.db);
    expectError(
      await call('POST', `/api/v1/missions/BRA/people/${braDeactivated.id}/grants`, tokens.braWrite, { module: 'statements' }),
      409,
      'account.deactivated',
    );
    expectError(
      await call('POST', `/api/v1/missions/BRA/people/${braDelegate.id}/grants`, tokens.braWrite, { module: 'votes' }),
      400,
      'http.bad_request',
    );
    expectError(await call('POST', `/api/v1/missions/BRA/people/${braDelegate.id}/grants`, tokens.braWrite, {}), 400, 'http.bad_request');
    expectError(await call('POST', `/api/v1/missions/BRA/people/${braDelegate.id}/grants`, tokens.braWrite), 400, 'http.bad_request');
    expectError(
      await call('POST', '/api/v1/missions/BRA/people/not-an-id/grants', tokens.braWrite, { module: 'statements' }),
      400,
      'http.bad_request',
    );
    expectError(
      await call('DELETE', `/api/v1/missions/BRA/people/${braDelegate.id}/grants/votes`, tokens.braWrite),
      400,
      'http.bad_request',
    );
    expectError(
      await call('POST', `/api/v1/missions/BRA/people/${randomUUID()}/grants`, tokens.braWrite, { module: 'statements' }),
      404,
      'account.not_found',
    );
    expectError(
      await call('DELETE', `/api/v1/missions/BRA/people/${randomUUID()}/grants/statements`, tokens.braWrite),
      404,
      'account.not_found',
    );
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('refuses another mission’s code with 403 before the handler, for every route, changing nothing', async () => {
    const before = await fingerprint(open.db);
    for (const [name, method, url, body] of [
      ...everyRoute('ARG', argDelegate.id),
      ...everyRoute('ZZZ', randomUUID()),
      ...everyRoute('european-union', randomUUID()),
    ]) {
      const res = await call(method, url, tokens.braWrite, body);
      expectError(res, 403, 'auth.forbidden');
      expect(res.body, name).not.toMatch(/Olga|Martín|cancilleria/);
    }
    // The own code spelt in lower case is another code, not a way around the rule.
    expectError(await call('GET', '/api/v1/missions/bra', tokens.braWrite), 403, 'auth.forbidden');
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('answers 404 to a Brazilian person’s id put under ARG with ARG’s token, and changes nothing', async () => {
    // Dora has access now, so a revoke that went through would show.
    await call('POST', `/api/v1/missions/BRA/people/${braDelegate.id}/grants`, tokens.braWrite, { module: 'statements' });
    const before = await fingerprint(open.db);
    const grants = await grantsOf(braDelegate.id);
    expectError(
      await call('POST', `/api/v1/missions/ARG/people/${braDelegate.id}/grants`, tokens.argWrite, { module: 'statements' }),
      404,
      'account.not_found',
    );
    expectError(
      await call('DELETE', `/api/v1/missions/ARG/people/${braDelegate.id}/grants/statements`, tokens.argWrite),
      404,
      'account.not_found',
    );
    // The same answer as for an id nobody has: nothing tells that the person exists elsewhere.
    expectError(
      await call('DELETE', `/api/v1/missions/ARG/people/${randomUUID()}/grants/statements`, tokens.argWrite),
      404,
      'account.not_found',
    );
    expect(await fingerprint(open.db)).toEqual(before);
    expect(await grantsOf(braDelegate.id)).toEqual(grants);
  });

  it('answers 403 api.scope_missing, naming the scope, to a token without it, changing nothing', async () => {
    const before = await fingerprint(open.db);
    for (const [name, method, url, body] of everyRoute('BRA', braDelegate.id)) {
      const scope = method === 'GET' ? 'mission:read' : 'mission:write';
      const res = await call(method, url, tokens.braMeOnly, body);
      expectError(res, 403, 'api.scope_missing');
      expect(res.headers['www-authenticate'], name).toBe(`Bearer realm="rostrum", error="insufficient_scope", scope="${scope}"`);
    }
    // mission:read does not write.
    const res = await call('DELETE', `/api/v1/missions/BRA/people/${braDelegate.id}/grants/statements`, tokens.braRead);
    expectError(res, 403, 'api.scope_missing');
    expect(res.headers['www-authenticate']).toContain('scope="mission:write"');
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('never lets a delegate hold a mission scope, nor a focal point who became one', async () => {
    // The command refuses to make the token at all.
    await expect(tokenFor(braDelegate, ['mission:read'])).rejects.toMatchObject({ code: 'api_token.invalid' });
    const before = await fingerprint(open.db);
    for (const token of [tokens.braDelegate, tokens.demoted]) {
      for (const [, method, url, body] of everyRoute('BRA', braDelegate.id))
        expectError(await call(method, url, token, body), 403, 'api.scope_missing');
    }
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('answers a browser session cookie with 401, on every route, changing nothing', async () => {
    const { token } = await open.db
      .transaction()
      .execute((trx) => createSession(trx, clock, { idleMinutes: 60, maxHours: 12 }, braFocal.id, 'active', {}));
    const before = await fingerprint(open.db);
    for (const [, method, url, body] of everyRoute('BRA', braDelegate.id)) {
      const res = await call(method, url, undefined, body, { cookie: `rostrum_session=${sessionCookieValue(token)}` });
      expectError(res, 401, 'api.token_missing');
      expect(String(res.headers['www-authenticate'])).toMatch(/^Bearer realm="rostrum"/);
    }
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('is described in the OpenAPI document: each operation, its scope, parameters, body and answers', async () => {
    const doc = (await app.inject('/api/openapi.json')).json<OpenApiDocument>();
    expect(doc.tags?.map((t) => t.name)).toContain('Mission');
    const op = (path: string, method: string) => {
      const o = doc.paths[path]?.[method];
      if (!o) throw new Error(`${method} ${path} is not in the document`);
      return o;
    };
    const expected = [
      ['/api/v1/missions/{code}', 'get', 'getMission', 'mission:read', ['code'], '200'],
      ['/api/v1/missions/{code}/people', 'get', 'getMissionPeople', 'mission:read', ['code'], '200'],
      ['/api/v1/missions/{code}/signatories', 'get', 'getMissionSignatories', 'mission:read', ['code'], '200'],
      ['/api/v1/missions/{code}/people/{id}/grants', 'post', 'grantMissionModule', 'mission:write', ['code', 'id'], '201'],
      [
        '/api/v1/missions/{code}/people/{id}/grants/{module}',
        'delete',
        'revokeMissionModule',
        'mission:write',
        ['code', 'id', 'module'],
        '204',
      ],
    ] as const;
    for (const [path, method, operationId, scope, params, success] of expected) {
      const o = op(path, method);
      expect(o.operationId).toBe(operationId);
      expect(o.tags).toEqual(['Mission']);
      expect(o.summary).toBeTruthy();
      expect(o.security).toEqual([{ accessToken: [scope] }]);
      expect((o.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)).toEqual(params);
      expect(o.responses[success], `${operationId} ${success}`).toBeDefined();
      for (const status of ['400', '401', '403', '404'])
        expect(o.responses[status]?.content?.['application/json']?.schema, `${operationId} ${status}`).toMatchObject({
          required: ['error'],
        });
      expect(o.responses['403']?.description).toMatch(/api\.scope_missing.*auth\.forbidden/);
    }
    expect(op('/api/v1/missions/{code}/people', 'get').responses['200']?.content?.['application/json']?.schema).toMatchObject({
      properties: { people: { items: { required: ['id', 'name', 'email', 'role', 'status', 'deactivatedAt', 'invitation', 'modules'] } } },
    });
    const grant = op('/api/v1/missions/{code}/people/{id}/grants', 'post');
    expect(grant.requestBody).toMatchObject({
      required: true,
      content: { 'application/json': { schema: { required: ['module'], properties: { module: { enum: ['statements', 'presidency'] } } } } },
    });
    expect(grant.responses['201']?.content?.['application/json']?.schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['id', 'modules']),
    });
    expect(grant.responses['409']?.description).toMatch(/module\.already_granted/);
    const revoke = op('/api/v1/missions/{code}/people/{id}/grants/{module}', 'delete');
    expect(revoke.responses['204']?.content).toBeUndefined();
    expect(revoke.responses['409']?.description).toMatch(/module\.not_granted/);
    expect(revoke.responses['404']?.description).toMatch(/account\.not_found/);
    // The document stays within OpenAPI 3.1 with no shared references.
    expect(JSON.stringify(doc)).not.toMatch(/"nullable"|"x-nullable"|"\$ref"/);
  });
});
