// grantLateSubmission and revokeLateSubmission against a real database: Secretariat only, refusals change
// nothing, the audit entries land in the mission's trail, and the window the submission rules read follows.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, auditEntries, fingerprint } from '../../../../test/admin-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase, Transaction } from '../../../kernel/db/database.js';
import { missionAuditTrail } from '../../delegations/index.js';
import { describeEntry } from '../../delegations/web/labels.js';
import { lateGrantsOf, loadSubmissionWindow } from '../db.js';
import { submissionDecision } from '../domain/submission-window.js';
import { createDebate } from './create-debate.js';
import { grantLateSubmission, type GrantLateSubmissionInput } from './grant-late-submission.js';
import { revokeLateSubmission } from './revoke-late-submission.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const slug = demoDebate.slug;
// The afternoon of the meeting day (24 May 2021, 4 p.m. in New York): the deadline is still to come.
const clock = fixedClock('2021-05-24T20:00:00Z');

const TABLES = ['meetings.debates', 'meetings.late_grants', 'kernel.audit_log'] as const;

describe('late submissions', () => {
  let open: OpenDatabase;
  let secretariat: TestAccount;
  let otherOfficer: TestAccount;
  let helpdesk: TestAccount;
  let focal: TestAccount;
  let delegate: TestAccount;
  let debateId: string;

  beforeAll(async () => {
    open = await testDatabase();
    secretariat = await addAccount(open.db, clock, { hashed: false, role: 'secretariat', name: 'Sam Officer' });
    otherOfficer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat', name: 'Other Officer' });
    helpdesk = await addAccount(open.db, clock, { hashed: false, role: 'helpdesk' });
    focal = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'BRA' });
    delegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
    ({ id: debateId } = await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate)));
    // A debate the week the clocks go forward in New York: Saturday 13 March 2021, deadline the end of that day.
    await open.db
      .transaction()
      .execute((trx) =>
        createDebate(
          trx,
          clock,
          { id: null, label: 'test' },
          { ...demoDebate, slug: 'march', startsAt: '2021-03-13T10:00', submissionsOpenAt: '2021-03-01T09:00' },
        ),
      );
  });
  afterAll(async () => open?.close());

  const tx = <T>(fn: (trx: Transaction) => Promise<T>): Promise<T> => open.db.transaction().execute(fn);
  const grant = (by: TestAccount, over: Partial<GrantLateSubmissionInput> = {}, at = clock) =>
    tx((trx) =>
      grantLateSubmission(
        trx,
        at,
        acting(by),
        { debate: slug, delegation: 'BRA', until: '2021-05-25T10:00', reason: 'The mission’s connection failed at 11 p.m.', ...over },
        { publicUrl: 'https://rostrum.example' },
      ),
    );
  const revoke = (by: TestAccount, delegation = 'BRA', at = clock) =>
    tx((trx) => revokeLateSubmission(trx, at, acting(by), { debate: slug, delegation }));
  const decide = async (delegation: string, iso: string) => {
    const loaded = await loadSubmissionWindow(open.db, slug);
    if (!loaded) throw new Error('no debate');
    return submissionDecision(loaded.window, delegation, new Date(iso), { action: 'submit' });
  };

  it('refuses everyone but the Secretariat, changing nothing', async () => {
    const before = await fingerprint(open.db, TABLES);
    for (const who of [helpdesk, focal, delegate]) {
      await expect(grant(who)).rejects.toMatchObject({ code: 'auth.forbidden' });
      await expect(revoke(who)).rejects.toMatchObject({ code: 'auth.forbidden' });
    }
    // judged by the actor as signed in, not by the account's row
    await expect(
      tx((trx) =>
        grantLateSubmission(
          trx,
          clock,
          acting(secretariat, { role: 'delegate', organisation: 'BRA' }),
          { debate: slug, delegation: 'BRA', until: '2021-05-25T10:00', reason: 'A reason' },
          { publicUrl: 'https://rostrum.example' },
        ),
      ),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
    // refused before the input is even read
    await expect(grant(focal, { reason: '' })).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });

  it('grants until a time in the debate’s zone, with the reason kept in the table and out of the log', async () => {
    const { id, until } = await grant(secretariat, { delegation: 'BRA', until: '2021-05-25T10:00' });
    expect(until.toISOString()).toBe('2021-05-25T14:00:00.000Z');
    const row = await open.db.selectFrom('meetings.late_grants').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      debate_id: debateId,
      delegation: 'BRA',
      until,
      reason: 'The mission’s connection failed at 11 p.m.',
      granted_at: clock.now(),
      granted_by: secretariat.id,
      revoked_at: null,
      revoked_by: null,
    });

    const entry = (await auditEntries(open.db, 'late_submission.granted')).at(-1);
    expect(entry).toMatchObject({
      actor_id: secretariat.id,
      actor_label: 'Sam Officer',
      subject_type: 'debate',
      subject_id: debateId,
      data: { mission: 'BRA', debate: slug, grantId: id, until: '2021-05-25T14:00:00.000Z' },
    });
    expect(JSON.stringify(entry?.data)).not.toContain('connection');

    // in Brazil's trail, in plain words
    const [latest] = await missionAuditTrail(open.db, 'BRA', 1);
    expect(latest?.action).toBe('late_submission.granted');
    expect(latest && describeEntry(latest, new Map())).toBe(
      `Allowed a late statement for the debate ${slug}, until 25 May 2021, 10 a.m. New York time (UTC−4)`,
    );

    // what the submission rules now read: Brazil until 10 a.m. the next day, Argentina at the regular deadline
    expect(await decide('BRA', '2021-05-25T04:00:00.000Z')).toEqual({ allowed: true, basis: 'late_grant', until });
    expect(await decide('BRA', '2021-05-25T14:00:00.001Z')).toMatchObject({ allowed: false, reason: 'closed' });
    expect(await decide('ARG', '2021-05-25T04:00:00.000Z')).toEqual({
      allowed: false,
      reason: 'closed',
      closedAt: new Date('2021-05-25T03:59:59.999Z'),
    });
  });

  it('refuses bad grants with a clear code, changing nothing', async () => {
    const before = await fingerprint(open.db, TABLES);
    const cases: [Partial<GrantLateSubmissionInput>, string][] = [
      [{ reason: '  ok ' }, 'input.invalid'],
      [{ reason: 'x'.repeat(1001) }, 'input.invalid'],
      [{ until: '25 May 2021 10:00' }, 'input.invalid'],
      [{ delegation: 'not a code' }, 'input.invalid'],
      [{ debate: 'no-such-debate' }, 'debate.not_found'],
      [{ delegation: 'XXX' }, 'mission.not_found'],
      [{ delegation: 'ARG', until: '2021-02-29T10:00' }, 'input.time_does_not_exist'],
      // the deadline is 11.59 p.m. and 59.999 seconds: the minute 11.59 p.m. itself is not after it
      [{ delegation: 'ARG', until: '2021-05-24T23:59' }, 'late_grant.until_not_after_deadline'],
      [{ delegation: 'ARG', until: '2021-05-24T18:00' }, 'late_grant.until_not_after_deadline'],
      // Brazil already has one
      [{ delegation: 'BRA', until: '2021-05-25T12:00' }, 'late_grant.already_granted'],
    ];
    for (const [over, code] of cases) await expect(grant(secretariat, over), JSON.stringify(over)).rejects.toMatchObject({ code });
    // a time already past when granted
    await expect(
      grant(secretariat, { delegation: 'ARG', until: '2021-05-25T10:00' }, fixedClock('2021-05-25T14:00:00Z')),
    ).rejects.toMatchObject({ code: 'late_grant.until_passed' });
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });

  it('refuses a time skipped when the clocks go forward, saying so, and takes the hour after', async () => {
    const march = (until: string) => grant(secretariat, { debate: 'march', delegation: 'ARG', until }, fixedClock('2021-03-13T20:00:00Z'));
    const err = await march('2021-03-14T02:30').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'input.time_does_not_exist', status: 400 });
    expect((err as { detail: string }).detail).toContain('that night the clocks go forward from 2 a.m. to 3 a.m.');
    const { until } = await march('2021-03-14T03:30');
    expect(until.toISOString()).toBe('2021-03-14T07:30:00.000Z');
  });

  it('revokes, keeping the row and recording it in the trail; a new grant may follow', async () => {
    const [current] = (await lateGrantsOf(open.db, debateId)).filter((g) => g.delegation === 'BRA' && g.revoked_at === null);
    if (!current) throw new Error('Brazil should hold a grant');
    const later = fixedClock('2021-05-25T08:00:00Z');
    const { id } = await revoke(otherOfficer, 'BRA', later);
    expect(id).toBe(current.id);
    const row = await open.db.selectFrom('meetings.late_grants').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ revoked_at: later.now(), revoked_by: otherOfficer.id, reason: current.reason, until: current.until });
    expect((await auditEntries(open.db, 'late_submission.revoked')).at(-1)).toMatchObject({
      actor_id: otherOfficer.id,
      subject_type: 'debate',
      subject_id: debateId,
      data: { mission: 'BRA', debate: slug, grantId: id },
    });
    const [latest] = await missionAuditTrail(open.db, 'BRA', 1);
    expect(latest && describeEntry(latest, new Map())).toBe(`Withdrew the permission to submit late for the debate ${slug}`);

    // before the revocation the grant counted; from it, Brazil has the regular deadline
    expect(await decide('BRA', '2021-05-25T07:59:59.999Z')).toMatchObject({ allowed: true, basis: 'late_grant' });
    expect(await decide('BRA', '2021-05-25T08:00:00.000Z')).toEqual({
      allowed: false,
      reason: 'closed',
      closedAt: new Date('2021-05-25T03:59:59.999Z'),
    });

    // nothing left to revoke: refused, nothing changed
    const before = await fingerprint(open.db, TABLES);
    await expect(revoke(secretariat, 'BRA', later)).rejects.toMatchObject({ code: 'late_grant.not_granted' });
    await expect(revoke(secretariat, 'ARG', later)).rejects.toMatchObject({ code: 'late_grant.not_granted' });
    await expect(
      tx((trx) => revokeLateSubmission(trx, later, acting(secretariat), { debate: 'no-such-debate', delegation: 'BRA' })),
    ).rejects.toMatchObject({ code: 'debate.not_found' });
    expect(await fingerprint(open.db, TABLES)).toEqual(before);

    // a new grant: the history keeps both
    const { until } = await grant(secretariat, { until: '2021-05-25T12:00' }, later);
    expect(await decide('BRA', '2021-05-25T09:00:00.000Z')).toEqual({ allowed: true, basis: 'late_grant', until });
    const history = (await lateGrantsOf(open.db, debateId)).filter((g) => g.delegation === 'BRA');
    expect(history.filter((g) => g.revoked_at === null)).toHaveLength(1);
    expect(history.length).toBeGreaterThanOrEqual(2);
  });

  it('is constrained by the table: one current grant per delegation, a reason of 3 to 1000 characters', async () => {
    const row = (over: Record<string, unknown>) => ({
      id: randomUUID(),
      debate_id: debateId,
      delegation: 'FRA',
      until: new Date('2021-05-25T14:00:00Z'),
      reason: 'A reason',
      granted_at: clock.now(),
      granted_by: secretariat.id,
      revoked_at: null,
      revoked_by: null,
      ...over,
    });
    await open.db.insertInto('meetings.late_grants').values(row({})).execute();
    await expect(open.db.insertInto('meetings.late_grants').values(row({})).execute()).rejects.toThrow(/late_grants_current/);
    await open.db
      .insertInto('meetings.late_grants')
      .values(row({ revoked_at: clock.now(), revoked_by: secretariat.id }))
      .execute();
    await expect(
      open.db
        .insertInto('meetings.late_grants')
        .values(row({ delegation: 'DEU', reason: 'no' }))
        .execute(),
    ).rejects.toThrow(/check/i);
    await expect(
      open.db
        .insertInto('meetings.late_grants')
        .values(row({ delegation: 'DEU', revoked_at: clock.now() }))
        .execute(),
    ).rejects.toThrow(/check/i);
    await expect(
      open.db
        .insertInto('meetings.late_grants')
        .values(row({ delegation: 'ZZZ' }))
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });
});
