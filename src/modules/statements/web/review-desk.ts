// The Secretariat's review desk for one debate: every delegation that may submit, with where it stands, its word
// count, what the checks found (said to the Secretariat), who signed (and what the cover letter check found), when it
// arrived (late or not, entered by the Secretariat or not) and how many versions it sent, with a link to its history.
// It opens on the statements to review; filters by state and sorting are plain links, the search by delegation a GET
// form, and all three are kept in the address and in every decision form, so a decision comes back to the same view
// and place (`#row-<code>`). Each row links to the statement's reading page, and carries the decisions (accept, or
// return with a reason) with a refused decision's message beside it; accepting every statement waiting asks first.
// Also the files to download, entering a statement received by e-mail and, after the deadline, the way to allow a
// late submission.
import type { Actor } from '../../../kernel/authz.js';
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import { confirmForm, type Confirmation } from '../../../web/confirm.js';
import { errorSummary, field, form, notice, submit } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { dataTable, type TableRow } from '../../../web/tables.js';
import type { DebateRecord } from '../../meetings/index.js';
import type { DeskEntry, Warning } from '../db.js';
import {
  DESK_FILTER_LABELS,
  DESK_FILTERS,
  DESK_SORT_LABELS,
  DESK_SORTS,
  DESK_STATE_LABELS,
  deskViewFields,
  deskViewQuery,
  matchesDeskFilter,
  matchesDeskSearch,
  reviewerWarning,
  SIGNATORY_CHECK_LABELS,
  signatoryCheck,
  sortDeskRows,
  type DeskFilter,
  type DeskState,
  type DeskView,
} from '../domain/desk-state.js';

export interface DeskRow {
  code: string;
  label: string;
  state: DeskState;
  entry: DeskEntry | undefined;
  /** The current statement's word count and when it was received (the time stated by the Secretariat, if any). */
  words: number | null;
  receivedAt: Date | null;
  /** The current statement came in after the deadline, under a late permission. */
  late: boolean;
  /** The end of the delegation's late permission in force, if any. */
  lateUntil: Date | null;
  /** Whether the delegation may still submit now (the window, grace or its late permission). */
  mayStillSubmit: boolean;
}

/** A decision refused, shown beside its row (and on the reading page): about the reason typed, or the decision itself. */
export interface DecisionError {
  code: string;
  message: string;
  /** 'reason': the return's reason (kept as typed); 'decision': the decision as a whole (a version since replaced). */
  about: 'reason' | 'decision';
  reason?: string;
}

export interface ReviewDeskModel {
  actor: Actor;
  debate: DebateRecord;
  csrf: string;
  notice?: string;
  rows: DeskRow[];
  view: DeskView;
  error?: DecisionError;
}

/** The rows the view shows, in its order: its filter and search, sorted. */
export function shownRows(rows: readonly DeskRow[], view: DeskView): DeskRow[] {
  return sortDeskRows(
    rows.filter((r) => matchesDeskFilter(r, view.filter) && matchesDeskSearch(r, view.search)),
    view.sort,
  );
}

/** The desk's address for a view, and a row of it. */
export function deskHref(debate: DebateRecord, view: DeskView, code?: string): string {
  return `/debates/${debate.slug}/statements${deskViewQuery(view)}${code ? `#row-${code}` : ''}`;
}

function when(at: Date, tz: string): string {
  return `${formatDateWithWeekday(at, tz)}, ${formatTimeInZone(at, tz)}`;
}

/** The checks' warnings as the Secretariat reads them (the delegation read its own wording when it uploaded). */
export function reviewerNotes(warnings: readonly Warning[], wordGuidance: number): SafeHtml {
  const said = warnings.map((w) => reviewerWarning(w, wordGuidance)).filter((s): s is string => s !== undefined);
  return said.length === 0 ? html`` : html`<ul class="warnings">${said.map((s) => html`<li>${s}</li>`)}</ul>`;
}

