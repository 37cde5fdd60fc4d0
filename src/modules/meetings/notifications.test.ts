// The meetings module's notifications against a real database. A late submission allowed: the mission's focal points
// and its staff with access to statements, not another mission's, not those who turned it off or cannot act; the new
// deadline in New York time and the statement page; nothing when the grant rolls back; once per grant. The
// announcement letter issued: one job queued with the issue (none for a draft or a rolled-back issue), which tells
// the focal points of every mission that may submit, with the deadline and the links, each once per symbol.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting } from '../../../test/admin-fixtures.js';
import { testDatabase } from '../../../test/db.js';
import { addressesOf, grantStatements, notificationsSent, runQueuedJobs } from '../../../test/notification-fixtures.js';
import { demoDebate } from '../../demo/debate-2021-05.js';
import { fixedClock } from '../../kernel/clock.js';
import type { OpenDatabase, Transaction } from '../../kernel/db/database.js';
import { setNotificationPreferences } from '../identity/index.js';
import { addEligibleEntity } from './commands/eligible-entities.js';
import { createDebate } from './commands/create-debate.js';
import { generateAnnouncementLetter } from './commands/generate-letter.js';
import { grantLateSubmission, type GrantLateSubmissionInput } from './commands/grant-late-submission.js';
import { revokeLateSubmission } from './commands/revoke-late-submission.js';
import { notifyLateSubmissionAllowed, notifyLetterIssuedJob, NOTIFY_LETTER_ISSUED } from './notifications.js';
import { addAccount, type TestAccount } from '../../../test/accounts.js';

const slug = demoDebate.slug;
const settings = { publicUrl: 'https://rostrum.example' };
const system = { id: null, label: 'test' };
// The afternoon of the meeting day (24 May 2021, 4 p.m. in New York): the deadline is still to come.
const clock = fixedClock('2021-05-24T20:00:00Z');
const ALL_ON = { late_submission_allowed: true, statement_accepted: true, compilation_issued: true, letter_issued: true };

