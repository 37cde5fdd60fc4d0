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
