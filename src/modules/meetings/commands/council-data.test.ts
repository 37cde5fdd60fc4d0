// The Council data in the database: filled from the reference file at start (and only where a year is missing), read
// by loadCouncil, and extended by the Secretariat one year at a time, in one transaction, audited, with refusals that
// write nothing and two officers adding the same year at once getting one year and one clear refusal.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, fingerprint } from '../../../../test/admin-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { isAppError } from '../../../kernel/errors.js';
import { loadCouncil } from '../db.js';
import { councilMembersOn, presidencyOn } from '../domain/council.js';
import { referenceCouncil, referenceCouncilData } from '../domain/council-reference.js';
import { proposedPresidencies } from '../domain/council-year.js';
import { presidingStateOn } from '../presidency.js';
import { addCouncilYear, type AddCouncilYearInput } from './add-council-year.js';
import { syncCouncilData } from './sync-council-data.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2026-12-06T15:00:00Z');
const TABLES = ['meetings.council_terms', 'meetings.council_presidencies', 'kernel.audit_log'] as const;
/** Five Member States not on the Council in 2027 (an example, not a forecast). */
const ELECTED_2027 = ['ARG', 'BEL', 'CAN', 'EGY', 'IDN'];

describe('the Council data in the database', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => open?.close());

  it('holds the reference file on a new installation: 2020 to 2026, as the rules read it', async () => {
    const council = await loadCouncil(open.db);
    const reference = referenceCouncilData();
    expect(council.covered).toEqual({ from: '2020-01-01', to: '2026-12-31' });
    expect([...council.permanent].sort()).toEqual([...reference.permanent].sort());
    expect(council.terms).toEqual(reference.terms);
    expect(council.presidencies).toEqual(reference.presidencies);
    expect(presidencyOn(council, '2021-05-24')).toBe('CHN');
    expect(await presidingStateOn(open.db, '2021-05-24')).toBe('CHN');
    expect(await presidingStateOn(open.db, '2026-11-01')).toBe('LVA');
    expect(await presidingStateOn(open.db, '2027-01-15')).toBeUndefined();
  });

  it('fills only what is missing at start, and leaves a year already there as it is', async () => {
    expect(await syncCouncilData(open.db, clock)).toBe(0);
    // A year lost, and a month recorded differently from the file (say, two members who exchanged months).
    await open.db.deleteFrom('meetings.council_presidencies').where('month', 'like', '2026-%').execute();
    await open.db.updateTable('meetings.council_presidencies').set({ iso3: 'GRC' }).where('month', '=', '2025-04').execute();
    expect(await syncCouncilData(open.db, clock)).toBe(12);
    const council = await loadCouncil(open.db);
    expect(council.presidencies.filter((p) => p.month.startsWith('2026-')).map((p) => p.iso3)).toEqual(
      referenceCouncil().presidencies.get(2026),
    );
    expect(presidencyOn(council, '2025-04-10')).toBe('GRC');
    const added = await open.db
      .selectFrom('meetings.council_presidencies')
      .select(['source', 'recorded_by'])
      .where('month', '=', '2026-01')
      .executeTakeFirstOrThrow();
    expect(added).toEqual({ source: 'reference', recorded_by: null });
    await open.db.updateTable('meetings.council_presidencies').set({ iso3: 'FRA' }).where('month', '=', '2025-04').execute();
  });
});

