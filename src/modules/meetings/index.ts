// The meetings module's public surface: debates, their windows, the Council's membership and presidencies.
// Its pages are behind the other door, web/index.ts.
export {
  COUNCIL_MANAGE,
  DEBATE_CREATE,
  DEBATE_ISSUE_LETTER,
  DEBATE_MANAGE_ELIGIBILITY,
  DEBATE_GRANT_LATE,
  DEBATE_PREPARE,
  maySchedule,
  type DebateSubject,
  type SchedulingSubject,
} from './policies.js';
export { updateDebate } from './commands/update-debate.js';
export { generateAnnouncementLetter, letterInputOf, letterSymbolOf } from './commands/generate-letter.js';
export { addEligibleEntity, removeEligibleEntity } from './commands/eligible-entities.js';
export { importConceptNoteFile, readConceptNoteFile, type ConceptNoteFile } from './commands/import-concept-note.js';
export { announcementLetter, PLATFORM_NAME, type AnnouncementLetterInput } from './domain/announcement-letter.js';
export { conceptNoteSchema, guidanceNoteSchema } from './domain/debate.js';
export { eligibleDelegations } from './domain/eligibility.js';
export { createDebate } from './commands/create-debate.js';
export type { CreateDebateInput, UpdateDebateInput } from './domain/debate-input.js';
export {
  findDebateBySlug,
  findDebateById,
  lockDebate,
  addedDelegations,
  findDebateWindow,
  lateGrantsOf,
  listDebates,
  loadSubmissionWindow,
  loadDebateForSubmissions,
  type DebateRecord,
  type DebateSummary,
  type DebateWindowRow,
  type LateGrantRow,
  type RecordedBriefings,
} from './db.js';
export { stillToBeConfirmed, unconfirmedBriefers, type AnnouncedBriefer, type BrieferStanding } from './domain/briefers.js';
export { windowOf, windowState, type WindowColumns, type WindowState } from './domain/window.js';
export {
  MAX_GRACE_MINUTES,
  submissionDeadlines,
  submissionDecision,
  type LateGrant,
  type SubmissionAction,
  type SubmissionBasis,
  type SubmissionDeadlines,
  type SubmissionDecision,
  type SubmissionWindow,
} from './domain/submission-window.js';
export {
  grantLateSubmission,
  grantLateSubmissionInput,
  lateSubmissionTarget,
  type GrantLateSubmissionInput,
} from './commands/grant-late-submission.js';
export { revokeLateSubmission, revokeLateSubmissionInput, type RevokeLateSubmissionInput } from './commands/revoke-late-submission.js';
// The Council's membership and presidencies: pure rules over a CouncilData value, which loadCouncil reads from the
// database (filled from the reference file at start by syncCouncilData, extended by the Secretariat with addCouncilYear).
export {
  councilData,
  councilMembersOn,
  covers,
  describeCovered,
  holdsAnyPresidency,
  isCouncilMember,
  isPermanentMember,
  nonMembersOn,
  presidencyOf,
  presidencyOn,
  presidingStates,
  type CouncilData,
  type CouncilTerm,
  type Presidency,
} from './domain/council.js';
export { loadCouncil } from './db.js';
export { referenceCouncilData } from './domain/council-reference.js';
export { syncCouncilData } from './commands/sync-council-data.js';
export { addCouncilYear, addCouncilYearInput, type AddCouncilYearInput } from './commands/add-council-year.js';
export { actsForPresidency, holdsPresidencyModule, presidencyOfDebate, presidingStateOn, PRESIDENCY_MODULE } from './presidency.js';
export { sendRemindersJob, scheduleReminder, reminderTime, SEND_REMINDERS, type SubmittedDelegations } from './reminders.js';
export { notifyLetterIssuedJob, NOTIFY_LETTER_ISSUED, type NotificationSettings } from './notifications.js';
