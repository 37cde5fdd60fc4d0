// Personal access tokens for the JSON API. A token is `rst_` and 43 URL-safe characters (32 random bytes);
// the prefix lets secret scanners and people recognise one. The database keeps only the SHA-256 of the whole
// token, so a copy of the table cannot be replayed. A token acts as its owner within the scopes chosen at
// creation, and never beyond what the owner's role allows today (a role can change after the token was made).
import { definePolicy, type AccountActor, type Actor } from '../../kernel/authz.js';
import { sql } from 'kysely';
import { recordAudit, type AuditActor } from '../../kernel/audit.js';
import type { Clock } from '../../kernel/clock.js';
import type { Database, Transaction } from '../../kernel/db/database.js';
import { roles, type Role } from './tables.js';
import { hashToken, newToken } from './sessions.js';
import { currentModules } from './db.js';

export const API_TOKEN_PREFIX = 'rst_';
const API_TOKEN_PATTERN = /^rst_[A-Za-z0-9_-]{43}$/;

/** The closed list of scopes, what each lets a program do, and which roles may hold it. */
export const apiScopes = {
  'me:read': {
    description: 'See who the token belongs to: name, role, mission, module access, and the token’s own scopes and expiry.',
    roles,
  },
  'debates:read': {
    description: 'Read debates: their dates and times with the time zone, briefers and submission window.',
    roles,
  },
  'mission:read': {
    description: 'Read your mission’s staff, their module access and its signatories.',
    roles: ['focal_point'],
  },
  'mission:write': {
    description: 'Change your mission’s staff access and signatories, as you can on the mission pages.',
    roles: ['focal_point'],
  },
  'statements:read': {
    description: 'Read your delegation’s written statements to debates: their state, versions and receipts (needs access to statements).',
    roles: ['focal_point', 'delegate'],
    module: 'statements',
  },
  'statements:write': {
    description: 'Submit, replace and withdraw your delegation’s written statements, with their receipts (needs access to statements).',
    roles: ['focal_point', 'delegate'],
    module: 'statements',
  },
} as const satisfies Record<string, { description: string; roles: readonly Role[]; module?: string }>;

export type ApiScope = keyof typeof apiScopes;
export const apiScopeNames = Object.keys(apiScopes) as ApiScope[];

export function isApiScope(value: string): value is ApiScope {
  return Object.hasOwn(apiScopes, value);
}

/** The scopes a person in this role may give a token, in the catalogue's order. */
export function scopesForRole(role: Role): ApiScope[] {
  return apiScopeNames.filter((s) => (apiScopes[s].roles as readonly Role[]).includes(role));
}

export const API_TOKEN_DAYS = { min: 1, max: 365, default: 90 } as const;
/** Active (neither revoked nor expired) tokens one person may hold at once. */
export const MAX_ACTIVE_API_TOKENS = 25;

export function newApiToken(): string {
  return API_TOKEN_PREFIX + newToken();
}

export function isWellFormedApiToken(token: string): boolean {
  return API_TOKEN_PATTERN.test(token);
}

/** SHA-256 (hex) of the whole token, prefix included: what identity.api_tokens.token_hash holds. */
export function hashApiToken(token: string): string {
  return hashToken(token);
}

// ---- Creating: the form's rules, shared by the page (to show errors by field) and the command (to enforce). ----

export interface ApiTokenInput {
  name: string;
  scopes: ApiScope[];
  expiresInDays: number;
}

export type ApiTokenInputErrors = Partial<Record<'name' | 'scopes' | 'expiresInDays', string>>;

export type ApiTokenInputResult = { ok: true; value: ApiTokenInput } | { ok: false; errors: ApiTokenInputErrors };

export interface RawApiTokenInput {
  name?: unknown;
  scopes?: unknown;
  expiresInDays?: unknown;
}

