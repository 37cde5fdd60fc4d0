// Deadline reminders: when they are due, whom they reach (focal points of eligible delegations that have not
// submitted), and that they are never sent twice, for a moved deadline, or after the deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { demoDebate } from '../../demo/debate-2021-05.js';
import { fixedClock, type Clock } from '../../kernel/clock.js';
import type { OpenDatabase } from '../../kernel/db/database.js';
import type { JobContext } from '../../kernel/jobs/index.js';
import { createDebate } from './commands/create-debate.js';
import { updateDebate } from './commands/update-debate.js';
import { reminderTime, sendRemindersJob, SEND_REMINDERS } from './reminders.js';
import { addAccount } from '../../../test/accounts.js';

const system = { id: null, label: 'test' };
const silent = { info() {}, warn() {}, error() {} };

describe('reminderTime', () => {
  const deadline = new Date('2021-05-25T03:59:59.999Z');
  it.each([
    ['48 hours before', 48, '2021-05-20T12:00:00Z', '2021-05-23T03:59:59.999Z'],
    ['now, when that time has passed', 48, '2021-05-24T12:00:00Z', '2021-05-24T12:00:00.000Z'],
    ['none after the deadline', 48, '2021-05-25T04:00:00Z', undefined],
    ['none at the deadline itself', 1, '2021-05-25T03:59:59.999Z', undefined],
    ['none when switched off', null, '2021-05-20T12:00:00Z', undefined],
  ] as const)('%s', (_name, hours, now, expected) => {
    expect(reminderTime(deadline, hours, new Date(now))?.toISOString()).toBe(expected);
  });
});

describe('the reminder job', () => {
  let open: OpenDatabase;
  let debateId: string;
  const created = fixedClock('2021-05-20T12:00:00Z');
  const submitted = new Set<string>();
  const job = sendRemindersJob({ submitted: async () => submitted, publicUrl: 'https://rostrum.example' });
  const ctx = (clock: Clock): JobContext => ({ db: open.db, clock, log: silent, attempt: 1, jobId: 1 });
  const mails = () => open.db.selectFrom('kernel.mail').select(['recipients', 'subject', 'text_body']).orderBy('id').execute();
  const queued = () =>
    open.db.selectFrom('kernel.jobs').select(['payload', 'run_at']).where('kind', '=', SEND_REMINDERS).orderBy('id').execute();

  beforeAll(async () => {
    open = await testDatabase();
    debateId = (await open.db.transaction().execute((trx) => createDebate(trx, created, system, demoDebate))).id;
    // Eligible, not submitted: Brazil (two focal points), Chile (deactivated focal point only), and a delegate of Argentina.
    await addAccount(open.db, created, { hashed: false, role: 'focal_point', mission: 'BRA', email: 'fp1.bra@example.org' });
    await addAccount(open.db, created, { hashed: false, role: 'focal_point', mission: 'BRA', email: 'fp2.bra@example.org' });
    await addAccount(open.db, created, { hashed: false, role: 'focal_point', mission: 'CHL', email: 'fp.chl@example.org', disabled: true });
    await addAccount(open.db, created, { hashed: false, role: 'delegate', mission: 'ARG', email: 'delegate.arg@example.org' });
    // Eligible, already submitted: Argentina's focal point. On the Council that day: China.
    await addAccount(open.db, created, { hashed: false, role: 'focal_point', mission: 'ARG', email: 'fp.arg@example.org' });
    await addAccount(open.db, created, { hashed: false, role: 'focal_point', mission: 'CHN', email: 'fp.chn@example.org' });
    // Invited, not yet accepted: no password yet.
    await addAccount(open.db, created, { hashed: false, role: 'focal_point', mission: 'PER', email: 'fp.per@example.org', invited: true });
    submitted.add('ARG');
  });
  afterAll(async () => open?.close());

  it('is queued with the debate, 48 hours before its deadline', async () => {
    const jobs = await queued();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.payload).toEqual({ debateId, deadline: '2021-05-25T03:59:59.999Z' });
    expect(jobs[0]?.run_at).toEqual(new Date('2021-05-23T03:59:59.999Z'));
  });

  it('mails the focal points of eligible delegations that have not submitted, and no one else', async () => {
    await job.handler({ debateId, deadline: '2021-05-25T03:59:59.999Z' }, ctx(fixedClock('2021-05-23T04:00:00Z')));
    const sent = await mails();
    expect(sent.map((m) => m.recipients)).toEqual([['fp1.bra@example.org', 'fp2.bra@example.org']]);
    expect(sent[0]?.subject).toBe(
      'Reminder: written statements for the open debate of Monday, 24 May 2021 are due by Monday, 24 May 2021, 11.59 p.m. New York ' +
        'time (UTC−4)',
    );
    expect(sent[0]?.text_body).toContain('The Permanent Mission of Brazil to the United Nations has not yet submitted');
    expect(sent[0]?.text_body).toContain(`https://rostrum.example/debates/${demoDebate.slug}`);
    const audit = await open.db.selectFrom('kernel.audit_log').select('data').where('action', '=', 'debate.reminders_sent').execute();
    expect(audit.map((a) => a.data)).toEqual([
      { debate: demoDebate.slug, deadline: '2021-05-25T03:59:59.999Z', delegations: 1, recipients: 2 },
    ]);
  });

  it('never sends twice for the same deadline', async () => {
    await job.handler({ debateId, deadline: '2021-05-25T03:59:59.999Z' }, ctx(fixedClock('2021-05-23T05:00:00Z')));
    expect(await mails()).toHaveLength(1);
  });

  it('does nothing after the deadline', async () => {
    await open.db.deleteFrom('meetings.reminders_sent').execute();
    await job.handler({ debateId, deadline: '2021-05-25T03:59:59.999Z' }, ctx(fixedClock('2021-05-25T04:00:00Z')));
    expect(await mails()).toHaveLength(1);
  });

  it('does nothing for a deadline that was moved, and queues the reminder of the new one', async () => {
    const version = (await open.db.selectFrom('meetings.debates').select('version').where('id', '=', debateId).executeTakeFirstOrThrow())
      .version;
    const { slug: _slug, ...rest } = demoDebate;
    await open.db
      .transaction()
      .execute((trx) => updateDebate(trx, created, system, demoDebate.slug, { ...rest, submissionDeadline: '2021-05-26T18:00', version }));
    await job.handler({ debateId, deadline: '2021-05-25T03:59:59.999Z' }, ctx(fixedClock('2021-05-23T06:00:00Z')));
    expect(await mails()).toHaveLength(1);
    expect((await queued()).at(-1)?.payload).toEqual({ debateId, deadline: '2021-05-26T22:00:00.000Z' });
  });
});
