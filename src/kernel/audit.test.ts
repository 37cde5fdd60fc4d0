import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import type { DB } from '../db-schema.js';
import {
  appendAudit,
  auditEntryHash,
  canonicalJson,
  GENESIS_HASH,
  legacyEntryHash,
  prepareAudit,
  recordAudit,
  type AuditAction,
  type AuditActor,
  type AuditContent,
  type AuditEntry,
} from './audit.js';
import { AuditSealer, sealAuditLog } from './audit-seal.js';
import { describeAuditReport, verifyAuditLog } from './audit-verify.js';
import { fixedClock } from './clock.js';
import type { Database, OpenDatabase } from './db/database.js';
import { migrateToLatest, migrator } from './db/migrate.js';
import { AppError } from './errors.js';
import { secretsFromKey, verifySignature, type SigningKey } from './secrets.js';

const clock = fixedClock('2026-12-01T09:00:00.000Z');
const system: AuditActor = { id: null, label: 'system' };
const key = secretsFromKey(Buffer.alloc(32, 11)).signing;
const otherKey = secretsFromKey(Buffer.alloc(32, 12)).signing;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function debateCreated(slug: string): AuditEntry<'debate.created'> {
  return {
    action: 'debate.created',
    actor: { id: '0E6C5C7A-3F2B-4B8E-9A51-6F1D2C3B4A59', label: 'Ana Secretariat' },
    subject: { type: 'debate', id: slug },
    data: { slug, theme: 'Protection of civilians' },
  };
}

function jobFailed(i: number): AuditEntry<'job.failed'> {
  return {
    action: 'job.failed',
    actor: system,
    subject: { type: 'job', id: String(i) },
    data: { jobId: i, kind: 'mail.send', attempts: 5, error: `nested ${i}` },
  };
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

async function seed(db: Database, n: number, from = 1): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = from; i < from + n; i++) seqs.push((await record(db, jobFailed(i))).seq);
  return seqs;
}

const seal = (db: Database, batch?: number) => sealAuditLog(db, clock, key, batch === undefined ? {} : { batch });

async function rows(db: Database) {
  return db.selectFrom('kernel.audit_log').selectAll().orderBy('seq').execute();
}

async function checkpoints(db: Database) {
  return db.selectFrom('kernel.audit_checkpoints').selectAll().orderBy('size').execute();
}

/** Lets the test change what the triggers protect, as someone with the database's owner rights could. */
async function tamper(db: Database): Promise<void> {
  await sql`ALTER TABLE kernel.audit_log DISABLE TRIGGER USER`.execute(db);
  await sql`ALTER TABLE kernel.audit_checkpoints DISABLE TRIGGER USER`.execute(db);
}

function contentOf(row: {
  occurred_at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  data: unknown;
}): AuditContent {
  return {
    occurred_at: row.occurred_at,
    actor_id: row.actor_id,
    actor_label: row.actor_label,
    action: row.action,
    subject_type: row.subject_type,
    subject_id: row.subject_id,
    data: row.data,
  };
}

/**
 * What a forger with database access but without the installation's key can do after changing an entry: recompute
 * every entry hash from the content, fold the chain again, and put the new heads in the checkpoints, leaving their
 * signatures or signing with a key of their own.
 */
async function rechain(db: Database, signWith?: { signing: SigningKey; keyId: string }): Promise<void> {
  const sealed = await db.selectFrom('kernel.audit_log').selectAll().where('position', 'is not', null).orderBy('position').execute();
  const heads = new Map<number, string>();
  let head = GENESIS_HASH;
  for (const row of sealed) {
    const entryHash = auditEntryHash(contentOf(row));
    await sql`UPDATE kernel.audit_log SET entry_hash = ${entryHash} WHERE seq = ${row.seq}`.execute(db);
    head = sha256(head + entryHash);
    heads.set(Number(row.position), head);
  }
  for (const cp of await checkpoints(db)) {
    const newHead = heads.get(Number(cp.size)) ?? cp.head;
    const text = `rostrum audit checkpoint v1\n${cp.size}\n${newHead}\n${cp.sealed_at.toISOString()}`;
    const signature = signWith ? signWith.signing.sign(new TextEncoder().encode(text)) : cp.signature;
    await sql`UPDATE kernel.audit_checkpoints SET head = ${newHead}, signature = ${signature}, key_id = ${signWith?.keyId ?? cp.key_id} WHERE size = ${cp.size}`.execute(
      db,
    );
  }
}

