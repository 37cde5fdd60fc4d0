import { describe, expect, it } from 'vitest';
import { NUMBERING_XML, STYLES_XML, buildDocx, footnoteRef, footnotesXml, para, run } from '../../../../test/fixtures/docx-builder.js';
import { AppError } from '../../../kernel/errors.js';
import { readDocx, type DocxContent, type DocxParagraph } from '../../../kernel/ooxml/docx.js';
import { importConceptNote } from './concept-note-import.js';
import { conceptNoteSchema, type ConceptNote } from './debate.js';

type Para = Partial<DocxParagraph> & { text: string };
const p = (text: string, props: Partial<DocxParagraph> = {}): Para => ({ text, ...props });
const content = (paragraphs: (string | Para)[]): DocxContent => ({
  paragraphs: paragraphs.map((x) => ({
    numbered: false,
    rtl: false,
    bold: false,
    footnoteIds: [],
    ...(typeof x === 'string' ? { text: x } : x),
  })),
  footnotes: [],
  hasMacros: false,
});

function refusal(paragraphs: (string | Para)[]): { code: string; detail: string } | 'no error' {
  try {
    importConceptNote(content(paragraphs));
    return 'no error';
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { code: err.code, detail: err.detail ?? '' };
  }
}

describe('importConceptNote', () => {
  it('imports a concept note as written in Word: title lines, typed numbers and letters, a footnote', () => {
    const docx = buildDocx({
      styles: STYLES_XML,
      footnotes: footnotesXml({ '1': 'The list of speakers opens two weeks before the meeting.' }),
      body: [
        para(
          'Annex to the letter dated 3 May 2021 from the Permanent Representative of China to the United Nations addressed to the ' +
            'Secretary-General',
        ),
        para('Concept note for the Security Council open debate on keeping the peace through regional partnerships', { bold: true }),
        para('[Original: Chinese]'),
        para(''),
        para('I.\tBackground', { bold: true }),
        para(
          '1.\tConflicts rarely stay within one border, and the neighbours of a country in crisis are often the first to feel its ' +
            'effects and the first able to help.',
        ),
        para(
          '2.\tRegional and subregional organizations have built up mediation teams, early-warning networks and standby capacities ' +
            'over the past two decades.',
        ),
        para(
          '3.\tThe Council has encouraged these efforts in many of its decisions,   and has asked for closer\tconsultation before ' +
            'crises escalate.',
        ),
        para('4.\tYet information still moves slowly between organizations, and mandates sometimes overlap or leave gaps.'),
        para('5.\tThe open debate is a chance to take stock of what has worked and what has not.'),
        para('II.\tObjective', { bold: true }),
        para(
          '6.\tThe debate aims to identify practical steps that would make cooperation between the Council and regional ' +
            'organizations faster and more predictable.',
        ),
        para('III.\tFocus of discussion', { bold: true }),
        para('7.\tMembers and other participants may wish to address the following questions:'),
        para('(a)\tHow can early warnings from regional bodies reach the Council sooner?'),
        para('(b)\tWhich joint tools for mediation have proved their worth, and how can they be scaled up?'),
        para('(c)\tHow should tasks be shared when several organizations are present in the same country?'),
        para('(d)\tWhat support do regional organizations need to sustain their operations?'),
        para('IV.\tFormat of the meeting', { bold: true }),
        para([
          run('8.\tThe meeting will be chaired by the President of the Council. Speakers are asked to keep statements to four minutes.'),
          footnoteRef('1'),
        ]),
      ].join(''),
    });
    const note = importConceptNote(readDocx(docx));
    const expected: ConceptNote = {
      sections: [
        {
          heading: 'Background',
          paragraphs: [
            'Conflicts rarely stay within one border, and the neighbours of a country in crisis are often the first to feel its ' +
              'effects and the first able to help.',
            'Regional and subregional organizations have built up mediation teams, early-warning networks and standby capacities ' +
              'over the past two decades.',
            'The Council has encouraged these efforts in many of its decisions, and has asked for closer consultation before crises ' +
              'escalate.',
            'Yet information still moves slowly between organizations, and mandates sometimes overlap or leave gaps.',
            'The open debate is a chance to take stock of what has worked and what has not.',
          ],
          questions: [],
        },
        {
          heading: 'Objective',
          paragraphs: [
            'The debate aims to identify practical steps that would make cooperation between the Council and regional organizations ' +
              'faster and more predictable.',
          ],
          questions: [],
        },
        {
          heading: 'Focus of discussion',
          paragraphs: ['Members and other participants may wish to address the following questions:'],
          questions: [
            'How can early warnings from regional bodies reach the Council sooner?',
            'Which joint tools for mediation have proved their worth, and how can they be scaled up?',
            'How should tasks be shared when several organizations are present in the same country?',
            'What support do regional organizations need to sustain their operations?',
          ],
        },
        {
          heading: 'Format of the meeting',
          paragraphs: [
            'The meeting will be chaired by the President of the Council. Speakers are asked to keep statements to four minutes.',
          ],
          questions: [],
        },
      ],
    };
    expect(note).toEqual(expected);
    expect(conceptNoteSchema.parse(note)).toEqual(note);
  });

  it('imports a concept note that uses Word heading styles and automatic numbering', () => {
    const docx = buildDocx({
      styles: STYLES_XML,
      numbering: NUMBERING_XML,
      body: [
        para('Concept note', { style: 'Title' }),
        para('Background', { style: 'Heading1' }),
        para('First paragraph.', { numId: 1 }),
        para('Second paragraph.', { numId: 1 }),
        para('Questions', { numId: 3 }),
        para('A first question?', { numId: 2 }),
        para('A second question?', { numId: 2 }),
      ].join(''),
    });
    expect(importConceptNote(readDocx(docx))).toEqual({
      sections: [
        { heading: 'Background', paragraphs: ['First paragraph.', 'Second paragraph.'], questions: [] },
        { heading: 'Questions', paragraphs: [], questions: ['A first question?', 'A second question?'] },
      ],
    });
  });

  const headings: [string, Para, string | undefined][] = [
    ['a typed Roman numeral', p('IV. Format of the meeting'), 'Format of the meeting'],
    ['a typed Roman numeral and a tab', p('XII.\tAnnex'), 'Annex'],
    ['section fifty', p('L. Last'), 'Last'],
    ['style id Heading1', p('Background', { style: 'Heading1' }), 'Background'],
    ['style id Heading2', p('Background', { style: 'Heading2' }), 'Background'],
    ['style name "heading 1" (a translated style id)', p('Contexte', { style: 'Titre1', styleName: 'heading 1' }), 'Contexte'],
    ['style name "Heading 2" in capitals', p('Background', { style: 'H2', styleName: 'Heading 2' }), 'Background'],
    ['outline level 0', p('Background', { outlineLevel: 0 }), 'Background'],
    ['outline level 1', p('Background', { outlineLevel: 1 }), 'Background'],
    ['a heading style and a typed numeral', p('II. Objective', { style: 'Heading1' }), 'Objective'],
    ['automatic upper Roman numbering', p('Objective', { numbered: true, numberFormat: 'upperRoman' }), 'Objective'],
    ['outline level 2 (not a section)', p('Detail', { outlineLevel: 2 }), undefined],
    ['style Heading3 (not a section)', p('Detail', { style: 'Heading3', styleName: 'heading 3' }), undefined],
    ['bold text alone', p('Background', { bold: true }), undefined],
    ['a letter that is also a numeral ("C.")', p('C. Regional cooperation'), undefined],
    ['a malformed numeral', p('IIII. Four'), undefined],
    ['a numeral without a space', p('I.Background'), undefined],
    ['a numeral with nothing after it', p('III.'), undefined],
    [
      'an automatically numbered paragraph that starts like a numeral',
      p('I. Text', { numbered: true, numberFormat: 'decimal' }),
      undefined,
    ],
  ];
  it.each(headings)('takes as section heading: %s', (_label, candidate, heading) => {
    const note = importConceptNote(content(['I. Start', 'Opening text.', candidate, 'Closing text.']));
    expect(note.sections.map((s) => s.heading)).toEqual(heading === undefined ? ['Start'] : ['Start', heading]);
  });

  const bodies: [string, Para, Partial<ConceptNote['sections'][number]>][] = [
    ['a typed number', p('1.\tText.'), { paragraphs: ['Text.'] }],
    ['a two-digit number', p('12. Text.'), { paragraphs: ['Text.'] }],
    ['a year, not a number', p('2021. A year to remember.'), { paragraphs: ['2021. A year to remember.'] }],
    ['an automatic number (text as it is)', p('1. Text.', { numbered: true, numberFormat: 'decimal' }), { paragraphs: ['1. Text.'] }],
    ['a bullet', p('Item.', { numbered: true, numberFormat: 'bullet' }), { paragraphs: ['Item.'] }],
    ['a typed letter', p('(a)\tQuestion?'), { questions: ['Question?'] }],
    ['a later typed letter', p('(d) Question?'), { questions: ['Question?'] }],
    ['an automatic letter', p('Question?', { numbered: true, numberFormat: 'lowerLetter' }), { questions: ['Question?'] }],
    ['a letter without a space', p('(a)Question?'), { paragraphs: ['(a)Question?'] }],
    ['spaces, tabs and breaks', p('  One \t two\n\nthree  '), { paragraphs: ['One two three'] }],
    ['no-break spaces, kept', p('resolution\u00a02532\u00a0(2020)'), { paragraphs: ['resolution\u00a02532\u00a0(2020)'] }],
  ];
  it.each(bodies)('reads a paragraph with %s', (_label, paragraph, expected) => {
    const [section] = importConceptNote(content(['I. Section', paragraph])).sections;
    expect(section).toEqual({ heading: 'Section', paragraphs: [], questions: [], ...expected });
  });

  it('skips what comes before the first heading, empty paragraphs and sections left empty', () => {
    const note = importConceptNote(
      content([
        'Annex',
        'Concept note for the open debate',
        '[Original: Chinese]',
        'I. Empty',
        '   ',
        '',
        'II. Full',
        '\t',
        'Text.',
        'III. Empty at the end',
      ]),
    );
    expect(note).toEqual({ sections: [{ heading: 'Full', paragraphs: ['Text.'], questions: [] }] });
  });

  const refused: [string, (string | Para)[], string, RegExp][] = [
    ['no heading at all', ['Concept note', 'Some text.'], 'concept_note.no_sections', /no section heading/],
    [
      'headings with nothing under them',
      ['I. Background', 'II. Objective'],
      'concept_note.no_sections',
      /2 section headings, none followed by text/,
    ],
    ['an empty document', [], 'concept_note.no_sections', /no section heading/],
    [
      '51 sections',
      Array.from({ length: 51 }, (_, i) => [p(`Section ${i}`, { style: 'Heading1' }), 'Text.']).flat(),
      'input.invalid',
      /51 sections; the limit is 50/,
    ],
    [
      '501 paragraphs',
      ['I. Long', ...Array.from({ length: 501 }, (_, i) => `Paragraph ${i}.`)],
      'input.invalid',
      /more than 500 paragraphs/,
    ],
    [
      '501 paragraphs and questions',
      ['I. Long', ...Array.from({ length: 250 }, () => 'Text.'), ...Array.from({ length: 251 }, () => '(a) Question?')],
      'input.invalid',
      /more than 500/,
    ],
    ['a paragraph of 20,001 characters', ['I. Long', 'x'.repeat(20_001)], 'input.invalid', /20001 characters; the limit is 20000/],
    ['a heading of 20,001 characters', [p('y'.repeat(20_001), { style: 'Heading1' }), 'Text.'], 'input.invalid', /20001 characters/],
  ];
  it.each(refused)('refuses %s', (_label, paragraphs, code, detail) => {
    expect(refusal(paragraphs)).toMatchObject({ code, detail: expect.stringMatching(detail) });
  });

  it('accepts the limits themselves', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => [p(`Section ${i}`, { style: 'Heading1' }), 'Text.']).flat();
    expect(importConceptNote(content(fifty)).sections).toHaveLength(50);
    const many = importConceptNote(content(['I. Long', ...Array.from({ length: 500 }, () => 'x'.repeat(20_000))]));
    expect(many.sections[0]?.paragraphs).toHaveLength(500);
    // Title lines before the first heading are not counted, however long.
    expect(refusal(['z'.repeat(30_000), 'I. Section', 'Text.'])).toBe('no error');
  });
});
