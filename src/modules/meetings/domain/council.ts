// Who sits on the Security Council on a given day, and who presides. Pure: the data is in council-data.ts.
import { allStates, compareSortKeys, stateByIso3 } from '../../delegations/index.js';
import { COUNCIL_DATA_RANGE, ELECTED_TERMS, PERMANENT_MEMBERS, PRESIDENCIES } from './council-data.js';
import type { CouncilTerm } from './council-data.js';

export { COUNCIL_DATA_RANGE } from './council-data.js';
export type { CouncilTerm, Presidency } from './council-data.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** Throws unless `date` is a real calendar date written 'YYYY-MM-DD'. */
function assertDate(date: string): void {
  const m = DATE.exec(date);
  const parsed = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!parsed || parsed.toISOString().slice(0, 10) !== date) throw new Error(`"${date}" is not a date written YYYY-MM-DD.`);
}

function assertInRange(date: string): void {
  assertDate(date);
  if (date < COUNCIL_DATA_RANGE.from || date > COUNCIL_DATA_RANGE.to) {
    throw new Error(
      `The Security Council data covers ${COUNCIL_DATA_RANGE.from.slice(0, 4)}-${COUNCIL_DATA_RANGE.to.slice(0, 4)}; there is no membership data for ${date}.`,
    );
  }
}

function holdsSeatOn(term: CouncilTerm, date: string): boolean {
  return term.from <= date && (term.to === null || date <= term.to);
}

function sortKeyOfIso3(iso3: string): string {
  const state = stateByIso3(iso3);
  if (!state) throw new Error(`Council data names ${iso3}, which is not in the States reference data.`);
  return state.sortKey;
}

/** The ISO alpha-3 codes of the 15 members on `date` ('YYYY-MM-DD'), in English order of their sort keys. */
export function councilMembersOn(date: string): string[] {
  assertInRange(date);
  return [...PERMANENT_MEMBERS, ...ELECTED_TERMS]
    .filter((term) => holdsSeatOn(term, date))
    .map((term) => term.iso3)
    .sort((a, b) => compareSortKeys(sortKeyOfIso3(a), sortKeyOfIso3(b)));
}

/** Whether the State sits on the Council on `date`. Throws outside COUNCIL_DATA_RANGE. */
export function isCouncilMember(iso3: string, date: string): boolean {
  return councilMembersOn(date).includes(iso3.trim().toUpperCase());
}

/** Whether the State holds a permanent seat. */
export function isPermanentMember(iso3: string): boolean {
  const code = iso3.trim().toUpperCase();
  return PERMANENT_MEMBERS.some((term) => term.iso3 === code);
}

/** The ISO alpha-3 code of the State presiding in `month` ('YYYY-MM'), or undefined outside the data. */
export function presidencyOf(month: string): string | undefined {
  const m = MONTH.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(`"${month}" is not a month written YYYY-MM.`);
  return PRESIDENCIES.find((p) => p.month === month)?.iso3;
}

/** The State presiding on `date` ('YYYY-MM-DD'), or undefined outside the data. */
export function presidencyOn(date: string): string | undefined {
  assertDate(date);
  return presidencyOf(date.slice(0, 7));
}

/**
 * Every Member State and observer State not on the Council on `date`: those who may submit a written
 * statement to an open debate. In English order of their sort keys. Throws outside COUNCIL_DATA_RANGE.
 */
export function nonMembersOn(date: string): string[] {
  const members = new Set(councilMembersOn(date));
  return allStates()
    .filter((s) => !members.has(s.iso3))
    .map((s) => s.iso3);
}

/** Whether the State presides the Council in any month the data covers (so its staff may schedule debates). */
export function holdsAnyPresidency(iso3: string): boolean {
  return PRESIDENCIES.some((p) => p.iso3 === iso3);
}
