import { describe, expect, it } from 'vitest';
import { stateByIso3 } from '../../delegations/index.js';
import { ELECTED_TERMS, PERMANENT_MEMBERS, PRESIDENCIES } from './council-data.js';
import {
  COUNCIL_DATA_RANGE,
  councilMembersOn,
  isCouncilMember,
  isPermanentMember,
  nonMembersOn,
  presidencyOf,
  presidencyOn,
} from './council.js';

const sortKey = (iso3: string): string => stateByIso3(iso3)?.sortKey ?? `missing ${iso3}`;

const MONTHS: string[] = [];
for (let year = 2020; year <= 2022; year += 1) {
  for (let month = 1; month <= 12; month += 1) MONTHS.push(`${year}-${String(month).padStart(2, '0')}`);
}

describe('councilMembersOn', () => {
  it('gives the 15 members of the seed debate (24 May 2021), in English order', () => {
    expect(councilMembersOn('2021-05-24').map((iso3) => stateByIso3(iso3)?.sortKey)).toEqual([
      'China',
      'Estonia',
      'France',
      'India',
      'Ireland',
      'Kenya',
      'Mexico',
      'Niger',
      'Norway',
      'Russian Federation',
      'Saint Vincent and the Grenadines',
      'Tunisia',
      'United Kingdom of Great Britain and Northern Ireland',
      'United States of America',
      'Viet Nam',
    ]);
  });

  it.each([
    ['2020-06-15', ['BEL', 'CHN', 'DOM', 'EST', 'FRA', 'DEU', 'IDN', 'NER', 'RUS', 'VCT', 'ZAF', 'TUN', 'GBR', 'USA', 'VNM']],
    ['2022-06-15', ['ALB', 'BRA', 'CHN', 'FRA', 'GAB', 'GHA', 'IND', 'IRL', 'KEN', 'MEX', 'NOR', 'RUS', 'ARE', 'GBR', 'USA']],
  ])('on %s', (date, expected) => {
    expect(councilMembersOn(date)).toEqual(expected);
  });

  it('changes on 1 January: Belgium out and India in between 2020-12-31 and 2021-01-01', () => {
    const before = councilMembersOn('2020-12-31');
    const after = councilMembersOn('2021-01-01');
    expect(before).toContain('BEL');
    expect(after).not.toContain('BEL');
    expect(before).not.toContain('IND');
    expect(after).toContain('IND');
    expect(before.filter((m) => !after.includes(m)).sort()).toEqual(['BEL', 'DEU', 'DOM', 'IDN', 'ZAF']);
    expect(after.filter((m) => !before.includes(m)).sort()).toEqual(['IND', 'IRL', 'KEN', 'MEX', 'NOR']);
  });

  it.each([2020, 2021, 2022])('has 15 members in %i, 5 of them permanent, the same all year', (year) => {
    const january = councilMembersOn(`${year}-01-01`);
    expect(january).toHaveLength(15);
    expect(new Set(january).size).toBe(15);
    expect(january.filter(isPermanentMember).sort()).toEqual(['CHN', 'FRA', 'GBR', 'RUS', 'USA']);
    expect(councilMembersOn(`${year}-12-31`)).toEqual(january);
  });

  it.each(['2019-12-31', '2023-01-01', '1946-01-01'])('throws outside the data: %s', (date) => {
    expect(() => councilMembersOn(date)).toThrow(/covers 2020-2022/);
    expect(() => isCouncilMember('FRA', date)).toThrow(/covers 2020-2022/);
    expect(() => nonMembersOn(date)).toThrow(/covers 2020-2022/);
  });

  it.each(['2021-5-24', '2021-02-30', '24/05/2021', ''])('rejects a malformed date: %j', (date) => {
    expect(() => councilMembersOn(date)).toThrow(/YYYY-MM-DD/);
  });

  it('exports the range', () => {
    expect(COUNCIL_DATA_RANGE).toEqual({ from: '2020-01-01', to: '2022-12-31' });
  });
});

