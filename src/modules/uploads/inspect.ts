// The checks every written statement and cover letter goes through, the same for the pages, the API and the
// command line: what the file is (from its content), whether it can be read safely, its document model, its word
// count, and the warnings a delegation should see before submitting. A refusal says what happened and what to do;
// a warning never stops a submission. Every accepted Word document comes with its clean copy (kernel/ooxml/clean.ts):
// what Rostrum hands out instead of the file as received, which is kept for the record.
//
// These functions are synchronous and bounded by the reader's caps; the worker pool (pool.ts) runs them on another
// thread with a memory limit and a time limit, which is how the application calls them.
import { createHash } from 'node:crypto';
import { AppError, errorCatalogue, type ErrorCode } from '../../kernel/errors.js';
import { cleanDocx, type CleanReport } from '../../kernel/ooxml/clean.js';
import {
  readDocxContent,
  withoutImageBytes,
  type StatementContent,
  type StatementContentJson,
  type StatementImage,
} from '../../kernel/ooxml/content.js';
import { readDocx, type DocxContent } from '../../kernel/ooxml/docx.js';
import { openZip } from '../../kernel/ooxml/zip.js';
import { describeForStatement, detectFileType, typeName, type DetectedType } from './file-type.js';
import { checkPdf, describeActiveContent, type ActiveContent } from './pdf.js';
import { documentText, namedSignatories } from './signatories.js';
import { countDocumentWords } from './word-count.js';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export type InspectionKind = 'statement' | 'cover-letter';
/** What the worker pool runs: an inspection, or the clean copy alone of a Word file received before clean copies were made. */
export type CheckKind = InspectionKind | 'clean-copy' | 'word-text';

export type WarningCode = 'words.over_guidance' | 'docx.tracked_changes' | 'docx.comments' | 'cover.no_signatory';

export interface InspectionWarning {
  code: WarningCode;
  message: string;
}

export interface InspectionError {
  code: ErrorCode;
  /** For the delegate: what happened and what to do. */
  message: string;
  /** For the operator's log: what exactly was found; never shown on a page. */
  detail?: string;
  /** For a PDF refused for its active content: what was found. */
  activeContent?: ActiveContent[];
}

/** The clean copy of a Word document: what is handed out instead of the bytes received. */
export interface CleanFile {
  bytes: Uint8Array;
  sha256: string;
  size: number;
  /** What the copy left out. */
  removed: CleanReport;
}

export interface InspectionResult {
  outcome: 'accept' | 'warn' | 'reject';
  /** The format of an accepted file (absent when refused). */
  kind?: 'docx' | 'pdf';
  /** Words of the body (Word's count), for a Word document. */
  words?: number;
  /** Words of the footnotes and endnotes. */
  footnoteWords?: number;
  warnings: InspectionWarning[];
  error?: InspectionError;
  /** The document model of a Word document, pictures named by hash. */
  content?: StatementContentJson;
  /** The pictures' bytes, stored apart from the model. */
  images?: StatementImage[];
  /** The clean copy of an accepted Word document. */
  clean?: CleanFile;
  /** The paragraphs and footnotes of a Word document read for its text alone (a concept note to import). */
  text?: DocxContent;
  sha256: string;
  size: number;
}

export interface StatementInspectionOptions {
  /** Largest accepted file in bytes (10 MB unless given). */
  maxBytes?: number;
  /** The debate's guidance on length, in words; a longer statement is accepted with a warning. */
  wordGuidance?: number;
}

export interface CoverLetterInspectionOptions {
  maxBytes?: number;
  /** The mission's authorised signatories; a letter naming none of them is accepted with a warning. */
  signatories?: readonly string[];
}

export type InspectionOptions = StatementInspectionOptions & CoverLetterInspectionOptions;

interface FileFacts {
  sha256: string;
  size: number;
}

