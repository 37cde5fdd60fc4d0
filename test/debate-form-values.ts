// The demo debate's facts as a person types them into the debate form (field names as the page posts them).
import { demoDebate } from '../src/demo/debate-2021-05.js';
import type { FormValues } from '../src/modules/meetings/web/debate-form.js';

/** The demo debate as a person would type it in the form. */
export function demoForm(over: FormValues = {}): FormValues {
  const v: FormValues = {
    slug: 'typed-debate',
    agendaItem: demoDebate.agendaItem,
    theme: demoDebate.theme,
    startsAt: demoDebate.startsAt,
    timeZone: 'America/New_York',
    format: 'videoconference',
    chairName: demoDebate.chairName,
    chairFunction: demoDebate.chairFunction,
    submissionsOpenAt: demoDebate.submissionsOpenAt,
    wordGuidance: '500',
    graceMinutes: '0',
    reminderHours: '48',
    letterDate: '2021-05-05',
    guidanceParagraphs: demoDebate.guidanceNote.paragraphs.join('\n\n'),
    guidanceSteps: (demoDebate.guidanceNote.steps ?? []).join('\n'),
  };
  demoDebate.briefers.forEach((b, i) => {
    v[`briefer_function_${i}`] = b.function;
    v[`briefer_name_${i}`] = b.name ?? '';
    if (b.toBeConfirmed) v[`briefer_tbc_${i}`] = 'yes';
  });
  v.briefer_function_3 = '';
  v.briefer_name_3 = '';
  demoDebate.contacts.forEach((c, i) => {
    v[`contact_purpose_${i}`] = c.purpose;
    v[`contact_unit_${i}`] = c.unit;
    v[`contact_phone_${i}`] = c.phone ?? '';
    v[`contact_email_${i}`] = c.email ?? '';
  });
  demoDebate.conceptNote.sections.forEach((s, i) => {
    v[`section_heading_${i}`] = s.heading;
    v[`section_paragraphs_${i}`] = s.paragraphs.join('\n\n');
    v[`section_questions_${i}`] = (s.questions ?? []).join('\n\n');
  });
  v.section_heading_4 = 'Annex';
  v.section_paragraphs_4 = '   ';
  return { ...v, ...over };
}
