// A mission's audit trail: the log's entries about the mission's people and data. Every such entry names the
// mission in its data (`mission: <code>`), so the trail is one indexed query (audit_log_mission). The log is the
// kernel's table; the delegations module offers this read on its door.
import { sql } from 'kysely';
import type { Database } from './db/database.js';

export interface TrailEntry {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: Record<string, unknown>;
}

/** The mission's latest entries, newest first. */
export async function missionAuditTrail(db: Database, mission: string, limit = 100): Promise<TrailEntry[]> {
  const rows = await db
    .selectFrom('kernel.audit_log')
    .select(['seq', 'occurred_at', 'actor_id', 'actor_label', 'action', 'subject_type', 'subject_id', 'data'])
    // The first condition repeats the index's predicate so the planner can use it.
    .where(sql<boolean>`data ? 'mission'`)
    .where(sql<string>`data->>'mission'`, '=', mission)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    occurredAt: r.occurred_at,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    data: r.data,
  }));
}
