// Where a debate's submission window stands at a given instant. Pure; the instant comes from the clock.

export type WindowState = 'not_yet_open' | 'open' | 'closed';

export interface SubmissionWindow {
  submissions_open_at: Date;
  submission_deadline: Date;
}

/** The deadline itself is the last instant at which a submission is on time. */
export function windowState(window: SubmissionWindow, now: Date): WindowState {
  if (now.getTime() < window.submissions_open_at.getTime()) return 'not_yet_open';
  if (now.getTime() <= window.submission_deadline.getTime()) return 'open';
  return 'closed';
}
