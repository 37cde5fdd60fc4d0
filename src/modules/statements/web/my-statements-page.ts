// The landing pages of everyday work. "My statements", for a mission's delegates and focal points: each open debate
// their delegation may submit to, where its statement stands and until when it may act (New York time, and the
// reader's own beside it), with the link to act; then the debates closed lately. "Work waiting", for the Secretariat:
// per debate, the statements to review, the builds of the compilation to issue and the announcement letter to issue.
import type { Actor } from '../../../kernel/authz.js';
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { dataTable } from '../../../web/tables.js';
import type { SubmissionDecision } from '../../meetings/index.js';
import type { DeskState } from '../domain/desk-state.js';

/** Where the delegation's statement to one debate stands, and what it may do now. */
export interface MyDebateRow {
  slug: string;
  theme: string;
  startsAt: Date;
  timeZone: string;
  state: DeskState;
  /** When the current revision was received (for received, returned, accepted and withdrawn). */
  receivedAt: Date | null;
  /** The Secretariat's reason, for a returned statement. */
  returnedReason: string | null;
  decision: SubmissionDecision;
}

/** Open: the delegation may act now, or will once submissions open. Closed: neither, any more. */
export function isOpenForDelegation(decision: SubmissionDecision): boolean {
  return decision.allowed || decision.reason === 'not_yet_open';
}

/** The open debates, soonest deadline first, and the closed ones that met within `recentDays`, latest first. */
export function splitMyDebates(rows: readonly MyDebateRow[], now: Date, recentDays = 90): { open: MyDebateRow[]; recent: MyDebateRow[] } {
  const last = (r: MyDebateRow) => (r.decision.allowed ? r.decision.until : r.decision.closedAt).getTime();
  const open = rows.filter((r) => isOpenForDelegation(r.decision)).sort((a, b) => last(a) - last(b));
  const since = now.getTime() - recentDays * 24 * 3600 * 1000;
  const recent = rows
    .filter((r) => !isOpenForDelegation(r.decision) && r.startsAt.getTime() >= since)
    .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  return { open, recent };
}

function when(at: Date, tz: string, localId?: string): SafeHtml {
  return html`<time datetime="${at.toISOString()}"${localId ? html` data-local="${localId}"` : ''}>${formatDateWithWeekday(at, tz)}, ${formatTimeInZone(
    at,
    tz,
  )}</time>${localId ? html`<span id="${localId}" class="local-time"></span>` : ''}`;
}

/** The statement's state in words, with the date it was received and the reason it was returned. */
export function stateText(r: MyDebateRow): SafeHtml {
  const received = r.receivedAt ? html` on ${when(r.receivedAt, r.timeZone)}` : '';
  switch (r.state) {
    case 'not_submitted':
      return html`Not submitted`;
    case 'received':
      return html`Received${received}, waiting for review`;
    case 'returned':
      return html`Returned for correction${r.returnedReason ? html`: “${r.returnedReason}”` : ''}`;
    case 'accepted':
      return html`Accepted${received ? html` (received${received})` : ''}`;
    case 'withdrawn':
      return html`Withdrawn${received}`;
  }
}

function deadlineText(r: MyDebateRow, i: number): SafeHtml {
  const d = r.decision;
  if (d.allowed)
    return html`Until ${when(d.until, r.timeZone, `local-until-${i}`)}${d.basis === 'late_grant' ? ' (a late submission allowed)' : ''}`;
  if (d.reason === 'not_yet_open')
    return html`Opens ${when(d.opensAt, r.timeZone, `local-opens-${i}`)}; until ${when(d.closedAt, r.timeZone)}`;
  return html`Closed ${when(d.closedAt, r.timeZone)}`;
}

function actionText(r: MyDebateRow, canSubmit: boolean): SafeHtml {
  const href = `/debates/${r.slug}/statement`;
  if (!canSubmit) return html`<a href="/debates/${r.slug}">The debate</a>`;
  if (!r.decision.allowed) return html`<a href="${href}">Your statement</a>`;
  const verb =
    r.state === 'not_submitted' || r.state === 'withdrawn'
      ? 'Submit a statement'
      : r.state === 'returned'
        ? 'Send a corrected statement'
        : 'Open your statement';
  return html`<a href="${href}">${verb}<span class="visually-hidden"> to “${r.theme}”</span></a>`;
}