describe('notifications of the meetings module', () => {
  let open: OpenDatabase;
  let officer: TestAccount;
  let debateId: string;
  const people: Record<string, TestAccount> = {};
  const tx = <T>(fn: (trx: Transaction) => Promise<T>): Promise<T> => open.db.transaction().execute(fn);
  const grant = (over: Partial<GrantLateSubmissionInput> = {}) =>
    tx((trx) =>
      grantLateSubmission(
        trx,
        clock,
        acting(officer),
        { debate: slug, delegation: 'BRA', until: '2021-05-25T10:00', reason: 'The mission’s connection failed.', ...over },
        settings,
      ),
    );
  const letter = (issue: boolean) =>
    tx((trx) =>
      generateAnnouncementLetter(trx, clock, system, slug, { issue, platform: 'the Rostrum platform', symbol: { kind: 'counter' } }),
    );
  const letterJobs = () =>
    open.db.selectFrom('kernel.jobs').select(['payload', 'status']).where('kind', '=', NOTIFY_LETTER_ISSUED).orderBy('id').execute();
  const job = notifyLetterIssuedJob(settings);

  beforeAll(async () => {
    open = await testDatabase();
    officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
    debateId = (await tx((trx) => createDebate(trx, clock, system, demoDebate))).id;
    const add = async (key: string, o: Parameters<typeof addAccount>[2], access = false) => {
      people[key] = await addAccount(open.db, clock, { ...o, hashed: false, email: `${key}@example.org` });
      if (access) await grantStatements(open.db, clock, people[key]!);
    };
    await add('fp.bra', { role: 'focal_point', mission: 'BRA' });
    await add('fp.bra.quiet', { role: 'focal_point', mission: 'BRA' });
    await add('fp.bra.disabled', { role: 'focal_point', mission: 'BRA', disabled: true });
    await add('del.bra.access', { role: 'delegate', mission: 'BRA' }, true);
    await add('del.bra.none', { role: 'delegate', mission: 'BRA' });
    await add('fp.arg', { role: 'focal_point', mission: 'ARG' });
    await add('fp.arg.quiet', { role: 'focal_point', mission: 'ARG' });
    await add('del.arg.access', { role: 'delegate', mission: 'ARG' }, true);
    // China sits on the Council in May 2021: it may not submit. The European Union may once the Secretariat adds it.
    await add('fp.chn', { role: 'focal_point', mission: 'CHN' });
    await add('fp.eu', { role: 'focal_point', mission: 'eu' });
    await tx((trx) => setNotificationPreferences(trx, clock, people['fp.bra.quiet']!.id, { ...ALL_ON, late_submission_allowed: false }));
    await tx((trx) => setNotificationPreferences(trx, clock, people['fp.arg.quiet']!.id, { ...ALL_ON, letter_issued: false }));
  });
  afterAll(async () => open?.close());

  describe('a late submission allowed', () => {
    let grantId: string;
    beforeAll(async () => {
      ({ id: grantId } = await grant());
    });

    it.each([
      ['a focal point of the mission', 'fp.bra', true],
      ['a delegate of the mission with access to statements', 'del.bra.access', true],
      ['a focal point who turned this notification off', 'fp.bra.quiet', false],
      ['a deactivated focal point', 'fp.bra.disabled', false],
      ['a delegate without access to statements', 'del.bra.none', false],
      ['a focal point of another mission', 'fp.arg', false],
      ['a delegate of another mission with access', 'del.arg.access', false],
      ['the officer who allowed it', null, false],
    ])('reaches %s (%s): %s', async (_who, key, told) => {
      const email = key === null ? officer.email : `${key}@example.org`;
      expect(addressesOf(await notificationsSent(open.db, `late_submission.allowed:${grantId}`)).includes(email)).toBe(told);
    });

    it('states the new deadline in New York time, the mission and the debate, with the statement page, one mail per person', async () => {
      const sent = await notificationsSent(open.db, `late_submission.allowed:${grantId}`);
      expect(sent.map((s) => s.to.length)).toEqual([1, 1]);
      expect(addressesOf(sent)).toEqual(['del.bra.access@example.org', 'fp.bra@example.org']);
      const mail = sent.find((s) => s.to[0] === 'fp.bra@example.org')!;
      expect(mail.subject).toBe('Late submission allowed for the open debate of Monday, 24 May 2021');
      expect(mail.text).toContain(`Dear ${people['fp.bra']!.name},`);
      expect(mail.text).toContain(
        'allowed the Permanent Mission of Brazil to the United Nations to submit its written statement after the deadline',
      );
      expect(mail.text).toContain(`“${demoDebate.theme}”`);
      expect(mail.text).toContain('until Tuesday, 25 May 2021, 10 a.m. New York time (UTC−4).');
      expect(mail.text).toContain(`https://rostrum.example/debates/${slug}/statement`);
      // The Secretariat's reason is its own record, not the mission's mail.
      expect(mail.text).not.toContain('connection failed');
    });

    it('tells no one twice of the same grant, and tells again of a new grant after a revocation', async () => {
      const before = await notificationsSent(open.db, 'late_submission.allowed:');
      const again = await tx((trx) =>
        notifyLateSubmissionAllowed(trx, clock, settings, {
          grantId,
          debateId,
          mission: { code: 'BRA', name: 'Brazil' },
          until: new Date('2021-05-25T14:00:00Z'),
        }),
      );
      expect(again).toBe(0);
      expect(await notificationsSent(open.db, 'late_submission.allowed:')).toEqual(before);
      await tx((trx) => revokeLateSubmission(trx, clock, acting(officer), { debate: slug, delegation: 'BRA' }));
      const { id } = await grant({ until: '2021-05-25T14:30' });
      const renewed = await notificationsSent(open.db, `late_submission.allowed:${id}`);
      expect(addressesOf(renewed)).toEqual(['del.bra.access@example.org', 'fp.bra@example.org']);
      expect(renewed[0]?.text).toContain('until Tuesday, 25 May 2021, 2.30 p.m. New York time (UTC−4).');
    });

    it('mails no one when the grant is refused or its transaction rolls back', async () => {
      const before = await notificationsSent(open.db);
      const mails = await open.db.selectFrom('kernel.mail').select('id').execute();
      await expect(grant({ delegation: 'ARG', until: '2021-05-24T10:00' })).rejects.toMatchObject({
        code: 'late_grant.until_not_after_deadline',
      });
      await expect(
        tx(async (trx) => {
          await grantLateSubmission(
            trx,
            clock,
            acting(officer),
            { debate: slug, delegation: 'ARG', until: '2021-05-25T10:00', reason: 'A reason.' },
            settings,
          );
          throw new Error('something after the grant failed');
        }),
      ).rejects.toThrow('something after the grant failed');
      expect(await notificationsSent(open.db)).toEqual(before);
      expect(await open.db.selectFrom('kernel.mail').select('id').execute()).toEqual(mails);
    });
  });

  describe('the announcement letter issued', () => {
    it('queues nothing for a draft, nor for an issue rolled back', async () => {
      await letter(false);
      await expect(
        tx(async (trx) => {
          await generateAnnouncementLetter(trx, clock, system, slug, {
            issue: true,
            platform: 'the Rostrum platform',
            symbol: { kind: 'counter' },
          });
          throw new Error('something after the issue failed');
        }),
      ).rejects.toThrow('something after the issue failed');
      expect(await letterJobs()).toEqual([]);
      expect(await runQueuedJobs(open.db, clock, job)).toBe(0);
      expect(await notificationsSent(open.db, 'letter.issued:')).toEqual([]);
    });

    describe('once issued', () => {
      let symbol: string;
      beforeAll(async () => {
        symbol = (await letter(true)).symbol!;
        expect(await runQueuedJobs(open.db, clock, job)).toBe(1);
      });

      it('was one job, queued with the issue, naming the debate and the symbol', async () => {
        expect(await letterJobs()).toEqual([{ payload: { debateId, symbol }, status: 'done' }]);
      });

      it.each([
        ['a focal point of a mission that may submit', 'fp.bra', true],
        ['the focal point of another mission that may submit', 'fp.arg', true],
        ['a focal point who turned this notification off', 'fp.arg.quiet', false],
        ['a deactivated focal point', 'fp.bra.disabled', false],
        ['a delegate, even with access to statements', 'del.bra.access', false],
        ['the focal point of a Council member', 'fp.chn', false],
        ['the focal point of an entity not added to the debate', 'fp.eu', false],
      ])('reaches %s (%s): %s', async (_who, key, told) => {
        expect(addressesOf(await notificationsSent(open.db, `letter.issued:${symbol}`)).includes(`${key}@example.org`)).toBe(told);
      });

      it('states the symbol, the deadline in New York time and the links', async () => {
        const mail = (await notificationsSent(open.db, `letter.issued:${symbol}`)).find((s) => s.to[0] === 'fp.arg@example.org')!;
        expect(mail.subject).toBe(
          `Open debate of Monday, 24 May 2021 announced (${symbol}): written statements due by Monday, 24 May 2021`,
        );
        expect(mail.text).toContain(`Dear ${people['fp.arg']!.name},`);
        expect(mail.text).toContain(
          `on the theme “${demoDebate.theme}”, to be held on Monday, 24 May 2021, has been issued as document ${symbol}:`,
        );
        expect(mail.text).toContain(
          'The Permanent Mission of Argentina to the United Nations may submit a written statement. Statements are due by Monday, 24 ' +
            'May 2021, 11.59 p.m. New York time (UTC−4).',
        );
        for (const path of ['/letter', '', '/statement'])
          expect(mail.text.split('\n')).toContain(`https://rostrum.example/debates/${slug}${path}`);
      });

      it('tells no one twice: the job run again, the letter issued again under its symbol', async () => {
        const before = await notificationsSent(open.db, 'letter.issued:');
        await open.db.updateTable('kernel.jobs').set({ status: 'queued' }).where('kind', '=', NOTIFY_LETTER_ISSUED).execute();
        expect(await runQueuedJobs(open.db, clock, job)).toBe(1);
        expect((await letter(true)).symbol).toBe(symbol);
        expect(await runQueuedJobs(open.db, clock, job)).toBe(1);
        expect(await notificationsSent(open.db, 'letter.issued:')).toEqual(before);
      });

      it('tells a mission added to the debate when the letter is issued again, and only it', async () => {
        const before = await notificationsSent(open.db, 'letter.issued:');
        await tx((trx) => addEligibleEntity(trx, clock, { id: officer.id, label: 'officer' }, { slug, mission: 'eu' }));
        await letter(true);
        expect(await runQueuedJobs(open.db, clock, job)).toBe(1);
        const added = (await notificationsSent(open.db, 'letter.issued:')).slice(before.length);
        expect(added.map((s) => s.to)).toEqual([['fp.eu@example.org']]);
        expect(added[0]?.text).toContain('The Delegation of the European Union to the United Nations may submit a written statement.');
      });
    });
  });
});
