// The demo debate's announcement letter as a document model, for renderer tests and benchmarks.
import { demoDebate } from '../src/demo/debate-2021-05.js';
import { stateByIso3 } from '../src/modules/delegations/index.js';
import type { DocumentModel } from '../src/modules/documents/index.js';
import { conceptNoteSchema, guidanceNoteSchema } from '../src/modules/meetings/domain/debate.js';
import { announcementLetter } from '../src/modules/meetings/domain/announcement-letter.js';
import { zonedTimeToUtc } from '../src/kernel/dates.js';

export function demoLetterModel(symbol: string | null = 'S/2021/442'): DocumentModel {
  const china = stateByIso3('CHN');
  if (!china) throw new Error('CHN missing from the reference data');
  return announcementLetter({
    slug: demoDebate.slug,
    organ: 'Security Council',
    symbol,
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
    conceptNote: conceptNoteSchema.parse(demoDebate.conceptNote),
    guidanceNote: guidanceNoteSchema.parse(demoDebate.guidanceNote),
    contacts: demoDebate.contacts.map((c) => ({ purpose: c.purpose, unit: c.unit, phone: c.phone ?? null, email: c.email ?? null })),
  });
}
