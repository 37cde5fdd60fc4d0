// The announcement letter's wording, generated from a debate's data: the golden text of the demo debate's letter,
// tables of the formulas that vary with the data (sender, State names, dates, headings, contacts), and of the
// sentences that count what the letter carries, with one, two and many of each.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoLetterModel } from '../../../../test/letter-fixture.js';
import { stateByIso3 } from '../../delegations/index.js';
import type { Block } from '../../documents/index.js';
import { documentText } from '../../documents/domain/document-model.js';
import {
  announcementLetter,
  bareHeading,
  letterTitle,
  senderPhrase,
  type AnnouncementLetterInput,
  type LetterContact,
} from './announcement-letter.js';

const GOLDEN = new URL('../../../../test/golden/announcement-letter-2021-05.txt', import.meta.url);

function state(iso3: string) {
  const s = stateByIso3(iso3);
  if (!s) throw new Error(iso3);
  return s;
}

function input(over: Partial<AnnouncementLetterInput> = {}): AnnouncementLetterInput {
  return {
    slug: 'x',
    organ: 'Security Council',
    symbol: 'S/2021/7',
    letterDate: '2021-05-05',
    letterOriginal: 'en',
    conceptNoteOriginal: 'en',
    presidingState: state('CHN'),
    senderTitle: 'Permanent Representative',
    signedBy: 'A. Person',
    signatureLines: [],
    theme: 'A theme',
    startsAt: new Date('2021-05-24T14:00:00Z'),
    timeZone: 'America/New_York',
    wordGuidance: 500,
    platform: 'the Rostrum platform',
    conceptNote: { sections: [{ heading: 'Background', paragraphs: ['One.'], questions: [] }] },
    guidanceNote: { paragraphs: ['Guidance.'], steps: [] },
    contacts: [],
    ...over,
  };
}

