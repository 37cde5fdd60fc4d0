// Input validation shared by every command: a command parses its input with its zod schema and refuses it with the
// catalogued `input.invalid`; a form handler runs the same schema first to show each problem beside its field
// (web/forms.ts). One schema, so the page and the command cannot disagree.
import { z } from 'zod';
import { AppError } from './errors.js';

/** Parses or throws `input.invalid`, with the problems for operators in the detail. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('input.invalid', { detail: z.prettifyError(parsed.error) });
  return parsed.data;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a database error is a unique-constraint violation (two requests racing for the same code or address). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}
