// Personal access tokens: their form and hash, the create form's rules, scopes by role, the policy, and how a
// bearer token is resolved into an actor (or refused) against a real database.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { allows, type Actor } from '../../kernel/authz.js';
import { fixedClock } from '../../kernel/clock.js';
import type { OpenDatabase } from '../../kernel/db/database.js';
import {
  API_TOKEN_PREFIX,
  apiScopeNames,
  hashApiToken,
  isWellFormedApiToken,
  MANAGE_OWN_TOKENS,
  newApiToken,
  parseApiTokenInput,
  resolveApiToken,
  revokeApiTokensOf,
  scopesForRole,
} from './api-tokens.js';
import { createApiToken } from './commands/create-api-token.js';
import { createAccount } from './commands/create-account.js';
import type { Role } from './tables.js';

describe('token format and hashing', () => {
  it('makes tokens of rst_ and 43 base64url characters, each different', () => {
    const tokens = Array.from({ length: 200 }, () => newApiToken());
    for (const t of tokens) {
      expect(t).toMatch(/^rst_[A-Za-z0-9_-]{43}$/);
      expect(isWellFormedApiToken(t)).toBe(true);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(API_TOKEN_PREFIX).toBe('rst_');
  });

  it.each([
    ['rst_' + 'a'.repeat(43), true],
    ['rst_' + 'A-_9'.repeat(10) + 'xyz', true],
    ['rst_' + 'a'.repeat(42), false],
    ['rst_' + 'a'.repeat(44), false],
    ['RST_' + 'a'.repeat(43), false],
    ['pat_' + 'a'.repeat(43), false],
    ['a'.repeat(47), false],
    ['rst_' + 'a'.repeat(42) + '=', false],
    ['rst_' + 'a'.repeat(42) + '+', false],
    ['rst_' + 'a'.repeat(42) + '/', false],
    [' rst_' + 'a'.repeat(43), false],
    ['rst_' + 'a'.repeat(43) + '\n', false],
    ['', false],
  ])('%j is well formed: %s', (token, ok) => {
    expect(isWellFormedApiToken(token)).toBe(ok);
  });

  it.each([['rst_' + 'a'.repeat(43)], ['rst_' + 'b'.repeat(43)]])(
    'hashes the whole token, prefix included, as lower-case SHA-256 hex (%s)',
    (token) => {
      const hash = hashApiToken(token);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(hash).not.toBe(createHash('sha256').update(token.slice(4)).digest('hex'));
    },
  );
});

describe('scopes by role', () => {
  it.each([
    ['helpdesk', ['me:read', 'debates:read']],
    ['secretariat', ['me:read', 'debates:read']],
    ['focal_point', ['me:read', 'debates:read', 'mission:read', 'mission:write', 'statements:read', 'statements:write']],
    ['delegate', ['me:read', 'debates:read', 'statements:read', 'statements:write']],
  ] as const)('%s may hold %j', (role, scopes) => {
    expect(scopesForRole(role)).toEqual(scopes);
  });

  it('is a closed list of resource:action names', () => {
    for (const s of apiScopeNames) expect(s).toMatch(/^[a-z]+:(read|write)$/);
  });
});

describe('the create form', () => {
  const ok = { name: 'Reporting script', scopes: ['debates:read'], expiresInDays: '90' };

  it('accepts a name, scopes the role may hold and 1 to 365 days, and tidies them', () => {
    expect(
      parseApiTokenInput(
        { name: '  Reporting   script ', scopes: ['debates:read', 'me:read', 'debates:read'], expiresInDays: ' 365 ' },
        'delegate',
      ),
    ).toEqual({
      ok: true,
      value: { name: 'Reporting script', scopes: ['me:read', 'debates:read'], expiresInDays: 365 },
    });
    expect(parseApiTokenInput({ ...ok, scopes: 'me:read', expiresInDays: 1 }, 'delegate')).toEqual({
      ok: true,
      value: { name: 'Reporting script', scopes: ['me:read'], expiresInDays: 1 },
    });
    expect(parseApiTokenInput({ ...ok, scopes: ['mission:write'] }, 'focal_point').ok).toBe(true);
  });

  it.each([
    [{ ...ok, name: '' }, 'delegate', 'name', /Enter a name/],
    [{ ...ok, name: '   ' }, 'delegate', 'name', /Enter a name/],
    [{ ...ok, name: undefined }, 'delegate', 'name', /Enter a name/],
    [{ ...ok, name: 'x'.repeat(101) }, 'delegate', 'name', /100 characters/],
    [{ ...ok, name: 'a\u0000b' }, 'delegate', 'name', /control characters/],
    [{ ...ok, scopes: undefined }, 'delegate', 'scopes', /at least one/],
    [{ ...ok, scopes: [] }, 'delegate', 'scopes', /at least one/],
    [{ ...ok, scopes: ['admin:all'] }, 'delegate', 'scopes', /from the list/],
    [{ ...ok, scopes: [42] }, 'delegate', 'scopes', /from the list/],
    [{ ...ok, scopes: ['toString'] }, 'delegate', 'scopes', /from the list/],
    [{ ...ok, scopes: ['mission:read'] }, 'delegate', 'scopes', /cannot give a token the scope mission:read/],
    [{ ...ok, scopes: ['me:read', 'mission:write'] }, 'helpdesk', 'scopes', /mission:write/],
    [{ ...ok, scopes: ['mission:write'] }, 'secretariat', 'scopes', /mission:write/],
    [{ ...ok, expiresInDays: '0' }, 'delegate', 'expiresInDays', /1 to 365/],
    [{ ...ok, expiresInDays: '366' }, 'delegate', 'expiresInDays', /1 to 365/],
    [{ ...ok, expiresInDays: '-5' }, 'delegate', 'expiresInDays', /1 to 365/],
    [{ ...ok, expiresInDays: '1.5' }, 'delegate', 'expiresInDays', /1 to 365/],
    [{ ...ok, expiresInDays: '1e2' }, 'delegate', 'expiresInDays', /1 to 365/],
    [{ ...ok, expiresInDays: '' }, 'delegate', 'expiresInDays', /1 to 365/],
    [{ ...ok, expiresInDays: ['30', '40'] }, 'delegate', 'expiresInDays', /1 to 365/],
    [{ ...ok, expiresInDays: 1.5 }, 'delegate', 'expiresInDays', /1 to 365/],
  ] as const)('refuses %j for a %s, on the field %s', (raw, role, fieldName, message) => {
    const result = parseApiTokenInput(raw, role as Role);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[fieldName]).toMatch(message);
  });

  it('reports every field at once', () => {
    const result = parseApiTokenInput({}, 'delegate');
    expect(result.ok ? [] : Object.keys(result.errors).sort()).toEqual(['expiresInDays', 'name', 'scopes']);
  });
});

