// Authorised signatories: who may sign a mission's cover letters, and over which dates. Pure.
import type { OrganisationKind } from '../db.js';

/** Titles a State's signatory may hold. The head of an observer State's mission is a Permanent Observer. */
export const STATE_TITLES = ['Permanent Representative', 'Deputy Permanent Representative', "Chargé d'affaires a.i."] as const;
export const OBSERVER_STATE_TITLES = ['Permanent Observer', 'Deputy Permanent Observer', "Chargé d'affaires a.i."] as const;

/**
 * The titles offered for a mission, or null when the title is free: entities (the European Union, a General
 * Assembly committee) sign with their own titles ("Head of Delegation", "Chair").
 */
export function signatoryTitlesFor(kind: OrganisationKind): readonly string[] | null {
  switch (kind) {
    case 'member_state':
      return STATE_TITLES;
    case 'observer_state':
      return OBSERVER_STATE_TITLES;
    case 'intergovernmental_organization':
    case 'other_entity':
      return null;
  }
}

/** Why a title does not fit the mission, or undefined when it does. Free titles are 2 to 200 characters. */
export function signatoryTitleProblem(kind: OrganisationKind, title: string): string | undefined {
  const titles = signatoryTitlesFor(kind);
  if (titles === null)
    return title.trim().length >= 2 && title.length <= 200 ? undefined : 'Enter the signatory’s title (2 to 200 characters)';
  return titles.includes(title) ? undefined : `Choose a title: ${titles.join(', ')}`;
}

/** Whether a signatory may sign on `date` ('YYYY-MM-DD'): from_date ≤ date ≤ to_date (when there is one). */
export function signsOn(s: { from_date: string; to_date: string | null; removed_at: Date | null }, date: string): boolean {
  return s.removed_at === null && s.from_date <= date && (s.to_date === null || s.to_date >= date);
}

export type SignatoryStatus = 'current' | 'future' | 'ended';

export function signatoryStatus(s: { from_date: string; to_date: string | null }, today: string): SignatoryStatus {
  if (s.to_date !== null && s.to_date < today) return 'ended';
  if (s.from_date > today) return 'future';
  return 'current';
}
