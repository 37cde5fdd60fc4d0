// A mission's focal point opens a module of the platform (statements, presidency) to one of the mission's people. Only the
// mission's own focal points: the help desk and the Secretariat never decide who speaks for a mission.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { queueMail } from '../../../kernel/mail/index.js';
import { isUniqueViolation, parseInput } from '../../../kernel/validation.js';
import { findMission } from '../../delegations/index.js';
import { accessGrantedMail, type AdminMailSettings } from '../admin-mail.js';
import { modules } from '../tables.js';
import type { Acting } from '../../../kernel/authz.js';
import { auditActorOf } from '../people.js';
import { accountTarget, loadManagedAccount } from './admin-scope.js';

export const moduleInput = accountTarget.extend({ module: z.enum(modules).default('statements') });
export type ModuleInput = z.input<typeof moduleInput>;

export async function grantModule(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  raw: ModuleInput,
  settings: AdminMailSettings,
): Promise<void> {
  const input = parseInput(moduleInput, raw);
  const account = await loadManagedAccount(trx, by, input, { focalPoint: true, helpdesk: false });
  // A focal point's people all belong to the mission, so they are delegates or focal points (the table's check).
  if (account.mission === null) throw new AppError('account.not_found');
  if (account.disabledAt !== null) throw new AppError('account.deactivated');
  const current = await trx
    .selectFrom('identity.module_grants')
    .select('id')
    .where('account_id', '=', account.id)
    .where('module', '=', input.module)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (current) throw new AppError('module.already_granted');
  await trx
    .insertInto('identity.module_grants')
    .values({
      id: randomUUID(),
      account_id: account.id,
      module: input.module,
      granted_at: clock.now(),
      granted_by: by.actor.id,
      revoked_at: null,
      revoked_by: null,
    })
    .execute()
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? new AppError('module.already_granted', { cause: err }) : err;
    });
  const mission = await findMission(trx, account.mission);
  // Someone who has not accepted the invitation yet learns of the access when they sign in; no second e-mail.
  if (account.hasPassword && account.id !== by.actor.id) {
    await queueMail(
      trx,
      clock,
      accessGrantedMail({
        to: account.email,
        name: account.displayName,
        missionName: mission?.mission_name ?? account.mission,
        grantedBy: by.label,
        signInUrl: `${settings.publicUrl}/sign-in`,
        module: input.module,
      }),
    );
  }
  await recordAudit(trx, clock, {
    action: 'module.granted',
    actor: auditActorOf(by),
    subject: { type: 'account', id: account.id },
    data: { mission: account.mission, module: input.module },
  });
}
