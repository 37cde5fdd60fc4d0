// Who may submit written statements, and who reviews them. Staff of a mission to whom its access focal point has
// given the statements module submit (focal points included, once they have given it to themselves); the
// delegation is always the actor's own mission, and eligibility for a debate and its window are checked by the
// commands. The Secretariat reviews every delegation's statements.
import { definePolicy, type Actor } from '../../kernel/authz.js';
import { actsForPresidency, PRESIDENCY_MODULE } from '../meetings/index.js';

export const STATEMENTS_SUBMIT = definePolicy(
  'statements.submit',
  (actor) =>
    actor.kind === 'account' &&
    actor.organisation !== null &&
    (actor.role === 'delegate' || actor.role === 'focal_point') &&
    actor.modules.includes('statements'),
);

/** "My statements": the people of a mission (its delegates and focal points), whatever modules they hold. */
export const STATEMENTS_VIEW_OWN = definePolicy(
  'statements.view_own',
  (actor) => actor.kind === 'account' && (actor.role === 'delegate' || actor.role === 'focal_point') && actor.organisation !== null,
);

/** The review desk: see every statement of a debate, accept or return it. */
export const STATEMENTS_REVIEW = definePolicy('statements.review', (actor) => actor.kind === 'account' && actor.role === 'secretariat');

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

function isStatementSubject(subject: unknown): subject is StatementSubject {
  if (typeof subject !== 'object' || subject === null) return false;
  const s = subject as StatementSubject;
  return (
    (s.presidingState === null || typeof s.presidingState === 'string') &&
    typeof s.delegation === 'string' &&
    s.delegation !== '' &&
    typeof s.published === 'boolean'
  );
}

function isSecretariat(actor: Actor): boolean {
  return actor.kind === 'account' && actor.role === 'secretariat';
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
  return (
    actor.kind === 'account' &&
    actor.organisation === subject.delegation &&
    (actor.role === 'delegate' || actor.role === 'focal_point') &&
    actor.modules.includes('statements')
  );
}

/**
 * Read one delegation's statement (its page and its original file). The route guard runs before the debate is
 * loaded and lets everyone through (a published statement is public); the handler asks again with the statement
 * as subject and answers "not found" when refused, so a private statement's existence is not revealed.
 */
export const STATEMENTS_READ = definePolicy<unknown>(
  'statements.read',
  (actor, subject) => subject === undefined || (isStatementSubject(subject) && mayReadStatement(actor, subject)),
);

/**
 * See the list of every delegation's statement to a debate, read-only: the Secretariat, and the presidency of the
 * debate's month. Without a subject (the route guard), the Secretariat and mission staff holding the presidency
 * module get through; the handler asks again with the State presiding on the debate's meeting day.
 */
export const STATEMENTS_OVERSEE = definePolicy<unknown>('statements.oversee', (actor, subject) => {
  if (subject === undefined) {
    return (
      isSecretariat(actor) ||
      (actor.kind === 'account' &&
        actor.organisation !== null &&
        (actor.role === 'delegate' || actor.role === 'focal_point') &&
        actor.modules.includes(PRESIDENCY_MODULE))
    );
  }
  const presidingState =
    typeof subject === 'object' && subject !== null ? (subject as { presidingState?: unknown }).presidingState : undefined;
  return (presidingState === null || typeof presidingState === 'string') && maySeeAllStatements(actor, presidingState);
});
