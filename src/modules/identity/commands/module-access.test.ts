// grantModule and revokeModule: the mission's focal points decide who may submit statements for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db.js';
import { acting, auditEntries, fingerprint, mailTo } from '../../../../test/admin-fixtures.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import type { AdminMailSettings } from '../admin-mail.js';
import { createSession, resolveSession } from '../sessions.js';
import { grantModule } from './grant-module.js';
import { revokeModule } from './revoke-module.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-10T14:00:00Z');
const settings: AdminMailSettings = { publicUrl: 'https://rostrum.example.org', invitationHours: 72, resetLinkMinutes: 60 };
const sessionSettings = { idleMinutes: 60, maxHours: 12 };

describe('grantModule and revokeModule', () => {
  let open: OpenDatabase;
  let focal: TestAccount;
  let delegate: TestAccount;
  let otherFocal: TestAccount;
  let otherDelegate: TestAccount;
  let helpdesk: TestAccount;
  let secretariat: TestAccount;

  beforeAll(async () => {
    open = await testDatabase();
    focal = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'BRA', name: 'Ana Focal' });
    delegate = await addAccount(open.db, clock, {
      hashed: false,
      role: 'delegate',
      mission: 'BRA',
      name: 'Dora Delegate',
      email: 'dora@itamaraty.example.org',
    });
    otherFocal = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'ARG' });
    otherDelegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'ARG' });
    helpdesk = await addAccount(open.db, clock, { hashed: false, role: 'helpdesk' });
    secretariat = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
  });
  afterAll(async () => open?.close());

  const grant = (by: TestAccount, accountId: string, mission?: string) =>
    open.db
      .transaction()
      .execute((trx) =>
        grantModule(trx, clock, acting(by), { accountId, module: 'statements', ...(mission ? { mission } : {}) }, settings),
      );
  const revoke = (by: TestAccount, accountId: string) =>
    open.db.transaction().execute((trx) => revokeModule(trx, clock, acting(by), { accountId, module: 'statements' }));

  it('grants, tells the person, records it; the person’s session carries the module at once, and loses it at revocation', async () => {
    const { token } = await open.db.transaction().execute((trx) => createSession(trx, clock, sessionSettings, delegate.id, 'active', {}));
    expect(await resolveSession(open.db, clock, sessionSettings, token)).toMatchObject({ modules: [] });

    await grant(focal, delegate.id, 'BRA');
    const row = await open.db
      .selectFrom('identity.module_grants')
      .selectAll()
      .where('account_id', '=', delegate.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ module: 'statements', granted_by: focal.id, revoked_at: null });
    expect(await resolveSession(open.db, clock, sessionSettings, token)).toMatchObject({ kind: 'account', modules: ['statements'] });
    const [mail] = await mailTo(open.db, delegate.email);
    expect(mail?.subject).toBe('You can now submit statements in Rostrum');
    expect(mail?.text_body).toContain('Ana Focal, access focal point of the Permanent Mission of Brazil to the United Nations');
    expect((await auditEntries(open.db, 'module.granted')).map((e) => [e.actor_id, e.subject_id, e.data])).toEqual([
      [focal.id, delegate.id, { mission: 'BRA', module: 'statements' }],
    ]);

    clock.advance(1000);
    await revoke(focal, delegate.id);
    const after = await open.db
      .selectFrom('identity.module_grants')
      .selectAll()
      .where('account_id', '=', delegate.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ revoked_by: focal.id, revoked_at: clock.now() });
    expect(await resolveSession(open.db, clock, sessionSettings, token)).toMatchObject({ modules: [] });
    expect((await auditEntries(open.db, 'module.revoked')).map((e) => [e.actor_id, e.subject_id, e.data])).toEqual([
      [focal.id, delegate.id, { mission: 'BRA', module: 'statements' }],
    ]);

    // Granted again: a new row; the revoked one stays as history.
    await grant(focal, delegate.id);
    expect(await open.db.selectFrom('identity.module_grants').select('id').where('account_id', '=', delegate.id).execute()).toHaveLength(2);
  });

  it('lets a focal point grant themselves (within their mission), without an e-mail to themselves', async () => {
    const mails = (await mailTo(open.db, focal.email)).length;
    await grant(focal, focal.id);
    expect(
      await open.db
        .selectFrom('identity.module_grants')
        .select('id')
        .where('account_id', '=', focal.id)
        .where('revoked_at', 'is', null)
        .execute(),
    ).toHaveLength(1);
    expect(await mailTo(open.db, focal.email)).toHaveLength(mails);
  });

  it('grants someone who has not accepted their invitation yet, without a second e-mail', async () => {
    const pending = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA', invited: true });
    await grant(focal, pending.id);
    expect(await mailTo(open.db, pending.email)).toHaveLength(0);
  });

  it('refuses the wrong people and the wrong states, changing nothing', async () => {
    const disabled = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA', disabled: true });
    const fresh = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
    const before = await fingerprint(open.db);
    // Another mission's person: not found, whoever asks about them.
    await expect(grant(focal, otherDelegate.id)).rejects.toMatchObject({ code: 'account.not_found' });
    await expect(revoke(focal, otherDelegate.id)).rejects.toMatchObject({ code: 'account.not_found' });
    await expect(grant(otherFocal, fresh.id)).rejects.toMatchObject({ code: 'account.not_found' });
    // The mission in the address must be the person's.
    await expect(grant(focal, fresh.id, 'ARG')).rejects.toMatchObject({ code: 'account.not_found' });
    // Only focal points: not the help desk, the Secretariat or a delegate.
    await expect(grant(helpdesk, fresh.id)).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(grant(secretariat, fresh.id)).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(grant(delegate, fresh.id)).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(revoke(helpdesk, delegate.id)).rejects.toMatchObject({ code: 'auth.forbidden' });
    // States.
    await expect(grant(focal, disabled.id)).rejects.toMatchObject({ code: 'account.deactivated' });
    await expect(grant(focal, delegate.id)).rejects.toMatchObject({ code: 'module.already_granted' });
    await expect(revoke(focal, fresh.id)).rejects.toMatchObject({ code: 'module.not_granted' });
    await expect(grant(focal, 'no-such-id')).rejects.toMatchObject({ code: 'account.not_found' });
    await expect(grant(focal, '0b7b1d7e-2f1a-4c3e-9d55-1f2e3d4c5b6a')).rejects.toMatchObject({ code: 'account.not_found' });
    await expect(
      open.db
        .transaction()
        .execute((trx) => grantModule(trx, clock, acting(focal), { accountId: fresh.id, module: 'minutes' as never }, settings)),
    ).rejects.toMatchObject({ code: 'input.invalid' });
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('refuses a focal point whose session says another mission than the address (a stale actor), changing nothing', async () => {
    const fresh = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
    const before = await fingerprint(open.db);
    await expect(
      open.db
        .transaction()
        .execute((trx) => grantModule(trx, clock, acting(focal, { organisation: 'ARG' }), { accountId: fresh.id }, settings)),
    ).rejects.toMatchObject({ code: 'account.not_found' });
    expect(await fingerprint(open.db)).toEqual(before);
  });
});
