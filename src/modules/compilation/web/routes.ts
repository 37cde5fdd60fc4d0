// The compilation's pages: the Secretariat's list of runs (build one from the accepted statements, follow its
// rendering, issue it under a symbol), and, once issued, the public page of the compilation and its files.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC, type AccountActor } from '../../../kernel/authz.js';
import { getBlob } from '../../../kernel/blobs/index.js';
import type { Clock } from '../../../kernel/clock.js';
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError, isAppError } from '../../../kernel/errors.js';
import { form, notice, noticeFor, submit } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { documentHtml } from '../../documents/render/html.js';
import { documentModelSchema, documentPictures, findGeneration, findRendition, generationsOf, sendRendition, type RenditionRow } from '../../documents/index.js';
import { actingAs } from '../../identity/index.js';
import { findDebateBySlug, type DebateRecord } from '../../meetings/index.js';
import { FILE_EXTENSIONS, FORMAT_LABELS, formatOfExtension } from '../../meetings/web/letter-files.js';
import { STATEMENTS_REVIEW } from '../../statements/policies.js';
import { buildCompilation, issueCompilation } from '../commands/compile.js';
import { latestIssuedRun, runsOf, type RunRow } from '../db.js';

const notices = { built: 'The compilation is being built in every format; its state is below.', issued: 'The compilation was issued under its symbol and published.' } as const;
const slugParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 120 } }, required: ['slug'] } as const;
const runParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 120 }, seq: { type: 'integer', minimum: 1, maximum: 100000 } }, required: ['slug', 'seq'] } as const;

function signedIn(request: FastifyRequest): AccountActor {
  if (request.actor.kind !== 'account') throw new AppError('auth.unauthenticated');
  return request.actor;
}

function formats(slug: string, generationId: string, renditions: readonly RenditionRow[]): SafeHtml {
  return html`<ul class="plain">${renditions.map((r) =>
    r.status === 'done'
      ? html`<li><a href="/debates/${slug}/documents/${generationId}/${FILE_EXTENSIONS[r.format]}">${FORMAT_LABELS[r.format]}</a></li>`
      : html`<li>${FORMAT_LABELS[r.format]}: ${r.status === 'failed' ? html`<strong class="error-text">failed</strong>. ${r.error ?? ''}` : r.status === 'unavailable' ? `not available. ${r.error ?? ''}` : 'being made'}</li>`,
  )}</ul>`;
}

