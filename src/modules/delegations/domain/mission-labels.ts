// How a mission is named in lists and drop-downs, and ordered. States take the display form of their UNTERM short
// name: its sort key, without the article UNTERM writes after the name ("Niger (the)" reads "Niger"; a qualifier
// stays: "Bolivia (Plurinational State of)"); entities take their name without the article.
import { compareSortKeys } from './name-forms.js';
import { stateByIso3 } from './states.js';

export interface MissionLabel {
  /** What a list shows: "Niger", "Netherlands", "Bolivia (Plurinational State of)", "European Union". */
  label: string;
  /** What a list is ordered by: "Niger", "European Union". */
  sortKey: string;
}

export function missionLabel(m: { code: string; organisation_name: string }): MissionLabel {
  const state = /^[A-Z]{3}$/.test(m.code) ? stateByIso3(m.code) : undefined;
  if (state) return { label: state.sortKey, sortKey: state.sortKey };
  return { label: m.organisation_name, sortKey: m.organisation_name };
}

/** Missions in English order of their sort keys, each with its label. */
export function sortMissions<M extends { code: string; organisation_name: string }>(missions: readonly M[]): Array<M & MissionLabel> {
  return missions.map((m) => ({ ...m, ...missionLabel(m) })).sort((a, b) => compareSortKeys(a.sortKey, b.sortKey));
}
