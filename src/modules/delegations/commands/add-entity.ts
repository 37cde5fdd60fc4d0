// The Secretariat adds an entity that takes part in a debate but is not in the reference list (a General
// Assembly committee, a body invited for one debate). It becomes a mission like any other: it can have focal
// points, delegates and signatories. The start-up sync leaves Secretariat rows alone.
import { z } from 'zod';
import { recordAudit } from '../../../kernel/audit.js';
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { findMission } from '../db.js';
import { ENTITIES_ADD } from '../policies.js';
import { isUniqueViolation, parseInput } from '../../../kernel/validation.js';

export const addEntityInput = z.object({
  code: z
    .string()
    .trim()
    .min(2, 'Enter a code of 2 to 40 characters')
    .max(40, 'Enter a code of 2 to 40 characters')
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens, such as fourth-committee'),
  name: z
    .string()
    .trim()
    .min(2, 'Enter the entity’s name (2 to 200 characters)')
    .max(200, 'Enter the entity’s name (2 to 200 characters)')
    .refine((n) => !/^the\s/i.test(n), 'Write the name without its article; choose the article below'),
  article: z
    .enum(['the', 'none'], { message: 'Choose whether the name takes “the”' })
    .transform((a) => (a === 'the' ? ('the' as const) : null)),
  kind: z.enum(['intergovernmental_organization', 'other_entity'], { message: 'Choose the kind of entity' }),
});
export type AddEntityInput = z.input<typeof addEntityInput>;

export async function addEntity(trx: Transaction, clock: Clock, by: Acting, raw: AddEntityInput): Promise<{ code: string }> {
  if (!allows(by.actor, ENTITIES_ADD)) throw new AppError('auth.forbidden');
  const input = parseInput(addEntityInput, raw);
  if (await findMission(trx, input.code)) throw new AppError('entity.code_taken');
  await trx
    .insertInto('delegations.missions')
    .values({
      code: input.code,
      organisation_kind: input.kind,
      // Not an observer's office in the strict sense: 'office' is the neutral kind, and the entity's own name is
      // what lists show ("Delegation of the Fourth Committee" would be wrong).
      mission_kind: 'office',
      organisation_name: input.name,
      article: input.article,
      mission_name: input.name,
      source: 'secretariat',
      created_at: clock.now(),
    })
    .execute()
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? new AppError('entity.code_taken', { cause: err }) : err;
    });
  await recordAudit(trx, clock, {
    action: 'entity.added',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'mission', id: input.code },
    data: { mission: input.code, kind: input.kind },
  });
  return { code: input.code };
}
