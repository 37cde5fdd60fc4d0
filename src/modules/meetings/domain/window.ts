// Where a debate's submission window stands at a given instant, for the public pages and the API. Pure; the
// instant comes from the clock. It is submissionDecision for a delegation without a late grant of its own, so the
// pages and the submission rules cannot disagree (grace included: the window is open while it runs).
import { submissionDecision, type LateGrant, type SubmissionWindow } from './submission-window.js';

export type WindowState = 'not_yet_open' | 'open' | 'closed';

/** The window's columns as meetings.debates holds them. */
export interface WindowColumns {
  submissions_open_at: Date;
  submission_deadline: Date;
  grace_minutes: number;
}

/** The deadline itself is the last instant at which a submission is on time. */
export function windowState(debate: WindowColumns, now: Date): WindowState {
  const decision = submissionDecision(windowOf({ ...debate, modification_deadline: null }, []), null, now, { action: 'submit' });
  return decision.allowed ? 'open' : decision.reason;
}

/** The pure window from a debate's columns and its late grants (revoked ones included: the rules ignore them). */
export function windowOf(
  debate: WindowColumns & { modification_deadline: Date | null },
  lateGrants: readonly LateGrant[],
): SubmissionWindow {
  return {
    opensAt: debate.submissions_open_at,
    deadline: debate.submission_deadline,
    modificationDeadline: debate.modification_deadline,
    graceMinutes: debate.grace_minutes,
    lateGrants,
  };
}
