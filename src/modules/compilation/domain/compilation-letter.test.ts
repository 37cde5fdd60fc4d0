// The compilation letter's wording and order, as tables: name forms in lists and headings, English alphabetical
// order by sort key, "A, B and C", the annex order policy, speakers' functions, originals, and the text of a small
// letter line by line.
import { describe, expect, it } from 'vitest';
import { entityByCode, stateByIso3 } from '../../delegations/index.js';
import { documentText } from '../../documents/domain/document-model.js';
import { annexOrder, annexTitle, compilationLetter, functionOf, writtenAnnexNumbers, type AnnexGroup, type CompilationInput, type Delegation, type DelegationItem } from './compilation-letter.js';

function state(iso3: string): Delegation {
  const s = stateByIso3(iso3);
  if (!s) throw new Error(iso3);
  return { code: iso3, kind: 'state', names: { sortKey: s.sortKey, runningText: s.runningText, heading: s.heading } };
}

function entity(code: string): Delegation {
  const e = entityByCode(code);
  if (!e) throw new Error(code);
  return { code, kind: 'entity', names: { sortKey: e.sortKey, runningText: e.runningText, heading: e.heading } };
}

const said = (d: Delegation, title = 'Permanent Representative', name = `Speaker of ${d.code}`, original: 'en' | 'fr' | 'ar' | 'zh' | 'es' | 'ru' = 'en'): DelegationItem => ({
  delegation: d,
  speaker: { name, title },
  original,
  blocks: [{ kind: 'paragraph', text: `Text of ${d.code}.` }],
});

function input(over: Partial<CompilationInput> = {}): CompilationInput {
  return {
    slug: 'sc-2021-05-24-peacekeepers-safety',
    organ: 'Security Council',
    symbol: 'S/2021/500',
    letterDate: '2021-05-27',
    presidentName: 'Zhang Jun',
    meeting: { theme: 'United Nations peacekeeping operations: improving safety and security of peacekeepers', startsAt: new Date('2021-05-24T14:00:00Z'), timeZone: 'America/New_York', format: 'videoconference' },
    briefers: [{ speaker: { name: 'Jean-Pierre Lacroix', title: 'Under-Secretary-General for Peace Operations' }, original: 'en', blocks: [{ kind: 'paragraph', text: 'Briefing text.' }] }],
    council: [said(state('NER')), said(state('CHN')), said(state('EST')), said(state('GBR'))],
    live: [],
    written: [said(state('IRN')), said(entity('eu'), 'Head of the Delegation'), said(state('BOL')), said(state('ARG'), 'Permanent Representative', 'A', 'es')],
    procedure: 'In accordance with the procedure agreed for this period, the present letter and its annexes will be issued as a document of the Security Council.',
    ...over,
  };
}

describe('name forms and order in the letter', () => {
  const text = documentText(compilationLetter(input()));

  it('names the Council members in running-text form, in English alphabetical order, joined "A, B and C"', () => {
    expect(text).toContain('the statements delivered by the representatives of China, Estonia, the Niger and the United Kingdom of Great Britain and Northern Ireland in connection');
  });

  it('lists States and entities together by sort key, in running-text form', () => {
    expect(text).toContain(
      'the following delegations and entities submitted written statements, copies of which are also enclosed: Argentina, the Plurinational State of Bolivia, the European Union and the Islamic Republic of Iran.',
    );
  });

  it('states the meeting and its day, and signs as President', () => {
    expect(text).toContain('in connection with the video-teleconference on “United Nations peacekeeping operations: improving safety and security of peacekeepers”, convened on Monday, 24 May 2021.');
    expect(text).toContain('(Signed) Zhang Jun\nPresident of the Security Council');
    expect(text.split('\n')[7]).toBe('Letter dated 27 May 2021 from the President of the Security Council addressed to the Secretary-General and the Permanent Representatives of the members of the Security Council');
  });

  it.each([
    [[], undefined],
    [[said(state('JPN'))], 'A statement was also delivered by the representative of Japan.'],
    [[said(state('NLD')), said(state('JPN'))], 'Statements were also delivered by the representatives of the Netherlands and Japan.'],
  ])('live speakers %#: %s', (live, sentence) => {
    const t = documentText(compilationLetter(input({ live })));
    if (sentence) expect(t).toContain(sentence);
    else expect(t).not.toMatch(/also delivered by/);
  });

  it('lists every language the enclosed texts were written in', () => {
    expect(compilationLetter(input()).originals).toEqual(['en', 'es']);
    expect(compilationLetter(input({ written: [said(state('EGY'), 'Permanent Representative', 'N', 'ar'), said(state('FRA'), 'Permanent Representative', 'N', 'fr')] })).originals).toEqual(['ar', 'en', 'fr']);
  });
});

