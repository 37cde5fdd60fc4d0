// Who may schedule and prepare debates, and who keeps the Council data. Pure rules over the actor and, where the route
// knows it, the subject. The Secretariat prepares every debate; the presidency (the staff of the State presiding the
// Council in the meeting's month, derived from the Council data, never stored) prepares the debates of its own month.
// Issuing the letter under a symbol, deciding who may submit beyond the default and keeping the Council's membership
// and presidencies are the Secretariat's alone.
//
// Route guards run before the debate and the Council data are loaded: without a subject, a rule answers "could this
// actor be allowed for some debate" (the Secretariat, or staff holding the presidency module); the handler then loads
// the debate and the Council data and asks again with the subject.
import { definePolicy, type AccountActor, type Actor } from '../../kernel/authz.js';
import { actsForPresidency, holdsPresidencyModule } from './presidency.js';

function signedIn(actor: Actor): actor is AccountActor {
  return actor.kind === 'account';
}

function secretariat(actor: Actor): boolean {
  return signedIn(actor) && actor.role === 'secretariat';
}

/** The subject of the debate policies: the State presiding the Council on the debate's meeting day, null outside the Council data. */
export interface DebateSubject {
  presidingState: string | null;
}

function isDebateSubject(subject: unknown): subject is DebateSubject {
  if (typeof subject !== 'object' || subject === null || !('presidingState' in subject)) return false;
  const state = (subject as DebateSubject).presidingState;
  return state === null || typeof state === 'string';
}

/** The subject of DEBATE_CREATE: the States presiding the Council in some month the Council data covers. */
export interface SchedulingSubject {
  presidingStates: readonly string[];
}

function isSchedulingSubject(subject: unknown): subject is SchedulingSubject {
  return typeof subject === 'object' && subject !== null && Array.isArray((subject as SchedulingSubject).presidingStates);
}

/**
 * Schedule a new debate: the Secretariat, or a presidency (staff holding the presidency module of a State that
 * presides in some month of the data; the command keeps it to its own month).
 */
export const DEBATE_CREATE = definePolicy<unknown>('debate.create', (actor, subject) => {
  if (secretariat(actor)) return true;
  if (!holdsPresidencyModule(actor) || !signedIn(actor)) return false;
  if (subject === undefined) return true;
  return isSchedulingSubject(subject) && actor.organisation !== null && subject.presidingStates.includes(actor.organisation);
});

/** Edit a debate, generate its draft letter, see its desk: the Secretariat, or the presidency of the debate's month. */
export const DEBATE_PREPARE = definePolicy<unknown>('debate.prepare', (actor, subject) => {
  if (secretariat(actor)) return true;
  if (subject === undefined) return holdsPresidencyModule(actor);
  return isDebateSubject(subject) && actsForPresidency(actor, subject.presidingState);
});

/** Issue the announcement letter under a document symbol: the Secretariat. */
export const DEBATE_ISSUE_LETTER = definePolicy('debate.issue_letter', (actor) => secretariat(actor));

/** Let a mission submit beyond the default, or take it back: the Secretariat. */
export const DEBATE_MANAGE_ELIGIBILITY = definePolicy('debate.manage_eligibility', (actor) => secretariat(actor));

/** See the Council's members and presidencies by year, check them, and add the next year: the Secretariat. */
export const COUNCIL_MANAGE = definePolicy('council.manage', (actor) => secretariat(actor));
