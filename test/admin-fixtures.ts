// Fixtures for the administration tests (missions, people, signatories): actors for test accounts (made by
// test/accounts.ts), and a fingerprint of every table an administration command may touch, to prove a refused
// command changed nothing.
import { sql } from 'kysely';
import type { AccountActor, Acting } from '../src/kernel/authz.js';
import type { Database } from '../src/kernel/db/database.js';
import type { TestAccount } from './accounts.js';

export function actorFor(a: TestAccount, over: Partial<AccountActor> = {}): AccountActor {
  return {
    kind: 'account',
    id: a.id,
    role: a.role,
    organisation: a.mission,
    modules: [],
    via: { kind: 'session', sessionId: 'test' },
    ...over,
  };
}

export function acting(a: TestAccount, over: Partial<AccountActor> = {}): Acting {
  return { actor: actorFor(a, over), label: a.name };
}

const TABLES = [
  'identity.accounts',
  'identity.module_grants',
  'identity.links',
  'identity.sessions',
  'identity.mfa',
  'identity.recovery_codes',
  'identity.sign_in_throttle',
  'delegations.missions',
  'delegations.signatories',
  'kernel.audit_log',
  'kernel.mail',
  'kernel.jobs',
  'statements.submissions',
  'statements.revisions',
  'statements.drafts',
  'statements.speakers',
  'statements.speaker_texts',
  'meetings.council_terms',
  'meetings.council_presidencies',
] as const;

/** One line per table: its row count and a digest of every row's content. Equal fingerprints: nothing changed. */
export async function fingerprint(db: Database, tables: readonly string[] = TABLES): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const { rows } = await sql<{
      n: number;
      digest: string | null;
    }>`SELECT count(*)::int AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS digest FROM ${sql.table(t)} x`.execute(db);
    out[t] = `${rows[0]?.n ?? 0}:${rows[0]?.digest ?? ''}`;
  }
  return out;
}

export async function auditEntries(db: Database, action?: string) {
  let q = db.selectFrom('kernel.audit_log').selectAll().orderBy('seq');
  if (action) q = q.where('action', '=', action);
  return q.execute();
}

export async function mailTo(db: Database, email: string) {
  return db
    .selectFrom('kernel.mail')
    .selectAll()
    .where(sql<boolean>`${email} = ANY(recipients)`)
    .orderBy('id')
    .execute();
}
