// Dates and times written as United Nations documents write them ("Monday, 24 May 2021", "10 a.m.",
// "3.30 p.m."), always in a named time zone: a deadline is stated in the duty station's time, never only
// converted to the reader's.

interface Parts {
  year: string;
  month: string;
  day: string;
  weekday: string;
  hour: number;
  minute: number;
}

// Building an Intl.DateTimeFormat costs far more than using one: keep one per purpose and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(purpose: 'parts' | 'offset' | 'isoDate' | 'month', timeZone: string): Intl.DateTimeFormat {
  const key = `${purpose} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = {
      parts: () =>
        new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      offset: () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }),
      isoDate: () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
      month: () => new Intl.DateTimeFormat('en-GB', { timeZone, month: 'long', year: 'numeric' }),
    }[purpose]();
    formatters.set(key, f);
  }
  return f;
}

function parts(at: Date, timeZone: string): Parts {
  const f = formatter('parts', timeZone);
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(at)) out[p.type] = p.value;
  return {
    year: out.year ?? '',
    month: out.month ?? '',
    day: String(Number(out.day)),
    weekday: out.weekday ?? '',
    hour: Number(out.hour),
    minute: Number(out.minute),
  };
}

/** "24 May 2021" */
export function formatDate(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.day} ${p.month} ${p.year}`;
}

/** "May 2021" */
export function formatMonth(at: Date, timeZone: string): string {
  return formatter('month', timeZone).format(at);
}

/** "Monday, 24 May 2021" */
export function formatDateWithWeekday(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.weekday}, ${p.day} ${p.month} ${p.year}`;
}

/** "10 a.m.", "3.30 p.m.", "12 noon", "12 midnight", "11.59 p.m." */
export function formatTime(at: Date, timeZone: string): string {
  const { hour, minute } = parts(at, timeZone);
  if (minute === 0 && hour === 12) return '12 noon';
  if (minute === 0 && hour === 0) return '12 midnight';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 ? 'a.m.' : 'p.m.';
  return minute === 0 ? `${h12} ${suffix}` : `${h12}.${String(minute).padStart(2, '0')} ${suffix}`;
}

/** Offset from UTC in minutes at that instant (New York: -240 in summer, -300 in winter). */
export function utcOffsetMinutes(at: Date, timeZone: string): number {
  const name = formatter('offset', timeZone).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3]));
}

/** "UTC−4" (with a true minus sign), "UTC+5:30", "UTC" */
export function formatUtcOffset(at: Date, timeZone: string): string {
  const total = utcOffsetMinutes(at, timeZone);
  if (total === 0) return 'UTC';
  const sign = total < 0 ? '−' : '+';
  const abs = Math.abs(total);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

const zoneNames: Record<string, string> = {
  'America/New_York': 'New York time',
  'Europe/Zurich': 'Geneva time',
  'Africa/Nairobi': 'Nairobi time',
  'Europe/Vienna': 'Vienna time',
  UTC: 'UTC',
};

/** "New York time" for the duty stations' zones, the zone's identifier otherwise. */
export function zoneLabel(timeZone: string): string {
  return zoneNames[timeZone] ?? timeZone;
}

/** "10 a.m. New York time (UTC−4)" */
export function formatTimeInZone(at: Date, timeZone: string): string {
  return `${formatTime(at, timeZone)} ${zoneLabel(timeZone)} (${formatUtcOffset(at, timeZone)})`;
}

/** The calendar date 'YYYY-MM-DD' of an instant in a zone. */
export function isoDateIn(at: Date, timeZone: string): string {
  return formatter('isoDate', timeZone).format(at);
}

/**
 * The instant at which the wall-clock time `local` ('YYYY-MM-DDTHH:mm[:ss]') occurs in `timeZone`.
 * As ISO 8601 calendars and Temporal's "compatible" rule do: a time skipped by a daylight-saving change is
 * moved forward by the gap (2.30 a.m. becomes 3.30 a.m.); a time that occurs twice is the first of the two.
 */
export function zonedTimeToUtc(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) throw new Error(`Not a local date-time: ${local}`);
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  // The offsets a day either side bracket any daylight-saving change on that date.
  const before = utcOffsetMinutes(new Date(asUtc - 86_400_000), timeZone);
  const after = utcOffsetMinutes(new Date(asUtc + 86_400_000), timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => asUtc - offset * 60_000)
    .filter((t) => asUtc - utcOffsetMinutes(new Date(t), timeZone) * 60_000 === t)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? asUtc - before * 60_000);
}

/** The last minute of a calendar day in a zone: 23:59:59.999 local. */
export function endOfDayIn(isoDate: string, timeZone: string): Date {
  return new Date(zonedTimeToUtc(`${isoDate}T23:59:59`, timeZone).getTime() + 999);
}
