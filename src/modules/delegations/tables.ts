// The tables of the delegations module (schema `delegations`), as Kysely sees them: the types only, no queries (./db.ts).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type OrganisationKind = 'member_state' | 'observer_state' | 'intergovernmental_organization' | 'other_entity';

export type MissionKind = 'permanent_mission' | 'permanent_observer_mission' | 'delegation' | 'office';

export interface MissionsTable {
  /** A State's ISO alpha-3 code (upper case) or an entity's code (lower case). */
  code: string;
  organisation_kind: OrganisationKind;
  mission_kind: MissionKind;
  organisation_name: string;
  article: 'the' | null;
  mission_name: string;
  source: 'reference' | 'secretariat';
  created_at: Timestamp;
}

export interface SignatoriesTable {
  id: string;
  mission: string;
  name: string;
  title: string;
  /** 'YYYY-MM-DD' */
  from_date: string;
  to_date: string | null;
  created_at: Timestamp;
  created_by: string | null;
  removed_at: Timestamp | null;
}

export interface DelegationsTables {
  'delegations.missions': MissionsTable;
  'delegations.signatories': SignatoriesTable;
}
