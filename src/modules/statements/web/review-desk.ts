// The Secretariat's review desk for one debate: every delegation that may submit, with where it stands, its word
// count, the checks' notes, who signed (and what the cover letter check found), when it arrived (late or not,
// entered by the Secretariat or not) and how many versions it sent, with a link to its history; filters by state
// and sorting, both plain links; accept, return with a reason, or accept every statement waiting at once; the files
// to download; entering a statement received by e-mail; after the deadline, the way to allow a late submission.
import type { Actor } from '../../../kernel/authz.js';
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import { errorSummary, form, notice, submit, textarea, type FieldErrors } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import type { DebateRecord } from '../../meetings/index.js';
import type { DeskEntry, Warning } from '../db.js';
import { DESK_FILTER_LABELS, DESK_FILTERS, DESK_SORT_LABELS, DESK_SORTS, DESK_STATE_LABELS, matchesDeskFilter, SIGNATORY_CHECK_LABELS, signatoryCheck, sortDeskRows, type DeskFilter, type DeskSort, type DeskState } from '../domain/desk-state.js';

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

export interface ReviewDeskModel {
  actor: Actor;
  debate: DebateRecord;
  csrf: string;
  notice?: string;
  rows: DeskRow[];
  filter: DeskFilter | 'all';
  sort: DeskSort;
  counts: Record<DeskFilter, number>;
  errors?: FieldErrors;
}

function when(at: Date, tz: string): string {
  return `${formatDateWithWeekday(at, tz)}, ${formatTimeInZone(at, tz)}`;
}

function notes(warnings: Warning[]): SafeHtml {
  return warnings.length === 0 ? html`` : html`<ul class="warnings">${warnings.map((w) => html`<li>${w.message}</li>`)}</ul>`;
}

/** The address of the desk with this filter and this sort (the defaults left out). */
export function deskQuery(filter: DeskFilter | 'all', sort: DeskSort): string {
  const params = [filter !== 'all' ? `state=${filter}` : '', sort !== 'name' ? `sort=${sort}` : ''].filter(Boolean);
  return params.length === 0 ? '?' : `?${params.join('&')}`;
}

/** For a delegation without a statement: its late permission, or, once it may no longer submit, how to allow one. */
function lateness(m: ReviewDeskModel, r: DeskRow): SafeHtml {
  if (r.state !== 'not_submitted' && r.state !== 'withdrawn') return html``;
  if (r.lateUntil && r.mayStillSubmit) return html`<br><span class="muted">May submit late until ${when(r.lateUntil, m.debate.time_zone)}</span>`;
  if (r.mayStillSubmit) return html``;
  return html`<br><span class="muted">The deadline has passed.</span> <a href="/debates/${m.debate.slug}/desk#late-heading">Allow a late submission<span class="visually-hidden"> to ${r.label}</span></a>`;
}

function signatory(rev: DeskEntry['revision'] | undefined): SafeHtml {
  if (!rev?.signatory_name) return html``;
  const check = signatoryCheck(rev);
  return html`${rev.signatory_name}, ${rev.signatory_title}${check ? html`<br><span class="muted">${SIGNATORY_CHECK_LABELS[check]}</span>` : ''}`;
}

function received(m: ReviewDeskModel, e: DeskEntry): SafeHtml {
  const rev = e.revision;
  const tz = m.debate.time_zone;
  return html`<time datetime="${rev.created_at.toISOString()}">${when(rev.created_at, tz)}</time>${
    rev.via === 'secretariat' ? html`<br><span class="muted">entered by the Secretariat${rev.received_before_deadline_at ? html`, received ${when(rev.received_before_deadline_at, tz)}` : ''}</span>` : ''
  }${e.revisions > 1 ? html`<br><span class="muted">version ${e.revisions}</span>` : ''}`;
}

