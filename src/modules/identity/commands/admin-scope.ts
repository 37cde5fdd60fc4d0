// Whom an administrator may act on: a mission's focal point acts on the people of their own mission; the help
// desk on any account. A person of another mission is answered "not found", never "forbidden", so guessing ids
// tells nothing; an actor with neither role is forbidden outright.
import { z } from 'zod';
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { UUID } from '../../../kernel/validation.js';
import { MISSION_MANAGE_PEOPLE } from '../../delegations/index.js';
import { HELPDESK_USE } from '../admin-policies.js';
import { findAdminAccount, type AdminAccount } from '../people.js';

export interface Who {
  focalPoint: boolean;
  helpdesk: boolean;
}

/**
 * Loads and locks the account `id` when the actor may act on it. `mission`, when given, is the mission the
 * request was about (the one in the address): the account must belong to it too.
 */
export async function loadManagedAccount(
  trx: Transaction,
  by: Acting,
  target: { accountId: string; mission?: string | undefined },
  who: Who,
): Promise<AdminAccount> {
  const { actor } = by;
  const asFocalPoint = who.focalPoint && actor.organisation !== null && allows(actor, MISSION_MANAGE_PEOPLE, actor.organisation);
  const asHelpdesk = who.helpdesk && allows(actor, HELPDESK_USE);
  if (!asFocalPoint && !asHelpdesk) throw new AppError('auth.forbidden');
  if (!UUID.test(target.accountId)) throw new AppError('account.not_found');
  const account = await findAdminAccount(trx, target.accountId, { forUpdate: true });
  if (!account) throw new AppError('account.not_found');
  if (asFocalPoint && account.mission !== actor.organisation)
    throw new AppError('account.not_found', { detail: 'an account of another mission' });
  if (target.mission !== undefined && account.mission !== target.mission)
    throw new AppError('account.not_found', { detail: 'not of the mission in the address' });
  return account;
}

/** The input of every command about one account: its id, and the mission of the address when there is one. */
export const accountTarget = z.object({ accountId: z.string(), mission: z.string().optional() });
export type AccountTarget = z.input<typeof accountTarget>;
