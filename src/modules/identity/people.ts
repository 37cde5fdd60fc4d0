// Reading accounts for the administration pages and commands: a mission's people, the help desk's search, one
// account with what the help desk needs to fix it. Never a password hash, a secret or a token leaves here.
import type { SqlBool } from 'kysely';
import type { AuditActor } from '../../kernel/audit.js';
import type { AccountActor, Acting } from '../../kernel/authz.js';
import type { Database, Transaction } from '../../kernel/db/database.js';
import { likePattern } from '../delegations/index.js';
import type { Role } from './tables.js';
import { throttleSummary } from './throttle.js';

type Queryable = Database | Transaction;

export function auditActorOf(by: Acting): AuditActor {
  return { id: by.actor.id, label: by.label };
}

/** The acting account's name for the audit log (its display name as it is now; the log keeps it as written). */
export async function actingAs(db: Queryable, actor: AccountActor): Promise<Acting> {
  // The session or token that identified the actor already read the name, in the same request.
  if (actor.name !== undefined) return { actor, label: actor.name };
  const row = await db.selectFrom('identity.accounts').select('display_name').where('id', '=', actor.id).executeTakeFirst();
  return { actor, label: row?.display_name ?? `account ${actor.id}` };
}

export interface AdminAccount {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** The mission's code; null for help desk and Secretariat staff. */
  mission: string | null;
  disabledAt: Date | null;
  /** False until the invitation is accepted. */
  hasPassword: boolean;
  createdAt: Date;
}

const adminColumns = ['a.id', 'a.email', 'a.display_name', 'a.role', 'a.organisation', 'a.disabled_at', 'a.created_at'] as const;

function toAdmin(r: {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  organisation: string | null;
  disabled_at: Date | null;
  created_at: Date;
  has_password: SqlBool;
}): AdminAccount {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    mission: r.organisation,
    disabledAt: r.disabled_at,
    hasPassword: Boolean(r.has_password),
    createdAt: r.created_at,
  };
}

