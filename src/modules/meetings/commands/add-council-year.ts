// The Secretariat adds the next year to the Council data: the five States the General Assembly elected for it and the
// year after, and the twelve presidencies (proposed by the rotation, confirmed or corrected by the officer). All of it
// is written in one transaction with its audit entry, or nothing is: a year is never half there.
//
// Two officers adding the same year at once: both take the Council data's lock before reading it, so the second
// reads the first's year once it is committed, and is refused with council.year_exists; nothing of theirs is written.
import { z } from 'zod';
import { recordAudit } from '../../../kernel/audit.js';
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { isUniqueViolation, parseInput } from '../../../kernel/validation.js';
import { loadCouncil } from '../db.js';
import { holdsYear, nextYearToAdd } from '../domain/council.js';
import { presidenciesOfYear, twoYearTerm } from '../domain/council-reference.js';
import { councilYearProblems, ELECTED_EACH_YEAR, proposedPresidencies } from '../domain/council-year.js';
import { COUNCIL_MANAGE } from '../policies.js';
import { lockCouncilData } from './council-lock.js';

const code = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be a State’s ISO code such as BHR'));

export const addCouncilYearInput = z.object({
  year: z.number().int().min(1946).max(9999),
  elected: z.array(code).length(ELECTED_EACH_YEAR, `must name ${ELECTED_EACH_YEAR} States`),
  /** January to December. */
  presidencies: z.array(code).length(12, 'must name a president for each of the twelve months'),
});
export type AddCouncilYearInput = z.input<typeof addCouncilYearInput>;

/**
 * Refuses with council.year_exists (the year is already there, perhaps added meanwhile), council.year_not_next (not
 * the year after the last covered), council.year_invalid (the detail lists each problem) or input.invalid.
 * Returns the months whose president differs from the rotation's proposal (1 to 12).
 */
export async function addCouncilYear(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  raw: AddCouncilYearInput,
): Promise<{ year: number; corrected: number[] }> {
  if (!allows(by.actor, COUNCIL_MANAGE)) throw new AppError('auth.forbidden');
  const input = parseInput(addCouncilYearInput, raw);
  await lockCouncilData(trx);
  const council = await loadCouncil(trx);
  if (holdsYear(council, input.year)) throw new AppError('council.year_exists', { detail: String(input.year) });
  const next = nextYearToAdd(council);
  if (input.year !== next) throw new AppError('council.year_not_next', { detail: `${input.year}, next ${next ?? 'none'}` });
  const problems = councilYearProblems(council, input);
  if (Object.keys(problems).length > 0) throw new AppError('council.year_invalid', { detail: Object.values(problems).join(' ') });

  const proposal = proposedPresidencies(council, input.year, input.elected);
  const corrected = input.presidencies.flatMap((iso3, i) => (iso3 === proposal[i] ? [] : [i + 1]));
  const row = { source: 'secretariat' as const, recorded_at: clock.now(), recorded_by: by.actor.id };
  try {
    await trx
      .insertInto('meetings.council_terms')
      .values(
        input.elected.map((iso3) => twoYearTerm(iso3, input.year)).map((t) => ({ iso3: t.iso3, starts_on: t.from, ends_on: t.to, ...row })),
      )
      .execute();
    await trx
      .insertInto('meetings.council_presidencies')
      .values(presidenciesOfYear(input.year, input.presidencies).map((p) => ({ ...p, ...row })))
      .execute();
  } catch (err) {
    // Only if a writer did not take the lock: the keys still keep one year.
    if (isUniqueViolation(err)) throw new AppError('council.year_exists', { detail: String(input.year), cause: err });
    throw err;
  }
  await recordAudit(trx, clock, {
    action: 'council.year_added',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'council_year', id: String(input.year) },
    data: { year: input.year, elected: [...input.elected], presidencies: [...input.presidencies], corrected },
  });
  return { year: input.year, corrected };
}
