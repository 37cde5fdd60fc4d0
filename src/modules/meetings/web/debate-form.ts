// The debate form: one page for creating and editing a debate, usable without JavaScript. Repeated parts
// (briefers, contacts, concept note sections) are numbered rows, with blank rows to fill in; a blank row is ignored.
// Long texts are typed as paragraphs separated by an empty line. The conversion between the posted fields and the
// command's input is pure and tested as a table; problems found by the command's schema come back on the field
// that caused them. The presiding State is not a field: it is the State presiding the Council in the meeting's month,
// shown read-only from the date in the form and set by the command when the debate is saved.
import type { z } from 'zod';
import { endOfDayIn, isExistingLocalTime, isoDateIn, localDateTimeIn, zonedTimeToUtc } from '../../../kernel/dates.js';

/** 'YYYY-MM-DDTHH:mm', as a datetime-local field shows a whole minute. */
function minuteIn(at: Date, timeZone: string): string {
  return localDateTimeIn(at, timeZone).slice(0, 16);
}
import { html, type SafeHtml } from '../../../web/html.js';
import { checkbox, errorSummary, field, form, select, submit, textarea, type FieldErrors } from '../../../web/forms.js';
import { LANGUAGE_NAMES, OFFICIAL_LANGUAGES } from '../../../kernel/i18n/languages.js';
import { SENDER_TITLES } from '../domain/announcement-letter.js';
import { MAX_THEME_LENGTH, type CreateDebateInput } from '../domain/debate-input.js';
import type { DebateRecord } from '../db.js';
import { bareHeading } from '../domain/announcement-letter.js';
import { describeCovered, monthName, presidencyOn, type CouncilData } from '../domain/council.js';
import { stateByIso3 } from '../../delegations/index.js';
import { formatNames } from './labels.js';

export type FormValues = Record<string, string>;

const EXTRA_BRIEFER_ROWS = 2;
const EXTRA_CONTACT_ROWS = 1;
const EXTRA_SECTION_ROWS = 1;
const MAX_ROWS = 60;

/** Paragraphs typed with an empty line between them; single line breaks inside a paragraph become spaces. */
export function splitParagraphs(text: string | undefined): string[] {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

/** One item a line. */
export function splitLines(text: string | undefined): string[] {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l.length > 0);
}

