// The statements module's public surface: written statements, their revisions and signed receipts.
export { STATEMENTS_SUBMIT } from './policies.js';
export { delegationsWithStatements, findRevisionByReference, findSubmission, revisionsOf, type Receipt, type RevisionRow, type SubmissionRow } from './db.js';
export { saveDraft, discardDraft, type AcceptedFile } from './commands/save-draft.js';
export { confirmSubmission, withdrawStatement, type Issued, type ReceiptSettings } from './commands/submit-statement.js';
export { canonicalJson, checkReceiptDocument, receiptDocument, REFERENCE } from './domain/receipt.js';
