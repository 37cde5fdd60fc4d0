// How a mission is named in lists and ordered. States take their UNTERM short name ("Niger (the)",
// "Bolivia (Plurinational State of)") and sort by its sort key; entities take their name without the article.
import { compareSortKeys } from './name-forms.js';
import { stateByIso3 } from './states.js';

export interface MissionLabel {
  /** What a list shows: "Niger (the)", "European Union". */
  label: string;
  /** What a list is ordered by: "Niger", "European Union". */
  sortKey: string;
}

export function missionLabel(m: { code: string; organisation_name: string }): MissionLabel {
  const state = /^[A-Z]{3}$/.test(m.code) ? stateByIso3(m.code) : undefined;
  if (state) return { label: state.names.en, sortKey: state.sortKey };
  return { label: m.organisation_name, sortKey: m.organisation_name };
}

/** Missions in English order of their sort keys, each with its label. */
export function sortMissions<M extends { code: string; organisation_name: string }>(missions: readonly M[]): Array<M & MissionLabel> {
  return missions.map((m) => ({ ...m, ...missionLabel(m) })).sort((a, b) => compareSortKeys(a.sortKey, b.sortKey));
}
