import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../test/db.js';
import { GENESIS_HASH, canonicalJson, recordAudit, verifyAuditChain, type AuditAction, type AuditActor, type AuditEntry } from './audit.js';
import { fixedClock } from './clock.js';
import type { Database, OpenDatabase } from './db/database.js';
import { AppError } from './errors.js';

const clock = fixedClock('2026-12-01T09:00:00.000Z');
const system: AuditActor = { id: null, label: 'system' };

function debateCreated(slug: string): AuditEntry<'debate.created'> {
  return { action: 'debate.created', actor: { id: '0E6C5C7A-3F2B-4B8E-9A51-6F1D2C3B4A59', label: 'Ana Secretariat' }, subject: { type: 'debate', id: slug }, data: { slug, theme: 'Protection of civilians' } };
}

async function record<A extends AuditAction>(db: Database, entry: AuditEntry<A>) {
  return db.transaction().execute((trx) => recordAudit(trx, clock, entry));
}

async function withFreshDatabase(fn: (db: Database) => Promise<void>): Promise<void> {
  const open = await testDatabase();
  try {
    await fn(open.db);
  } finally {
    await open.close();
  }
}

describe('audit log', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => open?.close());

  it('chains each entry to the one before it', async () => {
    const first = await record(open.db, debateCreated('first'));
    clock.advance(1000);
    const second = await record(open.db, { action: 'demo.loaded', actor: system, subject: { type: 'demo', id: null }, data: { reset: false, accounts: 5 } });
    const rows = await open.db.selectFrom('kernel.audit_log').selectAll().orderBy('seq').execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ seq: first.seq, prev_hash: GENESIS_HASH, hash: first.hash, action: 'debate.created', actor_id: '0e6c5c7a-3f2b-4b8e-9a51-6f1d2c3b4a59' });
    expect(rows[1]).toMatchObject({ seq: second.seq, prev_hash: first.hash, hash: second.hash, data: { reset: false, accounts: 5 } });
    expect(rows[1]?.occurred_at.toISOString()).toBe('2026-12-01T09:00:01.000Z');
    expect(await verifyAuditChain(open.db)).toEqual({ ok: true, entries: 2 });
  });

  it('refuses data that does not match the action’s schema, and unknown actions', async () => {
    const before = await open.db.selectFrom('kernel.audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const wrong = { ...debateCreated('x'), data: { slug: 'x', theme: 't', email: 'someone@example.org' } } as unknown as AuditEntry<'debate.created'>;
    await expect(record(open.db, wrong)).rejects.toMatchObject({ code: 'audit.invalid_data' });
    const missing = { ...debateCreated('x'), data: {} } as unknown as AuditEntry<'debate.created'>;
    await expect(record(open.db, missing)).rejects.toBeInstanceOf(AppError);
    const unknown = { ...debateCreated('x'), action: 'debate.vanished' } as unknown as AuditEntry<'debate.created'>;
    await expect(record(open.db, unknown)).rejects.toMatchObject({ code: 'audit.invalid_data' });
    const badActor = { ...debateCreated('x'), actor: { id: 'not-a-uuid', label: 'x' } };
    await expect(record(open.db, badActor)).rejects.toMatchObject({ code: 'audit.invalid_data' });
    const after = await open.db.selectFrom('kernel.audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('is append-only: UPDATE and DELETE are refused by the database', async () => {
    await record(open.db, debateCreated('append-only'));
    await expect(open.db.updateTable('kernel.audit_log').set({ actor_label: 'someone else' }).execute()).rejects.toThrow(/append-only/);
    await expect(open.db.deleteFrom('kernel.audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE kernel.audit_log`.execute(open.db)).rejects.toThrow(/append-only/);
  });

  it('leaves nothing behind when the transaction rolls back', async () => {
    await expect(
      open.db.transaction().execute(async (trx) => {
        await recordAudit(trx, clock, debateCreated('rolled-back'));
        throw new Error('the command failed after auditing');
      }),
    ).rejects.toThrow('the command failed');
    const rows = await open.db.selectFrom('kernel.audit_log').select('seq').where('subject_id', '=', 'rolled-back').execute();
    expect(rows).toHaveLength(0);
    // The identity value the rolled-back insert consumed leaves a gap in seq; the chain must not mind.
    await record(open.db, debateCreated('after-rollback'));
    expect(await verifyAuditChain(open.db)).toMatchObject({ ok: true });
  });

  it('keeps one chain when many transactions append at once', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => record(open.db, debateCreated(`parallel-${i}`))));
    const rows = await open.db.selectFrom('kernel.audit_log').select(['prev_hash', 'hash']).orderBy('seq').execute();
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
    expect(await verifyAuditChain(open.db)).toEqual({ ok: true, entries: rows.length });
  });

  it('chains inside a REPEATABLE READ transaction when nothing was appended since its snapshot', async () => {
    await open.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((trx) => recordAudit(trx, clock, debateCreated('repeatable')));
    expect(await verifyAuditChain(open.db)).toMatchObject({ ok: true });
  });

  it('refuses, rather than forks, an append from a snapshot that predates another append', async (ctx) => {
    // Two transactions at once need two connections: the embedded database has one.
    if (open.engine !== 'postgres') ctx.skip();
    const before = await open.db.selectFrom('kernel.audit_head').select('hash').executeTakeFirstOrThrow();
    let release!: () => void;
    const snapshotTaken = new Promise<void>((resolve) => (release = resolve));
    const stale = open.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`SELECT 1`.execute(trx); // the snapshot is taken here
        release();
        await appended;
        return recordAudit(trx, clock, debateCreated('stale snapshot'));
      });
    const appended = snapshotTaken.then(() => record(open.db, debateCreated('in between')));
    await expect(stale).rejects.toMatchObject({ code: '40001' });
    const rows = await open.db.selectFrom('kernel.audit_log').select(['subject_id', 'prev_hash']).where('subject_id', 'in', ['stale snapshot', 'in between']).execute();
    expect(rows).toEqual([{ subject_id: 'in between', prev_hash: before.hash }]);
    expect(await verifyAuditChain(open.db)).toMatchObject({ ok: true });
  });

  it('verifies across pages', async () => {
    const total = (await open.db.selectFrom('kernel.audit_log').select('seq').execute()).length;
    expect(await verifyAuditChain(open.db, { pageSize: 3 })).toEqual({ ok: true, entries: total });
  });
});

