// Telling missions what was decided about their debates, by e-mail (texts in ./mails.ts), to those of their people
// who have not turned that notification off (identity's notificationRecipients), each person once per event
// (kernel/mail queueNotification).
//
// - A late submission allowed concerns one mission, a handful of people: their mails are queued in the grant's own
//   transaction, so they exist if and only if the grant commits.
// - The announcement letter concerns every mission that may submit, up to some 190, several people each: writing
//   hundreds of mails and jobs would lengthen the issuing transaction, which holds the debate's row and the year's
//   symbol counter (and, on PGlite, the only connection). Issuing queues one job instead, in its transaction (so a
//   rolled-back issue tells no one); the job finds the recipients after the commit and queues their mails in batches.
import { z } from 'zod';
import type { Clock } from '../../kernel/clock.js';
import { isoDateIn } from '../../kernel/dates.js';
import type { Transaction } from '../../kernel/db/database.js';
import { enqueue } from '../../kernel/jobs/index.js';
import { defineJob, type JobDefinition } from '../../kernel/jobs/registry.js';
import { queueNotification, queueNotificationsInBatches } from '../../kernel/mail/index.js';
import { allMissions } from '../delegations/index.js';
import { notificationRecipients } from '../identity/index.js';
import { addedDelegations, findDebateById, loadCouncil, type DebateRow } from './db.js';
import { eligibleDelegations } from './domain/eligibility.js';
import { lateSubmissionAllowedMail, letterIssuedMail, type DebateFacts } from './mails.js';

export const NOTIFY_LETTER_ISSUED = 'meetings.notify-letter-issued';

/** What the notifications need to know of the installation. */
export interface NotificationSettings {
  /** Where users reach Rostrum, without a trailing slash. */
  publicUrl: string;
}

function factsOf(debate: Pick<DebateRow, 'slug' | 'theme' | 'starts_at' | 'time_zone'>, settings: NotificationSettings): DebateFacts {
  return {
    theme: debate.theme,
    startsAt: debate.starts_at,
    timeZone: debate.time_zone,
    url: `${settings.publicUrl}/debates/${debate.slug}`,
  };
}

/**
 * Tells the mission's access focal points and its staff who hold the statements module that it may submit late, until
 * when. Call in the grant's transaction, after its audit entry. Returns how many people were told.
 */
export async function notifyLateSubmissionAllowed(
  trx: Transaction,
  clock: Clock,
  settings: NotificationSettings,
  o: { grantId: string; debateId: string; mission: { code: string; name: string }; until: Date },
): Promise<number> {
  const debate = await findDebateById(trx, o.debateId);
  if (!debate) return 0;
  const facts = factsOf(debate, settings);
  let told = 0;
  for (const r of await notificationRecipients(trx, 'late_submission_allowed', [o.mission.code], {
    focalPoints: true,
    statementsAccess: true,
  })) {
    const mail = lateSubmissionAllowedMail({ to: r.email, name: r.name, missionName: o.mission.name, debate: facts, until: o.until });
    if (await queueNotification(trx, clock, { event: `late_submission.allowed:${o.grantId}`, accountId: r.accountId, mail })) told++;
  }
  return told;
}

const letterPayload = z.object({ debateId: z.uuid(), symbol: z.string().min(1).max(100) });
type LetterPayload = z.infer<typeof letterPayload>;

/**
 * Asks for the missions that may submit to be told that the debate's announcement letter is issued under `symbol`.
 * Call in the issuing transaction, after its audit entry: one job, which fans out after the commit.
 */
export async function notifyLetterIssued(trx: Transaction, clock: Clock, o: LetterPayload): Promise<void> {
  await enqueue(trx, clock, NOTIFY_LETTER_ISSUED, o);
}

/**
 * Tells the access focal points of every mission that may submit (as the debate stands when the job runs) that the
 * letter is issued, with the deadline and the links. Every letter issued under the same symbol is one event: a mission
 * added afterwards is told when the letter is issued again, the others not twice.
 */
export function notifyLetterIssuedJob(settings: NotificationSettings): JobDefinition<LetterPayload> {
  return defineJob({
    kind: NOTIFY_LETTER_ISSUED,
    payload: letterPayload,
    maxAttempts: 5,
    async handler({ debateId, symbol }, ctx) {
      const debate = await findDebateById(ctx.db, debateId);
      if (!debate) return;
      const eligible = eligibleDelegations(
        await loadCouncil(ctx.db),
        isoDateIn(debate.starts_at, debate.time_zone),
        await addedDelegations(ctx.db, debate.id),
      ).codes;
      const recipients = await notificationRecipients(ctx.db, 'letter_issued', eligible, { focalPoints: true });
      if (recipients.length === 0) return;
      const names = new Map((await allMissions(ctx.db)).map((m) => [m.code, m.mission_name]));
      const facts = factsOf(debate, settings);
      const now = ctx.clock.now();
      const queued = await queueNotificationsInBatches(
        ctx.db,
        ctx.clock,
        recipients.map((r) => ({
          event: `letter.issued:${symbol}`,
          accountId: r.accountId,
          mail: letterIssuedMail({
            to: r.email,
            name: r.name,
            missionName: names.get(r.mission) ?? r.mission,
            debate: facts,
            symbol,
            opensAt: debate.submissions_open_at,
            deadline: debate.submission_deadline,
            now,
          }),
        })),
      );
      ctx.log.info({ debateId, symbol, recipients: recipients.length, queued }, 'meetings: the announcement letter was notified');
    },
  });
}
