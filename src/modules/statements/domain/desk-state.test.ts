// The review desk's pure rules: where a delegation stands, the orders the desk can be sorted in, and what it says
// about a statement's signatory.
import { describe, expect, it } from 'vitest';
import { deskFilterOf, deskSortOf, deskState, matchesDeskFilter, signatoryCheck, sortDeskRows, type DeskFilter, type DeskSort, type DeskState, type SignatoryCheck } from './desk-state.js';

describe('deskState', () => {
  it.each([
    ['no submission', undefined, 'not_submitted'],
    ['withdrawn', { submission: { state: 'withdrawn' as const }, review: undefined }, 'withdrawn'],
    ['withdrawn after a decision about an earlier version', { submission: { state: 'withdrawn' as const }, review: { decision: 'accepted' as const } }, 'withdrawn'],
    ['submitted, no decision', { submission: { state: 'submitted' as const }, review: undefined }, 'received'],
    ['accepted', { submission: { state: 'submitted' as const }, review: { decision: 'accepted' as const } }, 'accepted'],
    ['returned', { submission: { state: 'submitted' as const }, review: { decision: 'returned' as const } }, 'returned'],
  ])('%s', (_name, entry, expected) => {
    expect(deskState(entry)).toBe(expected);
  });
});

describe('the desk filters', () => {
  it.each<[unknown, DeskFilter | 'all']>([
    ['received', 'received'],
    ['not_submitted', 'not_submitted'],
    ['late', 'late'],
    ['LATE', 'all'],
    ['accepted ', 'all'],
    [['late'], 'all'],
    [undefined, 'all'],
    ['all', 'all'],
  ])('?state=%j gives %s', (value, expected) => {
    expect(deskFilterOf(value)).toBe(expected);
  });

  it.each<[DeskState, boolean, DeskFilter | 'all', boolean]>([
    ['accepted', false, 'all', true],
    ['accepted', false, 'accepted', true],
    ['accepted', false, 'received', false],
    ['accepted', true, 'late', true],
    ['received', true, 'late', true],
    ['received', false, 'late', false],
    ['returned', true, 'returned', true],
    ['not_submitted', false, 'late', false],
  ])('%s, late %s, under %s: shown %s', (state, late, filter, shown) => {
    expect(matchesDeskFilter({ state, late }, filter)).toBe(shown);
  });
});

describe('sortDeskRows', () => {
  const at = (iso: string) => new Date(iso);
  // Given in English name order, as the desk reads them.
  const rows: Array<{ code: string; state: DeskState; words: number | null; receivedAt: Date | null }> = [
    { code: 'ARG', state: 'accepted', words: 480, receivedAt: at('2021-05-20T15:00:00Z') },
    { code: 'BRA', state: 'received', words: 620, receivedAt: at('2021-05-22T09:00:00Z') },
    { code: 'CAN', state: 'not_submitted', words: null, receivedAt: null },
    { code: 'DEU', state: 'received', words: 480, receivedAt: at('2021-05-19T08:00:00Z') },
    { code: 'EGY', state: 'withdrawn', words: null, receivedAt: null },
    { code: 'FJI', state: 'returned', words: 95, receivedAt: at('2021-05-20T15:00:00Z') },
  ];
  it.each<[DeskSort, string[]]>([
    // The English order as given.
    ['name', ['ARG', 'BRA', 'CAN', 'DEU', 'EGY', 'FJI']],
    // To review, returned, accepted, withdrawn, not submitted; by name within each.
    ['state', ['BRA', 'DEU', 'FJI', 'ARG', 'EGY', 'CAN']],
    // The longest first; equal counts by name; no statement last, by name.
    ['words', ['BRA', 'ARG', 'DEU', 'FJI', 'CAN', 'EGY']],
    // The earliest first; the same instant by name; no statement last.
    ['received', ['DEU', 'ARG', 'FJI', 'BRA', 'CAN', 'EGY']],
  ])('by %s', (sort, expected) => {
    expect(sortDeskRows(rows, sort).map((r) => r.code)).toEqual(expected);
    // The input is left as it was.
    expect(rows.map((r) => r.code)).toEqual(['ARG', 'BRA', 'CAN', 'DEU', 'EGY', 'FJI']);
  });

  it('sorts nothing to nothing', () => {
    expect(sortDeskRows([], 'words')).toEqual([]);
  });

  it.each<[unknown, DeskSort]>([
    ['name', 'name'],
    ['state', 'state'],
    ['words', 'words'],
    ['received', 'received'],
    [undefined, 'name'],
    ['', 'name'],
    ['WORDS', 'name'],
    ['received;drop', 'name'],
    [['words'], 'name'],
  ])('reads ?sort=%j as %s', (value, expected) => {
    expect(deskSortOf(value)).toBe(expected);
  });
});

describe('signatoryCheck', () => {
  const noSignatory = { code: 'cover.no_signatory' };
  const tracked = { code: 'docx.tracked_changes' };
  it.each<[string, Parameters<typeof signatoryCheck>[0], SignatoryCheck | undefined]>([
    ['a listed signatory the letter names', { action: 'submit', signatory_id: 'a', cover_type: 'docx', warnings: [tracked] }, 'listed'],
    ['a listed signatory the letter does not name', { action: 'submit', signatory_id: 'a', cover_type: 'docx', warnings: [tracked, noSignatory] }, 'not_in_letter'],
    ['a PDF letter, not searched', { action: 'submit', signatory_id: 'a', cover_type: 'pdf', warnings: [] }, 'pdf_letter'],
    ['a name typed by the Secretariat', { action: 'submit', signatory_id: null, cover_type: 'docx', warnings: [noSignatory] }, 'typed'],
    ['a name typed by the Secretariat, PDF letter', { action: 'submit', signatory_id: null, cover_type: 'pdf', warnings: [] }, 'typed'],
    ['a withdrawal', { action: 'withdraw', signatory_id: null, cover_type: null, warnings: [] }, undefined],
  ])('%s', (_name, revision, expected) => {
    expect(signatoryCheck(revision)).toBe(expected);
  });
});
