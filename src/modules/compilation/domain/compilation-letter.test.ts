// The compilation letter's wording and order, as tables: name forms in lists and headings, English alphabetical
// order by sort key, "A, B and C", the annex order policy, speakers' functions, originals, the text of a small
// letter line by line, and every sentence that counts briefings, statements, briefers or representatives with one,
// two and many of each.
import { describe, expect, it } from 'vitest';
import { entityByCode, stateByIso3 } from '../../delegations/index.js';
import { documentText } from '../../documents/domain/document-model.js';
import {
  agreeAnnexes,
  annexOrder,
  annexTitle,
  compilationLetter,
  functionOf,
  joinBriefers,
  writtenAnnexNumbers,
  type AnnexGroup,
  type BriefingItem,
  type CompilationInput,
  type Delegation,
  type DelegationItem,
} from './compilation-letter.js';

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

const said = (
  d: Delegation,
  title = 'Permanent Representative',
  name = `Speaker of ${d.code}`,
  original: 'en' | 'fr' | 'ar' | 'zh' | 'es' | 'ru' = 'en',
): DelegationItem => ({
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
    meeting: {
      theme: 'United Nations peacekeeping operations: improving safety and security of peacekeepers',
      startsAt: new Date('2021-05-24T14:00:00Z'),
      timeZone: 'America/New_York',
      format: 'videoconference',
    },
    briefers: [
      {
        speaker: { name: 'Jean-Pierre Lacroix', title: 'Under-Secretary-General for Peace Operations' },
        original: 'en',
        blocks: [{ kind: 'paragraph', text: 'Briefing text.' }],
      },
    ],
    council: [said(state('NER')), said(state('CHN')), said(state('EST')), said(state('GBR'))],
    live: [],
    written: [
      said(state('IRN')),
      said(entity('eu'), 'Head of the Delegation'),
      said(state('BOL')),
      said(state('ARG'), 'Permanent Representative', 'A', 'es'),
    ],
    procedure:
      'In accordance with the procedure agreed for this period, the present letter and its annexes will be issued as a document of ' +
      'the Security Council.',
    ...over,
  };
}

describe('name forms and order in the letter', () => {
  const text = documentText(compilationLetter(input()));

  it('names the Council members in running-text form, in English alphabetical order, joined "A, B and C"', () => {
    expect(text).toContain(
      'the statements delivered by the representatives of China, Estonia, the Niger and the United Kingdom of Great Britain and ' +
        'Northern Ireland in connection',
    );
  });

  it('lists States and entities together by sort key, in running-text form', () => {
    expect(text).toContain(
      'the following delegations and entities submitted written statements, copies of which are also enclosed: Argentina, the ' +
        'Plurinational State of Bolivia, the European Union and the Islamic Republic of Iran.',
    );
  });

  it('states the meeting and its day, and signs as President', () => {
    expect(text).toContain(
      'in connection with the video-teleconference on “United Nations peacekeeping operations: improving safety and security of ' +
        'peacekeepers”, convened on Monday, 24 May 2021.',
    );
    expect(text).toContain('(Signed) Zhang Jun\nPresident of the Security Council');
    expect(text.split('\n')[7]).toBe(
      'Letter dated 27 May 2021 from the President of the Security Council addressed to the Secretary-General and the Permanent ' +
        'Representatives of the members of the Security Council',
    );
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
    expect(
      compilationLetter(
        input({
          written: [said(state('EGY'), 'Permanent Representative', 'N', 'ar'), said(state('FRA'), 'Permanent Representative', 'N', 'fr')],
        }),
      ).originals,
    ).toEqual(['ar', 'en', 'fr']);
  });
});

