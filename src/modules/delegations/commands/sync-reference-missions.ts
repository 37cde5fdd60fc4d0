// Keeps one mission row per State and entity of the reference data, so accounts and signatories can refer to
// them. Runs at start and is idempotent; rows the Secretariat added are left alone.
import { sql } from 'kysely';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { referenceMissions } from '../domain/missions.js';

export async function syncReferenceMissions(db: Database, clock: Clock): Promise<number> {
  const now = clock.now();
  const rows = referenceMissions().map((m) => ({ ...m, source: 'reference' as const, created_at: now }));
  const result = await db
    .insertInto('delegations.missions')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet({
          organisation_kind: (eb) => eb.ref('excluded.organisation_kind'),
          mission_kind: (eb) => eb.ref('excluded.mission_kind'),
          organisation_name: (eb) => eb.ref('excluded.organisation_name'),
          article: (eb) => eb.ref('excluded.article'),
          mission_name: (eb) => eb.ref('excluded.mission_name'),
        })
        .where('delegations.missions.source', '=', 'reference')
        // Rewriting identical rows would only churn the table at every start.
        .where(
          sql<boolean>`(delegations.missions.organisation_kind, delegations.missions.mission_kind, delegations.missions.organisation_name, delegations.missions.article, delegations.missions.mission_name) IS DISTINCT FROM (excluded.organisation_kind, excluded.mission_kind, excluded.organisation_name, excluded.article, excluded.mission_name)`,
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}
