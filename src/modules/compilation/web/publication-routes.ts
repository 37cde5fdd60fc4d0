// Publication on issue. Each delegation's written statement has a page and its original file at
// /debates/:slug/statements/:code(/original); the statements the issued compilation encloses are listed at
// /debates/:slug/compilation/statements. Whether a statement is public is derived from the debate's issued runs
// (the original and its corrigenda: their frozen inputs), never stored; it is shown as the latest issued run that
// encloses it has it. Before that, and for a statement the run does not enclose, the page and the
// file are the Secretariat's, the presidency's and the delegation's own (STATEMENTS_READ); to anyone else they
// answer "not found", exactly as a statement that does not exist, so a private statement's existence is not told.
// Cover letters are correspondence: they are never served here (the Secretariat has them on its review desk). The file
// served is the statement's clean copy (statements' checks/served-copy.ts); the bytes received stay the Secretariat's.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PUBLIC } from '../../../kernel/authz.js';
import { getBlob } from '../../../kernel/blobs/index.js';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { capitalizeArticle } from '../../delegations/index.js';
import {
  documentModelSchema,
  documentPictures,
  findGeneration,
  type DocumentModel,
  documentHtml,
  type RenderResources,
} from '../../documents/index.js';
import { loadCouncil, presidencyOfDebate, type DebateRecord } from '../../meetings/index.js';
import { servedCopy } from '../../uploads/index.js';
import { guardedBy } from '../../../web/policy-guard.js';
import { params, type SlugCodeParams, type SlugParams } from '../../../web/route-kit.js';
import {
  deskState,
  DESK_STATE_LABELS,
  findRevision,
  findSubmission,
  latestReview,
  STATEMENTS_READ,
  type RevisionRow,
  type StatementSubject,
} from '../../statements/index.js';
import { namesOf, statementBlocks } from '../commands/compile.js';
import { runsOf, type RunRow } from '../db.js';
import { annexTitle, functionOf, type DelegationItem } from '../domain/compilation-letter.js';
import {
  enclosingRun,
  findAnnex,
  latestIssuedFirst,
  statementDocument,
  type IssuedAnnex,
  type WrittenInput,
} from '../domain/publication.js';
import {
  publishedStatementsPage,
  statementPublicationPage,
  type AnnexPlace,
  type PublishedRow,
  type Standing,
} from './publication-pages.js';

/** Where a page says a statement is: the annex's number and name, without the attachment. */
function place(annex: IssuedAnnex | undefined): AnnexPlace | undefined {
  return annex ? { number: annex.number, label: annex.label } : undefined;
}

type CodeParams = SlugCodeParams;

type IssuedRunRow = RunRow & { symbol: string };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A statement a reader may see: the revision to show, and the issued run when the statement is one of its inputs. */
interface Readable {
  debate: DebateRecord;
  code: string;
  revision: RevisionRow;
  issued?: { run: IssuedRunRow; input: WrittenInput };
  /** For a statement not published: where it stands on the review desk, and whether a compilation was issued. */
  private?: { stateLabel: string; issued: boolean };
}

