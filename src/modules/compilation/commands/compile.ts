// Building and issuing a debate's compilation. A build freezes its inputs (every accepted statement's current
// revision, by id and hashes, the order policy and the procedural text), composes the letter from them and asks the
// documents module to render it: a draft, "Draft" where the symbol goes. Issuing a run takes the year's next S/
// number, renders the same inputs again under it, and publishes it; an issued run is never changed, and issuing it
// twice is refused.
//
// Lock order, as for the announcement letter: the run's row, then the symbol counter, then the audit log.
import { createHash, randomUUID } from 'node:crypto';
import { recordAudit } from '../../../kernel/audit.js';
import { allows } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { putBlob } from '../../../kernel/blobs/index.js';
import { compareSortKeys, entityNameForms, findMission, stateByIso3, type NameForms } from '../../delegations/index.js';
import { issueSymbol, requestGeneration } from '../../documents/index.js';
import type { Block, ContentBlock } from '../../documents/domain/document-model.js';
import type { Acting } from '../../identity/index.js';
import { findDebateBySlug, type DebateRecord } from '../../meetings/index.js';
import { canonicalJson } from '../../statements/index.js';
import { STATEMENTS_REVIEW } from '../../statements/policies.js';
import type { RunInputs } from '../db.js';
import { ANNEX_GROUPS, compilationLetter, type CompilationInput, type DelegationItem } from '../domain/compilation-letter.js';
import { originalsZip, type OriginalFile } from '../domain/originals.js';

/** The procedure agreed in 2020 for meetings held by video-teleconference; a run may give another. */
export const DEFAULT_PROCEDURE =
  'In accordance with the procedure agreed by the members of the Council for meetings held during the period (S/2020/372), the present letter and its annexes will be issued as a document of the Security Council.';

/** The names of a mission, from the reference data (States) or its own record (entities). */
async function namesOf(trx: Transaction, code: string): Promise<{ kind: 'state' | 'entity'; names: NameForms }> {
  const state = /^[A-Z]{3}$/.test(code) ? stateByIso3(code) : undefined;
  if (state) return { kind: 'state', names: { sortKey: state.sortKey, runningText: state.runningText, heading: state.heading } };
  const mission = await findMission(trx, code);
  if (!mission) throw new AppError('mission.not_found', { detail: code });
  return { kind: 'entity', names: entityNameForms(mission.organisation_name, mission.article) };
}

/** The blocks of an annex: the statement as read from its file, or its words as plain paragraphs when it has no model. */
function statementBlocks(content: unknown, language: string | null): Block[] {
  if (content && typeof content === 'object' && Array.isArray((content as { blocks?: unknown }).blocks)) {
    const block = { kind: 'content', content, ...(language === 'ar' ? { dir: 'rtl' } : {}), ...(language ? { lang: language } : {}) } as ContentBlock;
    return [block];
  }
  return [{ kind: 'paragraph', text: 'The text of this statement is available in its original file.' }];
}

/** Composes the compilation letter from frozen inputs. */
async function compose(trx: Transaction, debate: DebateRecord, inputs: RunInputs, symbol: string | null) {
  const written: DelegationItem[] = [];
  for (const w of inputs.written) {
    const revision = await trx.selectFrom('statements.revisions').selectAll().where('id', '=', w.revisionId).executeTakeFirstOrThrow();
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
    briefers: [],
    council: [],
    live: [],
    written,
    procedure: inputs.procedure,
    order: inputs.order,
  };
  return compilationLetter(input);
}

/** The original files of a run, in the annexes' order (English alphabetical order of the delegations' names). */
async function originalsOf(trx: Transaction, inputs: RunInputs): Promise<Uint8Array> {
  const delegations: Array<{ label: string; sortKey: string; files: OriginalFile[] }> = [];
  for (const w of inputs.written) {
    const { names } = await namesOf(trx, w.delegation);
    const revision = await trx.selectFrom('statements.revisions').select(['cover_type']).where('id', '=', w.revisionId).executeTakeFirstOrThrow();
    const read = async (sha: string) => {
      const blob = await trx.selectFrom('kernel.blobs').select('content').where('sha256', '=', sha).executeTakeFirstOrThrow();
      return new Uint8Array(blob.content.buffer, blob.content.byteOffset, blob.content.byteLength);
    };
    delegations.push({
      label: names.sortKey,
      sortKey: names.sortKey,
      files: [
        { label: names.sortKey, which: 'statement', extension: 'docx', bytes: await read(w.statementSha256) },
        { label: names.sortKey, which: 'cover-letter', extension: revision.cover_type ?? 'docx', bytes: await read(w.coverSha256) },
      ],
    });
  }
  delegations.sort((a, b) => compareSortKeys(a.sortKey, b.sortKey));
  return originalsZip(delegations);
}

