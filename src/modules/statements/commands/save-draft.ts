// Keeps what a delegate uploaded and chose for a debate, checked, until they confirm it: a refused file, a lost
// connection or an expired session loses nothing already accepted. One draft per person per debate; a new upload
// replaces that file only, and the choices are saved as typed.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { putBlobs } from '../../../kernel/blobs/index.js';
import type { Acting } from '../../identity/index.js';
import type { DraftChoices, DraftRow, StoredCheck } from '../db.js';
import { statementTarget, type StatementTarget } from './target.js';

export interface AcceptedFile {
  name: string;
  bytes: Uint8Array;
  mediaType: string;
  check: StoredCheck & { content?: unknown };
  /** The pictures the statement shows, stored by hash beside it so the compilation can reproduce them. */
  images?: ReadonlyArray<{ mediaType: string; bytes: Uint8Array }>;
}

/** A file name as shown back: its last path segment, without control characters, at most 200 characters. */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'document').slice(0, 200);
}

export async function saveDraft(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  input: { slug: string; statement?: AcceptedFile; cover?: AcceptedFile; choices: DraftChoices },
  /** The debate and delegation when the caller has just checked them for this actor (statementTarget), to skip a second check. */
  target?: StatementTarget,
): Promise<{ draftId: string; draft: DraftRow }> {
  const { debate, delegation } = target ?? (await statementTarget(trx, by, input.slug));
  const now = clock.now();
  // The statement's pictures, then the statement and the cover letter, in one statement.
  const images = input.statement?.images ?? [];
  const stored = await putBlobs(trx, clock, [...images, ...(input.statement ? [input.statement] : []), ...(input.cover ? [input.cover] : [])]);
  const files: Record<string, unknown> = {};
  if (input.statement) {
    files.statement_sha256 = stored[images.length]?.sha256;
    files.statement_name = safeFileName(input.statement.name);
    files.statement_check = JSON.stringify(input.statement.check);
  }
  if (input.cover) {
    files.cover_sha256 = stored[stored.length - 1]?.sha256;
    files.cover_name = safeFileName(input.cover.name);
    files.cover_check = JSON.stringify(input.cover.check);
  }
  // One draft per person and debate: a new upload replaces what it brings and keeps the rest.
  const draft = await trx
    .insertInto('statements.drafts')
    .values({ id: randomUUID(), debate_id: debate.id, delegation, account_id: by.actor.id, choices: JSON.stringify(input.choices), created_at: now, updated_at: now, ...files })
    .onConflict((oc) => oc.columns(['debate_id', 'account_id']).doUpdateSet({ ...files, choices: JSON.stringify(input.choices), updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return { draftId: draft.id, draft };
}

/** Forgets the person's draft for the debate (after confirming, or when they start again). */
export async function discardDraft(trx: Transaction, by: Acting, debateId: string): Promise<void> {
  if (by.actor.organisation === null) throw new AppError('auth.forbidden');
  await trx.deleteFrom('statements.drafts').where('debate_id', '=', debateId).where('account_id', '=', by.actor.id).execute();
}
