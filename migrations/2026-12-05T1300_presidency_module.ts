// Frozen: never edit after it lands, never import application code. Later changes are new files.
// A second module a mission's focal point gives: `presidency`, to the staff who act for the mission while its State
// presides the Security Council (being on the staff is no longer enough to read every statement before publication).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE identity.module_grants DROP CONSTRAINT module_grants_module_check;
    ALTER TABLE identity.module_grants ADD CONSTRAINT module_grants_module_check CHECK (module IN ('statements', 'presidency'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM identity.module_grants WHERE module = 'presidency';
    ALTER TABLE identity.module_grants DROP CONSTRAINT module_grants_module_check;
    ALTER TABLE identity.module_grants ADD CONSTRAINT module_grants_module_check CHECK (module IN ('statements'));
  `.execute(db);
}
