import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/db.js';
import type { OpenDatabase } from './database.js';

describe('database', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => open?.close());

  it('has the migrated schemas', async () => {
    const { rows } = await sql<{
      nspname: string;
    }>`SELECT nspname FROM pg_namespace WHERE nspname IN ('kernel','identity','meetings') ORDER BY 1`.execute(open.db);
    expect(rows.map((r) => r.nspname)).toEqual(['identity', 'kernel', 'meetings']);
  });

  it('returns 64-bit integers as numbers and dates as strings on every engine', async () => {
    const { rows } = await sql<{ n: unknown; d: unknown }>`SELECT 12::int8 AS n, DATE '2021-05-24' AS d`.execute(open.db);
    expect(rows[0]).toEqual({ n: 12, d: '2021-05-24' });
  });

  it('reports affected rows for updates', async () => {
    const now = new Date();
    await open.db
      .insertInto('kernel.mail')
      .values({
        recipients: ['a@example.org'],
        subject: 's',
        text_body: 't',
        created_at: now,
        html_body: null,
        transport: null,
        message_id: null,
        sent_at: null,
      })
      .execute();
    const r = await open.db.updateTable('kernel.mail').set({ sent_at: now }).where('sent_at', 'is', null).executeTakeFirst();
    expect(r.numUpdatedRows).toBe(1n);
  });

  it('rolls back a failed transaction as a whole', async () => {
    await expect(
      open.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('kernel.mail')
          .values({
            recipients: ['b@example.org'],
            subject: 'rolled back',
            text_body: 't',
            created_at: new Date(),
            html_body: null,
            transport: null,
            message_id: null,
            sent_at: null,
          })
          .execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await open.db.selectFrom('kernel.mail').select('id').where('subject', '=', 'rolled back').execute();
    expect(rows).toHaveLength(0);
  });
});
