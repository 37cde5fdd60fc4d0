// Who may submit written statements: staff of a mission to whom its access focal point has given the statements
// module (focal points included, once they have given it to themselves). The delegation is always the actor's own
// mission; eligibility for a debate and its window are checked by the commands.
import { definePolicy } from '../../kernel/authz.js';

export const STATEMENTS_SUBMIT = definePolicy(
  'statements.submit',
  (actor) => actor.kind === 'account' && actor.organisation !== null && (actor.role === 'delegate' || actor.role === 'focal_point') && actor.modules.includes('statements'),
);
