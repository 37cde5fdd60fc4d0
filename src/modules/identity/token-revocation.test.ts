// API tokens live only as long as the credentials they came from: each way a person's credentials change or are
// taken away, as a table of cases, with a token made before it, checked by resolving the token afterwards, and the
// audit entry that says why.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSecrets } from '../../../test/app.js';
import { acting, auditEntries } from '../../../test/admin-fixtures.js';
import { testDatabase } from '../../../test/db.js';
import { fixedClock } from '../../kernel/clock.js';
import type { OpenDatabase, Transaction } from '../../kernel/db/database.js';
import { resolveApiToken } from './api-tokens.js';
import { changePassword } from './commands/change-password.js';
import { createApiToken } from './commands/create-api-token.js';
import { deactivateAccount } from './commands/deactivate-account.js';
import { endOtherSessions } from './commands/end-other-sessions.js';
import { grantModule } from './commands/grant-module.js';
import { resetMfa } from './commands/reset-mfa.js';
import { resetPassword } from './commands/reset-password.js';
import { revokeModule } from './commands/revoke-module.js';
import type { AuthDeps } from './commands/sign-in.js';
import { issueLink } from './links.js';
import { addAccount, type SignInAccount, type TestAccount } from '../../../test/accounts.js';

const clock = fixedClock('2026-12-01T09:00:00Z');
const settings = {
  session: { idleMinutes: 60, maxHours: 12 },
  mfaRequiredRoles: [],
  invitationHours: 72,
  resetLinkMinutes: 60,
  publicUrl: 'https://rostrum.example.org',
};

describe('tokens die with the credentials they came from', () => {
  let open: OpenDatabase;
  let deps: AuthDeps;
  let helpdesk: TestAccount;
  let focal: TestAccount;

  beforeAll(async () => {
    open = await testDatabase();
    deps = { db: open.db, clock, secrets: testSecrets, settings };
    helpdesk = await addAccount(open.db, clock, { hashed: false, role: 'helpdesk' });
    focal = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'BRA' });
  });
  afterAll(async () => open?.close());

  const tx = <T>(work: (trx: Transaction) => Promise<T>) => open.db.transaction().execute(work);

  /** A delegate of Brazil with the statements module, a session, and two tokens: one for statements, one to read who it is. */
  async function person(): Promise<{ account: SignInAccount; sessionId: string; statements: string; me: string }> {
    const account = await addAccount(open.db, clock, { role: 'delegate', mission: 'BRA' });
    await tx((trx) =>
      grantModule(
        trx,
        clock,
        acting(focal),
        { accountId: account.id, module: 'statements' },
        { publicUrl: settings.publicUrl, invitationHours: 72, resetLinkMinutes: 60 },
      ),
    );
    const sessionId = randomUUID().replace(/-/g, '').padEnd(64, '0');
    await open.db
      .insertInto('identity.sessions')
      .values({
        id: sessionId,
        account_id: account.id,
        stage: 'active',
        created_at: clock.now(),
        last_seen_at: clock.now(),
        expires_at: new Date(clock.now().getTime() + 3_600_000),
        ended_at: null,
        user_agent: null,
        address: null,
      })
      .execute();
    const actor = {
      kind: 'account' as const,
      id: account.id,
      role: account.role,
      organisation: 'BRA',
      modules: ['statements'],
      via: { kind: 'session' as const, sessionId },
    };
    const statements = (
      await tx((trx) =>
        createApiToken(trx, clock, actor, {
          name: 'Submission script',
          scopes: ['statements:write', 'statements:read'],
          expiresInDays: '365',
        }),
      )
    ).token;
    const me = (await tx((trx) => createApiToken(trx, clock, actor, { name: 'Who am I', scopes: ['me:read'], expiresInDays: '365' })))
      .token;
    return { account, sessionId, statements, me };
  }

  const works = async (token: string) => (await resolveApiToken(open.db, clock, token)).ok;

  it.each<
    [
      string,
      'password_changed' | 'password_reset' | 'other_sessions_ended' | 'mfa_reset' | 'deactivated' | 'module_revoked',
      (p: Awaited<ReturnType<typeof person>>) => Promise<unknown>,
      { statements: boolean; me: boolean },
    ]
  >([
    [
      'a password change',
      'password_changed',
      (p) =>
        changePassword(
          deps,
          { accountId: p.account.id, sessionId: p.sessionId },
          { current: p.account.password, password: 'a new passphrase for the test', confirmation: 'a new passphrase for the test' },
          {},
        ),
      { statements: false, me: false },
    ],
    [
      'a password reset by e-mailed link',
      'password_reset',
      async (p) => {
        const link = await tx((trx) =>
          issueLink(trx, clock, { accountId: p.account.id, purpose: 'password_reset', createdBy: null, ttlMinutes: 60 }),
        );
        return resetPassword(deps, link.token, { password: 'another new passphrase', confirmation: 'another new passphrase' });
      },
      { statements: false, me: false },
    ],
    [
      'signing out of every other session',
      'other_sessions_ended',
      (p) => tx((trx) => endOtherSessions(trx, clock, { accountId: p.account.id, sessionId: p.sessionId })),
      { statements: false, me: false },
    ],
    [
      'the help desk resetting the second factor',
      'mfa_reset',
      async (p) => {
        await open.db
          .insertInto('identity.mfa')
          .values({ account_id: p.account.id, secret: 'sealed', confirmed_at: clock.now(), last_step: null })
          .execute();
        return tx((trx) =>
          resetMfa(
            trx,
            clock,
            acting(helpdesk),
            { accountId: p.account.id },
            { publicUrl: settings.publicUrl, invitationHours: 72, resetLinkMinutes: 60 },
          ),
        );
      },
      { statements: false, me: false },
    ],
    [
      'deactivation',
      'deactivated',
      (p) => tx((trx) => deactivateAccount(trx, clock, acting(focal), { accountId: p.account.id })),
      { statements: false, me: false },
    ],
    // Only the tokens that used the module go with it.
    [
      'the statements module taken away',
      'module_revoked',
      (p) => tx((trx) => revokeModule(trx, clock, acting(focal), { accountId: p.account.id, module: 'statements' })),
      { statements: false, me: true },
    ],
  ])('%s revokes the tokens that depended on it, audited', async (_case, because, event, left) => {
    const p = await person();
    expect(await works(p.statements)).toBe(true);
    expect(await works(p.me)).toBe(true);
    await event(p);
    expect({ statements: await works(p.statements), me: await works(p.me) }).toEqual(left);
    const entries = (await auditEntries(open.db, 'api_token.revoked_with_credentials')).filter((e) => e.subject_id === p.account.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.data).toEqual({ mission: 'BRA', tokens: left.me ? 1 : 2, because });
  });

  it('writes no entry when there was no token to revoke', async () => {
    const bare = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
    await tx((trx) => deactivateAccount(trx, clock, acting(focal), { accountId: bare.id }));
    expect((await auditEntries(open.db, 'api_token.revoked_with_credentials')).filter((e) => e.subject_id === bare.id)).toEqual([]);
  });
});