describe('policy tokens.manage_own', () => {
  const base = { id: '00000000-0000-4000-8000-000000000001', role: 'delegate', organisation: 'BRA', modules: [] } as const;
  it.each<[string, Actor, boolean]>([
    ['anonymous', { kind: 'anonymous' }, false],
    ['pending second factor', { kind: 'pending', accountId: base.id, sessionId: 's', stage: 'mfa' }, false],
    ['pending enrolment', { kind: 'pending', accountId: base.id, sessionId: 's', stage: 'enrol_mfa' }, false],
    ['signed in (delegate)', { kind: 'account', ...base, via: { kind: 'session', sessionId: 's' } }, true],
    [
      'signed in (help desk)',
      { kind: 'account', ...base, role: 'helpdesk', organisation: null, via: { kind: 'session', sessionId: 's' } },
      true,
    ],
    [
      'a token, even with every scope',
      { kind: 'account', ...base, role: 'focal_point', via: { kind: 'token', tokenId: 't', scopes: apiScopeNames } },
      false,
    ],
  ])('%s: %s', (_label, actor, allowed) => {
    expect(allows(actor, MANAGE_OWN_TOKENS)).toBe(allowed);
  });
});

describe('resolving a bearer token', () => {
  let open: OpenDatabase;
  const clock = fixedClock('2026-03-02T09:00:00Z');
  const system = { id: null, label: 'test' };
  let seq = 0;

  async function tokenFor(role: Role, organisation: string | null, scopes: string[], days = 30) {
    seq++;
    return open.db.transaction().execute(async (trx) => {
      const { id } = await createAccount(trx, clock, system, {
        email: `p${seq}@example.org`,
        displayName: `Person ${seq}`,
        role,
        organisation,
        password: 'a long enough password',
      });
      const actor: Actor = { kind: 'account', id, role, organisation, modules: [], via: { kind: 'session', sessionId: 's' } };
      const created = await createApiToken(trx, clock, actor, { name: 'Script', scopes, expiresInDays: days });
      return { accountId: id, ...created };
    });
  }

  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => {
    await open?.close();
  });

  it('gives the owner as a token actor, with the token scopes and the module grants', async () => {
    const t = await tokenFor('delegate', 'BRA', ['me:read', 'debates:read']);
    await open.db
      .insertInto('identity.module_grants')
      .values({
        id: '00000000-0000-4000-8000-00000000abcd',
        account_id: t.accountId,
        module: 'statements',
        granted_at: clock.now(),
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    const r = await resolveApiToken(open.db, clock, t.token);
    expect(r).toEqual({
      ok: true,
      actor: {
        kind: 'account',
        id: t.accountId,
        role: 'delegate',
        organisation: 'BRA',
        modules: ['statements'],
        name: 'Person 1',
        via: { kind: 'token', tokenId: t.id, scopes: ['me:read', 'debates:read'] },
      },
    });
  });

  it('stores only the SHA-256 of the token', async () => {
    const t = await tokenFor('helpdesk', null, ['me:read']);
    const row = await open.db.selectFrom('identity.api_tokens').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(t.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(t.token.slice(4));
  });

  it.each([
    ['a malformed token', 'rst_short', 'malformed'],
    ['an unknown token', `rst_${'Z'.repeat(43)}`, 'unknown'],
  ])('refuses %s', async (_label, token, reason) => {
    expect(await resolveApiToken(open.db, clock, token)).toEqual({ ok: false, reason });
  });

  it('refuses a revoked token, an expired one (from its expiry instant), and one of a disabled account', async () => {
    const revoked = await tokenFor('delegate', 'BRA', ['me:read']);
    await open.db.updateTable('identity.api_tokens').set({ revoked_at: clock.now() }).where('id', '=', revoked.id).execute();
    expect(await resolveApiToken(open.db, clock, revoked.token)).toEqual({ ok: false, reason: 'revoked' });

    const expiring = await tokenFor('delegate', 'BRA', ['me:read'], 1);
    const later = fixedClock(new Date(clock.now().getTime() + 86_400_000 - 1));
    expect((await resolveApiToken(open.db, later, expiring.token)).ok).toBe(true);
    later.advance(1);
    expect(await resolveApiToken(open.db, later, expiring.token)).toEqual({ ok: false, reason: 'expired' });

    const disabled = await tokenFor('delegate', 'BRA', ['me:read']);
    await open.db.updateTable('identity.accounts').set({ disabled_at: clock.now() }).where('id', '=', disabled.accountId).execute();
    expect(await resolveApiToken(open.db, clock, disabled.token)).toEqual({ ok: false, reason: 'account_disabled' });
  });

  it('revokes all of an account’s tokens at once (for a deactivation), and only that account’s', async () => {
    const a = await tokenFor('delegate', 'BRA', ['me:read']);
    const second = await open.db.transaction().execute((trx) =>
      createApiToken(
        trx,
        clock,
        {
          kind: 'account',
          id: a.accountId,
          role: 'delegate',
          organisation: 'BRA',
          modules: [],
          via: { kind: 'session', sessionId: 's' },
        },
        { name: 'Other', scopes: ['debates:read'], expiresInDays: 5 },
      ),
    );
    const other = await tokenFor('delegate', 'BRA', ['me:read']);
    expect(await open.db.transaction().execute((trx) => revokeApiTokensOf(trx, clock, a.accountId))).toBe(2);
    expect(await resolveApiToken(open.db, clock, a.token)).toEqual({ ok: false, reason: 'revoked' });
    expect(await resolveApiToken(open.db, clock, second.token)).toEqual({ ok: false, reason: 'revoked' });
    expect((await resolveApiToken(open.db, clock, other.token)).ok).toBe(true);
    expect(await open.db.transaction().execute((trx) => revokeApiTokensOf(trx, clock, a.accountId))).toBe(0);
  });

  it('drops the scopes the owner’s role no longer allows', async () => {
    const t = await tokenFor('focal_point', 'BRA', ['me:read', 'mission:read', 'mission:write']);
    await open.db.updateTable('identity.accounts').set({ role: 'delegate' }).where('id', '=', t.accountId).execute();
    const r = await resolveApiToken(open.db, clock, t.token);
    expect(r.ok && r.actor.kind === 'account' && r.actor.via.kind === 'token' ? r.actor.via.scopes : undefined).toEqual(['me:read']);
  });

  it('records when a token was last used, at most once a minute', async () => {
    const t = await tokenFor('delegate', 'BRA', ['me:read']);
    const c = fixedClock(clock.now());
    const lastUsed = async () =>
      (await open.db.selectFrom('identity.api_tokens').select('last_used_at').where('id', '=', t.id).executeTakeFirstOrThrow())
        .last_used_at;
    expect(await lastUsed()).toBeNull();
    await resolveApiToken(open.db, c, t.token);
    expect(await lastUsed()).toEqual(c.now());
    const first = c.now();
    c.advance(59_999);
    await resolveApiToken(open.db, c, t.token);
    expect(await lastUsed()).toEqual(first);
    c.advance(1);
    await resolveApiToken(open.db, c, t.token);
    expect(await lastUsed()).toEqual(c.now());
  });
});
