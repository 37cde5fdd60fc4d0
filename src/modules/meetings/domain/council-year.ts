// Adding a year to the Council data: the five States the General Assembly elected for the two years that start on
// 1 January, and the twelve presidencies. The rotation proposes the presidencies; the Secretariat confirms or
// corrects them. Pure: what is wrong comes back as a message per form field, in words a person can act on; the
// command refuses the year when there is any.
import { stateByIso3 } from '../../delegations/index.js';
import { COUNCIL_SIZE, membersInData, monthName, monthsOf, nextYearToAdd, rotationFrom, type CouncilData } from './council.js';

/** How many States the General Assembly elects each year. */
export const ELECTED_EACH_YEAR = 5;

export interface CouncilYearInput {
  year: number;
  /** The five States elected for `year` and the year after, ISO alpha-3 codes. */
  elected: readonly string[];
  /** January to December; empty when only the elected members are known so far (the proposal step). */
  presidencies: readonly string[];
}

/** The form field of the `i`-th elected member (1 to 5) and of the `m`-th month's presidency (1 to 12). */
export const electedField = (i: number): string => `elected_${i}`;
export const presidencyField = (m: number): string => `presidency_${m}`;

/** The State's name inside a sentence: "the Niger", "Colombia". */
function nameOf(iso3: string): string {
  return stateByIso3(iso3)?.runningText ?? iso3;
}

/** The members who continue into `year`: the permanent members and those elected the year before. */
export function continuingMembers(council: CouncilData, year: number): string[] {
  return membersInData(council, `${year}-01-01`);
}

/** The fifteen members of `year`: those continuing and the five elected, in English order. */
export function membersOfYear(council: CouncilData, year: number, elected: readonly string[]): string[] {
  return [...new Set([...continuingMembers(council, year), ...elected])];
}

/** The presidencies the rotation gives `year`, from the previous December's president in the stored data. */
export function proposedPresidencies(council: CouncilData, year: number, elected: readonly string[]): string[] {
  const december = council.presidencies.find((p) => p.month === `${year - 1}-12`)?.iso3;
  return rotationFrom(membersOfYear(council, year, elected), december);
}

/** The problems with the five elected members, by field. */
export function electedProblems(council: CouncilData, input: Pick<CouncilYearInput, 'year' | 'elected'>): Record<string, string> {
  const problems: Record<string, string> = {};
  const continuing = new Set(continuingMembers(council, input.year));
  const seen = new Set<string>();
  for (let i = 1; i <= ELECTED_EACH_YEAR; i += 1) {
    const field = electedField(i);
    const code = (input.elected[i - 1] ?? '').trim().toUpperCase();
    const state = code === '' ? undefined : stateByIso3(code);
    if (code === '') problems[field] = `Elected member ${i}: choose a Member State.`;
    else if (!state || state.status !== 'member')
      problems[field] = `Elected member ${i}: ${code} is not a Member State of the United Nations. Choose one from the list.`;
    else if (seen.has(code)) problems[field] = `Elected member ${i}: ${nameOf(code)} is chosen twice. Choose five different States.`;
    else if (continuing.has(code)) {
      problems[field] = council.permanent.includes(code)
        ? `Elected member ${i}: ${nameOf(code)} is a permanent member. Choose a State elected by the General Assembly.`
        : `Elected member ${i}: ${nameOf(code)} already sits on the Council in ${input.year}, in the second year of its term. Choose a ` +
          `State elected for ${input.year}–${input.year + 1}.`;
    }
    seen.add(code);
  }
  return problems;
}

/**
 * Everything wrong with adding `input` to the data, by form field (`year`, `elected_1`…`elected_5`,
 * `presidency_1`…`presidency_12`); empty when it may be saved. With no presidencies given, only the year and the
 * elected members are checked.
 */
export function councilYearProblems(council: CouncilData, input: CouncilYearInput): Record<string, string> {
  const next = nextYearToAdd(council);
  if (next === undefined) {
    return { year: 'The Council data does not end with a whole year, so no year can be added here. Correct the stored data first.' };
  }
  if (input.year !== next) {
    return {
      year:
        input.year < next
          ? `The Council data already covers ${input.year}. The next year to add is ${next}.`
          : `Years are added one after another: the next year to add is ${next}.`,
    };
  }
  const problems = electedProblems(council, input);
  if (Object.keys(problems).length > 0) return problems;
  const members = membersOfYear(
    council,
    input.year,
    input.elected.map((c) => c.trim().toUpperCase()),
  );
  if (members.length !== COUNCIL_SIZE) {
    return {
      year:
        `With these five, the Council of ${input.year} would have ${members.length} members, not ${COUNCIL_SIZE}: the stored data has ` +
        `${members.length - ELECTED_EACH_YEAR} continuing into ${input.year}. Correct the stored data first.`,
    };
  }
  if (input.presidencies.length === 0) return problems;
  monthsOf(input.year).forEach((month, i) => {
    const code = (input.presidencies[i] ?? '').trim().toUpperCase();
    const field = presidencyField(i + 1);
    if (code === '') problems[field] = `${monthName(month)}: choose the presiding member.`;
    else if (!members.includes(code))
      problems[field] =
        `${monthName(month)}: ${nameOf(code)} is not a member of the Council in ${input.year}. Choose one of its fifteen members.`;
  });
  return problems;
}
