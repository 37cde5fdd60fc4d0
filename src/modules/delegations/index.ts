// The delegations module's public surface: States, observer entities and the forms of their names.
export type { NameForms, ShortNameParts } from './domain/name-forms.js';
export {
  capitalizeArticle,
  compareSortKeys,
  entityNameForms,
  headingOf,
  joinList,
  nameForms,
  parseShortName,
  runningTextOf,
  sortKeyOf,
} from './domain/name-forms.js';

export type { State, StateNames, StateStatus } from './domain/states.js';
export { allStates, loadStates, parseCsv, resolveStatesCsvPath, stateByIso3, statesFromCsv } from './domain/states.js';

export type { Entity, EntityDefinition, EntityKind } from './domain/entities.js';
export { allEntities, ENTITY_DEFINITIONS, entityByCode } from './domain/entities.js';

export type { MissionKind, MissionRow, OrganisationKind, SignatoryRow } from './db.js';
export { missionName, referenceMissions, type ReferenceMission } from './domain/missions.js';
export { syncReferenceMissions } from './commands/sync-reference-missions.js';

// Administration: missions, signatories, entities, and the rules on who manages them. The pages are in
// ./web/routes.ts, outside this surface: they compose identity's people with this module's data, and identity
// depends on this module (accounts belong to missions), so exporting them here would make a cycle.
export {
  allMissions,
  currentSignatories,
  findMission,
  findSignatory,
  likePattern,
  listMissionsWithSignatoryCounts,
  listSignatories,
  missionCodesMatching,
  signatoryNames,
  type MissionWithCount,
} from './db.js';
export type { MissionsTable, SignatoriesTable } from './db.js';
export { missionAuditTrail, type TrailEntry } from '../../kernel/audit-trail.js';
export {
  OBSERVER_STATE_TITLES,
  STATE_TITLES,
  signatoryStatus,
  signatoryTitleProblem,
  signatoryTitlesFor,
  signsOn,
  type SignatoryStatus,
} from './domain/signatories.js';
export { missionLabel, sortMissions, type MissionLabel } from './domain/mission-labels.js';
export {
  ENTITIES_ADD,
  MISSION_MANAGE_PEOPLE,
  MISSION_MANAGE_SIGNATORIES,
  MISSION_OPEN_OWN,
  MISSION_VIEW,
  MISSIONS_LIST,
  SIGNATORIES_VIEW_ALL,
} from './policies.js';
export { isCalendarDate, MISSION_CODE } from './validation.js';
export { addSignatory } from './commands/add-signatory.js';
export { endSignatory } from './commands/end-signatory.js';
export { removeSignatory } from './commands/remove-signatory.js';
export { addEntity, addEntityInput, type AddEntityInput } from './commands/add-entity.js';
export {
  addSignatoryInput,
  endSignatoryInput,
  removeSignatoryInput,
  type AddSignatoryInput,
  type EndSignatoryInput,
  type RemoveSignatoryInput,
} from './commands/signatory-input.js';
