import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db.js';
import { acting, auditEntries, fingerprint } from '../../../../test/admin-fixtures.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { systemClock } from '../../../kernel/clock.js';
import { syncReferenceMissions } from './sync-reference-missions.js';
import { findMission } from '../db.js';
import { addEntity, type AddEntityInput } from './add-entity.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-10T14:00:00Z');

describe('addEntity', () => {
  let open: OpenDatabase;
  let secretariat: TestAccount;
  let focal: TestAccount;
  let helpdesk: TestAccount;

  beforeAll(async () => {
    open = await testDatabase();
    secretariat = await addAccount(open.db, clock, { hashed: false, role: 'secretariat', name: 'Sam Secretariat' });
    focal = await addAccount(open.db, clock, { hashed: false, role: 'focal_point', mission: 'BRA' });
    helpdesk = await addAccount(open.db, clock, { hashed: false, role: 'helpdesk' });
  });
  afterAll(async () => open?.close());

  const add = (by: TestAccount, input: Partial<AddEntityInput> = {}) =>
    open.db.transaction().execute((trx) =>
      addEntity(trx, clock, acting(by), {
        code: 'fourth-committee',
        name: 'Special Political and Decolonization Committee (Fourth Committee)',
        article: 'the',
        kind: 'other_entity',
        ...input,
      }),
    );

  it('adds a mission row of source secretariat, recorded, and the start-up sync leaves it alone', async () => {
    await add(secretariat);
    expect(await findMission(open.db, 'fourth-committee')).toMatchObject({
      organisation_kind: 'other_entity',
      organisation_name: 'Special Political and Decolonization Committee (Fourth Committee)',
      article: 'the',
      source: 'secretariat',
    });
    expect((await auditEntries(open.db, 'entity.added'))[0]).toMatchObject({
      actor_id: secretariat.id,
      subject_type: 'mission',
      subject_id: 'fourth-committee',
      data: { mission: 'fourth-committee', kind: 'other_entity' },
    });
    await syncReferenceMissions(open.db, systemClock);
    expect(await findMission(open.db, 'fourth-committee')).toMatchObject({ source: 'secretariat' });
    await add(secretariat, { code: 'g77', name: 'Group of 77', article: 'none', kind: 'intergovernmental_organization' });
    expect(await findMission(open.db, 'g77')).toMatchObject({ article: null, organisation_kind: 'intergovernmental_organization' });
  });

  it('refuses a code in use (a reference entity’s too), a bad code or name, and anyone but the Secretariat, changing nothing', async () => {
    const before = await fingerprint(open.db);
    await expect(add(secretariat)).rejects.toMatchObject({ code: 'entity.code_taken' });
    await expect(add(secretariat, { code: 'eu' })).rejects.toMatchObject({ code: 'entity.code_taken' });
    for (const code of ['BRA', 'Fourth', 'fourth--committee', '-x', 'x', 'a b'])
      await expect(add(secretariat, { code })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(add(secretariat, { code: 'new-one', name: 'The Fourth Committee' })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(add(secretariat, { code: 'new-one', kind: 'member_state' as never })).rejects.toMatchObject({ code: 'input.invalid' });
    for (const by of [focal, helpdesk]) await expect(add(by, { code: 'new-one' })).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(await fingerprint(open.db)).toEqual(before);
  });
});
