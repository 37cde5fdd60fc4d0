// The announcement letter, composed from a debate's data in the shape the Council's documents take: the letter from
// the presiding State's representative to the Secretary-General, its annex (the concept note) and the annex's
// enclosure (the guidance on written statements). The formulas (title, opening, the request to circulate, the
// signature, the headings) are generated here; the concept note's and the guidance note's paragraphs are the text
// that was entered, unchanged. The formulas name what the letter carries in the singular, whatever the data: one
// annex (the concept note, "see annex", "the present letter and its annex"), one enclosure, and a written statement
// from each delegation. Pure: the same input gives the same model, and so the same bytes in every format.
import type { State } from '../../delegations/index.js';
import type { OfficialLanguage } from '../../../kernel/i18n/languages.js';
import { formatIsoDate, toLetterLabel, toRoman, type Attachment, type Block, type DocumentModel } from '../../documents/index.js';
import { formatDate, isoDateIn } from '../../../kernel/dates.js';
import type { ConceptNote, GuidanceNote } from './debate.js';

/** Where statements are submitted, as the letter names it. */
export const PLATFORM_NAME = 'the Rostrum platform';

export const SENDER_TITLES = ['Permanent Representative', "Chargé d'affaires a.i."] as const;
export type SenderTitle = (typeof SENDER_TITLES)[number];

export interface LetterContact {
  purpose: 'technical' | 'substantive';
  unit: string;
  phone: string | null;
  email: string | null;
}

export interface AnnouncementLetterInput {
  slug: string;
  organ: 'Security Council';
  symbol: string | null;
  /** 'YYYY-MM-DD' */
  letterDate: string;
  letterOriginal: OfficialLanguage;
  conceptNoteOriginal: OfficialLanguage;
  presidingState: Pick<State, 'runningText' | 'formalName'>;
  senderTitle: SenderTitle;
  /** The signer's name, "Zhang Jun". */
  signedBy: string;
  /** The signer's function, one printed line each; empty: "<title> of <formal name> to the United Nations". */
  signatureLines: string[];
  theme: string;
  startsAt: Date;
  timeZone: string;
  wordGuidance: number;
  /** Where statements are submitted, named in the letter: "the Rostrum platform". */
  platform: string;
  conceptNote: ConceptNote;
  guidanceNote: GuidanceNote;
  contacts: LetterContact[];
}

/** "the Permanent Representative of China to the United Nations", or the chargé d'affaires' form. */
export function senderPhrase(title: SenderTitle, state: Pick<State, 'runningText'>): string {
  return title === 'Permanent Representative'
    ? `the Permanent Representative of ${state.runningText} to the United Nations`
    : `the Chargé d'affaires a.i. of the Permanent Mission of ${state.runningText} to the United Nations`;
}

/** "Letter dated 5 May 2021 from the Permanent Representative of China to the United Nations addressed to the Secretary-General" */
export function letterTitle(input: Pick<AnnouncementLetterInput, 'letterDate' | 'senderTitle' | 'presidingState'>): string {
  return (
    `Letter dated ${formatIsoDate(input.letterDate)} from ${senderPhrase(input.senderTitle, input.presidingState)} addressed to the ` +
    `Secretary-General`
  );
}

/** A section heading as entered, without a Roman numeral it may already carry ("I. Background" → "Background"). */
export function bareHeading(heading: string): string {
  return heading.replace(/^\s*[IVXLCDM]+\.\s+/, '').trim();
}

/** “United Nations peacekeeping operations: improving ...” in the typographic quotes of UN documents. */
function quoted(theme: string): string {
  return `“${theme}”`;
}

/** "24 May" when the meeting is in the letter's year, "24 May 2022" otherwise. */
function meetingDay(input: AnnouncementLetterInput): string {
  const full = formatDate(input.startsAt, input.timeZone);
  return isoDateIn(input.startsAt, input.timeZone).slice(0, 4) === input.letterDate.slice(0, 4) ? full.replace(/ \d{4}$/, '') : full;
}

