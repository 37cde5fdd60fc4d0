// What Rostrum hands out of a file it received: the clean copy of a Word document (kernel/ooxml/clean.ts), stored
// beside the file as received when it was checked. The bytes received are kept for the record and handed out only to
// the Secretariat, as received, from a delegation's history.
//
// A Word file received before clean copies were made has none stored. It is cleaned when it is handed out, in the
// worker pool, each time, rather than served as received: served as received, it would still carry what the clean
// copy exists to take away (a template on a network share, a field that runs a program, its authors' names) to every
// reader, published statements included. The copy is not stored: the revisions and speakers' texts it belongs to are
// immutable, and cleaning is reproducible, so each download gives the same bytes, for one bounded check in the pool.
// A PDF has no clean copy and is served as received.
import { getBlob } from '../../kernel/blobs/index.js';
import type { Database, Transaction } from '../../kernel/db/database.js';
import { AppError } from '../../kernel/errors.js';
import { cleanCopyInWorker } from './pool.js';

export interface ServedFile {
  bytes: Uint8Array;
  mediaType: string;
  /** The served bytes' hash: the clean copy's, or the received file's for a PDF. */
  sha256: string;
}

/** The copy to hand out of a received file, given the hashes of the file and of its stored clean copy (if any). */
export async function servedCopy(
  db: Database | Transaction,
  file: { sha256: string; cleanSha256: string | null },
): Promise<ServedFile | undefined> {
  if (file.cleanSha256 !== null) {
    const clean = await getBlob(db, file.cleanSha256);
    return clean && { bytes: clean.bytes, mediaType: clean.mediaType, sha256: file.cleanSha256 };
  }
  const received = await getBlob(db, file.sha256);
  if (!received) return undefined;
  const b = received.bytes;
  const isZip = b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
  if (!isZip) return { bytes: b, mediaType: received.mediaType, sha256: file.sha256 };
  const result = await cleanCopyInWorker(b);
  if (!result.clean)
    throw new AppError('internal', {
      detail: `the received file ${file.sha256} could not be cleaned: ${result.error?.code ?? '?'} ${result.error?.detail ?? ''}`,
    });
  return { bytes: result.clean.bytes, mediaType: received.mediaType, sha256: result.clean.sha256 };
}
