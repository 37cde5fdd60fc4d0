// Who may submit written statements, and who reviews them. Staff of a mission to whom its access focal point has
// given the statements module submit (focal points included, once they have given it to themselves); the
// delegation is always the actor's own mission, and eligibility for a debate and its window are checked by the
// commands. The Secretariat reviews every delegation's statements.
import { definePolicy } from '../../kernel/authz.js';

export const STATEMENTS_SUBMIT = definePolicy(
  'statements.submit',
  (actor) => actor.kind === 'account' && actor.organisation !== null && (actor.role === 'delegate' || actor.role === 'focal_point') && actor.modules.includes('statements'),
);

/** The review desk: see every statement of a debate, accept or return it. */
export const STATEMENTS_REVIEW = definePolicy('statements.review', (actor) => actor.kind === 'account' && actor.role === 'secretariat');
