// The annex order policy as typed on the build form: the four groups named once each, separated by commas
// ("briefers, council, live, written"). Anything else is refused with the valid names, never guessed. Pure.
import { ANNEX_GROUPS, type AnnexGroup } from './compilation-letter.js';

export const DEFAULT_ANNEX_ORDER = ANNEX_GROUPS.join(', ');

export type AnnexOrderProblem =
  { kind: 'unknown'; name: string } | { kind: 'repeated'; name: AnnexGroup } | { kind: 'missing'; names: AnnexGroup[] };

export type AnnexOrderResult = { ok: true; order: AnnexGroup[] } | { ok: false; problem: AnnexOrderProblem; message: string };

const VALID = `The valid names are ${ANNEX_GROUPS.join(', ')}, each once, separated by commas.`;

function isGroup(name: string): name is AnnexGroup {
  return (ANNEX_GROUPS as readonly string[]).includes(name);
}

function quotedList(names: readonly string[]): string {
  const q = names.map((n) => `“${n}”`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}` : (q[0] ?? '');
}

/** Reads an order policy; an empty text is the default order. Names are read without regard to case or spaces. */
export function parseAnnexOrder(text: string): AnnexOrderResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, order: [...ANNEX_GROUPS] };
  const names = trimmed.split(',').map((n) => n.trim().toLowerCase());
  const order: AnnexGroup[] = [];
  for (const name of names) {
    if (!isGroup(name)) {
      const shown = name === '' ? '(an empty name between two commas)' : `“${name}”`;
      return { ok: false, problem: { kind: 'unknown', name }, message: `${shown} is not a group of annexes. ${VALID}` };
    }
    if (order.includes(name)) return { ok: false, problem: { kind: 'repeated', name }, message: `“${name}” is named twice. ${VALID}` };
    order.push(name);
  }
  const missing = ANNEX_GROUPS.filter((g) => !order.includes(g));
  if (missing.length > 0) {
    return { ok: false, problem: { kind: 'missing', names: missing }, message: `The order leaves out ${quotedList(missing)}. ${VALID}` };
  }
  return { ok: true, order };
}
