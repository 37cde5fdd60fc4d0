// The debates as an iCalendar feed (RFC 5545): for each debate, the meeting and the deadline for written statements.
//
// Times are written in UTC ('Z' form), not as TZID=America/New_York with a VTIMEZONE: the debates' instants are
// stored as instants, a TZID needs a VTIMEZONE with the zone's daylight-saving rules, which Intl does not expose
// (hand-written rules would be one more thing to get wrong), and every calendar client shows a UTC time in its
// reader's own zone. The duty station's time is stated in the description, as the pages state it.
//
// The feed is a pure function of the stored rows: DTSTAMP is the debate's updated_at, never the time of the
// request, and the order is fixed, so two requests with no change between them get byte-identical feeds (and
// clients that compare them see no change).
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import type { CalendarDebate } from '../db.js';
import { bodyNames, formatNames } from './labels.js';

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/**
 * A TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma escaped, every line break (CRLF, LF or CR) as
 * '\n'. Other control characters, which TEXT does not allow (tab apart), are dropped.
 */
export function escapeText(value: string): string {
  let out = '';
  const normalized = value.replace(/\r\n?/g, '\n');
  for (const ch of normalized) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === ';' || ch === ',') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if ((code < 0x20 && ch !== '\t') || code === 0x7f) continue;
    else out += ch;
  }
  return out;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

const MAX_LINE_OCTETS = 75;

/**
 * One content line folded (RFC 5545, 3.1): no physical line longer than 75 octets of UTF-8 (the leading space of a
 * continuation counts, the CRLF does not), and never inside a character: the split is between code points, so a
 * multi-byte character (Arabic, Chinese, an astral emoji's surrogate pair) always stays whole.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0) ?? 0);
    if (octets + n > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  lines.push(current);
  return lines.join('\r\n');
}

/** 2021-05-24T14:00:00.000Z -> '20210524T140000Z' (milliseconds dropped: 23:59:59.999 is written 23:59:59). */
export function icsDateTime(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

function when(at: Date, timeZone: string): string {
  return `${formatDateWithWeekday(at, timeZone)}, ${formatTimeInZone(at, timeZone)}`;
}

function debateEvents(d: CalendarDebate, publicUrl: string): string[] {
  const url = `${publicUrl}/debates/${d.slug}`;
  const body = bodyNames[d.body];
  const stamp = icsDateTime(d.updated_at);
  const lastAccepted = new Date(d.submission_deadline.getTime() + d.grace_minutes * 60_000);
  const meeting = [
    `${body} open debate: ${d.theme}`,
    `Time: ${when(d.starts_at, d.time_zone)}`,
    `Format: ${formatNames[d.format]}`,
    `Chair: ${d.chair_name}, ${d.chair_function}`,
    url,
  ].join('\n');
  const deadline = [
    `Written statements for the ${body} open debate of ${formatDateWithWeekday(d.starts_at, d.time_zone)} are due by ` +
      `${when(d.submission_deadline, d.time_zone)}.`,
    ...(d.grace_minutes > 0
      ? [
          `A grace period of ${d.grace_minutes} minutes applies to every delegation: submissions are accepted until ` +
            `${when(lastAccepted, d.time_zone)}.`,
        ]
      : []),
    url,
  ].join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${d.id}-meeting@rostrum`,
    `DTSTAMP:${stamp}`,
    `LAST-MODIFIED:${stamp}`,
    `DTSTART:${icsDateTime(d.starts_at)}`,
    // The Council announces when a meeting starts, never when it ends: three hours is a placeholder for the
    // reader's calendar, not a published end time.
    'DURATION:PT3H',
    `SUMMARY:${escapeText(`${body} open debate: ${d.theme}`)}`,
    `DESCRIPTION:${escapeText(meeting)}`,
    `URL:${url}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'BEGIN:VEVENT',
    `UID:${d.id}-deadline@rostrum`,
    `DTSTAMP:${stamp}`,
    `LAST-MODIFIED:${stamp}`,
    // An instant, not a stretch of time: the last on-time instant (inclusive), as the debate page states it.
    `DTSTART:${icsDateTime(d.submission_deadline)}`,
    'DURATION:PT0S',
    `SUMMARY:${escapeText(`Deadline for written statements: ${d.theme}`)}`,
    `DESCRIPTION:${escapeText(deadline)}`,
    `URL:${url}#deadline`,
    'STATUS:CONFIRMED',
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** The whole calendar object: CRLF after every line, the last one included. `publicUrl` has no trailing slash. */
export function debatesCalendar(debates: readonly CalendarDebate[], options: { publicUrl: string; name: string }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Rostrum//Open debates//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    ...debates.flatMap((d) => debateEvents(d, options.publicUrl)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
