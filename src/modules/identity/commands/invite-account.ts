// Invitations. An account is created without a password and its owner gets a single-use link to choose one.
// Who may invite whom:
// - a mission's access focal point: delegates and focal points of their own mission, nobody else;
// - the help desk: a focal point of any mission (the first one, or another), and help desk and Secretariat staff;
// - nobody else (the Secretariat does not create accounts; delegates do not invite).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../../kernel/audit.js';
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { queueMail } from '../../../kernel/mail/index.js';
import { isUniqueViolation, parseInput } from '../../../kernel/validation.js';
import { findMission, MISSION_MANAGE_PEOPLE } from '../../delegations/index.js';
import { invitationMail, type AdminMailSettings } from '../admin-mail.js';
import { HELPDESK_USE } from '../admin-policies.js';
import type { Role } from '../tables.js';
import { issueLink } from '../links.js';
import { auditActorOf, emailInUse } from '../people.js';
import { accountTarget, loadManagedAccount, type AccountTarget } from './admin-scope.js';

const NAME_MESSAGE = 'Enter the person’s full name (2 to 200 characters)';

export const inviteAccountInput = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, 'Enter an e-mail address of at most 254 characters')
      .pipe(z.email({ message: 'Enter an e-mail address such as name@mission.example.org' })),
    displayName: z.string().trim().min(2, NAME_MESSAGE).max(200, NAME_MESSAGE),
    role: z.enum(['delegate', 'focal_point', 'helpdesk', 'secretariat'], { message: 'Choose a role' }),
    /** The mission's code; empty or null for help desk and Secretariat staff. */
    mission: z
      .string()
      .trim()
      .nullable()
      .optional()
      .transform((m) => (m === undefined || m === null || m === '' ? null : m)),
  })
  .superRefine((a, ctx) => {
    const staff = a.role === 'helpdesk' || a.role === 'secretariat';
    if (staff && a.mission !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['mission'],
        message: 'Help desk and Secretariat staff belong to no mission: choose “No mission”',
      });
    if (!staff && a.mission === null)
      ctx.addIssue({ code: 'custom', path: ['mission'], message: 'Choose the mission this person belongs to' });
  });
export type InviteAccountInput = z.input<typeof inviteAccountInput>;

/** Whether the actor may invite someone with this role into this mission (null: staff). */
export function mayInvite(by: Acting, role: Role, mission: string | null): boolean {
  const { actor } = by;
  if (allows(actor, MISSION_MANAGE_PEOPLE, mission ?? undefined)) return role === 'delegate' || role === 'focal_point';
  if (allows(actor, HELPDESK_USE)) return role === 'focal_point' ? mission !== null : role === 'helpdesk' || role === 'secretariat';
  return false;
}

export async function inviteAccount(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  raw: InviteAccountInput,
  settings: AdminMailSettings,
): Promise<{ id: string }> {
  const { actor } = by;
  if (actor.role !== 'focal_point' && !allows(actor, HELPDESK_USE)) throw new AppError('auth.forbidden');
  const input = parseInput(inviteAccountInput, raw);
  if (!mayInvite(by, input.role, input.mission))
    throw new AppError('account.invite_not_allowed', {
      detail: `${actor.role} inviting ${input.role} of ${input.mission ?? 'no mission'}`,
    });
  const mission = input.mission === null ? undefined : await findMission(trx, input.mission);
  if (input.mission !== null && !mission) throw new AppError('mission.not_found');
  if (await emailInUse(trx, input.email)) throw new AppError('account.email_taken');

  const id = randomUUID();
  const now = clock.now();
  await trx
    .insertInto('identity.accounts')
    .values({
      id,
      email: input.email,
      display_name: input.displayName,
      role: input.role,
      organisation: input.mission,
      password_hash: null,
      password_changed_at: null,
      created_at: now,
      created_by: actor.id,
      disabled_at: null,
    })
    .execute()
    .catch((err: unknown) => {
      // Two invitations for the same address at once: the unique index decides, the loser is told plainly.
      throw isUniqueViolation(err) ? new AppError('account.email_taken', { cause: err }) : err;
    });
  await sendInvitation(
    trx,
    clock,
    by,
    { id, email: input.email, name: input.displayName, role: input.role, missionName: mission?.mission_name ?? null },
    settings,
    false,
  );
  await recordAudit(trx, clock, {
    action: 'account.invited',
    actor: auditActorOf(by),
    subject: { type: 'account', id },
    data: { mission: input.mission, role: input.role },
  });
  return { id };
}

/** A fresh invitation link (the earlier one stops working), e-mailed in the caller's transaction. */
async function sendInvitation(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  to: { id: string; email: string; name: string; role: Role; missionName: string | null },
  settings: AdminMailSettings,
  resent: boolean,
): Promise<void> {
  const link = await issueLink(trx, clock, {
    accountId: to.id,
    purpose: 'invitation',
    createdBy: by.actor.id,
    ttlMinutes: settings.invitationHours * 60,
  });
  await queueMail(
    trx,
    clock,
    invitationMail({
      to: to.email,
      name: to.name,
      role: to.role,
      missionName: to.missionName,
      invitedBy: by.label,
      url: settings.publicUrl + link.path,
      expiresAt: link.expiresAt,
      resent,
    }),
  );
}

/**
 * A new invitation link for someone who has not accepted yet (the first expired, or the e-mail was lost).
 * The focal point of the person's mission or the help desk; the earlier link stops working.
 */
export async function resendInvitation(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  raw: AccountTarget,
  settings: AdminMailSettings,
): Promise<void> {
  const target = parseInput(accountTarget, raw);
  const account = await loadManagedAccount(trx, by, target, { focalPoint: true, helpdesk: true });
  if (account.hasPassword) throw new AppError('account.invitation_accepted');
  if (account.disabledAt !== null) throw new AppError('account.deactivated');
  const mission = account.mission === null ? undefined : await findMission(trx, account.mission);
  await sendInvitation(
    trx,
    clock,
    by,
    { id: account.id, email: account.email, name: account.displayName, role: account.role, missionName: mission?.mission_name ?? null },
    settings,
    true,
  );
  await recordAudit(trx, clock, {
    action: 'invitation.resent',
    actor: auditActorOf(by),
    subject: { type: 'account', id: account.id },
    data: { mission: account.mission },
  });
}
