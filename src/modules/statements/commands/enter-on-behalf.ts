// Entering a statement received by e-mail on a delegation's behalf, as one step: the officer's target (the debate and
// an eligible delegation), their draft for it (one for another delegation is set aside), the files through the
// delegate's checks into that draft (in the worker pool, before any transaction; an accepted file is kept even when
// the rest fails), what the officer states beside them, and then the submission on the delegation's behalf.
import type { Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { onBehalfInput, onBehalfTarget, startOnBehalfDraft, submitOnBehalf } from './submit-on-behalf.js';
import type { Issued, ReceiptSettings } from './submit-statement.js';
import { uploadToDraft, type UploadedFile, type UploadOutcome } from './upload-files.js';

/** What the officer sends: the files, and the form's text fields as typed. */
export interface OnBehalfEntry {
  slug: string;
  delegation: string;
  statement?: UploadedFile | undefined;
  cover?: UploadedFile | undefined;
  values: Record<string, string>;
}

/**
 * The statement recorded on the delegation's behalf (its receipt mailed to the mission), or what is wrong or missing,
 * by field, when the files or the officer's statements do not pass. A refusal of the submission itself is thrown.
 */
export type OnBehalfOutcome = { entered: true; delegation: string; issued: Issued } | { entered: false; errors: UploadOutcome['errors'] };

export async function enterStatementOnBehalf(
  db: Database,
  clock: Clock,
  by: Acting,
  entry: OnBehalfEntry,
  options: ReceiptSettings & { maxBytes: number },
): Promise<OnBehalfOutcome> {
  const { values } = entry;
  const target = await db.transaction().execute(async (trx) => {
    const t = await onBehalfTarget(trx, by, entry.slug, entry.delegation);
    await startOnBehalfDraft(trx, by, t);
    return t;
  });
  const { errors } = await uploadToDraft(
    db,
    clock,
    by,
    target.debate.slug,
    {
      ...(entry.statement ? { statement: entry.statement } : {}),
      ...(entry.cover ? { cover: entry.cover } : {}),
      choices: {
        signatoryId: values.signatoryId,
        originalLanguage: values.originalLanguage,
        onBehalfOf: values.onBehalfOf,
        groupMembers: values.groupMembers,
      },
    },
    { maxBytes: options.maxBytes, target },
  );
  // The signatory may be typed instead of chosen: that is decided here, not by the delegate's rule.
  delete errors.signatoryId;
  const raw = {
    slug: target.debate.slug,
    delegation: target.delegation,
    signatoryId: values.signatoryId ?? '',
    signatoryName: values.signatoryName ?? '',
    signatoryTitle: values.signatoryTitle ?? '',
    note: values.note ?? '',
    receivedBefore: values.receivedBefore ?? '',
  };
  const parsed = onBehalfInput.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  if (Object.keys(errors).length > 0) return { entered: false, errors };
  const settings = { signing: options.signing, publicUrl: options.publicUrl };
  const issued = await db.transaction().execute((trx) => submitOnBehalf(trx, clock, by, raw, settings));
  return { entered: true, delegation: target.delegation, issued };
}