export function inspect(kind: CheckKind, bytes: Uint8Array, options: InspectionOptions = {}): InspectionResult {
  if (kind === 'clean-copy') return inspectCleanCopy(bytes, options);
  if (kind === 'word-text') return readWordText(bytes, options);
  return kind === 'statement' ? inspectStatement(bytes, options) : inspectCoverLetter(bytes, options);
}

/**
 * The clean copy alone, of a Word document accepted before clean copies were made: read with the same caps, nothing
 * else checked again (the file passed the checks of its day). A file that cannot be read is refused as at upload.
 */
export function inspectCleanCopy(bytes: Uint8Array, options: { maxBytes?: number } = {}): InspectionResult {
  const facts = fileFacts(bytes);
  try {
    return {
      outcome: 'accept',
      kind: 'docx',
      warnings: [],
      clean: cleanFile(cleanDocx(bytes, { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES })),
      ...facts,
    };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return refuse(facts, err.code, undefined, err.detail);
  }
}

/**
 * The text of a Word document, paragraph by paragraph, read with the package's caps (macros refused): what an import
 * of a concept note needs. A file that cannot be read is refused with the reader's own error.
 */
export function readWordText(bytes: Uint8Array, options: { maxBytes?: number } = {}): InspectionResult {
  const facts = fileFacts(bytes);
  try {
    return {
      outcome: 'accept',
      kind: 'docx',
      warnings: [],
      text: readDocx(bytes, { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES }),
      ...facts,
    };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return reject(facts, { code: err.code, message: err.message, ...(err.detail !== undefined ? { detail: err.detail } : {}) });
  }
}

function cleanFile(copy: { bytes: Uint8Array; removed: CleanReport }): CleanFile {
  return {
    bytes: copy.bytes,
    sha256: createHash('sha256').update(copy.bytes).digest('hex'),
    size: copy.bytes.length,
    removed: copy.removed,
  };
}

export function inspectStatement(bytes: Uint8Array, options: StatementInspectionOptions = {}): InspectionResult {
  const facts = fileFacts(bytes);
  const early = refuseBySize(facts, options.maxBytes);
  if (early) return early;
  const type = detectFileType(bytes);
  if (type.kind !== 'zip') return refuseType(facts, type, 'statement');
  return inspectDocx(facts, bytes, options.maxBytes, 'statement', (content, words) => {
    const warnings: InspectionWarning[] = [];
    const guidance = options.wordGuidance;
    if (guidance !== undefined && guidance > 0 && words > guidance) {
      warnings.push({
        code: 'words.over_guidance',
        message:
          `The statement has ${number(words)} words; the guidance is about ${number(guidance)}. You may submit it as it is, or ` +
          `shorten it and upload the shorter version.`,
      });
    }
    return [...warnings, ...documentWarnings(content)];
  });
}

export function inspectCoverLetter(bytes: Uint8Array, options: CoverLetterInspectionOptions = {}): InspectionResult {
  const facts = fileFacts(bytes);
  const early = refuseBySize(facts, options.maxBytes);
  if (early) return early;
  const type = detectFileType(bytes);
  if (type.kind === 'pdf') return inspectPdf(facts, bytes);
  if (type.kind !== 'zip') return refuseType(facts, type, 'cover-letter');
  return inspectDocx(facts, bytes, options.maxBytes, 'cover-letter', (content) => {
    const warnings = documentWarnings(content);
    const signatories = (options.signatories ?? []).filter((s) => s.trim() !== '');
    const text = documentText(content);
    // A letter with no text at all is a scan pasted into Word: it cannot be searched, like a PDF, so it gets no warning.
    if (signatories.length > 0 && text.trim() !== '' && namedSignatories(text, signatories).length === 0) {
      warnings.push({
        code: 'cover.no_signatory',
        message:
          `The cover letter does not name any of the mission’s authorised signatories (${signatories.join(', ')}). Check that it ` +
          `is signed by one of them; if the signatory is new, ask your mission’s access focal point to add them.`,
      });
    }
    return warnings;
  });
}

