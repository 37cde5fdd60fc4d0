// The Council data that ships with Rostrum (../data/council.json, sources in ../data/README.md): the permanent
// members, the five States elected each year for a two-year term, and each month's presidency. It fills the
// database at start (commands/sync-council-data.ts) for the years the database does not have yet; from then on the
// database is what counts, and the Secretariat adds the years that follow.
import { z } from 'zod';
import reference from '../data/council.json' with { type: 'json' };
import { councilData, type CouncilData, type CouncilTerm, type Presidency } from './council.js';

const code = z.string().regex(/^[A-Z]{3}$/);
const year = z.string().regex(/^\d{4}$/);

const fileSchema = z.strictObject({
  permanentMembers: z.array(code).length(5),
  /** The States elected for the two years starting on 1 January of the key's year. */
  elected: z.record(year, z.array(code).length(5)),
  /** The presidents of January to December of the key's year. */
  presidencies: z.record(year, z.array(code).length(12)),
});

export interface ReferenceCouncil {
  permanent: readonly string[];
  /** By the year the terms start. */
  elected: ReadonlyMap<number, readonly string[]>;
  /** By year, January first. */
  presidencies: ReadonlyMap<number, readonly string[]>;
}

/** An elected member's two-year term starting on 1 January of `firstYear`. */
export function twoYearTerm(iso3: string, firstYear: number): CouncilTerm {
  return { iso3, from: `${firstYear}-01-01`, to: `${firstYear + 1}-12-31` };
}

/** The months of `year` with their presidents, January first. */
export function presidenciesOfYear(year: number, presidents: readonly string[]): Presidency[] {
  return presidents.map((iso3, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, iso3 }));
}

let parsed: ReferenceCouncil | undefined;

/** The reference file, checked (a malformed file is a defect of the release, and fails loudly). */
export function referenceCouncil(): ReferenceCouncil {
  if (parsed === undefined) {
    const file = fileSchema.parse(reference);
    const byYear = (record: Record<string, string[]>) =>
      new Map(
        Object.entries(record)
          .map(([y, codes]) => [Number(y), codes] as const)
          .sort(([a], [b]) => a - b),
      );
    parsed = { permanent: file.permanentMembers, elected: byYear(file.elected), presidencies: byYear(file.presidencies) };
  }
  return parsed;
}

/** The reference file as the rules read it: what a new installation starts with. */
export function referenceCouncilData(): CouncilData {
  const ref = referenceCouncil();
  return councilData({
    permanent: ref.permanent,
    terms: [...ref.elected].flatMap(([first, codes]) => codes.map((iso3) => twoYearTerm(iso3, first))),
    presidencies: [...ref.presidencies].flatMap(([y, codes]) => presidenciesOfYear(y, codes)),
  });
}
