// Who schedules a debate, and what that allows. The Secretariat schedules any debate; a presidency (the staff of
// the State presiding the Council that month) schedules only debates held in its own month, and only as the
// presiding State. Checked in the commands, on the dates entered, so a page, the API and a script agree.
import { AppError } from '../../../kernel/errors.js';
import { isoDateIn, zonedTimeToUtc } from '../../../kernel/dates.js';
import { presidencyOn } from '../domain/council.js';

export type Scheduler = { kind: 'secretariat' } | { kind: 'presidency'; state: string };

/** The meeting day, 'YYYY-MM-DD', in the debate's zone, from the wall-clock start ('2021-05-24T10:00'). */
function meetingDay(input: { startsAt: string; timeZone: string }): string {
  return isoDateIn(zonedTimeToUtc(input.startsAt, input.timeZone), input.timeZone);
}

export function checkPresidencyScope(scheduler: Scheduler, input: { startsAt: string; timeZone: string; presidingState: string }): void {
  if (scheduler.kind === 'secretariat') return;
  const day = meetingDay(input);
  if (presidencyOn(day) !== scheduler.state) throw new AppError('debate.outside_presidency', { detail: `${scheduler.state} does not preside on ${day}` });
  if (input.presidingState !== scheduler.state) {
    throw new AppError('debate.outside_presidency', { detail: `${scheduler.state} may not schedule a debate presided by ${input.presidingState}` });
  }
}

/** Whether a presidency may change a debate already scheduled (held in its month): checked before the new dates. */
export function presidesOver(scheduler: Scheduler, debate: { starts_at: Date; time_zone: string }): boolean {
  return scheduler.kind === 'secretariat' || presidencyOn(isoDateIn(debate.starts_at, debate.time_zone)) === scheduler.state;
}
