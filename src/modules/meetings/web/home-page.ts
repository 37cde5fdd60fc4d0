// The home page: debates, upcoming first, then past ones.
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import type { Actor } from '../../../kernel/authz.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import type { DebateSummary } from '../db.js';
import { windowState } from '../domain/window.js';
import { bodyNames, formatNames } from './labels.js';

const stateLabels = { not_yet_open: 'Submissions not yet open', open: 'Submissions open', closed: 'Submissions closed' } as const;

function item(d: DebateSummary, now: Date): SafeHtml {
  return html`<li>
  <h3><a href="/debates/${d.slug}">${d.theme}</a></h3>
  <p>${bodyNames[d.body]} open debate · <time datetime="${d.starts_at.toISOString()}">${formatDateWithWeekday(d.starts_at, d.time_zone)}, ${formatTimeInZone(
    d.starts_at,
    d.time_zone,
  )}</time> · ${formatNames[d.format]}</p>
  <p><span class="status">${stateLabels[windowState(d, now)]}</span></p>
</li>`;
}

export function homePage(debates: DebateSummary[], now: Date, actor?: Actor, options: { canCreate?: boolean } = {}): SafeHtml {
  const upcoming = debates.filter((d) => d.starts_at.getTime() >= now.getTime()).reverse();
  const past = debates.filter((d) => d.starts_at.getTime() < now.getTime());
  const body = html`<h1>Open debates</h1>
<p>Member States and observers that are not members of the Council may take part in these debates by submitting a written statement before the deadline.</p>
<p><a href="/debates.ics" type="text/calendar">Subscribe in your calendar (iCalendar)</a>: every debate and its deadline for written statements. <a href="/journal">Programme of upcoming debates</a>, day by day.</p>
${options.canCreate ? html`<p><a class="button" href="/debates/new">New debate</a></p>` : ''}
<h2 id="upcoming">Upcoming</h2>
${
  upcoming.length > 0
    ? html`<ul class="debate-list" aria-labelledby="upcoming">${upcoming.map((d) => item(d, now))}</ul>`
    : html`<p>No debate is scheduled.</p>`
}
<h2 id="past">Past</h2>
${
  past.length > 0
    ? html`<ul class="debate-list" aria-labelledby="past">${past.map((d) => item(d, now))}</ul>`
    : html`<p>No debate has been held yet.</p>`
}`;
  return page({ actor, title: 'Open debates', body });
}
