// Document symbols as the UN writes them: S/2021/90, S/PRST/2021/11, S/2021/90/Corr.1, S/2021/90/Add.1/Corr.1.
// Pure: parsing, formatting and the rule for a corrigendum's, revision's or addendum's number. The registry
// (who gets which number, and never twice) is the database's job: see ../commands/issue-symbol.ts.

/**
 * The series Rostrum numbers, each `<series>/<year>/<number>` counted through the year. Security Council
 * symbols carry a year since 1 January 1994 (before that they were S/<number>, such as S/25000), and so do
 * presidential statements (S/PRST/1994/1).
 *
 * The General Assembly ('A') is left out on purpose, not forgotten: its symbols are numbered by session, not by
 * year (A/75/123 is the 123rd document of the 75th session), so admitting it means a second kind of period in
 * this table and in the registry's key, not just one more entry. The parser is driven by this table, so that is
 * where it would go.
 */
export const SERIES = ['S', 'S/PRST'] as const;
export type Series = (typeof SERIES)[number];

export const SERIES_NAMES: Record<Series, string> = {
  S: 'Security Council documents',
  'S/PRST': 'statements by the President of the Security Council',
};

export const SUFFIX_KINDS = ['Corr', 'Rev', 'Add'] as const;
export type SuffixKind = (typeof SUFFIX_KINDS)[number];

export interface Suffix {
  kind: SuffixKind;
  number: number;
}

export interface DocumentSymbol {
  series: Series;
  year: number;
  number: number;
  /** In order: S/2021/90/Add.1/Corr.1 is [Add.1, Corr.1]. Empty for an original document. */
  suffixes: readonly Suffix[];
}

/**
 * What a symbol is handed out for. A presidential statement is always S/PRST and an S/PRST symbol is always one:
 * a number taken by mistake cannot be given back once the document is out, so the pairing is checked before.
 */
export const SYMBOL_PURPOSES = ['announcement_letter', 'compilation', 'presidential_statement', 'letter'] as const;
export type SymbolPurpose = (typeof SYMBOL_PURPOSES)[number];

/** Why a document of this purpose cannot carry a symbol of this series, or null when it can. */
export function purposeProblem(series: Series, purpose: SymbolPurpose): string | null {
  if (series === 'S/PRST' && purpose !== 'presidential_statement') return 'S/PRST symbols are for presidential statements only.';
  if (series !== 'S/PRST' && purpose === 'presidential_statement') return 'A presidential statement takes an S/PRST symbol.';
  return null;
}

export const FIRST_YEAR = 1994;
export const LAST_YEAR = 9999;
/** The registry's columns are PostgreSQL `integer`. */
export const MAX_NUMBER = 2_147_483_647;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const DIGITS = /^[0-9]+$/;
const SUFFIX = /^(Corr|Rev|Add)\.([0-9]+)$/;

/** Reads a symbol exactly as written (capitals, no spaces); the reason says what is wrong in words a user can act on. */
export function parseSymbol(text: string): Parsed<DocumentSymbol> {
  if (text === '') return fail('The symbol is empty.');
  if (/\s/.test(text)) return fail('A symbol has no spaces, such as S/2021/90.');
  const parts = text.split('/');
  if (parts.some((p) => p === '')) return fail('A symbol has one slash between its parts and none at either end, such as S/2021/90.');

  const series = matchSeries(parts);
  const inCapitals = matchSeries(parts.map((p) => p.toUpperCase()));
  // "s/2021/90", and "S/prst/2021/1" (which would otherwise read as series S with the year "prst").
  if (inCapitals !== undefined && inCapitals !== series) return fail('Write the series in capitals, such as S/2021/90 or S/PRST/2021/11.');
  if (series === undefined) return fail(unknownSeriesReason(parts));
  const rest = parts.slice(series.split('/').length);
  const [yearText, numberText, ...suffixTexts] = rest;
  if (yearText === undefined || numberText === undefined)
    return fail(`A symbol of the ${series} series has a year and a number, such as ${series}/2021/90.`);

  const year = readYear(yearText);
  if (!year.ok) return year;
  const number = readNumber(numberText, 'The document number');
  if (!number.ok) return number;

  const suffixes: Suffix[] = [];
  for (const s of suffixTexts) {
    const suffix = readSuffix(s);
    if (!suffix.ok) return suffix;
    const problem = suffixProblem(suffixes, suffix.value.kind);
    if (problem) return fail(problem);
    suffixes.push(suffix.value);
  }
  return { ok: true, value: { series, year: year.value, number: number.value, suffixes } };
}

