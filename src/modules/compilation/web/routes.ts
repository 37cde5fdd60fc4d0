// The compilation's pages: the Secretariat's list of runs (build one from the accepted statements, follow its
// rendering, issue it under a symbol), and, once issued, the public page of the compilation and its files.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC } from '../../../kernel/authz.js';
import { getBlob } from '../../../kernel/blobs/index.js';
import type { Clock } from '../../../kernel/clock.js';
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError, errorCatalogue, isAppError } from '../../../kernel/errors.js';
import { field, form, notice, noticeFor, select, submit, formValues } from '../../../web/forms.js';
import { html } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import {
  documentModelSchema,
  documentPictures,
  findGeneration,
  findRendition,
  findSymbol,
  generationsOf,
  refreshWhilePending,
  type SymbolAssignment,
  FILE_EXTENSIONS,
  FORMAT_LABELS,
  formatOfExtension,
  documentHtml,
  toRoman,
} from '../../documents/index.js';
import { numberedHereNote } from '../../meetings/web/index.js';
import { actingAs } from '../../identity/index.js';
import { findDebateBySlug, type DebateRecord } from '../../meetings/index.js';
import { issuedAnnexes } from '../../statements/index.js';
import { COMPILATION_MANAGE } from '../policies.js';
import { stateByIso3 } from '../../delegations/index.js';
import { buildCompilation, defaultLetterDate, originalsOf } from '../commands/compile.js';
import { letterSignatory } from '../commands/letter-signatory.js';
import { changesSince } from '../commands/source-state.js';
import { compilationIssueRoutes } from './issue-routes.js';
import { DEFAULT_ANNEX_ORDER, parseAnnexOrder } from '../domain/annex-order.js';
import { finalsOf, issuedCorrigenda, issuedOriginal, runsOf, type FinalRow, type RunRow } from '../db.js';
import { compilationRecordRoutes } from './record-routes.js';
import { downloadableFormats, sendRunFile } from './run-files.js';
import { actionsCell, afterIssueNote, issuedSections, renditionsCell, symbolCell } from './run-views.js';
import { signedIn } from '../../../web/session.js';
import { dataTable } from '../../../web/tables.js';

/** The build form's values and its fields' errors, when the page is shown again. */
interface BuildForm {
  order?: string;
  orderError?: string;
  letterDate?: string;
  letterDateError?: string;
  signedBy?: string;
  signedByError?: string;
}

const notices = {
  built: 'The compilation is being built in every format; its state is below.',
  issued: 'The compilation was issued under its symbol and published.',
  corrigendum: 'The corrigendum is being built from what is accepted now; issue it when it is ready.',
  final: 'The corrected file was kept, and the public download of that format now serves it.',
  retried: 'The failed formats are being made again; their state is below.',
  reopened: 'The statement was reopened: its delegation can replace or withdraw it, and a corrigendum will carry the change.',
} as const;
/** Refusals of a build, shown on the page (nothing was built). */
const BUILD_REFUSALS = new Set(['compilation.nothing_accepted', 'compilation.briefers_unconfirmed']);
const slugParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 120 } }, required: ['slug'] } as const;
const runParams = {
  type: 'object',
  properties: { slug: { type: 'string', maxLength: 120 }, seq: { type: 'integer', minimum: 1, maximum: 100000 } },
  required: ['slug', 'seq'],
} as const;

/** A corrigendum's number, from its symbol (S/2021/90/Corr.2 is 2). */
function corrigendumNumber(symbol: string | null): number {
  return Number(/\/Corr\.(\d+)$/.exec(symbol ?? '')?.[1] ?? 0);
}

/** What a run encloses, by group. */
function contents(r: RunRow): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts = [
    (r.inputs.briefers?.length ?? 0) > 0 ? count(r.inputs.briefers!.length, 'briefing', 'briefings') : '',
    (r.inputs.council?.length ?? 0) > 0 ? count(r.inputs.council!.length, 'Council member’s statement', 'Council members’ statements') : '',
    (r.inputs.live?.length ?? 0) > 0 ? count(r.inputs.live!.length, 'live statement', 'live statements') : '',
    count(r.inputs.written.length, 'written statement', 'written statements'),
  ];
  return parts.filter(Boolean).join(', ');
}

