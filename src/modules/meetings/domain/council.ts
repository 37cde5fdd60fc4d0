// Who sits on the Security Council on a given day, and who presides. Pure: the data comes in as a CouncilData value,
// loaded from the database by loadCouncil (../db.ts), which the reference file ../data/council.json fills at start
// and the Secretariat extends year by year. Dates are 'YYYY-MM-DD', months 'YYYY-MM'.
import { formatMonth } from '../../../kernel/dates.js';
import { invariant } from '../../../kernel/invariant.js';
import { allStates, compareSortKeys, stateByIso3 } from '../../delegations/index.js';

/** An elected member's seat: from 1 January of its first year to 31 December of its second, both inclusive. */
export interface CouncilTerm {
  iso3: string;
  /** 'YYYY-MM-DD', inclusive. */
  from: string;
  /** 'YYYY-MM-DD', inclusive. */
  to: string;
}

export interface Presidency {
  /** 'YYYY-MM'. */
  month: string;
  iso3: string;
}

/** Everything the rules below need to know about the Council. Build it with councilData(), which derives `covered`. */
export interface CouncilData {
  /** The permanent members (Charter, Article 23), ISO alpha-3 codes. */
  permanent: readonly string[];
  /** The elected members' terms, in the order of their start. */
  terms: readonly CouncilTerm[];
  /** The monthly presidencies, in month order. */
  presidencies: readonly Presidency[];
  /**
   * The days the data covers, inclusive: the unbroken run of months, up to the last one, that each have a presidency
   * and fifteen members. Null when no month does. Outside it, membership and presidency are unknown.
   */
  covered: { from: string; to: string } | null;
}

/** The Council has fifteen members (Charter, Article 23). */
export const COUNCIL_SIZE = 15;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** Throws unless `date` is a real calendar date written 'YYYY-MM-DD'. */
function assertDate(date: string): void {
  const m = DATE.exec(date);
  const parsed = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  invariant(parsed?.toISOString().slice(0, 10) === date, `"${date}" is not a date written YYYY-MM-DD.`);
}

function assertMonth(month: string): void {
  const m = MONTH.exec(month);
  invariant(m && Number(m[2]) >= 1 && Number(m[2]) <= 12, `"${month}" is not a month written YYYY-MM.`);
}

/** The month after `month` ('2021-12' → '2022-01'). */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** The month before `month` ('2022-01' → '2021-12'). */
export function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** The last day of `month`, 'YYYY-MM-DD'. */
export function lastDayOf(month: string): string {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
}

/** "May 2021" for '2021-05'. */
export function monthName(month: string): string {
  return formatMonth(new Date(`${month}-15T12:00:00Z`), 'UTC');
}

/** The twelve months of a year, '2027-01' to '2027-12'. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** The English sort key of a State, or its code when the reference data does not know it (sorted last among equals). */
function sortKeyOf(iso3: string): string {
  return stateByIso3(iso3)?.sortKey ?? iso3;
}

/** Codes in English alphabetical order of the States' sort keys. */
export function inEnglishOrder(codes: Iterable<string>): string[] {
  return [...codes].sort((a, b) => compareSortKeys(sortKeyOf(a), sortKeyOf(b)));
}

/** The members on `date` as the data has them, whether or not the data covers that day (unsorted). */
function seatedOn(parts: Pick<CouncilData, 'permanent' | 'terms'>, date: string): string[] {
  const elected = parts.terms.filter((t) => t.from <= date && date <= t.to).map((t) => t.iso3);
  return [...new Set([...parts.permanent, ...elected])];
}

/** The members on `date` ('YYYY-MM-DD') as the data has them, in English order, even where the data is incomplete. */
export function membersInData(council: Pick<CouncilData, 'permanent' | 'terms'>, date: string): string[] {
  assertDate(date);
  return inEnglishOrder(seatedOn(council, date));
}