describe('audit log: appending', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => open?.close());

  it('stores each entry with the hash of its own content, and no position until it is sealed', async () => {
    const first = await record(open.db, debateCreated('first'));
    clock.advance(1000);
    const second = await record(open.db, {
      action: 'demo.loaded',
      actor: system,
      subject: { type: 'demo', id: null },
      data: { reset: false, accounts: 5 },
    });
    const stored = (await rows(open.db)).filter((r) => r.seq === first.seq || r.seq === second.seq);
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      seq: first.seq,
      entry_hash: first.entryHash,
      position: null,
      prev_hash: null,
      hash: null,
      action: 'debate.created',
      actor_id: '0e6c5c7a-3f2b-4b8e-9a51-6f1d2c3b4a59',
    });
    expect(stored[1]).toMatchObject({ seq: second.seq, entry_hash: second.entryHash, position: null, data: { reset: false, accounts: 5 } });
    expect(stored[1]?.occurred_at.toISOString()).toBe('2026-12-01T09:00:01.000Z');
    // The hash is over the content as stored, with the format marker: the same text computed here independently.
    expect(second.entryHash).toBe(
      sha256(
        '{"action":"demo.loaded","actor_id":null,"actor_label":"system","data":{"accounts":5,"reset":false},"format":"rostrum audit ' +
          'entry v2","occurred_at":"2026-12-01T09:00:01.000Z","subject_id":null,"subject_type":"demo"}',
      ),
    );
    for (const row of stored) expect(auditEntryHash(contentOf(row))).toBe(row.entry_hash);
    expect(await verifyAuditLog(open.db, key)).toMatchObject({ ok: true, entries: 0, checkpoints: 0, awaitingSeal: 2 });
  });

  it('can never be taken for an entry of the old chain, whose hash covered its predecessor and no format', () => {
    const content = prepareAudit(clock, debateCreated('x')).content;
    expect(auditEntryHash(content)).not.toBe(legacyEntryHash({ ...content, prev_hash: GENESIS_HASH }));
  });

  it('gives the entry’s hash before anything is written, and appends exactly what was hashed', async () => {
    const prepared = prepareAudit(clock, debateCreated('prepared'));
    expect(await open.db.selectFrom('kernel.audit_log').select('seq').where('entry_hash', '=', prepared.entryHash).execute()).toEqual([]);
    const appended = await open.db.transaction().execute((trx) => appendAudit(trx, prepared));
    expect(appended.entryHash).toBe(prepared.entryHash);
    expect(await open.db.selectFrom('kernel.audit_log').select('seq').where('entry_hash', '=', prepared.entryHash).execute()).toEqual([
      { seq: appended.seq },
    ]);
    // Data changed after hashing is refused rather than stored under a hash that does not match it.
    const changed = prepareAudit(clock, debateCreated('changed'));
    (changed.content.data as { theme: string }).theme = 'Something else';
    await expect(open.db.transaction().execute((trx) => appendAudit(trx, changed))).rejects.toMatchObject({ code: 'internal' });
  });

  it('refuses data that does not match the action’s schema, and unknown actions', async () => {
    const before = (await rows(open.db)).length;
    const wrong = {
      ...debateCreated('x'),
      data: { slug: 'x', theme: 't', email: 'someone@example.org' },
    } as unknown as AuditEntry<'debate.created'>;
    await expect(record(open.db, wrong)).rejects.toMatchObject({ code: 'audit.invalid_data' });
    expect(() => prepareAudit(clock, wrong)).toThrow(AppError);
    const missing = { ...debateCreated('x'), data: {} } as unknown as AuditEntry<'debate.created'>;
    await expect(record(open.db, missing)).rejects.toBeInstanceOf(AppError);
    const unknown = { ...debateCreated('x'), action: 'debate.vanished' } as unknown as AuditEntry<'debate.created'>;
    await expect(record(open.db, unknown)).rejects.toMatchObject({ code: 'audit.invalid_data' });
    const badActor = { ...debateCreated('x'), actor: { id: 'not-a-uuid', label: 'x' } };
    await expect(record(open.db, badActor)).rejects.toMatchObject({ code: 'audit.invalid_data' });
    const noLabel = { ...debateCreated('x'), actor: { id: null, label: ' ' } };
    await expect(record(open.db, noLabel)).rejects.toMatchObject({ code: 'audit.invalid_data' });
    expect((await rows(open.db)).length).toBe(before);
  });

  it('leaves nothing behind when the transaction rolls back', async () => {
    await expect(
      open.db.transaction().execute(async (trx) => {
        await recordAudit(trx, clock, debateCreated('rolled-back'));
        throw new Error('the command failed after auditing');
      }),
    ).rejects.toThrow('the command failed');
    expect(await open.db.selectFrom('kernel.audit_log').select('seq').where('subject_id', '=', 'rolled-back').execute()).toHaveLength(0);
    // The identity value the rolled-back insert consumed leaves a gap in seq; sealing and verifying must not mind.
    await record(open.db, debateCreated('after-rollback'));
    expect(await seal(open.db)).toMatchObject({ state: 'sealed' });
    expect(await verifyAuditLog(open.db, key)).toMatchObject({ ok: true, awaitingSeal: 0 });
  });

  it('appends inside a REPEATABLE READ transaction', async () => {
    await open.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((trx) => recordAudit(trx, clock, debateCreated('repeatable')));
    expect(await verifyAuditLog(open.db, key)).toMatchObject({ ok: true, awaitingSeal: 1 });
  });
});