export interface MyStatementsModel {
  actor: Actor;
  missionName: string;
  /** The person may submit (holds access to statements); a focal point without it sees the states only. */
  canSubmit: boolean;
  /** A focal point: the link to the mission's page. */
  missionHref: string | null;
  open: MyDebateRow[];
  recent: MyDebateRow[];
}

function table(rows: MyDebateRow[], caption: string, canSubmit: boolean, offset: number): SafeHtml {
  return dataTable({
    caption,
    columns: ['Debate', 'Your statement', 'Deadline (New York time)', 'What to do'],
    rowHeader: true,
    rows: rows.map((r, i) => ({
      id: `debate-${r.slug}`,
      cells: [
        html`<a href="/debates/${r.slug}">${r.theme}</a><br><span class="muted">Meeting: ${when(r.startsAt, r.timeZone)}</span>`,
        stateText(r),
        deadlineText(r, offset + i),
        actionText(r, canSubmit),
      ],
    })),
  });
}

export function myStatementsPage(m: MyStatementsModel): SafeHtml {
  const body = html`<h1>My statements</h1>
<p>The written statements of the ${m.missionName}, debate by debate.${
    m.missionHref ? html` Your mission’s people and signatories are on <a href="${m.missionHref}">your mission’s page</a>.` : ''
  }</p>
${
  m.canSubmit
    ? ''
    : html`<p>Only people given access to statements by the mission’s access focal point submit them; you see where each stands.</p>`
}
<h2 id="open">Open debates</h2>
${
  m.open.length > 0
    ? table(m.open, 'Debates your delegation may submit to', m.canSubmit, 0)
    : html`<p>No debate is open to your delegation now. <a href="/">Every debate</a></p>`
}
<h2 id="recent">Closed lately</h2>
${
  m.recent.length > 0
    ? table(m.recent, 'Debates closed in the last 90 days', m.canSubmit, m.open.length)
    : html`<p>None in the last 90 days.</p>`
}`;
  return page({ actor: m.actor, title: 'My statements', body });
}

/** One debate's work for the Secretariat. */
export interface WorkRow {
  slug: string;
  theme: string;
  startsAt: Date;
  timeZone: string;
  toReview: number;
  buildsToIssue: number;
  letterToIssue: boolean;
}

export function hasWork(r: WorkRow): boolean {
  return r.toReview > 0 || r.buildsToIssue > 0 || r.letterToIssue;
}

function count(n: number, one: string, many: string): string {
  return n === 0 ? 'None' : `${n} ${n === 1 ? one : many}`;
}

export function workPage(m: { actor: Actor; rows: WorkRow[] }): SafeHtml {
  const body = html`<h1>Debates with work waiting</h1>
<p>Statements received and not reviewed yet, builds of the compilation not issued, and announcement letters not issued for upcoming debates. <a href="/">Every debate</a></p>
${
  m.rows.length === 0
    ? html`<p>Nothing is waiting.</p>`
    : dataTable({
        caption: 'Work waiting, by debate (the soonest meeting first)',
        columns: ['Debate', 'Statements to review', 'Compilation', 'Announcement letter'],
        rowHeader: true,
        rows: m.rows.map((r) => ({
          id: `debate-${r.slug}`,
          cells: [
            html`<a href="/debates/${r.slug}">${r.theme}</a><br><span class="muted">Meeting: ${when(r.startsAt, r.timeZone)}</span>`,
            r.toReview > 0
              ? html`<a href="/debates/${r.slug}/statements?state=received">${count(r.toReview, 'to review', 'to review')}</a>`
              : 'None',
            r.buildsToIssue > 0
              ? html`<a href="/debates/${r.slug}/compilation/runs">${count(r.buildsToIssue, 'build to issue', 'builds to issue')}</a>`
              : 'Nothing to issue',
            r.letterToIssue ? html`<a href="/debates/${r.slug}/desk">To issue</a>` : 'Issued',
          ],
        })),
      })
}`;
  return page({ actor: m.actor, title: 'Debates with work waiting', body });
}