/** The symbol as written. Throws on a model no symbol could have (a defect in the caller, not user input). */
export function formatSymbol(symbol: DocumentSymbol): string {
  const problem = modelProblem(symbol);
  if (problem) throw new RangeError(`formatSymbol: ${problem}`);
  return [symbol.series, String(symbol.year), String(symbol.number), ...symbol.suffixes.map((s) => `${s.kind}.${s.number}`)].join('/');
}

/** The symbol of the parent document: S/2021/90/Add.1 for S/2021/90/Add.1/Corr.1; null for an original. */
export function parentOf(symbol: DocumentSymbol): DocumentSymbol | null {
  if (symbol.suffixes.length === 0) return null;
  return { ...symbol, suffixes: symbol.suffixes.slice(0, -1) };
}

/**
 * The next corrigendum, revision or addendum of `parent`, numbered after the highest of that kind among its
 * children: S/2021/90 with Corr.1 and Corr.2 gets Corr.3. A second correction is Corr.2 of the same document,
 * never a Corr.1 of Corr.1, and likewise Rev.2 and Add.2; so a corrigendum has no children of its own and no
 * kind appears twice in one chain (S/2021/90/Rev.1/Add.1/Corr.1 is as long as a chain gets).
 * Children of another document in `existingChildren` are a defect in the caller and throw.
 */
export function nextSuffix(parent: DocumentSymbol, kind: SuffixKind, existingChildren: readonly DocumentSymbol[]): Parsed<DocumentSymbol> {
  const problem = suffixProblem(parent.suffixes, kind);
  if (problem) return fail(problem);
  const parentText = formatSymbol(parent);
  let highest = 0;
  for (const child of existingChildren) {
    const up = parentOf(child);
    if (up === null || formatSymbol(up) !== parentText)
      throw new RangeError(`nextSuffix: ${formatSymbol(child)} is not a child of ${parentText}`);
    const last = child.suffixes[child.suffixes.length - 1];
    if (last !== undefined && last.kind === kind && last.number > highest) highest = last.number;
  }
  if (highest >= MAX_NUMBER) return fail(`${parentText} has run out of ${kind} numbers.`);
  return { ok: true, value: { ...parent, suffixes: [...parent.suffixes, { kind, number: highest + 1 }] } };
}

/**
 * How an original document gets its number. At the UN the documents service assigns symbols, and an officer enters
 * the one assigned ('entered', the default); a body that numbers its own documents uses this installation's counter.
 */
export const SYMBOL_ASSIGNMENTS = ['entered', 'counter'] as const;
export type SymbolAssignment = (typeof SYMBOL_ASSIGNMENTS)[number];

/** Why an entered symbol cannot be an original document's, and which catalogued refusal says so. */
export type EnteredSymbolProblem =
  | { code: 'symbol.required' | 'symbol.not_original' | 'symbol.wrong_series' | 'symbol.year_mismatch'; detail: string }
  | { code: 'symbol.invalid'; detail: string };

/**
 * Checks a symbol entered for an original document of `series` dated `documentDate` ('YYYY-MM-DD'): a symbol as
 * the UN writes it, of that series, with no corrigendum, revision or addendum, and of the document's own year.
 * Whether it is already taken is the registry's question. Surrounding spaces are forgiven; nothing else is.
 */
export function enteredSymbolProblem(
  text: string,
  expected: { series: Series; documentDate: string },
): { ok: true; symbol: string; value: DocumentSymbol } | { ok: false; problem: EnteredSymbolProblem } {
  const symbol = text.trim();
  if (symbol === '') return { ok: false, problem: { code: 'symbol.required', detail: 'no symbol was entered' } };
  const parsed = parseSymbol(symbol);
  if (!parsed.ok) return { ok: false, problem: { code: 'symbol.invalid', detail: `${symbol}: ${parsed.reason}` } };
  const value = parsed.value;
  if (value.series !== expected.series)
    return {
      ok: false,
      problem: { code: 'symbol.wrong_series', detail: `${symbol} is of the ${value.series} series, not ${expected.series}` },
    };
  if (value.suffixes.length > 0)
    return {
      ok: false,
      problem: { code: 'symbol.not_original', detail: `${symbol} is a ${KIND_NAMES[value.suffixes[value.suffixes.length - 1]!.kind]}` },
    };
  const year = Number(expected.documentDate.slice(0, 4));
  if (value.year !== year)
    return {
      ok: false,
      problem: { code: 'symbol.year_mismatch', detail: `${symbol} is of ${value.year}; the document is dated ${expected.documentDate}` },
    };
  return { ok: true, symbol, value };
}