describe('the announcement letter of the demo debate (golden text)', () => {
  it('matches test/golden/announcement-letter-2021-05.txt line by line', () => {
    const text = documentText(demoLetterModel('S/2021/442'));
    expect(text.split('\n')).toEqual(readFileSync(GOLDEN, 'utf8').split('\n'));
  });

  it('has the header block, title, formulas, annex and enclosure headings, numbering and signature of the source', () => {
    const lines = documentText(demoLetterModel('S/2021/442')).split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'United Nations',
      'Security Council',
      'S/2021/442',
      'Distr.: General',
      '5 May 2021',
      'Original: English',
    ]);
    expect(lines).toContain(
      'Letter dated 5 May 2021 from the Permanent Representative of China to the United Nations addressed to the Secretary-General',
    );
    expect(lines).toContain(
      'I should be grateful if the present letter and its annex could be circulated as a document of the Security Council.',
    );
    expect(lines).toContain('(Signed) Zhang Jun');
    expect(lines).toContain(
      'Annex to the letter dated 5 May 2021 from the Permanent Representative of China to the United Nations addressed to the ' +
        'Secretary-General',
    );
    expect(lines).toContain('[Original: Chinese]');
    expect(lines.filter((l) => /^[IV]+\. /.test(l))).toEqual([
      'I. Background',
      'II. Objective',
      'III. Focus of discussion',
      'IV. Format of the meeting',
    ]);
    expect(lines.filter((l) => /^\d+\. /.test(l)).map((l) => l.split('.')[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(lines.filter((l) => /^\([a-z]\) /.test(l)).map((l) => l.slice(0, 3))).toEqual(['(a)', '(b)', '(c)', '(d)']);
    expect(lines.indexOf('Enclosure')).toBeGreaterThan(lines.indexOf('IV. Format of the meeting'));
  });

  it('writes "Draft" where the symbol goes before the letter is issued', () => {
    expect(documentText(demoLetterModel(null)).split('\n')[2]).toBe('Draft');
  });
});

describe('formulas generated from the data', () => {
  it.each([
    ['Permanent Representative', 'CHN', 'the Permanent Representative of China to the United Nations'],
    ['Permanent Representative', 'NER', 'the Permanent Representative of the Niger to the United Nations'],
    [
      "Chargé d'affaires a.i.",
      'IRN',
      "the Chargé d'affaires a.i. of the Permanent Mission of the Islamic Republic of Iran to the United Nations",
    ],
    [
      "Chargé d'affaires a.i.",
      'GBR',
      "the Chargé d'affaires a.i. of the Permanent Mission of the United Kingdom of Great Britain and Northern Ireland to the United " +
        'Nations',
    ],
  ] as const)('%s of %s: "%s"', (title, iso3, phrase) => {
    expect(senderPhrase(title, state(iso3))).toBe(phrase);
    expect(letterTitle({ letterDate: '2021-11-03', senderTitle: title, presidingState: state(iso3) })).toBe(
      `Letter dated 3 November 2021 from ${phrase} addressed to the Secretary-General`,
    );
  });

  it.each([
    ['a meeting in the letter’s year is dated without the year', '2021-05-05', new Date('2021-05-24T14:00:00Z'), 'on 24 May.'],
    ['a meeting in the next year carries its year', '2021-12-20', new Date('2022-01-05T15:00:00Z'), 'on 5 January 2022.'],
    ['the meeting day is the one in New York, not in UTC', '2021-05-05', new Date('2021-05-25T02:00:00Z'), 'on 24 May.'],
  ])('%s', (_name, letterDate, startsAt, ending) => {
    const first = announcementLetter(input({ letterDate, startsAt })).blocks[0] as Extract<Block, { kind: 'paragraph' }>;
    expect(first.text.endsWith(ending)).toBe(true);
  });

  it('names the presiding State in running-text form inside sentences', () => {
    const model = announcementLetter(input({ presidingState: state('NER'), startsAt: new Date('2021-12-10T15:00:00Z') }));
    expect(model.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')).join(' ')).toContain(
      'for the month of December, the Niger intends to organize',
    );
  });

  it('generates the signer’s function from the formal name when none is entered', () => {
    const model = announcementLetter(input({ presidingState: state('NER') }));
    expect(model.blocks.at(-1)).toEqual({
      kind: 'signature',
      name: 'A. Person',
      lines: ['Permanent Representative of the Republic of the Niger to the United Nations'],
    });
  });

  it.each([
    ['Background', 'Background'],
    ['I. Background', 'Background'],
    ['  IV.  Format of the meeting ', 'Format of the meeting'],
    ['Iceland and the Arctic', 'Iceland and the Arctic'],
    ['V.I.P. access', 'V.I.P. access'],
  ])('section heading %j is numbered by the product as %j', (typed, bare) => {
    expect(bareHeading(typed)).toBe(bare);
  });

  it('numbers paragraphs across sections and letters questions within a section', () => {
    const model = announcementLetter(
      input({
        conceptNote: {
          sections: [
            { heading: 'A', paragraphs: ['p1', 'p2'], questions: [] },
            { heading: 'B', paragraphs: ['p3'], questions: ['q1', 'q2'] },
          ],
        },
      }),
    );
    const annex = model.attachments[0]!;
    expect(annex.blocks).toEqual([
      { kind: 'heading', number: 'I', text: 'A' },
      { kind: 'numbered', number: 1, text: 'p1' },
      { kind: 'numbered', number: 2, text: 'p2' },
      { kind: 'heading', number: 'II', text: 'B' },
      { kind: 'numbered', number: 3, text: 'p3' },
      { kind: 'lettered', label: 'a', text: 'q1' },
      { kind: 'lettered', label: 'b', text: 'q2' },
    ]);
  });

  it.each([
    [
      { purpose: 'technical', unit: 'Help desk', phone: '212 963 3333', email: 'h@un.org' },
      'For technical support related to user logins and passwords, please contact the Help desk at 212 963 3333 or by email at h@un.org.',
    ],
    [
      { purpose: 'substantive', unit: 'Security Council Affairs Division', phone: null, email: 's@un.org' },
      'For other questions related to the open debate, please contact the Security Council Affairs Division by email at s@un.org.',
    ],
    [
      { purpose: 'substantive', unit: 'Division', phone: '1 212 555', email: null },
      'For other questions related to the open debate, please contact the Division at 1 212 555.',
    ],
  ] as const)('contact sentence for %j', (contact, sentence) => {
    const enclosure = announcementLetter(input({ contacts: [contact] })).attachments[0]!.attachments[0]!;
    expect(enclosure.blocks.at(-1)).toEqual({ kind: 'paragraph', text: sentence });
  });
});

describe('wording follows counts', () => {
  const technical = (n: number): LetterContact => ({ purpose: 'technical', unit: `Help desk ${n}`, phone: null, email: `help${n}@un.org` });
  const substantive = (n: number): LetterContact => ({
    purpose: 'substantive',
    unit: `Division ${n}`,
    phone: `212 555 000${n}`,
    email: null,
  });
  const section = (n: number, questions: number) => ({
    heading: `Section ${n}`,
    paragraphs: [`Paragraph ${n}.`],
    questions: Array.from({ length: questions }, (_, i) => `Question ${n}.${i + 1}?`),
  });
  const paragraphs = (model: ReturnType<typeof announcementLetter>) =>
    model.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
  const LETTER = [
    'In its capacity as President of the Security Council for the month of May, China intends to organize an open debate on the ' +
      'theme “A theme” on 24 May.',
    'In order to guide the discussions on this topic, China has prepared a concept note (see annex).',
    'Member States and observers wishing to participate are invited to submit a written statement of approximately 500 words through ' +
      'the Rostrum platform (see enclosure).',
    'I should be grateful if the present letter and its annex could be circulated as a document of the Security Council.',
  ];

  it.each([
    ['one contact, one section with one question', [technical(1)], [section(1, 1)]],
    ['two contacts, two sections with two questions each', [technical(1), substantive(1)], [section(1, 2), section(2, 2)]],
    [
      'many contacts, many sections and questions',
      [substantive(1), technical(1), technical(2), substantive(2)],
      [section(1, 0), section(2, 4), section(3, 1), section(4, 3)],
    ],
  ])('%s: the letter carries one annex and one enclosure, and says so in the singular', (_name, contacts, sections) => {
    const model = announcementLetter(input({ contacts, conceptNote: { sections } }));
    expect(paragraphs(model)).toEqual(LETTER);
    expect(model.attachments.map((a) => a.heading)).toEqual([
      'Annex to the letter dated 5 May 2021 from the Permanent Representative of China to the United Nations addressed to the ' +
        'Secretary-General',
    ]);
    expect(model.attachments[0]!.attachments.map((a) => a.heading)).toEqual(['Enclosure']);
    // One sentence for each contact, technical ones first, each naming its one unit.
    const sentences = model.attachments[0]!.attachments[0]!.blocks.flatMap((b) =>
      b.kind === 'paragraph' && b.text.startsWith('For ') ? [b.text] : [],
    );
    expect(sentences).toEqual(
      [...contacts]
        .sort((a, b) => (a.purpose === b.purpose ? 0 : a.purpose === 'technical' ? -1 : 1))
        .map((c) => expect.stringContaining(`please contact the ${c.unit} `)),
    );
  });

  it.each([
    [1, 'a written statement of approximately 1 word through'],
    [2, 'a written statement of approximately 2 words through'],
    [500, 'a written statement of approximately 500 words through'],
  ])('a suggested length of %i: "%s"', (wordGuidance, phrase) => {
    expect(paragraphs(announcementLetter(input({ wordGuidance })))[2]).toContain(phrase);
  });
});
