// What it takes to create a debate, validated before anything is written.
import { z } from 'zod';
import { conceptNoteSchema, guidanceNoteSchema } from './debate.js';

const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local date and time such as 2021-05-24T10:00');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2021-05-05');
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be a time zone such as America/New_York');

export const createDebateInput = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens'),
  body: z.literal('security_council'),
  agendaItem: z.string().min(3),
  theme: z.string().min(3),
  /** Wall-clock start in the debate's time zone. */
  startsAt: localDateTime,
  timeZone: timeZone.default('America/New_York'),
  format: z.enum(['in_person', 'videoconference', 'hybrid']),
  presidingState: z.string().regex(/^[A-Z]{3}$/),
  chairName: z.string().min(2),
  chairFunction: z.string().min(2),
  conceptNote: conceptNoteSchema,
  guidanceNote: guidanceNoteSchema,
  wordGuidance: z.number().int().positive().default(500),
  /** Wall-clock opening of submissions; defaults to the letter date's start. */
  submissionsOpenAt: localDateTime,
  /** Wall-clock deadline; defaults to the end of the meeting day in the debate's zone. */
  submissionDeadline: localDateTime.optional(),
  letterDate: isoDate.optional(),
  briefers: z.array(z.object({ name: z.string().min(2).nullable(), function: z.string().min(3), toBeConfirmed: z.boolean().default(false) })),
  contacts: z
    .array(
      z
        .object({ purpose: z.enum(['technical', 'substantive']), unit: z.string().min(2), phone: z.string().min(3).nullable().default(null), email: z.email().nullable().default(null) })
        .refine((c) => c.phone !== null || c.email !== null, 'a contact needs a phone number or an e-mail address'),
    )
    .min(1),
});

export type CreateDebateInput = z.input<typeof createDebateInput>;