/** One account, locked for the change when asked (so two help desk officers cannot act on it at once). */
export async function findAdminAccount(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<AdminAccount | undefined> {
  let q = db
    .selectFrom('identity.accounts as a')
    .select(adminColumns)
    .select((eb) => eb('a.password_hash', 'is not', null).as('has_password'))
    .where('a.id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toAdmin(row) : undefined;
}

/** Whether some account already uses this address (addresses are compared trimmed and lower-cased). */
export async function emailInUse(db: Queryable, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('identity.accounts')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

export type InvitationState = 'pending' | 'expired';

export interface Person extends AdminAccount {
  /** Module access granted and not revoked ('statements'). */
  modules: string[];
  /** For an account without a password: whether its latest invitation link can still be used. */
  invitation: { state: InvitationState; expiresAt: Date } | null;
}

async function withAccess(db: Queryable, accounts: AdminAccount[], now: Date): Promise<Person[]> {
  if (accounts.length === 0) return [];
  const ids = accounts.map((a) => a.id);
  const grants = await db
    .selectFrom('identity.module_grants')
    .select(['account_id', 'module'])
    .where('account_id', 'in', ids)
    .where('revoked_at', 'is', null)
    .execute();
  const invited = accounts.filter((a) => !a.hasPassword).map((a) => a.id);
  const links =
    invited.length === 0
      ? []
      : await db
          .selectFrom('identity.links')
          .select(['account_id', 'expires_at', 'used_at', 'created_at'])
          .where('account_id', 'in', invited)
          .where('purpose', '=', 'invitation')
          .orderBy('created_at', 'desc')
          .execute();
  return accounts.map((a) => {
    const latest = a.hasPassword ? undefined : links.find((l) => l.account_id === a.id);
    const usable = latest !== undefined && latest.used_at === null && latest.expires_at.getTime() > now.getTime();
    return {
      ...a,
      modules: grants.filter((g) => g.account_id === a.id).map((g) => g.module),
      invitation: a.hasPassword ? null : { state: usable ? 'pending' : 'expired', expiresAt: latest?.expires_at ?? a.createdAt },
    };
  });
}

/** The people of a mission, by name. */
export async function peopleOfMission(db: Queryable, mission: string, now: Date): Promise<Person[]> {
  const rows = await db
    .selectFrom('identity.accounts as a')
    .select(adminColumns)
    .select((eb) => eb('a.password_hash', 'is not', null).as('has_password'))
    .where('a.organisation', '=', mission)
    .orderBy('a.display_name')
    .orderBy('a.email')
    .execute();
  return withAccess(db, rows.map(toAdmin), now);
}

export const SEARCH_LIMIT = 50;

/**
 * Accounts whose e-mail or name contains `text`, or that belong to one of `missions` (the missions whose code or
 * name matched, found by the caller), by name; at most SEARCH_LIMIT.
 */
export async function searchAccounts(db: Queryable, text: string, missions: readonly string[], now: Date): Promise<Person[]> {
  const t = text.trim();
  if (t === '') return [];
  const pattern = likePattern(t);
  const rows = await db
    .selectFrom('identity.accounts as a')
    .select(adminColumns)
    .select((eb) => eb('a.password_hash', 'is not', null).as('has_password'))
    .where((eb) => {
      const any = [eb('a.email', 'ilike', pattern), eb('a.display_name', 'ilike', pattern)];
      if (missions.length > 0) any.push(eb('a.organisation', 'in', [...missions]));
      return eb.or(any);
    })
    .orderBy('a.display_name')
    .orderBy('a.email')
    .limit(SEARCH_LIMIT)
    .execute();
  return withAccess(db, rows.map(toAdmin), now);
}

export interface HelpdeskView extends Person {
  /** Two-step verification: none, started but not confirmed, or set up. */
  mfa: 'none' | 'unconfirmed' | 'confirmed';
  recoveryCodesLeft: number;
  /** The latest lock now held on a network address trying this account, if any. */
  lockedUntil: Date | null;
  /** Network addresses locked out of this account now. */
  lockedAddresses: number;
  /** Failed attempts on the account within the hour, from anywhere. */
  recentFailures: number;
  /** Attempts on the account are being spaced out. */
  slowed: boolean;
  activeSessions: number;
}

/** One account with what the help desk needs to see to fix an access problem. */
export async function helpdeskView(db: Queryable, id: string, now: Date): Promise<HelpdeskView | undefined> {
  const account = await findAdminAccount(db, id);
  if (!account) return undefined;
  const [person] = await withAccess(db, [account], now);
  if (!person) return undefined;
  const mfa = await db.selectFrom('identity.mfa').select('confirmed_at').where('account_id', '=', id).executeTakeFirst();
  const codes = await db
    .selectFrom('identity.recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  const throttle = await throttleSummary(db, account.email, now);
  const sessions = await db
    .selectFrom('identity.sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', id)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return {
    ...person,
    mfa: mfa ? (mfa.confirmed_at ? 'confirmed' : 'unconfirmed') : 'none',
    recoveryCodesLeft: Number(codes.n),
    ...throttle,
    activeSessions: Number(sessions.n),
  };
}

/** Current display names of accounts, for describing the audit trail. */
export async function accountNames(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('identity.accounts')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** An account's e-mail address, whatever its state (a receipt or a return goes to whoever submitted). */
export async function emailOf(db: Queryable, accountId: string): Promise<string | undefined> {
  const row = await db.selectFrom('identity.accounts').select('email').where('id', '=', accountId).executeTakeFirst();
  return row?.email;
}

/**
 * The access focal points who can act for each mission today (active, invitation accepted), by mission code: whom
 * mission-wide notices such as deadline reminders are sent to.
 */
export async function activeFocalPoints(
  db: Queryable,
  missions: readonly string[],
): Promise<Map<string, Array<{ email: string; name: string }>>> {
  const out = new Map<string, Array<{ email: string; name: string }>>();
  if (missions.length === 0) return out;
  const rows = await db
    .selectFrom('identity.accounts')
    .select(['organisation', 'email', 'display_name'])
    .where('role', '=', 'focal_point')
    .where('organisation', 'in', [...missions])
    .where('disabled_at', 'is', null)
    .where('password_hash', 'is not', null)
    .orderBy('email')
    .execute();
  for (const r of rows) {
    if (r.organisation === null) continue;
    out.set(r.organisation, [...(out.get(r.organisation) ?? []), { email: r.email, name: r.display_name }]);
  }
  return out;
}
