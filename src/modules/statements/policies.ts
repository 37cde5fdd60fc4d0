// Who may submit written statements, and who reviews them. Staff of a mission to whom its access focal point has
// given the statements module submit (focal points included, once they have given it to themselves); the
// delegation is always the actor's own mission, and eligibility for a debate and its window are checked by the
// commands. The Secretariat reviews every delegation's statements.
import { allows, definePolicy, type Actor } from '../../kernel/authz.js';
import { holdsModule, isMissionStaff, isSecretariat } from '../../kernel/authz-predicates.js';
import { actsForPresidency } from '../meetings/index.js';

export const STATEMENTS_SUBMIT = definePolicy('statements.submit', (actor) => holdsModule(actor, 'statements'));

/** Whether the actor may submit written statements at all (what the debate page asks, to offer the form). */
export function maySubmitStatements(actor: Actor): boolean {
  return allows(actor, STATEMENTS_SUBMIT);
}

/** "My statements": the people of a mission (its delegates and focal points), whatever modules they hold. */
export const STATEMENTS_VIEW_OWN = definePolicy('statements.view_own', (actor) => isMissionStaff(actor));

/** The review desk: see every statement of a debate, accept or return it. */
export const STATEMENTS_REVIEW = definePolicy('statements.review', isSecretariat);

// -- Reading statements: private until the compilation is issued -------------------------------------------------
// Before the debate's compilation is issued, a statement is seen by the Secretariat, the presidency (the staff of the
// State presiding the Council in the meeting's month, as for preparing the debate) and its own mission's people who
// hold the statements module. Once a compilation is issued, the statements that are its frozen inputs are public;
// the others (never accepted, withdrawn, sent after the build) stay private.

/**
 * What the statement policies are about: the State presiding the Council on the debate's meeting day (from the Council
 * data; null where it does not cover that day), and one statement.
 */
export interface StatementSubject {
  presidingState: string | null;
  /** The code of the mission whose statement it is. */
  delegation: string;
  /** Whether the statement is one of the frozen inputs of the debate's issued compilation. */
  published: boolean;
}

/**
 * Whether the actor may see every delegation's statements to a debate before they are published, given the State
 * presiding the Council on its meeting day (null where the Council data does not cover it).
 */
export function maySeeAllStatements(actor: Actor, presidingState: string | null): boolean {
  return isSecretariat(actor) || actsForPresidency(actor, presidingState);
}

/** The pure rule behind STATEMENTS_READ. */
export function mayReadStatement(actor: Actor, subject: StatementSubject): boolean {
  if (subject.published) return true;
  if (maySeeAllStatements(actor, subject.presidingState)) return true;
  return subject.delegation !== '' && isMissionStaff(actor, subject.delegation) && holdsModule(actor, 'statements');
}

/**
 * Read one delegation's statement (its page and its original file). The routes load the debate and what is published
 * before the guard, which decides with the statement as subject; a refusal answers "not found", so a private
 * statement's existence is not revealed.
 */
export const STATEMENTS_READ = definePolicy<StatementSubject>(
  'statements.read',
  (actor, subject) => subject.delegation !== '' && mayReadStatement(actor, subject),
);

/**
 * See the list of every delegation's statement to a debate, read-only: the Secretariat, and the presidency of the
 * debate's month (the subject: the State presiding on the debate's meeting day).
 */
export const STATEMENTS_OVERSEE = definePolicy<{ presidingState: string | null }>('statements.oversee', (actor, subject) =>
  maySeeAllStatements(actor, subject.presidingState),
);
