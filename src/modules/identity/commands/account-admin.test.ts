// Deactivation and reactivation (focal points and the help desk), and the help desk's tools: unlock sign-in,
// reset two-step verification, send a sign-in link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db.js';
import { acting, actorFor, auditEntries, fingerprint, mailTo } from '../../../../test/admin-fixtures.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase, Transaction } from '../../../kernel/db/database.js';
import type { AdminMailSettings } from '../admin-mail.js';
import { checkLink, issueLink } from '../links.js';
import { resolveApiToken } from '../api-tokens.js';
import { createSession, resolveSession } from '../sessions.js';
import { createApiToken } from './create-api-token.js';
import { deactivateAccount } from './deactivate-account.js';
import { issueSignInLink } from './issue-sign-in-link.js';
import { reactivateAccount } from './reactivate-account.js';
import { resetMfa } from './reset-mfa.js';
import { unlockSignIn } from './unlock-sign-in.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-10T14:00:00Z');
const settings: AdminMailSettings = { publicUrl: 'https://rostrum.example.org', invitationHours: 72, resetLinkMinutes: 60 };
const sessionSettings = { idleMinutes: 60, maxHours: 12 };

describe('account administration', () => {
  let open: OpenDatabase;
  let focal: TestAccount;
  let otherFocal: TestAccount;
  let helpdesk: TestAccount;
  let secretariat: TestAccount;

  beforeAll(async () => {
    open = await testDatabase();
    focal = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'BRA', name: 'Ana Focal' });
    otherFocal = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'ARG' });
    helpdesk = await addAccount(open.db, clock, { hashed: false, role: 'helpdesk', name: 'Hal Desk' });
    secretariat = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
  });
  afterAll(async () => open?.close());

  const tx = <T>(fn: (trx: Transaction) => Promise<T>): Promise<T> => open.db.transaction().execute(fn);
  const session = (accountId: string) => tx((trx) => createSession(trx, clock, sessionSettings, accountId, 'active', {}));

  describe('deactivateAccount and reactivateAccount', () => {
    it('deactivates: disabled, every session ended, unused links void, recorded; reactivation restores sign-in', async () => {
      const delegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
      const a = await session(delegate.id);
      const b = await session(delegate.id);
      const link = await tx((trx) =>
        issueLink(trx, clock, { accountId: delegate.id, purpose: 'password_reset', createdBy: null, ttlMinutes: 60 }),
      );
      const token = await tx((trx) =>
        createApiToken(trx, clock, actorFor(delegate, { via: { kind: 'session', sessionId: a.id } }), {
          name: 'Mission system',
          scopes: ['me:read'],
          expiresInDays: '30',
        }),
      );
      const { sessionsEnded } = await tx((trx) => deactivateAccount(trx, clock, acting(focal), { accountId: delegate.id, mission: 'BRA' }));
      expect(sessionsEnded).toBe(2);
      expect(
        (await open.db.selectFrom('identity.accounts').select('disabled_at').where('id', '=', delegate.id).executeTakeFirstOrThrow())
          .disabled_at,
      ).toEqual(clock.now());
      expect(await resolveSession(open.db, clock, sessionSettings, a.token)).toBeUndefined();
      expect(await resolveSession(open.db, clock, sessionSettings, b.token)).toBeUndefined();
      expect(await tx((trx) => checkLink(trx, clock, link.token, 'password_reset'))).toEqual({ ok: false, reason: 'used' });
      // Its API token is revoked, and stays revoked after reactivation.
      expect(await resolveApiToken(open.db, clock, token.token)).toEqual({ ok: false, reason: 'revoked' });
      expect((await auditEntries(open.db, 'account.deactivated')).at(-1)).toMatchObject({
        actor_id: focal.id,
        subject_id: delegate.id,
        data: { mission: 'BRA', sessionsEnded: 2 },
      });

      await tx((trx) => reactivateAccount(trx, clock, acting(focal), { accountId: delegate.id }));
      expect(
        (await open.db.selectFrom('identity.accounts').select('disabled_at').where('id', '=', delegate.id).executeTakeFirstOrThrow())
          .disabled_at,
      ).toBeNull();
      const c = await session(delegate.id);
      expect(await resolveSession(open.db, clock, sessionSettings, c.token)).toMatchObject({ kind: 'account', id: delegate.id });
      expect((await auditEntries(open.db, 'account.reactivated')).at(-1)).toMatchObject({
        actor_id: focal.id,
        subject_id: delegate.id,
        data: { mission: 'BRA' },
      });
      expect(await resolveApiToken(open.db, clock, token.token)).toEqual({ ok: false, reason: 'revoked' });
    });

    it('lets the help desk deactivate anyone but itself, staff included (mission null in the log)', async () => {
      const officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
      await tx((trx) => deactivateAccount(trx, clock, acting(helpdesk), { accountId: officer.id }));
      expect((await auditEntries(open.db, 'account.deactivated')).at(-1)).toMatchObject({
        subject_id: officer.id,
        data: { mission: null, sessionsEnded: 0 },
      });
      await tx((trx) => reactivateAccount(trx, clock, acting(helpdesk), { accountId: officer.id }));
    });

    it('lets a focal point deactivate another focal point of the mission', async () => {
      const second = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'BRA' });
      await tx((trx) => deactivateAccount(trx, clock, acting(focal), { accountId: second.id }));
      expect(
        (await open.db.selectFrom('identity.accounts').select('disabled_at').where('id', '=', second.id).executeTakeFirstOrThrow())
          .disabled_at,
      ).not.toBeNull();
    });

    it('refuses oneself, another mission’s people, the wrong roles and the wrong states, changing nothing', async () => {
      const delegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
      const disabled = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA', disabled: true });
      const argDelegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'ARG' });
      await session(delegate.id);
      const before = await fingerprint(open.db);
      const deactivate = (by: TestAccount, accountId: string, mission?: string) =>
        tx((trx) => deactivateAccount(trx, clock, acting(by), { accountId, ...(mission ? { mission } : {}) }));
      const reactivate = (by: TestAccount, accountId: string) => tx((trx) => reactivateAccount(trx, clock, acting(by), { accountId }));
      await expect(deactivate(focal, focal.id)).rejects.toMatchObject({ code: 'account.self' });
      await expect(deactivate(helpdesk, helpdesk.id)).rejects.toMatchObject({ code: 'account.self' });
      await expect(deactivate(focal, argDelegate.id)).rejects.toMatchObject({ code: 'account.not_found' });
      await expect(deactivate(otherFocal, delegate.id)).rejects.toMatchObject({ code: 'account.not_found' });
      await expect(deactivate(focal, delegate.id, 'ARG')).rejects.toMatchObject({ code: 'account.not_found' });
      await expect(deactivate(focal, helpdesk.id)).rejects.toMatchObject({ code: 'account.not_found' });
      await expect(deactivate(secretariat, delegate.id)).rejects.toMatchObject({ code: 'auth.forbidden' });
      await expect(deactivate(delegate, disabled.id)).rejects.toMatchObject({ code: 'auth.forbidden' });
      await expect(deactivate(focal, disabled.id)).rejects.toMatchObject({ code: 'account.already_deactivated' });
      await expect(reactivate(focal, delegate.id)).rejects.toMatchObject({ code: 'account.already_active' });
      await expect(reactivate(otherFocal, disabled.id)).rejects.toMatchObject({ code: 'account.not_found' });
      await expect(reactivate(secretariat, disabled.id)).rejects.toMatchObject({ code: 'auth.forbidden' });
      expect(await fingerprint(open.db)).toEqual(before);
    });
  });

  describe('unlockSignIn', () => {
    it(
      'clears the failures counted for the account’s address (any case), from every network address, leaves network addresses alone, ' +
        'and records it',
      async () => {
        const person = await addAccount(open.db, clock, {
          hashed: false,
          role: 'delegate',
          mission: 'BRA',
          email: 'Locked.Out@Mission.example.org',
        });
        await open.db
          .insertInto('identity.sign_in_throttle')
          .values([
            {
              key: 'pair:locked.out@mission.example.org|192.0.2.1',
              failures: 0,
              window_start: clock.now(),
              locked_until: new Date(clock.now().getTime() + 15 * 60_000),
              last_attempt_at: null,
            },
            {
              key: 'pair:locked.out@mission.example.org|192.0.2.2',
              failures: 2,
              window_start: clock.now(),
              locked_until: null,
              last_attempt_at: null,
            },
            {
              key: 'account:locked.out@mission.example.org',
              failures: 12,
              window_start: clock.now(),
              locked_until: null,
              last_attempt_at: clock.now(),
            },
            // Another address's pair whose e-mail address starts the same way is another account's.
            {
              key: 'pair:locked.out@mission.example.org.evil|192.0.2.1',
              failures: 1,
              window_start: clock.now(),
              locked_until: null,
              last_attempt_at: null,
            },
            { key: 'address:192.0.2.1', failures: 3, window_start: clock.now(), locked_until: null, last_attempt_at: null },
          ])
          .execute();
        expect(await tx((trx) => unlockSignIn(trx, clock, acting(helpdesk), { accountId: person.id }))).toEqual({ cleared: true });
        expect((await open.db.selectFrom('identity.sign_in_throttle').select('key').orderBy('key').execute()).map((r) => r.key)).toEqual([
          'address:192.0.2.1',
          'pair:locked.out@mission.example.org.evil|192.0.2.1',
        ]);
        expect((await auditEntries(open.db, 'signin.unlocked')).at(-1)).toMatchObject({
          actor_id: helpdesk.id,
          subject_id: person.id,
          data: { mission: 'BRA', cleared: true },
        });
        // Nothing to clear: still fine, and said so.
        expect(await tx((trx) => unlockSignIn(trx, clock, acting(helpdesk), { accountId: person.id }))).toEqual({ cleared: false });
      },
    );

    it('is the help desk’s alone', async () => {
      const person = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
      const before = await fingerprint(open.db);
      for (const by of [focal, secretariat, otherFocal])
        await expect(tx((trx) => unlockSignIn(trx, clock, acting(by), { accountId: person.id }))).rejects.toMatchObject({
          code: 'auth.forbidden',
        });
      await expect(
        tx((trx) => unlockSignIn(trx, clock, acting(helpdesk), { accountId: '7c1d8f8e-0000-4000-8000-000000000000' })),
      ).rejects.toMatchObject({ code: 'account.not_found' });
      expect(await fingerprint(open.db)).toEqual(before);
    });
  });

  describe('resetMfa', () => {
    it('removes the authenticator and the recovery codes, ends the sessions, tells the person, records it', async () => {
      const person = await addAccount(open.db, clock, {
        hashed: false,
        role: 'focal_point',
        mission: 'BRA',
        email: 'lost.phone@itamaraty.example.org',
      });
      await open.db
        .insertInto('identity.mfa')
        .values({ account_id: person.id, secret: 'encrypted', confirmed_at: clock.now(), last_step: null })
        .execute();
      await open.db
        .insertInto('identity.recovery_codes')
        .values(['a', 'b'].map((c) => ({ account_id: person.id, code_hash: c.repeat(64), used_at: null })))
        .execute();
      const s = await session(person.id);
      expect(await tx((trx) => resetMfa(trx, clock, acting(helpdesk), { accountId: person.id }, settings))).toEqual({ sessionsEnded: 1 });
      expect(await open.db.selectFrom('identity.mfa').select('account_id').where('account_id', '=', person.id).execute()).toEqual([]);
      expect(
        await open.db.selectFrom('identity.recovery_codes').select('account_id').where('account_id', '=', person.id).execute(),
      ).toEqual([]);
      expect(await resolveSession(open.db, clock, sessionSettings, s.token)).toBeUndefined();
      const [mail] = await mailTo(open.db, person.email);
      expect(mail?.subject).toBe('Your two-step verification for Rostrum was reset');
      expect(mail?.text_body).toContain('https://rostrum.example.org/sign-in');
      expect((await auditEntries(open.db, 'mfa.reset')).at(-1)).toMatchObject({
        actor_id: helpdesk.id,
        subject_id: person.id,
        data: { mission: 'BRA', sessionsEnded: 1 },
      });
    });

    it('refuses an account without two-step verification, one’s own, and anyone but the help desk, changing nothing', async () => {
      const person = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
      const enrolled = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
      await open.db
        .insertInto('identity.mfa')
        .values({ account_id: enrolled.id, secret: 'x', confirmed_at: clock.now(), last_step: null })
        .execute();
      await open.db
        .insertInto('identity.mfa')
        .values({ account_id: helpdesk.id, secret: 'x', confirmed_at: clock.now(), last_step: null })
        .execute();
      const before = await fingerprint(open.db);
      await expect(tx((trx) => resetMfa(trx, clock, acting(helpdesk), { accountId: person.id }, settings))).rejects.toMatchObject({
        code: 'mfa.nothing_to_reset',
      });
      await expect(tx((trx) => resetMfa(trx, clock, acting(helpdesk), { accountId: helpdesk.id }, settings))).rejects.toMatchObject({
        code: 'account.self',
      });
      await expect(tx((trx) => resetMfa(trx, clock, acting(focal), { accountId: enrolled.id }, settings))).rejects.toMatchObject({
        code: 'auth.forbidden',
      });
      await expect(tx((trx) => resetMfa(trx, clock, acting(secretariat), { accountId: enrolled.id }, settings))).rejects.toMatchObject({
        code: 'auth.forbidden',
      });
      expect(await fingerprint(open.db)).toEqual(before);
    });
  });

  describe('issueSignInLink', () => {
    it('e-mails a single-use password-reset link valid RESET_LINK_MINUTES, and records it', async () => {
      const person = await addAccount(open.db, clock, {
        hashed: false,
        role: 'delegate',
        mission: 'BRA',
        email: 'forgot@itamaraty.example.org',
      });
      await tx((trx) => issueSignInLink(trx, clock, acting(helpdesk), { accountId: person.id }, settings));
      const [mail] = await mailTo(open.db, person.email);
      expect(mail?.subject).toBe('Your sign-in link for Rostrum');
      expect(mail?.text_body).toContain('until 10 May 2021, 11 a.m. New York time (UTC−4)');
      const token = /https:\/\/rostrum\.example\.org\/password\/reset\/([A-Za-z0-9_-]{43})/.exec(mail?.text_body ?? '')?.[1];
      expect(await tx((trx) => checkLink(trx, clock, token!, 'password_reset'))).toEqual({ ok: true, accountId: person.id });
      clock.advance(60 * 60_000);
      expect(await tx((trx) => checkLink(trx, clock, token!, 'password_reset'))).toEqual({ ok: false, reason: 'expired' });
      expect((await auditEntries(open.db, 'signin_link.issued')).at(-1)).toMatchObject({
        actor_id: helpdesk.id,
        subject_id: person.id,
        data: { mission: 'BRA' },
      });
    });

    it('refuses a pending invitation, a deactivated account, one’s own, and anyone but the help desk, changing nothing', async () => {
      const pending = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA', invited: true });
      const disabled = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA', disabled: true });
      const person = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
      const before = await fingerprint(open.db);
      const send = (by: TestAccount, accountId: string) => tx((trx) => issueSignInLink(trx, clock, acting(by), { accountId }, settings));
      await expect(send(helpdesk, pending.id)).rejects.toMatchObject({ code: 'account.invitation_pending' });
      await expect(send(helpdesk, disabled.id)).rejects.toMatchObject({ code: 'account.deactivated' });
      await expect(send(helpdesk, helpdesk.id)).rejects.toMatchObject({ code: 'account.self' });
      await expect(send(focal, person.id)).rejects.toMatchObject({ code: 'auth.forbidden' });
      await expect(send(secretariat, person.id)).rejects.toMatchObject({ code: 'auth.forbidden' });
      expect(await fingerprint(open.db)).toEqual(before);
    });
  });
});
