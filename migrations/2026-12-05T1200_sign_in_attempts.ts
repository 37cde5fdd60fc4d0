// Frozen: never edit after it lands, never import application code. Later changes are new files.
// Sign-in attempts are counted per pair of e-mail address and network address (a stranger locks out only
// themselves), per network address, and per e-mail address account-wide, where past a number of failures attempts
// are spaced out rather than locked: the row keeps when the last attempt went through. The counts kept under the
// e-mail address become its account-wide counts.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE identity.sign_in_throttle DROP CONSTRAINT sign_in_throttle_key_check;
    UPDATE identity.sign_in_throttle SET key = 'account:' || substr(key, length('email:') + 1) WHERE starts_with(key, 'email:');
    ALTER TABLE identity.sign_in_throttle
      ADD CONSTRAINT sign_in_throttle_key_check CHECK (key ~ '^(pair|address|account):'),
      ADD COLUMN last_attempt_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM identity.sign_in_throttle WHERE starts_with(key, 'pair:');
    ALTER TABLE identity.sign_in_throttle DROP CONSTRAINT sign_in_throttle_key_check, DROP COLUMN last_attempt_at;
    UPDATE identity.sign_in_throttle SET key = 'email:' || substr(key, length('account:') + 1) WHERE starts_with(key, 'account:');
    ALTER TABLE identity.sign_in_throttle ADD CONSTRAINT sign_in_throttle_key_check CHECK (key ~ '^(email|address):');
  `.execute(db);
}
