// Single-use links (invitations, password resets, sign-in links issued by the help desk). The e-mail carries
// a random token; the database keeps only its SHA-256, its purpose and its expiry. A link works once.
import type { Clock } from '../../kernel/clock.js';
import type { Transaction } from '../../kernel/db/database.js';
import type { LinksTable } from './tables.js';
import { hashToken, newToken } from './sessions.js';

export type LinkPurpose = LinksTable['purpose'];

/** Where each kind of link leads; the token is the last path segment. */
export const linkPaths: Record<LinkPurpose, string> = {
  invitation: '/invitations',
  password_reset: '/password/reset',
};

export async function issueLink(
  trx: Transaction,
  clock: Clock,
  link: { accountId: string; purpose: LinkPurpose; createdBy: string | null; ttlMinutes: number },
): Promise<{ token: string; path: string; expiresAt: Date }> {
  const token = newToken();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + link.ttlMinutes * 60_000);
  // A new link replaces any earlier unused one of the same purpose: only the latest e-mail works.
  await trx
    .updateTable('identity.links')
    .set({ used_at: now })
    .where('account_id', '=', link.accountId)
    .where('purpose', '=', link.purpose)
    .where('used_at', 'is', null)
    .execute();
  await trx
    .insertInto('identity.links')
    .values({
      id: hashToken(token),
      account_id: link.accountId,
      purpose: link.purpose,
      created_at: now,
      created_by: link.createdBy,
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { token, path: `${linkPaths[link.purpose]}/${token}`, expiresAt };
}

export type LinkCheck = { ok: true; accountId: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Looks a link up without using it (to show its form). */
export async function checkLink(trx: Transaction, clock: Clock, token: string, purpose: LinkPurpose): Promise<LinkCheck> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: 'unknown' };
  const row = await trx
    .selectFrom('identity.links')
    .selectAll()
    .where('id', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.used_at !== null) return { ok: false, reason: 'used' };
  if (clock.now().getTime() >= row.expires_at.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, accountId: row.account_id };
}

/** Uses a link: succeeds once, inside the transaction that does what the link allows. */
export async function consumeLink(trx: Transaction, clock: Clock, token: string, purpose: LinkPurpose): Promise<LinkCheck> {
  const check = await checkLink(trx, clock, token, purpose);
  if (!check.ok) return check;
  const used = await trx
    .updateTable('identity.links')
    .set({ used_at: clock.now() })
    .where('id', '=', hashToken(token))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  // Two tabs submitting the same link at once: only one update wins.
  if (used.numUpdatedRows === 0n) return { ok: false, reason: 'used' };
  return check;
}
