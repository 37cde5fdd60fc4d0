// The debate form's fields ↔ the command's input: blank rows ignored, paragraphs split on empty lines, numbers
// parsed, and each problem found by the schema placed on the field that caused it.
import { describe, expect, it } from 'vitest';
import { demoForm } from '../../../../test/debate-form-values.js';
import { createDebateInput, updateDebateInput } from '../domain/debate-input.js';
import { referenceCouncilData } from '../domain/council-reference.js';
import {
  blankFormValues,
  debateFormErrors,
  debateInputFromForm,
  formFieldOf,
  presidingStateShown,
  splitLines,
  splitParagraphs,
  type FormValues,
} from './debate-form.js';

describe('splitting typed text', () => {
  it.each([
    ['', []],
    ['One.', ['One.']],
    ['One\nstill one.\n\nTwo.', ['One still one.', 'Two.']],
    ['One.\r\n\r\nTwo.\r\n \r\nThree.', ['One.', 'Two.', 'Three.']],
    ['\n\n  \n', []],
  ])('paragraphs of %j', (text, paragraphs) => expect(splitParagraphs(text)).toEqual(paragraphs));

  it.each([
    ['a\nb\n\n c ', ['a', 'b', 'c']],
    ['', []],
  ])('lines of %j', (text, lines) => expect(splitLines(text)).toEqual(lines));
});

describe('debateInputFromForm', () => {
  it('reads the demo debate as typed, ignoring blank rows, and the schema accepts it', () => {
    const { input, rows } = debateInputFromForm(demoForm());
    expect(input.briefers).toHaveLength(3);
    expect(input.briefers[1]).toEqual({
      name: 'Atul Khare',
      function: 'Under-Secretary-General for Operational Support',
      toBeConfirmed: true,
    });
    expect(input.contacts).toHaveLength(2);
    expect(input.conceptNote.sections.map((s) => s.heading)).toEqual([
      'Background',
      'Objective',
      'Focus of discussion',
      'Format of the meeting',
    ]);
    expect(input.conceptNote.sections[2]?.questions).toHaveLength(4);
    expect(rows).toEqual({ briefers: [0, 1, 2], contacts: [0, 1], sections: [0, 1, 2, 3] });
    expect(createDebateInput.safeParse({ ...input, slug: 'typed-debate' }).success).toBe(true);
    expect(updateDebateInput.safeParse({ ...input, version: 1 }).success).toBe(true);
  });

  it.each([
    [
      'an empty reminder is no reminder',
      { reminderHours: '' },
      (i: ReturnType<typeof debateInputFromForm>['input']) => i.reminderHours,
      null,
    ],
    ['a typed number is a number', { graceMinutes: '15' }, (i: ReturnType<typeof debateInputFromForm>['input']) => i.graceMinutes, 15],
    [
      'a word stays text, for the schema to refuse',
      { graceMinutes: 'ten' },
      (i: ReturnType<typeof debateInputFromForm>['input']) => i.graceMinutes,
      'ten',
    ],
    [
      'an empty deadline is the default',
      { submissionDeadline: ' ' },
      (i: ReturnType<typeof debateInputFromForm>['input']) => i.submissionDeadline,
      undefined,
    ],
    [
      'spaces in the theme are tidied',
      { theme: '  A   theme\nsplit ' },
      (i: ReturnType<typeof debateInputFromForm>['input']) => i.theme,
      'A theme split',
    ],
    [
      'signature lines are one a line',
      { letterSignatureLines: 'Line one\n\nLine two' },
      (i: ReturnType<typeof debateInputFromForm>['input']) => i.letterSignatureLines,
      ['Line one', 'Line two'],
    ],
  ])('%s', (_name, over, pick, expected) => {
    expect(pick(debateInputFromForm(demoForm(over)).input)).toEqual(expected);
  });

  it('ignores rows numbered beyond the form’s limit', () => {
    const { input } = debateInputFromForm(demoForm({ briefer_function_99: 'Someone injected' }));
    expect(input.briefers.map((b) => b.function)).not.toContain('Someone injected');
  });
});

