// The meetings module's public surface: debates, their windows, the Council's membership and presidencies.
export { meetingsRoutes } from './web/routes.js';
export { debatePreparationRoutes, PLATFORM_NAME } from './web/prepare-routes.js';
export { DEBATE_CREATE, DEBATE_ISSUE_LETTER, DEBATE_MANAGE_ELIGIBILITY, DEBATE_PREPARE } from './policies.js';
export { updateDebate } from './commands/update-debate.js';
export { generateAnnouncementLetter, letterInputOf, letterSymbolOf } from './commands/generate-letter.js';
export { addEligibleEntity, removeEligibleEntity } from './commands/eligible-entities.js';
export { importConceptNoteFile } from './commands/import-concept-note.js';
export { announcementLetter, type AnnouncementLetterInput } from './domain/announcement-letter.js';
export { eligibleDelegations } from './domain/eligibility.js';
export { createDebate } from './commands/create-debate.js';
export type { CreateDebateInput, UpdateDebateInput } from './domain/debate-input.js';
export {
  findDebateBySlug,
  findDebateById,
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
export { DEBATE_GRANT_LATE, grantLateSubmission, grantLateSubmissionInput, lateSubmissionTarget, type GrantLateSubmissionInput } from './commands/grant-late-submission.js';
export { revokeLateSubmission, revokeLateSubmissionInput, type RevokeLateSubmissionInput } from './commands/revoke-late-submission.js';
export { councilMembersOn, holdsAnyPresidency, isCouncilMember, isPermanentMember, nonMembersOn, presidencyOf, presidencyOn, COUNCIL_DATA_RANGE } from './domain/council.js';
export { actsForPresidency, PRESIDENCY_MODULE } from './presidency.js';
export { sendRemindersJob, scheduleReminder, reminderTime, SEND_REMINDERS, type SubmittedDelegations } from './reminders.js';
export { notifyLetterIssuedJob, NOTIFY_LETTER_ISSUED, type NotificationSettings } from './notifications.js';
