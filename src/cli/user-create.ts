// `rostrum user create`: creates an account from the command line, for bootstrapping a new installation
// (typically its first help-desk account, who then invites everyone else). The password is generated, printed
// once and stored only as an argon2id hash; the account and its audit entry are written in one transaction.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { AuditActor } from '../kernel/audit.js';
import type { Clock } from '../kernel/clock.js';
import type { Database } from '../kernel/db/database.js';
import { createAccount, generatePassword, roles, type Role } from '../modules/identity/index.js';

export const userCreateUsage =
  'Usage: rostrum user create --role <helpdesk|secretariat|focal_point|delegate> --email <address> --name <name> [--mission <CODE>]';

/** A mistake in what the operator typed, or a conflict with what is stored: one line, no stack trace. */
export class UserCreateError extends Error {}

export interface UserCreateInput {
  role: Role;
  email: string;
  name: string;
  mission: string | null;
}

const MISSION_ROLES: readonly Role[] = ['focal_point', 'delegate'];

/** Reads and checks the options; every problem found here is the operator's to fix. */
export function parseUserCreateArgs(argv: readonly string[]): UserCreateInput {
  let values: { role?: string | undefined; email?: string | undefined; name?: string | undefined; mission?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { role: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, mission: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    // Node's messages ("Unknown option '--x'", "Option '--role <value>' argument missing") are clear enough.
    throw new UserCreateError(`${(err as Error).message.replace(/\.?$/, '.')} ${userCreateUsage}`);
  }
  const missing = (['role', 'email', 'name'] as const).filter((k) => values[k] === undefined || values[k].trim() === '');
  if (missing.length > 0) throw new UserCreateError(`Missing ${missing.map((m) => `--${m}`).join(', ')}. ${userCreateUsage}`);

  const role = (values.role ?? '').trim();
  if (!(roles as readonly string[]).includes(role)) {
    throw new UserCreateError(`Unknown role "${role}": use one of ${roles.join(', ')}.`);
  }
  const email = (values.email ?? '').trim();
  if (!z.email().safeParse(email).success)
    throw new UserCreateError(`"${email}" is not a valid e-mail address; give one such as name@example.org.`);
  const name = (values.name ?? '').trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 200) throw new UserCreateError('The name must be 2 to 200 characters long.');

  const mission = values.mission?.trim() || null;
  const needsMission = MISSION_ROLES.includes(role as Role);
  if (needsMission && mission === null) {
    throw new UserCreateError(
      `A ${role} belongs to a mission: add --mission with its code (a State's ISO alpha-3 code such as BRA, or an entity's code such as ` +
        `eu).`,
    );
  }
  if (!needsMission && mission !== null)
    throw new UserCreateError(`Help desk and Secretariat staff belong to no mission: leave out --mission for the role ${role}.`);
  // The form of a code, as the missions table checks it: States in capitals (BRA), entities in lower case (eu, las).
  if (mission !== null && !/^([A-Z]{3}|[a-z0-9]+(-[a-z0-9]+)*)$/.test(mission)) {
    throw new UserCreateError(
      `"${mission}" is not a mission code: use a State's ISO alpha-3 code in capitals such as BRA, or an entity's code in lower case such ` +
        `as eu.`,
    );
  }
  return { role: role as Role, email, name, mission };
}

interface PgError {
  code?: string;
  constraint?: string;
}

function pgError(err: unknown): PgError {
  return typeof err === 'object' && err !== null ? (err as PgError) : {};
}

const cliActor: AuditActor = { id: null, label: 'command line (rostrum user create)' };

/** Creates the account with a new password, in one transaction with its audit entry; returns the password. */
export async function createUserFromCli(db: Database, clock: Clock, input: UserCreateInput): Promise<{ id: string; password: string }> {
  const password = generatePassword();
  try {
    const { id } = await db.transaction().execute((trx) =>
      createAccount(trx, clock, cliActor, {
        email: input.email,
        displayName: input.name,
        role: input.role,
        organisation: input.mission,
        password,
      }),
    );
    return { id, password };
  } catch (err) {
    const e = pgError(err);
    // The database's own constraints are the one place these are decided, so two operators cannot race past a check.
    if (e.code === '23505' && e.constraint === 'accounts_email')
      throw new UserCreateError(`An account with the e-mail address ${input.email} already exists; nothing was changed.`);
    if (e.code === '23503' && e.constraint === 'accounts_mission') {
      throw new UserCreateError(
        `There is no mission with the code "${input.mission ?? ''}": use a State's ISO alpha-3 code in capitals (such as BRA) or an ` +
          `entity's code (such as eu); nothing was changed.`,
      );
    }
    throw err;
  }
}

export function formatCreatedUser(input: UserCreateInput, password: string): string {
  return [
    `Created the ${input.role} account for ${input.name} <${input.email}>${input.mission ? ` (mission ${input.mission})` : ''}.`,
    `Password (shown this once; give it to the person by a safe channel): ${password}`,
  ].join('\n');
}
