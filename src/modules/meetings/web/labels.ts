// Display names of the module's enumerations.
import type { MeetingFormat } from '../db.js';

export const bodyNames: Record<'security_council', string> = { security_council: 'Security Council' };

export const formatNames: Record<MeetingFormat, string> = {
  in_person: 'In person',
  videoconference: 'Videoconference',
  hybrid: 'Hybrid (in person and by videoconference)',
};

/** 0 -> 'a', 25 -> 'z', 26 -> 'aa': the letters of questions (a), (b) ... */
export { toLetterLabel as toLetter } from '../../documents/index.js';