export async function publicationRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock }): Promise<void> {
  /** The debate's issued runs (the original and its corrigenda), the latest issued first. */
  async function issuedRuns(debate: DebateRecord): Promise<IssuedRunRow[]> {
    return latestIssuedFirst((await runsOf(deps.db, debate.id)).flatMap((r) => (r.symbol === null ? [] : [{ ...r, symbol: r.symbol }])));
  }

  /** What the guard learnt of the statement in the address: the debate's issued runs, and the one enclosing it. */
  const published = new WeakMap<
    FastifyRequest,
    { runs: IssuedRunRow[]; enclosing: { run: IssuedRunRow; input: WrittenInput } | undefined }
  >();

  /**
   * STATEMENTS_READ's subject: the statement of the delegation in the address, published or not. A published statement
   * is everyone's: the Council data (who presides, so whose presidency reads it early) is read only for one that is not.
   */
  async function statementSubject(request: FastifyRequest): Promise<StatementSubject> {
    const { debate } = request.loaded;
    const code = (request.params as CodeParams).code;
    const runs = await issuedRuns(debate);
    const enclosing = enclosingRun(runs, code);
    published.set(request, { runs, enclosing });
    const presidingState = enclosing === undefined ? presidencyOfDebate(await loadCouncil(deps.db), debate) : null;
    return { presidingState, delegation: code, published: enclosing !== undefined };
  }

  /** Reading a statement: refused and missing answer the same "not found", decided before anything of it is read. */
  const reading = { load: ['debate'], refusal: 'http.not_found', ...guardedBy(STATEMENTS_READ, statementSubject) } as const;

  /** The statement of the delegation in the address, which the guard let the actor read. */
  async function readable(request: FastifyRequest<{ Params: CodeParams }>): Promise<Readable> {
    const { debate } = request.loaded;
    const code = request.params.code;
    const { runs, enclosing } = published.get(request)!;
    if (enclosing) {
      const revision = await findRevision(deps.db, enclosing.input.revisionId);
      if (!revision) throw new AppError('http.not_found');
      return { debate, code, revision, issued: enclosing };
    }
    const submission = await findSubmission(deps.db, debate.id, code);
    const revision = submission ? await findRevision(deps.db, submission.current_revision) : undefined;
    if (!submission || !revision) throw new AppError('http.not_found');
    const review = submission.state === 'submitted' ? await latestReview(deps.db, revision.id) : undefined;
    return {
      debate,
      code,
      revision,
      private: { stateLabel: DESK_STATE_LABELS[deskState({ submission, review })], issued: runs.length > 0 },
    };
  }

  /** The statement as the compilation encloses it (same title, same blocks), from its revision. */
  async function itemOf(code: string, revision: RevisionRow): Promise<DelegationItem> {
    const { kind, names } = await namesOf(deps.db, code);
    return {
      delegation: { code, kind, names },
      speaker: { name: revision.signatory_name ?? '', title: revision.signatory_title ?? '' },
      original: revision.original_language ?? 'en',
      blocks: statementBlocks(revision.content, revision.original_language),
      ...(revision.on_behalf_of ? { onBehalfOf: revision.on_behalf_of } : {}),
    };
  }

  async function issuedModel(run: RunRow): Promise<DocumentModel> {
    const generation = await findGeneration(deps.db, run.generation_id);
    if (!generation) throw new AppError('document.not_generated');
    return documentModelSchema.parse(generation.model);
  }

  async function pictures(model: DocumentModel): Promise<RenderResources> {
    const images = new Map<string, { bytes: Uint8Array; mediaType: string }>();
    for (const sha of documentPictures(model)) {
      const blob = await getBlob(deps.db, sha);
      if (blob) images.set(sha, blob);
    }
    return { images };
  }

  app.get<{ Params: CodeParams }>(
    '/debates/:slug/statements/:code',
    { config: reading, schema: { params: params.slugCode } },
    async (request, reply) => {
      const r = await readable(request);
      const submitted = r.revision.action === 'submit';
      const item = await itemOf(r.code, r.revision);
      let standing: Standing;
      let model: DocumentModel | undefined;
      if (r.issued) {
        const issued = await issuedModel(r.issued.run);
        const annex = findAnnex(issued, { title: annexTitle(item), blocks: item.blocks });
        const enclosed = annex?.attachment;
        standing = { kind: 'published', symbol: r.issued.run.symbol, annex: place(annex) };
        model = statementDocument({
          symbol: r.issued.run.symbol,
          date: issued.date,
          original: enclosed?.original ?? item.original,
          title: enclosed ? enclosed.title.join(' ') : annexTitle(item),
          blocks: enclosed ? enclosed.blocks : item.blocks,
          workPath: issued.workPath,
        });
      } else {
        standing = { kind: 'private', stateLabel: r.private?.stateLabel ?? '', issued: r.private?.issued ?? false };
        if (submitted) {
          const draft = {
            symbol: null,
            date: isoDateIn(r.revision.created_at, r.debate.time_zone),
            original: item.original,
            title: annexTitle(item),
            workPath: `/debates/${r.debate.slug}/compilation`,
          };
          // A text the model does not accept is not shown as markup: the page says it is in the original file.
          const parsed = documentModelSchema.safeParse(statementDocument({ ...draft, blocks: item.blocks }));
          model = parsed.success ? parsed.data : statementDocument({ ...draft, blocks: statementBlocks(null, null) });
        }
      }
      const markup = statementPublicationPage({
        actor: request.actor,
        debate: r.debate,
        code: r.code,
        delegationName: capitalizeArticle(item.delegation.names.heading),
        ...(submitted ? { speaker: `${item.speaker.name}, ${functionOf(item.speaker, item.delegation)}`, original: item.original } : {}),
        ...(item.onBehalfOf ? { onBehalfOf: item.onBehalfOf } : {}),
        standing,
        ...(model ? { document: documentHtml(model, { headingLevel: 2, idPrefix: 'statement' }, await pictures(model)) } : {}),
        ...(submitted && r.revision.statement_sha256 !== null
          ? { file: { receivedSha256: r.issued ? r.issued.input.statementSha256 : r.revision.statement_sha256 } }
          : {}),
      });
      return reply.html(markup);
    },
  );

  app.get<{ Params: CodeParams }>(
    '/debates/:slug/statements/:code/original',
    { config: reading, schema: { params: params.slugCode } },
    async (request, reply) => {
      const r = await readable(request);
      const sha = r.issued ? r.issued.input.statementSha256 : r.revision.action === 'submit' ? r.revision.statement_sha256 : null;
      if (!sha) throw new AppError('http.not_found');
      // The clean copy of the file the delegation sent (the revision's, which the run froze by the same hash).
      const cleanSha = r.revision.statement_sha256 === sha ? r.revision.statement_clean_sha256 : null;
      const blob = await servedCopy(deps.db, { sha256: sha, cleanSha256: cleanSha });
      if (!blob) throw new AppError('blob.not_found');
      const extension = blob.mediaType === 'application/pdf' ? 'pdf' : 'docx';
      const prefix = r.issued ? `${r.issued.run.symbol.replace(/\//g, '-')}-` : '';
      const name = `${prefix}${r.code}-statement.${extension}`.replace(/[^A-Za-z0-9._-]/g, '_');
      return reply
        .header('content-type', blob.mediaType === 'application/pdf' ? blob.mediaType : DOCX)
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, blob.bytes.byteLength));
    },
  );

  app.get<{ Params: SlugParams }>(
    '/debates/:slug/compilation/statements',
    { config: { policy: PUBLIC, load: ['debate'] }, schema: { params: params.slug } },
    async (request, reply) => {
      const { debate } = request.loaded;
      const runs = await issuedRuns(debate);
      if (runs.length === 0) throw new AppError('document.not_generated');
      // Every delegation any issued run encloses, as the latest issued run enclosing it has it: that run's annexes first.
      const models = new Map<string, DocumentModel>();
      const rows: PublishedRow[] = [];
      const codes = [...new Set(runs.flatMap((r) => r.inputs.written.map((w) => w.delegation)))];
      for (const code of codes) {
        const { run, input } = enclosingRun(runs, code)!;
        const revision = await findRevision(deps.db, input.revisionId);
        if (!revision) continue;
        if (!models.has(run.id)) models.set(run.id, await issuedModel(run));
        const item = await itemOf(code, revision);
        rows.push({
          code,
          delegationName: capitalizeArticle(item.delegation.names.heading),
          speaker: `${item.speaker.name}, ${functionOf(item.speaker, item.delegation)}`,
          original: item.original,
          symbol: run.symbol,
          annex: place(findAnnex(models.get(run.id)!, { title: annexTitle(item), blocks: item.blocks })),
        });
      }
      const rank = new Map(runs.map((r, i) => [r.symbol, i]));
      rows.sort(
        (a, b) =>
          rank.get(a.symbol)! - rank.get(b.symbol)! ||
          (a.annex?.number ?? Number.MAX_SAFE_INTEGER) - (b.annex?.number ?? Number.MAX_SAFE_INTEGER),
      );
      const original = runs.find((r) => r.corrects === null) ?? runs[runs.length - 1]!;
      return reply.html(publishedStatementsPage({ actor: request.actor, debate, symbol: original.symbol, rows }));
    },
  );
}
