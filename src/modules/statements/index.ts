// The statements module's public surface: written statements, their revisions and signed receipts.
export { maySubmitStatements, STATEMENTS_SUBMIT } from './policies.js';
export { mayReadStatement, STATEMENTS_OVERSEE, STATEMENTS_READ, type StatementSubject } from './policies.js';
export { deskEntries, findRevision, latestReview, type DeskEntry } from './db.js';
export { deskState, DESK_STATE_LABELS, type DeskState } from './domain/desk-state.js';
export {
  acceptedRevisionsNow,
  submissionStates,
  type AcceptedRevision,
  delegationsWithStatements,
  findRevisionByReference,
  revisionAuthors,
  findSubmission,
  ownStatement,
  revisionsOf,
  type Receipt,
  type RevisionRow,
  type SubmissionRow,
} from './db.js';
export { saveDraft, type AcceptedFile } from './commands/save-draft.js';
export { submitStatement, type DirectSubmission } from './commands/submit-directly.js';
export { statementTarget, type StatementTarget } from './commands/target.js';
export { confirmSubmission, withdrawStatement, type Issued, type ReceiptSettings } from './commands/submit-statement.js';
export { canonicalJson, checkReceiptDocument, receiptDocument, REFERENCE } from './domain/receipt.js';
export {
  briefedPositions,
  recordedBriefings,
  speakersOf,
  speakerStandings,
  speakerTextsById,
  type SpeakerEntry,
  type SpeakerKind,
  type SpeakerTextRow,
} from './speakers-db.js';
export { freezeIssuedAnnexes, issuedAnnexOf, issuedAnnexes, reopenIssuedStatement, type IssuedAnnex } from './commands/issued-annexes.js';
