// May this delegation submit (or replace, or withdraw) its statement now? Pure: the window comes from the
// debate's columns and its late grants, the instant from the injected clock.
//
// The rules, after Indico's call for abstracts:
// - Before `opensAt` nothing is allowed, late grant or not: a grant extends the end of the window, not its start.
// - Every deadline is inclusive: the deadline instant itself is on time, one millisecond later is not. The default
//   deadline is 23:59:59.999 on the meeting day in the debate's zone, so all of 23:59 is on time and midnight is late.
// - Replacing or withdrawing a submission ('modify', 'withdraw') ends at the modification deadline when there is one
//   (never before the submission deadline), at the submission deadline otherwise.
// - Grace: every delegation gets `graceMinutes` more after whichever deadline applies. It is explicit (a column,
//   0 by default, stated on the page), not a hidden tolerance.
// - A late grant lets one delegation act until its `until` (inclusive), for every action. A revoked grant counts
//   only before the instant it was revoked; several grants (one revoked, a later one current): the latest end wins.
// - `basis` says which rule allows the action at `now`: the window itself, then grace, then the delegation's grant.
//   `until` is the last instant at which this delegation may still do this, by any rule (the countdown to show).

export type SubmissionAction = 'submit' | 'modify' | 'withdraw';

export interface LateGrant {
  /** The mission's code, as delegations.missions spells it. */
  delegation: string;
  /** The last instant at which the delegation may act (inclusive). */
  until: Date;
  revokedAt: Date | null;
}

export interface SubmissionWindow {
  opensAt: Date;
  /** The last instant at which a submission is on time (inclusive). */
  deadline: Date;
  /** The last instant to replace or withdraw a submission; null: the deadline. */
  modificationDeadline: Date | null;
  /** Whole minutes, 0 to 1440, added to every delegation's deadline. */
  graceMinutes: number;
  lateGrants: readonly LateGrant[];
}

export type SubmissionBasis = 'window' | 'grace' | 'late_grant';

export type SubmissionDecision =
  | { allowed: true; until: Date; basis: SubmissionBasis }
  | { allowed: false; reason: 'not_yet_open'; opensAt: Date; closedAt: Date }
  | { allowed: false; reason: 'closed'; closedAt: Date };

export interface SubmissionDeadlines {
  /** The deadline that applies to the action: the submission deadline, or the modification deadline. */
  regular: Date;
  /** `regular` plus the grace minutes (equal to it without grace). */
  withGrace: Date;
  /** The end of the delegation's late grant in force at that instant, if any. */
  lateGrant: Date | null;
  /** The latest of the three: the last instant the delegation may act. */
  last: Date;
}

export const MAX_GRACE_MINUTES = 1440;

/** The ends that apply to one delegation and one action at `now` (a grant revoked before `now` is ignored). */
export function submissionDeadlines(
  window: SubmissionWindow,
  delegation: string | null,
  now: Date,
  action: SubmissionAction,
): SubmissionDeadlines {
  const { graceMinutes } = window;
  // The table allows 0 to 1440; anything else here is a caller passing the wrong number (seconds, a string).
  if (!Number.isInteger(graceMinutes) || graceMinutes < 0 || graceMinutes > MAX_GRACE_MINUTES) {
    throw new RangeError(`graceMinutes must be a whole number from 0 to ${MAX_GRACE_MINUTES}, not ${String(graceMinutes)}`);
  }
  const deadline = window.deadline.getTime();
  const regular = action === 'submit' ? deadline : Math.max(deadline, window.modificationDeadline?.getTime() ?? deadline);
  const withGrace = regular + graceMinutes * 60_000;
  let lateGrant: number | null = null;
  if (delegation !== null) {
    for (const grant of window.lateGrants) {
      if (grant.delegation !== delegation) continue;
      if (grant.revokedAt !== null && grant.revokedAt.getTime() <= now.getTime()) continue;
      lateGrant = Math.max(lateGrant ?? -Infinity, grant.until.getTime());
    }
  }
  return {
    regular: new Date(regular),
    withGrace: new Date(withGrace),
    lateGrant: lateGrant === null ? null : new Date(lateGrant),
    last: new Date(Math.max(withGrace, lateGrant ?? -Infinity)),
  };
}

/**
 * Whether `delegation` may do `action` at `now`. `delegation` null asks for any delegation without a grant of its
 * own (the public state of the window).
 */
export function submissionDecision(
  window: SubmissionWindow,
  delegation: string | null,
  now: Date,
  options: { action: SubmissionAction },
): SubmissionDecision {
  const ends = submissionDeadlines(window, delegation, now, options.action);
  const t = now.getTime();
  if (t < window.opensAt.getTime()) return { allowed: false, reason: 'not_yet_open', opensAt: window.opensAt, closedAt: ends.last };
  if (t > ends.last.getTime()) return { allowed: false, reason: 'closed', closedAt: ends.last };
  const basis: SubmissionBasis = t <= ends.regular.getTime() ? 'window' : t <= ends.withGrace.getTime() ? 'grace' : 'late_grant';
  return { allowed: true, until: ends.last, basis };
}
