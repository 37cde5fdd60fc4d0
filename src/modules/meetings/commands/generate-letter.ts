// Generates the debate's announcement letter: composes the document model from the debate's data as it stands and
// asks the documents module to render it in every format (in the background). A draft carries no symbol; issuing
// takes the next S/YYYY/N of the letter's year once, and every later generation of the letter keeps it.
//
// Lock order: the debate row first (so the letter is composed from one version of it), then the symbol counter (see
// documents/commands/issue-symbol.ts).
import type { AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { isoDateIn } from '../../../kernel/dates.js';
import { stateByIso3 } from '../../delegations/index.js';
import { assignOriginalSymbol, requestGeneration, symbolsOfSubject, type SymbolChoice } from '../../documents/index.js';
import { findDebateBySlug, loadCouncil, type DebateRecord } from '../db.js';
import { announcementLetter, type AnnouncementLetterInput } from '../domain/announcement-letter.js';
import { notifyLetterIssued } from '../notifications.js';
import { presidesOver, type Scheduler } from './debate-scope.js';

/** The letter's inputs from a stored debate. The letter date defaults to `today` (New York) until one is set. */
export function letterInputOf(
  debate: DebateRecord,
  symbol: string | null,
  options: { platform: string; today: string },
): AnnouncementLetterInput {
  const state = stateByIso3(debate.presiding_state);
  if (!state) throw new AppError('internal', { detail: `presiding state ${debate.presiding_state} is not in the reference data` });
  return {
    slug: debate.slug,
    organ: 'Security Council',
    symbol,
    letterDate: debate.letter_date ?? options.today,
    letterOriginal: debate.letter_original,
    conceptNoteOriginal: debate.concept_note_original,
    presidingState: state,
    senderTitle: debate.letter_sender_title,
    signedBy: debate.letter_signed_by ?? debate.chair_name,
    signatureLines: debate.letter_signature_lines,
    theme: debate.theme,
    startsAt: debate.starts_at,
    timeZone: debate.time_zone,
    wordGuidance: debate.word_guidance,
    platform: options.platform,
    conceptNote: debate.concept_note,
    guidanceNote: debate.guidance_note,
    contacts: debate.contacts.map((c) => ({ purpose: c.purpose, unit: c.unit, phone: c.phone, email: c.email })),
  };
}

/** The symbol the debate's announcement letter was issued under, if it was. */
export async function letterSymbolOf(db: Database | Transaction, debateId: string): Promise<string | null> {
  const symbols = await symbolsOfSubject(db, debateId);
  return symbols.find((s) => s.purpose === 'announcement_letter' && s.parent === null)?.symbol ?? null;
}

export async function generateAnnouncementLetter(
  trx: Transaction,
  clock: Clock,
  actor: AuditActor,
  slug: string,
  options: { issue: boolean; platform: string; scheduler?: Scheduler; symbol?: SymbolChoice },
): Promise<{ generationId: string; symbol: string | null }> {
  const locked = await trx.selectFrom('meetings.debates').select('id').where('slug', '=', slug).forUpdate().executeTakeFirst();
  if (!locked) throw new AppError('debate.not_found', { detail: slug });
  const debate = await findDebateBySlug(trx, slug);
  if (!debate) throw new AppError('debate.not_found', { detail: slug });
  const scheduler: Scheduler = options.scheduler ?? { kind: 'secretariat' };
  if (scheduler.kind !== 'secretariat' && !presidesOver(await loadCouncil(trx), scheduler, debate))
    throw new AppError('debate.outside_presidency', { detail: slug });
  const today = isoDateIn(clock.now(), 'America/New_York');
  let symbol = await letterSymbolOf(trx, debate.id);
  if (options.issue && symbol === null) {
    // The first issue takes the symbol the officer confirmed: the documents service's, or the counter's next, of the
    // year of the letter's date. Later generations of the issued letter keep it.
    if (!options.symbol) throw new AppError('symbol.required', { detail: `${slug}: issuing the letter needs a symbol choice` });
    symbol = (
      await assignOriginalSymbol(trx, clock, actor, {
        choice: options.symbol,
        series: 'S',
        documentDate: debate.letter_date ?? today,
        purpose: 'announcement_letter',
        subjectId: debate.id,
      })
    ).symbol;
  }
  const model = announcementLetter(
    letterInputOf(debate, options.issue || symbol !== null ? symbol : null, { platform: options.platform, today }),
  );
  const { generationId } = await requestGeneration(trx, clock, actor, { document: 'announcement_letter', subjectId: debate.id, model });
  if (options.issue && model.symbol !== null) await notifyLetterIssued(trx, clock, { debateId: debate.id, symbol: model.symbol });
  return { generationId, symbol: model.symbol };
}
