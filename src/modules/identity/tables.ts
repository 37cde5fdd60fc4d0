// Tables of the identity module (schema `identity`).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type Role = 'helpdesk' | 'secretariat' | 'focal_point' | 'delegate';
export const roles: readonly Role[] = ['helpdesk', 'secretariat', 'focal_point', 'delegate'];

/**
 * Modules of the platform a mission's staff can be given access to: `statements`, to submit the mission's written
 * statements; `presidency`, to act for the mission while its State presides the Security Council (prepare that
 * month's debates, read every delegation's statements before they are published).
 */
export type Module = 'statements' | 'presidency';
export const modules: readonly Module[] = ['statements', 'presidency'];

export interface AccountsTable {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  /** The mission's code (a State's ISO alpha-3, or an entity's code); null for help desk and Secretariat staff. */
  organisation: string | null;
  /** argon2id; null until an invitation is accepted. */
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  created_at: Timestamp;
  created_by: string | null;
  disabled_at: Timestamp | null;
}

export interface ModuleGrantsTable {
  id: string;
  account_id: string;
  module: Module;
  granted_at: Timestamp;
  granted_by: string | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export type SessionStage = 'mfa' | 'enrol_mfa' | 'active';

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie's token. */
  id: string;
  account_id: string;
  stage: SessionStage;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  user_agent: string | null;
  address: string | null;
}

export interface LinksTable {
  /** SHA-256 (hex) of the link's token. */
  id: string;
  account_id: string;
  purpose: 'invitation' | 'password_reset';
  created_at: Timestamp;
  created_by: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface MfaTable {
  account_id: string;
  /** The TOTP secret, encrypted with the installation key (see kernel/secrets.ts). */
  secret: string;
  confirmed_at: Timestamp | null;
  /** The last time step accepted, so a code cannot be used twice. */
  last_step: number | null;
}

export interface RecoveryCodesTable {
  account_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface SignInThrottleTable {
  /** 'pair:<lower-case e-mail>|<network address>', 'address:<network address>' or 'account:<lower-case e-mail>' */
  key: string;
  failures: number;
  window_start: Timestamp;
  locked_until: Timestamp | null;
  last_attempt_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  created_at: Timestamp;
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/**
 * The notifications a person may turn off, each a column of their preferences (all on by default, and for an account
 * without a row): a late submission allowed for their mission, their mission's statement accepted, the compilation
 * issued with it, the announcement letter of a debate their mission may speak in issued.
 */
export type NotificationKind = 'late_submission_allowed' | 'statement_accepted' | 'compilation_issued' | 'letter_issued';
export const notificationKinds: readonly NotificationKind[] = [
  'late_submission_allowed',
  'statement_accepted',
  'compilation_issued',
  'letter_issued',
];

export type NotificationPreferencesTable = { account_id: string; updated_at: Timestamp } & Record<
  NotificationKind,
  ColumnType<boolean, boolean | undefined, boolean>
>;

export interface IdentityTables {
  'identity.accounts': AccountsTable;
  'identity.module_grants': ModuleGrantsTable;
  'identity.sessions': SessionsTable;
  'identity.links': LinksTable;
  'identity.mfa': MfaTable;
  'identity.recovery_codes': RecoveryCodesTable;
  'identity.sign_in_throttle': SignInThrottleTable;
  'identity.api_tokens': ApiTokensTable;
  'identity.notification_preferences': NotificationPreferencesTable;
}
