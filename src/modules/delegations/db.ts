// Reads of the delegations module's tables (./tables.ts); writes and locking reads are inline in the commands that own the transaction.
import type { Selectable } from 'kysely';
import type { Database, Transaction } from '../../kernel/db/database.js';
import type { MissionsTable, SignatoriesTable } from './tables.js';

export type { OrganisationKind, MissionKind, MissionsTable, SignatoriesTable, DelegationsTables } from './tables.js';

export type MissionRow = Selectable<MissionsTable>;
export type SignatoryRow = Selectable<SignatoriesTable>;

type Queryable = Database | Transaction;

export async function findMission(db: Queryable, code: string): Promise<MissionRow | undefined> {
  return db.selectFrom('delegations.missions').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Every mission, for a list to choose from (sort with `sortMissions`). */
export async function allMissions(db: Queryable): Promise<MissionRow[]> {
  return db.selectFrom('delegations.missions').selectAll().execute();
}

/** `%` and `_` typed by someone searching are text, not wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Missions whose code is `text` or whose names contain it (any case). */
export async function missionCodesMatching(db: Queryable, text: string): Promise<string[]> {
  const t = text.trim();
  if (t === '') return [];
  const rows = await db
    .selectFrom('delegations.missions')
    .select('code')
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['code']), '=', t.toLowerCase()),
        eb('organisation_name', 'ilike', likePattern(t)),
        eb('mission_name', 'ilike', likePattern(t)),
      ]),
    )
    .execute();
  return rows.map((r) => r.code);
}

export interface MissionWithCount extends MissionRow {
  /** Signatories who may sign on the date asked for. */
  current_signatories: number;
}

/** Every mission (or those whose code or names contain `search`) with its count of signatories on `onDate`. */
export async function listMissionsWithSignatoryCounts(
  db: Queryable,
  options: { search?: string | undefined; onDate: string },
): Promise<MissionWithCount[]> {
  let q = db
    .selectFrom('delegations.missions as m')
    .selectAll('m')
    .select((eb) =>
      eb
        .selectFrom('delegations.signatories as s')
        .select((s) => s.fn.countAll<number>().as('n'))
        .whereRef('s.mission', '=', 'm.code')
        .where('s.removed_at', 'is', null)
        .where('s.from_date', '<=', options.onDate)
        .where((s) => s.or([s('s.to_date', 'is', null), s('s.to_date', '>=', options.onDate)]))
        .as('current_signatories'),
    );
  const t = options.search?.trim() ?? '';
  if (t !== '') {
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['m.code']), '=', t.toLowerCase()),
        eb('m.organisation_name', 'ilike', likePattern(t)),
        eb('m.mission_name', 'ilike', likePattern(t)),
      ]),
    );
  }
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, current_signatories: Number(r.current_signatories ?? 0) }));
}

/** A mission's signatories that were not removed, latest first. */
export async function listSignatories(db: Queryable, mission: string): Promise<SignatoryRow[]> {
  return db
    .selectFrom('delegations.signatories')
    .selectAll()
    .where('mission', '=', mission)
    .where('removed_at', 'is', null)
    .orderBy('from_date', 'desc')
    .orderBy('name')
    .execute();
}

/**
 * The signatories who may sign for `mission` on `onDate` ('YYYY-MM-DD'): not removed, authority begun on or before
 * that date and not ended before it. For the statements work: a cover letter's signer must be one of them.
 */
export async function currentSignatories(db: Queryable, mission: string, onDate: string): Promise<SignatoryRow[]> {
  return db
    .selectFrom('delegations.signatories')
    .selectAll()
    .where('mission', '=', mission)
    .where('removed_at', 'is', null)
    .where('from_date', '<=', onDate)
    .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', onDate)]))
    .orderBy('from_date')
    .orderBy('name')
    .execute();
}

/** One signatory of that mission (a removed one is gone), locked for the change when asked. */
export async function findSignatory(
  db: Queryable,
  mission: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SignatoryRow | undefined> {
  let q = db
    .selectFrom('delegations.signatories')
    .selectAll()
    .where('id', '=', id)
    .where('mission', '=', mission)
    .where('removed_at', 'is', null);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Names of signatories (removed ones too), for describing the audit trail. */
export async function signatoryNames(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('delegations.signatories')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
