// The delegations' own input rules, used by their commands and by the commands of other modules that name a mission.
// The generic helpers (parseInput, UUID) are in kernel/validation.ts; the form helpers in web/forms.ts.

/** A real calendar date written 'YYYY-MM-DD' (so 2021-02-30 is refused, not rolled over to March). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** A mission's code as delegations.missions spells it: a State's ISO alpha-3, or an entity's lowercase slug. */
export const MISSION_CODE = /^([A-Z]{3}|[a-z0-9]+(-[a-z0-9]+)*)$/;
