// The presidency is not a role anyone is given: it is the staff of the mission whose State presides the
// Security Council on the date in question. Derived from the monthly presidencies, never stored.
import type { Actor } from '../../kernel/authz.js';
import { presidencyOn } from './domain/council.js';

/** Whether the actor acts for the State presiding the Council on `isoDate` ('YYYY-MM-DD'). */
export function actsForPresidency(actor: Actor, isoDate: string): boolean {
  if (actor.kind !== 'account' || actor.organisation === null) return false;
  if (actor.role !== 'focal_point' && actor.role !== 'delegate') return false;
  const presiding = presidencyOn(isoDate);
  return presiding !== undefined && presiding === actor.organisation;
}
