// What it takes to create a debate, validated before anything is written.
//
// Times are typed as a clock on the wall in the debate's zone shows them ('2021-05-24T10:00'). Each must be a time
// that clock shows: a date that does not exist (30 February) or a time inside the hour skipped when daylight
// saving time begins (2.30 a.m. on 14 March 2021 in New York) is refused with a message saying what to type
// instead; it is never moved silently. A time shown twice (1.30 a.m. on 7 November 2021) is the first of the two.
import { z } from 'zod';
import {
  endOfDayIn,
  formatDateWithWeekday,
  formatTime,
  formatTimeInZone,
  isExistingLocalTime,
  skippedLocalTimes,
  zonedTimeToUtc,
  zoneLabel,
} from '../../../kernel/dates.js';
import { conceptNoteSchema, guidanceNoteSchema } from './debate.js';
import { MAX_GRACE_MINUTES } from './submission-window.js';
import { OFFICIAL_LANGUAGES } from '../../../kernel/i18n/languages.js';
import { SENDER_TITLES } from './announcement-letter.js';

export const MAX_THEME_LENGTH = 300;

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
// Browsers send a datetime-local field with seconds when its value has them ('2021-05-24T10:00:00'): whole minutes
// are accepted either way and kept as minutes.
const localDateTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:00(\.0{1,3})?)?$/, 'must be a local date and time such as 2021-05-24T10:00')
  .transform((v) => v.slice(0, 16));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2021-05-05');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
const timeZone = z.string().refine(isTimeZone, 'must be a time zone such as America/New_York');

const debateFields = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens'),
  body: z.literal('security_council'),
  agendaItem: z.string().trim().min(3, 'must be at least 3 characters').max(300, 'must be at most 300 characters'),
  theme: z
    .string()
    .trim()
    .min(3, 'must be at least 3 characters')
    .max(
      MAX_THEME_LENGTH,
      `is too long: a theme is at most ${MAX_THEME_LENGTH} characters, about two lines of the letter’s title. Shorten it`,
    ),
  /** Wall-clock start in the debate's time zone. */
  startsAt: localDateTime,
  timeZone: timeZone.default('America/New_York'),
  format: z.enum(['in_person', 'videoconference', 'hybrid']),
  chairName: z.string().min(2),
  chairFunction: z.string().min(2),
  conceptNote: conceptNoteSchema,
  guidanceNote: guidanceNoteSchema,
  wordGuidance: z.number().int().positive().default(500),
  /** Wall-clock opening of submissions. */
  submissionsOpenAt: localDateTime,
  /** Wall-clock deadline (its minute's first instant); defaults to the end of the meeting day (23:59:59.999) in the debate's zone. */
  submissionDeadline: localDateTime.optional(),
  /** Wall-clock end of replacing and withdrawing statements, at or after the deadline; defaults to the deadline. */
  modificationDeadline: localDateTime.optional(),
  /** Minutes every delegation gets after each deadline, stated on the page. */
  graceMinutes: z
    .number()
    .int(`must be a whole number of minutes from 0 to ${MAX_GRACE_MINUTES}`)
    .min(0, `must be a whole number of minutes from 0 to ${MAX_GRACE_MINUTES}`)
    .max(MAX_GRACE_MINUTES, `must be a whole number of minutes from 0 to ${MAX_GRACE_MINUTES} (24 hours)`)
    .default(0),
  letterDate: isoDate.optional(),
  /** The announcement letter: who sends it, who signs it and how, and the languages its texts were written in. */
  letterSenderTitle: z.enum(SENDER_TITLES).default('Permanent Representative'),
  letterSignedBy: z.string().trim().min(2).max(200).nullable().default(null),
  letterSignatureLines: z.array(z.string().trim().min(1).max(200)).max(6, 'has at most 6 lines').default([]),
  letterOriginal: z.enum(OFFICIAL_LANGUAGES).default('en'),
  conceptNoteOriginal: z.enum(OFFICIAL_LANGUAGES).default('en'),
  /** Hours before the deadline to remind delegations that have not submitted; null: no reminder. */
  reminderHours: z
    .number()
    .int()
    .min(1, 'must be from 1 to 720 hours')
    .max(720, 'must be from 1 to 720 hours (30 days)')
    .nullable()
    .default(48),
  briefers: z
    .array(
      z.object({
        name: z.string().min(2, 'must be at least 2 characters').max(200, 'must be at most 200 characters').nullable(),
        function: z.string().min(3, 'must be at least 3 characters').max(300, 'must be at most 300 characters'),
        toBeConfirmed: z.boolean().default(false),
      }),
    )
    .max(30, 'at most 30 briefers'),
  contacts: z
    .array(
      z
        .object({
          purpose: z.enum(['technical', 'substantive']),
          unit: z.string().min(2, 'must be at least 2 characters').max(300, 'must be at most 300 characters'),
          phone: z.string().min(3, 'must be at least 3 characters').max(50, 'must be at most 50 characters').nullable().default(null),
          email: z.email('must be an e-mail address such as name@un.org').nullable().default(null),
        })
        .refine((c) => c.phone !== null || c.email !== null, 'A contact needs a telephone number or an e-mail address.'),
    )
    .min(1),
});

type DebateFields = z.output<typeof debateFields>;

/** The debate's instants, from its wall-clock fields (which must already be valid). */
export interface DebateInstants {
  startsAt: Date;
  submissionsOpenAt: Date;
  submissionDeadline: Date;
  modificationDeadline: Date | null;
}

