import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auditEntries } from '../../../../test/admin-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import type { AuditActor } from '../../../kernel/audit.js';
import { sealAuditLog } from '../../../kernel/audit-seal.js';
import { verifyAuditLog } from '../../../kernel/audit-verify.js';
import { secretsFromKey } from '../../../kernel/secrets.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { Database, OpenDatabase, Transaction } from '../../../kernel/db/database.js';
import type { DB } from '../../../db-schema.js';
import { findSymbol, lastNumber, listSymbols } from '../db.js';
import {
  issueDerivedSymbol,
  issueSymbol,
  registerExistingSymbol,
  type IssueDerivedSymbolInput,
  type IssueSymbolInput,
  type RegisterExistingSymbolInput,
} from './issue-symbol.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-28T15:00:00Z');
const system: AuditActor = { id: null, label: 'Rostrum' };

let open: OpenDatabase;
let officer: TestAccount;
let by: AuditActor;

beforeAll(async () => {
  open = await testDatabase();
  officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat', name: 'Sam Secretariat' });
  by = { id: officer.id, label: officer.name };
});
afterAll(async () => open?.close());

const issue = (input: Partial<IssueSymbolInput> = {}, db: Database = open.db) =>
  db.transaction().execute((trx) => issueSymbol(trx, clock, by, { series: 'S', year: 2021, purpose: 'compilation', ...input }));
const derive = (input: Partial<IssueDerivedSymbolInput> & Pick<IssueDerivedSymbolInput, 'parent'>, db: Database = open.db) =>
  db.transaction().execute((trx) => issueDerivedSymbol(trx, clock, by, { kind: 'Corr', purpose: 'compilation', ...input }));
const register = (input: Partial<RegisterExistingSymbolInput> & Pick<RegisterExistingSymbolInput, 'symbol'>) =>
  open.db.transaction().execute((trx) => registerExistingSymbol(trx, clock, system, { purpose: 'letter', ...input }));
const { signing } = secretsFromKey(Buffer.alloc(32, 5));
/** Seals what the issues wrote and verifies the whole audit log. */
async function sealedAndVerified(db: Database) {
  await sealAuditLog(db, clock, signing);
  return verifyAuditLog(db, signing);
}
const symbolsOf = async (series: 'S' | 'S/PRST', year: number) => (await listSymbols(open.db, series, year)).map((r) => r.symbol);

/** The registry, its counters and the audit log: equal before and after means a refused call changed nothing. */
async function registryState() {
  return {
    symbols: await open.db.selectFrom('documents.symbols').select('symbol').orderBy('symbol').execute(),
    counters: await open.db.selectFrom('documents.symbol_series').selectAll().orderBy('series').orderBy('year').execute(),
    audit: (await auditEntries(open.db)).length,
  };
}