function optional(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

/** A whole number typed in a field, or the text itself so the schema says what is wrong with it. */
function numberOrText(value: string | undefined): number | string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

/** The row numbers used by fields named `<prefix>_<n>_...` or `<prefix>_<field>_<n>`. */
function rowIndexes(values: FormValues, prefix: string): number[] {
  const out = new Set<number>();
  const pattern = new RegExp(`^${prefix}_[a-z]+_(\\d{1,2})$`);
  for (const name of Object.keys(values)) {
    const m = pattern.exec(name);
    if (m && Number(m[1]) < MAX_ROWS) out.add(Number(m[1]));
  }
  return [...out].sort((a, b) => a - b);
}

/** Where each list item came from: its row number in the form, so a problem lands on the right field. */
export interface RowMap {
  briefers: number[];
  contacts: number[];
  sections: number[];
}

/** The posted form as the command's input (without the slug and version, which the route adds). */
export function debateInputFromForm(values: FormValues): { input: Omit<CreateDebateInput, 'slug'>; rows: RowMap } {
  const rows: RowMap = { briefers: [], contacts: [], sections: [] };
  const briefers = rowIndexes(values, 'briefer').flatMap((i) => {
    const name = optional(values[`briefer_name_${i}`]);
    const fn = optional(values[`briefer_function_${i}`]);
    if (!name && !fn) return [];
    rows.briefers.push(i);
    return [{ name: name ?? null, function: fn ?? '', toBeConfirmed: values[`briefer_tbc_${i}`] === 'yes' }];
  });
  const contacts = rowIndexes(values, 'contact').flatMap((i) => {
    const unit = optional(values[`contact_unit_${i}`]);
    const phone = optional(values[`contact_phone_${i}`]);
    const email = optional(values[`contact_email_${i}`]);
    if (!unit && !phone && !email) return [];
    rows.contacts.push(i);
    return [
      {
        purpose: (values[`contact_purpose_${i}`] ?? 'technical') as 'technical' | 'substantive',
        unit: unit ?? '',
        phone: phone ?? null,
        email: email ?? null,
      },
    ];
  });
  const sections = rowIndexes(values, 'section').flatMap((i) => {
    const paragraphs = splitParagraphs(values[`section_paragraphs_${i}`]);
    const questions = splitParagraphs(values[`section_questions_${i}`]);
    const heading = optional(values[`section_heading_${i}`]);
    // A heading alone is a blank row (the form offers the usual headings); it becomes a section once it has text.
    if (paragraphs.length === 0 && questions.length === 0) return [];
    rows.sections.push(i);
    return [{ heading: heading ? bareHeading(heading) : '', paragraphs, questions }];
  });
  const input = {
    body: 'security_council' as const,
    agendaItem: values.agendaItem?.trim() ?? '',
    theme: values.theme?.replace(/\s+/g, ' ').trim() ?? '',
    startsAt: values.startsAt?.trim() ?? '',
    timeZone: optional(values.timeZone) ?? 'America/New_York',
    format: (values.format ?? '') as 'in_person',
    chairName: values.chairName?.trim() ?? '',
    chairFunction: values.chairFunction?.trim() ?? '',
    conceptNote: { sections },
    guidanceNote: { paragraphs: splitParagraphs(values.guidanceParagraphs), steps: splitLines(values.guidanceSteps) },
    wordGuidance: numberOrText(values.wordGuidance) as number | undefined,
    submissionsOpenAt: values.submissionsOpenAt?.trim() ?? '',
    submissionDeadline: optional(values.submissionDeadline),
    modificationDeadline: optional(values.modificationDeadline),
    graceMinutes: numberOrText(values.graceMinutes) as number | undefined,
    letterDate: optional(values.letterDate),
    letterSenderTitle: (optional(values.letterSenderTitle) ?? 'Permanent Representative') as 'Permanent Representative',
    letterSignedBy: optional(values.letterSignedBy) ?? null,
    letterSignatureLines: splitLines(values.letterSignatureLines),
    letterOriginal: (optional(values.letterOriginal) ?? 'en') as 'en',
    conceptNoteOriginal: (optional(values.conceptNoteOriginal) ?? 'en') as 'en',
    reminderHours: values.reminderHours?.trim() ? (numberOrText(values.reminderHours) as number) : null,
    briefers,
    contacts,
  };
  return { input, rows };
}

const LIST_FIELDS: Record<string, (row: number, key: string | undefined) => string> = {
  briefers: (row, key) => `briefer_${key === 'name' ? 'name' : 'function'}_${row}`,
  contacts: (row, key) =>
    `contact_${key === 'purpose' ? 'purpose' : key === 'phone' ? 'phone' : key === 'email' ? 'email' : 'unit'}_${row}`,
};

/** The form field a problem belongs to, from the schema's path ('briefers', 0, 'function' → 'briefer_function_<row>'). */
export function formFieldOf(path: readonly PropertyKey[], rows: RowMap): string {
  const [head, index, key, ...rest] = path;
  if (head === 'briefers' || head === 'contacts') {
    if (typeof index !== 'number') return head === 'briefers' ? 'briefer_name_0' : 'contact_unit_0';
    return LIST_FIELDS[head]!(rows[head][index] ?? index, typeof key === 'string' ? key : undefined);
  }
  if (head === 'conceptNote') {
    // ['conceptNote', 'sections', i, 'heading' | 'paragraphs' | 'questions', ...]
    const i = typeof key === 'number' ? (rows.sections[key] ?? key) : 0;
    const part = rest[0] === 'questions' ? 'questions' : rest[0] === 'paragraphs' ? 'paragraphs' : 'heading';
    return typeof key === 'number' ? `section_${part}_${i}` : 'section_paragraphs_0';
  }
  if (head === 'guidanceNote') return index === 'steps' ? 'guidanceSteps' : 'guidanceParagraphs';
  if (head === 'letterSignatureLines') return 'letterSignatureLines';
  return typeof head === 'string' ? head : '_form';
}

const FIELD_LABELS: Record<string, string> = {
  agendaItem: 'Agenda item',
  theme: 'Theme',
  startsAt: 'Start of the meeting',
  timeZone: 'Time zone',
  format: 'Format',
  chairName: 'Chair',
  chairFunction: 'Chair’s function',
  wordGuidance: 'Word guidance',
  submissionsOpenAt: 'Opening of submissions',
  submissionDeadline: 'Submission deadline',
  modificationDeadline: 'Modification deadline',
  graceMinutes: 'Grace period',
  letterDate: 'Date of the letter',
  letterSignedBy: 'Signed by',
  letterSignatureLines: 'Signer’s function',
  reminderHours: 'Reminder',
  slug: 'Address',
};

/** What a field left empty asks for, where "Enter the <label>" would not read well. */
const EMPTY_MESSAGES: Record<string, string> = {
  theme: 'Enter the debate’s title (its theme), as the letter and the public page show it.',
  slug: 'Enter an address for the debate’s page: lowercase words joined by hyphens, such as sc-2021-05-24-peacekeepers-safety.',
  agendaItem: 'Enter the agenda item, as the Council’s agenda words it.',
  chairName: 'Enter the name of the person who chairs the meeting.',
  chairFunction: 'Enter the function of the person who chairs the meeting.',
  startsAt: 'Enter the date and time the meeting starts.',
  submissionDeadline: 'Enter the deadline for written statements.',
  submissionsOpenAt: 'Enter when submissions open.',
  letterDate: 'Enter the date of the letter.',
};

/** Zod's own wording ("Too small: expected string to have >=2 characters") as a sentence about the field. */
function plainMessage(issue: z.core.$ZodIssue, label: string): string | undefined {
  if (!/^(Too small|Too big|Invalid)/.test(issue.message)) return undefined;
  if (issue.code === 'too_small' && issue.origin === 'string') return `${label} needs at least ${String(issue.minimum)} characters.`;
  if (issue.code === 'too_big' && issue.origin === 'string') return `${label} takes at most ${String(issue.maximum)} characters.`;
  return `${label} is not valid: check what you typed.`;
}

/**
 * The first problem of each form field, worded to stand alone in the summary at the top of the page. A field left
 * empty (in `values`, as typed) says what to enter, whatever the rule it broke.
 */
export function debateFormErrors(error: z.ZodError, rows: RowMap, values: FormValues = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const name = formFieldOf(issue.path, rows);
    if (out[name]) continue;
    const label = FIELD_LABELS[name] ?? describeRowField(name);
    const typed = values[name];
    if (typed !== undefined && typed.trim() === '') {
      out[name] = EMPTY_MESSAGES[name] ?? `${label}: enter it.`;
      continue;
    }
    // Messages that are whole sentences (they name the field themselves) stand as they are.
    out[name] = plainMessage(issue, label) ?? (/^[A-Z]/.test(issue.message) ? issue.message : `${label} ${issue.message}`);
  }
  if (error.issues.some((i) => i.path[0] === 'conceptNote' && i.path.length <= 2))
    out.section_paragraphs_0 = 'The concept note needs at least one section with text.';
  if (error.issues.some((i) => i.path[0] === 'contacts' && i.path.length === 1))
    out.contact_unit_0 = 'Give at least one contact, with a telephone number or an e-mail address.';
  return out;
}

