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

export function deskState(
  entry: { submission: { state: 'submitted' | 'withdrawn' }; review: { decision: 'accepted' | 'returned' } | undefined } | undefined,
): DeskState {
  if (!entry) return 'not_submitted';
  if (entry.submission.state === 'withdrawn') return 'withdrawn';
  return entry.review?.decision ?? 'received';
}

/**
 * What the desk can be filtered by: a state, or "late": the current statement came in after the deadline under a
 * late permission (whatever its state), which the Secretariat may want to see together.
 */
export type DeskFilter = DeskState | 'late';

export const DESK_FILTERS: readonly DeskFilter[] = [...DESK_STATES, 'late'];

export const DESK_FILTER_LABELS: Record<DeskFilter, string> = { ...DESK_STATE_LABELS, late: 'Submitted late' };

/** The desk opens on the statements waiting for a decision: the day's work. */
export const DEFAULT_DESK_FILTER: DeskFilter = 'received';

/** The filter asked for in the address (`?state=`): 'all' for everything; the statements to review for anything else. */
export function deskFilterOf(value: unknown): DeskFilter | 'all' {
  if (value === 'all') return 'all';
  return typeof value === 'string' && (DESK_FILTERS as readonly string[]).includes(value) ? (value as DeskFilter) : DEFAULT_DESK_FILTER;
}

export function matchesDeskFilter(row: { state: DeskState; late: boolean }, filter: DeskFilter | 'all'): boolean {
  if (filter === 'all') return true;
  if (filter === 'late') return row.late;
  return row.state === filter;
}

/** How the desk may be ordered: by delegation (English sort key, the default), state, word count or time received. */
export type DeskSort = 'name' | 'state' | 'words' | 'received';

export const DESK_SORTS: readonly DeskSort[] = ['name', 'state', 'words', 'received'];

export const DESK_SORT_LABELS: Record<DeskSort, string> = {
  name: 'delegation',
  state: 'state',
  words: 'word count, the longest first',
  received: 'time received, the earliest first',
};

/** The sort asked for in the address (`?sort=`), the delegation's name for anything else. */
export function deskSortOf(value: unknown): DeskSort {
  return typeof value === 'string' && (DESK_SORTS as readonly string[]).includes(value) ? (value as DeskSort) : 'name';
}

/** What the desk shows: a filter, an order and a search by delegation. Kept in the address and in every decision form. */
export interface DeskView {
  filter: DeskFilter | 'all';
  sort: DeskSort;
  /** Part of a delegation's name, or its code; empty for every delegation. */
  search: string;
}

/** The view asked for in an address's query or a form's fields (`state`, `sort`, `q`). */
export function deskViewOf(source: unknown): DeskView {
  const fields = (typeof source === 'object' && source !== null ? source : {}) as Record<string, unknown>;
  const search = typeof fields.q === 'string' ? fields.q.replace(/\s+/g, ' ').trim().slice(0, 100) : '';
  return { filter: deskFilterOf(fields.state), sort: deskSortOf(fields.sort), search };
}

/**
 * The view as address parameters: the filter always (a bookmark says what it shows), the sort and the search when
 * they are not the defaults.
 */
export function deskViewFields(view: DeskView): Record<string, string> {
  return { state: view.filter, ...(view.sort !== 'name' ? { sort: view.sort } : {}), ...(view.search ? { q: view.search } : {}) };
}

/** "?state=received&sort=words", with `extra` parameters after the view's. */
export function deskViewQuery(view: DeskView, extra: Record<string, string> = {}): string {
  return `?${new URLSearchParams({ ...deskViewFields(view), ...extra }).toString()}`;
}

