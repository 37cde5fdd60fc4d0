// Tables of the identity module (schema `identity`).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type Role = 'helpdesk' | 'secretariat' | 'focal_point' | 'delegate';

export interface AccountsTable {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  /** ISO 3166 alpha-3 code of a State, or an entity's code; null for help desk and Secretariat staff. */
  organisation: string | null;
  password_hash: string;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
}

export interface IdentityTables {
  'identity.accounts': AccountsTable;
}