function describeRowField(name: string): string {
  const m = /^(briefer|contact|section)_([a-z]+)_(\d+)$/.exec(name);
  if (!m) return 'This field';
  const row = Number(m[3]) + 1;
  const what = { briefer: 'Briefer', contact: 'Contact', section: 'Section' }[m[1] as 'briefer' | 'contact' | 'section'];
  return `${what} ${row}: ${m[2]}`;
}

/** The form's values for a stored debate (its wall-clock times in its own zone). */
export function formValuesOf(debate: DebateRecord): FormValues {
  const tz = debate.time_zone;
  const values: FormValues = {
    agendaItem: debate.agenda_item,
    theme: debate.theme,
    startsAt: minuteIn(debate.starts_at, tz),
    timeZone: tz,
    format: debate.format,
    chairName: debate.chair_name,
    chairFunction: debate.chair_function,
    wordGuidance: String(debate.word_guidance),
    submissionsOpenAt: minuteIn(debate.submissions_open_at, tz),
    // The default deadline is the last instant of the meeting day (23:59:59.999), which no typed minute equals:
    // it is shown empty ("the default") so that saving the form keeps it. A typed deadline is a minute's start.
    submissionDeadline:
      debate.submission_deadline.getTime() === endOfDayIn(isoDateIn(debate.starts_at, tz), tz).getTime()
        ? ''
        : minuteIn(debate.submission_deadline, tz),
    modificationDeadline: debate.modification_deadline ? minuteIn(debate.modification_deadline, tz) : '',
    graceMinutes: String(debate.grace_minutes),
    letterDate: debate.letter_date ?? '',
    letterSenderTitle: debate.letter_sender_title,
    letterSignedBy: debate.letter_signed_by ?? '',
    letterSignatureLines: debate.letter_signature_lines.join('\n'),
    letterOriginal: debate.letter_original,
    conceptNoteOriginal: debate.concept_note_original,
    reminderHours: debate.reminder_hours === null ? '' : String(debate.reminder_hours),
    guidanceParagraphs: debate.guidance_note.paragraphs.join('\n\n'),
    guidanceSteps: debate.guidance_note.steps.join('\n'),
    version: String(debate.version),
  };
  debate.briefers.forEach((b, i) => {
    values[`briefer_name_${i}`] = b.name ?? '';
    values[`briefer_function_${i}`] = b.function;
    if (b.to_be_confirmed) values[`briefer_tbc_${i}`] = 'yes';
  });
  debate.contacts.forEach((c, i) => {
    values[`contact_purpose_${i}`] = c.purpose;
    values[`contact_unit_${i}`] = c.unit;
    values[`contact_phone_${i}`] = c.phone ?? '';
    values[`contact_email_${i}`] = c.email ?? '';
  });
  debate.concept_note.sections.forEach((s, i) => {
    values[`section_heading_${i}`] = bareHeading(s.heading);
    values[`section_paragraphs_${i}`] = s.paragraphs.join('\n\n');
    values[`section_questions_${i}`] = s.questions.join('\n\n');
  });
  return values;
}

