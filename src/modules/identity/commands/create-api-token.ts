// Creates a personal access token for the signed-in person, in the caller's transaction, with its audit entry.
// The token itself is returned this once, to be shown to its owner; only its SHA-256 is stored.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../kernel/audit.js';
import type { Actor } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import {
  auditActorOf,
  countActiveApiTokens,
  hashApiToken,
  MAX_ACTIVE_API_TOKENS,
  newApiToken,
  parseApiTokenInput,
  type ApiScope,
  type RawApiTokenInput,
} from '../api-tokens.js';

export interface CreatedApiToken {
  id: string;
  /** The secret: shown once, never stored. */
  token: string;
  name: string;
  scopes: ApiScope[];
  expiresAt: Date;
}

export async function createApiToken(trx: Transaction, clock: Clock, actor: Actor, raw: RawApiTokenInput): Promise<CreatedApiToken> {
  // Only a person in a browser session makes tokens: a token that could mint tokens would survive its revocation.
  if (actor.kind !== 'account' || actor.via.kind !== 'session')
    throw new AppError('auth.forbidden', { detail: 'API tokens are created from a browser session' });
  const parsed = parseApiTokenInput(raw, actor.role);
  if (!parsed.ok) throw new AppError('api_token.invalid', { detail: Object.values(parsed.errors).join(' ') });
  const { name, scopes, expiresInDays } = parsed.value;
  const now = clock.now();
  if ((await countActiveApiTokens(trx, actor.id, now)) >= MAX_ACTIVE_API_TOKENS) throw new AppError('api_token.too_many');

  const id = randomUUID();
  const token = newApiToken();
  const expiresAt = new Date(now.getTime() + expiresInDays * 86_400_000);
  await trx
    .insertInto('identity.api_tokens')
    .values({
      id,
      account_id: actor.id,
      name,
      token_hash: hashApiToken(token),
      scopes,
      created_at: now,
      expires_at: expiresAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  // The name is the owner's free text and stays out of the log; the id ties the entry to the row.
  await recordAudit(trx, clock, {
    action: 'api_token.created',
    actor: auditActorOf(actor),
    subject: { type: 'api_token', id },
    data: { tokenId: id, mission: actor.organisation, scopes, expiresAt: expiresAt.toISOString() },
  });
  return { id, token, name, scopes, expiresAt };
}
