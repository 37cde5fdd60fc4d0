import { describe, expect, it } from 'vitest';
import { enteredSymbolProblem, formatSymbol, nextSuffix, parentOf, parseSymbol, type DocumentSymbol, type SuffixKind } from './symbols.js';

const sym = (text: string): DocumentSymbol => {
  const r = parseSymbol(text);
  if (!r.ok) throw new Error(`${text}: ${r.reason}`);
  return r.value;
};

describe('parseSymbol and formatSymbol', () => {
  it.each<[string, DocumentSymbol]>([
    ['S/2021/90', { series: 'S', year: 2021, number: 90, suffixes: [] }],
    ['S/2020/372', { series: 'S', year: 2020, number: 372, suffixes: [] }],
    ['S/1994/1', { series: 'S', year: 1994, number: 1, suffixes: [] }],
    ['S/2021/1045', { series: 'S', year: 2021, number: 1045, suffixes: [] }],
    ['S/PRST/2021/11', { series: 'S/PRST', year: 2021, number: 11, suffixes: [] }],
    ['S/2021/90/Corr.1', { series: 'S', year: 2021, number: 90, suffixes: [{ kind: 'Corr', number: 1 }] }],
    ['S/2021/90/Corr.12', { series: 'S', year: 2021, number: 90, suffixes: [{ kind: 'Corr', number: 12 }] }],
    ['S/2021/90/Rev.1', { series: 'S', year: 2021, number: 90, suffixes: [{ kind: 'Rev', number: 1 }] }],
    ['S/2021/90/Add.1', { series: 'S', year: 2021, number: 90, suffixes: [{ kind: 'Add', number: 1 }] }],
    [
      'S/2021/90/Add.1/Corr.1',
      {
        series: 'S',
        year: 2021,
        number: 90,
        suffixes: [
          { kind: 'Add', number: 1 },
          { kind: 'Corr', number: 1 },
        ],
      },
    ],
    [
      'S/2021/90/Rev.2/Add.1/Corr.1',
      {
        series: 'S',
        year: 2021,
        number: 90,
        suffixes: [
          { kind: 'Rev', number: 2 },
          { kind: 'Add', number: 1 },
          { kind: 'Corr', number: 1 },
        ],
      },
    ],
    ['S/PRST/2021/11/Corr.1', { series: 'S/PRST', year: 2021, number: 11, suffixes: [{ kind: 'Corr', number: 1 }] }],
  ])('%s', (text, model) => {
    expect(parseSymbol(text)).toEqual({ ok: true, value: model });
    expect(formatSymbol(model)).toBe(text);
  });

  it.each<[string, RegExp]>([
    ['', /empty/],
    [' S/2021/90', /no spaces/],
    ['S/2021/90 ', /no spaces/],
    ['S / 2021 / 90', /no spaces/],
    ['S/2021//90', /one slash/],
    ['S/2021/90/', /one slash/],
    ['/S/2021/90', /one slash/],
    ['s/2021/90', /capitals/],
    ['S/prst/2021/11', /capitals/],
    ['A/75/123', /General Assembly .* by session/],
    ['E/2021/10', /begins with its series; Rostrum knows S .* and S\/PRST/],
    ['PRST/2021/11', /begins with its series/],
    ['S/2021', /has a year and a number/],
    ['S/PRST/2021', /has a year and a number, such as S\/PRST\/2021\/90/],
    ['S', /has a year and a number/],
    ['S/21/90', /four digits/],
    ['S/20211/90', /four digits/],
    ['S/1993/5', /from 1994; earlier documents were numbered S\/<number>/],
    ['S/25000', /has a year and a number/],
    ['S/2021/0', /starts at 1/],
    ['S/2021/090', /no leading zeros/],
    ['S/2021/9a', /digits/],
    ['S/2021/-1', /digits/],
    ['S/2021/1.5', /digits/],
    ['S/2021/99999999999', /too large/],
    ['S/2021/90/Corr1', /Write “Corr1” as Corr\.1/],
    ['S/2021/90/corr.1', /Write “corr\.1” as Corr\.1/],
    ['S/2021/90/REV.2', /Write “REV\.2” as Rev\.2/],
    ['S/2021/90/Add', /Write “Add” as Add\.1/],
    ['S/2021/90/Corr.0', /starts at 1/],
    ['S/2021/90/Corr.01', /no leading zeros/],
    ['S/2021/90/Amend.1', /not a corrigendum \(Corr\.1\), revision \(Rev\.1\) or addendum/],
    ['S/2021/90/Corr.1/Corr.1', /corrigendum is not itself corrected/],
    ['S/2021/90/Corr.1/Add.1', /corrigendum is not itself corrected/],
    ['S/2021/90/Rev.1/Rev.1', /revision does not follow another revision/],
    ['S/2021/90/Add.1/Rev.1/Add.2', /addendum does not follow another addendum/],
  ])('refuses %j', (text, reason) => {
    const r = parseSymbol(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('refuses to format a model no symbol could have', () => {
    const base = sym('S/2021/90');
    expect(() => formatSymbol({ ...base, year: 1993 })).toThrow(RangeError);
    expect(() => formatSymbol({ ...base, number: 0 })).toThrow(RangeError);
    expect(() => formatSymbol({ ...base, number: 1.5 })).toThrow(RangeError);
    expect(() => formatSymbol({ ...base, series: 'A' as never })).toThrow(RangeError);
    expect(() =>
      formatSymbol({
        ...base,
        suffixes: [
          { kind: 'Corr', number: 1 },
          { kind: 'Rev', number: 1 },
        ],
      }),
    ).toThrow(RangeError);
    expect(() => formatSymbol({ ...base, suffixes: [{ kind: 'Err' as never, number: 1 }] })).toThrow(RangeError);
  });

  it('gives the parent of a derived symbol', () => {
    expect(parentOf(sym('S/2021/90'))).toBeNull();
    expect(formatSymbol(parentOf(sym('S/2021/90/Corr.1')) ?? sym('S/1994/1'))).toBe('S/2021/90');
    expect(formatSymbol(parentOf(sym('S/2021/90/Add.1/Corr.1')) ?? sym('S/1994/1'))).toBe('S/2021/90/Add.1');
  });
});

describe('nextSuffix', () => {
  it.each<[string, SuffixKind, string[], string]>([
    ['S/2021/90', 'Corr', [], 'S/2021/90/Corr.1'],
    ['S/2021/90', 'Corr', ['S/2021/90/Corr.1'], 'S/2021/90/Corr.2'],
    ['S/2021/90', 'Corr', ['S/2021/90/Corr.1', 'S/2021/90/Corr.2', 'S/2021/90/Rev.1'], 'S/2021/90/Corr.3'],
    // Each kind counts on its own.
    ['S/2021/90', 'Rev', ['S/2021/90/Corr.1', 'S/2021/90/Corr.2'], 'S/2021/90/Rev.1'],
    ['S/2021/90', 'Add', ['S/2021/90/Add.1', 'S/2021/90/Rev.1'], 'S/2021/90/Add.2'],
    // Numbers follow the highest, even one registered out of order (Corr.3 from outside Rostrum).
    ['S/2021/90', 'Corr', ['S/2021/90/Corr.3', 'S/2021/90/Corr.1'], 'S/2021/90/Corr.4'],
    ['S/2021/90/Add.1', 'Corr', [], 'S/2021/90/Add.1/Corr.1'],
    ['S/2021/90/Rev.1', 'Add', ['S/2021/90/Rev.1/Corr.1'], 'S/2021/90/Rev.1/Add.1'],
    ['S/PRST/2021/11', 'Corr', [], 'S/PRST/2021/11/Corr.1'],
  ])('%s + %s after %j is %s', (parent, kind, children, expected) => {
    const r = nextSuffix(sym(parent), kind, children.map(sym));
    expect(r.ok && formatSymbol(r.value)).toBe(expected);
  });

  it.each<[string, SuffixKind, RegExp]>([
    ['S/2021/90/Corr.1', 'Corr', /next Corr of the same document/],
    ['S/2021/90/Corr.1', 'Rev', /corrigendum is not itself/],
    ['S/2021/90/Rev.1', 'Rev', /next one is Rev\.2/],
    ['S/2021/90/Add.1', 'Add', /next one is Add\.2/],
  ])('refuses %s + %s', (parent, kind, reason) => {
    const r = nextSuffix(sym(parent), kind, []);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('throws when given a child of another document (a defect in the caller)', () => {
    expect(() => nextSuffix(sym('S/2021/90'), 'Corr', [sym('S/2021/91/Corr.1')])).toThrow(RangeError);
    expect(() => nextSuffix(sym('S/2021/90'), 'Corr', [sym('S/2021/90/Add.1/Corr.1')])).toThrow(RangeError);
    expect(() => nextSuffix(sym('S/2021/90'), 'Corr', [sym('S/2021/90')])).toThrow(RangeError);
  });
});

describe('a symbol entered for an original document', () => {
  const expected = { series: 'S' as const, documentDate: '2026-06-03' };
  it.each([
    ['S/2026/812', 'S/2026/812'],
    ['  S/2026/812 ', 'S/2026/812'],
    ['S/2026/1', 'S/2026/1'],
  ])('accepts %j as %s', (text, symbol) => {
    const checked = enteredSymbolProblem(text, expected);
    expect(checked.ok && checked.symbol).toBe(symbol);
  });

  it.each([
    ['', 'symbol.required'],
    ['   ', 'symbol.required'],
    ['s/2026/812', 'symbol.invalid'],
    ['S/2026/0812', 'symbol.invalid'],
    ['S 2026 812', 'symbol.invalid'],
    ['A/80/812', 'symbol.invalid'],
    ['S/PRST/2026/4', 'symbol.wrong_series'],
    ['S/2026/812/Corr.1', 'symbol.not_original'],
    ['S/2026/812/Add.1', 'symbol.not_original'],
    ['S/2025/812', 'symbol.year_mismatch'],
    ['S/2027/1', 'symbol.year_mismatch'],
  ])('refuses %j with %s', (text, code) => {
    const checked = enteredSymbolProblem(text, expected);
    expect(checked.ok ? 'accepted' : checked.problem.code).toBe(code);
  });
});