describe('adding a year', () => {
  let open: OpenDatabase;
  let officer: TestAccount;
  let other: TestAccount;
  beforeAll(async () => {
    open = await testDatabase();
    officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat', name: 'First Officer' });
    other = await addAccount(open.db, clock, { hashed: false, role: 'secretariat', name: 'Second Officer' });
  });
  afterAll(async () => open?.close());

  const add = (who: TestAccount, input: AddCouncilYearInput) =>
    open.db.transaction().execute((trx) => addCouncilYear(trx, clock, acting(who), input));
  const proposal = async (elected: string[]) => proposedPresidencies(await loadCouncil(open.db), 2027, elected);

  it.each<[string, Partial<AddCouncilYearInput>, string]>([
    ['a year already covered', { year: 2026 }, 'council.year_exists'],
    ['a year after the next', { year: 2028 }, 'council.year_not_next'],
    ['a State in the second year of its term', { elected: ['ARG', 'BEL', 'CAN', 'EGY', 'LVA'] }, 'council.year_invalid'],
    [
      'a month presided by a State not on the Council',
      { presidencies: ['KOR', 'GBR', 'USA', 'ARG', 'BHR', 'BEL', 'CAN', 'CHN', 'COL', 'COD', 'EGY', 'FRA'] },
      'council.year_invalid',
    ],
    ['four States', { elected: ['ARG', 'BEL', 'CAN', 'EGY'] }, 'input.invalid'],
  ])('refuses %s, writing nothing', async (_what, over, code) => {
    const before = await fingerprint(open.db, TABLES);
    const input = { year: 2027, elected: ELECTED_2027, presidencies: await proposal(ELECTED_2027), ...over };
    const err = await add(officer, input).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe(code);
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });

  it('is the Secretariat’s alone', async () => {
    const focal = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'BRA' });
    const before = await fingerprint(open.db, TABLES);
    const err = await add(focal, { year: 2027, elected: ELECTED_2027, presidencies: await proposal(ELECTED_2027) }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(err) && err.code).toBe('auth.forbidden');
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });

  it('takes one of two officers adding the same year at once, and refuses the other clearly, writing nothing of theirs', async () => {
    const proposed = await proposal(ELECTED_2027);
    // The second officer chose other States and another president in March.
    const theirs = ['ARG', 'BEL', 'CAN', 'EGY', 'IND'];
    const otherProposal = await proposal(theirs);
    const results = await Promise.allSettled([
      add(officer, { year: 2027, elected: ELECTED_2027, presidencies: proposed }),
      add(other, { year: 2027, elected: theirs, presidencies: otherProposal }),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatchObject({ code: 'council.year_exists', status: 409 });
    expect(String((rejected[0]?.reason as Error).message)).toMatch(/already has this year/);

    const winner =
      results[0]?.status === 'fulfilled'
        ? { who: officer, elected: ELECTED_2027, presidencies: proposed }
        : { who: other, elected: theirs, presidencies: otherProposal };
    const terms = await open.db
      .selectFrom('meetings.council_terms')
      .select(['iso3', 'ends_on', 'source', 'recorded_by'])
      .where('starts_on', '=', '2027-01-01')
      .orderBy('iso3')
      .execute();
    expect(terms).toEqual(
      [...winner.elected].sort().map((iso3) => ({ iso3, ends_on: '2028-12-31', source: 'secretariat', recorded_by: winner.who.id })),
    );
    const months = await open.db
      .selectFrom('meetings.council_presidencies')
      .select(['month', 'iso3'])
      .where('month', 'like', '2027-%')
      .orderBy('month')
      .execute();
    expect(months.map((m) => m.iso3)).toEqual(winner.presidencies);
    const entries = await open.db
      .selectFrom('kernel.audit_log')
      .select(['actor_label', 'subject_type', 'subject_id', 'data'])
      .where('action', '=', 'council.year_added')
      .execute();
    expect(entries).toEqual([
      {
        actor_label: winner.who.name,
        subject_type: 'council_year',
        subject_id: '2027',
        data: { year: 2027, elected: winner.elected, presidencies: winner.presidencies, corrected: [] },
      },
    ]);

    const council = await loadCouncil(open.db);
    expect(council.covered).toEqual({ from: '2020-01-01', to: '2027-12-31' });
    expect(councilMembersOn(council, '2027-06-01')).toHaveLength(15);
    expect(presidencyOn(council, '2027-01-10')).toBe(winner.presidencies[0]);
  });

  it('records the months the officer corrected, and the next year continues from the stored December', async () => {
    const elected = ['AUS', 'CHL', 'ETH', 'NLD', 'THA'];
    const proposed = proposedPresidencies(await loadCouncil(open.db), 2028, elected);
    const corrected = [...proposed];
    [corrected[0], corrected[1]] = [proposed[1]!, proposed[0]!];
    const result = await add(officer, { year: 2028, elected, presidencies: corrected });
    expect(result).toEqual({ year: 2028, corrected: [1, 2] });
    const entry = await open.db
      .selectFrom('kernel.audit_log')
      .select('data')
      .where('action', '=', 'council.year_added')
      .where('subject_id', '=', '2028')
      .executeTakeFirstOrThrow();
    expect(entry.data).toMatchObject({ corrected: [1, 2] });
    expect((await loadCouncil(open.db)).covered?.to).toBe('2028-12-31');
  });

  it('keeps one year even when a writer skips the lock: the keys refuse a second', async () => {
    const err = await open.db
      .transaction()
      .execute((trx) =>
        trx
          .insertInto('meetings.council_presidencies')
          .values({ month: '2028-05', iso3: 'FRA', source: 'secretariat', recorded_at: clock.now(), recorded_by: null })
          .execute(),
      )
      .catch((e: unknown) => e);
    expect(String((err as Error).message)).toMatch(/duplicate key|unique/i);
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM meetings.council_presidencies WHERE month LIKE '2028-%'`.execute(open.db);
    expect(rows[0]?.n).toBe(12);
  });
});
