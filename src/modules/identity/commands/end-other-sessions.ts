// "Sign out of all other sessions": every session of the account but the one in use ends, and its API tokens are
// revoked (someone who took over a session could have made one).
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { revokeTokensWithCredentials } from '../api-tokens.js';
import { endSessionsOf, type SessionSettings } from '../sessions.js';
import { auditActorOf, findAccountById } from './sign-in.js';

export async function endOtherSessions(trx: Transaction, clock: Clock, session: { accountId: string; sessionId: string }): Promise<number> {
  const account = await findAccountById(trx, session.accountId);
  if (!account) throw new AppError('auth.unauthenticated');
  const sessionsEnded = await endSessionsOf(trx, clock, account.id, session.sessionId);
  await revokeTokensWithCredentials(trx, clock, {
    actor: auditActorOf(account),
    accountId: account.id,
    mission: account.organisation,
    because: 'other_sessions_ended',
  });
  await recordAudit(trx, clock, {
    action: 'auth.other_sessions_ended',
    actor: auditActorOf(account),
    subject: { type: 'account', id: account.id },
    data: { mission: account.organisation, sessionsEnded },
  });
  return sessionsEnded;
}

/** The account's sessions still in force (not ended, idle or expired), most recently active first. */
export async function listOwnSessions(db: Database, clock: Clock, settings: SessionSettings, accountId: string) {
  const now = clock.now();
  return db
    .selectFrom('identity.sessions')
    .select(['id', 'created_at', 'last_seen_at', 'user_agent', 'address'])
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null)
    .where('stage', '=', 'active')
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - settings.idleMinutes * 60_000))
    .orderBy('last_seen_at', 'desc')
    .execute();
}
