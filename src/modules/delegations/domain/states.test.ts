import { describe, expect, it } from 'vitest';
import { allStates, loadStates, parseCsv, resolveStatesCsvPath, stateByIso3, statesFromCsv } from './states.js';

describe('parseCsv', () => {
  it.each([
    [
      'plain fields',
      'a,b,c\n1,2,3\n',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'CRLF and no final line end',
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a quoted comma',
      'name,x\n"Bonaire, Sint Eustatius and Saba",1\n',
      [
        ['name', 'x'],
        ['Bonaire, Sint Eustatius and Saba', '1'],
      ],
    ],
    ['doubled quotes', 'a\n"He said ""yes"""\n', [['a'], ['He said "yes"']]],
    [
      'a line break inside quotes',
      'a,b\n"one\ntwo",3\n',
      [
        ['a', 'b'],
        ['one\ntwo', '3'],
      ],
    ],
    [
      'empty fields',
      ',,\n"",x,\n',
      [
        ['', '', ''],
        ['', 'x', ''],
      ],
    ],
    ['a BOM', '\uFEFFa,b\n', [['a', 'b']]],
    ['an apostrophe is not a quote', "Côte d'Ivoire,CIV\n", [["Côte d'Ivoire", 'CIV']]],
  ])('%s', (_label, text, expected) => {
    expect(parseCsv(text)).toEqual(expected);
  });

  it('rejects an unterminated quote and text after a closing quote', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(/not closed/);
    expect(() => parseCsv('"a"b,c\n')).toThrow(/after a closing quote/);
  });
});

describe('statesFromCsv', () => {
  const header =
    'status,iso3,iso2,m49,UNTERM English Short,UNTERM English Formal,UNTERM French Short,UNTERM Spanish Short,UNTERM Russian ' +
    'Short,UNTERM Chinese Short,UNTERM Arabic Short';

  it('rejects a wrong header, an unknown status and a missing name', () => {
    expect(() => statesFromCsv('iso3,name\nFRA,France\n')).toThrow(/header/);
    expect(() => statesFromCsv(`${header}\nfriend,FRA,FR,250,France,the French Republic,France,Francia,Франция,法国,فرنسا\n`)).toThrow(
      /status/,
    );
    expect(() => statesFromCsv(`${header}\nmember,FRA,FR,250,France,the French Republic,France,,Франция,法国,فرنسا\n`)).toThrow(/Spanish/);
  });

  it('reads a quoted name', () => {
    const [state] = statesFromCsv(`${header}\nmember,XXX,XX,999,"Elsewhere, Republic of (the)",the Republic,a,b,c,d,e\n`);
    expect(state?.names.en).toBe('Elsewhere, Republic of (the)');
    expect(state?.runningText).toBe('the Elsewhere, Republic of');
  });
});

describe('resolveStatesCsvPath', () => {
  it('finds the file beside the sources', () => {
    expect(resolveStatesCsvPath()).toMatch(/src[\\/]modules[\\/]delegations[\\/]data[\\/]states\.csv$/);
  });

  it('falls back from the compiled build to the sources', () => {
    const seen: string[] = [];
    const path = resolveStatesCsvPath('file:///app/dist/src/modules/delegations/domain/states.js', (p) => {
      seen.push(p);
      return !p.includes('dist');
    });
    expect(seen).toHaveLength(2);
    expect(path.replace(/\\/g, '/')).toMatch(/\/app\/src\/modules\/delegations\/data\/states\.csv$/);
  });

  it('says what is missing', () => {
    expect(() => resolveStatesCsvPath('file:///nowhere/src/modules/delegations/domain/states.js', () => false)).toThrow(/missing/);
  });
});

describe('the States reference data', () => {
  const states = allStates();

  it('has 193 Member States and 2 observer States', () => {
    expect(states).toHaveLength(195);
    expect(states.filter((s) => s.status === 'member')).toHaveLength(193);
    expect(
      states
        .filter((s) => s.status === 'observer')
        .map((s) => s.iso3)
        .sort(),
    ).toEqual(['PSE', 'VAT']);
  });

  it('has unique codes', () => {
    for (const key of ['iso3', 'iso2', 'm49', 'sortKey'] as const) {
      expect(new Set(states.map((s) => s[key])).size, key).toBe(states.length);
    }
  });

  it('has a non-empty name in the six official languages and a formal name for every State', () => {
    for (const s of states) {
      for (const lang of ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const) expect(s.names[lang], `${s.iso3} ${lang}`).not.toBe('');
      expect(s.formalName, s.iso3).not.toBe('');
    }
  });

  it('gives every State the three forms', () => {
    for (const s of states) {
      expect(s.sortKey, s.iso3).not.toBe('');
      expect(s.runningText, s.iso3).not.toBe('');
      expect(s.heading, s.iso3).not.toBe('');
      expect(s.sortKey, s.iso3).not.toMatch(/^the |\(the\)/i);
      expect(s.runningText, s.iso3).not.toMatch(/[()]/);
    }
  });

  it.each([
    ['IRN', 'Iran (Islamic Republic of)', 'the Islamic Republic of Iran', 'Iran (Islamic Republic of)'],
    ['NER', 'Niger', 'the Niger', 'the Niger'],
    [
      'GBR',
      'United Kingdom of Great Britain and Northern Ireland',
      'the United Kingdom of Great Britain and Northern Ireland',
      'the United Kingdom of Great Britain and Northern Ireland',
    ],
    ['VAT', 'Holy See', 'the Holy See', 'the Holy See'],
    ['PSE', 'State of Palestine', 'the State of Palestine', 'the State of Palestine'],
    ['CIV', "Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire"],
    ['TUR', 'Türkiye', 'Türkiye', 'Türkiye'],
    ['FRA', 'France', 'France', 'France'],
  ])('%s: %s / %s / %s', (iso3, sortKey, runningText, heading) => {
    expect(stateByIso3(iso3)).toMatchObject({ iso3, sortKey, runningText, heading });
  });

  it.each([
    ['Indonesia', 'Iran (Islamic Republic of)', 'Iraq'],
    ['Nicaragua', 'Niger', 'Nigeria'],
    ['Costa Rica', "Côte d'Ivoire", 'Croatia'],
    ['Tunisia', 'Türkiye', 'Turkmenistan'],
    ["Democratic People's Republic of Korea", 'Democratic Republic of the Congo', 'Denmark'],
  ])('sorts %s, %s, %s in that order, next to each other', (before, key, after) => {
    const keys = states.map((s) => s.sortKey);
    const at = keys.indexOf(key);
    expect(at).toBeGreaterThan(0);
    expect(keys[at - 1]).toBe(before);
    expect(keys[at + 1]).toBe(after);
  });

  it('looks States up by code in any case and reads the file once', () => {
    expect(stateByIso3('fra')?.names.fr).toBe('France (la)');
    expect(stateByIso3('XYZ')).toBeUndefined();
    expect(loadStates()).toBe(loadStates());
    expect(allStates()).toBe(states);
    expect(Object.isFrozen(states)).toBe(true);
  });
});
