// Files (statements, annexes, rendered PDFs) are stored by the SHA-256 of their bytes: the same upload twice is
// stored once, a reference can never point at changed content, and the hash a document check reports is the
// file's name. By default the bytes live in the database so a backup of the database is a backup of everything.
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Database, Transaction } from '../db/database.js';
import { AppError } from '../errors.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;
// type/subtype with optional parameters, e.g. "application/pdf" or "text/plain; charset=utf-8".
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"]*"|[a-z0-9!#$&^_.+-]+))*$/i;

export interface StoredBlob {
  bytes: Uint8Array;
  mediaType: string;
  size: number;
}

/** Stores the bytes unless identical ones are already there; the first media type recorded for them is kept. */
export async function putBlob(
  trx: Transaction,
  clock: Clock,
  bytes: Uint8Array,
  mediaType: string,
): Promise<{ sha256: string; size: number }> {
  if (!MEDIA_TYPE.test(mediaType)) throw new AppError('internal', { detail: `putBlob: ${JSON.stringify(mediaType)} is not a media type` });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await trx
    .insertInto('kernel.blobs')
    .values({ sha256, size: bytes.byteLength, media_type: mediaType, content: bytes, created_at: clock.now() })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return { sha256, size: bytes.byteLength };
}

/** Stores several blobs in one statement (each once, by hash); what putBlob returns, for each, in the same order. */
export async function putBlobs(
  trx: Transaction,
  clock: Clock,
  blobs: ReadonlyArray<{ bytes: Uint8Array; mediaType: string }>,
): Promise<Array<{ sha256: string; size: number }>> {
  for (const { mediaType } of blobs) {
    if (!MEDIA_TYPE.test(mediaType))
      throw new AppError('internal', { detail: `putBlobs: ${JSON.stringify(mediaType)} is not a media type` });
  }
  const named = blobs.map(({ bytes, mediaType }) => ({
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.byteLength,
    media_type: mediaType,
    content: bytes,
  }));
  const unique = [...new Map(named.map((b) => [b.sha256, b])).values()];
  if (unique.length > 0) {
    const now = clock.now();
    await trx
      .insertInto('kernel.blobs')
      .values(unique.map((b) => ({ ...b, created_at: now })))
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }
  return named.map(({ sha256, size }) => ({ sha256, size }));
}

export async function getBlob(db: Database, sha256: string): Promise<StoredBlob | undefined> {
  checkHash(sha256);
  const row = await db.selectFrom('kernel.blobs').select(['content', 'media_type', 'size']).where('sha256', '=', sha256).executeTakeFirst();
  if (!row) return undefined;
  // The pg driver gives a Buffer, PGlite a Uint8Array: hand out the same type on both (a view, not a copy).
  const bytes = new Uint8Array(row.content.buffer, row.content.byteOffset, row.content.byteLength);
  return { bytes, mediaType: row.media_type, size: row.size };
}

export async function hasBlob(db: Database, sha256: string): Promise<boolean> {
  checkHash(sha256);
  const row = await db.selectFrom('kernel.blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
  return row !== undefined;
}

// Hashes arrive from URLs and forms: a malformed one cannot name a stored file, so it is "not found" without a query.
function checkHash(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new AppError('blob.not_found', { detail: `malformed sha256 ${JSON.stringify(sha256.slice(0, 80))}` });
}
