import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { sealAuditLog } from '../kernel/audit-seal.js';
import { verifyAuditLog } from '../kernel/audit-verify.js';
import { secretsFromKey } from '../kernel/secrets.js';
import { fixedClock } from '../kernel/clock.js';
import type { Database, OpenDatabase } from '../kernel/db/database.js';
import { createAccount, createSession, resolveSession, verifyPassword } from '../modules/identity/index.js';
import {
  findDebateBySlug,
  isCouncilMember,
  loadCouncil,
  loadSubmissionWindow,
  presidencyOn,
  submissionDecision,
} from '../modules/meetings/index.js';
import { demoDebate } from './debate-2021-05.js';
import { currentDemoDates, CURRENT_DEMO_SLUG } from './debate-current.js';
import { DEMO_EMAIL_DOMAIN, demoAccounts, formatCurrentDemo, hasDemo, isEmpty, loadDemo } from './load-demo.js';

const LOADED_AT = '2026-01-15T09:30:00.000Z';

/** Everything the demo touches, as plain values: two snapshots are equal when nothing changed. */
async function contents(db: Database) {
  const [debates, briefers, contacts, accounts, audit] = await Promise.all([
    db.selectFrom('meetings.debates').select(['id', 'slug']).orderBy('id').execute(),
    db.selectFrom('meetings.briefers').select(['debate_id', 'position', 'name']).orderBy('debate_id').orderBy('position').execute(),
    db.selectFrom('meetings.contacts').select(['debate_id', 'position', 'unit']).orderBy('debate_id').orderBy('position').execute(),
    db.selectFrom('identity.accounts').select(['id', 'email', 'role', 'organisation', 'password_hash']).orderBy('email').execute(),
    db.selectFrom('kernel.audit_log').select(['seq', 'action', 'hash']).orderBy('seq').execute(),
  ]);
  return { debates, briefers, contacts, accounts, audit };
}

