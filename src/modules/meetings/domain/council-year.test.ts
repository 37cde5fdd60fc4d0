// Adding a year to the Council data, as a table of cases: the proposal continues the rotation from the previous
// December, and every problem comes back on the field to correct.
import { describe, expect, it } from 'vitest';
import { councilData, type CouncilData } from './council.js';
import { referenceCouncil, referenceCouncilData } from './council-reference.js';
import { continuingMembers, councilYearProblems, membersOfYear, proposedPresidencies } from './council-year.js';

const full = referenceCouncilData();
/** The reference data without 2026: what the Secretariat had before adding it. */
const until2025: CouncilData = councilData({
  permanent: full.permanent,
  terms: full.terms.filter((t) => t.from < '2026-01-01'),
  presidencies: full.presidencies.filter((p) => p.month < '2026-01'),
});
const ELECTED_2026 = ['BHR', 'COL', 'COD', 'LVA', 'LBR'];
const PRESIDENCIES_2026 = [...(referenceCouncil().presidencies.get(2026) ?? [])];

describe('the proposal', () => {
  it('gives 2026 as the Council had it, from Slovenia in December 2025', () => {
    expect(continuingMembers(until2025, 2026)).toHaveLength(10);
    expect(membersOfYear(until2025, 2026, ELECTED_2026)).toHaveLength(15);
    expect(proposedPresidencies(until2025, 2026, ELECTED_2026)).toEqual(PRESIDENCIES_2026);
  });

  it('gives 2027 from Liberia in December 2026: the next member after it in the 2027 Council', () => {
    const proposal = proposedPresidencies(full, 2027, ['ARG', 'BEL', 'CAN', 'EGY', 'IDN']);
    expect(proposal).toHaveLength(12);
    // 2027: Argentina, Bahrain, Belgium, Canada, China, Colombia, Democratic Republic of the Congo, Egypt, France,
    // Indonesia, Latvia, Liberia, Russian Federation, United Kingdom, United States. After Liberia: the Russian Federation.
    expect(proposal).toEqual(['RUS', 'GBR', 'USA', 'ARG', 'BHR', 'BEL', 'CAN', 'CHN', 'COL', 'COD', 'EGY', 'FRA']);
  });
});

describe('councilYearProblems', () => {
  it('accepts the year as it was', () => {
    expect(councilYearProblems(until2025, { year: 2026, elected: ELECTED_2026, presidencies: PRESIDENCIES_2026 })).toEqual({});
    expect(councilYearProblems(until2025, { year: 2026, elected: ELECTED_2026, presidencies: [] })).toEqual({});
  });

  it('accepts a presidency that departs from the rotation, as long as a member presides', () => {
    const swapped = [...PRESIDENCIES_2026];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(councilYearProblems(until2025, { year: 2026, elected: ELECTED_2026, presidencies: swapped })).toEqual({});
  });

  it.each([
    ['a year already covered', 2025, ELECTED_2026, { year: 'The Council data already covers 2025. The next year to add is 2026.' }],
    ['a year further on', 2027, ELECTED_2026, { year: 'Years are added one after another: the next year to add is 2026.' }],
    ['a blank field', 2026, ['BHR', 'COL', '', 'LVA', 'LBR'], { elected_3: 'Elected member 3: choose a Member State.' }],
    [
      'an observer State',
      2026,
      ['BHR', 'COL', 'VAT', 'LVA', 'LBR'],
      { elected_3: 'Elected member 3: VAT is not a Member State of the United Nations. Choose one from the list.' },
    ],
    [
      'an unknown code',
      2026,
      ['BHR', 'COL', 'XYZ', 'LVA', 'LBR'],
      { elected_3: 'Elected member 3: XYZ is not a Member State of the United Nations. Choose one from the list.' },
    ],
    [
      'the same State twice',
      2026,
      ['BHR', 'COL', 'COL', 'LVA', 'LBR'],
      { elected_3: 'Elected member 3: Colombia is chosen twice. Choose five different States.' },
    ],
    [
      'a permanent member',
      2026,
      ['BHR', 'COL', 'FRA', 'LVA', 'LBR'],
      { elected_3: 'Elected member 3: France is a permanent member. Choose a State elected by the General Assembly.' },
    ],
    [
      'a State in the second year of its term',
      2026,
      ['BHR', 'COL', 'DNK', 'LVA', 'LBR'],
      {
        elected_3:
          'Elected member 3: Denmark already sits on the Council in 2026, in the second year of its term. Choose a State elected for ' +
          '2026–2027.',
      },
    ],
  ] as const)('refuses %s', (_what, year, elected, problems) => {
    expect(councilYearProblems(until2025, { year, elected, presidencies: PRESIDENCIES_2026 })).toEqual(problems);
  });

  it('refuses a month presided by a State not on the Council that year, and a month left blank', () => {
    const presidencies = [...PRESIDENCIES_2026];
    presidencies[2] = 'KOR';
    presidencies[11] = '';
    expect(councilYearProblems(until2025, { year: 2026, elected: ELECTED_2026, presidencies })).toEqual({
      presidency_3: 'March 2026: the Republic of Korea is not a member of the Council in 2026. Choose one of its fifteen members.',
      presidency_12: 'December 2026: choose the presiding member.',
    });
  });

  it('refuses a year when the stored data does not end with a whole year', () => {
    const broken = councilData({ ...until2025, presidencies: until2025.presidencies.filter((p) => p.month !== '2025-12') });
    expect(councilYearProblems(broken, { year: 2026, elected: ELECTED_2026, presidencies: PRESIDENCIES_2026 }).year).toMatch(
      /does not end with a whole year/,
    );
  });
});
