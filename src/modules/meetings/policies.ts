// Who may schedule and prepare debates. Pure rules over the actor and, where the route knows it, the debate's
// meeting day. The Secretariat prepares every debate; the presidency (the staff of the State presiding the
// Council in the meeting's month, derived, never stored) prepares the debates of its own month. Issuing the letter
// under a symbol and deciding who may submit beyond the default are the Secretariat's alone.
//
// Route guards run before the debate is loaded: without a subject, a rule answers "could this actor be allowed
// for some debate" (the Secretariat, or staff of a State that holds a presidency); the handler then loads the
// debate and asks again with its meeting day.
import { definePolicy, type AccountActor, type Actor } from '../../kernel/authz.js';
import { holdsAnyPresidency } from './domain/council.js';
import { actsForPresidency, PRESIDENCY_MODULE } from './presidency.js';

function signedIn(actor: Actor): actor is AccountActor {
  return actor.kind === 'account';
}

function secretariat(actor: Actor): boolean {
  return signedIn(actor) && actor.role === 'secretariat';
}

/** Staff with the presidency module of a mission whose State presides the Council in some month (a possible presidency). */
function presidencyStaff(actor: Actor): boolean {
  return (
    signedIn(actor) &&
    (actor.role === 'focal_point' || actor.role === 'delegate') &&
    actor.organisation !== null &&
    actor.modules.includes(PRESIDENCY_MODULE) &&
    holdsAnyPresidency(actor.organisation)
  );
}

/** The subject of the debate policies: the debate's meeting day, 'YYYY-MM-DD' in its zone. */
export interface DebateSubject {
  meetingDay: string;
}

function isDebateSubject(subject: unknown): subject is DebateSubject {
  return typeof subject === 'object' && subject !== null && typeof (subject as DebateSubject).meetingDay === 'string';
}

/** Schedule a new debate: the Secretariat, or a presidency (the command keeps it to its own month). */
export const DEBATE_CREATE = definePolicy('debate.create', (actor) => secretariat(actor) || presidencyStaff(actor));

/** Edit a debate, generate its draft letter, see its desk: the Secretariat, or the presidency of the debate's month. */
export const DEBATE_PREPARE = definePolicy<unknown>('debate.prepare', (actor, subject) => {
  if (secretariat(actor)) return true;
  if (subject === undefined) return presidencyStaff(actor);
  return isDebateSubject(subject) && actsForPresidency(actor, subject.meetingDay);
});

/** Issue the announcement letter under a document symbol: the Secretariat. */
export const DEBATE_ISSUE_LETTER = definePolicy('debate.issue_letter', (actor) => secretariat(actor));

/** Let a mission submit beyond the default, or take it back: the Secretariat. */
export const DEBATE_MANAGE_ELIGIBILITY = definePolicy('debate.manage_eligibility', (actor) => secretariat(actor));