describe('loadDemo', () => {
  let open: OpenDatabase;
  let db: Database;
  let clock = fixedClock(LOADED_AT);

  beforeEach(async () => {
    clock = fixedClock(LOADED_AT);
    open = await testDatabase();
    db = open.db;
  });
  afterEach(async () => open?.close());

  it('creates the debate of 24 May 2021 as on the record, and isEmpty turns false', async () => {
    expect(await isEmpty(db)).toBe(true);
    await loadDemo(db, clock, { reset: false });
    expect(await isEmpty(db)).toBe(false);

    const debate = await findDebateBySlug(db, 'sc-2021-05-24-peacekeepers-safety');
    expect(debate).toBeDefined();
    if (!debate) return;
    expect(debate.theme).toBe('United Nations peacekeeping operations: improving safety and security of peacekeepers');
    // 10:00 in New York (EDT, UTC-4) on the day of the meeting; statements until the end of that day in New York.
    expect(debate.starts_at.toISOString()).toBe('2021-05-24T14:00:00.000Z');
    expect(debate.submission_deadline.toISOString()).toBe('2021-05-25T03:59:59.999Z');
    expect(debate.submissions_open_at.toISOString()).toBe('2021-05-05T13:00:00.000Z');
    expect(debate.time_zone).toBe('America/New_York');
    expect(debate.format).toBe('videoconference');
    expect(debate.letter_date).toBe('2021-05-05');
    expect(debate.created_at.toISOString()).toBe(LOADED_AT);
    // The 2021 letter is issued at once, numbered from the installation's own count (its page says so).
    expect(await db.selectFrom('documents.symbols').select(['symbol', 'numbered_by', 'purpose']).execute()).toEqual([
      { symbol: 'S/2021/1', numbered_by: 'installation', purpose: 'announcement_letter' },
    ]);

    expect(debate.briefers.map((b) => [b.position, b.name, b.to_be_confirmed])).toEqual([
      [1, 'Jean-Pierre Lacroix', false],
      [2, 'Atul Khare', true],
      [3, 'Gilles Michaud', true],
    ]);
    expect(debate.briefers.filter((b) => b.to_be_confirmed)).toHaveLength(2);
    expect(debate.contacts.map((c) => c.purpose)).toEqual(['technical', 'substantive']);

    const sections = debate.concept_note.sections;
    expect(sections.map((s) => s.heading)).toEqual([
      'I. Background',
      'II. Objective',
      'III. Focus of discussion',
      'IV. Format of the meeting',
    ]);
    // Questions (a) to (d) all belong to section III; no other section asks any.
    expect(sections.map((s) => s.questions.length)).toEqual([0, 0, 4, 0]);
    expect(sections[2]?.questions[0]).toMatch(/^Taking stock of what has been done so far/);
    expect(sections[2]?.questions[3]).toMatch(/^Given the weight of training/);
  });

  it('tells whether the demo (its debate or any of its accounts) is already there', async () => {
    expect(await hasDemo(db)).toBe(false);
    await loadDemo(db, clock, { reset: false });
    expect(await hasDemo(db)).toBe(true);
    await db.deleteFrom('meetings.debates').execute();
    // Only an account left: loading without reset would still collide, so the demo counts as present.
    expect(await hasDemo(db)).toBe(true);
    // (What the demo's accounts made goes first: Brazil's signatory and the delegate's access.)
    await db.deleteFrom('delegations.signatories').execute();
    await db.deleteFrom('identity.module_grants').execute();
    await db.deleteFrom('identity.accounts').execute();
    expect(await hasDemo(db)).toBe(false);
  });

  it(
    'sets Brazil up so its demo delegate can submit at once (a signatory, access to statements), and gives China’s delegate the ' +
      'presidency',
    async () => {
      await loadDemo(db, clock, { reset: false });
      const signatories = await db.selectFrom('delegations.signatories').select(['name', 'title']).where('mission', '=', 'BRA').execute();
      expect(signatories).toEqual([{ name: 'Ronaldo Costa Filho', title: 'Permanent Representative' }]);
      const grants = await db
        .selectFrom('identity.module_grants as g')
        .innerJoin('identity.accounts as a', 'a.id', 'g.account_id')
        .select(['a.email', 'g.module'])
        .where('g.revoked_at', 'is', null)
        .execute();
      expect(grants.sort((a, b) => a.email.localeCompare(b.email))).toEqual([
        { email: 'delegate.brazil@demo.rostrum.example', module: 'statements' },
        { email: 'presidency.china@demo.rostrum.example', module: 'presidency' },
      ]);
      // Reset keeps them as they are, without a second signatory or grant.
      await loadDemo(db, clock, { reset: true });
      expect(await db.selectFrom('delegations.signatories').select('id').execute()).toHaveLength(1);
      expect(await db.selectFrom('identity.module_grants').select('id').execute()).toHaveLength(2);
    },
  );

  it('names the State presiding the Council that day, a member of the Council on that day', async () => {
    await loadDemo(db, clock, { reset: false });
    const debate = await findDebateBySlug(db, demoDebate.slug);
    const council = await loadCouncil(db);
    const presiding = presidencyOn(council, '2021-05-24');
    expect(presiding).toBe('CHN');
    expect(debate?.presiding_state).toBe(presiding);
    // The chair is the presiding State's representative, so the chair's State sits on the Council.
    expect(debate?.chair_function).toMatch(/China/);
    expect(isCouncilMember(council, debate?.presiding_state ?? '', '2021-05-24')).toBe(true);
    // The "presidency" demo account is staff of that same State.
    const presidency = await db
      .selectFrom('identity.accounts')
      .select('organisation')
      .where('email', '=', `presidency.china@${DEMO_EMAIL_DOMAIN}`)
      .executeTakeFirst();
    expect(presidency?.organisation).toBe(presiding);
  });

  it('creates five accounts whose argon2id hashes verify against the returned passwords only', async () => {
    const { credentials } = await loadDemo(db, clock, { reset: false });
    expect(credentials.map((c) => c.email)).toEqual(demoAccounts.map((a) => a.email));
    expect(new Set(credentials.map((c) => c.password)).size).toBe(5);
    for (const c of credentials) expect(c.password).toMatch(/^[A-Za-z0-9]{20}$/);

    const accounts = await db.selectFrom('identity.accounts').selectAll().execute();
    expect(accounts).toHaveLength(5);
    for (const c of credentials) {
      const account = accounts.find((a) => a.email === c.email);
      const spec = demoAccounts.find((a) => a.email === c.email);
      expect(account, c.email).toBeDefined();
      if (!account || !spec) continue;
      expect(account.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`)).toBe(true);
      expect([account.role, account.organisation]).toEqual([spec.role, spec.organisation]);
      const stored = account.password_hash ?? '';
      expect(stored.startsWith('$argon2id$')).toBe(true);
      expect(stored).not.toContain(c.password);
      expect(await verifyPassword(stored, c.password)).toBe(true);
      expect(await verifyPassword(stored, `${c.password}x`)).toBe(false);
    }
  });

  it('refuses to load a second time without reset, and leaves the database as it was', async () => {
    const first = (await loadDemo(db, clock, { reset: false })).credentials;
    const before = await contents(db);
    await expect(loadDemo(db, clock, { reset: false })).rejects.toMatchObject({ code: 'debate.slug_taken' });
    expect(await contents(db)).toEqual(before);
    // The first passwords still work: nothing was replaced.
    const helpdesk = before.accounts.find((a) => a.email === first[0]?.email);
    expect(await verifyPassword(helpdesk?.password_hash ?? '', first[0]?.password ?? '')).toBe(true);
  });

  it('is all or nothing: a failure on the last account leaves no debate, account or audit entry behind', async () => {
    const last = demoAccounts.at(-1);
    if (!last) throw new Error('no demo accounts');
    // An account already holding the last demo address: the debate and four accounts go in before the load fails.
    await db.transaction().execute((trx) =>
      createAccount(
        trx,
        clock,
        { id: null, label: 'test' },
        {
          email: last.email,
          displayName: 'Already there',
          role: last.role,
          organisation: last.organisation,
          password: 'a-long-enough-password',
        },
      ),
    );
    const before = await contents(db);
    await expect(loadDemo(db, clock, { reset: false })).rejects.toThrow(/accounts_email|unique/i);
    expect(await contents(db)).toEqual(before);
    expect(await isEmpty(db)).toBe(true);
  });

  it('resets the accounts in place on reset (same ids, new passwords, sessions ended) and keeps exactly one demo debate', async () => {
    const first = (await loadDemo(db, clock, { reset: false })).credentials;
    const before = await contents(db);
    // A demo user signed in before the reset: the reset must not trip over the session, and must end it.
    const session = await db
      .transaction()
      .execute((trx) => createSession(trx, clock, { idleMinutes: 60, maxHours: 12 }, before.accounts[0]!.id, 'active', {}));
    clock.advance(60_000);
    const second = (await loadDemo(db, clock, { reset: true })).credentials;
    const after = await contents(db);

    // One 2021 debate, made again; the open debate kept (its dates moved, here to the same ones).
    const ids = (snapshot: typeof before) => Object.fromEntries(snapshot.debates.map((d) => [d.slug, d.id]));
    expect(Object.keys(ids(after)).sort()).toEqual([CURRENT_DEMO_SLUG, demoDebate.slug].sort());
    expect(ids(after)[demoDebate.slug]).not.toBe(ids(before)[demoDebate.slug]);
    expect(ids(after)[CURRENT_DEMO_SLUG]).toBe(ids(before)[CURRENT_DEMO_SLUG]);
    // The old debate's briefers and contacts went with it.
    expect(after.briefers.filter((b) => b.debate_id === ids(after)[demoDebate.slug])).toHaveLength(3);
    expect(after.briefers).toHaveLength(6);
    expect(after.contacts).toHaveLength(4);

    expect(after.accounts.map((a) => a.email)).toEqual(before.accounts.map((a) => a.email));
    expect(after.accounts.map((a) => a.id)).toEqual(before.accounts.map((a) => a.id));
    const oldHashes = new Set(before.accounts.map((a) => a.password_hash));
    for (const a of after.accounts) expect(oldHashes.has(a.password_hash)).toBe(false);
    expect(await resolveSession(db, clock, { idleMinutes: 60, maxHours: 12 }, session.token)).toBeUndefined();
    for (const [i, c] of second.entries()) {
      const account = after.accounts.find((a) => a.email === c.email);
      expect(c.password).not.toBe(first[i]?.password);
      expect(await verifyPassword(account?.password_hash ?? '', c.password)).toBe(true);
      expect(await verifyPassword(account?.password_hash ?? '', first[i]?.password ?? '')).toBe(false);
    }
  });

  it('writes demo.loaded and debate.created to an intact audit chain, at the clock’s time', async () => {
    await loadDemo(db, clock, { reset: false });
    await loadDemo(db, clock, { reset: true });
    const entries = await db
      .selectFrom('kernel.audit_log')
      .select(['action', 'actor_id', 'actor_label', 'subject_type', 'data', 'occurred_at'])
      .orderBy('seq')
      .execute();

    const loaded = entries.filter((e) => e.action === 'demo.loaded');
    expect(loaded.map((e) => e.data)).toEqual([
      { reset: false, accounts: 5 },
      { reset: true, accounts: 5 },
    ]);
    const created = entries.filter((e) => e.action === 'debate.created');
    const current = await findDebateBySlug(db, CURRENT_DEMO_SLUG);
    expect(created.map((e) => e.data)).toEqual([
      { slug: demoDebate.slug, theme: demoDebate.theme },
      { slug: CURRENT_DEMO_SLUG, theme: current?.theme },
      { slug: demoDebate.slug, theme: demoDebate.theme },
    ]);
    // The reset moved the open debate in place (to the same dates, the clock not having moved).
    expect(entries.filter((e) => e.action === 'debate.updated').map((e) => e.data)).toEqual([
      { slug: CURRENT_DEMO_SLUG, version: 2, fields: [] },
    ]);
    expect(entries.filter((e) => e.action === 'account.created')).toHaveLength(5);
    expect(entries.filter((e) => e.action === 'account.credentials_reset')).toHaveLength(5);
    for (const e of [...loaded, ...created]) {
      expect(e.actor_id).toBeNull();
      expect(e.actor_label).toBe('system (demo loader)');
      expect(e.occurred_at.toISOString()).toBe(LOADED_AT);
    }
    // No entry carries an e-mail address or a password.
    expect(JSON.stringify(entries.map((e) => e.data))).not.toContain('@');

    // Intact while awaiting its seal, and once sealed under a signed checkpoint.
    const { signing } = secretsFromKey(Buffer.alloc(32, 5));
    expect(await verifyAuditLog(db, signing)).toMatchObject({ ok: true, entries: 0, awaitingSeal: entries.length });
    expect(await sealAuditLog(db, clock, signing)).toMatchObject({ state: 'sealed', entries: entries.length });
    expect(await verifyAuditLog(db, signing)).toEqual({
      ok: true,
      entries: entries.length,
      checkpoints: 1,
      awaitingSeal: 0,
      oldestAwaitingSeal: null,
    });
  });
  it(
    'loads an open debate whose deadline is a few days after the clock, the meeting after it, presided per the Council data, so Brazil ' +
      'may submit at once',
    async () => {
      const { current } = await loadDemo(db, clock, { reset: false });
      const debate = await findDebateBySlug(db, CURRENT_DEMO_SLUG);
      if (!debate || !current.placed) throw new Error('the open debate was not loaded');
      const now = clock.now();
      // Thursday 15 January 2026: the deadline on Monday 19 January at 6 p.m. in New York, the meeting the next day.
      expect(debate.submission_deadline.toISOString()).toBe('2026-01-19T23:00:00.000Z');
      expect(current.deadline).toEqual(debate.submission_deadline);
      expect(debate.starts_at.toISOString()).toBe('2026-01-20T15:00:00.000Z');
      expect(debate.submissions_open_at.getTime()).toBeLessThan(now.getTime());
      const council = await loadCouncil(db);
      expect(debate.presiding_state).toBe(presidencyOn(council, '2026-01-20'));
      expect(debate.chair_function).toBe('Permanent Representative of Somalia to the United Nations');
      expect(isCouncilMember(council, 'BRA', '2026-01-20')).toBe(false);
      const loaded = await loadSubmissionWindow(db, CURRENT_DEMO_SLUG);
      expect(submissionDecision(loaded!.window, 'BRA', now, { action: 'submit' })).toMatchObject({ allowed: true, basis: 'window' });
      expect(formatCurrentDemo(current, 'http://localhost:3000')).toBe(
        `The demo's open debate takes written statements until Monday, 19 January 2026, 6 p.m. New York time (UTC−5): ` +
          `http://localhost:3000/debates/${CURRENT_DEMO_SLUG}`,
      );
      // No letter is issued for it: the installation's symbol count is the 2021 letter's alone.
      expect(await db.selectFrom('documents.symbols').select('symbol').execute()).toHaveLength(1);
    },
  );

  it.each([
    [
      'a Thursday',
      '2026-01-15T09:30:00.000Z',
      { submissionsOpenAt: '2026-01-12T09:00', submissionDeadline: '2026-01-19T18:00', startsAt: '2026-01-20T10:00' },
    ],
    [
      'a Sunday',
      '2026-12-06T15:00:00.000Z',
      { submissionsOpenAt: '2026-12-03T09:00', submissionDeadline: '2026-12-10T18:00', startsAt: '2026-12-11T10:00' },
    ],
    [
      'a Tuesday: the meeting after the weekend',
      '2026-12-08T15:00:00.000Z',
      { submissionsOpenAt: '2026-12-05T09:00', submissionDeadline: '2026-12-12T18:00', startsAt: '2026-12-14T10:00' },
    ],
    [
      'late evening in New York, already the next day in UTC',
      '2026-12-09T03:00:00.000Z',
      { submissionsOpenAt: '2026-12-05T09:00', submissionDeadline: '2026-12-12T18:00', startsAt: '2026-12-14T10:00' },
    ],
  ])('counts the dates from the day in New York: loaded on %s', (_case, at, expected) => {
    expect(currentDemoDates(new Date(at))).toMatchObject(expected);
  });

  it(
    'moves the open debate forward on reset, in place and without touching the 2021 debate’s dates, and twice the same day changes ' +
      'nothing more',
    async () => {
      await loadDemo(db, clock, { reset: false });
      const first = await findDebateBySlug(db, CURRENT_DEMO_SLUG);
      clock.set('2026-02-14T16:00:00.000Z');
      const { current } = await loadDemo(db, clock, { reset: true });
      const moved = await findDebateBySlug(db, CURRENT_DEMO_SLUG);
      expect(moved?.id).toBe(first?.id);
      expect(moved?.submission_deadline.toISOString()).toBe('2026-02-18T23:00:00.000Z');
      expect(current).toMatchObject({ placed: true, deadline: moved?.submission_deadline });
      expect(moved?.starts_at.toISOString()).toBe('2026-02-19T15:00:00.000Z');
      const old = await findDebateBySlug(db, demoDebate.slug);
      expect([old?.starts_at.toISOString(), old?.submission_deadline.toISOString()]).toEqual([
        '2021-05-24T14:00:00.000Z',
        '2021-05-25T03:59:59.999Z',
      ]);
      const version = moved?.version;
      await loadDemo(db, clock, { reset: true });
      const again = await findDebateBySlug(db, CURRENT_DEMO_SLUG);
      expect([again?.id, again?.submission_deadline.toISOString(), again?.starts_at.toISOString()]).toEqual([
        first?.id,
        '2026-02-18T23:00:00.000Z',
        '2026-02-19T15:00:00.000Z',
      ]);
      expect(again?.version).toBe((version ?? 0) + 1);
    },
  );

  it('loads once when two loads run at once: both resets succeed one after the other, with one debate of each', async () => {
    await loadDemo(db, clock, { reset: false });
    const results = await Promise.allSettled([loadDemo(db, clock, { reset: true }), loadDemo(db, clock, { reset: true })]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const slugs = (await db.selectFrom('meetings.debates').select('slug').execute()).map((d) => d.slug).sort();
    expect(slugs).toEqual([CURRENT_DEMO_SLUG, demoDebate.slug].sort());
  });

  it('leaves the open debate out, and says how to add it, when the Council data does not cover the meeting’s month', async () => {
    clock.set('2040-03-02T12:00:00.000Z');
    const { current } = await loadDemo(db, clock, { reset: false });
    expect(current).toEqual({ placed: false, month: '2040-03' });
    expect(await findDebateBySlug(db, CURRENT_DEMO_SLUG)).toBeUndefined();
    expect(await findDebateBySlug(db, demoDebate.slug)).toBeDefined();
    expect(formatCurrentDemo(current, 'http://localhost:3000')).toContain(
      'does not cover March 2040. Add that year on http://localhost:3000/council',
    );
  });
});
