// The debate and delegation a statement command acts on: the debate in the address, the actor's own mission, which
// must hold statements access and be among those that may submit to the debate. One round trip brings the debate,
// the missions added to it and its submission window with the late grants; a second, the Council data.
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { isoDateIn } from '../../../kernel/dates.js';
import {
  eligibleDelegations,
  loadCouncil,
  loadDebateForSubmissions,
  type DebateRecord,
  type SubmissionWindow,
} from '../../meetings/index.js';
import { STATEMENTS_SUBMIT } from '../policies.js';

export interface StatementTarget {
  debate: DebateRecord;
  delegation: string;
  /** The window as read with the debate: inside a submitting transaction, under the debate row's share lock. */
  window: SubmissionWindow;
}

/** `lock: 'share'` inside a transaction that decides on the window (see loadDebateForSubmissions). */
export async function statementTarget(
  db: Database | Transaction,
  by: Acting,
  slug: string,
  options: { lock?: 'share' } = {},
): Promise<StatementTarget> {
  if (!allows(by.actor, STATEMENTS_SUBMIT) || by.actor.organisation === null) throw new AppError('auth.forbidden');
  const loaded = await loadDebateForSubmissions(db, slug, options);
  if (!loaded) throw new AppError('debate.not_found', { detail: slug });
  const { debate, added, window } = loaded;
  const delegation = by.actor.organisation;
  const eligible = eligibleDelegations(await loadCouncil(db), isoDateIn(debate.starts_at, debate.time_zone), added);
  if (!eligible.codes.includes(delegation)) throw new AppError('statement.not_eligible', { detail: `${delegation} for ${slug}` });
  return { debate, delegation, window };
}
