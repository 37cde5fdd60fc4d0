// Building and issuing a debate's compilation. A build freezes its inputs (every accepted statement's current
// revision, by id and hashes, the order policy and the procedural text), composes the letter from them and asks the
// documents module to render it: a draft, "Draft" where the symbol goes. Issuing a run takes the year's next S/
// number, renders the same inputs again under it, and publishes it; an issued run is never changed, and issuing it
// twice is refused.
//
// Lock order, as for the announcement letter: the run's row, then the symbol counter.
import { createHash, randomUUID } from 'node:crypto';
import { recordAudit } from '../../../kernel/audit.js';
import type { Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { invariant } from '../../../kernel/invariant.js';
import { putBlob } from '../../../kernel/blobs/index.js';
import { compareSortKeys, entityNameForms, findMission, stateByIso3, type NameForms } from '../../delegations/index.js';
import {
  assignOriginalSymbol,
  issueDerivedSymbol,
  requestGeneration,
  type SymbolChoice,
  type Block,
  type ContentBlock,
  type DocumentModel,
} from '../../documents/index.js';
import { unconfirmedBriefers, type DebateRecord } from '../../meetings/index.js';
import { servedCopy } from '../../uploads/index.js';
import {
  acceptedRevisionsNow,
  briefedPositions,
  canonicalJson,
  findRevision,
  freezeIssuedAnnexes,
  speakersOf,
  speakerTextsById,
  type IssuedAnnex,
  type RevisionRow,
  type SpeakerTextRow,
} from '../../statements/index.js';
import type { FrozenSpeaker, RunInputs } from '../db.js';
import { issuedOriginal, lockRun } from '../db.js';
import { parseAnnexOrder } from '../domain/annex-order.js';
import {
  ANNEX_GROUPS,
  annexOrder,
  compilationLetter,
  type AnnexGroup,
  type BriefingItem,
  type CompilationInput,
  type DelegationItem,
} from '../domain/compilation-letter.js';
import { originalsZip, type OriginalFile } from '../domain/originals.js';
import { debateFor, requireSecretariat } from './access.js';
import { letterSignatory } from './letter-signatory.js';
import { notifyCompilationIssued } from '../notifications.js';

/** The procedure agreed in 2020 for meetings held by video-teleconference; a run may give another. */
export const DEFAULT_PROCEDURE =
  'In accordance with the procedure agreed by the members of the Council for meetings held during the period (S/2020/372), the ' +
  'present letter and its annexes will be issued as a document of the Security Council.';

/** The names of a mission, from the reference data (States) or its own record (entities). */
export async function namesOf(trx: Database | Transaction, code: string): Promise<{ kind: 'state' | 'entity'; names: NameForms }> {
  const state = /^[A-Z]{3}$/.test(code) ? stateByIso3(code) : undefined;
  if (state) return { kind: 'state', names: { sortKey: state.sortKey, runningText: state.runningText, heading: state.heading } };
  const mission = await findMission(trx, code);
  if (!mission) throw new AppError('mission.not_found', { detail: code });
  return { kind: 'entity', names: entityNameForms(mission.organisation_name, mission.article) };
}

/** The blocks of an annex: the statement as read from its file, or its words as plain paragraphs when it has no model. */
export function statementBlocks(content: unknown, language: string | null): Block[] {
  if (content && typeof content === 'object' && Array.isArray((content as { blocks?: unknown }).blocks)) {
    const block = {
      kind: 'content',
      content,
      ...(language === 'ar' ? { dir: 'rtl' } : {}),
      ...(language ? { lang: language } : {}),
    } as ContentBlock;
    return [block];
  }
  return [{ kind: 'paragraph', text: 'The text of this statement is available in its original file.' }];
}

/** A run's frozen speakers of one group, in speaking order (runs built before speakers were recorded have none). */
function frozenSpeakers(inputs: RunInputs, group: 'briefers' | 'council' | 'live'): FrozenSpeaker[] {
  return [...(inputs[group] ?? [])].sort((a, b) => a.position - b.position);
}

/** The frozen speakers' texts, by text id. */
async function frozenTexts(trx: Database | Transaction, inputs: RunInputs): Promise<Map<string, SpeakerTextRow>> {
  const ids = (['briefers', 'council', 'live'] as const).flatMap((g) => frozenSpeakers(inputs, g).map((s) => s.textId));
  const texts = await speakerTextsById(trx, ids);
  const missing = ids.find((id) => !texts.has(id));
  if (missing) throw new AppError('internal', { detail: `speaker text ${missing} of a run's inputs is not stored` });
  return texts;
}

/** Composes the compilation letter from frozen inputs: the letter's input, and its document model. */
async function compose(
  trx: Transaction,
  debate: DebateRecord,
  inputs: RunInputs,
  symbol: string | null,
): Promise<{ input: CompilationInput; model: DocumentModel }> {
  const texts = await frozenTexts(trx, inputs);
  const briefers: BriefingItem[] = frozenSpeakers(inputs, 'briefers').map((b) => {
    const text = texts.get(b.textId)!;
    return {
      speaker: { name: text.speaker_name, title: text.speaker_title },
      original: text.original_language,
      blocks: statementBlocks(text.content, text.original_language),
    };
  });
  const spoken = async (group: 'council' | 'live'): Promise<DelegationItem[]> => {
    const items: DelegationItem[] = [];
    for (const s of frozenSpeakers(inputs, group)) {
      const text = texts.get(s.textId)!;
      const { kind, names } = await namesOf(trx, s.delegation ?? '');
      items.push({
        delegation: { code: s.delegation ?? '', kind, names },
        speaker: { name: text.speaker_name, title: text.speaker_title },
        original: text.original_language,
        blocks: statementBlocks(text.content, text.original_language),
      });
    }
    return items;
  };
  const council = await spoken('council');
  const live = await spoken('live');
  const written: DelegationItem[] = [];
  for (const w of inputs.written) {
    const revision = await frozenRevision(trx, w.revisionId);
    const { kind, names } = await namesOf(trx, w.delegation);
    written.push({
      delegation: { code: w.delegation, kind, names },
      speaker: { name: revision.signatory_name ?? '', title: revision.signatory_title ?? '' },
      original: revision.original_language ?? 'en',
      blocks: statementBlocks(revision.content, revision.original_language),
      ...(revision.on_behalf_of ? { onBehalfOf: revision.on_behalf_of } : {}),
    });
  }
  const input: CompilationInput = {
    slug: debate.slug,
    organ: 'Security Council',
    symbol,
    letterDate: inputs.letterDate,
    presidentName: inputs.presidentName,
    meeting: { theme: debate.theme, startsAt: debate.starts_at, timeZone: debate.time_zone, format: debate.format },
    ...(inputs.presidingState && inputs.presidingState !== debate.presiding_state
      ? { meetingPresidency: stateByIso3(debate.presiding_state)?.runningText ?? debate.presiding_state }
      : {}),
    briefers,
    council,
    live,
    written,
    procedure: inputs.procedure,
    order: inputs.order,
  };
  return { input, model: compilationLetter(input) };
}

/**
 * The original files of a run, in the annexes' order: the groups in the run's order policy; briefings and live
 * statements in speaking order, Council members' and written statements in English alphabetical order of the
 * delegations' names. One numbered entry per annex, under names a person can read. Each file is its clean copy, as
 * every file Rostrum hands out (statements' checks/served-copy.ts): the one stored when it was received, or, for a file
 * received before clean copies were made, one made now, the same bytes every time; so the same inputs give the same ZIP.
 */
export async function originalsOf(trx: Database | Transaction, inputs: RunInputs): Promise<Uint8Array> {
  const read = async (sha: string, cleanSha: string | null) => {
    const served = await servedCopy(trx, { sha256: sha, cleanSha256: cleanSha });
    if (!served) throw new AppError('blob.not_found', { detail: `file ${sha} of a run's inputs is not stored` });
    return served.bytes;
  };
  const texts = await frozenTexts(trx, inputs);
  const cleanOf = (s: FrozenSpeaker) => {
    const text = texts.get(s.textId);
    return text?.file_sha256 === s.sha256 ? text.file_clean_sha256 : null;
  };
  const entries: Record<AnnexGroup, Array<{ label: string; sortKey: string; files: OriginalFile[] }>> = {
    briefers: [],
    council: [],
    live: [],
    written: [],
  };
  for (const b of frozenSpeakers(inputs, 'briefers')) {
    const label = texts.get(b.textId)!.speaker_name;
    entries.briefers.push({
      label,
      sortKey: label,
      files: [{ label, which: 'briefing', extension: 'docx', bytes: await read(b.sha256, cleanOf(b)) }],
    });
  }
  for (const group of ['council', 'live'] as const) {
    for (const s of frozenSpeakers(inputs, group)) {
      const { names } = await namesOf(trx, s.delegation ?? '');
      entries[group].push({
        label: names.sortKey,
        sortKey: names.sortKey,
        files: [
          {
            label: names.sortKey,
            which: group === 'council' ? 'council-statement' : 'live-statement',
            extension: 'docx',
            bytes: await read(s.sha256, cleanOf(s)),
          },
        ],
      });
    }
  }
  for (const w of inputs.written) {
    const { names } = await namesOf(trx, w.delegation);
    const revision = await frozenRevision(trx, w.revisionId);
    entries.written.push({
      label: names.sortKey,
      sortKey: names.sortKey,
      files: [
        {
          label: names.sortKey,
          which: 'statement',
          extension: 'docx',
          bytes: await read(w.statementSha256, revision.statement_sha256 === w.statementSha256 ? revision.statement_clean_sha256 : null),
        },
        {
          label: names.sortKey,
          which: 'cover-letter',
          extension: revision.cover_type ?? 'docx',
          bytes: await read(w.coverSha256, revision.cover_sha256 === w.coverSha256 ? revision.cover_clean_sha256 : null),
        },
      ],
    });
  }
  entries.council.sort((a, b) => compareSortKeys(a.sortKey, b.sortKey));
  entries.written.sort((a, b) => compareSortKeys(a.sortKey, b.sortKey));
  return originalsZip((inputs.order ?? ANNEX_GROUPS).flatMap((group) => entries[group]));
}

/** What the officer chooses when building: the annex order, the letter's date and who signs it. */
export interface BuildOptions {
  procedure?: string;
  corrects?: string;
  order?: string;
  /** 'YYYY-MM-DD'; empty or absent: today, or the meeting's day for a build made before the meeting. */
  letterDate?: string;
  /** The name under "(Signed)"; absent: the one proposed for the letter's month (see ./letter-signatory.ts). */
  signedBy?: string;
}

/** The letter's date when none is chosen: today in the debate's zone, but never before the meeting. */
export function defaultLetterDate(clock: Clock, debate: DebateRecord): string {
  const today = isoDateIn(clock.now(), debate.time_zone);
  const meetingDay = isoDateIn(debate.starts_at, debate.time_zone);
  return today < meetingDay ? meetingDay : today;
}

export async function buildCompilation(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  slug: string,
  options: BuildOptions = {},
): Promise<{ runId: string; seq: number }> {
  requireSecretariat(by);
  const order = parseAnnexOrder(options.order ?? '');
  if (!order.ok) throw new AppError('compilation.order_invalid', { detail: order.message });
  const debate = await debateFor(trx, slug, { lock: true });
  const signatory = await letterSignatory(trx, debate, options.letterDate?.trim() || defaultLetterDate(clock, debate));
  const presidentName = (options.signedBy ?? signatory.proposedName).trim().replace(/\s+/g, ' ');
  if (presidentName === '' || presidentName.length > 200)
    throw new AppError('compilation.signatory_required', { detail: `${slug}: "${presidentName}"` });
  // The accepted statements: submitted, and the latest decision about the current revision is an acceptance.
  const written: RunInputs['written'] = [...(await acceptedRevisionsNow(trx, debate.id))].map(([delegation, r]) => ({ delegation, ...r }));
  // The meeting's speakers as recorded now, each by its current (immutable) text, in speaking order.
  const speakers = await speakersOf(trx, debate.id);
  const frozen = (kind: 'briefer' | 'council' | 'live'): FrozenSpeaker[] =>
    speakers
      .filter((s) => s.speaker.kind === kind)
      .map((s) => ({
        speakerId: s.speaker.id,
        textId: s.text.id,
        position: s.speaker.position,
        ...(s.speaker.delegation ? { delegation: s.speaker.delegation } : {}),
        sha256: s.text.file_sha256,
      }));
  if (written.length === 0 && speakers.length === 0) throw new AppError('compilation.nothing_accepted', { detail: slug });
  // Before the meeting, a briefer still "to be confirmed" (marked so, no briefing recorded) may yet brief or not: the
  // document's briefings are not settled, so nothing is built (the same rule takes the mark off the debate's page).
  const unconfirmed = unconfirmedBriefers(debate, briefedPositions(speakers), clock.now());
  if (unconfirmed.length > 0) {
    const names = unconfirmed.map((b) => (b.name ? `${b.name}, ${b.function}` : b.function));
    throw new AppError('compilation.briefers_unconfirmed', {
      detail: `${slug}: briefers ${unconfirmed.map((b) => b.position).join(', ')}`,
      values: { briefers: names.join('; ') },
    });
  }
  written.sort((a, b) => (a.delegation < b.delegation ? -1 : a.delegation > b.delegation ? 1 : 0));
  const inputs: RunInputs = {
    order: order.order,
    procedure: options.procedure?.trim() || DEFAULT_PROCEDURE,
    // The President of the Council in the month of the letter's date signs it.
    presidentName,
    letterDate: signatory.letterDate,
    presidingState: signatory.presidingState,
    written,
    briefers: frozen('briefer'),
    council: frozen('council'),
    live: frozen('live'),
  };
  const { model } = await compose(trx, debate, inputs, null);
  const originals = await putBlob(trx, clock, await originalsOf(trx, inputs), 'application/zip');
  const { generationId } = await requestGeneration(
    trx,
    clock,
    { id: by.actor.id, label: by.label },
    { document: 'compilation', subjectId: debate.id, model },
  );
  const last = await trx
    .selectFrom('compilation.runs')
    .select('seq')
    .where('debate_id', '=', debate.id)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const id = randomUUID();
  const json = canonicalJson(inputs);
  await trx
    .insertInto('compilation.runs')
    .values({
      id,
      debate_id: debate.id,
      seq,
      inputs: json,
      inputs_sha256: createHash('sha256').update(json).digest('hex'),
      generation_id: generationId,
      originals_sha256: originals.sha256,
      originals_clean: true,
      // Once the compilation is issued, every build is a corrigendum of it (see ./corrigendum.ts).
      corrects: options.corrects ?? (await issuedOriginal(trx, debate.id))?.id ?? null,
      symbol: null,
      created_at: clock.now(),
      created_by: by.actor.id,
      issued_at: null,
      issued_by: null,
    })
    .execute();
  await recordAudit(trx, clock, {
    action: 'compilation.built',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'debate', id: debate.id },
    data: { debate: slug, run: seq, statements: written.length + speakers.length },
  });
  return { runId: id, seq };
}