describe('audit log: sealing', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => open?.close());

  it('gives committed entries positions in seq order, folds the chain and signs a checkpoint', async () => {
    const seqs = await seed(open.db, 3);
    const result = await seal(open.db);
    expect(result).toMatchObject({ state: 'sealed', entries: 3 });
    const sealed = (await rows(open.db)).filter((r) => seqs.includes(r.seq));
    expect(sealed.map((r) => r.position)).toEqual([1, 2, 3]);
    // head_n = SHA-256 of the text head_(n-1) + entry_hash_n, from 64 zeros.
    const head = sealed.reduce((h, r) => sha256(h + r.entry_hash), '0'.repeat(64));
    const [checkpoint] = await checkpoints(open.db);
    expect(checkpoint).toMatchObject({ size: 3, head, key_id: key.keyId });
    const at = clock.now().toISOString();
    const text = `rostrum audit checkpoint v1\n3\n${head}\n${at}`;
    expect(verifySignature(key.publicKey, new TextEncoder().encode(text), checkpoint?.signature ?? '')).toBe(true);
    expect(result.state === 'sealed' && result.checkpoint).toEqual({
      size: 3,
      head,
      sealedAt: at,
      keyId: key.keyId,
      signature: checkpoint?.signature,
    });
    // Nothing left: the next seal does nothing and writes no checkpoint.
    expect(await seal(open.db)).toEqual({ state: 'idle' });
    expect(await checkpoints(open.db)).toHaveLength(1);
  });

  it('seals at most a batch at a time, continuing the chain from the last checkpoint', async () => {
    await seed(open.db, 5, 10);
    expect(await seal(open.db, 2)).toMatchObject({ state: 'sealed', entries: 2, checkpoint: { size: 5 } });
    expect(await verifyAuditLog(open.db, key)).toMatchObject({ ok: true, entries: 5, checkpoints: 2, awaitingSeal: 3 });
    const sealer = new AuditSealer({ db: open.db, clock, signing: key, intervalMs: 60_000, batch: 2, log: { error: () => undefined } });
    expect(await sealer.sealAll()).toBe(3);
    expect((await checkpoints(open.db)).map((c) => c.size)).toEqual([3, 5, 7, 8]);
    expect(await verifyAuditLog(open.db, key, { pageSize: 2 })).toEqual({
      ok: true,
      entries: 8,
      checkpoints: 4,
      awaitingSeal: 0,
      oldestAwaitingSeal: null,
    });
  });

  it('seals what the last requests wrote when the server stops', async () => {
    const sealer = new AuditSealer({ db: open.db, clock, signing: key, intervalMs: 60_000, log: { error: () => undefined } });
    sealer.start();
    await record(open.db, debateCreated('just before stopping'));
    await sealer.stop();
    expect(await verifyAuditLog(open.db, key)).toMatchObject({ ok: true, awaitingSeal: 0 });
  });

  it('logs a failed round instead of failing the process', async () => {
    const errors: unknown[] = [];
    const broken = {
      transaction: () => {
        throw new Error('connection lost');
      },
    } as unknown as Database;
    const sealer = new AuditSealer({ db: broken, clock, signing: key, intervalMs: 60_000, log: { error: (obj) => errors.push(obj) } });
    sealer.start();
    await sealer.stop();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ err: { message: 'connection lost' } });
  });
});

