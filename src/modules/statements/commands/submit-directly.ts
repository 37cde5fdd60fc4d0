// A submission made in one request, for the API: both files and the choices come together and nothing else is used.
// The person's web draft is neither read nor written, so a program never submits a cover letter left behind by an
// unfinished upload on the pages, and a refused request leaves nothing behind. The files go through the same checks as
// on the pages (in the worker pool, before any transaction); the submission then takes the same steps as confirming a
// draft, in one transaction: the window and the signatory decided at commit (submissionTerms), the files stored with
// their clean copies, and the revision issued with its receipt, mail and audit entry (submitFiles).
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { FieldErrors } from '../../../web/forms.js';
import type { Acting } from '../../../kernel/authz.js';
import { putAcceptedFiles, safeFileName, type AcceptedFile, type StoredFile } from './save-draft.js';
import { submissionTerms, submitFiles, type Issued, type ReceiptSettings, type SubmittedFile } from './submit-statement.js';
import { statementTarget } from './target.js';
import { checkFiles, missingFields, parseChoices, type RawChoices, type UploadedFile, type UploadOutcome } from './upload-files.js';

export type DirectSubmission =
  | { ok: true; issued: Issued }
  /** Nothing was submitted or stored: what is wrong or missing, by field, and the code of each refused file. */
  | { ok: false; errors: FieldErrors; refusals: UploadOutcome['refusals'] };

export async function submitStatement(
  db: Database,
  clock: Clock,
  by: Acting,
  slug: string,
  upload: { statement?: UploadedFile | undefined; cover?: UploadedFile | undefined; choices: RawChoices },
  options: { maxBytes: number; settings: ReceiptSettings; via: 'web' | 'api' },
): Promise<DirectSubmission> {
  const target = await statementTarget(db, by, slug);
  const { choices, errors } = parseChoices(upload.choices);
  const { accepted, refusals } = await checkFiles(db, target, upload, options.maxBytes, errors);
  missingFields(errors, { statement: !!upload.statement?.bytes.byteLength, cover: !!upload.cover?.bytes.byteLength }, choices);
  const { statement, cover } = accepted;
  if (Object.keys(errors).length > 0 || !statement || !cover || !choices.signatoryId) return { ok: false, errors, refusals };
  const signatoryId = choices.signatoryId;
  const issued = await db.transaction().execute(async (trx) => {
    const locked = await statementTarget(trx, by, slug, { lock: 'share' });
    const terms = await submissionTerms(trx, clock, locked, signatoryId);
    const stored = await putAcceptedFiles(trx, clock, { statement, cover });
    return submitFiles(trx, clock, by, options.settings, {
      debate: locked.debate,
      delegation: locked.delegation,
      files: { statement: submitted(statement, stored.statement!), cover: submitted(cover, stored.cover!), choices },
      ...terms,
      via: options.via,
    });
  });
  return { ok: true, issued };
}

function submitted(file: AcceptedFile, stored: StoredFile): SubmittedFile {
  return { sha256: stored.sha256, name: safeFileName(file.name), check: file.check, cleanSha256: stored.cleanSha256 };
}
