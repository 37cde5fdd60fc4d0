// The Secretariat's review desk for one debate: every delegation that may submit, with where it stands, its word
// count, the checks' notes, who signed, when it arrived (late or not) and how many versions it sent; filters by
// state; accept, return with a reason, or accept every statement waiting at once; the files to download.
import type { Actor } from '../../../kernel/authz.js';
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import { errorSummary, form, notice, submit, textarea, type FieldErrors } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import type { DebateRecord } from '../../meetings/index.js';
import type { DeskEntry, Warning } from '../db.js';
import { DESK_STATE_LABELS, DESK_STATES, type DeskState } from '../domain/desk-state.js';

export interface DeskRow {
  code: string;
  label: string;
  state: DeskState;
  entry: DeskEntry | undefined;
}

export interface ReviewDeskModel {
  actor: Actor;
  debate: DebateRecord;
  csrf: string;
  notice?: string;
  rows: DeskRow[];
  filter: DeskState | 'all';
  counts: Record<DeskState, number>;
  errors?: FieldErrors;
}

function when(at: Date, tz: string): string {
  return `${formatDateWithWeekday(at, tz)}, ${formatTimeInZone(at, tz)}`;
}

function notes(warnings: Warning[]): SafeHtml {
  return warnings.length === 0 ? html`` : html`<ul class="warnings">${warnings.map((w) => html`<li>${w.message}</li>`)}</ul>`;
}

function row(m: ReviewDeskModel, r: DeskRow): SafeHtml {
  const e = r.entry;
  const rev = e?.revision;
  const base = `/debates/${m.debate.slug}/statements/${r.code}`;
  return html`<tr id="row-${r.code}">
  <th scope="row">${r.label}</th>
  <td>${DESK_STATE_LABELS[r.state]}${rev?.late ? ' (late, allowed)' : ''}${e?.review?.decision === 'returned' && e.review.reason ? html`<br><span class="muted">${e.review.reason}</span>` : ''}</td>
  <td>${rev && rev.action === 'submit' ? html`${rev.words} words${rev.footnote_words ? `, ${rev.footnote_words} in notes` : ''}${notes(rev.warnings)}` : ''}</td>
  <td>${rev?.signatory_name ? `${rev.signatory_name}, ${rev.signatory_title}` : ''}</td>
  <td>${rev ? html`<time datetime="${rev.created_at.toISOString()}">${when(rev.created_at, m.debate.time_zone)}</time>${e && e.revisions > 1 ? html`<br><span class="muted">version ${e.revisions}</span>` : ''}` : ''}</td>
  <td>${
    rev && rev.action === 'submit'
      ? html`<a href="${base}/files/statement">Statement</a> · <a href="${base}/files/cover">Cover letter</a>
  ${r.state !== 'accepted' ? form(`${base}/review`, m.csrf, html`<input type="hidden" name="revision" value="${rev.id}"><input type="hidden" name="decision" value="accepted">${submit(`Accept: ${r.label}`, { secondary: true })}`, { className: 'inline' }) : ''}
  <details><summary>Return for correction<span class="visually-hidden">: ${r.label}</span></summary>
  ${form(`${base}/review`, m.csrf, html`<input type="hidden" name="revision" value="${rev.id}"><input type="hidden" name="decision" value="returned">${textarea({ name: 'reason', label: `What ${r.label} should correct`, rows: 2, maxlength: 2000 })}${submit(`Return to ${r.label}`, { secondary: true })}`)}
  </details>`
      : ''
  }</td>
</tr>`;
}

export function reviewDeskPage(m: ReviewDeskModel): SafeHtml {
  const shown = m.filter === 'all' ? m.rows : m.rows.filter((r) => r.state === m.filter);
  const filters: Array<DeskState | 'all'> = ['all', ...DESK_STATES];
  const total = m.rows.length;
  const body = html`<p class="eyebrow"><a href="/debates/${m.debate.slug}/desk">Debate desk</a></p>
<h1>Written statements to review</h1>
<p>${m.debate.theme}</p>
<p><a href="/debates/${m.debate.slug}/compilation/runs">Compilation</a>: build the President’s letter from the accepted statements, and issue it.</p>
${notice(m.notice)}
${errorSummary(m.errors ?? {})}
<nav aria-label="Filter by state"><ul class="filters">${filters.map((f) => {
    const count = f === 'all' ? total : m.counts[f];
    const label = f === 'all' ? 'All' : DESK_STATE_LABELS[f];
    return html`<li>${f === m.filter ? html`<strong aria-current="page">${label} (${count})</strong>` : html`<a href="?state=${f}">${label} (${count})</a>`}</li>`;
  })}</ul></nav>
${m.counts.received > 0 ? form(`/debates/${m.debate.slug}/statements/accept-all`, m.csrf, submit(`Accept all ${m.counts.received} statements waiting`), { label: 'Accept every statement waiting' }) : ''}
<div class="table-wrap"><table class="table">
<caption>${shown.length} of ${total} delegations that may submit, in English alphabetical order</caption>
<thead><tr><th scope="col">Delegation</th><th scope="col">State</th><th scope="col">Words and notes</th><th scope="col">Signed by</th><th scope="col">Received</th><th scope="col">Files and decision</th></tr></thead>
<tbody>${shown.map((r) => row(m, r))}</tbody>
</table></div>`;
  return page({ actor: m.actor, title: `Review: ${m.debate.theme}`, body });
}
