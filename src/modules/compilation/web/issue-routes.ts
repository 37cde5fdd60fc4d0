// Issuing a compilation build is a reviewed step of its own: a confirmation page shows the document as it will be
// issued (its title, date, signatory, annexes), what becomes public and where, and the symbol (entered as the documents
// service assigned it, or this installation's next number); only its form, with the box ticked, issues. A POST from
// anywhere else without that confirmation changes nothing and shows the page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError, isAppError } from '../../../kernel/errors.js';
import { form, submit, formValues } from '../../../web/forms.js';
import { html } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { signedIn } from '../../../web/session.js';
import { stateByIso3 } from '../../delegations/index.js';
import {
  documentModelSchema,
  findGeneration,
  findRendition,
  lastNumber,
  type SymbolAssignment,
  confirmBox,
  messageOf,
  requireConfirmation,
  statusOf,
  symbolChoiceOf,
  symbolPart,
  SYMBOL_FIELD_ERRORS,
  type SymbolPart,
  formatIsoDate,
} from '../../documents/index.js';
import { actingAs } from '../../identity/index.js';
import { findDebateBySlug, type DebateRecord } from '../../meetings/index.js';
import { reopenIssuedStatement } from '../../statements/index.js';
import { COMPILATION_MANAGE } from '../policies.js';
import { issueCompilation } from '../commands/compile.js';
import { findRun, type RunRow } from '../db.js';
import { renditionsCell } from './run-views.js';

/** Refusals of an issue shown on the confirmation page (nothing was changed); anything else goes to the error boundary. */
const SHOWN = new Set([
  'compilation.already_issued',
  'compilation.superseded',
  'compilation.inputs_changed',
  'compilation.nothing_accepted',
  'compilation.corrigendum_of_draft',
  'compilation.build_changed',
  'document.not_confirmed',
  ...SYMBOL_FIELD_ERRORS,
]);
const runParams = {
  type: 'object',
  properties: { slug: { type: 'string', maxLength: 120 }, seq: { type: 'integer', minimum: 1, maximum: 100000 } },
  required: ['slug', 'seq'],
} as const;

type RunRequest = FastifyRequest<{ Params: { slug: string; seq: number } }>;

/** "June 2026" for '2026-06-03'. */
function monthOf(isoDate: string): string {
  return formatIsoDate(isoDate).replace(/^\d+ /, '');
}

