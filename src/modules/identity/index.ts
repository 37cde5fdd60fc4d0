// The identity module's public surface.
export { createAccount, type CreateAccountInput } from './commands/create-account.js';
export { resetCredentials } from './commands/reset-credentials.js';
export { generatePassword, hashPassword, verifyPassword } from './passwords.js';
export type { Role } from './tables.js';
export { createSession, endSession, endSessionsOf, hashToken, newToken, resolveSession, type SessionSettings } from './sessions.js';
export { modules, roles, type Module, type SessionStage } from './tables.js';
export { checkLink, consumeLink, issueLink, linkPaths, type LinkCheck, type LinkPurpose } from './links.js';
// Personal access tokens for the JSON API.
export {
  API_TOKEN_DAYS,
  API_TOKEN_PREFIX,
  apiScopeNames,
  apiScopes,
  findApiTokenOwner,
  hashApiToken,
  isApiScope,
  isWellFormedApiToken,
  MAX_ACTIVE_API_TOKENS,
  resolveApiToken,
  revokeApiTokensOf,
  scopesForRole,
  type ApiScope,
  type ApiTokenOwner,
  type ApiTokenRefusal,
  type ApiTokenResolution,
} from './api-tokens.js';
export { createApiToken, type CreatedApiToken } from './commands/create-api-token.js';
export { revokeApiToken } from './commands/revoke-api-token.js';
// Administration: invitations, module access, deactivation, the help desk's tools, and the people queries.
export { HELPDESK_USE } from './admin-policies.js';
export { adminMailSettings, type AdminMailSettings } from './admin-mail.js';
export {
  accountNames,
  actingAs,
  activeFocalPoints,
  emailOf,
  auditActorOf,
  findAdminAccount,
  helpdeskView,
  peopleOfMission,
  searchAccounts,
  SEARCH_LIMIT,
  type AdminAccount,
  type HelpdeskView,
  type InvitationState,
  type Person,
} from './people.js';
// Who is acting is the kernel's (beside Actor); it is offered here too, where the commands that take it live.
export type { Acting } from '../../kernel/authz.js';
export { accountTarget, type AccountTarget } from './commands/admin-scope.js';
export { inviteAccount, inviteAccountInput, mayInvite, resendInvitation, type InviteAccountInput } from './commands/invite-account.js';
export { grantModule, moduleInput, type ModuleInput } from './commands/grant-module.js';
export { revokeModule } from './commands/revoke-module.js';
export { deactivateAccount } from './commands/deactivate-account.js';
export { reactivateAccount } from './commands/reactivate-account.js';
export { unlockSignIn } from './commands/unlock-sign-in.js';
export { correctAccount, correctAccountInput, type CorrectAccountInput } from './commands/correct-account.js';
export { resetMfa } from './commands/reset-mfa.js';
export { issueSignInLink } from './commands/issue-sign-in-link.js';
// Authentication: signing in and out, two-step verification, invitations, password resets, one's own account.
export { authSettings, safeNextPath } from './web/auth-routes.js';
export { COMPLETE_MFA, ENROL_MFA, MANAGE_OWN_ACCOUNT, MANAGE_OWN_TOKENS } from './policies.js';
export { signIn, type AuthDeps, type AuthSettings, type RequestMeta } from './commands/sign-in.js';
export { throttleKeys, throttleRules, type ThrottleKey } from './throttle.js';
export { configurePasswordChecks, configurePasswordHashing, defaultPasswordConcurrency } from './passwords.js';
export { passwordResetJob } from './commands/request-password-reset.js';
export { mfaStatus, isMfaRequired, removeMfa, type MfaStatus } from './mfa.js';
export { newPasswordErrors, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './domain/password-rules.js';
// Notifications: whom each reaches, and the choices people make on their account page.
export { notificationKinds, type NotificationKind } from './tables.js';
export {
  notificationPreferencesOf,
  notificationRecipients,
  type NotificationPreferences,
  type Recipient,
  type RecipientRule,
} from './notifications.js';
export { setNotificationPreferences } from './commands/set-notification-preferences.js';
// Where each role lands after signing in.
export { destinationAfterSignIn, landingFor, LANDING_PAGES } from './domain/landing.js';
