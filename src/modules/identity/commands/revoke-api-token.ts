// Revokes one of the signed-in person's own tokens, in the caller's transaction, with its audit entry.
// Revoking a token already revoked changes nothing and records nothing (a double click, a second tab).
import { recordAudit } from '../../../kernel/audit.js';
import type { Actor } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { auditActorOf } from '../api-tokens.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function revokeApiToken(trx: Transaction, clock: Clock, actor: Actor, tokenId: string): Promise<{ revoked: boolean }> {
  if (actor.kind !== 'account' || actor.via.kind !== 'session')
    throw new AppError('auth.forbidden', { detail: 'API tokens are revoked from a browser session' });
  // Another person's token is "not found", never "forbidden": the answer must not confirm that it exists.
  if (!UUID.test(tokenId)) throw new AppError('api_token.not_found', { detail: tokenId });
  const row = await trx
    .selectFrom('identity.api_tokens')
    .select(['id', 'revoked_at'])
    .where('id', '=', tokenId.toLowerCase())
    .where('account_id', '=', actor.id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('api_token.not_found', { detail: tokenId });
  if (row.revoked_at !== null) return { revoked: false };
  await trx.updateTable('identity.api_tokens').set({ revoked_at: clock.now() }).where('id', '=', row.id).execute();
  await recordAudit(trx, clock, {
    action: 'api_token.revoked',
    actor: auditActorOf(actor),
    subject: { type: 'api_token', id: row.id },
    data: { tokenId: row.id, mission: actor.organisation },
  });
  return { revoked: true };
}
