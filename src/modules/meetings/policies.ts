// Who may schedule and prepare debates, and who keeps the Council data. Pure rules over the actor and the subject.
// The Secretariat prepares every debate; the presidency (the staff of the State presiding the Council in the meeting's
// month, derived from the Council data, never stored) prepares the debates of its own month. Issuing the letter under a
// symbol, deciding who may submit beyond the default, allowing late submissions and keeping the Council's membership
// and presidencies are the Secretariat's alone.
//
// The debate routes load the debate in the address and the Council data before their guard runs (`load`), so each
// policy decides once, with its subject.
import { definePolicy, type Actor } from '../../kernel/authz.js';
import { isSecretariat, isSignedIn } from '../../kernel/authz-predicates.js';
import { actsForPresidency, holdsPresidencyModule } from './presidency.js';

/** The subject of the debate policies: the State presiding the Council on the debate's meeting day, null outside the Council data. */
export interface DebateSubject {
  presidingState: string | null;
}

/** The subject of DEBATE_CREATE: the States presiding the Council in some month the Council data covers. */
export interface SchedulingSubject {
  presidingStates: readonly string[];
}

/**
 * Whether the actor could schedule a debate for some month: the Secretariat, or staff holding the presidency module.
 * Pages ask it before reading the Council data, to offer the "new debate" link without a query for everyone else.
 */
export function maySchedule(actor: Actor): boolean {
  return isSecretariat(actor) || holdsPresidencyModule(actor);
}

/**
 * Schedule a new debate: the Secretariat, or a presidency (staff holding the presidency module of a State that
 * presides in some month of the data; the command keeps it to its own month).
 */
export const DEBATE_CREATE = definePolicy<SchedulingSubject>('debate.create', (actor, subject) => {
  if (isSecretariat(actor)) return true;
  if (!holdsPresidencyModule(actor) || !isSignedIn(actor)) return false;
  return actor.organisation !== null && subject.presidingStates.includes(actor.organisation);
});

/** Edit a debate, generate its draft letter, see its desk: the Secretariat, or the presidency of the debate's month. */
export const DEBATE_PREPARE = definePolicy<DebateSubject>(
  'debate.prepare',
  (actor, subject) => isSecretariat(actor) || actsForPresidency(actor, subject.presidingState),
);

/** Issue the announcement letter under a document symbol: the Secretariat. */
export const DEBATE_ISSUE_LETTER = definePolicy('debate.issue_letter', isSecretariat);

/** Let a mission submit beyond the default, or take it back: the Secretariat. */
export const DEBATE_MANAGE_ELIGIBILITY = definePolicy('debate.manage_eligibility', isSecretariat);

/** Allow or revoke a late submission: Secretariat officers only (signed in, by session or token). */
export const DEBATE_GRANT_LATE = definePolicy('debate.grant_late', isSecretariat);

/** See the Council's members and presidencies by year, check them, and add the next year: the Secretariat. */
export const COUNCIL_MANAGE = definePolicy('council.manage', isSecretariat);
