// The tests' one account factory. By default an account as the identity module creates it (createAccount: a real
// argon2id hash of a known password, and its audit entry), so it can sign in; the tests hash at a small cost, set
// through the settings (PASSWORD_HASH_MEMORY_KIB, PASSWORD_HASH_PASSES in testConfig). `hashed: false` inserts the
// row directly with a stand-in hash instead: no hashing and no audit entry, for the many fixtures that never sign in
// with a password, and for states the command does not make (invited and not yet accepted, disabled).
import { randomUUID } from 'node:crypto';
import type { Clock } from '../src/kernel/clock.js';
import type { Database } from '../src/kernel/db/database.js';
import { configurePasswordHashing, createAccount, type Role } from '../src/modules/identity/index.js';
import { testConfig } from './app.js';

export interface TestAccount {
  id: string;
  email: string;
  name: string;
  role: Role;
  mission: string | null;
  /** The password it signs in with; null for a `hashed: false` account (a stand-in hash, or none when invited). */
  password: string | null;
}

/** An account made with its password hashed: it signs in with `password`. */
export type SignInAccount = TestAccount & { password: string };

export interface AccountSpec {
  role: Role;
  /** A State's code (e.g. 'BRA'): focal points and delegates need one. */
  mission?: string | null;
  email?: string;
  name?: string;
  /** false: insert the row directly with a stand-in hash (fast, no audit entry); true by default. */
  hashed?: boolean;
  /** The password to hash (hashed accounts); one is made up when missing. */
  password?: string;
  /** No password yet: invited, not yet accepted (`hashed: false` only). */
  invited?: boolean;
  /** Disabled from the start (`hashed: false` only). */
  disabled?: boolean;
}

const config = testConfig();
configurePasswordHashing({ memoryKib: config.PASSWORD_HASH_MEMORY_KIB, passes: config.PASSWORD_HASH_PASSES });

let n = 0;

export async function addAccount<S extends AccountSpec>(
  db: Database,
  clock: Clock,
  o: S,
): Promise<S extends { hashed: false } ? TestAccount : SignInAccount>;
export async function addAccount(db: Database, clock: Clock, o: AccountSpec): Promise<TestAccount> {
  n++;
  const email = o.email ?? `person${n}.${Date.now().toString(36)}@mission.example.org`;
  const name = o.name ?? `Person ${n}`;
  const mission = o.mission ?? null;
  if (o.hashed === false) {
    const id = randomUUID();
    await db
      .insertInto('identity.accounts')
      .values({
        id,
        email,
        display_name: name,
        role: o.role,
        organisation: mission,
        password_hash: o.invited ? null : '$argon2id$not-a-real-hash',
        password_changed_at: null,
        created_at: clock.now(),
        created_by: null,
        disabled_at: o.disabled ? clock.now() : null,
      })
      .execute();
    return { id, email, name, role: o.role, mission, password: null };
  }
  if (o.invited || o.disabled) throw new Error('addAccount: an invited or disabled account is made with hashed: false');
  const password = o.password ?? `correct horse battery ${n}`;
  const { id } = await db
    .transaction()
    .execute((trx) =>
      createAccount(trx, clock, { id: null, label: 'test' }, { email, displayName: name, role: o.role, organisation: mission, password }),
    );
  return { id, email, name, role: o.role, mission, password };
}
