// The whole database as Kysely sees it: the kernel declares its own tables (kernel/db/database.ts, DB), and this file
// adds each module's, read from the module's tables.ts (types only). It only joins them.
import type { DelegationsTables } from './modules/delegations/tables.js';
import type { DocumentsTables } from './modules/documents/tables.js';
import type { IdentityTables } from './modules/identity/tables.js';
import type { MeetingsTables } from './modules/meetings/tables.js';
import type { StatementsTables } from './modules/statements/tables.js';
import type { CompilationTables } from './modules/compilation/tables.js';

declare module './kernel/db/database.js' {
  interface DB extends DelegationsTables, DocumentsTables, IdentityTables, MeetingsTables, StatementsTables, CompilationTables {}
}

export type { DB } from './kernel/db/database.js';