function inspectDocx(
  facts: FileFacts,
  bytes: Uint8Array,
  maxBytes: number | undefined,
  purpose: InspectionKind,
  warningsOf: (content: StatementContent, words: number) => InspectionWarning[],
): InspectionResult {
  let content: StatementContent;
  let clean: CleanFile;
  try {
    content = readDocxContent(bytes, { maxBytes: maxBytes ?? DEFAULT_MAX_BYTES });
    clean = cleanFile(cleanDocx(bytes, { maxBytes: maxBytes ?? DEFAULT_MAX_BYTES }));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return refuseReading(facts, bytes, err, purpose);
  }
  const { words, footnoteWords } = countDocumentWords(content);
  if (words === 0 && (purpose === 'statement' || content.images.length === 0)) {
    const pictures = content.images.length > 0;
    return refuse(
      facts,
      'upload.empty',
      pictures
        ? 'The document holds only pictures: a scanned statement cannot be published. Upload the Word document with the text of the ' +
            'statement.'
        : undefined,
      `the body has no words (${content.blocks.length} blocks, ${content.images.length} pictures, ${footnoteWords} words in notes)`,
    );
  }
  const warnings = warningsOf(content, words);
  return {
    outcome: warnings.length > 0 ? 'warn' : 'accept',
    kind: 'docx',
    words,
    footnoteWords,
    warnings,
    content: withoutImageBytes(content),
    images: content.images,
    clean,
    ...facts,
  };
}

function documentWarnings(content: StatementContent): InspectionWarning[] {
  const warnings: InspectionWarning[] = [];
  if (content.hasTrackedChanges) {
    warnings.push({
      code: 'docx.tracked_changes',
      message:
        'The document still contains tracked changes. Rostrum reads it with every change accepted; if that is not the text you mean ' +
        'to submit, review the changes in Word (Review › Accept or Reject), save, and upload it again.',
    });
  }
  if (content.hasComments) {
    warnings.push({
      code: 'docx.comments',
      message:
        'The document contains comments. They are not published, and the copies Rostrum hands out leave them out, but the file you ' +
        'send is kept for the record as it is: delete them in Word (Review › Delete › Delete All Comments in Document), save, and ' +
        'upload it again.',
    });
  }
  return warnings;
}

function inspectPdf(facts: FileFacts, bytes: Uint8Array): InspectionResult {
  const problem = checkPdf(bytes);
  if (problem === undefined) return { outcome: 'accept', kind: 'pdf', warnings: [], ...facts };
  switch (problem.problem) {
    case 'truncated':
      return reject(facts, {
        code: 'upload.damaged',
        message:
          'The PDF is incomplete: its end is missing, as happens when a download or a copy is interrupted. Export or scan the letter ' +
          'to PDF again, check that it opens, and upload the new file. Nothing was saved.',
        detail: problem.detail,
      });
    case 'encrypted':
      return reject(facts, {
        code: 'upload.unsafe',
        message:
          'The PDF is password-protected or encrypted, so it cannot be checked or reproduced in the compilation. Save a copy without ' +
          'protection (in Adobe Acrobat: File › Properties › Security › No Security) and upload that copy. Nothing was saved.',
        detail: problem.detail,
      });
    case 'not_pdf':
      return reject(facts, { code: 'upload.damaged', message: errorCatalogue['upload.damaged'].message, detail: 'no %PDF- header' });
    case 'active':
      return reject(facts, {
        code: 'upload.active_content',
        message:
          `The PDF contains ${describeActiveContent(problem.found)}, which could run or open something when the letter is opened, ` +
          `so Rostrum does not accept it. ${PDF_AGAIN}`,
        detail: problem.detail,
        activeContent: problem.found,
      });
    case 'expands':
      return reject(facts, {
        code: 'upload.unsafe',
        message: `The PDF was refused because part of it would expand far beyond its size, so it cannot be checked. ${PDF_AGAIN}`,
        detail: problem.detail,
      });
    case 'unreadable':
      return reject(facts, {
        code: 'upload.damaged',
        message: `The PDF could not be checked: part of it is compressed in a way Rostrum does not read, or is damaged. ${PDF_AGAIN}`,
        detail: problem.detail,
      });
  }
}

