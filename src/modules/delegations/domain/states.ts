// The UN Member States and observer States, from the project's copy of the UNTERM names (../data/states.csv,
// see ../data/README.md for its source and licence). Read once, on first use, and kept in memory.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { invariant } from '../../../kernel/invariant.js';
import { compareSortKeys, nameForms } from './name-forms.js';

export type StateStatus = 'member' | 'observer';

export interface StateNames {
  en: string;
  fr: string;
  es: string;
  ru: string;
  zh: string;
  ar: string;
}

export interface State {
  /** ISO 3166-1 alpha-3, upper case: the State's identifier throughout the product. */
  iso3: string;
  iso2: string;
  /** UN M49 numeric code. */
  m49: number;
  /** A Member State, or a non-member observer State (the Holy See, the State of Palestine). */
  status: StateStatus;
  /** UNTERM short names in the six official languages ("Niger (the)", "Niger (le)", ...). */
  names: StateNames;
  /** UNTERM English formal name: "the Republic of the Niger". */
  formalName: string;
  /** English sort key: "Niger". */
  sortKey: string;
  /** English running-text form: "the Niger". */
  runningText: string;
  /** English heading form: "the Niger". */
  heading: string;
}

/**
 * Parses RFC 4180 CSV: fields separated by commas, optionally in double quotes; inside quotes a comma, a line
 * break or a doubled quote ("") is part of the field. Accepts CRLF or LF line ends and a leading BOM; a final
 * line end does not make an empty record. Throws on an unterminated quote or text after a closing quote.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStarted = false; // whether the current record has any content yet (to skip a final line end)

  const endField = (): void => {
    record.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    records.push(record);
    record = [];
    fieldStarted = false;
  };

  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      // A quoted field: read to the closing quote.
      fieldStarted = true;
      i += 1;
      for (;;) {
        invariant(i < text.length, 'CSV: a quoted field is not closed.');
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += c;
        i += 1;
      }
      const next = text[i];
      invariant(
        next === undefined || next === ',' || next === '\n' || next === '\r',
        `CSV: unexpected text after a closing quote in record ${records.length + 1}.`,
      );
      continue;
    }
    if (ch === ',') {
      fieldStarted = true;
      endField();
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      fieldStarted = true;
      field += ch;
      i += 1;
    }
  }
  if (fieldStarted || field !== '' || record.length > 0) endRecord();
  return records;
}

const COLUMNS = [
  'status',
  'iso3',
  'iso2',
  'm49',
  'UNTERM English Short',
  'UNTERM English Formal',
  'UNTERM French Short',
  'UNTERM Spanish Short',
  'UNTERM Russian Short',
  'UNTERM Chinese Short',
  'UNTERM Arabic Short',
] as const;

const STATUSES: Readonly<Record<string, StateStatus>> = {
  member: 'member',
  'non-member observer state': 'observer',
};

/** Turns the CSV text into States, in file order. Throws on a wrong header or a malformed row. */
export function statesFromCsv(text: string): State[] {
  const [header, ...rows] = parseCsv(text);
  invariant(header?.join(',') === COLUMNS.join(','), `states.csv: expected the header "${COLUMNS.join(',')}".`);
  return rows
    .filter((row) => !(row.length === 1 && row[0] === ''))
    .map((row, index) => {
      const line = index + 2;
      invariant(row.length === COLUMNS.length, `states.csv line ${line}: ${row.length} fields, expected ${COLUMNS.length}.`);
      const [status, iso3, iso2, m49, en, formalName, fr, es, ru, zh, ar] = row.map((f) => f.trim()) as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const mappedStatus = STATUSES[status];
      invariant(mappedStatus !== undefined, `states.csv line ${line}: unknown status "${status}".`);
      invariant(/^[A-Z]{3}$/.test(iso3), `states.csv line ${line}: "${iso3}" is not an ISO alpha-3 code.`);
      invariant(/^[A-Z]{2}$/.test(iso2), `states.csv line ${line}: "${iso2}" is not an ISO alpha-2 code.`);
      invariant(/^\d{1,3}$/.test(m49), `states.csv line ${line}: "${m49}" is not an M49 code.`);
      for (const [label, value] of [
        ['English', en],
        ['French', fr],
        ['Spanish', es],
        ['Russian', ru],
        ['Chinese', zh],
        ['Arabic', ar],
        ['formal', formalName],
      ] as const) {
        invariant(value !== '', `states.csv line ${line}: the ${label} name of ${iso3} is empty.`);
      }
      return {
        iso3,
        iso2,
        m49: Number(m49),
        status: mappedStatus,
        names: { en, fr, es, ru, zh, ar },
        formalName,
        ...nameForms(en),
      };
    });
}

/**
 * Where states.csv is. Next to this module in the sources (src/modules/delegations/data/); the compiled
 * build (dist/src/...) does not copy .csv files, so from there fall back to the same path under src/.
 */
export function resolveStatesCsvPath(moduleUrl: string = import.meta.url, exists: (path: string) => boolean = existsSync): string {
  const beside = new URL('../data/states.csv', moduleUrl);
  const besidePath = fileURLToPath(beside);
  if (exists(besidePath)) return besidePath;
  if (beside.pathname.includes('/dist/src/')) {
    const inSources = new URL(beside.href);
    inSources.pathname = beside.pathname.replace('/dist/src/', '/src/');
    const sourcesPath = fileURLToPath(inSources);
    if (exists(sourcesPath)) return sourcesPath;
  }
  invariant(false, `The States reference data is missing: ${besidePath} does not exist.`);
}

let loaded: readonly State[] | undefined;
let sorted: readonly State[] | undefined;
let byIso3: ReadonlyMap<string, State> | undefined;

/** Every State in file order. Reads the CSV on the first call only. */
export function loadStates(): readonly State[] {
  if (loaded === undefined) {
    const states = statesFromCsv(readFileSync(resolveStatesCsvPath(), 'utf8'));
    loaded = Object.freeze(states.map((s) => Object.freeze({ ...s, names: Object.freeze(s.names) })));
  }
  return loaded;
}

/** The 193 Member States and 2 observer States, in English order of their sort keys. */
export function allStates(): readonly State[] {
  if (sorted === undefined) sorted = Object.freeze([...loadStates()].sort((a, b) => compareSortKeys(a.sortKey, b.sortKey)));
  return sorted;
}

/** The State with this ISO alpha-3 code (any case), or undefined. */
export function stateByIso3(code: string): State | undefined {
  if (byIso3 === undefined) byIso3 = new Map(loadStates().map((s) => [s.iso3, s]));
  return byIso3.get(code.trim().toUpperCase());
}
