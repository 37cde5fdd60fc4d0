import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { fixedClock } from '../clock.js';
import type { Database, OpenDatabase } from '../db/database.js';
import { AppError } from '../errors.js';
import { getBlob, hasBlob, putBlob } from './index.js';

const clock = fixedClock('2026-12-01T09:00:00.000Z');

describe('blob store', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => open?.close());

  const put = (bytes: Uint8Array, mediaType = 'application/pdf') =>
    open.db.transaction().execute((trx) => putBlob(trx, clock, bytes, mediaType));

  it('names the bytes by their SHA-256 and stores identical bytes once', async () => {
    const bytes = new TextEncoder().encode('Statement by the Permanent Representative of Estonia');
    const expected = createHash('sha256').update(bytes).digest('hex');
    const first = await put(bytes);
    const second = await put(Uint8Array.from(bytes), 'text/plain; charset=utf-8');
    expect(first).toEqual({ sha256: expected, size: bytes.byteLength });
    expect(second).toEqual(first);
    const rows = await open.db.selectFrom('kernel.blobs').select(['sha256', 'media_type']).where('sha256', '=', expected).execute();
    expect(rows).toEqual([{ sha256: expected, media_type: 'application/pdf' }]);
  });

  it('gives back identical bytes, including every byte value and an empty file', async () => {
    const all = Uint8Array.from({ length: 256 * 4 }, (_, i) => i % 256);
    const { sha256 } = await put(all, 'application/octet-stream');
    const got = await getBlob(open.db, sha256);
    expect(got).toBeDefined();
    expect(got?.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(got!.bytes).equals(Buffer.from(all))).toBe(true);
    expect(got).toMatchObject({ mediaType: 'application/octet-stream', size: all.byteLength });

    const empty = await put(new Uint8Array(0), 'text/plain');
    expect(empty.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect((await getBlob(open.db, empty.sha256))?.bytes.byteLength).toBe(0);
  });

  it('answers undefined / false for a well-formed hash it does not hold', async () => {
    const unknown = 'a'.repeat(64);
    expect(await getBlob(open.db, unknown)).toBeUndefined();
    expect(await hasBlob(open.db, unknown)).toBe(false);
    const { sha256 } = await put(new TextEncoder().encode('known'));
    expect(await hasBlob(open.db, sha256)).toBe(true);
  });

  it('refuses a malformed hash without querying', async () => {
    const untouchable = new Proxy({} as Database, {
      get() {
        throw new Error('the database was queried');
      },
    });
    for (const bad of ['', 'abc', 'A'.repeat(64), `${'a'.repeat(63)}g`, `${'a'.repeat(64)} `, "' OR 1=1 --"]) {
      await expect(getBlob(untouchable, bad)).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'blob.not_found');
      await expect(hasBlob(untouchable, bad)).rejects.toBeInstanceOf(AppError);
    }
  });

  it('refuses something that is not a media type', async () => {
    await expect(put(new Uint8Array([1]), 'pdf')).rejects.toBeInstanceOf(AppError);
  });

  it('stores nothing when the transaction rolls back', async () => {
    const bytes = new TextEncoder().encode('rolled back');
    let hash = '';
    await expect(
      open.db.transaction().execute(async (trx) => {
        hash = (await putBlob(trx, clock, bytes, 'text/plain')).sha256;
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await hasBlob(open.db, hash)).toBe(false);
  });
});
