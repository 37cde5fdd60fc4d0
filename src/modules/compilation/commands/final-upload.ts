// A hand-corrected final: once a compilation (or a corrigendum) is issued, the Secretariat may upload a DOCX or PDF
// corrected by hand. It is checked like a signed cover letter, which may be exactly those two formats: the type is
// read from the content (a WordprocessingML package read by the bounded OOXML reader, or a whole, unencrypted PDF),
// macros, damaged or hostile files and files over the size limit are refused, in the worker pool, before anything
// is stored; a PDF with active content is refused as a cover letter is. An accepted file is kept as a blob beside the
// generated rendition, as the next version of the run's final in that format, and audited; a DOCX is kept with its
// clean copy, which is what is served (see kernel/ooxml/clean.ts). The public download of that format serves it from
// then on. Earlier versions and the generated file are kept, for the Secretariat.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../kernel/audit.js';
import { putBlob } from '../../../kernel/blobs/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { AppError, errorCatalogue, type ErrorCode } from '../../../kernel/errors.js';
import { safeFileName } from '../../../kernel/file-names.js';
import { MEDIA_TYPES } from '../../documents/index.js';
import type { Acting } from '../../../kernel/authz.js';
import { inspectInWorker, type CleanFile, describeActiveContent, describeForStatement, detectFileType } from '../../uploads/index.js';
import { currentFinal, findRun, insertFinal, lockRun, type FinalFormat } from '../db.js';
import { debateFor, requireSecretariat } from './access.js';

/** The largest hand-corrected final accepted: a whole compilation, pictures included. */
export const FINAL_MAX_BYTES = 20 * 1024 * 1024;

export interface FinalFile {
  /** The name the browser gave; shown on the desk, never used as a path. */
  name: string;
  bytes: Uint8Array;
}

export type FinalRefusal = { ok: false; code: ErrorCode; message: string };
export type FinalCheck = { ok: true; format: FinalFormat; clean?: CleanFile } | FinalRefusal;
export type FinalOutcome = { ok: true; format: FinalFormat; version: number; sha256: string } | FinalRefusal;

/** Decides what the file is from its content and whether it may be published; a refusal says why and what to do. */
export async function checkFinalFile(bytes: Uint8Array): Promise<FinalCheck> {
  const result = await inspectInWorker('cover-letter', bytes, { maxBytes: FINAL_MAX_BYTES });
  if (result.outcome !== 'reject' && result.kind)
    return { ok: true, format: result.kind, ...(result.clean ? { clean: result.clean } : {}) };
  const error = result.error ?? { code: 'upload.damaged' as const, message: errorCatalogue['upload.damaged'].message };
  if (error.code === 'upload.active_content' && error.activeContent) {
    // The cover letter's advice names the signed letter; say it for a corrected compilation.
    return {
      ok: false,
      code: error.code,
      message:
        `The PDF contains ${describeActiveContent(error.activeContent)}, which could run or open something when the file is ` +
        `opened, so Rostrum does not publish it. Save the corrected document as PDF again (in Word: File › Save As, type PDF), or print ` +
        `it to PDF, and upload that copy. Nothing was saved.`,
    };
  }
  if (error.code === 'upload.not_docx') {
    // The cover letter's wording names cover letters; say it for a final, with what the file turned out to be.
    const type = detectFileType(bytes);
    const what = type.kind === 'zip' || type.kind === 'empty' ? '' : ` ${describeForStatement(type)}`;
    return {
      ok: false,
      code: 'compilation.final_not_document',
      message: `${errorCatalogue['compilation.final_not_document'].message}${what}`,
    };
  }
  return { ok: false, code: error.code, message: error.message };
}

/**
 * Checks the file, then records it as the run's final in its format. Refused with an error: a run that does not
 * exist or is not issued (before the file is read). Refused with a message: a file that is not a whole DOCX or PDF.
 * Either way nothing is stored.
 */
export async function uploadFinal(
  db: Database,
  clock: Clock,
  by: Acting,
  slug: string,
  seq: number,
  file: FinalFile,
): Promise<FinalOutcome> {
  requireSecretariat(by);
  await db.transaction().execute(async (trx) => issuedRun(trx, slug, seq, false));
  const checked = await checkFinalFile(file.bytes);
  if (!checked.ok) return checked;
  const saved = await db
    .transaction()
    .execute((trx) =>
      recordFinal(trx, clock, by, slug, seq, { ...file, format: checked.format, ...(checked.clean ? { clean: checked.clean } : {}) }),
    );
  return { ok: true, format: checked.format, ...saved };
}

async function issuedRun(trx: Transaction, slug: string, seq: number, lock: boolean) {
  const debate = await debateFor(trx, slug);
  const run = lock ? await lockRun(trx, debate.id, seq) : await findRun(trx, debate.id, seq);
  if (!run) throw new AppError('compilation.not_found', { detail: `${slug} run ${seq}` });
  if (run.symbol === null) throw new AppError('compilation.final_of_draft', { detail: `${slug} run ${seq} is a draft` });
  return { debate, run, symbol: run.symbol };
}

async function recordFinal(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  slug: string,
  seq: number,
  file: FinalFile & { format: FinalFormat; clean?: CleanFile },
): Promise<{ version: number; sha256: string }> {
  requireSecretariat(by);
  // The run's row orders two uploads of one run, so each takes its own version number.
  const { debate, run, symbol } = await issuedRun(trx, slug, seq, true);
  const version = ((await currentFinal(trx, run.id, file.format))?.version ?? 0) + 1;
  const blob = await putBlob(trx, clock, file.bytes, MEDIA_TYPES[file.format]);
  const clean = file.clean ? await putBlob(trx, clock, file.clean.bytes, MEDIA_TYPES[file.format]) : undefined;
  await insertFinal(trx, {
    id: randomUUID(),
    run_id: run.id,
    format: file.format,
    version,
    blob_sha256: blob.sha256,
    size: blob.size,
    clean_sha256: clean?.sha256 ?? null,
    cleaned: file.clean ? JSON.stringify(file.clean.removed) : null,
    file_name: fileName(file.name, symbol, file.format),
    uploaded_at: clock.now(),
    uploaded_by: by.actor.id,
  });
  await recordAudit(trx, clock, {
    action: 'compilation.final_uploaded',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'debate', id: debate.id },
    data: { debate: slug, run: seq, symbol, format: file.format, version, sha256: blob.sha256, size: blob.size },
  });
  return { version, sha256: blob.sha256 };
}

/** The uploaded name without any folder, control or bidirectional characters, or excess length; the symbol's name when there is none. */
function fileName(name: string, symbol: string, format: FinalFormat): string {
  return safeFileName(name, { maxLength: 255, fallback: `${symbol.replace(/\//g, '-')}.${format}` });
}

/** The refusal of a file cut short at the limit by the form (its real size is not known, only that it is over). */
export function finalTooLarge(): FinalRefusal {
  return {
    ok: false,
    code: 'upload.too_large',
    message:
      `${errorCatalogue['upload.too_large'].message} The limit for a corrected compilation is ${FINAL_MAX_BYTES / (1024 * 1024)} ` + `MB.`,
  };
}
