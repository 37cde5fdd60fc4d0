// The debate's structured texts. Pure types and validation; stored as JSON in meetings.debates.
import { z } from 'zod';

export const conceptNoteSchema = z.object({
  /** Optional paragraph before the first section. */
  sections: z
    .array(
      z.object({
        heading: z.string().min(1),
        /** Numbered paragraphs; numbering runs on across sections. */
        paragraphs: z.array(z.string().min(1)),
        /** Lettered questions (a), (b) ... following the section's paragraphs. */
        questions: z.array(z.string().min(1)).default([]),
      }),
    )
    .min(1),
});
export type ConceptNote = z.infer<typeof conceptNoteSchema>;

export const guidanceNoteSchema = z.object({
  paragraphs: z.array(z.string().min(1)).min(1),
  steps: z.array(z.string().min(1)).default([]),
});
export type GuidanceNote = z.infer<typeof guidanceNoteSchema>;