const PDF_AGAIN =
  'Make the PDF again by printing the signed letter to PDF (File › Print, then “Microsoft Print to PDF” or “Save as PDF”), or scan ' +
  'the signed paper letter, and upload that copy. Nothing was saved.';

function fileFacts(bytes: Uint8Array): FileFacts {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
}

function refuseBySize(facts: FileFacts, maxBytes = DEFAULT_MAX_BYTES): InspectionResult | undefined {
  if (facts.size === 0) return refuse(facts, 'upload.empty', 'The file is empty (0 bytes).', 'the file is empty (0 bytes)');
  if (facts.size > maxBytes) return reject(facts, tooLargeError(facts.size, maxBytes));
  return undefined;
}

/** The refusal of a file over the size limit, also for callers that refuse it before reading it (the command line). */
export function tooLargeError(size: number, maxBytes = DEFAULT_MAX_BYTES): InspectionError {
  return {
    code: 'upload.too_large',
    message: `${errorCatalogue['upload.too_large'].message} This file is ${megabytes(size)}; the limit is ${megabytes(maxBytes)}.`,
    detail: `the file has ${size} bytes; the limit is ${maxBytes}`,
  };
}

function refuseType(facts: FileFacts, type: DetectedType, purpose: InspectionKind): InspectionResult {
  return refuse(
    facts,
    'upload.not_docx',
    [describeForStatement(type), purpose === 'cover-letter' ? COVER_LETTER_FORMATS : ''].filter(Boolean).join(' '),
    `detected: ${typeName(type)}`,
  );
}

const COVER_LETTER_FORMATS = 'A cover letter may be a Word document (.docx) or a PDF.';

/** A refusal from the Word reader, with the format named when the ZIP archive turns out to be another kind of file. */
function refuseReading(facts: FileFacts, bytes: Uint8Array, err: AppError, purpose: InspectionKind): InspectionResult {
  let extra: string | undefined;
  if (err.code === 'upload.not_docx') extra = otherPackage(bytes);
  if (purpose === 'cover-letter' && err.code === 'upload.not_docx') extra = [extra, COVER_LETTER_FORMATS].filter(Boolean).join(' ');
  return refuse(facts, err.code, extra, err.detail);
}

/** What a ZIP archive that is not a Word document holds, when it is another Office format. */
function otherPackage(bytes: Uint8Array): string | undefined {
  let names: readonly string[];
  try {
    names = openZip(bytes).names.map((n) => n.toLowerCase());
  } catch {
    return undefined;
  }
  // A Word package of another kind (a template, .dotx): the catalogue's advice, to save it as .docx, is the right one.
  if (names.includes('word/document.xml')) return undefined;
  if (names.includes('xl/workbook.xml')) return 'This file is an Excel workbook (.xlsx), not a Word document.';
  if (names.includes('ppt/presentation.xml')) return 'This file is a PowerPoint presentation (.pptx), not a Word document.';
  return describeForStatement({ kind: 'zip' });
}

function refuse(facts: FileFacts, code: ErrorCode, extra: string | undefined, detail: string | undefined): InspectionResult {
  const message = extra === undefined || extra === '' ? errorCatalogue[code].message : `${errorCatalogue[code].message} ${extra}`;
  return reject(facts, { code, message, ...(detail !== undefined ? { detail } : {}) });
}

function reject(facts: FileFacts, error: InspectionError): InspectionResult {
  return { outcome: 'reject', warnings: [], error, ...facts };
}

function number(n: number): string {
  return n.toLocaleString('en-US');
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