/** A new debate's starting values: New York time, 500 words, the four usual sections of a concept note. */
export function blankFormValues(): FormValues {
  const values: FormValues = {
    timeZone: 'America/New_York',
    format: 'in_person',
    wordGuidance: '500',
    graceMinutes: '0',
    reminderHours: '48',
    letterOriginal: 'en',
    conceptNoteOriginal: 'en',
  };
  ['Background', 'Objective', 'Focus of discussion', 'Format of the meeting'].forEach((h, i) => (values[`section_heading_${i}`] = h));
  values.contact_purpose_0 = 'technical';
  values.contact_purpose_1 = 'substantive';
  return values;
}

function rowCount(values: FormValues, prefix: string, extra: number, minimum: number): number {
  const used = rowIndexes(values, prefix);
  return Math.min(MAX_ROWS, Math.max(minimum, (used.length > 0 ? Math.max(...used) + 1 : 0) + extra));
}

export interface DebateFormModel {
  mode: 'create' | 'edit';
  action: string;
  csrf: string;
  values: FormValues;
  errors: FieldErrors;
  /** The Council data, from which the presiding State of the meeting's month is shown. */
  council: CouncilData;
}

/**
 * What the form shows as the presiding State, from the start typed in the form: the State presiding the Council in
 * that month ("China, presiding in May 2021"), or why there is none yet.
 */