describe('audit log: the database refuses every change but sealing', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of entries and checkpoints; lets sealing set a position once', async () => {
    await withFreshDatabase(async (db) => {
      const [sealedSeq, waitingSeq] = await seed(db, 2);
      await seal(db, 1);
      const refused = [
        sql`UPDATE kernel.audit_log SET actor_label = 'someone else' WHERE seq = ${waitingSeq}`,
        sql`UPDATE kernel.audit_log SET data = '{"jobId":1}' WHERE seq = ${sealedSeq}`,
        sql`UPDATE kernel.audit_log SET entry_hash = ${'f'.repeat(64)} WHERE seq = ${waitingSeq}`,
        sql`UPDATE kernel.audit_log SET position = 7 WHERE seq = ${sealedSeq}`,
        sql`UPDATE kernel.audit_log SET position = NULL WHERE seq = ${sealedSeq}`,
        sql`UPDATE kernel.audit_log SET position = 2, actor_label = 'someone else' WHERE seq = ${waitingSeq}`,
        sql`UPDATE kernel.audit_log SET position = 2, occurred_at = now() WHERE seq = ${waitingSeq}`,
        sql`DELETE FROM kernel.audit_log WHERE seq = ${waitingSeq}`,
        sql`DELETE FROM kernel.audit_log WHERE seq = ${sealedSeq}`,
        sql`TRUNCATE kernel.audit_log`,
        sql`UPDATE kernel.audit_checkpoints SET head = ${'f'.repeat(64)}`,
        sql`DELETE FROM kernel.audit_checkpoints`,
        sql`TRUNCATE kernel.audit_checkpoints`,
      ];
      for (const statement of refused) await expect(statement.execute(db)).rejects.toThrow(/append-only/);
      // Sealing's own change, alone: allowed (here rolled back, so the log stays as the seal left it).
      const rolledBack = new Error('rolled back');
      await expect(
        db.transaction().execute(async (trx) => {
          const result = await sql`UPDATE kernel.audit_log SET position = 2 WHERE seq = ${waitingSeq}`.execute(trx);
          expect(Number(result.numAffectedRows)).toBe(1);
          throw rolledBack;
        }),
      ).rejects.toBe(rolledBack);
      expect(await verifyAuditLog(db, key)).toEqual({
        ok: true,
        entries: 1,
        checkpoints: 1,
        awaitingSeal: 1,
        oldestAwaitingSeal: clock.now().toISOString(),
      });
    });
  });
});

