// The meetings module's public surface: debates, their windows, the Council's membership and presidencies.
export { meetingsRoutes } from './web/routes.js';
export { createDebate } from './commands/create-debate.js';
export type { CreateDebateInput } from './domain/debate-input.js';
export { findDebateBySlug, listDebates, type DebateRecord, type DebateSummary } from './db.js';
export { windowState, type WindowState } from './domain/window.js';
export { councilMembersOn, isCouncilMember, isPermanentMember, nonMembersOn, presidencyOf, presidencyOn, COUNCIL_DATA_RANGE } from './domain/council.js';
export { actsForPresidency } from './presidency.js';
