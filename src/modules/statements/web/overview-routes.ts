// The presidency's read-only view of a debate's written statements: every delegation that may submit, with where its
// statement stands, its words, who signed it, when it arrived, and a link to read it and to its original file. The
// Secretariat sees it too; deciding (accept, return) stays on the Secretariat's review desk. The rows are read as the
// review desk reads them (deskEntries, deskState).
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database } from '../../../kernel/db/database.js';
import { guardedBy } from '../../../web/policy-guard.js';
import { params, type SlugParams } from '../../../web/route-kit.js';
import { allMissions, sortMissions } from '../../delegations/index.js';
import { addedDelegations, eligibleDelegations, type CouncilData, type DebateRecord } from '../../meetings/index.js';
import { debateSubject } from '../../meetings/web/index.js';
import { deskEntries } from '../db.js';
import { deskState } from '../domain/desk-state.js';
import { STATEMENTS_OVERSEE } from '../policies.js';
import { statementsOverviewPage, type OverviewRow } from './overview-page.js';

/** Every delegation that may submit to the debate (or has submitted), in English order, with its statement if any. */
export async function statementRows(db: Database, debate: DebateRecord, council: CouncilData): Promise<OverviewRow[]> {
  const [added, entries, missions] = await Promise.all([addedDelegations(db, debate.id), deskEntries(db, debate.id), allMissions(db)]);
  const eligible = eligibleDelegations(council, isoDateIn(debate.starts_at, debate.time_zone), added).codes;
  const byCode = new Map(entries.map((e) => [e.submission.delegation, e]));
  return sortMissions(missions.filter((m) => eligible.includes(m.code) || byCode.has(m.code))).map((m) => {
    const entry = byCode.get(m.code);
    return { code: m.code, label: m.label, state: deskState(entry), entry };
  });
}

export async function statementsOverviewRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock }): Promise<void> {
  app.get<{ Params: SlugParams }>(
    '/debates/:slug/desk/statements',
    { config: { load: ['debate', 'council'], ...guardedBy(STATEMENTS_OVERSEE, debateSubject) }, schema: { params: params.slug } },
    async (request, reply) => {
      const { debate, council } = request.loaded;
      const rows = await statementRows(deps.db, debate, council);
      return reply.html(statementsOverviewPage({ actor: request.actor, debate, rows }));
    },
  );
}