describe('isCouncilMember', () => {
  it.each([
    ['CHN', '2021-05-24', true],
    ['NER', '2021-05-24', true],
    ['ner', '2021-05-24', true],
    ['BEL', '2021-05-24', false],
    ['BEL', '2020-12-31', true],
    ['IND', '2021-01-01', true],
    ['VAT', '2021-05-24', false],
    ['ARE', '2022-01-01', true],
    ['ARE', '2021-12-31', false],
  ])('%s on %s: %s', (iso3, date, expected) => {
    expect(isCouncilMember(iso3, date)).toBe(expected);
  });
});

describe('presidencies', () => {
  it.each([
    ['2021-05', 'CHN'],
    ['2020-01', 'VNM'],
    ['2021-01', 'TUN'],
    ['2021-12', 'NER'],
    ['2022-12', 'IND'],
    ['2019-12', undefined],
    ['2023-01', undefined],
  ])('%s: %s', (month, expected) => {
    expect(presidencyOf(month)).toBe(expected);
  });

  it('gives the presidency on a date', () => {
    expect(presidencyOn('2021-05-24')).toBe('CHN');
    expect(presidencyOn('2021-05-31')).toBe('CHN');
    expect(presidencyOn('2021-06-01')).toBe('EST');
    expect(presidencyOn('2023-06-01')).toBeUndefined();
    expect(() => presidencyOn('2021-06-31')).toThrow(/YYYY-MM-DD/);
    expect(() => presidencyOf('2021-13')).toThrow(/YYYY-MM/);
  });

  it('has exactly one president for each month of the range, and nothing else', () => {
    expect(PRESIDENCIES.map((p) => p.month)).toEqual(MONTHS);
  });

  it.each(MONTHS)('%s: the president is a member that month', (month) => {
    const president = presidencyOf(month);
    expect(president).toBeDefined();
    expect(councilMembersOn(`${month}-01`)).toContain(president);
    expect(councilMembersOn(`${month}-28`)).toContain(president);
  });

  it.each([2020, 2021, 2022])('%i: the presidency follows English alphabetical order of the short names', (year) => {
    const order = MONTHS.filter((m) => m.startsWith(`${year}-`)).map((m) => sortKey(presidencyOf(m) ?? ''));
    // A rotation of the alphabetical list: ascending, except for one wrap back to the start of the alphabet.
    const wraps = order.filter((key, i) => i > 0 && key.localeCompare(order[i - 1] ?? '', 'en') < 0);
    expect(wraps.length).toBeLessThanOrEqual(1);
    expect(new Set(order).size).toBe(12);
  });

  it.each(MONTHS.slice(1))('%s: the president is the member next in alphabetical order after the previous one', (month) => {
    const index = MONTHS.indexOf(month);
    const previous = presidencyOf(MONTHS[index - 1] ?? '') ?? '';
    const members = councilMembersOn(`${month}-01`).map(sortKey); // already in alphabetical order
    const expected = members.find((key) => key.localeCompare(sortKey(previous), 'en') > 0) ?? members[0];
    expect(sortKey(presidencyOf(month) ?? '')).toBe(expected);
  });
});

describe('nonMembersOn', () => {
  it('lists the 180 Member and observer States not on the Council on 24 May 2021', () => {
    const others = nonMembersOn('2021-05-24');
    expect(others).toHaveLength(193 + 2 - 15);
    expect(others).toContain('VAT');
    expect(others).toContain('PSE');
    expect(others).toContain('BEL');
    expect(others).not.toContain('CHN');
    expect(others).not.toContain('NER');
    const keys = others.map(sortKey);
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b, 'en')));
  });
});

describe('the data', () => {
  it('names only States in the reference data, with well-formed terms', () => {
    for (const term of [...PERMANENT_MEMBERS, ...ELECTED_TERMS]) {
      expect(stateByIso3(term.iso3)?.status, term.iso3).toBe('member');
      if (term.to !== null) expect(term.from < term.to, term.iso3).toBe(true);
    }
    for (const p of PRESIDENCIES) expect(stateByIso3(p.iso3), p.iso3).toBeDefined();
  });
});
