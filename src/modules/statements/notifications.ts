// Telling a mission that the Secretariat accepted its statement: the person who submitted it (when they belong to the
// mission: an officer who entered it on the mission's behalf is not told) and the mission's access focal points, those
// of them who have not turned this notification off. A handful of people: their mails are queued in the decision's
// transaction, each person once per accepted revision.
import type { Clock } from '../../kernel/clock.js';
import { formatDateWithWeekday } from '../../kernel/dates.js';
import type { Transaction } from '../../kernel/db/database.js';
import { queueNotification } from '../../kernel/mail/index.js';
import { notificationRecipients } from '../identity/index.js';
import type { DebateRecord } from '../meetings/index.js';
import { statementAcceptedMail } from './mails.js';

/** Call in the review's transaction, after its audit entry. Returns how many people were told. */
export async function notifyStatementAccepted(
  trx: Transaction,
  clock: Clock,
  settings: { publicUrl: string },
  o: {
    debate: Pick<DebateRecord, 'slug' | 'theme' | 'starts_at' | 'time_zone'>;
    mission: { code: string; name: string };
    revision: { id: string; reference: string; createdBy: string };
  },
): Promise<number> {
  const debate = {
    theme: o.debate.theme,
    meetingDay: formatDateWithWeekday(o.debate.starts_at, o.debate.time_zone),
    statementUrl: `${settings.publicUrl}/debates/${o.debate.slug}/statement`,
  };
  let told = 0;
  for (const r of await notificationRecipients(trx, 'statement_accepted', [o.mission.code], {
    focalPoints: true,
    accounts: [o.revision.createdBy],
  })) {
    const mail = statementAcceptedMail({ to: r.email, name: r.name, missionName: o.mission.name, reference: o.revision.reference, debate });
    if (await queueNotification(trx, clock, { event: `statement.accepted:${o.revision.id}`, accountId: r.accountId, mail })) told++;
  }
  return told;
}
