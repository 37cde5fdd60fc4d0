// Keeps what a delegate uploaded and chose for a debate, checked, until they confirm it: a refused file, a lost
// connection or an expired session loses nothing already accepted. One draft per person per debate; a new upload
// replaces that file only, and the choices are saved as typed. A new version of a statement received keeps its cover
// letter unless another is chosen (`keptCover`, stored already).
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { putBlobs } from '../../../kernel/blobs/index.js';
import { safeFileName } from '../../../kernel/file-names.js';
import type { Acting } from '../../../kernel/authz.js';
import type { DraftChoices, DraftRow, StoredCheck } from '../db.js';
import { statementTarget, type StatementTarget } from './target.js';

export interface AcceptedFile {
  name: string;
  bytes: Uint8Array;
  mediaType: string;
  check: StoredCheck & { content?: unknown };
  /** The pictures the statement shows, stored by hash beside it so the compilation can reproduce them. */
  images?: ReadonlyArray<{ mediaType: string; bytes: Uint8Array }>;
  /** The clean copy of a Word document (what `check.cleaned` says it left out), stored beside the file as received. */
  clean?: { bytes: Uint8Array };
}

/** A file already stored (the current version's cover letter), which a draft takes as it is. */
export interface KeptFile {
  sha256: string;
  cleanSha256: string | null;
  name: string | null;
  check: StoredCheck;
}

/** Where an accepted file and its clean copy are stored. */
export interface StoredFile {
  sha256: string;
  cleanSha256: string | null;
}

/**
 * Stores the statement's pictures, then each file and its clean copy, in one statement; where each went. The blobs
 * are content-addressed, so storing a file again costs nothing.
 */
export async function putAcceptedFiles(
  trx: Transaction,
  clock: Clock,
  files: { statement?: AcceptedFile; cover?: AcceptedFile },
): Promise<{ statement?: StoredFile; cover?: StoredFile }> {
  const blobs: Array<{ bytes: Uint8Array; mediaType: string }> = [...(files.statement?.images ?? [])];
  const place = (file: AcceptedFile | undefined) => {
    if (!file) return undefined;
    const at = blobs.push(file) - 1;
    const cleanAt = file.clean ? blobs.push({ bytes: file.clean.bytes, mediaType: file.mediaType }) - 1 : -1;
    return { at, cleanAt };
  };
  const statement = place(files.statement);
  const cover = place(files.cover);
  const stored = await putBlobs(trx, clock, blobs);
  const where = (p: { at: number; cleanAt: number } | undefined): StoredFile | undefined =>
    p && { sha256: stored[p.at]!.sha256, cleanSha256: p.cleanAt >= 0 ? stored[p.cleanAt]!.sha256 : null };
  return { ...(statement ? { statement: where(statement)! } : {}), ...(cover ? { cover: where(cover)! } : {}) };
}

/** A file name as shown back: its last path segment, without control or bidirectional characters, at most 200 characters. */
export { safeFileName };

export async function saveDraft(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  input: { slug: string; statement?: AcceptedFile; cover?: AcceptedFile; keptCover?: KeptFile; choices: DraftChoices },
  /** The debate and delegation when the caller has just checked them for this actor (statementTarget), to skip a second check. */
  target?: StatementTarget,
): Promise<{ draftId: string; draft: DraftRow }> {
  const { debate, delegation } = target ?? (await statementTarget(trx, by, input.slug));
  const now = clock.now();
  const stored = await putAcceptedFiles(trx, clock, input);
  const files: Record<string, unknown> = {};
  if (input.statement && stored.statement) {
    files.statement_sha256 = stored.statement.sha256;
    files.statement_clean_sha256 = stored.statement.cleanSha256;
    files.statement_name = safeFileName(input.statement.name);
    files.statement_check = JSON.stringify(input.statement.check);
  }
  if (input.cover && stored.cover) {
    files.cover_sha256 = stored.cover.sha256;
    files.cover_clean_sha256 = stored.cover.cleanSha256;
    files.cover_name = safeFileName(input.cover.name);
    files.cover_check = JSON.stringify(input.cover.check);
  } else if (input.keptCover) {
    files.cover_sha256 = input.keptCover.sha256;
    files.cover_clean_sha256 = input.keptCover.cleanSha256;
    files.cover_name = input.keptCover.name;
    files.cover_check = JSON.stringify(input.keptCover.check);
  }
  // One draft per person and debate: a new upload replaces what it brings and keeps the rest.
  const draft = await trx
    .insertInto('statements.drafts')
    .values({
      id: randomUUID(),
      debate_id: debate.id,
      delegation,
      account_id: by.actor.id,
      choices: JSON.stringify(input.choices),
      created_at: now,
      updated_at: now,
      ...files,
    })
    .onConflict((oc) =>
      oc.columns(['debate_id', 'account_id']).doUpdateSet({ ...files, choices: JSON.stringify(input.choices), updated_at: now }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return { draftId: draft.id, draft };
}
