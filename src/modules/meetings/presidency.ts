// The presidency is not a role anyone is given: it is the staff of the mission whose State presides the Security
// Council on the date in question (derived from the monthly presidencies in the Council data, never stored with the
// person) to whom the mission's access focal point has given the presidency module. Being on the mission's staff is
// not enough: the presidency reads every delegation's statements before they are published.
import type { Actor } from '../../kernel/authz.js';
import { isoDateIn } from '../../kernel/dates.js';
import type { Database, Transaction } from '../../kernel/db/database.js';
import { loadCouncil } from './db.js';
import { presidencyOn, type CouncilData } from './domain/council.js';

/** The module a mission's focal point gives to the staff who act for the presidency. */
export const PRESIDENCY_MODULE = 'presidency';

/** Whether the actor is on the staff of a mission, holding the presidency module (whichever month it presides). */
export function holdsPresidencyModule(actor: Actor): boolean {
  return (
    actor.kind === 'account' &&
    actor.organisation !== null &&
    (actor.role === 'focal_point' || actor.role === 'delegate') &&
    actor.modules.includes(PRESIDENCY_MODULE)
  );
}

/**
 * Whether the actor acts for the presidency held by `presidingState`: the State presiding the Council on the day in
 * question, as the Council data has it (null or undefined where the data does not cover that day: no one then).
 */
export function actsForPresidency(actor: Actor, presidingState: string | null | undefined): boolean {
  if (!holdsPresidencyModule(actor) || actor.kind !== 'account') return false;
  return presidingState !== null && presidingState !== undefined && presidingState === actor.organisation;
}

/** The State presiding the Council on a debate's meeting day (in the debate's zone), or null outside the data. */
export function presidencyOfDebate(council: CouncilData, debate: { starts_at: Date; time_zone: string }): string | null {
  return presidencyOn(council, isoDateIn(debate.starts_at, debate.time_zone)) ?? null;
}

/**
 * The State presiding the Security Council on `date` ('YYYY-MM-DD'), from the Council data in the database; undefined
 * where the data does not cover that day. For the letters signed by the President of the Council.
 */
export async function presidingStateOn(db: Database | Transaction, date: string): Promise<string | undefined> {
  return presidencyOn(await loadCouncil(db), date);
}
