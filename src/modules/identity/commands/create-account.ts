// Creates an account with its password hash and audit entry, in the caller's transaction.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { hashPassword } from '../passwords.js';

const input = z
  .object({
    email: z.email(),
    displayName: z.string().min(2),
    role: z.enum(['helpdesk', 'secretariat', 'focal_point', 'delegate']),
    organisation: z
      .string()
      .regex(/^[A-Za-z0-9_-]{2,32}$/)
      .nullable(),
    password: z.string().min(12, 'must be at least 12 characters'),
  })
  .refine((a) => (a.role === 'helpdesk' || a.role === 'secretariat') === (a.organisation === null), {
    message: 'help desk and Secretariat staff belong to no mission; focal points and delegates belong to one',
  });

export type CreateAccountInput = z.input<typeof input>;

export async function createAccount(trx: Transaction, clock: Clock, actor: AuditActor, raw: CreateAccountInput): Promise<{ id: string }> {
  const a = input.parse(raw);
  const id = randomUUID();
  await trx
    .insertInto('identity.accounts')
    .values({
      id,
      email: a.email,
      display_name: a.displayName,
      role: a.role,
      organisation: a.organisation,
      password_hash: await hashPassword(a.password),
      created_at: clock.now(),
      disabled_at: null,
    })
    .execute();
  await recordAudit(trx, clock, {
    action: 'account.created',
    actor,
    subject: { type: 'account', id },
    data: { role: a.role, organisation: a.organisation },
  });
  return { id };
}