describe('audit chain verification', () => {
  async function seed(db: Database, n: number): Promise<number[]> {
    const seqs: number[] = [];
    for (let i = 0; i < n; i++) seqs.push((await record(db, { action: 'job.failed', actor: system, subject: { type: 'job', id: String(i + 1) }, data: { jobId: i + 1, kind: 'mail.send', attempts: 5, error: `nested ${i}` } })).seq);
    return seqs;
  }

  it('detects a changed row and names its seq', async () => {
    await withFreshDatabase(async (db) => {
      const seqs = await seed(db, 4);
      await sql`ALTER TABLE kernel.audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
      await db.updateTable('kernel.audit_log').set({ actor_label: 'someone else' }).where('seq', '=', seqs[2]!).execute();
      const report = await verifyAuditChain(db, { pageSize: 2 });
      expect(report).toMatchObject({ ok: false, brokenAt: seqs[2] });
      expect(report.ok === false && report.reason).toMatch(/changed/);
    });
  });

  it('detects a changed row whose hash was recomputed, at its successor', async () => {
    await withFreshDatabase(async (db) => {
      const seqs = await seed(db, 3);
      await sql`ALTER TABLE kernel.audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
      await db.updateTable('kernel.audit_log').set({ hash: 'f'.repeat(64), data: JSON.stringify({ jobId: 1, kind: 'x', attempts: 1, error: '' }) }).where('seq', '=', seqs[0]!).execute();
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: seqs[0] });
    });
  });

  it('detects entries removed from the end, by the head', async () => {
    await withFreshDatabase(async (db) => {
      const seqs = await seed(db, 4);
      await sql`ALTER TABLE kernel.audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
      await db.deleteFrom('kernel.audit_log').where('seq', '>=', seqs[2]!).execute();
      const report = await verifyAuditChain(db);
      expect(report).toMatchObject({ ok: false, brokenAt: seqs[1] });
      expect(report.ok === false && report.reason).toMatch(/removed/);
    });
  });

  it('keeps its head row: it cannot be deleted', async () => {
    await withFreshDatabase(async (db) => {
      await expect(db.deleteFrom('kernel.audit_head').execute()).rejects.toThrow(/one row/);
    });
  });

  it('detects a deleted row at the entry that followed it', async () => {
    await withFreshDatabase(async (db) => {
      const seqs = await seed(db, 4);
      await sql`ALTER TABLE kernel.audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
      await db.deleteFrom('kernel.audit_log').where('seq', '=', seqs[1]!).execute();
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: seqs[2] });
    });
  });

  it('detects a deleted first row', async () => {
    await withFreshDatabase(async (db) => {
      const seqs = await seed(db, 2);
      await sql`ALTER TABLE kernel.audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
      await db.deleteFrom('kernel.audit_log').where('seq', '=', seqs[0]!).execute();
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: seqs[1] });
    });
  });

  it('reports an empty log as intact', async () => {
    await withFreshDatabase(async (db) => {
      expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 0 });
    });
  });
});

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [{ d: 2, c: null }] }, '{"a":[{"c":null,"d":2}],"b":1}'],
    [{ a: undefined, b: 'x' }, '{"b":"x"}'],
    [[1, 'two', true], '[1,"two",true]'],
    ['é"\n', '"é\\"\\n"'],
    [null, 'null'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});
