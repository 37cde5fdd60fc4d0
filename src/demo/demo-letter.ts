// The demo debate's announcement letter, as the input announcementLetter composes: for the renderer tests
// (test/letter-fixture.ts) and the letter benchmark (bench/letter-worker.mjs), which build the same letter.
import { zonedTimeToUtc } from '../kernel/dates.js';
import { stateByIso3 } from '../modules/delegations/index.js';
import { conceptNoteSchema, guidanceNoteSchema, type AnnouncementLetterInput } from '../modules/meetings/index.js';
import { demoDebate } from './debate-2021-05.js';

/**
 * The letter's input. `repeatConceptNote` repeats the paragraphs of each section of the concept note that many times
 * (a larger letter, whose paragraphs announcementLetter numbers itself).
 */
export function demoLetterInput(o: { symbol?: string | null; repeatConceptNote?: number } = {}): AnnouncementLetterInput {
  const china = stateByIso3('CHN');
  if (!china) throw new Error('CHN missing from the reference data');
  const conceptNote = conceptNoteSchema.parse(demoDebate.conceptNote);
  const repeat = o.repeatConceptNote ?? 1;
  if (repeat > 1)
    for (const section of conceptNote.sections) section.paragraphs = Array.from({ length: repeat }, () => section.paragraphs).flat();
  return {
    slug: demoDebate.slug,
    organ: 'Security Council',
    symbol: o.symbol === undefined ? 'S/2021/442' : o.symbol,
    letterDate: demoDebate.letterDate ?? '2021-05-05',
    letterOriginal: 'en',
    conceptNoteOriginal: 'zh',
    presidingState: china,
    senderTitle: 'Permanent Representative',
    signedBy: demoDebate.chairName,
    signatureLines: [
      'Permanent Representative and',
      'Ambassador Extraordinary and Plenipotentiary',
      "of the People's Republic of China to the United Nations",
    ],
    theme: demoDebate.theme,
    startsAt: zonedTimeToUtc(demoDebate.startsAt, 'America/New_York'),
    timeZone: 'America/New_York',
    wordGuidance: 500,
    platform: 'the Rostrum platform',
    conceptNote,
    guidanceNote: guidanceNoteSchema.parse(demoDebate.guidanceNote),
    contacts: demoDebate.contacts.map((c) => ({ purpose: c.purpose, unit: c.unit, phone: c.phone ?? null, email: c.email ?? null })),
  };
}