function conceptNoteBlocks(note: ConceptNote): Block[] {
  const blocks: Block[] = [];
  let number = 0;
  note.sections.forEach((section, i) => {
    blocks.push({ kind: 'heading', number: toRoman(i + 1), text: bareHeading(section.heading) });
    for (const p of section.paragraphs) blocks.push({ kind: 'numbered', number: ++number, text: p });
    section.questions.forEach((q, j) => blocks.push({ kind: 'lettered', label: toLetterLabel(j), text: q }));
  });
  return blocks;
}

function contactSentence(c: LetterContact): string {
  const how = [c.phone ? `at ${c.phone}` : undefined, c.email ? `by email at ${c.email}` : undefined].filter(Boolean).join(' or ');
  return c.purpose === 'technical'
    ? `For technical support related to user logins and passwords, please contact the ${c.unit} ${how}.`
    : `For other questions related to the open debate, please contact the ${c.unit} ${how}.`;
}

export function announcementLetter(input: AnnouncementLetterInput): DocumentModel {
  const state = input.presidingState;
  const monthName = formatDate(input.startsAt, input.timeZone).split(' ')[1] ?? '';
  const theme = quoted(input.theme);
  const signature =
    input.signatureLines.length > 0 ? input.signatureLines : [`${input.senderTitle} of ${state.formalName} to the United Nations`];

  const enclosure: Attachment = {
    kind: 'enclosure',
    heading: 'Enclosure',
    original: input.letterOriginal,
    title: ['Guidance note: submission of written statements', `${input.organ} open debate on the theme ${theme}`],
    blocks: [
      ...input.guidanceNote.paragraphs.map((text): Block => ({ kind: 'paragraph', text })),
      ...input.guidanceNote.steps.map((text): Block => ({ kind: 'bullet', text })),
      ...[...input.contacts]
        .sort((a, b) => (a.purpose === b.purpose ? 0 : a.purpose === 'technical' ? -1 : 1))
        .map((c): Block => ({ kind: 'paragraph', text: contactSentence(c) })),
    ],
    attachments: [],
  };

  const annex: Attachment = {
    kind: 'annex',
    heading:
      `Annex to the letter dated ${formatIsoDate(input.letterDate)} from ${senderPhrase(input.senderTitle, state)} addressed to ` +
      `the Secretary-General`,
    original: input.conceptNoteOriginal,
    title: [`Concept note for the ${input.organ} open debate on the theme ${theme}`],
    blocks: conceptNoteBlocks(input.conceptNote),
    attachments: [enclosure],
  };

  return {
    type: 'announcement_letter',
    organ: input.organ,
    symbol: input.symbol,
    distribution: 'General',
    date: input.letterDate,
    originals: [input.letterOriginal],
    language: 'en',
    title: letterTitle(input),
    blocks: [
      {
        kind: 'paragraph',
        text:
          `In its capacity as President of the ${input.organ} for the month of ${monthName}, ${state.runningText} intends to organize ` +
          `an open debate on the theme ${theme} on ${meetingDay(input)}.`,
      },
      {
        kind: 'paragraph',
        text: `In order to guide the discussions on this topic, ${state.runningText} has prepared a concept note (see annex).`,
      },
      {
        kind: 'paragraph',
        text:
          `Member States and observers wishing to participate are invited to submit a written statement of approximately ` +
          `${input.wordGuidance} ${input.wordGuidance === 1 ? 'word' : 'words'} through ${input.platform} (see enclosure).`,
      },
      {
        kind: 'paragraph',
        text: `I should be grateful if the present letter and its annex could be circulated as a document of the ${input.organ}.`,
      },
      { kind: 'signature', name: input.signedBy, lines: signature },
    ],
    attachments: [annex],
    workPath: `/debates/${input.slug}`,
  };
}