describe('annexes', () => {
  it('follow the default order: briefers as they spoke, Council members, live speakers, written statements by name', () => {
    const order = annexOrder(input({ live: [said(state('JPN'))] })).map(({ group, item }) => `${group}:${'delegation' in item ? item.delegation.code : item.speaker.name}`);
    expect(order).toEqual(['briefers:Jean-Pierre Lacroix', 'council:CHN', 'council:EST', 'council:NER', 'council:GBR', 'live:JPN', 'written:ARG', 'written:BOL', 'written:eu', 'written:IRN']);
  });

  it('follow a declared order when one is given', () => {
    const order = annexOrder(input({ order: ['written', 'briefers'] })).map(({ group }) => group);
    expect(order).toEqual(['written', 'written', 'written', 'written', 'briefers']);
  });

  it('are numbered in Roman numerals with their titles', () => {
    const model = compilationLetter(input());
    expect(model.attachments.map((a) => a.heading).slice(0, 3)).toEqual(['Annex I', 'Annex II', 'Annex III']);
    expect(model.attachments[0]?.title).toEqual(['Briefing by the Under-Secretary-General for Peace Operations, Jean-Pierre Lacroix']);
    expect(model.attachments.at(-1)?.title).toEqual(['Statement by the Permanent Representative of Iran (Islamic Republic of) to the United Nations, Speaker of IRN']);
  });

  it.each([
    ['Permanent Representative', state('NER'), 'Permanent Representative of the Niger to the United Nations'],
    ['Deputy Permanent Representative', state('GBR'), 'Deputy Permanent Representative of the United Kingdom of Great Britain and Northern Ireland to the United Nations'],
    ["Chargé d'affaires a.i.", state('BOL'), "Chargé d'affaires a.i. of the Permanent Mission of Bolivia (Plurinational State of) to the United Nations"],
    ['Permanent Observer', state('PSE'), 'Permanent Observer of the State of Palestine to the United Nations'],
    ['Head of the Delegation', entity('eu'), 'Head of the Delegation of the European Union'],
  ] as const)('the function of a %s of %j', (title, d, expected) => {
    expect(functionOf({ name: 'N', title }, d)).toBe(expected);
  });

  const keyed = (...codes: string[]) => codes.map((code) => ({ code, sortKey: (stateByIso3(code) ?? entityByCode(code))!.sortKey }));
  it.each<[string, { order?: AnnexGroup[]; briefers: number; council: string[]; live: number }, Array<[string, number]>]>([
    ['written statements alone, by name', { briefers: 0, council: [], live: 0 }, [['ARG', 1], ['BOL', 2], ['eu', 3], ['IRN', 4]]],
    ['after two briefings, three Council members and one live speaker', { briefers: 2, council: ['NER', 'CHN', 'EST'], live: 1 }, [['ARG', 7], ['BOL', 8], ['eu', 9], ['IRN', 10]]],
    ['first, when the order puts them first', { order: ['written', 'briefers', 'council', 'live'], briefers: 2, council: ['NER'], live: 1 }, [['ARG', 1], ['BOL', 2], ['eu', 3], ['IRN', 4]]],
    ['between the briefings and the Council members', { order: ['briefers', 'written', 'council', 'live'], briefers: 1, council: ['NER'], live: 0 }, [['ARG', 2], ['BOL', 3], ['eu', 4], ['IRN', 5]]],
  ])('of the written statements are numbered %s', (_case, o, expected) => {
    // Given in another order than the annexes': the numbers follow the names.
    const numbers = writtenAnnexNumbers({ ...o, council: keyed(...o.council), written: keyed('IRN', 'eu', 'BOL', 'ARG') });
    expect([...numbers].sort((a, b) => a[1] - b[1])).toEqual(expected);
  });

  it.each<[string, AnnexGroup[] | undefined]>([
    ['the default order', undefined],
    ['a declared order', ['live', 'written', 'council', 'briefers']],
  ])('of the written statements, in %s, are those the letter prints', (_case, order) => {
    const letter = input({ live: [said(state('JPN'))], ...(order ? { order } : {}) });
    const model = compilationLetter(letter);
    const numbers = writtenAnnexNumbers({
      ...(order ? { order } : {}),
      briefers: letter.briefers.length,
      council: letter.council.map((c) => ({ code: c.delegation.code, sortKey: c.delegation.names.sortKey })),
      live: letter.live.length,
      written: letter.written.map((w) => ({ code: w.delegation.code, sortKey: w.delegation.names.sortKey })),
    });
    expect(numbers.size).toBe(letter.written.length);
    for (const w of letter.written) {
      expect(model.attachments[numbers.get(w.delegation.code)! - 1]?.title).toEqual([annexTitle(w)]);
    }
  });

  it('says when a statement speaks for a group', () => {
    expect(annexTitle({ ...said(state('NOR'), 'Permanent Representative', 'Mona Juul'), onBehalfOf: 'the Nordic countries' })).toBe(
      'Statement by the Permanent Representative of Norway to the United Nations, Mona Juul, on behalf of the Nordic countries',
    );
  });
});