export function debateInstants(
  input: Pick<DebateFields, 'startsAt' | 'timeZone' | 'submissionsOpenAt' | 'submissionDeadline' | 'modificationDeadline'>,
): DebateInstants {
  const tz = input.timeZone;
  return {
    startsAt: zonedTimeToUtc(input.startsAt, tz),
    submissionsOpenAt: zonedTimeToUtc(input.submissionsOpenAt, tz),
    submissionDeadline: input.submissionDeadline
      ? zonedTimeToUtc(input.submissionDeadline, tz)
      : endOfDayIn(input.startsAt.slice(0, 10), tz),
    modificationDeadline: input.modificationDeadline ? zonedTimeToUtc(input.modificationDeadline, tz) : null,
  };
}

const timeFields = {
  startsAt: 'The start of the meeting',
  submissionsOpenAt: 'The opening of submissions',
  submissionDeadline: 'The submission deadline',
  modificationDeadline: 'The modification deadline',
} as const;

/** "2.30 a.m." for '2021-03-14T02:30' (a wall-clock reading, whatever the zone). */
function wallClock(local: string): string {
  return formatTime(new Date(`${local}:00Z`), 'UTC');
}

/** Why a typed wall-clock time cannot be used in the zone, as a sentence naming the field; undefined if it can. */
export function localTimeProblem(label: string, local: string, tz: string): string | undefined {
  if (isExistingLocalTime(local, tz)) return undefined;
  const skipped = skippedLocalTimes(local, tz);
  if (!skipped)
    return `${label}, ${local}, is not a real date and time. Type it as year-month-day and 24-hour time, such as 2021-05-24T10:00.`;
  const day = formatDateWithWeekday(new Date(`${local.slice(0, 10)}T12:00:00Z`), 'UTC');
  const from = wallClock(skipped.from);
  const to = wallClock(skipped.to);
  // "3 a.m." already ends the sentence; "12 midnight" does not.
  const stop = (words: string) => (words.endsWith('.') ? words : `${words}.`);
  return (
    `${label}, ${wallClock(local)} on ${day}, does not exist in ${zoneLabel(tz)}: that night the clocks go forward from ${from} to ` +
    `${stop(to)} Choose a time before ${from} or from ${stop(to)}`
  );
}

/** "Monday, 24 May 2021, 11.59 p.m. New York time (UTC−4)" */
function stated(at: Date, tz: string): string {
  return `${formatDateWithWeekday(at, tz)}, ${formatTimeInZone(at, tz)}`;
}

// Checks across fields, each problem on the field to correct. Runs only on fields that are well formed (the field
// schemas report the others), and compares instants only once every time exists.
function checkWindow(input: DebateFields, ctx: z.RefinementCtx): void {
  if (!isTimeZone(input.timeZone)) return;
  let allExist = true;
  for (const field of Object.keys(timeFields) as (keyof typeof timeFields)[]) {
    const local: unknown = input[field];
    const optional = field === 'submissionDeadline' || field === 'modificationDeadline';
    if (local === undefined && optional) continue;
    if (typeof local !== 'string' || !LOCAL_DATE_TIME.test(local)) {
      allExist = false;
      continue;
    }
    const problem = localTimeProblem(timeFields[field], local, input.timeZone);
    if (problem) {
      allExist = false;
      ctx.addIssue({ code: 'custom', path: [field], message: problem });
    }
  }
  if (!allExist) return;
  const tz = input.timeZone;
  const t = debateInstants(input);
  if (t.submissionDeadline.getTime() <= t.submissionsOpenAt.getTime()) {
    ctx.addIssue({
      code: 'custom',
      path: ['submissionDeadline'],
      message: input.submissionDeadline
        ? `The submission deadline (${stated(t.submissionDeadline, tz)}) must be after the opening of submissions ` +
          `(${stated(t.submissionsOpenAt, tz)}). Set a later deadline or an earlier opening.`
        : `The submission deadline, by default the end of the meeting day (${stated(t.submissionDeadline, tz)}), must be after the ` +
          `opening of submissions (${stated(t.submissionsOpenAt, tz)}). Open submissions earlier, or set a deadline.`,
    });
    return;
  }
  if (t.modificationDeadline && t.modificationDeadline.getTime() < t.submissionDeadline.getTime()) {
    ctx.addIssue({
      code: 'custom',
      path: ['modificationDeadline'],
      message:
        `The modification deadline (${stated(t.modificationDeadline, tz)}) is before the submission deadline ` +
        `(${stated(t.submissionDeadline, tz)}): ` +
        'delegations must be able to replace or withdraw a statement for as long as they may send one. Set it at or after the ' +
        'submission deadline, or leave it empty to use the deadline.',
    });
  }
}

export const createDebateInput = debateFields.superRefine(checkWindow);

export type CreateDebateInput = z.input<typeof createDebateInput>;
export type DebateInput = z.output<typeof createDebateInput>;

/** An edit: every field but the address (links to a debate never break), and the version the editor started from. */
export const updateDebateInput = debateFields
  .omit({ slug: true })
  .extend({ version: z.number().int().positive() })
  .superRefine((input, ctx) => checkWindow({ ...input, slug: 'x' }, ctx));

export type UpdateDebateInput = z.input<typeof updateDebateInput>;
