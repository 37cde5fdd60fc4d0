// Who schedules a debate, and what that allows. The Secretariat schedules any debate; a presidency (the staff of
// the State presiding the Council that month) schedules only debates held in its own month. Either way the debate's
// presiding State is the one the Council data names for the meeting's month, and a month the data does not cover
// cannot have a debate. Checked in the commands, on the dates entered, so a page, the API and a script agree.
import { AppError } from '../../../kernel/errors.js';
import { isoDateIn, zonedTimeToUtc } from '../../../kernel/dates.js';
import { describeCovered, monthName, presidencyOn, type CouncilData } from '../domain/council.js';

export type Scheduler = { kind: 'secretariat' } | { kind: 'presidency'; state: string };

/** The meeting day, 'YYYY-MM-DD', in the debate's zone, from the wall-clock start ('2021-05-24T10:00'). */
function meetingDay(input: { startsAt: string; timeZone: string }): string {
  return isoDateIn(zonedTimeToUtc(input.startsAt, input.timeZone), input.timeZone);
}

/**
 * The presiding State of a debate held at `input`'s start: the State presiding the Council that month. Refuses a month
 * the Council data does not cover (debate.no_council_data), and a presidency scheduling outside its own month
 * (debate.outside_presidency).
 */
export function presidingStateFor(council: CouncilData, scheduler: Scheduler, input: { startsAt: string; timeZone: string }): string {
  const day = meetingDay(input);
  const presiding = presidencyOn(council, day);
  if (presiding === undefined) {
    throw new AppError('debate.no_council_data', {
      detail: `no Council data for ${day}`,
      values: { month: monthName(day.slice(0, 7)), covered: describeCovered(council) },
    });
  }
  if (scheduler.kind === 'presidency' && presiding !== scheduler.state) {
    throw new AppError('debate.outside_presidency', { detail: `${scheduler.state} does not preside on ${day}` });
  }
  return presiding;
}

/** Whether a presidency may change a debate already scheduled (held in its month): checked before the new dates. */
export function presidesOver(council: CouncilData, scheduler: Scheduler, debate: { starts_at: Date; time_zone: string }): boolean {
  return scheduler.kind === 'secretariat' || presidencyOn(council, isoDateIn(debate.starts_at, debate.time_zone)) === scheduler.state;
}
