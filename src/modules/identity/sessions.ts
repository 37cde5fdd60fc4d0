// Server-side sessions. The browser holds a random token in an HttpOnly cookie; the database holds only its
// SHA-256, so a copy of the table cannot be replayed. A session ends after SESSION_IDLE_MINUTES without a
// request, SESSION_MAX_HOURS after sign-in, at sign-out, or when the account is disabled.
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../kernel/authz.js';
import type { Clock } from '../../kernel/clock.js';
import type { Database, Transaction } from '../../kernel/db/database.js';
import type { SessionStage } from './tables.js';
import { currentModules } from './db.js';

export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 32 random bytes, URL-safe: the secret part of a cookie, a link or an API token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function createSession(
  trx: Transaction,
  clock: Clock,
  settings: SessionSettings,
  accountId: string,
  stage: SessionStage,
  meta: { userAgent?: string | undefined; address?: string | undefined },
): Promise<{ token: string; id: string }> {
  const token = newToken();
  const id = hashToken(token);
  const now = clock.now();
  await trx
    .insertInto('identity.sessions')
    .values({
      id,
      account_id: accountId,
      stage,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + settings.maxHours * 3_600_000),
      ended_at: null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      address: meta.address?.slice(0, 64) ?? null,
    })
    .execute();
  return { token, id };
}

// Writing last_seen_at on every request would turn every page view into a write; once a minute is enough
// for an idle timeout counted in minutes.
const TOUCH_EVERY_MS = 60_000;

/** The actor behind a session cookie, or undefined when the session is unknown, ended, idle or expired. */
export async function resolveSession(db: Database, clock: Clock, settings: SessionSettings, token: string): Promise<Actor | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const id = hashToken(token);
  const now = clock.now();
  const row = await db
    .selectFrom('identity.sessions as s')
    .innerJoin('identity.accounts as a', 'a.id', 's.account_id')
    .select([
      's.id',
      's.stage',
      's.last_seen_at',
      's.expires_at',
      's.ended_at',
      'a.id as account_id',
      'a.role',
      'a.organisation',
      'a.display_name',
      'a.disabled_at',
    ])
    .select((eb) => currentModules(eb))
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || row.ended_at !== null || row.disabled_at !== null) return undefined;
  if (now.getTime() >= row.expires_at.getTime()) return undefined;
  if (now.getTime() - row.last_seen_at.getTime() >= settings.idleMinutes * 60_000) return undefined;
  if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
    await db.updateTable('identity.sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  if (row.stage !== 'active') return { kind: 'pending', accountId: row.account_id, sessionId: row.id, stage: row.stage };
  return {
    kind: 'account',
    id: row.account_id,
    role: row.role,
    organisation: row.organisation,
    modules: row.modules ?? [],
    name: row.display_name,
    via: { kind: 'session', sessionId: row.id },
  };
}

export async function endSession(trx: Transaction | Database, clock: Clock, sessionId: string): Promise<void> {
  await trx
    .updateTable('identity.sessions')
    .set({ ended_at: clock.now() })
    .where('id', '=', sessionId)
    .where('ended_at', 'is', null)
    .execute();
}

/** Ends every session of an account (password change, deactivation), except optionally the one in use. */
export async function endSessionsOf(trx: Transaction, clock: Clock, accountId: string, except?: string): Promise<number> {
  let q = trx
    .updateTable('identity.sessions')
    .set({ ended_at: clock.now() })
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null);
  if (except) q = q.where('id', '!=', except);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