/** For a delegation without a statement: its late permission, or, once it may no longer submit, how to allow one. */
function lateness(m: ReviewDeskModel, r: DeskRow): SafeHtml {
  if (r.state !== 'not_submitted' && r.state !== 'withdrawn') return html``;
  if (r.lateUntil && r.mayStillSubmit)
    return html`<br><span class="muted">May submit late until ${when(r.lateUntil, m.debate.time_zone)}</span>`;
  if (r.mayStillSubmit) return html``;
  return html`<br><span class="muted">The deadline has passed.</span> <a href="/debates/${m.debate.slug}/desk#late-heading">Allow a late submission<span class="visually-hidden"> to ${r.label}</span></a>`;
}

/** The reason a statement was returned with, said as what it is: the text the delegation received. */
export function returnReason(e: DeskEntry | undefined): SafeHtml {
  return e?.review?.decision === 'returned' && e.review.reason
    ? html`<br><span class="muted">Reason sent to the delegation: “${e.review.reason}”</span>`
    : html``;
}

export function signatory(rev: DeskEntry['revision'] | undefined): SafeHtml {
  if (!rev?.signatory_name) return html``;
  const check = signatoryCheck(rev);
  return html`${rev.signatory_name}, ${rev.signatory_title}${
    check ? html`<br><span class="muted">${SIGNATORY_CHECK_LABELS[check]}</span>` : ''
  }`;
}

export function received(debate: DebateRecord, e: DeskEntry): SafeHtml {
  const rev = e.revision;
  const tz = debate.time_zone;
  return html`<time datetime="${rev.created_at.toISOString()}">${when(rev.created_at, tz)}</time>${
    rev.via === 'secretariat'
      ? html`<br><span class="muted">entered by the Secretariat${
          rev.received_before_deadline_at ? html`, received ${when(rev.received_before_deadline_at, tz)}` : ''
        }</span>`
      : ''
  }${e.revisions > 1 ? html`<br><span class="muted">version ${e.revisions}</span>` : ''}`;
}

function hiddenView(view: DeskView, extra: Record<string, string> = {}): SafeHtml[] {
  return Object.entries({ ...deskViewFields(view), ...extra }).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
}

export interface DecisionFormsOptions {
  debate: DebateRecord;
  csrf: string;
  view: DeskView;
  row: DeskRow;
  error?: DecisionError | undefined;
  /** 'read': sent from the reading page, which shows a refusal; otherwise the desk does. */
  from?: 'read';
}

/**
 * The decisions about a row's current statement: accept (unless accepted), and return with a reason (a disclosure,
 * open when its reason was refused). Both carry the revision seen and the desk's view; a refusal sits here, announced,
 * and tied to the field or button it is about.
 */
export function decisionForms(o: DecisionFormsOptions): SafeHtml {
  const r = o.row;
  const rev = r.entry?.revision;
  if (!rev || rev.action !== 'submit') return html``;
  const action = `/debates/${o.debate.slug}/statements/${r.code}/review`;
  const extra: Record<string, string> = o.from ? { from: o.from } : {};
  const err = o.error?.code === r.code ? o.error : undefined;
  const decisionError = err?.about === 'decision' ? err : undefined;
  const reasonError = err?.about === 'reason' ? err : undefined;
  const errorId = `row-${r.code}-error`;
  const reasonId = `reason-${r.code}`;
  const reasonErrorId = `${reasonId}-error`;
  return html`${decisionError ? html`<p class="error-message" id="${errorId}" role="alert">${decisionError.message}</p>` : ''}
${
  r.state !== 'accepted'
    ? form(
        action,
        o.csrf,
        html`${hiddenView(o.view, extra)}<input type="hidden" name="revision" value="${rev.id}"><input type="hidden" name="decision" value="accepted"><button type="submit" class="button secondary"${decisionError ? html` aria-describedby="${errorId}"` : ''}>Accept: ${r.label}</button>`,
        { className: 'inline' },
      )
    : ''
}
<details${reasonError ? html` open` : ''}><summary aria-label="Return for correction: ${r.label}">Return for correction</summary>
${form(
  action,
  o.csrf,
  html`${hiddenView(o.view, extra)}<input type="hidden" name="revision" value="${rev.id}"><input type="hidden" name="decision" value="returned">
<div class="field field-wide${reasonError ? ' field-error' : ''}">
<label for="${reasonId}">What ${r.label} should correct</label>
<p class="hint" id="${reasonId}-hint">Sent to the delegation by e-mail, as written.</p>
${reasonError ? html`<p class="error-message" id="${reasonErrorId}" role="alert">${reasonError.message}</p>` : ''}
<textarea id="${reasonId}" name="reason" rows="2" maxlength="2000" aria-describedby="${reasonId}-hint${
    reasonError ? ` ${reasonErrorId}` : ''
  }"${reasonError ? html` aria-invalid="true"` : ''}>${reasonError?.reason ?? ''}</textarea>