/**
 * The data as the rules read it, with the months it covers derived: a month is covered when it has a presidency and
 * fifteen members on its first and last days; the covered range is the unbroken run of covered months that ends with
 * the last one.
 */
export function councilData(parts: {
  permanent: readonly string[];
  terms: readonly CouncilTerm[];
  presidencies: readonly Presidency[];
}): CouncilData {
  const presidencies = [...parts.presidencies].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const terms = [...parts.terms].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.iso3 < b.iso3 ? -1 : 1));
  const full = (date: string) => seatedOn(parts, date).length === COUNCIL_SIZE;
  const covered = new Set(presidencies.filter((p) => full(`${p.month}-01`) && full(lastDayOf(p.month))).map((p) => p.month));
  const last = [...covered].sort().at(-1);
  let first = last;
  while (first !== undefined && covered.has(previousMonth(first))) first = previousMonth(first);
  return {
    permanent: [...parts.permanent],
    terms,
    presidencies,
    covered: first !== undefined && last !== undefined ? { from: `${first}-01`, to: lastDayOf(last) } : null,
  };
}

/** Whether the data covers `date` ('YYYY-MM-DD'): membership and presidency are known that day. */
export function covers(council: CouncilData, date: string): boolean {
  assertDate(date);
  return council.covered !== null && council.covered.from <= date && date <= council.covered.to;
}

/** "January 2020 to December 2026", or "no month" when the data covers none. */
export function describeCovered(council: CouncilData): string {
  if (!council.covered) return 'no month';
  return `${monthName(council.covered.from.slice(0, 7))} to ${monthName(council.covered.to.slice(0, 7))}`;
}

/** Whether the data holds anything of `year`: a term starting then, or a presidency in it. */
export function holdsYear(council: CouncilData, year: number): boolean {
  return council.terms.some((t) => t.from === `${year}-01-01`) || council.presidencies.some((p) => p.month.startsWith(`${year}-`));
}

/**
 * The year the Secretariat adds next: the one after the last covered, when the data ends with a whole year and holds
 * nothing of the next (a year half there is corrected in the stored data, not added to).
 */
export function nextYearToAdd(council: CouncilData): number | undefined {
  if (!council.covered || !council.covered.to.endsWith('-12-31')) return undefined;
  const next = Number(council.covered.to.slice(0, 4)) + 1;
  return holdsYear(council, next) ? undefined : next;
}

function assertCovered(council: CouncilData, date: string): void {
  invariant(
    covers(council, date),
    `The Security Council data covers ${describeCovered(council)}; there is no membership data for ${date}.`,
  );
}

/** The ISO alpha-3 codes of the 15 members on `date` ('YYYY-MM-DD'), in English order of their sort keys. Throws outside the data. */
export function councilMembersOn(council: CouncilData, date: string): string[] {
  assertCovered(council, date);
  return membersInData(council, date);
}

/** Whether the State sits on the Council on `date`. Throws outside the data. */
export function isCouncilMember(council: CouncilData, iso3: string, date: string): boolean {
  return councilMembersOn(council, date).includes(iso3.trim().toUpperCase());
}

/** Whether the State holds a permanent seat. */
export function isPermanentMember(council: CouncilData, iso3: string): boolean {
  return council.permanent.includes(iso3.trim().toUpperCase());
}

/** The presidency stored for `month` ('YYYY-MM'), covered or not. */
function storedPresidency(council: CouncilData, month: string): string | undefined {
  return council.presidencies.find((p) => p.month === month)?.iso3;
}

/** The ISO alpha-3 code of the State presiding in `month` ('YYYY-MM'), or undefined where the data does not cover it. */
export function presidencyOf(council: CouncilData, month: string): string | undefined {
  assertMonth(month);
  return covers(council, `${month}-01`) ? storedPresidency(council, month) : undefined;
}