export async function compilationIssueRoutes(
  app: FastifyInstance,
  deps: { db: Database; clock: Clock; symbols: SymbolAssignment },
): Promise<void> {
  async function load(slug: string, seq: number): Promise<{ debate: DebateRecord; run: RunRow; original: RunRow | undefined }> {
    const debate = await findDebateBySlug(deps.db, slug);
    if (!debate) throw new AppError('debate.not_found');
    const run = await findRun(deps.db, debate.id, seq);
    if (!run) throw new AppError('compilation.not_found');
    return {
      debate,
      run,
      original: run.corrects
        ? await deps.db.selectFrom('compilation.runs').selectAll().where('id', '=', run.corrects).executeTakeFirst()
        : undefined,
    };
  }

  async function confirmation(request: RunRequest, reply: FastifyReply, problem: { code?: string; symbol?: string } = {}) {
    const { debate, run, original } = await load(request.params.slug, request.params.seq);
    if (run.symbol && !problem.code) return reply.redirect(`/debates/${debate.slug}/compilation/runs#run-${run.seq}`, 303);
    if (run.symbol) {
      const title = `Build ${run.seq} is issued as ${run.symbol}`;
      const body = html`<p class="eyebrow"><a href="/debates/${debate.slug}/compilation/runs">Compilation: ${debate.theme}</a></p>
<h1>${title}</h1>
<div class="error-summary" role="alert"><p>${messageOf(problem.code ?? '')}</p></div>
<p><a href="/debates/${debate.slug}/compilation/runs#run-${run.seq}">Go back to the builds</a></p>`;
      return reply
        .status(409)
        .type('text/html; charset=utf-8')
        .send(page({ actor: request.actor, title, body }).value);
    }
    const generation = await findGeneration(deps.db, run.generation_id);
    if (!generation) throw new AppError('document.not_generated');
    const model = documentModelSchema.parse(generation.model);
    const inputs = run.inputs;
    const letterYear = inputs.letterDate.slice(0, 4);
    const fieldError = problem.code && SYMBOL_FIELD_ERRORS.has(problem.code) ? messageOf(problem.code) : undefined;
    const topError =
      problem.code && !SYMBOL_FIELD_ERRORS.has(problem.code) && problem.code !== 'document.not_confirmed'
        ? messageOf(problem.code)
        : undefined;
    const corrigendumOf = original?.symbol ?? (run.corrects ? '' : null);
    const part: SymbolPart =
      corrigendumOf !== null
        ? {
            kind: 'fixed',
            symbol: `${corrigendumOf}/Corr.N`,
            why: `a corrigendum takes the next Corr number of ${corrigendumOf || 'the issued compilation'}, given when it is issued.`,
          }
        : deps.symbols === 'counter'
          ? { kind: 'counter', expected: `S/${letterYear}/${(await lastNumber(deps.db, 'S', Number(letterYear))) + 1}` }
          : { kind: 'entered', value: problem.symbol ?? '', error: fieldError, year: letterYear };
    const presiding = inputs.presidingState ? stateByIso3(inputs.presidingState) : undefined;
    const renditions = await Promise.all(
      (['html', 'docx', 'pdf', 'akn'] as const).map((f) => findRendition(deps.db, run.generation_id, f)),
    );
    const written = inputs.written.length;
    const csrf = reply.csrfToken();
    const heading =
      corrigendumOf !== null ? `Issue build ${run.seq} as a corrigendum of ${corrigendumOf}` : `Issue build ${run.seq} of the compilation`;
    const body = html`<p class="eyebrow"><a href="/debates/${debate.slug}/compilation/runs">Compilation: ${debate.theme}</a></p>
<h1>${heading}</h1>
${topError ? html`<div class="error-summary" role="alert"><p>${topError}</p></div>` : ''}
<p>Issuing gives the document its symbol and publishes it as a document of the Security Council. An issued document never changes: a later change is a corrigendum. Check what follows before you confirm.</p>
<h2>The document</h2>
<dl class="facts">
  <dt>Title</dt><dd>${model.title}</dd>
  <dt>Date</dt><dd>${formatIsoDate(inputs.letterDate)}</dd>
  <dt>Signed by</dt><dd>${inputs.presidentName}, President of the Security Council${presiding ? html` (${presiding.runningText} presides in ${monthOf(inputs.letterDate)})` : ''}</dd>
  <dt>Annexes</dt><dd>${model.attachments.length}</dd>
</dl>
<p>To change the date or the signatory, <a href="/debates/${debate.slug}/compilation/runs">build again</a> with the right ones, and issue that build.</p>
<h2>Annexes</h2>
<ol class="plain">${model.attachments.map((a) => html`<li><strong>${a.heading}</strong>: ${a.title.join(' ')}</li>`)}</ol>
<h2>What becomes public</h2>
<ul>
  <li>The compilation’s page, <a href="/debates/${debate.slug}/compilation">/debates/${debate.slug}/compilation</a>, with the document in HTML, Word (DOCX), PDF and Akoma Ntoso XML, made again under the symbol.${corrigendumOf ? html` The original stays as issued, and the page lists this corrigendum beside it.` : ''}</li>
  ${written > 0 ? html`<li>The ${written === 1 ? 'written statement’s page' : `${written} written statements’ pages`} at <a href="/debates/${debate.slug}/compilation/statements">/debates/${debate.slug}/compilation/statements</a>, each with a copy of the Word file the delegation sent.</li>` : ''}
  <li>The debate’s public page links to the compilation.</li>
</ul>
<p>The files of this build, as drafts, to check before issuing:</p>
${renditionsCell(
  debate.slug,
  run.seq,
  run.generation_id,
  renditions.filter((r) => r !== undefined),
  csrf,
)}
<h2>Symbol</h2>
${form(
  `/debates/${debate.slug}/compilation/runs/${run.seq}/issue`,
  csrf,
  html`<input type="hidden" name="build" value="${run.inputs_sha256}">
${symbolPart(part)}
${confirmBox('I have checked the document, its date, its signatory, its annexes and its symbol, and it can be issued', problem.code === 'document.not_confirmed' ? messageOf('document.not_confirmed') : undefined)}
${submit(corrigendumOf !== null ? 'Issue the corrigendum' : 'Issue the compilation')}
<p><a href="/debates/${debate.slug}/compilation/runs">Cancel and go back to the builds</a></p>`,
  { label: heading },
)}`;
    const status = statusOf(problem.code);
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(page({ actor: request.actor, title: heading, body }).value);
  }

  app.get<{ Params: { slug: string; seq: number } }>(
    '/debates/:slug/compilation/runs/:seq/issue',
    { config: { policy: COMPILATION_MANAGE }, schema: { params: runParams } },
    async (request, reply) => confirmation(request, reply),
  );

  app.post<{ Params: { slug: string; seq: number } }>(
    '/debates/:slug/compilation/runs/:seq/issue',
    { config: { policy: COMPILATION_MANAGE }, schema: { params: runParams } },
    async (request, reply) => {
      const values = formValues(request.body);
      const symbol = (values.symbol ?? '').slice(0, 60);
      try {
        requireConfirmation(values);
        await deps.db.transaction().execute(async (trx) => {
          const debate = await findDebateBySlug(trx, request.params.slug);
          const run = debate ? await findRun(trx, debate.id, request.params.seq) : undefined;
          // The page confirmed one build; a form left open while the run was replaced (not possible today, runs are
          // immutable) or a hand-made post for another build is refused rather than issuing something unseen.
          if (run && run.symbol === null && values.build !== run.inputs_sha256)
            throw new AppError('compilation.build_changed', { detail: `${request.params.slug} run ${request.params.seq}` });
          return issueCompilation(trx, deps.clock, await actingAs(trx, signedIn(request)), request.params.slug, request.params.seq, {
            symbol: symbolChoiceOf(deps.symbols, values),
          });
        });
      } catch (err) {
        if (isAppError(err) && SHOWN.has(err.code)) return confirmation(request, reply, { code: err.code, symbol });
        throw err;
      }
      return reply.redirect(`/debates/${request.params.slug}/compilation/runs?done=issued`, 303);
    },
  );

  // A statement frozen in the issued compilation, reopened so that its delegation (or the Secretariat on its behalf)
  // can change it for a corrigendum. The issued document never changes.
  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/compilation/reopen',
    {
      config: { policy: COMPILATION_MANAGE },
      schema: { params: { type: 'object', properties: { slug: { type: 'string', maxLength: 120 } }, required: ['slug'] } },
    },
    async (request, reply) => {
      const delegation = (formValues(request.body).delegation ?? '').slice(0, 40);
      await deps.db.transaction().execute(async (trx) => {
        const debate = await findDebateBySlug(trx, request.params.slug);
        if (!debate) throw new AppError('debate.not_found');
        return reopenIssuedStatement(trx, deps.clock, await actingAs(trx, signedIn(request)), debate, delegation);
      });
      return reply.redirect(`/debates/${request.params.slug}/compilation/runs?done=reopened`, 303);
    },
  );
}