/** Text as a search compares it: without accents, in lower case, one kind of apostrophe, single spaces. */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘`]/g, "'").toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A delegation answers a search when its name contains it, or its code is it ("bra", "Côte", "cote d’ivoire"). */
export function matchesDeskSearch(row: { code: string; label: string }, search: string): boolean {
  const key = searchKey(search);
  return key === '' || searchKey(row.label).includes(key) || row.code.toLowerCase() === key;
}

/**
 * Where the desk returns after a decision about `code`, from the rows shown before and after it: its own row while the
 * view still shows it; otherwise the row that took its place (the next one, or the one before it at the end of the
 * list); none when the view shows nothing.
 */
export function rowAfterDecision(before: readonly string[], after: readonly string[], code: string): string | undefined {
  if (after.includes(code)) return code;
  const shown = new Set(after);
  const at = before.indexOf(code);
  if (at < 0) return after[0];
  return (
    before.slice(at + 1).find((c) => shown.has(c)) ??
    before
      .slice(0, at)
      .reverse()
      .find((c) => shown.has(c))
  );
}

export interface SortableDeskRow {
  state: DeskState;
  /** The current statement's word count; null without a statement (not submitted, withdrawn). */
  words: number | null;
  /** When the current statement was received; null without a statement. */
  receivedAt: Date | null;
}

/**
 * The rows in the order asked for. `rows` come in the English order of the delegations' names: that is the 'name'
 * order, and the tie-break of every other. By state: in the order of DESK_STATES (to review first). By words: the
 * longest first. By time received: the earliest first. Rows without a statement come last for words and time.
 */
export function sortDeskRows<R extends SortableDeskRow>(rows: readonly R[], sort: DeskSort): R[] {
  const indexed = rows.map((row, i) => ({ row, i }));
  const missingLast = (a: number | null, b: number | null, compare: (x: number, y: number) => number) =>
    a === null ? (b === null ? 0 : 1) : b === null ? -1 : compare(a, b);
  const by: Record<DeskSort, (a: R, b: R) => number> = {
    name: () => 0,
    state: (a, b) => DESK_STATES.indexOf(a.state) - DESK_STATES.indexOf(b.state),
    words: (a, b) => missingLast(a.words, b.words, (x, y) => y - x),
    received: (a, b) => missingLast(a.receivedAt?.getTime() ?? null, b.receivedAt?.getTime() ?? null, (x, y) => x - y),
  };
  return indexed.sort((a, b) => by[sort](a.row, b.row) || a.i - b.i).map((x) => x.row);
}

export type SignatoryCheck = 'listed' | 'not_in_letter' | 'pdf_letter' | 'typed';

export const SIGNATORY_CHECK_LABELS: Record<SignatoryCheck, string> = {
  listed: 'An authorised signatory of the mission',
  not_in_letter: 'An authorised signatory, but the cover letter does not name any',
  pdf_letter: 'An authorised signatory; the cover letter is a PDF, so its signature was not searched',
  typed: 'Typed by the Secretariat: not on the mission’s list of authorised signatories',
};

/** What the desk can say about the signatory of a statement, from its revision. Undefined for a withdrawal. */
export function signatoryCheck(revision: {
  action: 'submit' | 'withdraw';
  signatory_id: string | null;
  cover_type: 'docx' | 'pdf' | null;
  warnings: ReadonlyArray<{ code: string }>;
}): SignatoryCheck | undefined {
  if (revision.action !== 'submit') return undefined;
  if (revision.signatory_id === null) return 'typed';
  if (revision.cover_type === 'pdf') return 'pdf_letter';
  return revision.warnings.some((w) => w.code === 'cover.no_signatory') ? 'not_in_letter' : 'listed';
}

/**
 * What the desk tells the Secretariat about a check's warning. The stored message is addressed to the delegation
 * ("You may submit it as it is…"), which read it when it uploaded; the desk says what it means for a review and shows
 * that message only as what the delegation was told. A missing signatory is said in the signatory's column instead
 * (undefined here).
 */
export function reviewerWarning(warning: { code: string; message: string }, wordGuidance: number): string | undefined {
  switch (warning.code) {
    case 'cover.no_signatory':
      return undefined;
    case 'words.over_guidance':
      return `Longer than the guidance of about ${wordGuidance.toLocaleString('en-GB')} words.`;
    case 'docx.tracked_changes':
      return 'The file holds tracked changes: it was read, and is published, with every change accepted.';
    case 'docx.comments':
      return 'The file holds comments: they are not published, and the copies handed out leave them out.';
    default:
      return warning.message;
  }
}
