// The demo's open debate: beside the 2021 reproduction (whose deadline has long passed), a debate whose window is open
// on the day the demo is loaded, so the demo delegate can submit a statement at once. Its dates are counted from that
// day in New York: submissions opened three days before, the deadline DEADLINE_AFTER_DAYS days after at 6 p.m., the
// meeting on the first weekday after the deadline at 10 a.m. `rostrum demo --reset` counts them again from its own
// day. The presiding State is the one the Council data names for the meeting's month, as for any debate; the theme and
// the texts are the demo's own, and name no real person.
import { isoDateIn } from '../kernel/dates.js';
import { stateByIso3 } from '../modules/delegations/index.js';
import type { CreateDebateInput } from '../modules/meetings/index.js';

export const CURRENT_DEMO_SLUG = 'sc-open-debate-protection-of-aid-workers';
export const DEMO_TIME_ZONE = 'America/New_York';
/** Days from the day the demo is loaded to the day of the deadline. */
export const DEADLINE_AFTER_DAYS = 4;

export interface CurrentDemoDates {
  /** Wall-clock times in New York, as a debate's input takes them. */
  submissionsOpenAt: string;
  submissionDeadline: string;
  startsAt: string;
  /** The meeting's day, 'YYYY-MM-DD'. */
  meetingDay: string;
}

/** 'YYYY-MM-DD' plus `days` days. */
function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function isWeekend(isoDate: string): boolean {
  const day = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** The debate's dates counted from the day `now` falls on in New York. */
export function currentDemoDates(now: Date): CurrentDemoDates {
  const today = isoDateIn(now, DEMO_TIME_ZONE);
  const deadlineDay = addDays(today, DEADLINE_AFTER_DAYS);
  let meetingDay = addDays(deadlineDay, 1);
  while (isWeekend(meetingDay)) meetingDay = addDays(meetingDay, 1);
  return {
    submissionsOpenAt: `${addDays(today, -3)}T09:00`,
    submissionDeadline: `${deadlineDay}T18:00`,
    startsAt: `${meetingDay}T10:00`,
    meetingDay,
  };
}

/** "December 2026" for '2026-12-10'. */
function monthOf(isoDate: string): string {
  return new Date(`${isoDate}T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The debate, held on `dates` under the presidency of `presiding` (an ISO alpha-3 code). */
export function currentDemoDebate(dates: CurrentDemoDates, presiding: string): CreateDebateInput {
  const state = stateByIso3(presiding)?.runningText ?? presiding;
  const month = monthOf(dates.meetingDay);
  return {
    slug: CURRENT_DEMO_SLUG,
    body: 'security_council',
    agendaItem: 'Protection of civilians in armed conflict',
    theme: 'Protection of civilians in armed conflict: keeping humanitarian and health-care workers safe',
    startsAt: dates.startsAt,
    timeZone: DEMO_TIME_ZONE,
    format: 'in_person',
    chairName: 'The President of the Council (demo)',
    chairFunction: `Permanent Representative of ${state} to the United Nations`,
    letterSenderTitle: 'Permanent Representative',
    letterOriginal: 'en',
    conceptNoteOriginal: 'en',
    submissionsOpenAt: dates.submissionsOpenAt,
    submissionDeadline: dates.submissionDeadline,
    wordGuidance: 500,
    briefers: [
      { name: null, function: 'Under-Secretary-General for Humanitarian Affairs and Emergency Relief Coordinator' },
      { name: null, function: 'Director-General of the World Health Organization', toBeConfirmed: true },
      {
        name: null,
        function: 'A representative of a national humanitarian organization working in an armed conflict',
        toBeConfirmed: true,
      },
    ],
    conceptNote: {
      sections: [
        {
          heading: 'I. Background',
          paragraphs: [
            `The presidency of the Security Council for ${month}, held by ${state}, proposes that the Council hold an open debate on the ` +
              `safety of the people who bring relief and medical care to civilians caught in armed conflict.`,
            'Humanitarian workers, most of them recruited in the countries where they serve, are killed, wounded, detained and ' +
              'kidnapped in growing numbers. Hospitals, ambulances and clinics are struck, looted or used for military purposes, and ' +
              'health-care workers are threatened for treating the wounded of one side or the other. Each attack deprives whole ' +
              'communities of aid and care when they need them most.',
            'International humanitarian law protects humanitarian and medical personnel, their facilities and their transport. The ' +
              'Council has repeatedly condemned attacks against them and called on all parties to respect and protect them, including ' +
              'in resolution 2286 (2016) on the protection of medical care in armed conflict and resolution 2730 (2024) on the safety ' +
              'and security of humanitarian personnel.',
            'Yet those responsible are seldom held to account, reporting remains incomplete, and measures adopted in one context are ' +
              'rarely applied in the next.',
          ],
          questions: [],
        },
        {
          heading: 'II. Objective',
          paragraphs: [
            'The debate invites Member States to share what has made humanitarian and medical work safer in practice, and to ' +
              'identify what the Council and its members can do to turn existing obligations into protection on the ground.',
          ],
          questions: [],
        },
        {
          heading: 'III. Focus of discussion',
          paragraphs: ['Speakers may wish to address the following questions:'],
          questions: [
            'Which measures have most reduced attacks on humanitarian and health-care workers, and how can they be applied more widely?',
            'How can parties to armed conflict be brought to respect the protected status of hospitals, ambulances and relief convoys?',
            'How can data on attacks be collected and shared so that the Council can act on it in time?',
            'What can be done to ensure accountability for attacks against humanitarian and medical personnel?',
          ],
        },
        {
          heading: 'IV. Format of the meeting',
          paragraphs: [
            `The meeting will be held in person and chaired by the Permanent Representative of ${state} to the United Nations. States ` +
              `that are not members of the Council are encouraged to submit written statements, which will be included in the compilation ` +
              `of the debate.`,
          ],
          questions: [],
        },
      ],
    },
    guidanceNote: {
      paragraphs: [
        'Delegations wishing to take part in the open debate may submit a written statement through Rostrum.',
        'Each statement is submitted in Microsoft Word format (.docx), together with a cover letter addressed to the President of ' +
          'the Security Council and signed by the Permanent Representative or the Chargé d’affaires a.i., before the deadline stated ' +
          'on the debate’s page, New York time.',
      ],
      steps: [
        'Ask your mission’s access focal point to give you access to the submission module.',
        'Sign in, open the debate and choose “Your delegation’s written statement”.',
      ],
    },
    contacts: [
      { purpose: 'technical', unit: 'Rostrum help desk (demo)', email: 'helpdesk@demo.rostrum.example' },
      { purpose: 'substantive', unit: 'Security Council Affairs Division', email: 'dppa-scsb3@un.org' },
    ],
  };
}
