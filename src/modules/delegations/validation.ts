// Input validation shared by the administration commands and their forms: a command parses its input with its
// zod schema and refuses it with the catalogued `input.invalid`; a form handler runs the same schema first to
// show each problem beside its field. One schema, so the page and the command cannot disagree.
import { z } from 'zod';
import { AppError } from '../../kernel/errors.js';

export type FieldErrors = Partial<Record<string, string>>;

/** Parses or throws `input.invalid`, with the problems for operators in the detail. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('input.invalid', { detail: z.prettifyError(parsed.error) });
  return parsed.data;
}

/** The first problem of each field, keyed by the field's name (the first element of the issue's path). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = typeof issue.path[0] === 'string' ? issue.path[0] : '_form';
    out[key] ??= issue.message;
  }
  return out;
}

/** A real calendar date written 'YYYY-MM-DD' (so 2021-02-30 is refused, not rolled over to March). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A mission's code as delegations.missions spells it: a State's ISO alpha-3, or an entity's lowercase slug. */
export const MISSION_CODE = /^([A-Z]{3}|[a-z0-9]+(-[a-z0-9]+)*)$/;

/** Whether a database error is a unique-constraint violation (two requests racing for the same code or address). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** A posted form's text fields (the last value when a name repeats), without the CSRF token. */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    const v = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof v === 'string') out[name] = v;
  }
  return out;
}

/**
 * Runs a form's command; the catalogued errors listed in `fields` come back as a problem beside that field (the
 * form is shown again with what was typed), every other error goes on to the error boundary.
 */
export async function attempt<T>(
  work: () => Promise<T>,
  fields: Partial<Record<string, string>>,
): Promise<{ ok: true; value: T } | { ok: false; errors: FieldErrors; status: number }> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    if (err instanceof AppError) {
      const field = fields[err.code];
      if (field) return { ok: false, errors: { [field]: err.message }, status: err.status };
    }
    throw err;
  }
}
