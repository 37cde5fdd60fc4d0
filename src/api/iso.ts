// Instants as the API gives them: ISO 8601 with the UTC offset in force in the debate's time zone at that
// instant ("2021-05-24T10:00:00.000-04:00"), so a reader sees the duty station's wall-clock time and the exact
// instant in one value. Milliseconds are kept: a deadline of 23:59:59.999 must not move.
import { utcOffsetMinutes } from '../kernel/dates.js';

export function isoInZone(at: Date, timeZone: string): string {
  const offset = utcOffsetMinutes(at, timeZone);
  const wall = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