export async function compilationRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock }): Promise<void> {
  async function debateOf(slug: string): Promise<DebateRecord> {
    const debate = await findDebateBySlug(deps.db, slug);
    if (!debate) throw new AppError('debate.not_found');
    return debate;
  }

  async function renderRuns(request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply, error?: string, status = 200) {
    const debate = await debateOf(request.params.slug);
    const runs = await runsOf(deps.db, debate.id);
    const generations = new Map((await generationsOf(deps.db, 'compilation', debate.id, 100)).map((g) => [g.id, g]));
    const csrf = reply.csrfToken();
    const tz = debate.time_zone;
    const pending = runs.some((r) => generations.get(r.generation_id)?.renditions.some((x) => x.status === 'queued' || x.status === 'running'));
    const row = (r: RunRow) => html`<tr>
  <th scope="row">${r.seq}</th>
  <td><time datetime="${r.created_at.toISOString()}">${formatDateWithWeekday(r.created_at, tz)}, ${formatTimeInZone(r.created_at, tz)}</time></td>
  <td>${r.inputs.written.length} written statements</td>
  <td>${r.symbol ? html`<strong>${r.symbol}</strong>` : 'Draft'}</td>
  <td>${formats(debate.slug, r.generation_id, generations.get(r.generation_id)?.renditions ?? [])}${r.originals_sha256 ? html`<a href="/debates/${debate.slug}/compilation/runs/${r.seq}/originals.zip">Original files (ZIP)</a>` : ''}</td>
  <td>${r.symbol ? '' : form(`/debates/${debate.slug}/compilation/runs/${r.seq}/issue`, csrf, submit(`Issue run ${r.seq} under a symbol`, { secondary: true }), { className: 'inline' })}</td>
</tr>`;
    const body = html`<p class="eyebrow"><a href="/debates/${debate.slug}/statements">Written statements to review</a></p>
<h1>Compilation</h1>
<p>${debate.theme}</p>
${notice(noticeFor((request.query as { done?: unknown }).done, notices))}
${error ? html`<div class="error-summary" role="alert"><p>${error}</p></div>` : ''}
<p>A build takes every statement accepted on the review desk, as it stands, and makes the President’s letter with each statement as an annex, in every format. Issuing a build gives it the next S/ symbol and publishes it.</p>
${form(`/debates/${debate.slug}/compilation/runs`, csrf, submit('Build the compilation from the accepted statements'), { label: 'Build the compilation' })}
<div id="compilation-status" aria-live="polite"${pending ? html` data-refresh="/debates/${debate.slug}/compilation/runs"` : ''}>
${
  runs.length === 0
    ? html`<p>No compilation has been built yet.</p>`
    : html`<div class="table-wrap"><table class="table"><caption>Builds, the latest first</caption>
<thead><tr><th scope="col">Build</th><th scope="col">Built</th><th scope="col">Contents</th><th scope="col">Symbol</th><th scope="col">Formats</th><th scope="col">Issue</th></tr></thead>
<tbody>${runs.map(row)}</tbody></table></div>`
}
</div>`;
    return reply.status(status).type('text/html; charset=utf-8').send(page({ actor: request.actor, title: `Compilation: ${debate.theme}`, body }).value);
  }

  app.get<{ Params: { slug: string } }>('/debates/:slug/compilation/runs', { config: { policy: STATEMENTS_REVIEW }, schema: { params: slugParams } }, async (request, reply) => renderRuns(request, reply));

  app.post<{ Params: { slug: string } }>('/debates/:slug/compilation/runs', { config: { policy: STATEMENTS_REVIEW }, schema: { params: slugParams } }, async (request, reply) => {
    try {
      await deps.db.transaction().execute(async (trx) => buildCompilation(trx, deps.clock, await actingAs(trx, signedIn(request)), request.params.slug));
    } catch (err) {
      if (isAppError(err) && err.code === 'compilation.nothing_accepted') return renderRuns(request, reply, err.message, err.status);
      throw err;
    }
    return reply.redirect(`/debates/${request.params.slug}/compilation/runs?done=built`, 303);
  });

  app.post<{ Params: { slug: string; seq: number } }>(
    '/debates/:slug/compilation/runs/:seq/issue',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: runParams } },
    async (request, reply) => {
      try {
        await deps.db.transaction().execute(async (trx) => issueCompilation(trx, deps.clock, await actingAs(trx, signedIn(request)), request.params.slug, request.params.seq));
      } catch (err) {
        if (isAppError(err) && (err.code === 'compilation.already_issued' || err.code === 'compilation.not_found')) return renderRuns(request, reply, err.message, err.status);
        throw err;
      }
      return reply.redirect(`/debates/${request.params.slug}/compilation/runs?done=issued`, 303);
    },
  );

  app.get<{ Params: { slug: string; seq: number } }>(
    '/debates/:slug/compilation/runs/:seq/originals.zip',
    { config: { policy: STATEMENTS_REVIEW }, schema: { params: runParams } },
    async (request, reply) => {
      const debate = await debateOf(request.params.slug);
      const run = (await runsOf(deps.db, debate.id)).find((r) => r.seq === request.params.seq);
      if (!run?.originals_sha256) throw new AppError('compilation.not_found');
      const blob = await getBlob(deps.db, run.originals_sha256);
      if (!blob) throw new AppError('blob.not_found');
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${debate.slug}-compilation-${run.seq}-originals.zip"`)
        .send(Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, blob.bytes.byteLength));
    },
  );

  // -- Public, once issued ---------------------------------------------------------------------------------------
  async function issued(slug: string) {
    const debate = await debateOf(slug);
    const run = await latestIssuedRun(deps.db, debate.id);
    if (!run) throw new AppError('document.not_generated');
    const generation = await findGeneration(deps.db, run.generation_id);
    if (!generation) throw new AppError('document.not_generated');
    return { debate, run, generation };
  }

  app.get<{ Params: { slug: string } }>('/debates/:slug/compilation', { config: { policy: PUBLIC }, schema: { params: slugParams } }, async (request, reply) => {
    const { debate, run, generation } = await issued(request.params.slug);
    const model = documentModelSchema.parse(generation.model);
    const images = new Map<string, { bytes: Uint8Array; mediaType: string }>();
    for (const sha of documentPictures(model)) {
      const blob = await getBlob(deps.db, sha);
      if (blob) images.set(sha, blob);
    }
    const links = await Promise.all((['html', 'docx', 'pdf', 'akn'] as const).map(async (f) => [f, await findRendition(deps.db, generation.id, f)] as const));
    const body = html`<p class="eyebrow"><a href="/debates/${debate.slug}">${debate.theme}</a></p>
<h1>Compilation of the debate (${run.symbol ?? ''})</h1>
<h2 id="formats">Download</h2>
<ul class="formats">${links.filter(([, r]) => r?.status === 'done').map(([f]) => html`<li><a href="/debates/${debate.slug}/compilation.${FILE_EXTENSIONS[f]}">${FORMAT_LABELS[f]}</a></li>`)}</ul>
${documentHtml(model, { headingLevel: 2, idPrefix: 'compilation' }, { images })}`;
    return reply.type('text/html; charset=utf-8').send(page({ actor: request.actor, title: `${run.symbol ?? ''}: ${model.title}`, body }).value);
  });

  app.get<{ Params: { slug: string; ext: string } }>(
    '/debates/:slug/compilation.:ext',
    { config: { policy: PUBLIC }, schema: { params: { type: 'object', properties: { slug: { type: 'string', maxLength: 120 }, ext: { type: 'string', maxLength: 10 } }, required: ['slug', 'ext'] } } },
    async (request, reply) => {
      const format = formatOfExtension(request.params.ext);
      if (!format) throw new AppError('http.not_found');
      const { run, generation } = await issued(request.params.slug);
      return sendRendition(reply, deps.db, generation.id, format, `${(run.symbol ?? 'compilation').replace(/\//g, '-')}.${FILE_EXTENSIONS[format]}`);
    },
  );
}
