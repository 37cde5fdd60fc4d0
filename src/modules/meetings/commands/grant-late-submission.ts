// The Secretariat allows one delegation to submit late for one debate, until a stated time and for a stated reason
// (Indico's "people allowed to submit late", with the why kept). The permission covers submitting, replacing and
// withdrawing (see domain/submission-window.ts); it is revoked, never edited: revoke, then grant anew.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../../kernel/audit.js';
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import { zonedTimeToUtc } from '../../../kernel/dates.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { isUniqueViolation, parseInput } from '../../../kernel/validation.js';
import { findMission, MISSION_CODE } from '../../delegations/index.js';
import { currentLateGrant, findDebateWindow, insertLateGrant } from '../db.js';
import { localTimeProblem } from '../domain/debate-input.js';
import { DEBATE_GRANT_LATE } from '../policies.js';
import { notifyLateSubmissionAllowed, type NotificationSettings } from '../notifications.js';

export const lateSubmissionTarget = z.object({
  /** The debate's slug. */
  debate: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Choose the debate from the list of debates.'),
  /** The mission's code. */
  delegation: z.string().regex(MISSION_CODE, 'Choose the delegation from the list of missions.'),
});

const REASON = 'Give the reason for allowing this delegation to submit late, in 3 to 1000 characters.';

export const grantLateSubmissionInput = lateSubmissionTarget.extend({
  /** Wall-clock time in the debate's zone, the last minute allowed: '2021-05-25T10:00'. */
  until: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
      'Type the time in the debate’s time zone as year-month-day and 24-hour time, such as 2021-05-25T10:00.',
    ),
  reason: z.string().trim().min(3, REASON).max(1000, REASON),
});
export type GrantLateSubmissionInput = z.input<typeof grantLateSubmissionInput>;

/** The mission's focal points and its staff with access to statements are told, in the same transaction. */
export async function grantLateSubmission(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  raw: GrantLateSubmissionInput,
  settings: NotificationSettings,
): Promise<{ id: string; until: Date }> {
  if (!allows(by.actor, DEBATE_GRANT_LATE)) throw new AppError('auth.forbidden');
  const input = parseInput(grantLateSubmissionInput, raw);
  // The debate's row is locked until commit: a submission deciding on this window waits, then sees the grant.
  const debate = await findDebateWindow(trx, input.debate, { lock: 'update' });
  if (!debate) throw new AppError('debate.not_found');
  const mission = await findMission(trx, input.delegation);
  if (!mission) throw new AppError('mission.not_found');
  // A typed time is never moved silently (2.30 a.m. on a spring-forward night is refused, not made 3.30).
  const problem = localTimeProblem('The time until which the delegation may submit', input.until, debate.time_zone);
  if (problem) throw new AppError('input.time_does_not_exist', { detail: `until: ${problem}` });
  const until = zonedTimeToUtc(input.until, debate.time_zone);
  if (until.getTime() <= debate.submission_deadline.getTime()) {
    throw new AppError('late_grant.until_not_after_deadline', {
      detail: `until ${until.toISOString()}, deadline ${debate.submission_deadline.toISOString()}`,
    });
  }
  const now = clock.now();
  if (until.getTime() <= now.getTime())
    throw new AppError('late_grant.until_passed', { detail: `until ${until.toISOString()}, now ${now.toISOString()}` });
  if (await currentLateGrant(trx, debate.id, mission.code)) throw new AppError('late_grant.already_granted');

  const id = randomUUID();
  await insertLateGrant(trx, {
    id,
    debateId: debate.id,
    delegation: mission.code,
    until,
    reason: input.reason,
    grantedAt: now,
    grantedBy: by.actor.id,
  }).catch((err: unknown) => {
    // Two officers granting at once: the partial unique index keeps one current grant.
    throw isUniqueViolation(err) ? new AppError('late_grant.already_granted', { cause: err }) : err;
  });
  await recordAudit(trx, clock, {
    action: 'late_submission.granted',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'debate', id: debate.id },
    data: { mission: mission.code, debate: debate.slug, grantId: id, until: until.toISOString() },
  });
  await notifyLateSubmissionAllowed(trx, clock, settings, {
    grantId: id,
    debateId: debate.id,
    mission: { code: mission.code, name: mission.mission_name },
    until,
  });
  return { id, until };
}
