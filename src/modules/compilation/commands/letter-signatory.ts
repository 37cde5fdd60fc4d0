// Who signs a compilation letter: the President of the Security Council for the month of the letter's date, which is
// not always the State that presided the meeting (a letter dated 3 June for a debate of 24 May is signed by June's
// President). The name proposed is the meeting's chair when the same State still presides, otherwise the presiding
// State's Permanent Representative as its mission recorded them; the officer confirms or corrects it at build.
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { currentSignatories, isCalendarDate } from '../../delegations/index.js';
import { loadCouncil, presidencyOn, type DebateRecord } from '../../meetings/index.js';
import { isoDateIn } from '../../../kernel/dates.js';

export interface LetterSignatory {
  /** The letter's date, 'YYYY-MM-DD'. */
  letterDate: string;
  /** The ISO code of the State presiding the Council in the letter's month. */
  presidingState: string;
  /** Whether that State also presided the meeting. */
  sameAsMeeting: boolean;
  /** The name proposed under "(Signed)", or '' when nobody is known. */
  proposedName: string;
}

/**
 * The signatory proposed for a letter dated `letterDate`. Refused: a date that is not a date, a date before the
 * meeting (the letter encloses what was said there), and a month for which the Council's presidency is not known.
 */
export async function letterSignatory(db: Database | Transaction, debate: DebateRecord, letterDate: string): Promise<LetterSignatory> {
  const meetingDay = isoDateIn(debate.starts_at, debate.time_zone);
  if (!isCalendarDate(letterDate)) throw new AppError('compilation.letter_date_invalid', { detail: `${letterDate} is not a date` });
  if (letterDate < meetingDay)
    throw new AppError('compilation.letter_date_invalid', { detail: `${letterDate} is before the meeting of ${meetingDay}` });
  const presidingState = presidencyOn(await loadCouncil(db), letterDate);
  if (presidingState === undefined) throw new AppError('compilation.letter_month_unknown', { detail: letterDate });
  const sameAsMeeting = presidingState === debate.presiding_state;
  if (sameAsMeeting) return { letterDate, presidingState, sameAsMeeting, proposedName: debate.chair_name };
  const representative = (await currentSignatories(db, presidingState, letterDate)).find((s) => s.title === 'Permanent Representative');
  return { letterDate, presidingState, sameAsMeeting, proposedName: representative?.name ?? '' };
}
