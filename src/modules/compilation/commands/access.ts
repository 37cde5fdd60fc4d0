// What every command on a compilation run checks first: the Secretariat acts, and the debate exists.
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { findDebateBySlug, lockDebate, type DebateRecord } from '../../meetings/index.js';
import { COMPILATION_MANAGE } from '../policies.js';

export function requireSecretariat(by: Acting): void {
  if (!allows(by.actor, COMPILATION_MANAGE)) throw new AppError('auth.forbidden');
}

/**
 * The debate, its row locked until the transaction ends when `lock` is set: builds and issues of one debate take
 * this lock first, so a command that locks a run afterwards keeps their order and cannot deadlock with them.
 */
export async function debateFor(trx: Transaction, slug: string, options: { lock?: boolean } = {}): Promise<DebateRecord> {
  if (options.lock) return lockDebate(trx, slug);
  const debate = await findDebateBySlug(trx, slug);
  if (!debate) throw new AppError('debate.not_found', { detail: slug });
  return debate;
}