function row(m: ReviewDeskModel, r: DeskRow): SafeHtml {
  const e = r.entry;
  const rev = e?.revision;
  const base = `/debates/${m.debate.slug}/statements/${r.code}`;
  return html`<tr id="row-${r.code}">
  <th scope="row">${r.label}</th>
  <td>${DESK_STATE_LABELS[r.state]}${rev?.late ? ' (late, allowed)' : ''}${e?.review?.decision === 'returned' && e.review.reason ? html`<br><span class="muted">${e.review.reason}</span>` : ''}${lateness(m, r)}</td>
  <td>${rev && rev.action === 'submit' ? html`${rev.words} words${rev.footnote_words ? `, ${rev.footnote_words} in notes` : ''}${notes(rev.warnings)}` : ''}</td>
  <td>${signatory(rev)}</td>
  <td>${e ? received(m, e) : ''}</td>
  <td>${
    rev && rev.action === 'submit'
      ? html`<a href="${base}/files/statement">Statement</a> · <a href="${base}/files/cover">Cover letter</a>
  ${r.state !== 'accepted' ? form(`${base}/review`, m.csrf, html`<input type="hidden" name="revision" value="${rev.id}"><input type="hidden" name="decision" value="accepted">${submit(`Accept: ${r.label}`, { secondary: true })}`, { className: 'inline' }) : ''}
  <details><summary>Return for correction<span class="visually-hidden">: ${r.label}</span></summary>
  ${form(`${base}/review`, m.csrf, html`<input type="hidden" name="revision" value="${rev.id}"><input type="hidden" name="decision" value="returned">${textarea({ name: 'reason', label: `What ${r.label} should correct`, rows: 2, maxlength: 2000 })}${submit(`Return to ${r.label}`, { secondary: true })}`)}
  </details>`
      : ''
  }
  <p>${e ? html`<a href="${base}/history">History<span class="visually-hidden"> of ${r.label}</span></a> · ` : ''}<a href="${base}/on-behalf">${rev && rev.action === 'submit' ? 'Enter a new version received by e-mail' : 'Enter a statement received by e-mail'}<span class="visually-hidden"> for ${r.label}</span></a></p></td>
</tr>`;
}

export function reviewDeskPage(m: ReviewDeskModel): SafeHtml {
  const shown = sortDeskRows(m.rows.filter((r) => matchesDeskFilter(r, m.filter)), m.sort);
  const filters: Array<DeskFilter | 'all'> = ['all', ...DESK_FILTERS];
  const total = m.rows.length;
  const body = html`<p class="eyebrow"><a href="/debates/${m.debate.slug}/desk">Debate desk</a></p>
<h1>Written statements to review</h1>
<p>${m.debate.theme}</p>
<p><a href="/debates/${m.debate.slug}/compilation/runs">Compilation</a>: build the President’s letter from the accepted statements, and issue it.</p>
<p><a href="/debates/${m.debate.slug}/speakers">Speakers of the meeting</a>: record the briefings, the Council members’ statements and the live speakers’ statements, and the speaking order.</p>
${notice(m.notice)}
${errorSummary(m.errors ?? {})}
<nav aria-label="Filter by state"><ul class="filters">${filters.map((f) => {
    const count = f === 'all' ? total : m.counts[f];
    const label = f === 'all' ? 'All' : DESK_FILTER_LABELS[f];
    return html`<li>${f === m.filter ? html`<strong aria-current="page">${label} (${count})</strong>` : html`<a href="${deskQuery(f, m.sort)}">${label} (${count})</a>`}</li>`;
  })}</ul></nav>
<nav aria-label="Sort"><p>Sort by:</p><ul class="filters">${DESK_SORTS.map((s) => {
    const label = DESK_SORT_LABELS[s];
    return html`<li>${s === m.sort ? html`<strong aria-current="true">${label}</strong>` : html`<a href="${deskQuery(m.filter, s)}">${label}</a>`}</li>`;
  })}</ul></nav>
${m.counts.received > 0 ? form(`/debates/${m.debate.slug}/statements/accept-all`, m.csrf, submit(`Accept all ${m.counts.received} statements waiting`), { label: 'Accept every statement waiting' }) : ''}
<div class="table-wrap"><table class="table">
<caption>${shown.length} of ${total} delegations that may submit, ${m.sort === 'name' ? 'in English alphabetical order' : `by ${DESK_SORT_LABELS[m.sort]}`}</caption>
<thead><tr><th scope="col">Delegation</th><th scope="col">State</th><th scope="col">Words and notes</th><th scope="col">Signed by</th><th scope="col">Received</th><th scope="col">Files and decision</th></tr></thead>
<tbody>${shown.map((r) => row(m, r))}</tbody>
</table></div>`;
  return page({ actor: m.actor, title: `Review: ${m.debate.theme}`, body });
}
