// A statement accepted on the review desk, against a real database: the person who submitted it and the mission's
// focal points are told (not another mission's, not those who turned it off or cannot act, not the officer), with the
// receipt, the debate and the statement page; nothing when the decision rolls back; once per revision, however many
// times it is accepted. A return is not a notification: it reaches even those who turned notifications off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, mailTo } from '../../../test/admin-fixtures.js';
import { submitStatement } from '../../../test/compilation-fixtures.js';
import { testDatabase } from '../../../test/db.js';
import { addressesOf, grantStatements, notificationsSent } from '../../../test/notification-fixtures.js';
import { demoDebate } from '../../demo/debate-2021-05.js';
import { fixedClock } from '../../kernel/clock.js';
import type { OpenDatabase } from '../../kernel/db/database.js';
import { setNotificationPreferences } from '../identity/index.js';
import { createDebate } from '../meetings/index.js';
import { reviewStatement } from './commands/review-statement.js';
import { addAccount, type TestAccount } from '../../../test/accounts.js';

const slug = demoDebate.slug;
const clock = fixedClock('2021-05-20T15:00:00Z');
const settings = { publicUrl: 'https://rostrum.example' };
const ALL_OFF = { late_submission_allowed: false, statement_accepted: false, compilation_issued: false, letter_issued: false };

describe('a statement accepted', () => {
  let open: OpenDatabase;
  let officer: TestAccount;
  const people: Record<string, TestAccount> = {};
  const revisions: Record<string, string> = {};
  const decide = (code: string, decision: 'accepted' | 'returned') =>
    open.db
      .transaction()
      .execute((trx) =>
        reviewStatement(
          trx,
          clock,
          acting(officer),
          { slug, delegation: code, revisionId: revisions[code]!, decision, reason: 'Sign the cover letter.' },
          settings,
        ),
      );
  const submitterOf = async (code: string) =>
    (
      await open.db
        .selectFrom('statements.revisions as r')
        .innerJoin('identity.accounts as a', 'a.id', 'r.created_by')
        .select('a.email')
        .where('r.id', '=', revisions[code]!)
        .executeTakeFirstOrThrow()
    ).email;

  beforeAll(async () => {
    open = await testDatabase();
    officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat', email: 'officer@un.example.org' });
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    const add = async (key: string, o: Parameters<typeof addAccount>[2]) => {
      people[key] = await addAccount(open.db, clock, { ...o, hashed: false, email: `${key}@example.org` });
    };
    await add('fp.bra', { role: 'focal_point', mission: 'BRA' });
    await add('fp.bra.quiet', { role: 'focal_point', mission: 'BRA' });
    await add('fp.bra.disabled', { role: 'focal_point', mission: 'BRA', disabled: true });
    await add('del.bra.access', { role: 'delegate', mission: 'BRA' });
    await add('fp.arg', { role: 'focal_point', mission: 'ARG' });
    await add('fp.arg.quiet', { role: 'focal_point', mission: 'ARG' });
    await grantStatements(open.db, clock, people['del.bra.access']!);
    await open.db
      .transaction()
      .execute((trx) => setNotificationPreferences(trx, clock, people['fp.bra.quiet']!.id, { ...ALL_OFF, letter_issued: true }));
    await open.db.transaction().execute((trx) => setNotificationPreferences(trx, clock, people['fp.arg.quiet']!.id, ALL_OFF));
    revisions.BRA = await submitStatement(open.db, clock, slug, 'BRA', ['The statement of Brazil.']);
    revisions.ARG = await submitStatement(open.db, clock, slug, 'ARG', ['The statement of Argentina.']);
  });
  afterAll(async () => open?.close());

  it('mails no one when the decision’s transaction rolls back', async () => {
    await expect(
      open.db.transaction().execute(async (trx) => {
        await reviewStatement(
          trx,
          clock,
          acting(officer),
          { slug, delegation: 'BRA', revisionId: revisions.BRA!, decision: 'accepted' },
          settings,
        );
        throw new Error('something after the decision failed');
      }),
    ).rejects.toThrow('something after the decision failed');
    expect(await notificationsSent(open.db, 'statement.accepted:')).toEqual([]);
  });

  describe('once accepted', () => {
    beforeAll(async () => decide('BRA', 'accepted'));

    it.each([
      ['the person who submitted it', 'submitter', true],
      ['a focal point of the mission', 'fp.bra', true],
      ['a focal point who turned this notification off', 'fp.bra.quiet', false],
      ['a deactivated focal point', 'fp.bra.disabled', false],
      ['a delegate of the mission who did not submit it', 'del.bra.access', false],
      ['a focal point of another mission', 'fp.arg', false],
      ['the officer who accepted it', 'officer', false],
    ])('reaches %s (%s): %s', async (_who, key, told) => {
      const email = key === 'submitter' ? await submitterOf('BRA') : key === 'officer' ? officer.email : `${key}@example.org`;
      expect(addressesOf(await notificationsSent(open.db, `statement.accepted:${revisions.BRA}`)).includes(email)).toBe(told);
    });

    it('names the mission, the receipt and the debate, with the statement page', async () => {
      const revision = await open.db
        .selectFrom('statements.revisions')
        .select('receipt_reference')
        .where('id', '=', revisions.BRA!)
        .executeTakeFirstOrThrow();
      const mail = (await notificationsSent(open.db, `statement.accepted:${revisions.BRA}`)).find((s) => s.to[0] === 'fp.bra@example.org')!;
      expect(mail.subject).toBe(`Statement accepted: ${demoDebate.theme}`);
      expect(mail.text).toContain(`Dear ${people['fp.bra']!.name},`);
      expect(mail.text).toContain(
        `The Secretariat has accepted the written statement of the Permanent Mission of Brazil to the United Nations (receipt ` +
          `${revision.receipt_reference}) for the Security Council open debate on the theme “${demoDebate.theme}”, held on Monday, 24 May ` +
          `2021.`,
      );
      expect(mail.text.split('\n')).toContain(`https://rostrum.example/debates/${slug}/statement`);
    });

    it('tells no one twice when the same revision is accepted again', async () => {
      const before = await notificationsSent(open.db, 'statement.accepted:');
      await decide('BRA', 'accepted');
      expect(await notificationsSent(open.db, 'statement.accepted:')).toEqual(before);
    });
  });

  it('sends a return to everyone concerned, as before, whatever they chose: it is not a notification', async () => {
    await decide('ARG', 'returned');
    expect(await notificationsSent(open.db, `statement.accepted:${revisions.ARG}`)).toEqual([]);
    for (const email of ['fp.arg@example.org', 'fp.arg.quiet@example.org', await submitterOf('ARG')]) {
      expect(
        (await mailTo(open.db, email)).map((m) => m.subject),
        email,
      ).toContain(`Statement returned for correction: ${demoDebate.theme}`);
    }
    const returned = (await mailTo(open.db, 'fp.arg.quiet@example.org')).find((m) => m.subject.startsWith('Statement returned'));
    expect(returned?.text_body).toContain('Sign the cover letter.');
    expect(returned?.text_body).toContain(`from the statement page: https://rostrum.example/debates/${slug}/statement`);
  });
});