/** Checks what the create form sent against the rules and the scopes this role may hold. */
export function parseApiTokenInput(raw: RawApiTokenInput, role: Role): ApiTokenInputResult {
  const errors: ApiTokenInputErrors = {};

  const name = typeof raw.name === 'string' ? raw.name.trim().replace(/\s+/g, ' ') : '';
  if (name === '') errors.name = 'Enter a name for the token, such as the program that will use it.';
  else if ([...name].length > 100) errors.name = 'The name must be 100 characters or fewer.';
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f]/.test(name)) errors.name = 'The name must not contain control characters.';

  const listed = raw.scopes === undefined ? [] : Array.isArray(raw.scopes) ? (raw.scopes as unknown[]) : [raw.scopes];
  const allowed = scopesForRole(role);
  const scopes: ApiScope[] = [];
  for (const s of listed) {
    if (typeof s !== 'string' || !isApiScope(s)) {
      errors.scopes = 'Choose scopes from the list.';
      break;
    }
    if (!allowed.includes(s)) {
      errors.scopes = `Your role cannot give a token the scope ${s}; choose among ${allowed.join(', ')}.`;
      break;
    }
    if (!scopes.includes(s)) scopes.push(s);
  }
  if (!errors.scopes && scopes.length === 0) errors.scopes = 'Choose at least one scope.';
  // Kept in the catalogue's order, so the same choice always reads the same.
  scopes.sort((a, b) => apiScopeNames.indexOf(a) - apiScopeNames.indexOf(b));

  const daysText =
    typeof raw.expiresInDays === 'number'
      ? String(raw.expiresInDays)
      : typeof raw.expiresInDays === 'string'
        ? raw.expiresInDays.trim()
        : '';
  const days = /^\d{1,3}$/.test(daysText) ? Number(daysText) : Number.NaN;
  if (!(days >= API_TOKEN_DAYS.min && days <= API_TOKEN_DAYS.max)) {
    errors.expiresInDays = `Enter a whole number of days from ${API_TOKEN_DAYS.min} to ${API_TOKEN_DAYS.max}.`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { name, scopes, expiresInDays: days } };
}

// ---- Policy ----

/**
 * Tokens are made and revoked from a browser session only: a token must not be able to mint more tokens, or a
 * leaked token would outlive its own revocation.
 */
export const MANAGE_OWN_TOKENS = definePolicy(
  'tokens.manage_own',
  (actor: Actor) => actor.kind === 'account' && actor.via.kind === 'session',
);

// ---- Audit ----

const roleLabels: Record<Role, string> = {
  helpdesk: 'help desk',
  secretariat: 'Secretariat',
  focal_point: 'access focal point',
  delegate: 'delegate',
};

/** How a person appears in the audit log: their role and mission, not their name (the log cannot be corrected). */
export function auditActorOf(actor: AccountActor): AuditActor {
  return { id: actor.id, label: `${roleLabels[actor.role]}${actor.organisation ? ` (${actor.organisation})` : ''}` };
}

// ---- Queries ----

