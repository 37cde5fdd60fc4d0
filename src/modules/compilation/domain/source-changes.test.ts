import { describe, expect, it } from 'vitest';
import type { RunInputs } from '../db.js';
import { sourceChanges, type SourcesNow } from './source-changes.js';

const frozen: RunInputs = {
  order: ['briefers', 'council', 'live', 'written'],
  procedure: 'p',
  presidentName: 'n',
  letterDate: '2021-05-24',
  written: [
    { delegation: 'BRA', revisionId: 'bra-1', statementSha256: 'a', coverSha256: 'b' },
    { delegation: 'IRN', revisionId: 'irn-1', statementSha256: 'a', coverSha256: 'b' },
  ],
  briefers: [{ speakerId: 'sp-1', textId: 'tx-1', position: 1, sha256: 'c' }],
};

const unchanged: SourcesNow = {
  accepted: new Map([
    ['BRA', 'bra-1'],
    ['IRN', 'irn-1'],
  ]),
  submissions: new Map([
    ['BRA', { state: 'submitted', revisionId: 'bra-1' }],
    ['IRN', { state: 'submitted', revisionId: 'irn-1' }],
  ]),
  speakers: [{ speakerId: 'sp-1', textId: 'tx-1' }],
};

const names = { delegation: (code: string) => code, speaker: (id: string) => `speaker ${id}` };

describe('what changed since a run froze its sources', () => {
  it('is nothing when every source is as frozen', () => {
    expect(sourceChanges(frozen, unchanged, names)).toEqual([]);
  });

  it.each<[string, Partial<SourcesNow>, Array<{ who: string; what: string }>]>([
    [
      'a replacement accepted',
      {
        accepted: new Map([
          ['BRA', 'bra-2'],
          ['IRN', 'irn-1'],
        ]),
        submissions: new Map([
          ['BRA', { state: 'submitted', revisionId: 'bra-2' }],
          ['IRN', { state: 'submitted', revisionId: 'irn-1' }],
        ]),
      },
      [{ who: 'BRA', what: 'replaced its statement, and the new one is accepted' }],
    ],
    [
      'a replacement awaiting review',
      {
        accepted: new Map([['IRN', 'irn-1']]),
        submissions: new Map([
          ['BRA', { state: 'submitted', revisionId: 'bra-2' }],
          ['IRN', { state: 'submitted', revisionId: 'irn-1' }],
        ]),
      },
      [{ who: 'BRA', what: 'replaced its statement, and the new one awaits review' }],
    ],
    [
      'a withdrawal',
      {
        accepted: new Map([['IRN', 'irn-1']]),
        submissions: new Map([
          ['BRA', { state: 'withdrawn', revisionId: 'bra-2' }],
          ['IRN', { state: 'submitted', revisionId: 'irn-1' }],
        ]),
      },
      [{ who: 'BRA', what: 'withdrew its statement' }],
    ],
    [
      'a statement returned',
      { accepted: new Map([['IRN', 'irn-1']]) },
      [{ who: 'BRA', what: 'has a statement that is no longer accepted' }],
    ],
    [
      'a statement newly accepted',
      {
        accepted: new Map([
          ['BRA', 'bra-1'],
          ['IRN', 'irn-1'],
          ['ARG', 'arg-1'],
        ]),
      },
      [{ who: 'ARG', what: 'has a statement accepted since' }],
    ],
    ['a briefing replaced', { speakers: [{ speakerId: 'sp-1', textId: 'tx-2' }] }, [{ who: 'speaker sp-1', what: 'has a replaced text' }]],
    ['a speaker removed', { speakers: [] }, [{ who: 'speaker sp-1', what: 'was removed from the speakers' }]],
    [
      'a speaker added',
      {
        speakers: [
          { speakerId: 'sp-1', textId: 'tx-1' },
          { speakerId: 'sp-2', textId: 'tx-9' },
        ],
      },
      [{ who: 'speaker sp-2', what: 'was added to the speakers' }],
    ],
  ])('names %s', (_case, now, expected) => {
    expect(sourceChanges(frozen, { ...unchanged, ...now }, names)).toEqual(expected);
  });
});
