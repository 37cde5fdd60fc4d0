// Finding a statement's annex in the issued document: by its title and text, whatever the order of the groups and
// whatever comes before it; a statement the document does not enclose has none.
import { describe, expect, it } from 'vitest';
import { arabicContent, plain, richContent } from '../../../../test/fixtures/rich-content.js';
import { stateByIso3 } from '../../delegations/index.js';
import type { Block } from '../../documents/index.js';
import type { StatementContentJson } from '../../documents/domain/document-model.js';
import { statementBlocks } from '../commands/compile.js';
import { annexTitle, compilationLetter, type DelegationItem } from './compilation-letter.js';
import { enclosingRun, findAnnex, publishedInput, statementDocument } from './publication.js';

const content = (words: string): StatementContentJson => ({
  blocks: [plain(words)],
  footnotes: [],
  endnotes: [],
  hasTrackedChanges: false,
  hasComments: false,
  images: [],
});

function item(code: string, blocks: Block[], speaker = `Envoy ${code}`): DelegationItem {
  const state = stateByIso3(code)!;
  return {
    delegation: { code, kind: 'state', names: { sortKey: state.sortKey, runningText: state.runningText, heading: state.heading } },
    speaker: { name: speaker, title: 'Permanent Representative' },
    original: 'en',
    blocks,
  };
}

const niger = item('NER', statementBlocks(richContent(), 'fr'));
const brazil = item('BRA', statementBlocks(content('Brazil supports the safety of peacekeepers.'), 'en'));
const egypt = item('EGY', statementBlocks(arabicContent(), 'ar'));

function letter(o: { written: DelegationItem[]; live?: DelegationItem[]; order?: Array<'briefers' | 'council' | 'live' | 'written'> }) {
  return compilationLetter({
    slug: 'sc-2021-05-24-peacekeepers-safety',
    organ: 'Security Council',
    symbol: 'S/2021/500',
    letterDate: '2021-05-26',
    presidentName: 'Zhang Jun',
    meeting: {
      theme: 'Safety of peacekeepers',
      startsAt: new Date('2021-05-24T14:00:00Z'),
      timeZone: 'America/New_York',
      format: 'videoconference',
    },
    briefers: [],
    council: [],
    live: o.live ?? [],
    written: o.written,
    procedure: 'The procedure.',
    ...(o.order ? { order: o.order } : {}),
  });
}

const find = (model: ReturnType<typeof letter>, i: DelegationItem) => findAnnex(model, { title: annexTitle(i), blocks: i.blocks })?.number;

describe('findAnnex', () => {
  it('numbers the written statements in English alphabetical order of the delegations, as printed', () => {
    const model = letter({ written: [niger, brazil, egypt] });
    expect([find(model, brazil), find(model, egypt), find(model, niger)]).toEqual([1, 2, 3]);
    expect(model.attachments[2]!.heading).toBe('Annex III');
    expect(findAnnex(model, { title: annexTitle(niger), blocks: niger.blocks })?.label).toBe('Annex III');
  });

  it('names the only annex of a document "Annex", as its heading does', () => {
    const model = letter({ written: [brazil] });
    expect(model.attachments[0]!.heading).toMatch(/^Annex to the letter dated 26 May 2021 from the President of the Security Council/);
    expect(findAnnex(model, { title: annexTitle(brazil), blocks: brazil.blocks })).toMatchObject({ number: 1, label: 'Annex' });
  });

  it('counts the annexes that come before the written statements, whatever the order of the groups', () => {
    const live = item('ARG', statementBlocks(null, 'es'), 'Speaker of Argentina');
    expect(find(letter({ written: [niger, brazil], live: [live] }), brazil)).toBe(2);
    expect(find(letter({ written: [niger, brazil], live: [live], order: ['written', 'live', 'briefers', 'council'] }), brazil)).toBe(1);
  });

  it('finds nothing for a statement the document does not enclose, or for other words under the same title', () => {
    const model = letter({ written: [niger, egypt] });
    expect(find(model, brazil)).toBeUndefined();
    const rewritten = { ...niger, blocks: statementBlocks(content('Other words.'), 'fr') };
    expect(find(model, rewritten)).toBeUndefined();
  });

  it('tells apart the same words enclosed twice by their titles, and finds words enclosed once under a title written since', () => {
    const twice = item('ARG', brazil.blocks, 'Speaker of Argentina');
    const model = letter({ written: [brazil, twice, niger] });
    expect([find(model, twice), find(model, brazil)]).toEqual([1, 2]);
    expect(find(model, { ...niger, speaker: { name: 'Another name', title: 'Permanent Representative' } })).toBe(3);
  });
});

describe('publishedInput', () => {
  it('is the frozen input of the delegation, only when the run encloses it', () => {
    const inputs = { written: [{ delegation: 'BRA', revisionId: 'r1', statementSha256: 'a', coverSha256: 'b' }] };
    expect(publishedInput(inputs, 'BRA')?.revisionId).toBe('r1');
    expect(publishedInput(inputs, 'ARG')).toBeUndefined();
  });
});

describe('enclosingRun', () => {
  const w = (delegation: string, revisionId: string) => ({ delegation, revisionId, statementSha256: 'a', coverSha256: 'b' });
  const original = {
    seq: 1,
    symbol: 'S/2021/500',
    issued_at: new Date('2021-05-26T12:00:00Z'),
    inputs: { written: [w('BRA', 'r1'), w('IRN', 'r2')] },
  };
  const corrigendum = {
    seq: 3,
    symbol: 'S/2021/500/Corr.1',
    issued_at: new Date('2021-05-28T12:00:00Z'),
    inputs: { written: [w('BRA', 'r3'), w('ARG', 'r4')] },
  };
  it.each([
    ['a statement in the original and its corrigendum: the corrigendum’s', 'BRA', 'S/2021/500/Corr.1', 'r3'],
    ['a statement only in the original: the original’s', 'IRN', 'S/2021/500', 'r2'],
    ['a statement only in the corrigendum', 'ARG', 'S/2021/500/Corr.1', 'r4'],
    ['a statement in no issued run: private', 'CHL', undefined, undefined],
  ] as const)('%s', (_label, code, symbol, revision) => {
    for (const runs of [
      [original, corrigendum],
      [corrigendum, original],
    ]) {
      const found = enclosingRun(runs, code);
      expect(found?.run.symbol).toBe(symbol);
      expect(found?.input.revisionId).toBe(revision);
    }
  });

  it('takes the run issued last, not the one built last', () => {
    const builtLaterIssuedFirst = { ...corrigendum, seq: 9, issued_at: new Date('2021-05-27T12:00:00Z') };
    const builtEarlierIssuedLast = { ...original, seq: 2, symbol: 'S/2021/500/Corr.2', issued_at: new Date('2021-05-29T12:00:00Z') };
    expect(enclosingRun([builtLaterIssuedFirst, builtEarlierIssuedLast], 'BRA')?.run.symbol).toBe('S/2021/500/Corr.2');
    expect(enclosingRun([], 'BRA')).toBeUndefined();
  });
});

describe('statementDocument', () => {
  it('is a document of its own: the statement’s title and text, its language, "Draft" until issued', () => {
    const model = statementDocument({
      symbol: null,
      date: '2021-05-20',
      original: 'fr',
      title: annexTitle(niger),
      blocks: niger.blocks,
      workPath: '/debates/x/compilation',
    });
    expect(model).toMatchObject({
      symbol: null,
      originals: ['fr'],
      title: 'Statement by the Permanent Representative of the Niger to the United Nations, Envoy NER',
      attachments: [],
    });
  });
});
