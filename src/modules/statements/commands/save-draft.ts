// Keeps what a delegate uploaded and chose for a debate, checked, until they confirm it: a refused file, a lost
// connection or an expired session loses nothing already accepted. One draft per person per debate; a new upload
// replaces that file only, and the choices are saved as typed.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { putBlob } from '../../../kernel/blobs/index.js';
import type { Acting } from '../../identity/index.js';
import type { DraftChoices, StoredCheck } from '../db.js';
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
): Promise<{ draftId: string }> {
  const { debate, delegation } = target ?? (await statementTarget(trx, by, input.slug));
  const now = clock.now();
  const existing = await trx.selectFrom('statements.drafts').select('id').where('debate_id', '=', debate.id).where('account_id', '=', by.actor.id).forUpdate().executeTakeFirst();
  const files: Record<string, unknown> = {};
  if (input.statement) {
    for (const image of input.statement.images ?? []) await putBlob(trx, clock, image.bytes, image.mediaType);
    const blob = await putBlob(trx, clock, input.statement.bytes, input.statement.mediaType);
    files.statement_sha256 = blob.sha256;
    files.statement_name = safeFileName(input.statement.name);
    files.statement_check = JSON.stringify(input.statement.check);
  }
  if (input.cover) {
    const blob = await putBlob(trx, clock, input.cover.bytes, input.cover.mediaType);
    files.cover_sha256 = blob.sha256;
    files.cover_name = safeFileName(input.cover.name);
    files.cover_check = JSON.stringify(input.cover.check);
  }
  if (existing) {
    await trx
      .updateTable('statements.drafts')
      .set({ ...files, choices: JSON.stringify(input.choices), updated_at: now })
      .where('id', '=', existing.id)
      .execute();
    return { draftId: existing.id };
  }
  const id = randomUUID();
  await trx
    .insertInto('statements.drafts')
    .values({ id, debate_id: debate.id, delegation, account_id: by.actor.id, choices: JSON.stringify(input.choices), created_at: now, updated_at: now, ...files })
    .execute();
  return { draftId: id };
}

/** Forgets the person's draft for the debate (after confirming, or when they start again). */
export async function discardDraft(trx: Transaction, by: Acting, debateId: string): Promise<void> {
  if (by.actor.organisation === null) throw new AppError('auth.forbidden');
  await trx.deleteFrom('statements.drafts').where('debate_id', '=', debateId).where('account_id', '=', by.actor.id).execute();
}
