// Signing out ends the session on the server (the cookie alone would not be enough: a copy of it would still work).
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { endSession } from '../sessions.js';
import { auditActorOf, findAccountById } from './sign-in.js';

export async function signOut(trx: Transaction, clock: Clock, session: { accountId: string; sessionId: string }): Promise<void> {
  await endSession(trx, clock, session.sessionId);
  const account = await findAccountById(trx, session.accountId);
  if (!account) return;
  await recordAudit(trx, clock, {
    action: 'auth.signed_out',
    actor: auditActorOf(account),
    subject: { type: 'account', id: account.id },
    data: { mission: account.organisation },
  });
}
