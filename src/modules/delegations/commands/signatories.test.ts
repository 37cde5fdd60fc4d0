// addSignatory, endSignatory, removeSignatory and the currentSignatories query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db.js';
import { acting, auditEntries, fingerprint } from '../../../../test/admin-fixtures.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase, Transaction } from '../../../kernel/db/database.js';
import { currentSignatories } from '../db.js';
import { addSignatory } from './add-signatory.js';
import { endSignatory } from './end-signatory.js';
import { removeSignatory } from './remove-signatory.js';
import type { AddSignatoryInput } from './signatory-input.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-10T14:00:00Z');

describe('signatories', () => {
  let open: OpenDatabase;
  let focal: TestAccount;
  let focalEU: TestAccount;
  let otherFocal: TestAccount;
  let delegate: TestAccount;
  let secretariat: TestAccount;
  let helpdesk: TestAccount;

  beforeAll(async () => {
    open = await testDatabase();
    focal = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'BRA', name: 'Ana Focal' });
    focalEU = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'eu' });
    otherFocal = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'ARG' });
    delegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
    secretariat = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
    helpdesk = await addAccount(open.db, clock, { hashed: false, role: 'helpdesk' });
  });
  afterAll(async () => open?.close());

  const tx = <T>(fn: (trx: Transaction) => Promise<T>): Promise<T> => open.db.transaction().execute(fn);
  const add = (by: TestAccount, input: Partial<AddSignatoryInput> & { mission: string }) =>
    tx((trx) =>
      addSignatory(trx, clock, acting(by), {
        name: 'Ronaldo Costa Filho',
        title: 'Permanent Representative',
        fromDate: '2021-01-01',
        ...input,
      }),
    );

  it('adds, ends and removes, each recorded with the mission and no name', async () => {
    const { id } = await add(focal, { mission: 'BRA' });
    const row = await open.db.selectFrom('delegations.signatories').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      mission: 'BRA',
      name: 'Ronaldo Costa Filho',
      title: 'Permanent Representative',
      from_date: '2021-01-01',
      to_date: null,
      created_by: focal.id,
      removed_at: null,
    });
    const [added] = await auditEntries(open.db, 'signatory.added');
    expect(added).toMatchObject({
      actor_id: focal.id,
      subject_type: 'signatory',
      subject_id: id,
      data: { mission: 'BRA', fromDate: '2021-01-01', toDate: null },
    });
    expect(JSON.stringify(added?.data)).not.toContain('Ronaldo');

    await tx((trx) => endSignatory(trx, clock, acting(focal), { mission: 'BRA', signatoryId: id, toDate: '2021-06-30' }));
    expect(
      (await open.db.selectFrom('delegations.signatories').select('to_date').where('id', '=', id).executeTakeFirstOrThrow()).to_date,
    ).toBe('2021-06-30');
    expect((await auditEntries(open.db, 'signatory.ended'))[0]).toMatchObject({
      subject_id: id,
      data: { mission: 'BRA', toDate: '2021-06-30' },
    });

    await tx((trx) => removeSignatory(trx, clock, acting(focal), { mission: 'BRA', signatoryId: id }));
    expect(
      (await open.db.selectFrom('delegations.signatories').select('removed_at').where('id', '=', id).executeTakeFirstOrThrow()).removed_at,
    ).toEqual(clock.now());
    expect((await auditEntries(open.db, 'signatory.removed'))[0]).toMatchObject({ subject_id: id, data: { mission: 'BRA' } });
  });

  it('offers the observer titles to an observer State and a free title to an entity', async () => {
    const focalVAT = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'VAT' });
    await add(focalVAT, { mission: 'VAT', title: 'Permanent Observer' });
    await expect(add(focalVAT, { mission: 'VAT', title: 'Permanent Representative' })).rejects.toMatchObject({ code: 'input.invalid' });
    await add(focalEU, { mission: 'eu', title: 'Head of Delegation', name: 'Olof Skoog' });
    await add(focal, {
      mission: 'BRA',
      title: "Chargé d'affaires a.i.",
      name: 'Someone Else',
      fromDate: '2021-07-01',
      toDate: '2021-07-31',
    });
  });

  it('answers who may sign on a date: begun, not ended, not removed', async () => {
    const mission = 'FRA';
    const focalFRA = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission });
    const a = await add(focalFRA, { mission, name: 'Nicolas de Rivière', fromDate: '2020-09-01' });
    const b = await add(focalFRA, {
      mission,
      name: 'Nathalie Broadhurst',
      title: 'Deputy Permanent Representative',
      fromDate: '2021-01-01',
      toDate: '2021-05-24',
    });
    const c = await add(focalFRA, { mission, name: 'Later Person', fromDate: '2021-06-01' });
    const d = await add(focalFRA, { mission, name: 'Mistaken Entry', fromDate: '2020-01-01' });
    await tx((trx) => removeSignatory(trx, clock, acting(focalFRA), { mission, signatoryId: d.id }));
    const names = async (date: string) => (await currentSignatories(open.db, mission, date)).map((s) => s.id);
    expect(await names('2021-05-24')).toEqual([a.id, b.id]);
    expect(await names('2021-05-25')).toEqual([a.id]);
    expect(await names('2021-06-01')).toEqual([a.id, c.id]);
    expect(await names('2020-08-31')).toEqual([]);
  });

  it('refuses bad dates, wrong titles, other missions and other roles, changing nothing', async () => {
    const { id } = await add(focal, { mission: 'BRA', name: 'To Be Ended', fromDate: '2021-03-01' });
    const ended = await add(focal, { mission: 'BRA', name: 'Already Ended', fromDate: '2021-03-01', toDate: '2021-04-01' });
    const argSignatory = await add(otherFocal, { mission: 'ARG' });
    const before = await fingerprint(open.db);
    await expect(add(focal, { mission: 'BRA', fromDate: '2021-05-10', toDate: '2021-05-09' })).rejects.toMatchObject({
      code: 'input.invalid',
    });
    await expect(add(focal, { mission: 'BRA', fromDate: '2021-02-30' })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(add(focal, { mission: 'BRA', title: 'Ambassador' })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(add(focal, { mission: 'BRA', name: 'X' })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(add(focalEU, { mission: 'eu', title: ' ' })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(add(focal, { mission: 'ARG' })).rejects.toMatchObject({ code: 'auth.forbidden' });
    for (const by of [delegate, secretariat, helpdesk])
      await expect(add(by, { mission: 'BRA' })).rejects.toMatchObject({ code: 'auth.forbidden' });
    const end = (by: TestAccount, mission: string, signatoryId: string, toDate = '2021-06-30') =>
      tx((trx) => endSignatory(trx, clock, acting(by), { mission, signatoryId, toDate }));
    await expect(end(focal, 'BRA', id, '2021-02-28')).rejects.toMatchObject({ code: 'signatory.end_before_start' });
    await expect(end(focal, 'BRA', id, '30 June')).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(end(focal, 'BRA', ended.id)).rejects.toMatchObject({ code: 'signatory.already_ended' });
    // Another mission's signatory, reached through one's own mission: not found.
    await expect(end(focal, 'BRA', argSignatory.id)).rejects.toMatchObject({ code: 'signatory.not_found' });
    await expect(end(focal, 'ARG', argSignatory.id)).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(end(focal, 'BRA', 'not-an-id')).rejects.toMatchObject({ code: 'signatory.not_found' });
    await expect(end(secretariat, 'BRA', id)).rejects.toMatchObject({ code: 'auth.forbidden' });
    const remove = (by: TestAccount, mission: string, signatoryId: string) =>
      tx((trx) => removeSignatory(trx, clock, acting(by), { mission, signatoryId }));
    await expect(remove(focal, 'BRA', argSignatory.id)).rejects.toMatchObject({ code: 'signatory.not_found' });
    await expect(remove(otherFocal, 'BRA', id)).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(remove(delegate, 'BRA', id)).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(await fingerprint(open.db)).toEqual(before);
    // A removed signatory cannot be ended or removed again.
    await remove(focal, 'BRA', id);
    await expect(end(focal, 'BRA', id)).rejects.toMatchObject({ code: 'signatory.not_found' });
    await expect(remove(focal, 'BRA', id)).rejects.toMatchObject({ code: 'signatory.not_found' });
  });
});
