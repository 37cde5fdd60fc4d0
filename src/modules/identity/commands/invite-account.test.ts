import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db.js';
import { acting, auditEntries, fingerprint, mailTo } from '../../../../test/admin-fixtures.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import type { AdminMailSettings } from '../admin-mail.js';
import { checkLink } from '../links.js';
import { inviteAccount, resendInvitation } from './invite-account.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-03T14:00:00Z');
const settings: AdminMailSettings = { publicUrl: 'https://rostrum.example.org', invitationHours: 72, resetLinkMinutes: 60 };

describe('inviteAccount and resendInvitation', () => {
  let open: OpenDatabase;
  let focalBRA: TestAccount;
  let focalARG: TestAccount;
  let delegateBRA: TestAccount;
  let helpdesk: TestAccount;
  let secretariat: TestAccount;

  beforeAll(async () => {
    open = await testDatabase();
    focalBRA = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'BRA', name: 'Ana Focal' });
    focalARG = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'ARG' });
    delegateBRA = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
    helpdesk = await addAccount(open.db, clock, { hashed: false, role: 'helpdesk', name: 'Hal Desk' });
    secretariat = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
  });
  afterAll(async () => open?.close());

  const invite = (by: TestAccount, input: Parameters<typeof inviteAccount>[3]) =>
    open.db.transaction().execute((trx) => inviteAccount(trx, clock, acting(by), input, settings));

  it('lets a focal point invite a delegate of their own mission: no password, an invitation link, an e-mail, an audit entry', async () => {
    const { id } = await invite(focalBRA, {
      email: '  Maria.Silva@Itamaraty.example.org ',
      displayName: 'Maria Silva',
      role: 'delegate',
      mission: 'BRA',
    });
    const account = await open.db.selectFrom('identity.accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(account).toMatchObject({
      email: 'maria.silva@itamaraty.example.org',
      display_name: 'Maria Silva',
      role: 'delegate',
      organisation: 'BRA',
      password_hash: null,
      created_by: focalBRA.id,
      disabled_at: null,
    });

    const [mail] = await mailTo(open.db, 'maria.silva@itamaraty.example.org');
    expect(mail?.subject).toBe('Your invitation to Rostrum');
    expect(mail?.text_body).toContain('Ana Focal has invited you to Rostrum');
    expect(mail?.text_body).toContain('as a delegate of the Permanent Mission of Brazil to the United Nations');
    // 72 hours later, in New York time.
    expect(mail?.text_body).toContain('until 6 May 2021, 10 a.m. New York time (UTC−4)');
    const token = /https:\/\/rostrum\.example\.org\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail?.text_body ?? '')?.[1];
    expect(token).toBeDefined();
    const check = await open.db.transaction().execute((trx) => checkLink(trx, clock, token!, 'invitation'));
    expect(check).toEqual({ ok: true, accountId: id });

    const [entry] = await auditEntries(open.db, 'account.invited');
    expect(entry).toMatchObject({
      actor_id: focalBRA.id,
      actor_label: 'Ana Focal',
      subject_type: 'account',
      subject_id: id,
      data: { mission: 'BRA', role: 'delegate' },
    });
    expect(JSON.stringify(entry?.data)).not.toMatch(/maria|silva|@/i);
  });

  it('lets a focal point appoint another focal point of their own mission', async () => {
    const { id } = await invite(focalBRA, {
      email: 'second.focal@itamaraty.example.org',
      displayName: 'Second Focal',
      role: 'focal_point',
      mission: 'BRA',
    });
    expect(await open.db.selectFrom('identity.accounts').select(['role', 'organisation']).where('id', '=', id).executeTakeFirst()).toEqual({
      role: 'focal_point',
      organisation: 'BRA',
    });
  });

  it('lets the help desk create any mission’s focal point, and help desk and Secretariat staff', async () => {
    const first = await invite(helpdesk, {
      email: 'first.focal@mofa.example.org',
      displayName: 'First Focal',
      role: 'focal_point',
      mission: 'NER',
    });
    const staff = await invite(helpdesk, { email: 'officer@un.example.org', displayName: 'An Officer', role: 'secretariat', mission: '' });
    const desk = await invite(helpdesk, { email: 'desk2@un.example.org', displayName: 'Another Desk', role: 'helpdesk', mission: null });
    const rows = await open.db
      .selectFrom('identity.accounts')
      .select(['id', 'role', 'organisation'])
      .where('id', 'in', [first.id, staff.id, desk.id])
      .execute();
    expect(rows.map((r) => [r.role, r.organisation]).sort()).toEqual([
      ['focal_point', 'NER'],
      ['helpdesk', null],
      ['secretariat', null],
    ]);
    const mail = await mailTo(open.db, 'officer@un.example.org');
    expect(mail[0]?.text_body).toContain('as a Secretariat officer.');
  });

  it.each([
    ['a focal point, into another mission', () => focalBRA, { role: 'delegate', mission: 'ARG' }, 'account.invite_not_allowed'],
    ['a focal point, a help desk officer', () => focalBRA, { role: 'helpdesk', mission: null }, 'account.invite_not_allowed'],
    ['a focal point, a Secretariat officer', () => focalBRA, { role: 'secretariat', mission: null }, 'account.invite_not_allowed'],
    [
      'the help desk, a delegate (the focal point’s decision)',
      () => helpdesk,
      { role: 'delegate', mission: 'BRA' },
      'account.invite_not_allowed',
    ],
    ['a delegate, anyone', () => delegateBRA, { role: 'delegate', mission: 'BRA' }, 'auth.forbidden'],
    ['the Secretariat, anyone', () => secretariat, { role: 'secretariat', mission: null }, 'auth.forbidden'],
    ['the help desk, into a mission that does not exist', () => helpdesk, { role: 'focal_point', mission: 'XYZ' }, 'mission.not_found'],
    ['the help desk, a focal point without a mission', () => helpdesk, { role: 'focal_point', mission: null }, 'input.invalid'],
    ['the help desk, staff with a mission', () => helpdesk, { role: 'secretariat', mission: 'BRA' }, 'input.invalid'],
  ] as const)('refuses %s, and changes nothing', async (_what, who, input, code) => {
    const before = await fingerprint(open.db);
    await expect(invite(who(), { email: `new.${Math.random()}@example.org`, displayName: 'New Person', ...input })).rejects.toMatchObject({
      code,
    });
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('refuses an address already used, whatever its case, and a malformed one, changing nothing', async () => {
    const before = await fingerprint(open.db);
    await expect(
      invite(focalBRA, { email: focalARG.email.toUpperCase(), displayName: 'Someone', role: 'delegate', mission: 'BRA' }),
    ).rejects.toMatchObject({ code: 'account.email_taken' });
    await expect(
      invite(focalBRA, { email: 'not an address', displayName: 'Someone', role: 'delegate', mission: 'BRA' }),
    ).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(invite(focalBRA, { email: 'ok@example.org', displayName: 'X', role: 'delegate', mission: 'BRA' })).rejects.toMatchObject({
      code: 'input.invalid',
    });
    expect(await fingerprint(open.db)).toEqual(before);
  });

  describe('resendInvitation', () => {
    const resend = (by: TestAccount, accountId: string, mission?: string) =>
      open.db
        .transaction()
        .execute((trx) => resendInvitation(trx, clock, acting(by), { accountId, ...(mission ? { mission } : {}) }, settings));

    it('sends a new link and voids the earlier one', async () => {
      const pending = await addAccount(open.db, clock, {
        hashed: false,
        role: 'delegate',
        mission: 'BRA',
        invited: true,
        email: 'pending@itamaraty.example.org',
      });
      await resend(focalBRA, pending.id);
      const first = /invitations\/([A-Za-z0-9_-]{43})/.exec((await mailTo(open.db, pending.email))[0]?.text_body ?? '')?.[1];
      clock.advance(60_000);
      await resend(helpdesk, pending.id);
      const mails = await mailTo(open.db, pending.email);
      expect(mails).toHaveLength(2);
      expect(mails[1]?.subject).toBe('Your new invitation to Rostrum');
      const second = /invitations\/([A-Za-z0-9_-]{43})/.exec(mails[1]?.text_body ?? '')?.[1];
      await open.db.transaction().execute(async (trx) => {
        expect(await checkLink(trx, clock, first!, 'invitation')).toEqual({ ok: false, reason: 'used' });
        expect(await checkLink(trx, clock, second!, 'invitation')).toMatchObject({ ok: true });
      });
      const entries = await auditEntries(open.db, 'invitation.resent');
      expect(entries.map((e) => [e.actor_id, e.subject_id, e.data])).toEqual([
        [focalBRA.id, pending.id, { mission: 'BRA' }],
        [helpdesk.id, pending.id, { mission: 'BRA' }],
      ]);
    });

    it('refuses someone who already accepted, another mission’s person, a deactivated account, and a delegate, changing nothing', async () => {
      const pendingARG = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'ARG', invited: true });
      const pendingOff = await addAccount(open.db, clock, {
        hashed: false,
        role: 'delegate',
        mission: 'BRA',
        invited: true,
        disabled: true,
      });
      const before = await fingerprint(open.db);
      await expect(resend(focalBRA, delegateBRA.id)).rejects.toMatchObject({ code: 'account.invitation_accepted' });
      await expect(resend(focalBRA, pendingARG.id)).rejects.toMatchObject({ code: 'account.not_found' });
      await expect(resend(helpdesk, pendingARG.id, 'BRA')).rejects.toMatchObject({ code: 'account.not_found' });
      await expect(resend(focalBRA, pendingOff.id)).rejects.toMatchObject({ code: 'account.deactivated' });
      await expect(resend(delegateBRA, pendingOff.id)).rejects.toMatchObject({ code: 'auth.forbidden' });
      await expect(resend(focalBRA, 'not-a-uuid')).rejects.toMatchObject({ code: 'account.not_found' });
      expect(await fingerprint(open.db)).toEqual(before);
    });
  });
});
