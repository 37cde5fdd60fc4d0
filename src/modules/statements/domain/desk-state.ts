// Where each eligible delegation stands on the review desk. Pure: from its submission (if any), the current
// revision and that revision's latest review.
export type DeskState = 'not_submitted' | 'received' | 'accepted' | 'returned' | 'withdrawn';

export const DESK_STATES: readonly DeskState[] = ['received', 'returned', 'accepted', 'withdrawn', 'not_submitted'];

export const DESK_STATE_LABELS: Record<DeskState, string> = {
  not_submitted: 'Not submitted',
  received: 'Received, to review',
  accepted: 'Accepted',
  returned: 'Returned for correction',
  withdrawn: 'Withdrawn',
};

export function deskState(entry: { submission: { state: 'submitted' | 'withdrawn' }; review: { decision: 'accepted' | 'returned' } | undefined } | undefined): DeskState {
  if (!entry) return 'not_submitted';
  if (entry.submission.state === 'withdrawn') return 'withdrawn';
  return entry.review?.decision ?? 'received';
}
