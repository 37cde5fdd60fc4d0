// What the preparation pages share: their notices, the way back to the desk, who schedules, and the desk's model
// (the letter, who may submit, late submissions), which the desk shows and the desk's refused forms show again.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { allows, type AccountActor } from '../../../kernel/authz.js';
import type { Database } from '../../../kernel/db/database.js';
import { isoDateIn } from '../../../kernel/dates.js';
import { noticeOf } from '../../../web/route-kit.js';
import { allMissions, sortMissions } from '../../delegations/index.js';
import { generationsOf } from '../../documents/index.js';
import type { Scheduler } from '../commands/debate-scope.js';
import { letterSymbolOf } from '../commands/generate-letter.js';
import { addedDelegations, lateGrantsOf, type DebateRecord } from '../db.js';
import { eligibleDelegations } from '../domain/eligibility.js';
import { DEBATE_GRANT_LATE, DEBATE_ISSUE_LETTER, DEBATE_MANAGE_ELIGIBILITY } from '../policies.js';
import type { DeskModel } from './desk-page.js';

export { PLATFORM_NAME } from '../domain/announcement-letter.js';

export const notices = {
  created: 'The debate was created. Generate its announcement letter from this desk.',
  saved: 'The changes were saved.',
  draft: 'A draft letter is being generated in every format; the table below shows its progress.',
  issued: 'The letter is being generated under its symbol; the public page links to it once it is ready.',
  imported: 'The concept note was replaced by the sections of the Word document. Check them in the form.',
  entity_added: 'The delegation may now submit a statement to this debate.',
  entity_removed: 'The delegation was removed from those that may submit.',
  late_granted: 'The late submission was allowed.',
  late_revoked: 'The permission to submit late was withdrawn.',
} as const;
export type Notice = keyof typeof notices;

/** Back to the desk, at the section a form was on, with its notice. */
export const back = (slug: string, done: Notice, anchor: string) => `/debates/${slug}/desk?done=${done}#${anchor}`;

export function schedulerOf(actor: AccountActor): Scheduler {
  return actor.role === 'secretariat' ? { kind: 'secretariat' } : { kind: 'presidency', state: actor.organisation ?? '' };
}

export function meetingDayOf(debate: Pick<DebateRecord, 'starts_at' | 'time_zone'>): string {
  return isoDateIn(debate.starts_at, debate.time_zone);
}

/** The desk of the debate the route loaded (with the Council data), and what a refused form adds to it. */
export async function deskModel(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: Partial<DeskModel> = {},
): Promise<DeskModel> {
  const { debate, council } = request.loaded;
  const actor = request.actor;
  const [generations, symbol, added, grants, missions] = [
    await generationsOf(db, 'announcement_letter', debate.id),
    await letterSymbolOf(db, debate.id),
    await addedDelegations(db, debate.id),
    await lateGrantsOf(db, debate.id),
    sortMissions(await allMissions(db)),
  ];
  const eligibility = eligibleDelegations(council, meetingDayOf(debate), added);
  const eligible = new Set(eligibility.codes);
  const labelOf = new Map(missions.map((m) => [m.code, m.label]));
  return {
    actor,
    debate,
    csrf: reply.csrfToken(),
    notice: noticeOf(request, notices),
    letterSymbol: symbol,
    generations,
    canIssue: allows(actor, DEBATE_ISSUE_LETTER),
    canManageEligibility: allows(actor, DEBATE_MANAGE_ELIGIBILITY),
    canGrantLate: allows(actor, DEBATE_GRANT_LATE),
    eligibility: {
      total: eligibility.codes.length,
      byDefault: eligibility.byDefault,
      membershipKnown: eligibility.membershipKnown,
      added: added.map((code) => ({ code, label: labelOf.get(code) ?? code })),
    },
    entityOptions: missions.filter((m) => !eligible.has(m.code)).map((m) => ({ value: m.code, label: m.label })),
    lateGrants: grants.map((g) => ({ ...g, label: labelOf.get(g.delegation) ?? g.delegation })),
    missionOptions: missions.filter((m) => eligible.has(m.code)).map((m) => ({ value: m.code, label: m.label })),
    ...extra,
  };
}
