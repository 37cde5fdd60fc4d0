// The Secretariat takes back a delegation's permission to submit late. The grant's row stays, with who revoked it
// and when; from that instant the delegation has the regular deadline again (domain/submission-window.ts).
import type { z } from 'zod';
import { recordAudit } from '../../../kernel/audit.js';
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { findDebateWindow, revokeCurrentLateGrant } from '../db.js';
import { DEBATE_GRANT_LATE } from '../policies.js';
import { lateSubmissionTarget } from './grant-late-submission.js';

export const revokeLateSubmissionInput = lateSubmissionTarget;
export type RevokeLateSubmissionInput = z.input<typeof revokeLateSubmissionInput>;

export async function revokeLateSubmission(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  raw: RevokeLateSubmissionInput,
): Promise<{ id: string }> {
  if (!allows(by.actor, DEBATE_GRANT_LATE)) throw new AppError('auth.forbidden');
  const input = parseInput(revokeLateSubmissionInput, raw);
  // Locked like a grant: a submission in flight on the old permission finishes first; every later one sees this.
  const debate = await findDebateWindow(trx, input.debate, { lock: 'update' });
  if (!debate) throw new AppError('debate.not_found');
  const revoked = await revokeCurrentLateGrant(trx, debate.id, input.delegation, clock.now(), by.actor.id);
  if (!revoked) throw new AppError('late_grant.not_granted');
  await recordAudit(trx, clock, {
    action: 'late_submission.revoked',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'debate', id: debate.id },
    data: { mission: revoked.delegation, debate: debate.slug, grantId: revoked.id },
  });
  return { id: revoked.id };
}