function secretariatOnly(by: Acting): void {
  if (!allows(by.actor, STATEMENTS_REVIEW)) throw new AppError('auth.forbidden');
}

export async function buildCompilation(trx: Transaction, clock: Clock, by: Acting, slug: string, options: { procedure?: string } = {}): Promise<{ runId: string; seq: number }> {
  secretariatOnly(by);
  const locked = await trx.selectFrom('meetings.debates').select('id').where('slug', '=', slug).forUpdate().executeTakeFirst();
  const debate = locked ? await findDebateBySlug(trx, slug) : undefined;
  if (!debate) throw new AppError('debate.not_found', { detail: slug });
  // The accepted statements: submitted, and the latest decision about the current revision is an acceptance.
  const submissions = await trx.selectFrom('statements.submissions').selectAll().where('debate_id', '=', debate.id).where('state', '=', 'submitted').execute();
  const written: RunInputs['written'] = [];
  for (const s of submissions) {
    const review = await trx
      .selectFrom('statements.reviews')
      .select('decision')
      .where('revision_id', '=', s.current_revision)
      .orderBy('decided_at', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (review?.decision !== 'accepted') continue;
    const revision = await trx.selectFrom('statements.revisions').select(['statement_sha256', 'cover_sha256']).where('id', '=', s.current_revision).executeTakeFirstOrThrow();
    written.push({ delegation: s.delegation, revisionId: s.current_revision, statementSha256: revision.statement_sha256 ?? '', coverSha256: revision.cover_sha256 ?? '' });
  }
  if (written.length === 0) throw new AppError('compilation.nothing_accepted', { detail: slug });
  written.sort((a, b) => (a.delegation < b.delegation ? -1 : a.delegation > b.delegation ? 1 : 0));
  const inputs: RunInputs = {
    order: [...ANNEX_GROUPS],
    procedure: options.procedure?.trim() || DEFAULT_PROCEDURE,
    // The meeting is chaired by the President of the Council, who signs the letter.
    presidentName: debate.chair_name,
    letterDate: isoDateIn(clock.now(), debate.time_zone),
    written,
  };
  const model = await compose(trx, debate, inputs, null);
  const originals = await putBlob(trx, clock, await originalsOf(trx, inputs), 'application/zip');
  const { generationId } = await requestGeneration(trx, clock, { id: by.actor.id, label: by.label }, { document: 'compilation', subjectId: debate.id, model });
  const last = await trx.selectFrom('compilation.runs').select('seq').where('debate_id', '=', debate.id).orderBy('seq', 'desc').limit(1).executeTakeFirst();
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
      corrects: null,
      symbol: null,
      created_at: clock.now(),
      created_by: by.actor.id,
      issued_at: null,
      issued_by: null,
    })
    .execute();
  await recordAudit(trx, clock, { action: 'compilation.built', actor: { id: by.actor.id, label: by.label }, subject: { type: 'debate', id: debate.id }, data: { debate: slug, run: seq, statements: written.length } });
  return { runId: id, seq };
}

export async function issueCompilation(trx: Transaction, clock: Clock, by: Acting, slug: string, seq: number): Promise<{ symbol: string; generationId: string }> {
  secretariatOnly(by);
  const debate = await findDebateBySlug(trx, slug);
  if (!debate) throw new AppError('debate.not_found', { detail: slug });
  const run = await trx.selectFrom('compilation.runs').selectAll().where('debate_id', '=', debate.id).where('seq', '=', seq).forUpdate().executeTakeFirst();
  if (!run) throw new AppError('compilation.not_found', { detail: `${slug} run ${seq}` });
  if (run.symbol !== null) throw new AppError('compilation.already_issued', { detail: `${slug} run ${seq} is ${run.symbol}` });
  const year = Number(isoDateIn(clock.now(), debate.time_zone).slice(0, 4));
  const { symbol } = await issueSymbol(trx, clock, { id: by.actor.id, label: by.label }, { series: 'S', year, purpose: 'compilation', subjectId: debate.id });
  const model = await compose(trx, debate, run.inputs, symbol);
  const { generationId } = await requestGeneration(trx, clock, { id: by.actor.id, label: by.label }, { document: 'compilation', subjectId: debate.id, model });
  await trx
    .updateTable('compilation.runs')
    .set({ symbol, issued_at: clock.now(), issued_by: by.actor.id, generation_id: generationId })
    .where('id', '=', run.id)
    .execute();
  await recordAudit(trx, clock, { action: 'compilation.issued', actor: { id: by.actor.id, label: by.label }, subject: { type: 'debate', id: debate.id }, data: { debate: slug, run: seq, symbol } });
  return { symbol, generationId };
}
