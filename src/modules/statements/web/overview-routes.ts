// The presidency's read-only view of a debate's written statements: every delegation that may submit, with where its
// statement stands, its words, who signed it, when it arrived, and a link to read it and to its original file. The
// Secretariat sees it too; deciding (accept, return) stays on the Secretariat's review desk. The rows are read as the
// review desk reads them (deskEntries, deskState).
import type { FastifyInstance } from 'fastify';
import { allows } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { allMissions, sortMissions } from '../../delegations/index.js';
import {
  addedDelegations,
  eligibleDelegations,
  findDebateBySlug,
  loadCouncil,
  presidencyOfDebate,
  type CouncilData,
  type DebateRecord,
} from '../../meetings/index.js';
import { deskEntries } from '../db.js';
import { deskState } from '../domain/desk-state.js';
import { STATEMENTS_OVERSEE } from '../policies.js';
import { statementsOverviewPage, type OverviewRow } from './overview-page.js';

const slugParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 120 } }, required: ['slug'] } as const;

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
  app.get<{ Params: { slug: string } }>(
    '/debates/:slug/desk/statements',
    { config: { policy: STATEMENTS_OVERSEE }, schema: { params: slugParams } },
    async (request, reply) => {
      const debate = await findDebateBySlug(deps.db, request.params.slug);
      if (!debate) throw new AppError('debate.not_found');
      const council = await loadCouncil(deps.db);
      if (!allows(request.actor, STATEMENTS_OVERSEE, { presidingState: presidencyOfDebate(council, debate) }))
        throw new AppError('auth.forbidden');
      const rows = await statementRows(deps.db, debate, council);
      return reply.type('text/html; charset=utf-8').send(statementsOverviewPage({ actor: request.actor, debate, rows }).value);
    },
  );
}