</div>
${submit(`Return to ${r.label}`, { secondary: true })}`,
)}
</details>`;
}

/** The error summary's entry for a refused decision: a link to the field or the message beside the row. */
export function decisionErrorSummary(error: DecisionError | undefined): SafeHtml {
  if (!error) return html``;
  return errorSummary({ [error.about === 'reason' ? `reason-${error.code}` : `row-${error.code}-error`]: error.message });
}

function row(m: ReviewDeskModel, r: DeskRow): TableRow {
  const e = r.entry;
  const rev = e?.revision;
  const submitted = rev?.action === 'submit';
  const base = `/debates/${m.debate.slug}/statements/${r.code}`;
  const query = deskViewQuery(m.view);
  return {
    id: `row-${r.code}`,
    cells: [
      r.label,
      html`${DESK_STATE_LABELS[r.state]}${rev?.late ? ' (late, allowed)' : ''}${returnReason(e)}${lateness(m, r)}`,
      submitted
        ? html`${rev.words} words${rev.footnote_words ? `, ${rev.footnote_words} in notes` : ''}${reviewerNotes(
            rev.warnings,
            m.debate.word_guidance,
          )}`
        : '',
      signatory(rev),
      e ? received(m.debate, e) : '',
      html`${
        submitted
          ? html`<p><a href="${base}/read${query}">Read<span class="visually-hidden"> the statement of ${r.label}</span></a> · <a href="${
              base
            }/files/statement">Statement<span class="visually-hidden"> of ${r.label} (Word)</span></a> · <a href="${base}/files/cover">Cover letter<span class="visually-hidden"> of ${r.label}</span></a></p>`
          : ''
      }
${decisionForms({ debate: m.debate, csrf: m.csrf, view: m.view, row: r, error: m.error })}
<p>${e ? html`<a href="${base}/history">History<span class="visually-hidden"> of ${r.label}</span></a> · ` : ''}<a href="${base}/on-behalf">${submitted ? 'Enter a new version received by e-mail' : 'Enter a statement received by e-mail'}<span class="visually-hidden"> for ${r.label}</span></a></p>`,
    ],
  };
}

/** "Accept the 1 statement waiting", "Accept all 12 statements waiting". */
export function acceptAllLabel(waiting: number): string {
  return waiting === 1 ? 'Accept the 1 statement waiting' : `Accept all ${waiting} statements waiting`;
}

/** Accepting every statement waiting, as the desk's button and the page without scripts ask it. */
export function acceptAllConfirmation(debate: DebateRecord, view: DeskView, waiting: number): Confirmation {
  const label = acceptAllLabel(waiting);
  return {
    action: `/debates/${debate.slug}/statements/accept-all`,
    question: `${label}?`,
    consequence: `${
      waiting === 1
        ? 'The statement received and not yet decided is accepted'
        : `The ${waiting} statements received and not yet decided are accepted`
    }, whatever the search or filter shows, and each delegation is told by e-mail. The e-mails cannot be called back; a statement accepted by mistake can still be returned for correction from its row.`,
    confirmLabel: label,
    hidden: deskViewFields(view),
  };
}

function filterLinks(m: ReviewDeskModel, searched: readonly DeskRow[]): SafeHtml {
  const filters: Array<DeskFilter | 'all'> = [...DESK_FILTERS, 'all'];
  return html`<nav aria-label="Filter by state"><ul class="filters">${filters.map((f) => {
    const count = searched.filter((r) => matchesDeskFilter(r, f)).length;
    const label = f === 'all' ? 'All' : DESK_FILTER_LABELS[f];
    return html`<li>${
      f === m.view.filter
        ? html`<strong aria-current="page">${label} (${count})</strong>`
        : html`<a href="${deskViewQuery({ ...m.view, filter: f })}">${label} (${count})</a>`
    }</li>`;
  })}</ul></nav>`;
}

function sortLinks(m: ReviewDeskModel): SafeHtml {
  return html`<nav aria-label="Sort"><p>Sort by:</p><ul class="filters">${DESK_SORTS.map((s) => {
    const label = DESK_SORT_LABELS[s];
    return html`<li>${
      s === m.view.sort
        ? html`<strong aria-current="true">${label}</strong>`
        : html`<a href="${deskViewQuery({ ...m.view, sort: s })}">${label}</a>`
    }</li>`;
  })}</ul></nav>`;
}

/** The search by delegation: a GET form that keeps the filter and the sort. */
function searchForm(m: ReviewDeskModel): SafeHtml {
  const keep = { state: m.view.filter, ...(m.view.sort !== 'name' ? { sort: m.view.sort } : {}) };
  return html`<form method="get" action="/debates/${m.debate.slug}/statements" role="search" aria-label="Search the delegations">
${Object.entries(keep).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
${field({
  name: 'q',
  label: 'Find a delegation',
  hint: 'Part of its name, with or without accents, or its code (BRA).',
  value: m.view.search,
  maxlength: 100,
})}
${submit('Search', { secondary: true })}${
    m.view.search ? html` <a href="${deskViewQuery({ ...m.view, search: '' })}">Show every delegation</a>` : ''
  }
</form>`;
}

function caption(m: ReviewDeskModel, shown: number, searched: number): string {
  const order = m.view.sort === 'name' ? 'in English alphabetical order' : `by ${DESK_SORT_LABELS[m.view.sort]}`;
  const among = m.view.search ? `${searched} delegations matching “${m.view.search}”` : `${m.rows.length} delegations that may submit`;
  const which = m.view.filter === 'all' ? '' : `: ${DESK_FILTER_LABELS[m.view.filter].toLowerCase()}`;
  return `${shown} of ${among}${which}, ${order}`;
}

export function reviewDeskPage(m: ReviewDeskModel): SafeHtml {
  const searched = m.rows.filter((r) => matchesDeskSearch(r, m.view.search));
  const shown = shownRows(m.rows, m.view);
  const waiting = m.rows.filter((r) => r.state === 'received' && r.entry).length;
  const body = html`<p class="eyebrow"><a href="/debates/${m.debate.slug}/desk">Debate desk</a></p>
<h1>Written statements to review</h1>
<p>${m.debate.theme}</p>
<p><a href="/debates/${m.debate.slug}/compilation/runs">Compilation</a>: build the President’s letter from the accepted statements, and issue it.</p>
<p><a href="/debates/${m.debate.slug}/speakers">Speakers of the meeting</a>: record the briefings, the Council members’ statements and the live speakers’ statements, and the speaking order.</p>
${notice(m.notice)}
${decisionErrorSummary(m.error)}
${searchForm(m)}
${filterLinks(m, searched)}
${sortLinks(m)}
${
  waiting > 0
    ? confirmForm({
        ...acceptAllConfirmation(m.debate, m.view, waiting),
        csrf: m.csrf,
        button: acceptAllLabel(waiting),
        label: 'Accept every statement waiting',
      })
    : ''
}
${
  shown.length === 0
    ? html`<p id="desk-empty">${
        m.view.search
          ? `No delegation matching “${m.view.search}” is in this list.`
          : m.view.filter === 'received'
            ? 'No statement is waiting for a decision.'
            : 'No delegation is in this list.'
      }</p>`
    : dataTable({
        caption: caption(m, shown.length, searched.length),
        columns: ['Delegation', 'State', 'Words and checks', 'Signed by', 'Received', 'Statement and decision'],
        rows: shown.map((r) => row(m, r)),
        rowHeader: true,
      })
}`;
  return page({ actor: m.actor, title: `Review: ${m.debate.theme}`, body });
}
