// The programme of upcoming debates in the manner of the Journal of the United Nations: day by day, each meeting
// with its time, organ, format, agenda item and theme, and the deadline for written statements.
import { formatDateWithWeekday, formatTimeInZone, isoDateIn } from '../../../kernel/dates.js';
import type { Actor } from '../../../kernel/authz.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import type { DebateRecord } from '../db.js';
import { bodyNames, formatNames } from './labels.js';
import { unconfirmedBriefers } from '../domain/briefers.js';

function meeting(d: DebateRecord, now: Date, briefed: ReadonlySet<number>): SafeHtml {
  const tz = d.time_zone;
  const unconfirmed = new Set(unconfirmedBriefers(d, briefed, now).map((b) => b.position));
  return html`<article class="journal-entry" aria-labelledby="j-${d.id}">
  <p class="journal-time"><time datetime="${d.starts_at.toISOString()}">${formatTimeInZone(d.starts_at, tz)}</time> · ${
    formatNames[d.format]
  }</p>
  <h3 id="j-${d.id}">${bodyNames[d.body]}: open debate</h3>
  <p>${d.agenda_item}</p>
  <p><a href="/debates/${d.slug}">${d.theme}</a></p>
  ${
    d.briefers.length > 0
      ? html`<p>Briefers: ${d.briefers
          .map((b) => `${b.function}${b.name ? `, ${b.name}` : ''}${unconfirmed.has(b.position) ? ' (to be confirmed)' : ''}`)
          .join('; ')}.</p>`
      : ''
  }
  <p>Written statements: until <time datetime="${d.submission_deadline.toISOString()}">${formatDateWithWeekday(d.submission_deadline, tz)}, ${formatTimeInZone(d.submission_deadline, tz)}</time>.</p>
</article>`;
}

/** `briefed`: for each debate, the positions of the announced briefers whose briefing is recorded. */
export function journalPage(
  debates: readonly DebateRecord[],
  now: Date,
  briefed: ReadonlyMap<string, ReadonlySet<number>>,
  actor?: Actor,
): SafeHtml {
  const days = new Map<string, DebateRecord[]>();
  for (const d of debates) {
    const day = isoDateIn(d.starts_at, d.time_zone);
    days.set(day, [...(days.get(day) ?? []), d]);
  }
  const body = html`<h1>Programme of open debates</h1>
<p>Upcoming open debates, day by day, in the time of the duty station. <a href="/debates.ics" type="text/calendar">Subscribe in your calendar</a>.</p>
${
  days.size === 0
    ? html`<p>No open debate is scheduled.</p>`
    : [...days.entries()].map(
        ([, list]) => html`<section aria-labelledby="day-${isoDateIn(list[0]!.starts_at, list[0]!.time_zone)}">
<h2 id="day-${isoDateIn(list[0]!.starts_at, list[0]!.time_zone)}">${formatDateWithWeekday(list[0]!.starts_at, list[0]!.time_zone)}</h2>
${list.map((d) => meeting(d, now, briefed.get(d.id) ?? new Set()))}
</section>`,
      )
}`;
  return page({ actor, title: 'Programme of open debates', body });
}
