// Revoking a token: only one's own (another's is "not found"), from a browser session, with an audit entry;
// a second revocation changes and records nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db.js';
import type { AccountActor } from '../../../kernel/authz.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { resolveApiToken } from '../api-tokens.js';
import type { Role } from '../tables.js';
import { createAccount } from './create-account.js';
import { createApiToken } from './create-api-token.js';
import { revokeApiToken } from './revoke-api-token.js';

describe('revokeApiToken', () => {
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
          { email: `r${seq}@example.org`, displayName: `Person ${seq}`, role, organisation, password: 'a long enough password' },
        ),
      );
    return { kind: 'account', id, role, organisation, modules: [], via: { kind: 'session', sessionId: 's' } };
  }
  const newToken = (actor: AccountActor) =>
    open.db.transaction().execute((trx) => createApiToken(trx, clock, actor, { name: 'Script', scopes: ['me:read'], expiresInDays: 30 }));
  const revoke = (actor: AccountActor, id: string) => open.db.transaction().execute((trx) => revokeApiToken(trx, clock, actor, id));
  const revocations = async (id: string) =>
    (
      await open.db
        .selectFrom('kernel.audit_log')
        .selectAll()
        .where('action', '=', 'api_token.revoked')
        .where('subject_id', '=', id)
        .execute()
    ).length;

  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => {
    await open?.close();
  });

  it('revokes the token at once, and records api_token.revoked with the mission and the token id', async () => {
    const actor = await person('delegate', 'BRA');
    const t = await newToken(actor);
    expect((await resolveApiToken(open.db, clock, t.token)).ok).toBe(true);
    expect(await revoke(actor, t.id)).toEqual({ revoked: true });
    expect(await resolveApiToken(open.db, clock, t.token)).toEqual({ ok: false, reason: 'revoked' });
    const entry = await open.db
      .selectFrom('kernel.audit_log')
      .selectAll()
      .where('action', '=', 'api_token.revoked')
      .where('subject_id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: actor.id, subject_type: 'api_token' });
    expect(entry.data).toEqual({ tokenId: t.id, mission: 'BRA' });
  });

  it('does nothing the second time', async () => {
    const actor = await person('helpdesk', null);
    const t = await newToken(actor);
    await revoke(actor, t.id);
    expect(await revoke(actor, t.id.toUpperCase())).toEqual({ revoked: false });
    expect(await revocations(t.id)).toBe(1);
  });

  it('answers "not found" for another person’s token and for an id that is no token, and leaves them alone', async () => {
    const owner = await person('delegate', 'BRA');
    const other = await person('focal_point', 'BRA');
    const t = await newToken(owner);
    await expect(revoke(other, t.id)).rejects.toMatchObject({ code: 'api_token.not_found' });
    await expect(revoke(other, 'not-a-uuid')).rejects.toMatchObject({ code: 'api_token.not_found' });
    await expect(revoke(other, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'api_token.not_found' });
    expect((await resolveApiToken(open.db, clock, t.token)).ok).toBe(true);
    expect(await revocations(t.id)).toBe(0);
  });

  it('is refused to a token, even its own', async () => {
    const actor = await person('delegate', 'BRA');
    const t = await newToken(actor);
    await expect(revoke({ ...actor, via: { kind: 'token', tokenId: t.id, scopes: ['me:read'] } }, t.id)).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
  });
});
