// The speaking order of a meeting: the positions typed on the Secretariat's form become 1, 2, 3... Speakers given the
// same number, or none, keep their earlier relative order, so a form sent with one number changed moves one speaker.
// Pure.
import { councilMembersOn, covers, type CouncilData } from '../../meetings/index.js';

export interface Placed {
  id: string;
  position: number;
}

/** The ids in their new speaking order. `wanted` holds the typed position of some (or all) of them. */
export function reorder(current: readonly Placed[], wanted: ReadonlyMap<string, number>): string[] {
  return [...current]
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p, index) => ({ id: p.id, index, key: wanted.get(p.id) ?? p.position }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map((p) => p.id);
}

/** A typed position: a whole number from 1 to 999, or undefined. */
export function parsePosition(text: string | undefined): number | undefined {
  const t = (text ?? '').trim();
  if (!/^\d{1,3}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 1 ? n : undefined;
}

/** The Council's members on the meeting day, or null when the Council data does not cover that day. */
export function councilOnDay(council: CouncilData, day: string): string[] | null {
  return covers(council, day) ? councilMembersOn(council, day) : null;
}
