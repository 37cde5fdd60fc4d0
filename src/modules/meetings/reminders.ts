// Deadline reminders: a configurable number of hours before a debate's deadline, the access focal points of every
// delegation that may submit and has not are sent one e-mail, through the job queue. Never to a delegation that
// has submitted, never twice for the same deadline (meetings.reminders_sent), and never after the deadline.
//
// The reminder is a job queued for its time when the debate is created, and again whenever its deadline or its
// reminder setting changes. A job carries the deadline it was queued for: when it runs and the debate's deadline
// is no longer that one, a newer job exists and this one does nothing. So moving a deadline never sends a reminder
// for the old one.
//
// Who has submitted is the statements module's knowledge; it is given to the job (SubmittedDelegations), so this
// module does not read another module's tables.
import { z } from 'zod';
import { recordAudit } from '../../kernel/audit.js';
import type { Clock } from '../../kernel/clock.js';
import { formatDateWithWeekday, formatTimeInZone, isoDateIn } from '../../kernel/dates.js';
import type { Database, Transaction } from '../../kernel/db/database.js';
import { enqueue } from '../../kernel/jobs/index.js';
import { defineJob, type JobDefinition } from '../../kernel/jobs/registry.js';
import { queueMail } from '../../kernel/mail/index.js';
import { findMission } from '../delegations/index.js';
import { activeFocalPoints } from '../identity/index.js';
import { addedDelegations, loadCouncil } from './db.js';
import { eligibleDelegations } from './domain/eligibility.js';
import { reminderMail } from './mails.js';

export const SEND_REMINDERS = 'meetings.send-reminders';

const payload = z.object({ debateId: z.uuid(), deadline: z.iso.datetime() });
type Payload = z.infer<typeof payload>;

/** The delegations (mission codes) that have submitted a statement to the debate. */
export type SubmittedDelegations = (db: Database, debateId: string) => Promise<ReadonlySet<string>>;

/** When the reminder of a deadline is due: `hours` before it, or now if that time has passed; none once it is over. */
export function reminderTime(deadline: Date, hours: number | null, now: Date): Date | undefined {
  if (hours === null || deadline.getTime() <= now.getTime()) return undefined;
  const at = new Date(deadline.getTime() - hours * 3_600_000);
  return at.getTime() < now.getTime() ? now : at;
}

/** Queues the debate's reminder for its current deadline and setting (call after the change, in its transaction). */
export async function scheduleReminder(trx: Transaction, clock: Clock, debateId: string): Promise<void> {
  const debate = await trx
    .selectFrom('meetings.debates')
    .select(['submission_deadline', 'reminder_hours'])
    .where('id', '=', debateId)
    .executeTakeFirst();
  if (!debate) return;
  const at = reminderTime(debate.submission_deadline, debate.reminder_hours, clock.now());
  if (!at) return;
  await enqueue(trx, clock, SEND_REMINDERS, { debateId, deadline: debate.submission_deadline.toISOString() }, { runAt: at });
}

export function sendRemindersJob(deps: { submitted: SubmittedDelegations; publicUrl: string }): JobDefinition<Payload> {
  return defineJob({
    kind: SEND_REMINDERS,
    payload,
    maxAttempts: 5,
    async handler({ debateId, deadline }, ctx) {
      const debate = await ctx.db
        .selectFrom('meetings.debates')
        .select(['id', 'slug', 'theme', 'starts_at', 'time_zone', 'submission_deadline', 'reminder_hours'])
        .where('id', '=', debateId)
        .executeTakeFirst();
      // Gone, moved (a newer job reminds of the new deadline), switched off, or over: nothing to send.
      if (!debate || debate.submission_deadline.toISOString() !== deadline || debate.reminder_hours === null) return;
      const now = ctx.clock.now();
      if (debate.submission_deadline.getTime() <= now.getTime()) return;

      const tz = debate.time_zone;
      const eligible = eligibleDelegations(
        await loadCouncil(ctx.db),
        isoDateIn(debate.starts_at, tz),
        await addedDelegations(ctx.db, debate.id),
      ).codes;
      const submitted = await deps.submitted(ctx.db, debate.id);
      const pending = eligible.filter((code) => !submitted.has(code));
      const focalPoints = await activeFocalPoints(ctx.db, pending);
      const meetingDay = formatDateWithWeekday(debate.starts_at, tz);
      const due = `${formatDateWithWeekday(debate.submission_deadline, tz)}, ${formatTimeInZone(debate.submission_deadline, tz)}`;

      await ctx.db.transaction().execute(async (trx) => {
        let delegations = 0;
        let recipients = 0;
        for (const code of pending) {
          const people = focalPoints.get(code) ?? [];
          if (people.length === 0) continue;
          // The row is the guard against sending twice (a retried job, two runners): only a new row sends.
          const fresh = await trx
            .insertInto('meetings.reminders_sent')
            .values({ debate_id: debate.id, delegation: code, deadline: debate.submission_deadline, sent_at: now })
            .onConflict((oc) => oc.columns(['debate_id', 'delegation', 'deadline']).doNothing())
            .returning('delegation')
            .executeTakeFirst();
          if (!fresh) continue;
          const mission = await findMission(trx, code);
          await queueMail(
            trx,
            ctx.clock,
            reminderMail({
              to: people.map((p) => p.email),
              missionName: mission?.mission_name ?? code,
              theme: debate.theme,
              meetingDay,
              deadline: due,
              url: `${deps.publicUrl}/debates/${debate.slug}`,
            }),
          );
          delegations++;
          recipients += people.length;
        }
        await recordAudit(trx, ctx.clock, {
          action: 'debate.reminders_sent',
          actor: { id: null, label: 'system (reminders)' },
          subject: { type: 'debate', id: debate.id },
          data: { debate: debate.slug, deadline, delegations, recipients },
        });
      });
    },
  });
}
