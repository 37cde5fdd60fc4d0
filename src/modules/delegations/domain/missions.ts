// The mission of each State and entity in the reference data, and how it is named. Pure.
import type { MissionKind, OrganisationKind } from '../db.js';
import { allEntities } from './entities.js';
import { allStates } from './states.js';

export interface ReferenceMission {
  code: string;
  organisation_kind: OrganisationKind;
  mission_kind: MissionKind;
  organisation_name: string;
  article: 'the' | null;
  mission_name: string;
}

/** "Permanent Mission of the Niger to the United Nations", "Delegation of the European Union to the United Nations". */
export function missionName(kind: MissionKind, runningText: string): string {
  switch (kind) {
    case 'permanent_mission':
      return `Permanent Mission of ${runningText} to the United Nations`;
    case 'permanent_observer_mission':
      return `Permanent Observer Mission of ${runningText} to the United Nations`;
    case 'delegation':
      return `Delegation of ${runningText} to the United Nations`;
    case 'office':
      return `Office of the Permanent Observer for ${runningText} to the United Nations`;
  }
}

export function referenceMissions(): ReferenceMission[] {
  const states = allStates().map((s): ReferenceMission => {
    const kind: MissionKind = s.status === 'member' ? 'permanent_mission' : 'permanent_observer_mission';
    const article = s.runningText.startsWith('the ') ? 'the' : null;
    return {
      code: s.iso3,
      organisation_kind: s.status === 'member' ? 'member_state' : 'observer_state',
      mission_kind: kind,
      organisation_name: article ? s.runningText.slice(4) : s.runningText,
      article,
      mission_name: missionName(kind, s.runningText),
    };
  });
  const entities = allEntities().map((e): ReferenceMission => {
    const kind: MissionKind = e.code === 'eu' ? 'delegation' : 'office';
    return {
      code: e.code,
      organisation_kind: e.kind,
      mission_kind: kind,
      organisation_name: e.name,
      article: e.article,
      mission_name: missionName(kind, e.runningText),
    };
  });
  return [...states, ...entities];
}
