// Who may see and manage a mission's people, signatories and entities. Pure rules over the actor and the
// mission's code (the route's subject); the commands call the same rules, so the web and the API agree.
//
// Decisions:
// - Only signed-in accounts (`kind: 'account'`) are ever allowed; a `pending` actor (second factor not given
//   yet) is treated like a stranger. Token actors are judged by role like sessions; scopes are the API's business.
// - A mission's access focal points manage their own mission only: people, module access, signatories.
// - The Secretariat reads every mission (people, signatories, trail) but changes none of it: module access is
//   the mission's own decision, and signatories are the mission's declaration to the Secretariat. It adds
//   entities for debates.
// - The help desk reads every mission too (the list, and a mission's people, signatories and trail), to answer
//   who a mission's focal points are and what happened to an account; it changes nothing here (its own changes go
//   through identity's helpdesk.use pages).
import { definePolicy } from '../../kernel/authz.js';
import { isFocalPointOf, isHelpdesk, isSecretariat, isSignedIn, or } from '../../kernel/authz-predicates.js';

/** `/mission`: a focal point going to their own mission's page. */
export const MISSION_OPEN_OWN = definePolicy(
  'mission.open_own',
  (actor) => isSignedIn(actor) && actor.role === 'focal_point' && actor.organisation !== null,
);

/** A mission's page: its focal points, and the Secretariat and the help desk (read-only). */
export const MISSION_VIEW = definePolicy<string>(
  'mission.view',
  (actor, mission) => isFocalPointOf(actor, mission) || ((isSecretariat(actor) || isHelpdesk(actor)) && Boolean(mission)),
);

/** Invite, give and take module access, deactivate and reactivate the mission's people. */
export const MISSION_MANAGE_PEOPLE = definePolicy<string>('mission.manage_people', isFocalPointOf);

/** Add, end and remove the mission's authorised signatories. */
export const MISSION_MANAGE_SIGNATORIES = definePolicy<string>('mission.manage_signatories', isFocalPointOf);

/** Every mission's signatories (the list of missions with their signatories): the Secretariat. */
export const SIGNATORIES_VIEW_ALL = definePolicy('signatories.view_all', isSecretariat);

/** The list of every mission, searchable: the Secretariat and the help desk (read-only). */
export const MISSIONS_LIST = definePolicy('missions.list', or(isSecretariat, isHelpdesk));

/** Add an entity for debates (a General Assembly committee, ...): the Secretariat. */
export const ENTITIES_ADD = definePolicy('entities.add', isSecretariat);