export function presidingStateShown(
  council: CouncilData,
  values: { startsAt?: string | undefined; timeZone?: string | undefined },
): string {
  const startsAt = values.startsAt?.trim().slice(0, 16) ?? '';
  const zone = values.timeZone?.trim() || 'America/New_York';
  let day: string | undefined;
  try {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(startsAt) && isExistingLocalTime(startsAt, zone))
      day = isoDateIn(zonedTimeToUtc(startsAt, zone), zone);
  } catch {
    day = undefined; // an unknown time zone: the field says so
  }
  if (day === undefined) return 'Set from the start of the meeting once it is filled in.';
  const month = monthName(day.slice(0, 7));
  const presiding = presidencyOn(council, day);
  if (presiding === undefined) return `None: the Council data does not cover ${month}, so a debate cannot be held then.`;
  return `${stateByIso3(presiding)?.sortKey ?? presiding}, presiding in ${month}`;
}

export function debateForm(m: DebateFormModel): SafeHtml {
  const v = m.values;
  const e = m.errors;
  const briefers = rowCount(v, 'briefer', EXTRA_BRIEFER_ROWS, 2);
  const contacts = rowCount(v, 'contact', EXTRA_CONTACT_ROWS, 2);
  const sections = rowCount(v, 'section', EXTRA_SECTION_ROWS, 4);
  const options = <T extends string>(items: readonly T[], label: (x: T) => string) => items.map((x) => ({ value: x, label: label(x) }));
  const languages = options(OFFICIAL_LANGUAGES, (l) => LANGUAGE_NAMES[l]);
  const body = html`
${errorSummary(e)}
${m.mode === 'edit' ? html`<input type="hidden" name="version" value="${v.version ?? ''}">` : ''}
<fieldset>
  <legend>The meeting</legend>
  ${
    m.mode === 'create'
      ? field({
          name: 'slug',
          label: 'Address of the debate’s page',
          hint: 'Lowercase words joined by hyphens, such as sc-2021-05-24-peacekeepers-safety. It cannot be changed later.',
          value: v.slug,
          error: e.slug,
          required: true,
          maxlength: 120,
        })
      : ''
  }
  ${field({ name: 'agendaItem', label: 'Agenda item', value: v.agendaItem, error: e.agendaItem, required: true, maxlength: 300 })}
  ${field({
    name: 'theme',
    label: 'Theme',
    hint: `As it will read in the letter’s title, at most ${MAX_THEME_LENGTH} characters.`,
    value: v.theme,
    error: e.theme,
    required: true,
  })}
  ${field({
    name: 'startsAt',
    label: 'Start of the meeting',
    type: 'datetime-local',
    hint: 'In the time zone below, for example 2021-05-24T10:00.',
    value: v.startsAt,
    error: e.startsAt,
    required: true,
  })}
  ${field({
    name: 'timeZone',
    label: 'Time zone',
    hint: 'The duty station’s zone, America/New_York unless the meeting is held elsewhere.',
    value: v.timeZone,
    error: e.timeZone,
  })}
  ${select({
    name: 'format',
    label: 'Format',
    options: options(['in_person', 'videoconference', 'hybrid'] as const, (f) => formatNames[f]),
    value: v.format,
    error: e.format,
  })}
  <div class="field">
    <label for="presidingState">Presiding State</label>
    <p class="hint" id="presidingState-hint">Not chosen: the State presiding the Security Council in the month of the meeting, from the Council data (${describeCovered(m.council)}). It is set from the start of the meeting when the debate is saved.</p>
    <input id="presidingState" type="text" value="${presidingStateShown(m.council, v)}" readonly aria-describedby="presidingState-hint">
  </div>
  ${field({
    name: 'chairName',
    label: 'Chair',
    hint: 'The name of the person who chairs, such as Zhang Jun.',
    value: v.chairName,
    error: e.chairName,
    required: true,
  })}
  ${field({
    name: 'chairFunction',
    label: 'Chair’s function',
    hint: 'Such as Permanent Representative of China to the United Nations.',
    value: v.chairFunction,
    error: e.chairFunction,
    required: true,
  })}
</fieldset>

<fieldset>
  <legend>Briefers</legend>
  <p class="hint">In the order they will speak. Leave a row empty to ignore it; save to get more empty rows.</p>
  ${Array.from(
    { length: briefers },
    (_, i) => html`<div class="row-group" role="group" aria-labelledby="briefer-${i}">
    <p class="row-title" id="briefer-${i}">Briefer ${i + 1}</p>
    ${field({
      name: `briefer_function_${i}`,
      label: 'Function',
      hint: 'Such as Under-Secretary-General for Peace Operations.',
      value: v[`briefer_function_${i}`],
      error: e[`briefer_function_${i}`],
    })}
    ${field({ name: `briefer_name_${i}`, label: 'Name (optional)', value: v[`briefer_name_${i}`], error: e[`briefer_name_${i}`] })}
    ${checkbox({ name: `briefer_tbc_${i}`, label: 'To be confirmed', checked: v[`briefer_tbc_${i}`] === 'yes' })}
  </div>`,
  )}
</fieldset>

<fieldset>
  <legend>Submission of written statements</legend>
  ${field({
    name: 'submissionsOpenAt',
    label: 'Opening of submissions',
    type: 'datetime-local',
    value: v.submissionsOpenAt,
    error: e.submissionsOpenAt,
    required: true,
  })}
  ${field({
    name: 'submissionDeadline',
    label: 'Submission deadline (optional)',
    type: 'datetime-local',
    hint: 'Empty: the end of the meeting day in the debate’s time zone.',
    value: v.submissionDeadline,
    error: e.submissionDeadline,
  })}
  ${field({
    name: 'modificationDeadline',
    label: 'Modification deadline (optional)',
    type: 'datetime-local',
    hint: 'Until when a delegation may replace or withdraw its statement. Empty: the submission deadline.',
    value: v.modificationDeadline,
    error: e.modificationDeadline,
  })}
  ${field({
    name: 'graceMinutes',
    label: 'Grace period in minutes',
    type: 'number',
    hint: 'Given to every delegation after each deadline and stated on the page; 0 for none.',
    value: v.graceMinutes,
    error: e.graceMinutes,
    inputmode: 'numeric',
  })}
  ${field({
    name: 'wordGuidance',
    label: 'Word guidance',
    type: 'number',
    hint: 'About how many words a statement should have.',
    value: v.wordGuidance,
    error: e.wordGuidance,
    inputmode: 'numeric',
  })}
  ${field({
    name: 'reminderHours',
    label: 'Reminder, hours before the deadline (optional)',
    type: 'number',
    hint: 'Focal points of delegations that have not submitted are reminded by e-mail. Empty: no reminder.',
    value: v.reminderHours,
    error: e.reminderHours,
    inputmode: 'numeric',
  })}
</fieldset>

<fieldset>
  <legend>Concept note</legend>
  <p class="hint">Sections are numbered I, II, III … and paragraphs 1, 2, 3 … in the letter. Separate paragraphs, and questions, with an empty line.</p>
  ${select({
    name: 'conceptNoteOriginal',
    label: 'Language the concept note was written in',
    options: languages,
    value: v.conceptNoteOriginal,
    error: e.conceptNoteOriginal,
  })}
  ${Array.from(
    { length: sections },
    (_, i) => html`<div class="row-group" role="group" aria-labelledby="section-${i}">
    <p class="row-title" id="section-${i}">Section ${i + 1}</p>
    ${field({ name: `section_heading_${i}`, label: 'Heading', value: v[`section_heading_${i}`], error: e[`section_heading_${i}`] })}
    ${textarea({
      name: `section_paragraphs_${i}`,
      label: 'Paragraphs',
      value: v[`section_paragraphs_${i}`],
      error: e[`section_paragraphs_${i}`],
      rows: 8,
    })}
    ${textarea({
      name: `section_questions_${i}`,
      label: 'Questions (a), (b) … (optional)',
      value: v[`section_questions_${i}`],
      error: e[`section_questions_${i}`],
      rows: 4,
    })}
  </div>`,
  )}
</fieldset>

<fieldset>
  <legend>Guidance on written statements</legend>
  ${textarea({ name: 'guidanceParagraphs', label: 'Guidance', value: v.guidanceParagraphs, error: e.guidanceParagraphs, rows: 6 })}
  ${textarea({
    name: 'guidanceSteps',
    label: 'Steps for delegates (optional)',
    hint: 'One step a line.',
    value: v.guidanceSteps,
    error: e.guidanceSteps,
    rows: 3,
  })}
</fieldset>

<fieldset>
  <legend>Contacts</legend>
  ${Array.from(
    { length: contacts },
    (_, i) => html`<div class="row-group" role="group" aria-labelledby="contact-${i}">
    <p class="row-title" id="contact-${i}">Contact ${i + 1}</p>
    ${select({
      name: `contact_purpose_${i}`,
      label: 'For',
      options: [
        { value: 'technical', label: 'Logins and passwords (technical)' },
        { value: 'substantive', label: 'Questions about the debate (substantive)' },
      ],
      value: v[`contact_purpose_${i}`],
      error: e[`contact_purpose_${i}`],
    })}
    ${field({ name: `contact_unit_${i}`, label: 'Office', value: v[`contact_unit_${i}`], error: e[`contact_unit_${i}`] })}
    ${field({
      name: `contact_phone_${i}`,
      label: 'Telephone (optional)',
      type: 'tel',
      value: v[`contact_phone_${i}`],
      error: e[`contact_phone_${i}`],
    })}
    ${field({
      name: `contact_email_${i}`,
      label: 'E-mail (optional)',
      type: 'email',
      value: v[`contact_email_${i}`],
      error: e[`contact_email_${i}`],
    })}
  </div>`,
  )}
</fieldset>

<fieldset>
  <legend>Announcement letter</legend>
  ${field({
    name: 'letterDate',
    label: 'Date of the letter (optional)',
    type: 'date',
    hint: 'Empty: the day the letter is generated.',
    value: v.letterDate,
    error: e.letterDate,
  })}
  ${select({
    name: 'letterSenderTitle',
    label: 'Sent by',
    options: options(SENDER_TITLES, (t) => `The ${t} of the presiding State`),
    value: v.letterSenderTitle,
    error: e.letterSenderTitle,
  })}
  ${field({
    name: 'letterSignedBy',
    label: 'Signed by (optional)',
    hint: 'Empty: the chair.',
    value: v.letterSignedBy,
    error: e.letterSignedBy,
  })}
  ${textarea({
    name: 'letterSignatureLines',
    label: 'Signer’s function (optional)',
    hint: 'As printed under the name, one line each. Empty: “Permanent Representative of … to the United Nations”.',
    value: v.letterSignatureLines,
    error: e.letterSignatureLines,
    rows: 3,
  })}
  ${select({
    name: 'letterOriginal',
    label: 'Language the letter was written in',
    options: languages,
    value: v.letterOriginal,
    error: e.letterOriginal,
  })}
</fieldset>
${submit(m.mode === 'create' ? 'Create the debate' : 'Save the changes')}`;
  return form(m.action, m.csrf, body, { label: m.mode === 'create' ? 'New debate' : 'Edit the debate', className: 'debate-form' });
}
