// createDebate and the submission window's columns: defaults, daylight-saving days, refusals that write nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../../test/admin-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock, type Clock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import type { CreateDebateInput } from '../domain/debate-input.js';
import { createDebate } from './create-debate.js';
import { updateDebate } from './update-debate.js';

const clock = fixedClock('2021-05-01T12:00:00Z');
const system = { id: null, label: 'test' };

const TABLES = ['meetings.debates', 'meetings.briefers', 'meetings.contacts', 'meetings.late_grants', 'kernel.audit_log'] as const;

describe('createDebate: the submission window', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => open?.close());

  const create = (over: Partial<CreateDebateInput>, at: Clock = clock) =>
    open.db.transaction().execute((trx) => createDebate(trx, at, system, { ...demoDebate, ...over }));
  const window = (slug: string) =>
    open.db
      .selectFrom('meetings.debates')
      .select(['submissions_open_at', 'submission_deadline', 'modification_deadline', 'grace_minutes'])
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();

  it('stores the defaults: deadline at the end of the meeting day in New York, no modification deadline, no grace', async () => {
    await create({});
    expect(await window(demoDebate.slug)).toEqual({
      submissions_open_at: new Date('2021-05-05T13:00:00.000Z'),
      submission_deadline: new Date('2021-05-25T03:59:59.999Z'),
      modification_deadline: null,
      grace_minutes: 0,
    });
  });

  it('stores a modification deadline and grace as given', async () => {
    await create({
      slug: 'with-window',
      submissionDeadline: '2021-05-24T18:00',
      modificationDeadline: '2021-05-26T12:00',
      graceMinutes: 15,
    });
    expect(await window('with-window')).toEqual({
      submissions_open_at: new Date('2021-05-05T13:00:00.000Z'),
      submission_deadline: new Date('2021-05-24T22:00:00.000Z'),
      modification_deadline: new Date('2021-05-26T16:00:00.000Z'),
      grace_minutes: 15,
    });
  });

  it.each([
    ['dst-spring', '2021-03-14T10:00', '2021-03-14T14:00:00.000Z', '2021-03-15T03:59:59.999Z'],
    ['dst-fall', '2021-11-07T10:00', '2021-11-07T15:00:00.000Z', '2021-11-08T04:59:59.999Z'],
  ])('%s: a meeting at %s New York starts at %s and closes at %s', async (slug, startsAt, start, deadline) => {
    await create({ slug, startsAt, submissionsOpenAt: '2021-03-01T09:00' });
    const row = await open.db
      .selectFrom('meetings.debates')
      .select(['starts_at', 'submission_deadline'])
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    expect(row.starts_at.toISOString()).toBe(start);
    expect(row.submission_deadline.toISOString()).toBe(deadline);
  });

  it.each([
    [
      'a time skipped by the clocks',
      { startsAt: '2021-03-15T10:00', submissionsOpenAt: '2021-03-01T09:00', submissionDeadline: '2021-03-14T02:30' },
      'does not exist in New York time',
    ],
    ['a date that does not exist', { submissionDeadline: '2021-02-29T10:00' }, 'is not a real date and time'],
    ['a deadline before the opening', { submissionDeadline: '2021-05-04T18:00' }, 'must be after the opening of submissions'],
    ['a modification deadline before the deadline', { modificationDeadline: '2021-05-24T12:00' }, 'is before the submission deadline'],
    ['grace beyond a day', { graceMinutes: 1441 }, 'graceMinutes'],
  ] as const)('refuses %s with input.invalid, naming the problem, and writes nothing', async (_what, over, words) => {
    const before = await fingerprint(open.db, TABLES);
    const err = await create({ ...over, slug: 'refused' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'input.invalid', status: 400 });
    expect((err as { detail: string }).detail).toContain(words);
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });

  it('leaves nothing behind when it fails after its first write (one transaction)', async () => {
    const before = await fingerprint(open.db, TABLES);
    // The audit entry takes the time last: failing there comes after the debate, briefers and contacts were written.
    let calls = 0;
    const failing: Clock = {
      now: () => {
        calls++;
        if (calls > 1) throw new Error('clock failure');
        return clock.now();
      },
    };
    await expect(create({ slug: 'half-way' }, failing)).rejects.toThrow('clock failure');
    expect(calls).toBe(2);
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });

  it('is refused by the table too: modification before the deadline, grace out of range', async () => {
    const id = (await open.db.selectFrom('meetings.debates').select('id').where('slug', '=', demoDebate.slug).executeTakeFirstOrThrow()).id;
    const set = (values: { modification_deadline?: Date; grace_minutes?: number }) =>
      open.db.updateTable('meetings.debates').set(values).where('id', '=', id).execute();
    await expect(set({ modification_deadline: new Date('2021-05-25T03:59:59.998Z') })).rejects.toThrow(
      /debates_modification_after_deadline/,
    );
    await expect(set({ grace_minutes: -1 })).rejects.toThrow(/check/i);
    await expect(set({ grace_minutes: 1441 })).rejects.toThrow(/check/i);
    await set({ modification_deadline: new Date('2021-05-25T03:59:59.999Z'), grace_minutes: 1440 });
  });

  it('takes the presiding State from the meeting’s month: China for the demo debate, Latvia in November 2026', async () => {
    const presiding = (slug: string) =>
      open.db.selectFrom('meetings.debates').select('presiding_state').where('slug', '=', slug).executeTakeFirstOrThrow();
    expect(await presiding(demoDebate.slug)).toEqual({ presiding_state: 'CHN' });
    await create({ slug: 'latvia-presides', startsAt: '2026-11-12T10:00', submissionsOpenAt: '2026-11-01T09:00' });
    expect(await presiding('latvia-presides')).toEqual({ presiding_state: 'LVA' });
    // The meeting day is read in the debate's zone: 11 p.m. on 30 November in New York is still Latvia's month.
    await create({ slug: 'late-in-november', startsAt: '2026-11-30T23:00', submissionsOpenAt: '2026-11-01T09:00' });
    expect(await presiding('late-in-november')).toEqual({ presiding_state: 'LVA' });
  });

  it.each([
    ['before the data', '2019-11-12T10:00', '2019-11-01T09:00', 'November 2019'],
    ['after the data', '2027-01-12T10:00', '2027-01-01T09:00', 'January 2027'],
  ])(
    'refuses a month the Council data does not cover (%s) with debate.no_council_data, and writes nothing',
    async (_when, startsAt, submissionsOpenAt, month) => {
      const before = await fingerprint(open.db, TABLES);
      const err = await create({ slug: 'no-council', startsAt, submissionsOpenAt }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'debate.no_council_data', status: 400 });
      expect((err as Error).message).toBe(
        `There is no Security Council data for ${month}: who sits on the Council and who presides that month are not known, so the debate ` +
          `was not saved. Choose a meeting date the data covers (January 2020 to December 2026), or ask the Secretariat to add the year ` +
          `on its Council page.`,
      );
      expect(await fingerprint(open.db, TABLES)).toEqual(before);
    },
  );

  it('keeps a presidency to its own month, and an edit out of the data refused for the Secretariat too', async () => {
    const china = { kind: 'presidency' as const, state: 'CHN' };
    const inJune = await open.db
      .transaction()
      .execute((trx) => createDebate(trx, clock, system, { ...demoDebate, slug: 'china-in-june', startsAt: '2021-06-10T10:00' }, china))
      .catch((e: unknown) => e);
    expect(inJune).toMatchObject({ code: 'debate.outside_presidency' });
    const inMay = await open.db
      .transaction()
      .execute((trx) => createDebate(trx, clock, system, { ...demoDebate, slug: 'china-in-may' }, china));
    expect(inMay.slug).toBe('china-in-may');
    const { slug: _slug, ...fields } = demoDebate;
    const before = await fingerprint(open.db, TABLES);
    const moved = await open.db
      .transaction()
      .execute((trx) => updateDebate(trx, clock, system, 'china-in-may', { ...fields, startsAt: '2027-05-24T10:00', version: 1 }))
      .catch((e: unknown) => e);
    expect(moved).toMatchObject({ code: 'debate.no_council_data' });
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });
});
