// Two-step verification: the TOTP secret (sealed with the installation key), its confirmation, and the ten
// single-use recovery codes (only their SHA-256 is kept). Queries on identity.mfa and identity.recovery_codes.
import { createHash, randomInt } from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import type { Database, Transaction } from '../../kernel/db/database.js';
import type { Secrets } from '../../kernel/secrets.js';
import type { Role, SessionStage } from './tables.js';
import { newTotpSecret, verifyTotp } from './totp.js';

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: the codes are read off paper.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_LENGTH = 10;

/** A recovery code as shown: ten characters in two groups ("k7mqp-x3fh9"), about 50 bits. */
export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < RECOVERY_LENGTH; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The code as typed, in any case, with or without the hyphen or spaces; null when it cannot be one. */
export function normaliseRecoveryCode(input: string): string | null {
  const clean = input.replace(/[\s-]/g, '').toLowerCase();
  return new RegExp(`^[${RECOVERY_ALPHABET}]{${RECOVERY_LENGTH}}$`).test(clean) ? clean : null;
}

export function hashRecoveryCode(normalised: string): string {
  return createHash('sha256').update(normalised).digest('hex');
}

export function isMfaRequired(role: Role, requiredRoles: readonly Role[]): boolean {
  return requiredRoles.includes(role);
}

type Queryable = Database | Transaction;

export interface MfaStatus {
  /** A confirmed second factor. */
  enrolled: boolean;
  recoveryCodesLeft: number;
}

export async function mfaStatus(db: Queryable, accountId: string): Promise<MfaStatus> {
  const row = await db.selectFrom('identity.mfa').select('confirmed_at').where('account_id', '=', accountId).executeTakeFirst();
  const enrolled = row?.confirmed_at != null;
  if (!enrolled) return { enrolled, recoveryCodesLeft: 0 };
  const left = await db
    .selectFrom('identity.recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { enrolled, recoveryCodesLeft: Number(left.n) };
}

/** Where a correct password leads: the second factor, its enrolment when the role requires one, or straight in. */
export async function stageAfterPassword(
  db: Queryable,
  account: { id: string; role: Role },
  requiredRoles: readonly Role[],
): Promise<SessionStage> {
  const { enrolled } = await mfaStatus(db, account.id);
  if (enrolled) return 'mfa';
  return isMfaRequired(account.role, requiredRoles) ? 'enrol_mfa' : 'active';
}

/**
 * The secret being enrolled: the one already offered if the person reloads the page (they may have scanned it),
 * or a new one. Null when a confirmed secret exists: enrolling again needs turning it off (or a help-desk reset) first.
 */
export async function enrolmentSecret(trx: Transaction, secrets: Secrets, accountId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('identity.mfa')
    .select(['secret', 'confirmed_at'])
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
  if (row?.confirmed_at != null) return null;
  if (row) return secrets.decrypt(row.secret);
  const secret = newTotpSecret();
  await trx
    .insertInto('identity.mfa')
    .values({ account_id: accountId, secret: secrets.encrypt(secret), confirmed_at: null, last_step: null })
    .execute();
  return secret;
}

/** Confirms the secret being enrolled with a code from the app; returns false for a wrong code or no pending secret. */
export async function confirmEnrolment(
  trx: Transaction,
  clock: Clock,
  secrets: Secrets,
  accountId: string,
  code: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom('identity.mfa')
    .select(['secret', 'confirmed_at'])
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.confirmed_at !== null) return false;
  const step = verifyTotp(secrets.decrypt(row.secret), code, clock.now(), null);
  if (step === null) return false;
  await trx.updateTable('identity.mfa').set({ confirmed_at: clock.now(), last_step: step }).where('account_id', '=', accountId).execute();
  return true;
}

/** Checks a code from the app against the confirmed secret and records its step, so it cannot be used again. */
export async function useTotpCode(trx: Transaction, clock: Clock, secrets: Secrets, accountId: string, code: string): Promise<boolean> {
  const row = await trx
    .selectFrom('identity.mfa')
    .select(['secret', 'confirmed_at', 'last_step'])
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.confirmed_at === null) return false;
  const step = verifyTotp(secrets.decrypt(row.secret), code, clock.now(), row.last_step);
  if (step === null) return false;
  await trx.updateTable('identity.mfa').set({ last_step: step }).where('account_id', '=', accountId).execute();
  return true;
}

/** Uses a recovery code once; returns how many are left, or null when the code is not one of the unused ones. */
export async function useRecoveryCode(trx: Transaction, clock: Clock, accountId: string, input: string): Promise<number | null> {
  const normalised = normaliseRecoveryCode(input);
  if (normalised === null) return null;
  const used = await trx
    .updateTable('identity.recovery_codes')
    .set({ used_at: clock.now() })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', hashRecoveryCode(normalised))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (used.numUpdatedRows === 0n) return null;
  return (await mfaStatus(trx, accountId)).recoveryCodesLeft;
}

/** Replaces every recovery code with ten new ones, returned once for the page that shows them. */
export async function replaceRecoveryCodes(trx: Transaction, accountId: string): Promise<string[]> {
  await trx.deleteFrom('identity.recovery_codes').where('account_id', '=', accountId).execute();
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(newRecoveryCode());
  await trx
    .insertInto('identity.recovery_codes')
    .values([...codes].map((code) => ({ account_id: accountId, code_hash: hashRecoveryCode(normaliseRecoveryCode(code)!), used_at: null })))
    .execute();
  return [...codes];
}

/**
 * Whether `codes` are exactly the account's recovery codes, every one still unused: the set just made and shown. A
 * set with one used, or replaced since, is not (so the codes cannot be downloaded again from an old page).
 */
export async function areCurrentRecoveryCodes(db: Database | Transaction, accountId: string, codes: readonly string[]): Promise<boolean> {
  const hashes = new Set<string>();
  for (const code of codes) {
    const normalised = normaliseRecoveryCode(code);
    if (normalised === null) return false;
    hashes.add(hashRecoveryCode(normalised));
  }
  if (hashes.size !== RECOVERY_CODE_COUNT) return false;
  const rows = await db
    .selectFrom('identity.recovery_codes')
    .select(['code_hash', 'used_at'])
    .where('account_id', '=', accountId)
    .execute();
  return rows.length === RECOVERY_CODE_COUNT && rows.every((r) => r.used_at === null && hashes.has(r.code_hash));
}

/** Removes the second factor and its recovery codes. */
export async function removeMfa(trx: Transaction, accountId: string): Promise<void> {
  await trx.deleteFrom('identity.recovery_codes').where('account_id', '=', accountId).execute();
  await trx.deleteFrom('identity.mfa').where('account_id', '=', accountId).execute();
}