/** The State presiding on `date` ('YYYY-MM-DD'), or undefined where the data does not cover it. */
export function presidencyOn(council: CouncilData, date: string): string | undefined {
  assertDate(date);
  return presidencyOf(council, date.slice(0, 7));
}

/**
 * Every Member State and observer State not on the Council on `date`: those who may submit a written statement to
 * an open debate. In English order of their sort keys. Throws outside the data.
 */
export function nonMembersOn(council: CouncilData, date: string): string[] {
  const members = new Set(councilMembersOn(council, date));
  return allStates()
    .filter((s) => !members.has(s.iso3))
    .map((s) => s.iso3);
}

/** The States presiding the Council in some month the data covers (their staff may schedule that month's debates). */
export function presidingStates(council: CouncilData): string[] {
  return [...new Set(council.presidencies.filter((p) => covers(council, `${p.month}-01`)).map((p) => p.iso3))];
}

/** Whether the State presides the Council in any month the data covers. */
export function holdsAnyPresidency(council: CouncilData, iso3: string): boolean {
  return presidingStates(council).includes(iso3);
}

// -- The rotation ----------------------------------------------------------------------------------------------------
// The presidency passes each month to the next member in English alphabetical order of names, and from the last
// back to the first (provisional rules of procedure, rule 18). In January it passes from December's president to the
// member of the new Council that follows it in that order, whether December's president still sits or not.

/** The member after `previous` in English alphabetical order of their sort keys, wrapping round to the first. */
export function nextInRotation(members: readonly string[], previous: string): string {
  const ordered = inEnglishOrder(members);
  const after = sortKeyOf(previous);
  const next = ordered.find((code) => compareSortKeys(sortKeyOf(code), after) > 0) ?? ordered[0];
  invariant(next !== undefined, 'The rotation needs at least one member.');
  return next;
}

/**
 * The twelve presidencies the rotation gives a year whose members are `members`, continuing from the previous
 * December's president; without one, the rotation starts at the first member in alphabetical order.
 */
export function rotationFrom(members: readonly string[], previousDecember: string | undefined): string[] {
  const ordered = inEnglishOrder(members);
  const out: string[] = [];
  let previous = previousDecember;
  for (let i = 0; i < 12; i += 1) {
    const next = previous === undefined ? ordered[0] : nextInRotation(ordered, previous);
    if (next === undefined) break;
    out.push(next);
    previous = next;
  }
  return out;
}

/** Something in the stored data that a reader should look at: a month the rules do not explain. */
export type CouncilProblem =
  | { month: string; kind: 'not_member'; iso3: string }
  | { month: string; kind: 'breaks_rotation'; iso3: string; expected: string }
  | { month: string; kind: 'no_presidency' }
  | { month: string; kind: 'member_count'; count: number };

/**
 * Checks every month from the first stored presidency to the last: a presidency is stored, the Council has fifteen
 * members, the president is one of them, and it is the member that follows the previous month's president in the
 * rotation (the first stored month has no previous one to follow).
 */
export function councilProblems(council: CouncilData): CouncilProblem[] {
  const first = council.presidencies[0]?.month;
  const last = council.presidencies.at(-1)?.month;
  if (first === undefined || last === undefined) return [];
  const problems: CouncilProblem[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) {
    const members = membersInData(council, `${month}-01`);
    if (members.length !== COUNCIL_SIZE) problems.push({ month, kind: 'member_count', count: members.length });
    const president = storedPresidency(council, month);
    if (president === undefined) {
      problems.push({ month, kind: 'no_presidency' });
      continue;
    }
    if (!members.includes(president)) {
      problems.push({ month, kind: 'not_member', iso3: president });
      continue;
    }
    const previous = storedPresidency(council, previousMonth(month));
    if (previous === undefined) continue;
    const expected = nextInRotation(members, previous);
    if (expected !== president) problems.push({ month, kind: 'breaks_rotation', iso3: president, expected });
  }
  return problems;
}
