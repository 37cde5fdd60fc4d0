// The whole database as Kysely sees it: each module declares the tables it owns; this file only joins them.
import type { KernelTables } from './kernel/db/kernel-tables.js';
import type { DelegationsTables } from './modules/delegations/db.js';
import type { DocumentsTables } from './modules/documents/db.js';
import type { IdentityTables } from './modules/identity/db.js';
import type { MeetingsTables } from './modules/meetings/db.js';
import type { StatementsTables } from './modules/statements/db.js';
import type { SpeakersTables } from './modules/statements/speakers-db.js';
import type { CompilationTables } from './modules/compilation/db.js';

export type DB = KernelTables &
  DelegationsTables &
  DocumentsTables &
  IdentityTables &
  MeetingsTables &
  StatementsTables &
  SpeakersTables &
  CompilationTables;
