// The Secretariat accepts a statement, or returns it for correction with a reason. The decision is about the
// revision the officer saw: if the delegation sent a new one meanwhile, nothing is decided. A return is e-mailed to
// the person who submitted and the mission's focal points, with the reason; they may send a corrected version while
// the window is open. An acceptance is a notification to the same people, each of whom may turn it off
// (../notifications.ts). The texts are in ../mails.ts.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { allows, type Acting } from '../../../kernel/authz.js';
import { queueMail } from '../../../kernel/mail/index.js';
import { findMission } from '../../delegations/index.js';
import { activeFocalPoints, emailOf } from '../../identity/index.js';
import { formatDateWithWeekday } from '../../../kernel/dates.js';
import { findDebateBySlug } from '../../meetings/index.js';
import { statementReturnedMail } from '../mails.js';
import { notifyStatementAccepted } from '../notifications.js';
import { STATEMENTS_REVIEW } from '../policies.js';

export interface ReviewInput {
  slug: string;
  delegation: string;
  /** The revision the officer looked at. */
  revisionId: string;
  decision: 'accepted' | 'returned';
  reason?: string;
}

export async function reviewStatement(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  input: ReviewInput,
  settings: { publicUrl: string },
): Promise<void> {
  if (!allows(by.actor, STATEMENTS_REVIEW)) throw new AppError('auth.forbidden');
  const reason = input.reason?.trim();
  if (input.decision === 'returned' && (!reason || reason.length < 3 || reason.length > 2000)) {
    throw new AppError('statement.return_reason_invalid', { detail: `reason of ${reason?.length ?? 0} characters` });
  }
  const debate = await findDebateBySlug(trx, input.slug);
  if (!debate) throw new AppError('debate.not_found', { detail: input.slug });
  const submission = await trx
    .selectFrom('statements.submissions')
    .selectAll()
    .where('debate_id', '=', debate.id)
    .where('delegation', '=', input.delegation)
    .forUpdate()
    .executeTakeFirst();
  if (!submission || submission.state !== 'submitted')
    throw new AppError('statement.not_found', { detail: `${input.delegation} has no statement to review` });
  if (submission.current_revision !== input.revisionId)
    throw new AppError('statement.review_outdated', { detail: `${input.revisionId} is not current` });
  const revision = await trx
    .selectFrom('statements.revisions')
    .selectAll()
    .where('id', '=', submission.current_revision)
    .executeTakeFirstOrThrow();
  const now = clock.now();
  await trx
    .insertInto('statements.reviews')
    .values({
      id: randomUUID(),
      submission_id: submission.id,
      revision_id: revision.id,
      decision: input.decision,
      reason: input.decision === 'returned' ? (reason ?? null) : null,
      decided_at: now,
      decided_by: by.actor.id,
    })
    .execute();
  const mission = await findMission(trx, input.delegation);
  const missionName = mission?.mission_name ?? input.delegation;
  if (input.decision === 'returned') {
    const submitter = await emailOf(trx, revision.created_by);
    const focal = (await activeFocalPoints(trx, [input.delegation])).get(input.delegation) ?? [];
    const to = [...new Set([submitter, ...focal.map((f) => f.email)].filter((e): e is string => typeof e === 'string'))];
    if (to.length > 0) {
      const debateFacts = {
        theme: debate.theme,
        meetingDay: formatDateWithWeekday(debate.starts_at, debate.time_zone),
        statementUrl: `${settings.publicUrl}/debates/${debate.slug}/statement`,
      };
      await queueMail(
        trx,
        clock,
        statementReturnedMail({ to, missionName, reference: revision.receipt_reference, reason: reason ?? '', debate: debateFacts }),
      );
    }
  }
  await recordAudit(trx, clock, {
    action: 'statement.reviewed',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'statement', id: submission.id },
    data: { mission: input.delegation, debate: debate.slug, reference: revision.receipt_reference, decision: input.decision },
  });
  if (input.decision === 'accepted') {
    await notifyStatementAccepted(trx, clock, settings, {
      debate,
      mission: { code: input.delegation, name: missionName },
      revision: { id: revision.id, reference: revision.receipt_reference, createdBy: revision.created_by },
    });
  }
}
