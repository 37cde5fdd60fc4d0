// Fills the database's Council data from the reference file that ships with the release (domain/council-reference.ts),
// at start, as the reference missions are kept in step. Only what the database lacks is added: the permanent members
// when it has none, a year's elected members when no term starts that year, a year's presidencies when it has none
// of that year. A year already there, from an earlier release or added by the Secretariat, is left as it is.
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { loadCouncil } from '../db.js';
import { presidenciesOfYear, referenceCouncil, twoYearTerm } from '../domain/council-reference.js';
import { lockCouncilData } from './council-lock.js';

/** Returns how many rows were added (0 once the database has every year of the file). */
export async function syncCouncilData(db: Database, clock: Clock): Promise<number> {
  const reference = referenceCouncil();
  return db.transaction().execute(async (trx) => {
    await lockCouncilData(trx);
    const council = await loadCouncil(trx);
    const termYears = new Set(council.terms.map((t) => Number(t.from.slice(0, 4))));
    const presidencyYears = new Set(council.presidencies.map((p) => Number(p.month.slice(0, 4))));
    const row = { source: 'reference' as const, recorded_at: clock.now(), recorded_by: null };
    const seats = [
      ...(council.permanent.length === 0
        ? reference.permanent.map((iso3) => ({ iso3, starts_on: '1946-01-01', ends_on: null, ...row }))
        : []),
      ...[...reference.elected]
        .filter(([year]) => !termYears.has(year))
        .flatMap(([year, codes]) => codes.map((iso3) => twoYearTerm(iso3, year)))
        .map((t) => ({ iso3: t.iso3, starts_on: t.from, ends_on: t.to, ...row })),
    ];
    const presidencies = [...reference.presidencies]
      .filter(([year]) => !presidencyYears.has(year))
      .flatMap(([year, codes]) => presidenciesOfYear(year, codes))
      .map((p) => ({ ...p, ...row }));
    if (seats.length > 0) await trx.insertInto('meetings.council_terms').values(seats).execute();
    if (presidencies.length > 0) await trx.insertInto('meetings.council_presidencies').values(presidencies).execute();
    return seats.length + presidencies.length;
  });
}