describe('audit log: verification', () => {
  it('reports an empty log as intact', async () => {
    await withFreshDatabase(async (db) => {
      const report = await verifyAuditLog(db, key);
      expect(report).toEqual({ ok: true, entries: 0, checkpoints: 0, awaitingSeal: 0, oldestAwaitingSeal: null });
      expect(describeAuditReport(report)).toBe(
        'The audit log is intact: 0 entries sealed under 0 signed checkpoints, each matching its hash and the chain; none awaiting a seal.',
      );
    });
  });

  it('detects a changed sealed entry, and names its seq and position', async () => {
    await withFreshDatabase(async (db) => {
      const seqs = await seed(db, 4);
      await seal(db);
      await tamper(db);
      await sql`UPDATE kernel.audit_log SET actor_label = 'someone else' WHERE seq = ${seqs[2]}`.execute(db);
      const report = await verifyAuditLog(db, key, { pageSize: 2 });
      expect(report).toMatchObject({ ok: false, seq: seqs[2], position: 3 });
      expect(report.ok === false && report.reason).toMatch(/does not match its hash \(it was changed\)/);
      expect(describeAuditReport(report)).toBe(
        `The audit log has been altered (entry ${seqs[2]}, position 3): the entry’s content does not match its hash (it was changed).`,
      );
    });
  });

  it('detects a changed entry that awaits its seal', async () => {
    await withFreshDatabase(async (db) => {
      const seqs = await seed(db, 2);
      await tamper(db);
      await sql`UPDATE kernel.audit_log SET data = '{"jobId":2,"kind":"mail.send","attempts":1,"error":""}' WHERE seq = ${seqs[1]}`.execute(
        db,
      );
      expect(await verifyAuditLog(db, key)).toMatchObject({
        ok: false,
        seq: seqs[1],
        position: null,
        reason: expect.stringMatching(/changed.*awaits its seal/),
      });
    });
  });

  it('detects an entry removed from the middle, at the position left empty', async () => {
    await withFreshDatabase(async (db) => {
      const seqs = await seed(db, 4);
      await seal(db);
      await tamper(db);
      await sql`DELETE FROM kernel.audit_log WHERE seq = ${seqs[1]}`.execute(db);
      expect(await verifyAuditLog(db, key)).toMatchObject({
        ok: false,
        seq: seqs[2],
        position: 3,
        reason: 'position 2 is missing: the entry sealed there was removed',
      });
    });
  });

  it('detects entries removed from the end, by the last checkpoint', async () => {
    await withFreshDatabase(async (db) => {
      const seqs = await seed(db, 2);
      await seal(db);
      await seed(db, 2, 3);
      await seal(db);
      await tamper(db);
      await sql`DELETE FROM kernel.audit_log WHERE position > 2`.execute(db);
      const report = await verifyAuditLog(db, key);
      expect(report).toMatchObject({ ok: false, seq: seqs[1], position: 3 });
      expect(report.ok === false && report.reason).toMatch(
        /checkpoint of 4 entries covers more entries than the 2 sealed ones left: entries at the end were removed/,
      );
    });
  });

  it('detects a changed entry whose hash was recomputed, at the checkpoint that covers it', async () => {
    await withFreshDatabase(async (db) => {
      const seqs = await seed(db, 3);
      await seal(db);
      await tamper(db);
      const row = (await rows(db))[1]!;
      const forged = { ...contentOf(row), data: { jobId: 2, kind: 'mail.send', attempts: 1, error: '' } };
      await sql`UPDATE kernel.audit_log SET data = ${canonicalJson(forged.data)}::jsonb, entry_hash = ${auditEntryHash(forged)} WHERE seq = ${seqs[1]}`.execute(
        db,
      );
      const report = await verifyAuditLog(db, key);
      expect(report).toMatchObject({ ok: false, seq: seqs[2], position: 3 });
      expect(report.ok === false && report.reason).toMatch(/do not give the head their checkpoint/);
    });
  });

  it('detects a rewritten entry re-chained without the key: old signatures, or another key’s', async () => {
    await withFreshDatabase(async (db) => {
      const seqs = await seed(db, 3);
      await seal(db);
      await seed(db, 2, 4);
      await seal(db);
      await tamper(db);
      await sql`UPDATE kernel.audit_log SET data = '{"jobId":2,"kind":"mail.send","attempts":1,"error":"nothing to see"}' WHERE seq = ${
        seqs[1]
      }`.execute(db);

      // Every entry hash, the chain and every checkpoint's head recomputed; the signatures left as they were.
      await rechain(db);
      let report = await verifyAuditLog(db, key);
      expect(report).toMatchObject({ ok: false, seq: seqs[2], position: 3 });
      expect(report.ok === false && report.reason).toBe(
        `the signature of the checkpoint of 3 entries (sealed ${clock.now().toISOString()}) does not match it: the checkpoint was forged ` +
          `or changed`,
      );

      // Signed again with a key of the forger's own, under its own id: not this installation's key.
      await rechain(db, { signing: otherKey, keyId: otherKey.keyId });
      report = await verifyAuditLog(db, key);
      expect(report).toMatchObject({ ok: false, position: 3 });
      expect(report.ok === false && report.reason).toMatch(
        new RegExp(`signed by another key \\(${otherKey.keyId}\\), not this installation’s \\(${key.keyId}\\)`),
      );
      // ... or under this installation's key id: the signature does not verify.
      await rechain(db, { signing: otherKey, keyId: key.keyId });
      expect(await verifyAuditLog(db, key)).toMatchObject({
        ok: false,
        position: 3,
        reason: expect.stringMatching(/signature .* does not match/),
      });
      // The forger's key would accept it: the check is the installation's key, nothing in the database.
      expect(await verifyAuditLog(db, { publicKey: otherKey.publicKey, keyId: key.keyId })).toMatchObject({ ok: true, entries: 5 });
    });
  });

  it('detects a checkpoint whose signature was changed', async () => {
    await withFreshDatabase(async (db) => {
      await seed(db, 2);
      await seal(db);
      await tamper(db);
      const [cp] = await checkpoints(db);
      const flipped = `${cp!.signature.startsWith('A') ? 'B' : 'A'}${cp!.signature.slice(1)}`;
      await sql`UPDATE kernel.audit_checkpoints SET signature = ${flipped}`.execute(db);
      expect(await verifyAuditLog(db, key)).toMatchObject({
        ok: false,
        position: 2,
        reason: expect.stringMatching(/signature of the checkpoint of 2 entries/),
      });
    });
  });

  it('detects positions given outside a seal', async () => {
    await withFreshDatabase(async (db) => {
      await seed(db, 2);
      await seal(db);
      const [late] = await seed(db, 1, 3);
      // The trigger lets a position be set once (that is what sealing does); no checkpoint signs it.
      await sql`UPDATE kernel.audit_log SET position = 3 WHERE seq = ${late}`.execute(db);
      expect(await verifyAuditLog(db, key)).toMatchObject({
        ok: false,
        seq: late,
        position: 3,
        reason: expect.stringMatching(/no checkpoint signs them/),
      });
    });
  });
});

