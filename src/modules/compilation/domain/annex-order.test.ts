// The annex order policy as typed: every group once, in any order; unknown, repeated or missing names refused with
// the valid names.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANNEX_ORDER, parseAnnexOrder } from './annex-order.js';

describe('parseAnnexOrder', () => {
  it.each([
    ['', ['briefers', 'council', 'live', 'written']],
    ['   ', ['briefers', 'council', 'live', 'written']],
    [DEFAULT_ANNEX_ORDER, ['briefers', 'council', 'live', 'written']],
    ['written, briefers, council, live', ['written', 'briefers', 'council', 'live']],
    ['Council,BRIEFERS ,  live,written', ['council', 'briefers', 'live', 'written']],
  ])('reads %j', (text, order) => {
    expect(parseAnnexOrder(text)).toEqual({ ok: true, order });
  });

  it.each([
    ['briefers, council, speakers, written', { kind: 'unknown', name: 'speakers' }, '“speakers” is not a group of annexes.'],
    ['briefers, council, live, written, members', { kind: 'unknown', name: 'members' }, '“members” is not a group of annexes.'],
    ['briefers,, council, live, written', { kind: 'unknown', name: '' }, '(an empty name between two commas) is not a group of annexes.'],
    ['briefers; council; live; written', { kind: 'unknown', name: 'briefers; council; live; written' }, 'is not a group of annexes.'],
    ['briefers, council, live, written, council', { kind: 'repeated', name: 'council' }, '“council” is named twice.'],
    ['briefers, council, written', { kind: 'missing', names: ['live'] }, 'The order leaves out “live”.'],
    ['written', { kind: 'missing', names: ['briefers', 'council', 'live'] }, 'The order leaves out “briefers”, “council” and “live”.'],
  ])('refuses %j', (text, problem, message) => {
    const result = parseAnnexOrder(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toEqual(problem);
    expect(result.message).toContain(message);
    expect(result.message).toContain('The valid names are briefers, council, live, written, each once, separated by commas.');
  });
});
