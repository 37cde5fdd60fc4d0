// Creating a token: only from a browser session, within the role's scopes, with an audit entry that names the
// token and the mission but never the token itself or its name; at most MAX_ACTIVE_API_TOKENS active at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db.js';
import type { AccountActor } from '../../../kernel/authz.js';
import { sealAuditLog } from '../../../kernel/audit-seal.js';
import { verifyAuditLog } from '../../../kernel/audit-verify.js';
import { secretsFromKey } from '../../../kernel/secrets.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { AppError, errorCatalogue } from '../../../kernel/errors.js';
import { MAX_ACTIVE_API_TOKENS } from '../api-tokens.js';
import type { Role } from '../tables.js';
import { createAccount } from './create-account.js';
import { createApiToken } from './create-api-token.js';

describe('createApiToken', () => {
  let open: OpenDatabase;
  const clock = fixedClock('2026-03-02T09:00:00Z');
  let seq = 0;

  async function person(role: Role, organisation: string | null): Promise<AccountActor> {
    seq++;
    const { id } = await open.db
      .transaction()
      .execute((trx) =>
        createAccount(
          trx,
          clock,
          { id: null, label: 'test' },
          { email: `c${seq}@example.org`, displayName: `Person ${seq}`, role, organisation, password: 'a long enough password' },
        ),
      );
    return { kind: 'account', id, role, organisation, modules: [], via: { kind: 'session', sessionId: 's' } };
  }

  const create = (actor: AccountActor, raw: Parameters<typeof createApiToken>[3]) =>
    open.db.transaction().execute((trx) => createApiToken(trx, clock, actor, raw));

  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => {
    await open?.close();
  });

  it('stores the token with its expiry and records api_token.created with the mission and the token id', async () => {
    const actor = await person('focal_point', 'BRA');
    const created = await create(actor, { name: 'Mission sync', scopes: ['mission:write', 'me:read'], expiresInDays: 90 });
    expect(created.token).toMatch(/^rst_[A-Za-z0-9_-]{43}$/);
    expect(created.scopes).toEqual(['me:read', 'mission:write']);
    expect(created.expiresAt).toEqual(new Date('2026-05-31T09:00:00Z'));

    const row = await open.db.selectFrom('identity.api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      account_id: actor.id,
      name: 'Mission sync',
      scopes: ['me:read', 'mission:write'],
      last_used_at: null,
      revoked_at: null,
    });

    const entry = await open.db
      .selectFrom('kernel.audit_log')
      .selectAll()
      .where('action', '=', 'api_token.created')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_id: actor.id,
      actor_label: 'access focal point (BRA)',
      subject_type: 'api_token',
      subject_id: created.id,
    });
    expect(entry.data).toEqual({
      tokenId: created.id,
      mission: 'BRA',
      scopes: ['me:read', 'mission:write'],
      expiresAt: '2026-05-31T09:00:00.000Z',
    });
    const everything = JSON.stringify(entry);
    expect(everything).not.toContain(created.token.slice(4, 20));
    expect(everything).not.toContain('Mission sync');
    const { signing } = secretsFromKey(Buffer.alloc(32, 5));
    await sealAuditLog(open.db, clock, signing);
    expect(await verifyAuditLog(open.db, signing)).toMatchObject({ ok: true, awaitingSeal: 0 });
  });

  it('records mission null for staff of no mission', async () => {
    const actor = await person('secretariat', null);
    const created = await create(actor, { name: 'Calendar', scopes: ['debates:read'], expiresInDays: 7 });
    const entry = await open.db
      .selectFrom('kernel.audit_log')
      .select('data')
      .where('subject_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(entry.data).toMatchObject({ mission: null });
  });

  it('refuses a scope the role may not hold, and writes nothing', async () => {
    const actor = await person('delegate', 'BRA');
    await expect(create(actor, { name: 'x', scopes: ['mission:write'], expiresInDays: 90 })).rejects.toMatchObject({
      code: 'api_token.invalid',
    });
    const count = await open.db
      .selectFrom('identity.api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', actor.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses a token acting for its owner: tokens do not make tokens', async () => {
    const actor = await person('focal_point', 'BRA');
    const viaToken: AccountActor = {
      ...actor,
      via: { kind: 'token', tokenId: 't', scopes: ['me:read', 'debates:read', 'mission:read', 'mission:write'] },
    };
    await expect(create(viaToken, { name: 'x', scopes: ['me:read'], expiresInDays: 90 })).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(
      open.db
        .transaction()
        .execute((trx) => createApiToken(trx, clock, { kind: 'anonymous' }, { name: 'x', scopes: ['me:read'], expiresInDays: 1 })),
    ).rejects.toBeInstanceOf(AppError);
  });

  it(`allows ${MAX_ACTIVE_API_TOKENS} active tokens, not counting revoked or expired ones`, async () => {
    const actor = await person('delegate', 'BRA');
    for (let i = 0; i < MAX_ACTIVE_API_TOKENS; i++) await create(actor, { name: `t${i}`, scopes: ['me:read'], expiresInDays: 1 });
    await expect(create(actor, { name: 'one more', scopes: ['me:read'], expiresInDays: 1 })).rejects.toMatchObject({
      code: 'api_token.too_many',
    });
    expect(errorCatalogue['api_token.too_many'].message).toContain(`(${MAX_ACTIVE_API_TOKENS})`);
    const first = await open.db
      .selectFrom('identity.api_tokens')
      .select('id')
      .where('account_id', '=', actor.id)
      .where('name', '=', 't0')
      .executeTakeFirstOrThrow();
    await open.db.updateTable('identity.api_tokens').set({ revoked_at: clock.now() }).where('id', '=', first.id).execute();
    await create(actor, { name: 'replacement', scopes: ['me:read'], expiresInDays: 1 });
    clock.advance(86_400_000);
    await create(actor, { name: 'after the others expired', scopes: ['me:read'], expiresInDays: 1 });
    clock.set('2026-03-02T09:00:00Z');
  });
});
