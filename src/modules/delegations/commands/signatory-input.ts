// The shapes of the signatory commands' input, shared with the forms so both refuse the same things.
import { z } from 'zod';
import { isCalendarDate } from '../validation.js';

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === undefined || v === '' ? null : v));

export const addSignatoryInput = z
  .object({
    mission: z.string(),
    name: z
      .string()
      .trim()
      .min(2, 'Enter the signatory’s full name (2 to 200 characters)')
      .max(200, 'Enter the signatory’s full name (2 to 200 characters)'),
    title: z.string().trim().min(1, 'Choose the signatory’s title'),
    fromDate: z.string().trim().refine(isCalendarDate, 'Enter the date their authority begins, as YYYY-MM-DD'),
    toDate: optionalDate,
  })
  .superRefine((s, ctx) => {
    if (s.toDate === null) return;
    if (!isCalendarDate(s.toDate))
      ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'Enter the date their authority ends as YYYY-MM-DD, or leave it empty' });
    else if (isCalendarDate(s.fromDate) && s.toDate < s.fromDate)
      ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'The end date cannot be before the start date' });
  });
export type AddSignatoryInput = z.input<typeof addSignatoryInput>;

export const endSignatoryInput = z.object({
  mission: z.string(),
  signatoryId: z.string(),
  toDate: z.string().trim().refine(isCalendarDate, 'Enter the date their authority ends, as YYYY-MM-DD'),
});
export type EndSignatoryInput = z.input<typeof endSignatoryInput>;

export const removeSignatoryInput = z.object({ mission: z.string(), signatoryId: z.string() });
export type RemoveSignatoryInput = z.input<typeof removeSignatoryInput>;