// Two transactions at once need two connections: the embedded database has one, so these run only on PostgreSQL.
describe.skipIf(inject('testDatabase').kind !== 'postgres')('audit log: concurrent writers (PostgreSQL)', () => {
  let open: OpenDatabase;
  let wide: Kysely<DB>;

  beforeAll(async () => {
    open = await testDatabase();
    const target = inject('testDatabase');
    if (target.kind !== 'postgres') return;
    // The harness's pool has 4 connections; 40 transactions in flight at once need 40.
    const { rows: current } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(open.db);
    const url = new URL(target.url);
    url.pathname = `/${current[0]?.name ?? ''}`;
    const pool = new pg.Pool({ connectionString: url.href, max: 45 });
    pool.on('error', () => undefined);
    wide = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  });
  afterAll(async () => {
    await wide?.destroy();
    await open?.close();
  });

  /** A transaction that has appended an entry and stays open until `release` is called. */
  function openAppend(slug: string) {
    let release!: () => void;
    const mayCommit = new Promise<void>((resolve) => (release = resolve));
    let appended!: (value: { seq: number; pid: number; locks: Array<{ relname: string; mode: string }>; others: string[] }) => void;
    const hasAppended = new Promise<{ seq: number; pid: number; locks: Array<{ relname: string; mode: string }>; others: string[] }>(
      (resolve) => (appended = resolve),
    );
    const done = wide.transaction().execute(async (trx) => {
      const { seq } = await recordAudit(trx, clock, debateCreated(slug));
      const { rows: pid } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
      // What this transaction holds in the product's schemas, and any lock that is not on a relation or itself.
      const { rows: locks } = await sql<{ relname: string; mode: string }>`
        SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE l.pid = pg_backend_pid() AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`.execute(trx);
      const { rows: others } = await sql<{ locktype: string }>`
        SELECT locktype FROM pg_locks WHERE pid = pg_backend_pid() AND locktype NOT IN ('relation', 'virtualxid', 'transactionid')`.execute(
        trx,
      );
      appended({ seq, pid: Number(pid[0]?.pid), locks, others: others.map((o) => o.locktype) });
      await mayCommit;
      return seq;
    });
    return { hasAppended, release, done };
  }

  /** Records an entry in a transaction of its own, failing (instead of waiting) if it would wait on a lock. */
  function appendNow(slug: string) {
    return wide.transaction().execute(async (trx) => {
      await sql`SET LOCAL lock_timeout = '20s'`.execute(trx);
      return recordAudit(trx, clock, debateCreated(slug));
    });
  }

  it('lets an append commit while another append is open: an append locks nothing but its own row', async () => {
    const holder = openAppend('held open');
    const held = await holder.hasAppended;
    // Only the log itself (and its indexes), as any insert does; no head row, no advisory lock.
    expect(held.locks.every((l) => l.relname.startsWith('audit_log') && l.mode === 'RowExclusiveLock')).toBe(true);
    expect(held.locks.map((l) => l.relname)).toContain('audit_log');
    expect(held.others).toEqual([]);
    const other = await appendNow('committed meanwhile');
    expect(other.seq).toBeGreaterThan(held.seq);
    const committed = await open.db
      .selectFrom('kernel.audit_log')
      .select('subject_id')
      .where('subject_id', 'in', ['held open', 'committed meanwhile'])
      .execute();
    expect(committed).toEqual([{ subject_id: 'committed meanwhile' }]);
    holder.release();
    await holder.done;
  });

  it('commits 40 transactions appending at once, each waiting for all the others to have appended', async () => {
    const before = (await rows(open.db)).length;
    const n = 40;
    let appended = 0;
    let allAppended!: () => void;
    const everyoneHasAppended = new Promise<void>((resolve) => (allAppended = resolve));
    // If an append waited on another's lock, that one could not reach the barrier and none would commit.
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        wide.transaction().execute(async (trx) => {
          await sql`SET LOCAL lock_timeout = '20s'`.execute(trx);
          await recordAudit(trx, clock, debateCreated(`parallel-${i}`));
          if (++appended === n) allAppended();
          await everyoneHasAppended;
        }),
      ),
    );
    expect((await rows(open.db)).length).toBe(before + n);
    expect(await sealAuditLog(open.db, clock, key)).toMatchObject({ state: 'sealed' });
    expect(await verifyAuditLog(open.db, key)).toMatchObject({ ok: true, awaitingSeal: 0 });
  });

  it('seals an entry that commits after a later one was sealed into the next checkpoint: the chain’s order is the seal’s', async () => {
    await sealAuditLog(open.db, clock, key);
    const early = openAppend('written first, committed last');
    const { seq: earlySeq } = await early.hasAppended;
    const late = await appendNow('written second, committed first');
    const first = await sealAuditLog(open.db, clock, key);
    expect(first).toMatchObject({ state: 'sealed', entries: 1 });
    early.release();
    await early.done;
    const second = await sealAuditLog(open.db, clock, key);
    expect(second).toMatchObject({ state: 'sealed', entries: 1 });
    const positions = await open.db
      .selectFrom('kernel.audit_log')
      .select(['seq', 'position'])
      .where('seq', 'in', [earlySeq, late.seq])
      .orderBy('seq')
      .execute();
    const size = first.state === 'sealed' ? first.checkpoint.size : 0;
    expect(positions).toEqual([
      { seq: earlySeq, position: size + 1 },
      { seq: late.seq, position: size },
    ]);
    expect(await verifyAuditLog(open.db, key)).toMatchObject({ ok: true, awaitingSeal: 0 });
  });

  it('lets one sealer at a time seal: another returns at once, doing nothing', async () => {
    await seed(open.db, 1, 100);
    let release!: () => void;
    const mayEnd = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = wide.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(5940093377498672385)`.execute(trx);
      locked();
      await mayEnd;
    });
    await isLocked;
    expect(await sealAuditLog(open.db, clock, key)).toEqual({ state: 'busy' });
    release();
    await holder;
    expect(await sealAuditLog(open.db, clock, key)).toMatchObject({ state: 'sealed', entries: 1 });
  });
});

describe('audit log: entries written before sealing', () => {
  /** How entries were appended before: the head row updated and the entry chained to it, hashed by PostgreSQL. */
  async function appendTheOldWay(db: Database, entry: AuditEntry<AuditAction>): Promise<void> {
    const content = prepareAudit(clock, entry).content;
    const text = canonicalJson({ ...content, occurred_at: content.occurred_at.toISOString(), prev_hash: GENESIS_HASH });
    const start = text.lastIndexOf(`"prev_hash":"${GENESIS_HASH}"`) + '"prev_hash":"'.length;
    const before = text.slice(0, start);
    const after = text.slice(start + GENESIS_HASH.length);
    await sql`
      WITH head AS (
        UPDATE kernel.audit_head AS h
           SET prev_hash = h.hash, hash = encode(sha256(convert_to(${before} || h.hash || ${after}, 'UTF8')), 'hex')
         RETURNING h.prev_hash, h.hash
      )
      INSERT INTO kernel.audit_log (occurred_at, actor_id, actor_label, action, subject_type, subject_id, data, prev_hash, hash)
      SELECT ${content.occurred_at}, ${content.actor_id}, ${content.actor_label}, ${content.action}, ${content.subject_type}, ${
        content.subject_id
      },
             ${canonicalJson(content.data)}::jsonb, head.prev_hash, head.hash
        FROM head
    `.execute(db);
  }

  /** A log as the previous version left it: the schema before checkpoints, three chained entries, then the migration. */
  async function legacyLog(db: Database): Promise<number[]> {
    const down = await migrator(db).migrateTo('2026-11-28T2000_audit_chain_head');
    expect(down.error).toBeUndefined();
    await appendTheOldWay(db, jobFailed(1));
    clock.advance(1);
    await appendTheOldWay(db, debateCreated('legacy'));
    await appendTheOldWay(db, jobFailed(3));
    expect((await migrateToLatest(db))[0]).toBe('2026-12-05T1000_audit_checkpoints');
    return (await rows(db)).map((r) => r.seq);
  }

  it('keeps their chained hashes, checks them while they await the seal, seals them first in seq order and verifies them', async () => {
    await withFreshDatabase(async (db) => {
      const seqs = await legacyLog(db);
      const legacy = await rows(db);
      expect(legacy).toHaveLength(3);
      expect(legacy[0]?.prev_hash).toBe(GENESIS_HASH);
      expect(legacy[1]?.prev_hash).toBe(legacy[0]?.hash);
      for (const row of legacy) expect(row).toMatchObject({ entry_hash: row.hash, position: null });
      expect(await verifyAuditLog(db, key)).toMatchObject({ ok: true, entries: 0, awaitingSeal: 3 });

      const [newer] = await seed(db, 1, 4);
      expect(await seal(db)).toMatchObject({ state: 'sealed', entries: 4 });
      const sealed = await db.selectFrom('kernel.audit_log').select(['seq', 'position']).orderBy('position').execute();
      expect(sealed).toEqual([...seqs, newer].map((seq, i) => ({ seq, position: i + 1 })));
      expect(await verifyAuditLog(db, key, { pageSize: 2 })).toEqual({
        ok: true,
        entries: 4,
        checkpoints: 1,
        awaitingSeal: 0,
        oldestAwaitingSeal: null,
      });

      // The old chain is still checked: a changed entry, and one whose old hash was recomputed.
      await tamper(db);
      await sql`UPDATE kernel.audit_log SET actor_label = 'someone else' WHERE seq = ${seqs[1]}`.execute(db);
      expect(await verifyAuditLog(db, key)).toMatchObject({
        ok: false,
        seq: seqs[1],
        position: 2,
        reason: expect.stringMatching(/changed/),
      });
    });
  });

  it('finds an entry of the old chain removed before the first seal', async () => {
    await withFreshDatabase(async (db) => {
      const seqs = await legacyLog(db);
      await tamper(db);
      await sql`DELETE FROM kernel.audit_log WHERE seq = ${seqs[1]}`.execute(db);
      await seal(db);
      expect(await verifyAuditLog(db, key)).toMatchObject({
        ok: false,
        seq: seqs[2],
        position: 2,
        reason: expect.stringMatching(/does not follow the one written before it/),
      });
    });
  });

  it('refuses to go back to the old chain once entries were written without it', async () => {
    await withFreshDatabase(async (db) => {
      await seed(db, 1);
      const result = await migrator(db).migrateTo('2026-11-28T2000_audit_chain_head');
      expect(String(result.error)).toMatch(/cannot be put back in the old chain/);
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