describe('issueSymbol', () => {
  it('hands out 1, 2, 3 in each series and year, each independent, stored and recorded', async () => {
    expect((await issue({ subjectId: 'debate-1' })).symbol).toBe('S/2021/1');
    expect((await issue()).symbol).toBe('S/2021/2');
    expect((await issue({ year: 2022 })).symbol).toBe('S/2022/1');
    expect((await issue({ series: 'S/PRST', purpose: 'presidential_statement' })).symbol).toBe('S/PRST/2021/1');
    const third = await issue({ purpose: 'announcement_letter' });
    expect(third).toEqual({ symbol: 'S/2021/3', model: { series: 'S', year: 2021, number: 3, suffixes: [] } });
    expect((await issue({ year: 2022 })).symbol).toBe('S/2022/2');

    expect(await symbolsOf('S', 2021)).toEqual(['S/2021/1', 'S/2021/2', 'S/2021/3']);
    expect(await symbolsOf('S/PRST', 2021)).toEqual(['S/PRST/2021/1']);
    expect([await lastNumber(open.db, 'S', 2021), await lastNumber(open.db, 'S', 2022), await lastNumber(open.db, 'S', 2023)]).toEqual([
      3, 2, 0,
    ]);
    expect(await findSymbol(open.db, 'S/2021/1')).toEqual({
      symbol: 'S/2021/1',
      series: 'S',
      year: 2021,
      number: 1,
      parent: null,
      suffix_kind: null,
      suffix_number: null,
      issued_at: clock.now(),
      issued_by: officer.id,
      purpose: 'compilation',
      subject_id: 'debate-1',
      numbered_by: 'installation',
    });
    const entries = await auditEntries(open.db, 'symbol.issued');
    expect(entries.map((e) => e.subject_id)).toEqual(['S/2021/1', 'S/2021/2', 'S/2022/1', 'S/PRST/2021/1', 'S/2021/3', 'S/2022/2']);
    expect(entries[4]).toMatchObject({
      actor_id: officer.id,
      actor_label: 'Sam Secretariat',
      subject_type: 'symbol',
      data: { symbol: 'S/2021/3', purpose: 'announcement_letter' },
    });
  });

  it('leaves no hole when the issuing transaction rolls back: the next issue takes the same number', async () => {
    expect((await issue({ year: 2024 })).symbol).toBe('S/2024/1');
    const before = await registryState();
    let taken = '';
    await expect(
      open.db.transaction().execute(async (trx) => {
        taken = (await issueSymbol(trx, clock, by, { series: 'S', year: 2024, purpose: 'compilation' })).symbol;
        throw new Error('the document failed to render');
      }),
    ).rejects.toThrow('the document failed to render');
    expect(taken).toBe('S/2024/2');
    expect(await registryState()).toEqual(before);
    expect((await issue({ year: 2024 })).symbol).toBe('S/2024/2');
    expect(await symbolsOf('S', 2024)).toEqual(['S/2024/1', 'S/2024/2']);
  });

  it('refuses an unknown series, a year without symbols, an unknown purpose or one that does not fit the series, changing nothing', async () => {
    const before = await registryState();
    const refused: Array<Partial<IssueSymbolInput>> = [
      { series: 'A' as never },
      { series: 'S/RES' as never },
      { year: 1993 },
      { year: 10000 },
      { year: 2021.5 },
      { purpose: 'memo' as never },
      { series: 'S/PRST', purpose: 'compilation' },
      { purpose: 'presidential_statement' },
      { subjectId: '' },
      { subjectId: 'x'.repeat(201) },
      { extra: true } as never,
    ];
    for (const input of refused) await expect(issue(input), JSON.stringify(input)).rejects.toMatchObject({ code: 'input.invalid' });
    expect(await registryState()).toEqual(before);
  });
});

