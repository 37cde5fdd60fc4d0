// The Security Council's membership (as terms of office) and monthly presidencies, 2020-2022.
// Sources: the Council's published membership and presidency lists. To extend the range, add the elected
// terms and presidencies of the new years, then widen COUNCIL_DATA_RANGE; the tests check that every month
// in the range has a president who is a member, 15 members and the alphabetical rotation.

/** A State's seat on the Council: from 1 January of the first year to 31 December of the last. */
export interface CouncilTerm {
  iso3: string;
  /** 'YYYY-MM-DD', inclusive. */
  from: string;
  /** 'YYYY-MM-DD', inclusive; null for a permanent seat. */
  to: string | null;
}

export interface Presidency {
  /** 'YYYY-MM'. */
  month: string;
  iso3: string;
}

/** The dates the data below covers completely (membership and presidency), inclusive. */
export const COUNCIL_DATA_RANGE = { from: '2020-01-01', to: '2022-12-31' } as const;

/**
 * The five permanent members (Charter, Article 23). The seats of China and the Russian Federation were held
 * until 1971 and 1991 by the Republic of China and the USSR; the data names today's holders.
 */
export const PERMANENT_MEMBERS: readonly CouncilTerm[] = [
  { iso3: 'CHN', from: '1946-01-01', to: null },
  { iso3: 'FRA', from: '1946-01-01', to: null },
  { iso3: 'RUS', from: '1946-01-01', to: null },
  { iso3: 'GBR', from: '1946-01-01', to: null },
  { iso3: 'USA', from: '1946-01-01', to: null },
];

function twoYearTerm(iso3: string, firstYear: number): CouncilTerm {
  return { iso3, from: `${firstYear}-01-01`, to: `${firstYear + 1}-12-31` };
}

/** Non-permanent members, elected by the General Assembly for two years; five seats change each 1 January. */
export const ELECTED_TERMS: readonly CouncilTerm[] = [
  // 2019-2020
  ...['BEL', 'DOM', 'DEU', 'IDN', 'ZAF'].map((iso3) => twoYearTerm(iso3, 2019)),
  // 2020-2021
  ...['EST', 'NER', 'VCT', 'TUN', 'VNM'].map((iso3) => twoYearTerm(iso3, 2020)),
  // 2021-2022
  ...['IND', 'IRL', 'KEN', 'MEX', 'NOR'].map((iso3) => twoYearTerm(iso3, 2021)),
  // 2022-2023
  ...['ALB', 'BRA', 'GAB', 'GHA', 'ARE'].map((iso3) => twoYearTerm(iso3, 2022)),
];

function presidencies(year: number, iso3s: readonly string[]): Presidency[] {
  return iso3s.map((iso3, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, iso3 }));
}

/** The presidency rotates monthly in English alphabetical order of the members' names (rule 18). */
export const PRESIDENCIES: readonly Presidency[] = [
  ...presidencies(2020, ['VNM', 'BEL', 'CHN', 'DOM', 'EST', 'FRA', 'DEU', 'IDN', 'NER', 'RUS', 'VCT', 'ZAF']),
  ...presidencies(2021, ['TUN', 'GBR', 'USA', 'VNM', 'CHN', 'EST', 'FRA', 'IND', 'IRL', 'KEN', 'MEX', 'NER']),
  ...presidencies(2022, ['NOR', 'RUS', 'ARE', 'GBR', 'USA', 'ALB', 'BRA', 'CHN', 'FRA', 'GAB', 'GHA', 'IND']),
];
