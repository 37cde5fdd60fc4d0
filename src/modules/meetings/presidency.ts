// The presidency is not a role anyone is given: it is the staff of the mission whose State presides the
// Security Council on the date in question (derived from the monthly presidencies, never stored) to whom the
// mission's access focal point has given the presidency module. Being on the mission's staff is not enough: the
// presidency reads every delegation's statements before they are published.
import type { Actor } from '../../kernel/authz.js';
import { presidencyOn } from './domain/council.js';

/** The module a mission's focal point gives to the staff who act for the presidency. */
export const PRESIDENCY_MODULE = 'presidency';

/** Whether the actor acts for the State presiding the Council on `isoDate` ('YYYY-MM-DD'). */
export function actsForPresidency(actor: Actor, isoDate: string): boolean {
  if (actor.kind !== 'account' || actor.organisation === null) return false;
  if (actor.role !== 'focal_point' && actor.role !== 'delegate') return false;
  if (!actor.modules.includes(PRESIDENCY_MODULE)) return false;
  const presiding = presidencyOn(isoDate);
  return presiding !== undefined && presiding === actor.organisation;
}
