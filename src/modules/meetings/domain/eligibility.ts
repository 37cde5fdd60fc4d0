// Who may submit a written statement to a debate. By default, every Member State and observer State that is not a
// member of the Council on the meeting day; in addition, the missions the Secretariat adds (the European Union, a
// General Assembly committee, ...). Pure: the Council data and the added codes come in.
import { covers, nonMembersOn, type CouncilData } from './council.js';
import { allStates } from '../../delegations/index.js';

export interface Eligibility {
  /** Mission codes, the default ones first (in English order), then the added ones (in the order given). */
  codes: string[];
  /** False when the Council's membership is not known for the meeting day: every State is then counted in. */
  membershipKnown: boolean;
  /** How many come from the default rule. */
  byDefault: number;
}

export function eligibleDelegations(council: CouncilData, meetingDay: string, added: readonly string[]): Eligibility {
  const known = covers(council, meetingDay);
  const defaults = known ? nonMembersOn(council, meetingDay) : allStates().map((s) => s.iso3);
  const seen = new Set(defaults);
  const extra = added.filter((code) => !seen.has(code) && (seen.add(code), true));
  return { codes: [...defaults, ...extra], membershipKnown: known, byDefault: defaults.length };
}

/** Whether the default rule already lets this mission submit (so adding it would change nothing). */
export function eligibleByDefault(council: CouncilData, meetingDay: string, code: string): boolean {
  return eligibleDelegations(council, meetingDay, []).codes.includes(code);
}
