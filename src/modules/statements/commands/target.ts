// The debate and delegation a statement command acts on: the debate in the address, the actor's own mission, which
// must hold statements access and be among those that may submit to the debate.
import { allows } from '../../../kernel/authz.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Acting } from '../../identity/index.js';
import { addedDelegations, eligibleDelegations, findDebateBySlug, type DebateRecord } from '../../meetings/index.js';
import { STATEMENTS_SUBMIT } from '../policies.js';

export interface StatementTarget {
  debate: DebateRecord;
  delegation: string;
}

export async function statementTarget(trx: Transaction, by: Acting, slug: string): Promise<StatementTarget> {
  if (!allows(by.actor, STATEMENTS_SUBMIT) || by.actor.organisation === null) throw new AppError('auth.forbidden');
  const debate = await findDebateBySlug(trx, slug);
  if (!debate) throw new AppError('debate.not_found', { detail: slug });
  const delegation = by.actor.organisation;
  const eligible = eligibleDelegations(isoDateIn(debate.starts_at, debate.time_zone), await addedDelegations(trx, debate.id));
  if (!eligible.codes.includes(delegation)) throw new AppError('statement.not_eligible', { detail: `${delegation} for ${slug}` });
  return { debate, delegation };
}