describe('issueDerivedSymbol', () => {
  it('numbers corrigenda, revisions and addenda of a document each in turn, without moving the year’s counter', async () => {
    const { symbol: parent } = await issue({ year: 2023 });
    expect(parent).toBe('S/2023/1');
    const got: string[] = [];
    for (const kind of ['Corr', 'Corr', 'Rev', 'Add', 'Corr', 'Add', 'Rev'] as const) got.push((await derive({ parent, kind })).symbol);
    expect(got).toEqual([
      'S/2023/1/Corr.1',
      'S/2023/1/Corr.2',
      'S/2023/1/Rev.1',
      'S/2023/1/Add.1',
      'S/2023/1/Corr.3',
      'S/2023/1/Add.2',
      'S/2023/1/Rev.2',
    ]);
    expect((await derive({ parent: 'S/2023/1/Add.1' })).symbol).toBe('S/2023/1/Add.1/Corr.1');
    expect((await derive({ parent: 'S/2023/1/Add.1' })).symbol).toBe('S/2023/1/Add.1/Corr.2');
    expect((await derive({ parent: 'S/2023/1/Rev.2', kind: 'Add' })).symbol).toBe('S/2023/1/Rev.2/Add.1');

    expect(await findSymbol(open.db, 'S/2023/1/Add.1/Corr.2')).toMatchObject({
      series: 'S',
      year: 2023,
      number: 1,
      parent: 'S/2023/1/Add.1',
      suffix_kind: 'Corr',
      suffix_number: 2,
      issued_by: officer.id,
    });
    expect(await lastNumber(open.db, 'S', 2023)).toBe(1);
    expect((await issue({ year: 2023 })).symbol).toBe('S/2023/2');
    expect((await auditEntries(open.db, 'symbol.issued')).at(-2)).toMatchObject({
      subject_id: 'S/2023/1/Rev.2/Add.1',
      data: { symbol: 'S/2023/1/Rev.2/Add.1', purpose: 'compilation' },
    });
    expect((await derive({ parent: 'S/PRST/2021/1', purpose: 'presidential_statement' })).symbol).toBe('S/PRST/2021/1/Corr.1');
  });

  it('refuses an unknown or malformed parent, a suffix the parent cannot take, and a purpose that does not fit, changing nothing', async () => {
    const before = await registryState();
    await expect(derive({ parent: 'S/2023/999' })).rejects.toMatchObject({ code: 'symbol.parent_not_found' });
    await expect(derive({ parent: 'S/1999/1' })).rejects.toMatchObject({ code: 'symbol.parent_not_found' });
    await expect(derive({ parent: 's/2023/1' })).rejects.toMatchObject({
      code: 'symbol.invalid',
      detail: expect.stringMatching(/capitals/) as unknown,
    });
    await expect(derive({ parent: 'S/2023/1/Corr' })).rejects.toMatchObject({ code: 'symbol.invalid' });
    await expect(derive({ parent: 'S/2023/1/Corr.1' })).rejects.toMatchObject({ code: 'symbol.suffix_not_allowed' });
    await expect(derive({ parent: 'S/2023/1/Rev.1', kind: 'Rev' })).rejects.toMatchObject({ code: 'symbol.suffix_not_allowed' });
    await expect(derive({ parent: 'S/2023/1', kind: 'Amend' as never })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(derive({ parent: 'S/2023/1', purpose: 'presidential_statement' })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(derive({ parent: 'S/PRST/2021/1' })).rejects.toMatchObject({ code: 'input.invalid' });
    expect(await registryState()).toEqual(before);
  });
});

describe('registerExistingSymbol', () => {
  it('records a symbol issued elsewhere and makes the next numbers follow it, refusing one already there', async () => {
    const registered = await register({ symbol: 'S/2020/372', issuedAt: '2020-05-07T16:00:00Z' });
    expect(registered).toEqual({ symbol: 'S/2020/372', model: { series: 'S', year: 2020, number: 372, suffixes: [] } });
    expect(await findSymbol(open.db, 'S/2020/372')).toMatchObject({
      issued_at: new Date('2020-05-07T16:00:00Z'),
      issued_by: null,
      purpose: 'letter',
    });
    expect(await lastNumber(open.db, 'S', 2020)).toBe(372);
    expect((await issue({ year: 2020 })).symbol).toBe('S/2020/373');
    // Below the counter and never handed out here: recorded, and the counter stays where it is.
    await register({ symbol: 'S/2020/100', purpose: 'compilation', subjectId: 'debate-0' });
    expect(await findSymbol(open.db, 'S/2020/100')).toMatchObject({ issued_at: clock.now(), subject_id: 'debate-0' });
    expect(await lastNumber(open.db, 'S', 2020)).toBe(373);
    // Derived symbols: the parent first; Rostrum's next one follows the highest registered.
    await register({ symbol: 'S/2020/372/Corr.2' });
    expect((await derive({ parent: 'S/2020/372' })).symbol).toBe('S/2020/372/Corr.3');
    expect(await findSymbol(open.db, 'S/2020/372/Corr.2')).toMatchObject({
      parent: 'S/2020/372',
      suffix_kind: 'Corr',
      suffix_number: 2,
      number: 372,
    });
    // The demo's presidential statement; the next one issued is 12.
    await register({ symbol: 'S/PRST/2021/11', purpose: 'presidential_statement' });
    expect((await issue({ series: 'S/PRST', purpose: 'presidential_statement' })).symbol).toBe('S/PRST/2021/12');

    expect((await auditEntries(open.db, 'symbol.registered')).map((e) => [e.subject_id, e.actor_id, e.actor_label, e.data])).toEqual([
      ['S/2020/372', null, 'Rostrum', { symbol: 'S/2020/372', purpose: 'letter' }],
      ['S/2020/100', null, 'Rostrum', { symbol: 'S/2020/100', purpose: 'compilation' }],
      ['S/2020/372/Corr.2', null, 'Rostrum', { symbol: 'S/2020/372/Corr.2', purpose: 'letter' }],
      ['S/PRST/2021/11', null, 'Rostrum', { symbol: 'S/PRST/2021/11', purpose: 'presidential_statement' }],
    ]);

    const before = await registryState();
    for (const symbol of ['S/2020/372', 'S/2020/373', 'S/2020/100', 'S/2020/372/Corr.2', 'S/2020/372/Corr.3', 'S/2021/1']) {
      await expect(register({ symbol }), symbol).rejects.toMatchObject({ code: 'symbol.taken' });
    }
    await expect(register({ symbol: 'S/2020/999/Corr.1' })).rejects.toMatchObject({ code: 'symbol.parent_not_found' });
    for (const symbol of ['S/2020/90/corr.1', 'S/20/1', 'A/75/123', 'S/2020/372/Corr.2/Corr.1']) {
      await expect(register({ symbol }), symbol).rejects.toMatchObject({ code: 'symbol.invalid' });
    }
    await expect(register({ symbol: 'S/PRST/2021/13', purpose: 'letter' })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(register({ symbol: 'S/2020/500', issuedAt: 'not a date' })).rejects.toMatchObject({ code: 'input.invalid' });
    expect(await registryState()).toEqual(before);
  });
});

describe('the registry’s own constraints (writes that bypass the commands)', () => {
  const base = {
    series: 'S' as const,
    year: 2021,
    parent: null,
    suffix_kind: null,
    suffix_number: null,
    issued_at: clock.now(),
    issued_by: null,
    purpose: 'letter',
    subject_id: null,
  };
  const insert = (values: Record<string, unknown>) =>
    open.db.transaction().execute((trx: Transaction) =>
      trx
        .insertInto('documents.symbols')
        .values({ ...base, ...values } as never)
        .execute(),
    );

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a symbol twice', { symbol: 'S/2021/1', number: 1 }, /symbols_pkey/],
    ['a number written with a leading zero', { symbol: 'S/2021/01', number: 1 }, /check/],
    ['text that does not match the number', { symbol: 'S/2021/77', number: 78 }, /check/],
    ['an original of a year without a counter', { symbol: 'S/2019/1', year: 2019, number: 1 }, /foreign key/],
    [
      'a child whose number is not its parent’s',
      { symbol: 'S/2021/1/Corr.9', number: 2, parent: 'S/2021/1', suffix_kind: 'Corr', suffix_number: 9 },
      /foreign key/,
    ],
    [
      'a child of no document',
      { symbol: 'S/2021/3/Add.7/Corr.9', number: 3, parent: 'S/2021/3/Add.7', suffix_kind: 'Corr', suffix_number: 9 },
      /foreign key/,
    ],
    [
      'a suffix number twice',
      { symbol: 'S/2021/1/Corr.1', number: 1, parent: 'S/2021/1', suffix_kind: 'Corr', suffix_number: 1 },
      /symbols_pkey|unique/,
    ],
    ['half a suffix', { symbol: 'S/2021/1/Corr.5', number: 1, parent: 'S/2021/1', suffix_kind: 'Corr' }, /check/],
    [
      'an unknown suffix kind',
      { symbol: 'S/2021/1/Amend.1', number: 1, parent: 'S/2021/1', suffix_kind: 'Amend', suffix_number: 1 },
      /check/,
    ],
  ])('refuses %s', async (_what, values, message) => {
    // One corrigendum for the "twice" case to collide with.
    if (!(await findSymbol(open.db, 'S/2021/1/Corr.1'))) await derive({ parent: 'S/2021/1' });
    await expect(insert(values)).rejects.toThrow(message);
  });
});

// Concurrency needs real concurrent connections: PGlite has one, so these run only on PostgreSQL.
describe.skipIf(inject('testDatabase').kind !== 'postgres')('concurrent issues (PostgreSQL)', () => {
  let wide: Database;

  beforeAll(async () => {
    // The harness's pool has 4 connections; 20 transactions in flight at once need 20.
    const target = inject('testDatabase');
    if (target.kind !== 'postgres') return;
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(open.db);
    const url = new URL(target.url);
    url.pathname = `/${rows[0]?.name ?? ''}`;
    const pool = new pg.Pool({ connectionString: url.href, max: 25 });
    // pool.end() resolves before every socket has closed; dropping the database then ends the stragglers, and the
    // pool re-emits that as an error of its own (as in kernel/db/database.ts, it must not crash the process).
    pool.on('error', () => undefined);
    wide = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  });
  afterAll(async () => wide?.destroy());

  /** Resolves for everyone once `n` callers are waiting: every transaction has begun before any takes a number. */
  function barrier(n: number): () => Promise<void> {
    let arrived = 0;
    let release!: () => void;
    const all = new Promise<void>((resolve) => (release = resolve));
    return async () => {
      if (++arrived === n) release();
      await all;
    };
  }

  async function inParallel<T>(n: number, work: (trx: Transaction, i: number) => Promise<T>): Promise<T[]> {
    const ready = barrier(n);
    return Promise.all(
      Array.from({ length: n }, (_, i) =>
        wide.transaction().execute(async (trx) => {
          await sql`SELECT 1`.execute(trx);
          await ready();
          return work(trx, i);
        }),
      ),
    );
  }

  it('20 transactions issuing at once get 20 distinct consecutive numbers, none missing, from a year with no counter yet', async () => {
    expect(await lastNumber(open.db, 'S', 2025)).toBe(0);
    const issued = await inParallel(20, (trx) => issueSymbol(trx, clock, by, { series: 'S', year: 2025, purpose: 'compilation' }));
    expect(issued.map((r) => r.model.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await symbolsOf('S', 2025)).toEqual(Array.from({ length: 20 }, (_, i) => `S/2025/${i + 1}`));
    expect(await lastNumber(open.db, 'S', 2025)).toBe(20);
    expect(await sealedAndVerified(open.db)).toMatchObject({ ok: true, awaitingSeal: 0 });
  });

  it('concurrent corrigenda, revisions and addenda of one document get distinct numbers in each kind', async () => {
    const kinds = [...Array<'Corr'>(10).fill('Corr'), ...Array<'Rev'>(5).fill('Rev'), ...Array<'Add'>(5).fill('Add')];
    const issued = await inParallel(kinds.length, (trx, i) =>
      issueDerivedSymbol(trx, clock, by, { parent: 'S/2025/1', kind: kinds[i] ?? 'Corr', purpose: 'compilation' }),
    );
    const got = issued.map((r) => r.symbol);
    expect(new Set(got).size).toBe(kinds.length);
    for (const [kind, n] of [
      ['Corr', 10],
      ['Rev', 5],
      ['Add', 5],
    ] as const) {
      expect(got.filter((s) => s.includes(`/${kind}.`)).sort()).toEqual(
        Array.from({ length: n }, (_, i) => `S/2025/1/${kind}.${i + 1}`).sort(),
      );
    }
    expect(await sealedAndVerified(open.db)).toMatchObject({ ok: true, awaitingSeal: 0 });
  });

  it('an issue waiting behind one that rolls back takes the number it released', async () => {
    expect((await issue({ year: 2026 }, wide)).symbol).toBe('S/2026/1');
    let releaseFirst!: () => void;
    const firstMayEnd = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstTook = '';
    const first = wide.transaction().execute(async (trx) => {
      firstTook = (await issueSymbol(trx, clock, by, { series: 'S', year: 2026, purpose: 'compilation' })).symbol;
      await firstMayEnd;
      throw new Error('rolled back');
    });
    while (firstTook === '') await new Promise((r) => setTimeout(r, 10));
    const second = issue({ year: 2026 }, wide);
    // Wait until the second is queued on the counter's row lock (a lock of this database's sessions not granted;
    // the wait is on the first's transaction id, which belongs to no database), then let the first roll back.
    let queued = false;
    for (let i = 0; i < 500 && !queued; i++) {
      const { rows } = await sql<{ waiting: number }>`
        SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND a.datname = current_database()`.execute(open.db);
      queued = (rows[0]?.waiting ?? 0) > 0;
      if (!queued) await new Promise((r) => setTimeout(r, 10));
    }
    expect(queued).toBe(true);
    releaseFirst();
    await expect(first).rejects.toThrow('rolled back');
    expect(firstTook).toBe('S/2026/2');
    expect((await second).symbol).toBe('S/2026/2');
    expect(await symbolsOf('S', 2026)).toEqual(['S/2026/1', 'S/2026/2']);
  });
});
