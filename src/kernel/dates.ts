// Dates and times written as United Nations documents write them ("Monday, 24 May 2021", "10 a.m.",
// "3.30 p.m."), always in a named time zone: a deadline is stated in the duty station's time, never only
// converted to the reader's.
import { invariant } from './invariant.js';

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

function formatter(purpose: 'parts' | 'offset' | 'isoDate' | 'month' | 'local', timeZone: string): Intl.DateTimeFormat {
  const key = `${purpose} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = {
      parts: () =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone,
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          weekday: 'long',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }),
      offset: () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }),
      isoDate: () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
      month: () => new Intl.DateTimeFormat('en-GB', { timeZone, month: 'long', year: 'numeric' }),
      local: () =>
        new Intl.DateTimeFormat('en-US', {
          timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hourCycle: 'h23',
        }),
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
  const name =
    formatter('offset', timeZone)
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
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

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The wall-clock reading 'YYYY-MM-DDTHH:mm:ss' of an instant in a zone. */
export function localDateTimeIn(at: Date, timeZone: string): string {
  const out: Record<string, string> = {};
  for (const p of formatter('local', timeZone).formatToParts(at)) out[p.type] = p.value;
  return `${out.year}-${out.month}-${out.day}T${out.hour}:${out.minute}:${out.second}`;
}

/**
 * The instant at which the wall-clock time `local` ('YYYY-MM-DDTHH:mm[:ss]') occurs in `timeZone`.
 * As ISO 8601 calendars and Temporal's "compatible" rule do: a time skipped by a daylight-saving change is
 * moved forward by the gap (2.30 a.m. becomes 3.30 a.m.); a time that occurs twice is the first of the two.
 * Where moving a time silently would be wrong (a deadline typed by a person), check it with
 * `isExistingLocalTime` first.
 */
export function zonedTimeToUtc(local: string, timeZone: string): Date {
  const m = LOCAL_DATE_TIME.exec(local);
  invariant(m, `Not a local date-time: ${local}`);
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

/**
 * Whether the clocks of `timeZone` ever show `local` ('YYYY-MM-DDTHH:mm[:ss]'): a real calendar date and time
 * (not 30 February, not 24:00) that is not inside the hour skipped when daylight saving time begins
 * (2.30 a.m. on 14 March 2021 in New York). A time shown twice when it ends (1.30 a.m. on 7 November 2021) exists.
 */
export function isExistingLocalTime(local: string, timeZone: string): boolean {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) return false;
  const wanted = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`;
  // zonedTimeToUtc rolls an impossible date over and moves a skipped time forward, so neither reads back the same.
  return localDateTimeIn(zonedTimeToUtc(local, timeZone), timeZone) === wanted;
}

/**
 * For a wall-clock time skipped by a daylight-saving change, the skipped stretch: the clocks jump from `from` to
 * `to` (both 'YYYY-MM-DDTHH:mm'; 02:00 to 03:00 on 14 March 2021 in New York). Undefined for a time that exists
 * or that is not a real date and time at all.
 */
export function skippedLocalTimes(local: string, timeZone: string): { from: string; to: string } | undefined {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m || isExistingLocalTime(local, timeZone)) return undefined;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  const calendar = new Date(asUtc).toISOString().slice(0, 19);
  if (calendar !== `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`) return undefined;
  const before = utcOffsetMinutes(new Date(asUtc - 86_400_000), timeZone);
  const after = utcOffsetMinutes(new Date(asUtc + 86_400_000), timeZone);
  if (after <= before) return undefined;
  // The change happens on a whole minute within a day of the time: find the first minute with the new offset.
  let lo = Math.floor((asUtc - 86_400_000) / 60_000);
  let hi = Math.ceil((asUtc + 86_400_000) / 60_000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (utcOffsetMinutes(new Date(mid * 60_000), timeZone) === before) lo = mid;
    else hi = mid;
  }
  const change = hi * 60_000;
  return {
    from: new Date(change + before * 60_000).toISOString().slice(0, 16),
    to: new Date(change + after * 60_000).toISOString().slice(0, 16),
  };
}

/**
 * The last instant of a calendar day in a zone: 1 ms before the next day begins (23:59:59.999 local). Taken
 * from the next day's start so that a day whose last hour repeats (clocks going back at midnight, as São Paulo's
 * did) ends after the second 23:59, not the first.
 */
export function endOfDayIn(isoDate: string, timeZone: string): Date {
  const next = new Date(`${isoDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return new Date(zonedTimeToUtc(`${next.toISOString().slice(0, 10)}T00:00`, timeZone).getTime() - 1);
}
