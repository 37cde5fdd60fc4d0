// Whom a notification reaches, against a real database: the people of the missions concerned that the rule names
// (focal points, staff with access to statements, the person who submitted), active and with their invitation
// accepted, who have not turned that notification off; never another mission's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { grantStatements } from '../../../test/notification-fixtures.js';
import { fixedClock } from '../../kernel/clock.js';
import type { OpenDatabase } from '../../kernel/db/database.js';
import {
  notificationPreferencesOf,
  notificationRecipients,
  setNotificationPreferences,
  type NotificationKind,
  type RecipientRule,
} from './index.js';
import { addAccount, type TestAccount } from '../../../test/accounts.js';

const clock = fixedClock('2026-12-06T11:00:00Z');
const ALL_ON = { late_submission_allowed: true, statement_accepted: true, compilation_issued: true, letter_issued: true };

describe('notification recipients', () => {
  let open: OpenDatabase;
  const people: Record<string, TestAccount> = {};

  beforeAll(async () => {
    open = await testDatabase();
    const add = async (key: string, o: Parameters<typeof addAccount>[2]) => {
      people[key] = await addAccount(open.db, clock, { ...o, hashed: false, email: `${key}@example.org` });
    };
    await add('fp.bra', { role: 'focal_point', mission: 'BRA' });
    await add('fp.bra.quiet', { role: 'focal_point', mission: 'BRA' });
    await add('fp.bra.disabled', { role: 'focal_point', mission: 'BRA', disabled: true });
    await add('fp.bra.invited', { role: 'focal_point', mission: 'BRA', invited: true });
    await add('del.bra.access', { role: 'delegate', mission: 'BRA' });
    await add('del.bra.revoked', { role: 'delegate', mission: 'BRA' });
    await add('del.bra.none', { role: 'delegate', mission: 'BRA' });
    await add('fp.arg', { role: 'focal_point', mission: 'ARG' });
    await add('del.arg.access', { role: 'delegate', mission: 'ARG' });
    await add('officer', { role: 'secretariat' });
    await grantStatements(open.db, clock, people['del.bra.access']!);
    await grantStatements(open.db, clock, people['del.bra.revoked']!, { revoked: true });
    await grantStatements(open.db, clock, people['del.arg.access']!);
    await open.db.transaction().execute((trx) =>
      setNotificationPreferences(trx, clock, people['fp.bra.quiet']!.id, {
        ...ALL_ON,
        late_submission_allowed: false,
        letter_issued: false,
      }),
    );
  });
  afterAll(async () => open?.close());

  const id = (key: string) => people[key]!.id;

  it.each<[string, NotificationKind, string[], () => RecipientRule, string[]]>([
    [
      'a late submission: focal points and staff with access, of that mission only',
      'late_submission_allowed',
      ['BRA'],
      () => ({ focalPoints: true, statementsAccess: true }),
      ['fp.bra', 'del.bra.access'],
    ],
    [
      'an acceptance: focal points and the person who submitted',
      'statement_accepted',
      ['BRA'],
      () => ({ focalPoints: true, accounts: [id('del.bra.none')] }),
      ['fp.bra', 'fp.bra.quiet', 'del.bra.none'],
    ],
    [
      'an acceptance of a statement entered by an officer: not the officer',
      'statement_accepted',
      ['BRA'],
      () => ({ focalPoints: true, accounts: [id('officer')] }),
      ['fp.bra', 'fp.bra.quiet'],
    ],
    [
      'an issue concerning two missions: each one’s own people',
      'compilation_issued',
      ['BRA', 'ARG'],
      () => ({ focalPoints: true, accounts: [id('del.arg.access')] }),
      ['del.arg.access', 'fp.arg', 'fp.bra', 'fp.bra.quiet'],
    ],
    [
      'a submitter named for another mission is not told under this one',
      'compilation_issued',
      ['BRA'],
      () => ({ focalPoints: true, accounts: [id('del.arg.access')] }),
      ['fp.bra', 'fp.bra.quiet'],
    ],
    ['a letter: focal points only', 'letter_issued', ['BRA', 'ARG'], () => ({ focalPoints: true }), ['fp.arg', 'fp.bra']],
    ['someone who turned it off, even named', 'late_submission_allowed', ['BRA'], () => ({ accounts: [id('fp.bra.quiet')] }), []],
    ['no mission', 'letter_issued', [], () => ({ focalPoints: true }), []],
    ['no one named', 'letter_issued', ['BRA'], () => ({}), []],
  ])('%s', async (_case, kind, missions, rule, expected) => {
    const found = await notificationRecipients(open.db, kind, missions, rule());
    // (Addresses sort by the server's collation; the set is what matters.)
    expect(found.map((r) => r.email.replace('@example.org', '')).sort()).toEqual([...expected].sort());
    for (const r of found) expect(r.mission).toBe(people[r.email.replace('@example.org', '')]!.mission);
  });

  it('starts with every notification on, and keeps what the person chose', async () => {
    const person = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
    expect(await notificationPreferencesOf(open.db, person.id)).toEqual(ALL_ON);
    const chosen = { ...ALL_ON, statement_accepted: false, compilation_issued: false };
    await open.db.transaction().execute((trx) => setNotificationPreferences(trx, clock, person.id, chosen));
    expect(await notificationPreferencesOf(open.db, person.id)).toEqual(chosen);
    await open.db.transaction().execute((trx) => setNotificationPreferences(trx, clock, person.id, ALL_ON));
    expect(await notificationPreferencesOf(open.db, person.id)).toEqual(ALL_ON);
  });
});
