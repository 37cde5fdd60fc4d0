// Where a person lands after signing in when no page was asked for: the page of their everyday work. Delegates and
// focal points: their delegation's statements in the open debates; the Secretariat: the debates with work waiting;
// the help desk: its search. A page asked for (`next`, such as the form a session expired on) always comes first.
import type { StaffRole } from '../../../kernel/authz.js';

export const LANDING_PAGES: Readonly<Record<StaffRole, string>> = {
  delegate: '/my/statements',
  focal_point: '/my/statements',
  secretariat: '/work',
  helpdesk: '/helpdesk',
};

export function landingFor(actor: { role: StaffRole }): string {
  return LANDING_PAGES[actor.role];
}

/** The page asked for, or the person's landing page when none was (`safeNextPath` gives '/' for none). */
export function destinationAfterSignIn(next: string, actor: { role: StaffRole }): string {
  return next === '/' ? landingFor(actor) : next;
}
