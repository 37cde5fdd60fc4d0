// The review desk's pure rules: where a delegation stands, the orders the desk can be sorted in, and what it says
// about a statement's signatory.
import { describe, expect, it } from 'vitest';
import {
  deskFilterOf,
  deskSortOf,
  deskState,
  deskViewOf,
  deskViewQuery,
  matchesDeskFilter,
  matchesDeskSearch,
  reviewerWarning,
  rowAfterDecision,
  signatoryCheck,
  sortDeskRows,
  type DeskFilter,
  type DeskSort,
  type DeskState,
  type SignatoryCheck,
} from './desk-state.js';

describe('deskState', () => {
  it.each([
    ['no submission', undefined, 'not_submitted'],
    ['withdrawn', { submission: { state: 'withdrawn' as const }, review: undefined }, 'withdrawn'],
    [
      'withdrawn after a decision about an earlier version',
      { submission: { state: 'withdrawn' as const }, review: { decision: 'accepted' as const } },
      'withdrawn',
    ],
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
    // The desk opens on the statements to review; everything only when asked for.
    ['LATE', 'received'],
    ['accepted ', 'received'],
    [['late'], 'received'],
    [undefined, 'received'],
    ['', 'received'],
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

describe('the desk’s view in its address', () => {
  it.each<[Record<string, unknown>, string]>([
    [{}, '?state=received'],
    [{ state: 'all' }, '?state=all'],
    [{ state: 'accepted', sort: 'words' }, '?state=accepted&sort=words'],
    [{ state: 'received', sort: 'name', q: '  Côte   d’Ivoire ' }, '?state=received&q=C%C3%B4te+d%E2%80%99Ivoire'],
    [{ state: 'nonsense', sort: 'nonsense', q: ['x'] }, '?state=received'],
    [{ q: 'x'.repeat(300) }, `?state=received&q=${'x'.repeat(100)}`],
  ])('%j reads back as %s', (fields, query) => {
    expect(deskViewQuery(deskViewOf(fields))).toBe(query);
  });

  it('adds other parameters after the view’s', () => {
    expect(deskViewQuery(deskViewOf({ state: 'all' }), { done: 'accepted', decided: 'BRA' })).toBe('?state=all&done=accepted&decided=BRA');
  });
});

describe('searching the desk by delegation', () => {
  const row = (code: string, label: string) => ({ code, label });
  it.each<[{ code: string; label: string }, string, boolean]>([
    [row('BRA', 'Brazil'), '', true],
    [row('BRA', 'Brazil'), 'braz', true],
    [row('BRA', 'Brazil'), 'BRAZIL', true],
    [row('BRA', 'Brazil'), 'bra', true],
    [row('BRA', 'Brazil'), 'BRA', true],
    [row('CIV', 'Côte d’Ivoire'), "cote d'ivoire", true],
    [row('CIV', 'Côte d’Ivoire'), 'Côte', true],
    [row('CIV', 'Côte d’Ivoire'), 'civ', true],
    [row('TUR', 'Türkiye'), 'turkiye', true],
    [row('NLD', 'Netherlands (the)'), 'netherlands', true],
    [row('NLD', 'Netherlands (the)'), 'nl', false],
    [row('ARG', 'Argentina'), 'brazil', false],
    [row('ARG', 'Argentina'), 'ar', true],
    [row('ARG', 'Argentina'), 'ARGE', true],
    [row('KOR', 'Republic of Korea (the)'), 'republic  of korea', true],
  ])('%j searched for %j: %s', (r, search, found) => {
    expect(matchesDeskSearch(r, search)).toBe(found);
  });
});

describe('rowAfterDecision', () => {
  it.each<[string[], string[], string, string | undefined]>([
    // Still shown (all, or a return under "returned"): its own row.
    [['ARG', 'BRA', 'CHL'], ['ARG', 'BRA', 'CHL'], 'BRA', 'BRA'],
    // Accepted under "to review": the row that took its place.
    [['ARG', 'BRA', 'CHL'], ['ARG', 'CHL'], 'BRA', 'CHL'],
    // The last one: the one before it.
    [['ARG', 'BRA', 'CHL'], ['ARG', 'BRA'], 'CHL', 'BRA'],
    // The next one left meanwhile too: the one after that.
    [['ARG', 'BRA', 'CHL', 'DNK'], ['ARG', 'DNK'], 'BRA', 'DNK'],
    // Nothing left to show.
    [['BRA'], [], 'BRA', undefined],
    // Not shown before (decided from a bookmark of another view): the first row.
    [['ARG', 'CHL'], ['ARG', 'CHL'], 'BRA', 'ARG'],
  ])('%j then %j after deciding %s: %s', (before, after, code, expected) => {
    expect(rowAfterDecision(before, after, code)).toBe(expected);
  });
});

describe('reviewerWarning', () => {
  it.each<[string, string | undefined]>([
    ['words.over_guidance', 'Longer than the guidance of about 1,500 words.'],
    ['docx.tracked_changes', 'The file holds tracked changes: it was read, and is published, with every change accepted.'],
    ['docx.comments', 'The file holds comments: they are not published, and the copies handed out leave them out.'],
    ['cover.no_signatory', undefined],
    ['a.new_check', 'What the delegation was told.'],
  ])('%s: %s', (code, said) => {
    expect(reviewerWarning({ code, message: 'What the delegation was told.' }, 1500)).toBe(said);
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
    [
      'a listed signatory the letter does not name',
      { action: 'submit', signatory_id: 'a', cover_type: 'docx', warnings: [tracked, noSignatory] },
      'not_in_letter',
    ],
    ['a PDF letter, not searched', { action: 'submit', signatory_id: 'a', cover_type: 'pdf', warnings: [] }, 'pdf_letter'],
    ['a name typed by the Secretariat', { action: 'submit', signatory_id: null, cover_type: 'docx', warnings: [noSignatory] }, 'typed'],
    ['a name typed by the Secretariat, PDF letter', { action: 'submit', signatory_id: null, cover_type: 'pdf', warnings: [] }, 'typed'],
    ['a withdrawal', { action: 'withdraw', signatory_id: null, cover_type: null, warnings: [] }, undefined],
  ])('%s', (_name, revision, expected) => {
    expect(signatoryCheck(revision)).toBe(expected);
  });
});
