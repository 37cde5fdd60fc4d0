// The demonstration debate: the Security Council open debate of 24 May 2021 on the safety and security of
// peacekeepers, held by videoconference under the presidency of China (which follows from the date: the Council data
// names China for May 2021). The facts (dates, names, structure, the subjects of the questions) are those of the
// public record; the running text is Rostrum's own summary.
import type { CreateDebateInput } from '../modules/meetings/index.js';

export const demoDebate: CreateDebateInput = {
  slug: 'sc-2021-05-24-peacekeepers-safety',
  body: 'security_council',
  agendaItem: 'United Nations peacekeeping operations',
  theme: 'United Nations peacekeeping operations: improving safety and security of peacekeepers',
  startsAt: '2021-05-24T10:00',
  timeZone: 'America/New_York',
  format: 'videoconference',
  chairName: 'Zhang Jun',
  chairFunction: 'Permanent Representative of China to the United Nations',
  letterDate: '2021-05-05',
  letterSenderTitle: 'Permanent Representative',
  letterSignatureLines: [
    'Permanent Representative and',
    'Ambassador Extraordinary and Plenipotentiary',
    "of the People's Republic of China to the United Nations",
  ],
  letterOriginal: 'en',
  conceptNoteOriginal: 'zh',
  submissionsOpenAt: '2021-05-05T09:00',
  wordGuidance: 500,
  briefers: [
    { name: 'Jean-Pierre Lacroix', function: 'Under-Secretary-General for Peace Operations' },
    { name: 'Atul Khare', function: 'Under-Secretary-General for Operational Support', toBeConfirmed: true },
    { name: 'Gilles Michaud', function: 'Under-Secretary-General for Safety and Security', toBeConfirmed: true },
  ],
  conceptNote: {
    sections: [
      {
        heading: 'I. Background',
        paragraphs: [
          'As President of the Security Council for May 2021, China proposes that the Council hold an open debate on 24 May 2021 on ' +
            'improving the safety and security of the women and men who serve in United Nations peacekeeping operations.',
          'For over seventy years peacekeeping has been one of the main tools the Organization uses to maintain international peace ' +
            'and security and to support political solutions. Conflicts have changed in scope and intensity over the last two decades, ' +
            'and peacekeepers now face threats of both a traditional and a non-traditional kind. Since 2013, malicious acts have ' +
            'killed more than 260 peacekeepers, and illness and road accidents have caused many further casualties. The COVID-19 ' +
            'pandemic has added a new strain, both on the delivery of mandates and on the health of personnel, and recent attacks in ' +
            'Mali, the Central African Republic and other mission areas have again cost lives.',
          'Missions depend on the people who serve in them. Keeping those people safe is a condition of effective mandate delivery ' +
            'and of better performance. It touches deployment standards, equipment, training, medical support, the use of new ' +
            'technologies and the relationship between a mission and its host country.',
          'Much has already been done. Safety and security is a priority of the Secretary-General’s Action for Peacekeeping ' +
            'initiative and of its follow-up, Action for Peacekeeping Plus. The independent review led by Lieutenant General (Retired) ' +
            'Carlos Alberto dos Santos Cruz, published in December 2017, proposed concrete measures, and the Secretary-General’s ' +
            'action plan of January 2018 has since been updated. The Special Committee on Peacekeeping Operations has addressed the ' +
            'subject in its reports from 2019 to 2021. On 30 March 2020 the Council unanimously adopted resolution 2518 (2020), its ' +
            'first dedicated to the safety and security of peacekeepers, covering training, medical care, technology and partnerships. ' +
            'The Departments of Peace Operations, of Operational Support and of Safety and Security work together on its ' +
            'implementation.',
          'Responsibility is shared: the Council should give missions clear and achievable mandates; the Secretariat should ' +
            'coordinate internally and support missions’ early warning and emergency response; troop- and police-contributing ' +
            'countries should deploy well-trained personnel; financial contributors should provide adequate resources; and host ' +
            'countries should build public support for missions and bring those who attack peacekeepers to justice. Commitments now ' +
            'need to become action.',
        ],
        questions: [],
      },
      {
        heading: 'II. Objective',
        paragraphs: [
          'The debate offers Member States a forum to discuss the main risks peacekeepers face, to rally further international ' +
            'effort behind practical answers to them, and so to strengthen peacekeeping as a whole.',
        ],
        questions: [],
      },
      {
        heading: 'III. Focus of discussion',
        paragraphs: ['Speakers may wish to address the following questions:'],
        questions: [
          'Taking stock of what has been done so far, which risks to the safety and security of peacekeepers are the most serious ' +
            'today, and how can they best be met?',
          'How can the Council, the Secretariat, troop- and police-contributing countries, financial contributors and other partners ' +
            'coordinate better, and how can coordination among the departments of the Secretariat be improved?',
          'What should each stakeholder do to implement the integrated approach set out in resolution 2518 (2020)?',
          'Given the weight of training, equipment, medical support and new technologies, which practical steps would most improve ' +
            'the safety and security of peacekeepers?',
        ],
      },
      {
        heading: 'IV. Format of the meeting',
        paragraphs: [
          'The meeting will be held by videoconference and chaired by the Permanent Representative of China to the United Nations, ' +
            'Zhang Jun. The Council will be briefed by the Under-Secretaries-General for Peace Operations, for Operational Support and ' +
            'for Safety and Security. States that are not members of the Council are encouraged to submit written statements, which ' +
            'will be included in the official record of the debate.',
        ],
        questions: [],
      },
    ],
  },
  guidanceNote: {
    paragraphs: [
      'Delegations wishing to take part in the open debate of 24 May 2021 may submit a written statement through Rostrum.',
      'Each statement is submitted in Microsoft Word format (.docx), together with a cover letter addressed to the President of the ' +
        'Security Council and signed by the Permanent Representative or the Chargé d’affaires a.i., no later than the day of the ' +
        'meeting, 24 May 2021, New York time. Statements received will be published in the official compilation of the debate.',
    ],
    steps: [
      'Ask your mission’s access focal point to give you access to the submission module.',
      'Sign in, open the debate and choose “Submit a written statement”.',
    ],
  },
  contacts: [
    {
      purpose: 'technical',
      unit: 'Office of Information and Communications Technology help desk',
      phone: '212 963 3333',
      email: 'missions-support@un.int',
    },
    { purpose: 'substantive', unit: 'Security Council Affairs Division', email: 'dppa-scsb3@un.org' },
  ],
};