describe('problems land on the field that caused them', () => {
  const errorsOf = (over: FormValues) => {
    const { input, rows } = debateInputFromForm(demoForm(over));
    const parsed = createDebateInput.safeParse({ ...input, slug: over.slug ?? 'typed-debate' });
    if (parsed.success) throw new Error('expected a refusal');
    return debateFormErrors(parsed.error, rows, demoForm(over));
  };

  it.each([
    [
      'a deadline before the opening',
      { submissionDeadline: '2021-05-01T10:00' },
      'submissionDeadline',
      /must be after the opening of submissions/,
    ],
    ['a time skipped by daylight saving in New York', { startsAt: '2021-03-14T02:30' }, 'startsAt', /does not exist in New York time/],
    ['a date that does not exist', { submissionsOpenAt: '2021-02-30T09:00' }, 'submissionsOpenAt', /is not a real date and time/],
    ['an over-long theme', { theme: 'x'.repeat(301) }, 'theme', /Theme is too long: a theme is at most 300 characters/],
    ['a bad address', { slug: 'Not A Slug' }, 'slug', /^Address must be lowercase words/],
    [
      'a briefer without a function, in its own row',
      { briefer_function_1: '', briefer_name_1: 'Atul Khare' },
      'briefer_function_1',
      /^Briefer 2: function/,
    ],
    [
      'a contact without phone or e-mail',
      { contact_phone_1: '', contact_email_1: '' },
      'contact_unit_1',
      /telephone number or an e-mail address|phone number or an e-mail address/,
    ],
    [
      'a grace period out of range',
      { graceMinutes: '2000' },
      'graceMinutes',
      /^Grace period must be a whole number of minutes from 0 to 1440/,
    ],
    // A field left empty says what to enter, never the rule's wording for what was typed.
    ['an empty theme', { theme: '' }, 'theme', /^Enter the debate’s title/],
    ['an empty address', { slug: '' }, 'slug', /^Enter an address for the debate’s page/],
    ['an empty chair', { chairName: '' }, 'chairName', /^Enter the name of the person who chairs/],
    ['a chair of one letter', { chairName: 'X' }, 'chairName', /^Chair needs at least 2 characters\.$/],
  ])('%s', (_name, over, fieldName, message) => {
    const errors = errorsOf(over);
    expect(Object.keys(errors)).toContain(fieldName);
    expect(errors[fieldName]).toMatch(message);
  });

  it('says the concept note needs a section when every section is empty', () => {
    const over: FormValues = {};
    for (let i = 0; i < 5; i++) {
      over[`section_paragraphs_${i}`] = '';
      over[`section_questions_${i}`] = '';
    }
    expect(errorsOf(over).section_paragraphs_0).toBe('The concept note needs at least one section with text.');
  });

  it.each([
    [['briefers', 0, 'function'], { briefers: [2], contacts: [], sections: [] }, 'briefer_function_2'],
    [['contacts', 1, 'email'], { briefers: [], contacts: [0, 3], sections: [] }, 'contact_email_3'],
    [['conceptNote', 'sections', 0, 'heading'], { briefers: [], contacts: [], sections: [1] }, 'section_heading_1'],
    [['conceptNote', 'sections', 0, 'questions', 2], { briefers: [], contacts: [], sections: [4] }, 'section_questions_4'],
    [['guidanceNote', 'paragraphs'], { briefers: [], contacts: [], sections: [] }, 'guidanceParagraphs'],
    [['theme'], { briefers: [], contacts: [], sections: [] }, 'theme'],
  ] as const)('path %j → %s', (path, rows, name) => {
    expect(formFieldOf(path, { briefers: [...rows.briefers], contacts: [...rows.contacts], sections: [...rows.sections] })).toBe(name);
  });
});

describe('a new debate’s form', () => {
  it('starts in New York time with 500 words, the four usual section headings and a reminder 48 hours before', () => {
    const v = blankFormValues();
    expect(v).toMatchObject({
      timeZone: 'America/New_York',
      wordGuidance: '500',
      reminderHours: '48',
      section_heading_3: 'Format of the meeting',
    });
    expect(v).not.toHaveProperty('presidingState');
    // Headings alone are not sections: an untouched form has no concept note yet.
    expect(debateInputFromForm(v).input.conceptNote.sections).toEqual([]);
  });
});

describe('the presiding State the form shows', () => {
  const council = referenceCouncilData();
  it.each([
    ['an empty start', {}, 'Set from the start of the meeting once it is filled in.'],
    ['the demo debate', { startsAt: '2021-05-24T10:00' }, 'China, presiding in May 2021'],
    ['a start sent with seconds', { startsAt: '2026-11-12T10:00:00' }, 'Latvia, presiding in November 2026'],
    ['late on the last day of a month in New York (already June in UTC)', { startsAt: '2021-05-31T23:00' }, 'China, presiding in May 2021'],
    ['the same time in Tokyo', { startsAt: '2021-06-01T00:30', timeZone: 'Asia/Tokyo' }, 'Estonia, presiding in June 2021'],
    [
      'a month the data does not cover',
      { startsAt: '2027-01-10T10:00' },
      'None: the Council data does not cover January 2027, so a debate cannot be held then.',
    ],
    ['a time skipped by the clocks', { startsAt: '2021-03-14T02:30' }, 'Set from the start of the meeting once it is filled in.'],
    [
      'an unknown time zone',
      { startsAt: '2021-05-24T10:00', timeZone: 'Mars/Olympus' },
      'Set from the start of the meeting once it is filled in.',
    ],
  ])('%s', (_what, values, shown) => {
    expect(presidingStateShown(council, values)).toBe(shown);
  });
});
