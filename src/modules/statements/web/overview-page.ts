// The read-only list of a debate's written statements for the presidency (and the Secretariat): where each
// delegation stands, its words, who signed, when it arrived, and links to read the statement and download its
// original file. No decisions here: accepting and returning are the Secretariat's, on its review desk.
import type { Actor } from '../../../kernel/authz.js';
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { dataTable, type TableRow } from '../../../web/tables.js';
import type { DebateRecord } from '../../meetings/index.js';
import type { DeskEntry } from '../db.js';
import { DESK_STATE_LABELS, DESK_STATES, type DeskState } from '../domain/desk-state.js';

export interface OverviewRow {
  code: string;
  label: string;
  state: DeskState;
  entry: DeskEntry | undefined;
}

function row(debate: DebateRecord, r: OverviewRow): TableRow {
  const rev = r.entry?.revision;
  const submitted = rev?.action === 'submit';
  const tz = debate.time_zone;
  const base = `/debates/${debate.slug}/statements/${r.code}`;
  return {
    id: `row-${r.code}`,
    cells: [
      r.entry ? html`<a href="${base}">${r.label}</a>` : r.label,
      `${DESK_STATE_LABELS[r.state]}${rev?.late ? ' (late, allowed)' : ''}`,
      submitted ? `${rev.words ?? 0} words` : '',
      submitted && rev.signatory_name ? `${rev.signatory_name}, ${rev.signatory_title ?? ''}` : '',
      rev
        ? html`<time datetime="${rev.created_at.toISOString()}">${formatDateWithWeekday(rev.created_at, tz)}, ${formatTimeInZone(
            rev.created_at,
            tz,
          )}</time>`
        : '',
      submitted ? html`<a href="${base}/original">Statement<span class="visually-hidden"> of ${r.label}</span></a>` : '',
    ],
  };
}

export function statementsOverviewPage(m: { actor: Actor; debate: DebateRecord; rows: readonly OverviewRow[] }): SafeHtml {
  const counts = DESK_STATES.map((s) => ({ label: DESK_STATE_LABELS[s], count: m.rows.filter((r) => r.state === s).length })).filter(
    (c) => c.count > 0,
  );
  const body = html`<p class="eyebrow"><a href="/debates/${m.debate.slug}/desk">Debate desk</a></p>
<h1>Written statements received</h1>
<p>${m.debate.theme}</p>
<p>Where each delegation’s written statement stands, to read only: the Secretariat reviews the statements and issues the compilation. Until the compilation is issued, the statements are seen only by the Secretariat, the presidency and each delegation for its own.</p>
<ul class="plain">${counts.map((c) => html`<li>${c.label}: ${c.count}</li>`)}</ul>
${dataTable({
  caption: `${m.rows.length} delegations that may submit, in English alphabetical order`,
  columns: ['Delegation', 'State', 'Words', 'Signed by', 'Received', 'Original file'],
  rows: m.rows.map((r) => row(m.debate, r)),
  rowHeader: true,
})}`;
  return page({ actor: m.actor, title: `Written statements: ${m.debate.theme}`, body });
}