/**
 * Issues a run: an original takes the year's next S/ number, a corrigendum (a run that `corrects` the issued original)
 * the original's next /Corr.N. Refused, changing nothing: a run already issued; an original when another build of the
 * debate was issued before it (the debate has one compilation, later changes are corrigenda); a run whose frozen
 * statements are no longer exactly the ones the review desk accepts now (nothing accepted any more, or one replaced,
 * withdrawn, returned or newly accepted since the build).
 *
 * Lock order: the debate's row (as a build takes it, so a build and an issue of one debate never cross), the run's
 * row, then the symbol (the counter, or the original's row for a corrigendum).
 */
export async function issueCompilation(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  slug: string,
  seq: number,
  options: { symbol: SymbolChoice },
): Promise<{ symbol: string; generationId: string; annexes: IssuedAnnex[] }> {
  requireSecretariat(by);
  const debate = await debateFor(trx, slug, { lock: true });
  const run = await lockRun(trx, debate.id, seq);
  if (!run) throw new AppError('compilation.not_found', { detail: `${slug} run ${seq}` });
  if (run.symbol !== null) throw new AppError('compilation.already_issued', { detail: `${slug} run ${seq} is ${run.symbol}` });
  let parent: string | null = null;
  if (run.corrects === null) {
    const original = await issuedOriginal(trx, debate.id);
    if (original)
      throw new AppError('compilation.superseded', { detail: `${slug} run ${seq}: run ${original.seq} is ${original.symbol ?? ''}` });
  } else {
    const original = await trx
      .selectFrom('compilation.runs')
      .select(['symbol', 'seq'])
      .where('id', '=', run.corrects)
      .executeTakeFirstOrThrow();
    if (original.symbol === null)
      throw new AppError('compilation.corrigendum_of_draft', { detail: `${slug} run ${seq} corrects run ${original.seq}, not issued` });
    parent = original.symbol;
  }
  const accepted = await acceptedRevisionsNow(trx, debate.id);
  const frozen = run.inputs.written;
  if (accepted.size === 0 && frozen.length > 0)
    throw new AppError('compilation.nothing_accepted', {
      detail: `${slug} run ${seq}: none of its ${frozen.length} statements is accepted now`,
    });
  const changed = frozen.length !== accepted.size || frozen.some((w) => accepted.get(w.delegation)?.revisionId !== w.revisionId);
  if (changed)
    throw new AppError('compilation.inputs_changed', {
      detail: `${slug} run ${seq}: built from ${frozen.length} statements, ${accepted.size} accepted now`,
    });
  const actor = { id: by.actor.id, label: by.label };
  // An original takes the symbol the officer confirmed (as the documents service assigned it, or the counter's next),
  // of the year of the letter's date; a corrigendum takes its original's next /Corr.N.
  const { symbol } =
    parent === null
      ? await assignOriginalSymbol(trx, clock, actor, {
          choice: options.symbol,
          series: 'S',
          documentDate: run.inputs.letterDate,
          purpose: 'compilation',
          subjectId: debate.id,
        })
      : await issueDerivedSymbol(trx, clock, actor, { parent, kind: 'Corr', purpose: 'compilation', subjectId: debate.id });
  const { input, model } = await compose(trx, debate, run.inputs, symbol);
  // The written statements are frozen in the issued document under their annex numbers (see statements' issued-annexes.ts).
  const revisionOf = new Map(frozen.map((w) => [w.delegation, w.revisionId]));
  const annexes: IssuedAnnex[] = annexOrder(input).flatMap(({ group, item }, i) =>
    group === 'written' && 'delegation' in item
      ? [{ delegation: item.delegation.code, revisionId: revisionOf.get(item.delegation.code) ?? '', annex: i + 1 }]
      : [],
  );
  const moved = await freezeIssuedAnnexes(trx, debate.id, symbol, annexes);
  if (moved.length > 0)
    throw new AppError('compilation.inputs_changed', {
      detail: `${slug} run ${seq}: ${moved.join(', ')} changed while it was being issued`,
    });
  const { generationId } = await requestGeneration(trx, clock, actor, { document: 'compilation', subjectId: debate.id, model });
  await trx
    .updateTable('compilation.runs')
    .set({ symbol, issued_at: clock.now(), issued_by: by.actor.id, generation_id: generationId })
    .where('id', '=', run.id)
    .execute();
  await recordAudit(trx, clock, {
    action: 'compilation.issued',
    actor,
    subject: { type: 'debate', id: debate.id },
    data: { debate: slug, run: seq, symbol },
  });
  await notifyCompilationIssued(trx, clock, { debateId: debate.id, runId: run.id, symbol });
  return { symbol, generationId, annexes };
}

/** A revision a run froze; revisions are never deleted, so a missing one is a broken invariant. */
async function frozenRevision(db: Database | Transaction, id: string): Promise<RevisionRow> {
  const revision = await findRevision(db, id);
  invariant(revision, `the revision ${id} that a run froze is missing`);
  return revision;
}