export interface ApiTokenSummary {
  id: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A person's tokens, newest first, revoked and expired ones included (they explain past access). */
export async function listApiTokens(db: Database | Transaction, accountId: string): Promise<ApiTokenSummary[]> {
  const rows = await db
    .selectFrom('identity.api_tokens')
    .select(['id', 'name', 'scopes', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export function isActiveToken(token: Pick<ApiTokenSummary, 'revokedAt' | 'expiresAt'>, now: Date): boolean {
  return token.revokedAt === null && now.getTime() < token.expiresAt.getTime();
}

export async function countActiveApiTokens(db: Database | Transaction, accountId: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('identity.api_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ApiTokenOwner {
  accountId: string;
  displayName: string;
  role: Role;
  organisation: string | null;
  token: { id: string; name: string; scopes: string[]; createdAt: Date; expiresAt: Date };
}

/** The token and its owner, for a program asking who it is. */
export async function findApiTokenOwner(db: Database, tokenId: string): Promise<ApiTokenOwner | undefined> {
  const row = await db
    .selectFrom('identity.api_tokens as t')
    .innerJoin('identity.accounts as a', 'a.id', 't.account_id')
    .select([
      't.id',
      't.name',
      't.scopes',
      't.created_at',
      't.expires_at',
      'a.id as account_id',
      'a.display_name',
      'a.role',
      'a.organisation',
    ])
    .where('t.id', '=', tokenId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    accountId: row.account_id,
    displayName: row.display_name,
    role: row.role,
    organisation: row.organisation,
    token: { id: row.id, name: row.name, scopes: row.scopes, createdAt: row.created_at, expiresAt: row.expires_at },
  };
}

/**
 * Revokes every active token of an account, in the caller's transaction (only those holding one of `scopes`, when
 * given); returns how many. Tokens live as long as the credentials they came from: see revokeTokensWithCredentials.
 */
export async function revokeApiTokensOf(trx: Transaction, clock: Clock, accountId: string, scopes?: readonly ApiScope[]): Promise<number> {
  let q = trx
    .updateTable('identity.api_tokens')
    .set({ revoked_at: clock.now() })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null);
  if (scopes) q = q.where((eb) => eb(sql<boolean>`scopes && ${sql.val([...scopes])}::text[]`, '=', true));
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Why an account's tokens were revoked with its credentials (the audit entry's `because`). */
export type TokenRevocationCause =
  'password_changed' | 'password_reset' | 'other_sessions_ended' | 'mfa_reset' | 'deactivated' | 'module_revoked';

/** The scopes that work only with a module's access: revoking the access revokes the tokens that hold them. */
export function scopesOfModule(module: string): ApiScope[] {
  return apiScopeNames.filter((s) => (apiScopes[s] as { module?: string }).module === module);
}

/**
 * A token is only as good as the credentials it was made with. When the password changes or is reset, the person
 * ends their other sessions, the help desk resets the second factor, the account is deactivated, or a module's
 * access is taken away (`scopes`: only the tokens holding that module's scopes), the account's tokens are revoked
 * in the same transaction, and an audit entry says how many and why (none when there were none).
 */
export async function revokeTokensWithCredentials(
  trx: Transaction,
  clock: Clock,
  o: { actor: AuditActor; accountId: string; mission: string | null; because: TokenRevocationCause; scopes?: readonly ApiScope[] },
): Promise<number> {
  const tokens = await revokeApiTokensOf(trx, clock, o.accountId, o.scopes);
  if (tokens > 0) {
    await recordAudit(trx, clock, {
      action: 'api_token.revoked_with_credentials',
      actor: o.actor,
      subject: { type: 'account', id: o.accountId },
      data: { mission: o.mission, tokens, because: o.because },
    });
  }
  return tokens;
}

// ---- Authenticating a request ----

export type ApiTokenRefusal = 'malformed' | 'unknown' | 'revoked' | 'expired' | 'account_disabled';
export type ApiTokenResolution = { ok: true; actor: AccountActor } | { ok: false; reason: ApiTokenRefusal };

// As for sessions: one write a minute at most, so a busy program does not turn every read into a write.
const TOUCH_EVERY_MS = 60_000;

/** The actor behind a bearer token, or why the token is refused. */
export async function resolveApiToken(db: Database, clock: Clock, token: string): Promise<ApiTokenResolution> {
  if (!isWellFormedApiToken(token)) return { ok: false, reason: 'malformed' };
  const now = clock.now();
  const row = await db
    .selectFrom('identity.api_tokens as t')
    .innerJoin('identity.accounts as a', 'a.id', 't.account_id')
    .select([
      't.id',
      't.scopes',
      't.expires_at',
      't.last_used_at',
      't.revoked_at',
      'a.id as account_id',
      'a.role',
      'a.organisation',
      'a.display_name',
      'a.disabled_at',
    ])
    .select((eb) => currentModules(eb))
    .where('t.token_hash', '=', hashApiToken(token))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
  if (now.getTime() >= row.expires_at.getTime()) return { ok: false, reason: 'expired' };
  if (row.disabled_at !== null) return { ok: false, reason: 'account_disabled' };
  if (row.last_used_at === null || now.getTime() - row.last_used_at.getTime() >= TOUCH_EVERY_MS) {
    await db.updateTable('identity.api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  const allowed = scopesForRole(row.role);
  return {
    ok: true,
    actor: {
      kind: 'account',
      id: row.account_id,
      role: row.role,
      organisation: row.organisation,
      modules: row.modules ?? [],
      name: row.display_name,
      via: { kind: 'token', tokenId: row.id, scopes: row.scopes.filter((s): s is ApiScope => isApiScope(s) && allowed.includes(s)) },
    },
  };
}
