// What the mission administration pages share: their dependencies, the notices a redirect asks for, the address
// parameters, the guard's subject (the mission in the address), and the mission page's model, which each route shows
// again, with a refused form's problems, when a form is refused.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import { allows } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { UUID } from '../../../kernel/validation.js';
import { noticeOf } from '../../../web/route-kit.js';
import {
  findMission,
  listSignatories,
  MISSION_MANAGE_PEOPLE,
  MISSION_MANAGE_SIGNATORIES,
  missionAuditTrail,
  missionLabel,
  MISSIONS_LIST,
  signatoryNames,
  type MissionRow,
} from '../../delegations/index.js';
import { accountNames, peopleOfMission } from '../index.js';
import { describeEntry, DUTY_STATION } from './mission-labels.js';
import type { MissionPageModel } from './mission-page.js';

export interface MissionsRoutesDeps {
  db: Database;
  clock: Clock;
  config: Config;
  /**
   * Whether a mission's State presides the Security Council in some month, so its page offers the presidency
   * module. Council membership is the meetings module's knowledge, given by the application.
   */
  offersPresidency: (missionCode: string) => Promise<boolean>;
}

export const notices = {
  invited: 'The invitation was sent. The link in it works once.',
  invitation_resent: 'A new invitation was sent; the earlier link no longer works.',
  granted: 'Access to statements was given.',
  revoked: 'Access to statements was taken away; their next request is refused, and their access tokens for statements are revoked.',
  presidency_granted: 'Access for the presidency was given.',
  presidency_revoked: 'Access for the presidency was taken away; their next request is refused.',
  deactivated: 'The account was deactivated and signed out everywhere.',
  reactivated: 'The account was reactivated.',
  signatory_added: 'The signatory was added.',
  signatory_ended: 'The signatory’s authority was ended.',
  signatory_removed: 'The signatory was removed.',
  entity_added: 'The entity was added. The help desk can now create its first focal point.',
} as const;
export type Notice = keyof typeof notices;

const codeParam = { type: 'string', maxLength: 40 } as const;
const idParam = { type: 'string', maxLength: 64 } as const;
/** `/missions/:code/…/:id/…`: a mission and one of its people or signatories. */
export const itemParams = { type: 'object', properties: { code: codeParam, id: idParam }, required: ['code', 'id'] } as const;
export type ItemParams = { code: string; id: string };
export type ItemRequest = FastifyRequest<{ Params: ItemParams }>;

/** The guard's subject: the mission in the address. */
export const missionSubject = (request: FastifyRequest): unknown => (request.params as { code?: string }).code;

/** Back to the mission's page, at a section, with a notice. */
export const back = (code: string, done: Notice, anchor: string) => `/missions/${encodeURIComponent(code)}?done=${done}#${anchor}`;

/** Today at the duty station. */
export function today(clock: Clock): string {
  return isoDateIn(clock.now(), DUTY_STATION);
}

export async function loadMission(db: Database, code: string): Promise<MissionRow> {
  const mission = await findMission(db, code);
  if (!mission) throw new AppError('mission.not_found');
  return mission;
}

/** The mission page's model, as the person in the request sees it, with `extra` (a refused form, a problem). */
export async function missionModel(
  deps: MissionsRoutesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  mission: MissionRow,
  extra: Partial<MissionPageModel> = {},
): Promise<MissionPageModel> {
  const actor = request.actor;
  const canManagePeople = allows(actor, MISSION_MANAGE_PEOPLE, mission.code);
  const canManageSignatories = allows(actor, MISSION_MANAGE_SIGNATORIES, mission.code);
  const now = deps.clock.now();
  const [people, signatories, entries] = [
    await peopleOfMission(deps.db, mission.code, now),
    await listSignatories(deps.db, mission.code),
    await missionAuditTrail(deps.db, mission.code, 100),
  ];
  const accountIds = entries.filter((e) => e.subjectType === 'account' && e.subjectId).map((e) => e.subjectId as string);
  const signatoryIds = entries
    .filter((e) => e.subjectType === 'signatory' && e.subjectId && UUID.test(e.subjectId))
    .map((e) => e.subjectId as string);
  const names = new Map([
    ...(await accountNames(deps.db, [...new Set(accountIds)])),
    ...(await signatoryNames(deps.db, [...new Set(signatoryIds)])),
  ]);
  return {
    actor,
    mission: { ...mission, label: missionLabel(mission).label },
    people,
    signatories,
    trail: entries.map((entry) => ({ entry, text: describeEntry(entry, names) })),
    today: today(deps.clock),
    csrf: canManagePeople || canManageSignatories ? reply.csrfToken() : undefined,
    canManagePeople,
    canManageSignatories,
    canListMissions: allows(actor, MISSIONS_LIST),
    offersPresidency: await deps.offersPresidency(mission.code),
    notice: noticeOf(request, notices),
    ...extra,
  };
}
