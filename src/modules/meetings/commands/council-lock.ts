// Changes to the Council data happen one at a time: adding a year and filling the database from the reference file
// both take this lock first and read the data after it, so two officers adding the same year at once do not both
// see it missing. Readers are never blocked (the mode conflicts only with itself and with writes).
import { sql } from 'kysely';
import type { Transaction } from '../../../kernel/db/database.js';

export async function lockCouncilData(trx: Transaction): Promise<void> {
  await sql`LOCK TABLE meetings.council_terms, meetings.council_presidencies IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
}