export function isSeries(value: string): value is Series {
  return (SERIES as readonly string[]).includes(value);
}

// ---- helpers ----

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** The longest series whose parts begin the symbol: S/PRST/2021/11 is S/PRST, not S with a year "PRST". */
function matchSeries(parts: readonly string[]): Series | undefined {
  const bySegments = [...SERIES].sort((a, b) => b.split('/').length - a.split('/').length);
  return bySegments.find((s) => s.split('/').every((segment, i) => parts[i] === segment));
}

function unknownSeriesReason(parts: readonly string[]): string {
  const first = parts[0] ?? '';
  const known = SERIES.map((s) => `${s} (${SERIES_NAMES[s]})`).join(' and ');
  if (first === 'A') return `General Assembly symbols (A/...) are numbered by session, not by year; Rostrum issues only ${known}.`;
  return `A symbol begins with its series; Rostrum knows ${known}.`;
}

function readYear(text: string): Parsed<number> {
  if (!/^[0-9]{4}$/.test(text)) return fail(`The year is written in four digits, such as 2021; “${text}” is not.`);
  const year = Number(text);
  if (year < FIRST_YEAR)
    return fail(`Security Council symbols carry a year from ${FIRST_YEAR}; earlier documents were numbered S/<number> without one.`);
  return { ok: true, value: year };
}

function readNumber(text: string, what: string): Parsed<number> {
  if (!DIGITS.test(text)) return fail(`${what} is written in digits; “${text}” is not.`);
  if (text.startsWith('0')) return fail(`${what} starts at 1 and has no leading zeros; “${text}” does not fit.`);
  const n = Number(text);
  if (n > MAX_NUMBER) return fail(`${what} “${text}” is too large.`);
  return { ok: true, value: n };
}

function readSuffix(text: string): Parsed<Suffix> {
  const m = SUFFIX.exec(text);
  if (!m) {
    const loose = /^(corr|rev|add)\.?([0-9]*)$/i.exec(text);
    if (loose) {
      const kind = SUFFIX_KINDS.find((k) => k.toLowerCase() === loose[1]?.toLowerCase()) ?? 'Corr';
      return fail(`Write “${text}” as ${kind}.${loose[2] || '1'}: the kind with a capital, a full stop, then its number.`);
    }
    return fail(`“${text}” is not a corrigendum (Corr.1), revision (Rev.1) or addendum (Add.1).`);
  }
  const number = readNumber(m[2] ?? '', `The number of ${m[1] ?? 'the suffix'}`);
  if (!number.ok) return number;
  return { ok: true, value: { kind: m[1] as SuffixKind, number: number.value } };
}

const KIND_NAMES: Record<SuffixKind, string> = { Corr: 'corrigendum', Rev: 'revision', Add: 'addendum' };

/** Why `kind` cannot follow the chain `before`, or null when it can. */
function suffixProblem(before: readonly Suffix[], kind: SuffixKind): string | null {
  const last = before[before.length - 1];
  if (last?.kind === 'Corr')
    return `A corrigendum is not itself corrected, revised or added to: a further correction is the next Corr of the same document.`;
  if (before.some((s) => s.kind === kind)) {
    return (
      `A ${KIND_NAMES[kind]} does not follow another ${KIND_NAMES[kind]} in one symbol: the next one is ${kind}.2, ${kind}.3 ... of ` +
      `the same document.`
    );
  }
  return null;
}

function modelProblem(s: DocumentSymbol): string | null {
  if (!isSeries(s.series)) return `unknown series ${String(s.series)}`;
  if (!Number.isInteger(s.year) || s.year < FIRST_YEAR || s.year > LAST_YEAR) return `year ${s.year} is out of range`;
  const numbers = [s.number, ...s.suffixes.map((x) => x.number)];
  if (numbers.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_NUMBER)) return `numbers must be integers from 1 to ${MAX_NUMBER}`;
  for (let i = 0; i < s.suffixes.length; i++) {
    const suffix = s.suffixes[i];
    if (suffix === undefined || !(SUFFIX_KINDS as readonly string[]).includes(suffix.kind)) return `unknown suffix kind`;
    const problem = suffixProblem(s.suffixes.slice(0, i), suffix.kind);
    if (problem) return problem;
  }
  return null;
}
