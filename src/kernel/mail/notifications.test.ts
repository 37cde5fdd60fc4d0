// Notifications against a real database: one mail per event and account, whatever the retries; nothing when the
// transaction rolls back; a fan-out in batches that resumes where it stopped.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { fixedClock } from '../clock.js';
import type { OpenDatabase } from '../db/database.js';
import { queueNotification, queueNotificationsInBatches, type Notification } from './index.js';

const clock = fixedClock('2026-12-06T11:00:00.000Z');
const people = Array.from({ length: 5 }, (_, i) => ({ id: randomUUID(), email: `person${i}@mission.example.org` }));
const told = (event: string, person: { id: string; email: string }): Notification => ({
  event,
  accountId: person.id,
  mail: { to: [person.email], subject: `About ${event}`, text: `Dear person, ${event} happened.` },
});

describe('notifications', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => open?.close());
  beforeEach(async () => {
    await open.db.deleteFrom('kernel.notifications_sent').execute();
    await open.db.deleteFrom('kernel.jobs').execute();
    await open.db.deleteFrom('kernel.mail').execute();
  });

  const ledger = () =>
    open.db
      .selectFrom('kernel.notifications_sent')
      .select(['event', 'account_id', 'mail_id'])
      .orderBy('queued_at')
      .orderBy('event')
      .execute();
  const mails = () => open.db.selectFrom('kernel.mail').select(['id', 'recipients', 'subject']).orderBy('id').execute();
  const queue = (n: Notification) => open.db.transaction().execute((trx) => queueNotification(trx, clock, n));

  it.each([
    ['the same event to the same person again', 0, told('statement.accepted:r1', people[0]!)],
    ['the same event to another person', 1, told('statement.accepted:r1', people[1]!)],
    ['another event to the same person', 1, told('statement.accepted:r2', people[0]!)],
  ])('after a first notification, %s queues %i more', async (_case, more, next) => {
    expect(await queue(told('statement.accepted:r1', people[0]!))).toBe(true);
    expect(await queue(next)).toBe(more === 1);
    const rows = await ledger();
    expect(rows).toHaveLength(1 + more);
    const queued = await mails();
    expect(queued).toHaveLength(1 + more);
    // Each row names the mail it queued, and each mail its send job.
    expect(rows.map((r) => r.mail_id).sort()).toEqual(queued.map((m) => m.id).sort());
    expect(await open.db.selectFrom('kernel.jobs').select('kind').where('kind', '=', 'mail.send').execute()).toHaveLength(1 + more);
  });

  it('leaves neither the row nor the mail when the transaction rolls back, so the next attempt tells the person', async () => {
    await expect(
      open.db.transaction().execute(async (trx) => {
        await queueNotification(trx, clock, told('late_submission.allowed:g1', people[0]!));
        throw new Error('the grant failed');
      }),
    ).rejects.toThrow('the grant failed');
    expect(await ledger()).toEqual([]);
    expect(await mails()).toEqual([]);
    expect(await queue(told('late_submission.allowed:g1', people[0]!))).toBe(true);
  });

  it('fans out in batches, each committed on its own: a retry after a failure part-way tells only those not yet told', async () => {
    const all = people.map((p) => told('letter.issued:S/2021/442', p));
    // The fourth address is refused by the mailer: the first batch (two people) commits, the second rolls back whole.
    const broken = all.map((n, i) => (i === 3 ? { ...n, mail: { ...n.mail, to: ['not an address'] } } : n));
    await expect(queueNotificationsInBatches(open.db, clock, broken, 2)).rejects.toMatchObject({ code: 'mail.invalid' });
    expect((await ledger()).map((r) => r.account_id)).toEqual([people[0]!.id, people[1]!.id]);
    expect(await queueNotificationsInBatches(open.db, clock, all, 2)).toBe(3);
    expect(await queueNotificationsInBatches(open.db, clock, all, 2)).toBe(0);
    expect((await mails()).map((m) => m.recipients[0])).toEqual(people.map((p) => p.email));
  });
});
