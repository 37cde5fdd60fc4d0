// The identity module's public surface.
export { createAccount, type CreateAccountInput } from './commands/create-account.js';
export { generatePassword, hashPassword, verifyPassword } from './passwords.js';
export type { Role } from './db.js';
export { createSession, endSession, endSessionsOf, hashToken, newToken, resolveSession, type SessionSettings } from './sessions.js';
export { modules, roles, type Module, type SessionStage } from './db.js';
export { checkLink, consumeLink, issueLink, linkPaths, type LinkCheck, type LinkPurpose } from './links.js';