export async function compilationRoutes(
  app: FastifyInstance,
  deps: { db: Database; clock: Clock; symbols: SymbolAssignment },
): Promise<void> {
  async function debateOf(slug: string): Promise<DebateRecord> {
    const debate = await findDebateBySlug(deps.db, slug);
    if (!debate) throw new AppError('debate.not_found');
    return debate;
  }

  async function renderRuns(
    request: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    error?: string,
    status = 200,
    build: BuildForm = {},
  ) {
    const debate = await debateOf(request.params.slug);
    const letterDate = build.letterDate || defaultLetterDate(deps.clock, debate);
    const proposal = await letterSignatory(deps.db, debate, letterDate).catch((err: unknown) => {
      if (isAppError(err)) return undefined;
      throw err;
    });
    const runs = await runsOf(deps.db, debate.id);
    const generations = new Map((await generationsOf(deps.db, 'compilation', debate.id, 100)).map((g) => [g.id, g]));
    const csrf = reply.csrfToken();
    const tz = debate.time_zone;
    const pending = runs.some((r) =>
      generations.get(r.generation_id)?.renditions.some((x) => x.status === 'queued' || x.status === 'running'),
    );
    if (!error)
      refreshWhilePending(
        reply,
        runs.flatMap((r) => generations.get(r.generation_id)?.renditions ?? []),
      );
    const byId = new Map(runs.map((r) => [r.id, r]));
    const original = runs.find((r) => r.symbol !== null && r.corrects === null);
    const finals = new Map<string, FinalRow[]>(
      await Promise.all(runs.filter((r) => r.symbol !== null).map(async (r) => [r.id, await finalsOf(deps.db, r.id)] as const)),
    );
    const row = (r: RunRow) => [
      r.seq,
      html`<time datetime="${r.created_at.toISOString()}">${formatDateWithWeekday(r.created_at, tz)}, ${formatTimeInZone(r.created_at, tz)}</time>`,
      contents(r),
      symbolCell(r, r.corrects ? byId.get(r.corrects) : undefined),
      html`${renditionsCell(debate.slug, r.seq, r.generation_id, generations.get(r.generation_id)?.renditions ?? [], csrf)}${r.originals_sha256 ? html`<a href="/debates/${debate.slug}/compilation/runs/${r.seq}/originals.zip">Original files (ZIP)</a>` : ''}`,
      actionsCell(debate.slug, r, original),
    ];
    const body = html`<p class="eyebrow"><a href="/debates/${debate.slug}/statements">Written statements to review</a></p>
<h1>Compilation</h1>
<p>${debate.theme}</p>
${notice(noticeFor((request.query as { done?: unknown }).done, notices))}
${error ? html`<div class="error-summary" role="alert"><p>${error}</p></div>` : ''}
<p>A build takes every statement accepted on the review desk, as it stands, and the briefings, Council members’ statements and live speakers’ statements recorded on the <a href="/debates/${debate.slug}/speakers">speakers’ page</a>, and makes the President’s letter with each text as an annex, in every format. Issuing a build is a step of its own: its page shows what becomes public and asks for the symbol before anything is published.</p>
${afterIssueNote(original)}
${form(
  `/debates/${debate.slug}/compilation/runs`,
  csrf,
  html`${field({ name: 'order', label: 'Annex order', hint: `The groups of annexes in the order they are enclosed, each once, separated by commas: ${DEFAULT_ANNEX_ORDER}. Briefings and live speakers follow the speaking order; Council members and written statements are in English alphabetical order.`, value: build.order ?? DEFAULT_ANNEX_ORDER, error: build.orderError, maxlength: 200 })}
${field({ name: 'letterDate', label: 'Date of the letter', type: 'date', hint: 'Today, or the day of the meeting for a build made before it. The letter is signed by the President of the Council for the month of this date.', value: letterDate, error: build.letterDateError })}
${field({
  name: 'signedBy',
  label: 'Signed by (the President of the Security Council)',
  hint: proposal
    ? `${stateByIso3(proposal.presidingState)?.heading ?? proposal.presidingState} presides the Council in the month of the date above.${proposal.proposedName ? ` Empty: ${proposal.proposedName}${proposal.sameAsMeeting ? ', who chaired the meeting' : ', its Permanent Representative as the mission recorded them'}.` : ' Enter the name of its Permanent Representative.'} If you change the date, leave this empty to sign with that month’s President.`
    : 'Enter the name of the President of the Council for the month of the letter’s date.',
  value: build.signedBy ?? '',
  error: build.signedByError,
  maxlength: 200,
})}
${submit('Build the compilation from the accepted statements')}`,
  { label: 'Build the compilation' },
)}
<div id="compilation-status" aria-live="polite"${pending ? html` data-refresh="/debates/${debate.slug}/compilation/runs"` : ''}>
${
  runs.length === 0
    ? html`<p>No compilation has been built yet.</p>`
    : dataTable({
        caption: 'Builds, the latest first',
        columns: ['Build', 'Built', 'Contents', 'Symbol', 'Formats', 'Issue or correct'],
        rows: runs.map(row),
        rowHeader: true,
      })
}
${pending ? html`<p><a href="/debates/${debate.slug}/compilation/runs">Check again</a></p>` : ''}
</div>
${await changesAlert(debate.id, runs, original)}
${issuedSections(debate.slug, runs, finals, csrf, tz)}
${await reopenSection(debate.id, debate.slug, csrf)}`;
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(page({ actor: request.actor, title: `Compilation: ${debate.theme}`, body }).value);
  }

  /** The statements frozen in the issued compilation, and the form that reopens one for a corrigendum. */
  async function reopenSection(debateId: string, slug: string, csrf: string) {
    const issued = [...(await issuedAnnexes(deps.db, debateId))].sort((a, b) => a[1].annex - b[1].annex);
    if (issued.length === 0) return html``;
    const name = (code: string) => stateByIso3(code)?.heading ?? code;
    return html`<section aria-labelledby="issued-statements-heading">
<h2 id="issued-statements-heading">Statements in the issued compilation</h2>
<p>These written statements are annexes of an issued document and cannot change: a late permission does not reopen them. If one must change, reopen it here; its delegation can then replace or withdraw it, and the change reaches the record through a corrigendum.</p>
${form(
  `/debates/${slug}/compilation/reopen`,
  csrf,
  html`${select({ name: 'delegation', label: 'Statement', options: issued.map(([code, a]) => ({ value: code, label: `Annex ${toRoman(a.annex)} of ${a.symbol}: ${name(code)}` })), value: '' })}
${submit('Reopen the statement for a corrigendum', { secondary: true })}`,
  { label: 'Reopen a statement for a corrigendum' },
)}
</section>`;
  }

  /** What changed in the sources since the latest build, and since the latest issued run: the officer acts on it. */
  async function changesAlert(debateId: string, runs: readonly RunRow[], original: RunRow | undefined) {
    const latest = runs[0];
    if (!latest) return html``;
    const issued = runs.find((r) => r.symbol !== null);
    const changes = await changesSince(deps.db, debateId);
    const since = latest.symbol === null ? changes(latest) : [];
    const sinceIssue = issued ? changes(issued) : [];
    const list = (changes: typeof since) => html`<ul>${changes.map((c) => html`<li>${c.who} ${c.what}.</li>`)}</ul>`;
    return html`${
      since.length > 0
        ? html`<div class="alert" role="status"><h2>Changed since build ${latest.seq}</h2>${list(since)}<p>Build ${latest.seq} no longer matches the sources and cannot be issued. Build again to include these changes.</p></div>`
        : ''
    }${
      issued && sinceIssue.length > 0
        ? html`<div class="alert" role="status"><h2>Changed since ${issued.symbol ?? ''} was issued</h2>${list(sinceIssue)}<p>${issued.symbol ?? ''} stays as issued. ${original ? 'If these changes must be on the record, start a corrigendum below.' : ''}</p></div>`
        : ''
    }`;
  }

  // Corrigenda, hand-corrected finals and retries of failed formats: their own context, with its multipart parser.
  await app.register(compilationRecordRoutes, { db: deps.db, clock: deps.clock, renderRuns });
  // The reviewed issue: the confirmation page and the only form that issues.
  await app.register(compilationIssueRoutes, { db: deps.db, clock: deps.clock, symbols: deps.symbols });

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug/compilation/runs',
    { config: { policy: COMPILATION_MANAGE }, schema: { params: slugParams } },
    async (request, reply) => renderRuns(request, reply),
  );

  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/compilation/runs',
    { config: { policy: COMPILATION_MANAGE }, schema: { params: slugParams } },
    async (request, reply) => {
      const values = formValues(request.body);
      const order = (values.order ?? '').slice(0, 200);
      const letterDate = (values.letterDate ?? '').trim().slice(0, 20);
      const signedBy = (values.signedBy ?? '').trim().slice(0, 200);
      const entered: BuildForm = { order, letterDate, signedBy };
      const parsed = parseAnnexOrder(order);
      if (!parsed.ok)
        return renderRuns(
          request,
          reply,
          errorCatalogue['compilation.order_invalid'].message,
          errorCatalogue['compilation.order_invalid'].status,
          { ...entered, orderError: parsed.message },
        );
      try {
        await deps.db.transaction().execute(async (trx) =>
          buildCompilation(trx, deps.clock, await actingAs(trx, signedIn(request)), request.params.slug, {
            order,
            ...(letterDate ? { letterDate } : {}),
            ...(signedBy ? { signedBy } : {}),
          }),
        );
      } catch (err) {
        if (isAppError(err) && BUILD_REFUSALS.has(err.code)) return renderRuns(request, reply, err.message, err.status, entered);
        if (isAppError(err) && (err.code === 'compilation.letter_date_invalid' || err.code === 'compilation.letter_month_unknown'))
          return renderRuns(request, reply, err.message, err.status, { ...entered, letterDateError: err.message });
        if (isAppError(err) && err.code === 'compilation.signatory_required')
          return renderRuns(request, reply, err.message, err.status, { ...entered, signedByError: err.message });
        throw err;
      }
      return reply.redirect(`/debates/${request.params.slug}/compilation/runs?done=built`, 303);
    },
  );

  app.get<{ Params: { slug: string; seq: number } }>(
    '/debates/:slug/compilation/runs/:seq/originals.zip',
    { config: { policy: COMPILATION_MANAGE }, schema: { params: runParams } },
    async (request, reply) => {
      const debate = await debateOf(request.params.slug);
      const run = (await runsOf(deps.db, debate.id)).find((r) => r.seq === request.params.seq);
      if (!run?.originals_sha256) throw new AppError('compilation.not_found');
      // A run built before clean copies were made keeps the files as received in its ZIP: that one is made again from
      // the same frozen inputs, with the clean copies, when it is downloaded (the same bytes each time).
      const stored = run.originals_clean ? await getBlob(deps.db, run.originals_sha256) : undefined;
      const blob = run.originals_clean ? stored : { bytes: await originalsOf(deps.db, run.inputs) };
      if (!blob) throw new AppError('blob.not_found');
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${debate.slug}-compilation-${run.seq}-originals.zip"`)
        .send(Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, blob.bytes.byteLength));
    },
  );

  /** Each format's state in a generation (missing: not made). */
  async function formatStates(generationId: string) {
    return Promise.all(
      (['html', 'docx', 'pdf', 'akn'] as const).map(async (format) => ({
        format,
        status: (await findRendition(deps.db, generationId, format))?.status ?? 'queued',
      })),
    );
  }

  // -- Public, once issued ---------------------------------------------------------------------------------------
  // The public page and files are the issued original's; its corrigenda are listed beside it and served apart.
  async function issued(slug: string) {
    const debate = await debateOf(slug);
    const run = await issuedOriginal(deps.db, debate.id);
    if (!run) throw new AppError('document.not_generated');
    const generation = await findGeneration(deps.db, run.generation_id);
    if (!generation) throw new AppError('document.not_generated');
    return { debate, run, generation };
  }

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug/compilation',
    { config: { policy: PUBLIC }, schema: { params: slugParams } },
    async (request, reply) => {
      const { debate, run, generation } = await issued(request.params.slug);
      const model = documentModelSchema.parse(generation.model);
      const images = new Map<string, { bytes: Uint8Array; mediaType: string }>();
      for (const sha of documentPictures(model)) {
        const blob = await getBlob(deps.db, sha);
        if (blob) images.set(sha, blob);
      }
      const links = await downloadableFormats(deps.db, run, await formatStates(generation.id));
      const corrigenda = await Promise.all(
        (await issuedCorrigenda(deps.db, run.id)).map(async (c) => ({
          run: c,
          number: corrigendumNumber(c.symbol),
          links: await downloadableFormats(deps.db, c, await formatStates(c.generation_id)),
        })),
      );
      const correctedNote = html` (corrected by the Secretariat)`;
      const body = html`<p class="eyebrow"><a href="/debates/${debate.slug}">${debate.theme}</a></p>
<h1>Compilation of the debate (${run.symbol ?? ''})</h1>
${run.symbol && (await findSymbol(deps.db, run.symbol))?.numbered_by === 'installation' ? numberedHereNote(run.symbol) : ''}
<h2 id="formats">Download</h2>
<ul class="formats">${links.map((l) => html`<li><a href="/debates/${debate.slug}/compilation.${FILE_EXTENSIONS[l.format]}">${FORMAT_LABELS[l.format]}</a>${l.corrected ? correctedNote : ''}</li>`)}</ul>
${
  corrigenda.length > 0
    ? html`<h2 id="corrigenda">Corrigenda</h2>
<p>The compilation below is as issued; these corrigenda were issued after it.</p>
<ul>${corrigenda.map(
        (c) =>
          html`<li><strong>${c.run.symbol ?? ''}</strong>, issued <time datetime="${c.run.issued_at?.toISOString() ?? ''}">${c.run.issued_at ? formatDateWithWeekday(c.run.issued_at, debate.time_zone) : ''}</time>: ${c.links.map(
            (l, i) =>
              html`${i > 0 ? ', ' : ''}<a href="/debates/${debate.slug}/compilation/corrigenda/${c.number}.${FILE_EXTENSIONS[l.format]}">${FORMAT_LABELS[l.format]}</a>${l.corrected ? correctedNote : ''}`,
          )}</li>`,
      )}</ul>`
    : ''
}
${run.inputs.written.length > 0 ? html`<p><a href="/debates/${debate.slug}/compilation/statements">The written statements</a>, each on its own page with a copy of the Word file the delegation sent.</p>` : ''}
${documentHtml(model, { headingLevel: 2, idPrefix: 'compilation' }, { images })}`;
      return reply
        .type('text/html; charset=utf-8')
        .send(page({ actor: request.actor, title: `${run.symbol ?? ''}: ${model.title}`, body }).value);
    },
  );

  app.get<{ Params: { slug: string; ext: string } }>(
    '/debates/:slug/compilation.:ext',
    {
      config: { policy: PUBLIC },
      schema: {
        params: {
          type: 'object',
          properties: { slug: { type: 'string', maxLength: 120 }, ext: { type: 'string', maxLength: 10 } },
          required: ['slug', 'ext'],
        },
      },
    },
    async (request, reply) => {
      const format = formatOfExtension(request.params.ext);
      if (!format) throw new AppError('http.not_found');
      const { run } = await issued(request.params.slug);
      return sendRunFile(reply, deps.db, run, format);
    },
  );

  // A corrigendum's file, by its number: /debates/<slug>/compilation/corrigenda/1.pdf is <symbol>/Corr.1.
  app.get<{ Params: { slug: string; seq: number; ext: string } }>(
    '/debates/:slug/compilation/corrigenda/:seq.:ext',
    {
      config: { policy: PUBLIC },
      schema: {
        params: {
          type: 'object',
          properties: {
            slug: { type: 'string', maxLength: 120 },
            seq: { type: 'integer', minimum: 1, maximum: 1000 },
            ext: { type: 'string', maxLength: 10 },
          },
          required: ['slug', 'seq', 'ext'],
        },
      },
    },
    async (request, reply) => {
      const format = formatOfExtension(request.params.ext);
      if (!format) throw new AppError('http.not_found');
      const { run } = await issued(request.params.slug);
      const corrigendum = (await issuedCorrigenda(deps.db, run.id)).find((c) => corrigendumNumber(c.symbol) === request.params.seq);
      if (!corrigendum) throw new AppError('document.not_generated');
      return sendRunFile(reply, deps.db, corrigendum, format);
    },
  );
}