describe('annexes', () => {
  it('follow the default order: briefers as they spoke, Council members, live speakers, written statements by name', () => {
    const order = annexOrder(input({ live: [said(state('JPN'))] })).map(
      ({ group, item }) => `${group}:${'delegation' in item ? item.delegation.code : item.speaker.name}`,
    );
    expect(order).toEqual([
      'briefers:Jean-Pierre Lacroix',
      'council:CHN',
      'council:EST',
      'council:NER',
      'council:GBR',
      'live:JPN',
      'written:ARG',
      'written:BOL',
      'written:eu',
      'written:IRN',
    ]);
  });

  it('follow a declared order when one is given', () => {
    const order = annexOrder(input({ order: ['written', 'briefers'] })).map(({ group }) => group);
    expect(order).toEqual(['written', 'written', 'written', 'written', 'briefers']);
  });

  it('are numbered in Roman numerals with their titles', () => {
    const model = compilationLetter(input());
    expect(model.attachments.map((a) => a.heading).slice(0, 3)).toEqual(['Annex I', 'Annex II', 'Annex III']);
    expect(model.attachments[0]?.title).toEqual(['Briefing by the Under-Secretary-General for Peace Operations, Jean-Pierre Lacroix']);
    expect(model.attachments.at(-1)?.title).toEqual([
      'Statement by the Permanent Representative of Iran (Islamic Republic of) to the United Nations, Speaker of IRN',
    ]);
  });

  it.each([
    ['Permanent Representative', state('NER'), 'Permanent Representative of the Niger to the United Nations'],
    [
      'Deputy Permanent Representative',
      state('GBR'),
      'Deputy Permanent Representative of the United Kingdom of Great Britain and Northern Ireland to the United Nations',
    ],
    [
      "Chargé d'affaires a.i.",
      state('BOL'),
      "Chargé d'affaires a.i. of the Permanent Mission of Bolivia (Plurinational State of) to the United Nations",
    ],
    ['Permanent Observer', state('PSE'), 'Permanent Observer of the State of Palestine to the United Nations'],
    ['Head of the Delegation', entity('eu'), 'Head of the Delegation of the European Union'],
  ] as const)('the function of a %s of %j', (title, d, expected) => {
    expect(functionOf({ name: 'N', title }, d)).toBe(expected);
  });

  const keyed = (...codes: string[]) => codes.map((code) => ({ code, sortKey: (stateByIso3(code) ?? entityByCode(code))!.sortKey }));
  it.each<[string, { order?: AnnexGroup[]; briefers: number; council: string[]; live: number }, Array<[string, number]>]>([
    [
      'written statements alone, by name',
      { briefers: 0, council: [], live: 0 },
      [
        ['ARG', 1],
        ['BOL', 2],
        ['eu', 3],
        ['IRN', 4],
      ],
    ],
    [
      'after two briefings, three Council members and one live speaker',
      { briefers: 2, council: ['NER', 'CHN', 'EST'], live: 1 },
      [
        ['ARG', 7],
        ['BOL', 8],
        ['eu', 9],
        ['IRN', 10],
      ],
    ],
    [
      'first, when the order puts them first',
      { order: ['written', 'briefers', 'council', 'live'], briefers: 2, council: ['NER'], live: 1 },
      [
        ['ARG', 1],
        ['BOL', 2],
        ['eu', 3],
        ['IRN', 4],
      ],
    ],
    [
      'between the briefings and the Council members',
      { order: ['briefers', 'written', 'council', 'live'], briefers: 1, council: ['NER'], live: 0 },
      [
        ['ARG', 2],
        ['BOL', 3],
        ['eu', 4],
        ['IRN', 5],
      ],
    ],
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

const briefing = (name: string, title: string): BriefingItem => ({
  speaker: { name, title },
  original: 'en',
  blocks: [{ kind: 'paragraph', text: `Briefing by ${name}.` }],
});
const LACROIX = briefing('Jean-Pierre Lacroix', 'Under-Secretary-General for Peace Operations');
const KHARE = briefing('Atul Khare', 'Under-Secretary-General for Operational Support');
const MICHAUD = briefing('Gilles Michaud', 'Under-Secretary-General for Safety and Security');
const MEETING =
  'the video-teleconference on “United Nations peacekeeping operations: improving safety and security of peacekeepers”, convened on ' +
  'Monday, 24 May 2021';
const PROCEDURE =
  'In accordance with the procedure agreed for this period, the present letter and its annexes will be issued as a document of the ' +
  'Security Council.';

/** The letter's paragraphs, in order (the signature left out). */
function paragraphs(over: Partial<CompilationInput>): string[] {
  return compilationLetter(input({ briefers: [], council: [], live: [], written: [], procedure: PROCEDURE, ...over })).blocks.flatMap(
    (b) => (b.kind === 'paragraph' ? [b.text] : []),
  );
}

describe('wording follows counts', () => {
  it.each([
    [
      'one briefing',
      [LACROIX],
      [],
      `a copy of the briefing provided by Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations, in connection with ` +
        `${MEETING}.`,
    ],
    [
      'two briefings',
      [LACROIX, KHARE],
      [],
      `copies of the briefings provided by Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations; and Atul Khare, ` +
        `Under-Secretary-General for Operational Support, in connection with ${MEETING}.`,
    ],
    [
      'three briefings',
      [LACROIX, KHARE, MICHAUD],
      [],
      `copies of the briefings provided by Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations; Atul Khare, ` +
        `Under-Secretary-General for Operational Support; and Gilles Michaud, Under-Secretary-General for Safety and Security, in ` +
        `connection with ${MEETING}.`,
    ],
    [
      'one Council member',
      [],
      [said(state('CHN'))],
      `the statement delivered by the representative of China in connection with ${MEETING}.`,
    ],
    [
      'two Council members',
      [],
      [said(state('NER')), said(state('CHN'))],
      `the statements delivered by the representatives of China and the Niger in connection with ${MEETING}.`,
    ],
    [
      'three Council members',
      [],
      [said(state('NER')), said(state('EST')), said(state('CHN'))],
      `the statements delivered by the representatives of China, Estonia and the Niger in connection with ${MEETING}.`,
    ],
    [
      'one briefing and one Council member',
      [LACROIX],
      [said(state('CHN'))],
      `a copy of the briefing provided by Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations, as well as the statement ` +
        `delivered by the representative of China in connection with ${MEETING}.`,
    ],
    [
      'two briefings and two Council members',
      [LACROIX, KHARE],
      [said(state('NER')), said(state('CHN'))],
      `copies of the briefings provided by Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations; and Atul Khare, ` +
        `Under-Secretary-General for Operational Support, as well as the statements delivered by the representatives of China and the ` +
        `Niger in connection with ${MEETING}.`,
    ],
    [
      'three briefings and three Council members',
      [LACROIX, KHARE, MICHAUD],
      [said(state('NER')), said(state('EST')), said(state('CHN'))],
      `copies of the briefings provided by Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations; Atul Khare, ` +
        `Under-Secretary-General for Operational Support; and Gilles Michaud, Under-Secretary-General for Safety and Security, as well as ` +
        `the statements delivered by the representatives of China, Estonia and the Niger in connection with ${MEETING}.`,
    ],
  ] as const)('the first sentence encloses %s', (_name, briefers, council, rest) => {
    expect(paragraphs({ briefers: [...briefers], council: [...council] })[0]).toBe(`I have the honour to enclose herewith ${rest}`);
  });

  it.each([
    ['one', [said(state('JPN'))], ['A statement was also delivered by the representative of Japan.']],
    [
      'two',
      [said(state('NLD')), said(state('JPN'))],
      ['Statements were also delivered by the representatives of the Netherlands and Japan.'],
    ],
    [
      'three',
      [said(state('NLD')), said(state('JPN')), said(entity('eu'), 'Head of the Delegation')],
      ['Statements were also delivered by the representatives of the Netherlands, Japan and the European Union.'],
    ],
  ] as const)('%s live speaker(s) after the Council members, in speaking order', (_name, live, sentences) => {
    expect(paragraphs({ council: [said(state('CHN'))], live: [...live] }).slice(1, -1)).toEqual(sentences);
  });

  it.each([
    ['one', [said(state('JPN'))], `the statement delivered by the representative of Japan in connection with ${MEETING}.`],
    [
      'two',
      [said(state('NLD')), said(state('JPN'))],
      `the statements delivered by the representatives of the Netherlands and Japan in connection with ${MEETING}.`,
    ],
    [
      'three',
      [said(state('NLD')), said(state('JPN')), said(state('ARG'))],
      `the statements delivered by the representatives of the Netherlands, Japan and Argentina in connection with ${MEETING}.`,
    ],
  ] as const)(
    '%s live speaker(s) with no briefing and no Council member are what the first sentence encloses, and nothing is "also" delivered',
    (_name, live, rest) => {
      const texts = paragraphs({ live: [...live] });
      expect(texts[0]).toBe(`I have the honour to enclose herewith ${rest}`);
      expect(texts.join('\n')).not.toContain('also delivered');
    },
  );

  it.each([
    ['one State', [said(state('IRN'))], 'the Islamic Republic of Iran submitted a written statement, a copy of which is also enclosed.'],
    [
      'one entity',
      [said(entity('eu'), 'Head of the Delegation')],
      'the European Union submitted a written statement, a copy of which is also enclosed.',
    ],
    [
      'two States',
      [said(state('IRN')), said(state('ARG'))],
      'the following delegations submitted written statements, copies of which are also enclosed: Argentina and the Islamic Republic ' +
        'of Iran.',
    ],
    [
      'three States',
      [said(state('IRN')), said(state('BOL')), said(state('ARG'))],
      'the following delegations submitted written statements, copies of which are also enclosed: Argentina, the Plurinational State ' +
        'of Bolivia and the Islamic Republic of Iran.',
    ],
    [
      'two entities',
      [said(entity('eu'), 'Head of the Delegation'), said(entity('au'), 'Permanent Observer')],
      'the following entities submitted written statements, copies of which are also enclosed: the African Union and the European Union.',
    ],
    [
      'States and an entity',
      [said(state('IRN')), said(entity('eu'), 'Head of the Delegation'), said(state('ARG'))],
      'the following delegations and entities submitted written statements, copies of which are also enclosed: Argentina, the ' +
        'European Union and the Islamic Republic of Iran.',
    ],
  ] as const)('written statements from %s', (_name, written, rest) => {
    expect(paragraphs({ briefers: [LACROIX], written: [...written] })[1]).toBe(
      `In accordance with the understanding reached among Council members for this video-teleconference, ${rest}`,
    );
  });

  it.each([
    ['one', [said(state('IRN'))], 'the Islamic Republic of Iran submitted a written statement, a copy of which is enclosed.'],
    [
      'two',
      [said(state('IRN')), said(state('ARG'))],
      'the following delegations submitted written statements, copies of which are enclosed: Argentina and the Islamic Republic of Iran.',
    ],
    [
      'three',
      [said(state('IRN')), said(state('ARG')), said(entity('eu'), 'Head of the Delegation')],
      'the following delegations and entities submitted written statements, copies of which are enclosed: Argentina, the European ' +
        'Union and the Islamic Republic of Iran.',
    ],
  ] as const)(
    '%s written statement(s) and nothing delivered at the meeting: the letter refers to the meeting, and encloses them without "also"',
    (_name, written, rest) => {
      expect(paragraphs({ written: [...written] })).toEqual([
        `I have the honour to refer to ${MEETING}.`,
        `In accordance with the understanding reached among Council members for this video-teleconference, ${rest}`,
        PROCEDURE.replace('its annexes', written.length === 1 ? 'its annex' : 'its annexes'),
      ]);
    },
  );

  it.each([
    ['one annex', { written: [said(state('IRN'))] }, 'the present letter and its annex will be issued'],
    ['one briefing alone', { briefers: [LACROIX] }, 'the present letter and its annex will be issued'],
    ['two annexes', { briefers: [LACROIX], written: [said(state('IRN'))] }, 'the present letter and its annexes will be issued'],
    [
      'many annexes',
      { briefers: [LACROIX, KHARE], council: [said(state('CHN'))], live: [said(state('JPN'))], written: [said(state('IRN'))] },
      'the present letter and its annexes will be issued',
    ],
  ] as Array<[string, Partial<CompilationInput>, string]>)('the procedure names %s in its number', (_name, over, phrase) => {
    expect(paragraphs(over).at(-1)).toBe(
      `In accordance with the procedure agreed for this period, ${phrase} as a document of the Security Council.`,
    );
  });

  it.each([
    [
      'the period’s text, one annex',
      PROCEDURE,
      1,
      'In accordance with the procedure agreed for this period, the present letter and its annex will be issued as a document of the ' +
        'Security Council.',
    ],
    [
      'a text in the singular, three annexes',
      'The present letter and its annex will be issued; the present letter and its annex are public.',
      3,
      'The present letter and its annexes will be issued; the present letter and its annexes are public.',
    ],
    [
      'a text without the formula',
      'The texts will be issued as a document of the Council.',
      1,
      'The texts will be issued as a document of the Council.',
    ],
  ] as const)('agreeAnnexes: %s', (_name, text, annexes, expected) => {
    expect(agreeAnnexes(text, annexes)).toBe(expected);
  });

  it.each([
    [
      'one annex',
      { written: [said(state('IRN'))] },
      [
        'Annex to the letter dated 27 May 2021 from the President of the Security Council addressed to the Secretary-General and the ' +
          'Permanent Representatives of the members of the Security Council',
      ],
    ],
    ['two annexes', { briefers: [LACROIX], written: [said(state('IRN'))] }, ['Annex I', 'Annex II']],
    [
      'many annexes',
      { briefers: [LACROIX, KHARE], council: [said(state('CHN'))], written: [said(state('IRN'))] },
      ['Annex I', 'Annex II', 'Annex III', 'Annex IV'],
    ],
  ] as Array<[string, Partial<CompilationInput>, string[]]>)('%s: headed as a Council document heads them', (_name, over, headings) => {
    const model = compilationLetter(input({ briefers: [], council: [], live: [], written: [], ...over }));
    expect(model.attachments.map((a) => a.heading)).toEqual(headings);
  });

  it.each([
    [['A, one'], 'A, one'],
    [['A, one', 'B, two'], 'A, one; and B, two'],
    [['A, one', 'B, two', 'C, three'], 'A, one; B, two; and C, three'],
    [['A, one', 'B, two', 'C, three', 'D, four'], 'A, one; B, two; C, three; and D, four'],
  ])('joinBriefers(%j) is %j', (items, joined) => {
    expect(joinBriefers(items)).toBe(joined);
  });
});
