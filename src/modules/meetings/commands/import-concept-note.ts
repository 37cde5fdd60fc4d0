// Replaces a debate's concept note with the sections read from a Word document. The file is checked and read
// before any transaction, in the uploads' worker pool (a damaged, hostile or macro-carrying file is refused by the
// reader, within the pool's memory and time limits), and the editor's version is checked like an edit: an import
// never overwrites a change made meanwhile. The file's hash is kept in the audit entry, the file itself is not (the
// sections are what the debate holds).
import { createHash } from 'node:crypto';
import { recordAudit, type AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { readWordInWorker } from '../../uploads/index.js';
import { importConceptNote } from '../domain/concept-note-import.js';
import type { ConceptNote } from '../domain/debate.js';

export const MAX_CONCEPT_NOTE_BYTES = 10 * 1024 * 1024;

/** A concept note read from its Word document, with the document's hash for the audit entry. */
export interface ConceptNoteFile {
  note: ConceptNote;
  sha256: string;
}

/** Reads the sections of a concept note from a Word document, outside any transaction; a file that cannot be read is refused. */
export async function readConceptNoteFile(bytes: Uint8Array): Promise<ConceptNoteFile> {
  const note = importConceptNote(await readWordInWorker(bytes, { maxBytes: MAX_CONCEPT_NOTE_BYTES }));
  return { note, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export async function importConceptNoteFile(
  trx: Transaction,
  clock: Clock,
  actor: AuditActor,
  request: { slug: string; version: number; file: ConceptNoteFile },
): Promise<{ sections: number }> {
  const { note } = request.file;
  const debate = await trx
    .selectFrom('meetings.debates')
    .select(['id', 'version'])
    .where('slug', '=', request.slug)
    .forUpdate()
    .executeTakeFirst();
  if (!debate) throw new AppError('debate.not_found', { detail: request.slug });
  if (debate.version !== request.version)
    throw new AppError('debate.changed_meanwhile', {
      detail: `${request.slug}: import from version ${request.version}, now ${debate.version}`,
    });
  await trx
    .updateTable('meetings.debates')
    .set({ concept_note: JSON.stringify(note), version: debate.version + 1, updated_at: clock.now(), updated_by: actor.id })
    .where('id', '=', debate.id)
    .execute();
  await recordAudit(trx, clock, {
    action: 'debate.concept_note_imported',
    actor,
    subject: { type: 'debate', id: debate.id },
    data: { slug: request.slug, sections: note.sections.length, sha256: request.file.sha256 },
  });
  return { sections: note.sections.length };
}
