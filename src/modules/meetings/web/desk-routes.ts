// A debate's desk and its letter: the desk page, the draft letter, its issue under a symbol (a reviewed step with a
// confirmation page), the concept note's import from Word, and every generation's files for those who prepare it.
// Each route loads the debate (and the Council data) before its guard decides.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { formValues } from '../../../web/forms.js';
import { formAttempt, multipartLimits, params, type SlugParams } from '../../../web/route-kit.js';
import { signedIn } from '../../../web/session.js';
import {
  downloadName,
  findGeneration,
  formatOfExtension,
  generationsOf,
  lastNumber,
  refreshWhilePending,
  messageOf,
  requireConfirmation,
  sendRendition,
  statusOf,
  symbolChoiceOf,
  SYMBOL_FIELD_ERRORS,
  type SymbolAssignment,
  type SymbolPart,
} from '../../documents/index.js';
import { generateAnnouncementLetter, letterInputOf, letterSymbolOf } from '../commands/generate-letter.js';
import { importConceptNoteFile, readConceptNoteFile } from '../commands/import-concept-note.js';
import { announcementLetter } from '../domain/announcement-letter.js';
import { DEBATE_ISSUE_LETTER } from '../policies.js';
import { back, deskModel, PLATFORM_NAME, schedulerOf } from './desk-model.js';
import { deskPage } from './desk-page.js';
import { letterIssuePage } from './letter-issue-page.js';
import { preparing } from './loaders.js';

/** A concept note in Word is a few pages: 10 MB leaves room for a logo and a table, and refuses anything else. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const fileParams = {
  type: 'object',
  properties: {
    slug: params.slug.properties.slug,
    generation: { type: 'string', format: 'uuid' },
    file: { type: 'string', maxLength: 10 },
  },
  required: ['slug', 'generation', 'file'],
} as const;

/** The letter's issue: the Secretariat's, on the loaded debate. */
const issuing = { policy: DEBATE_ISSUE_LETTER, load: ['debate'] } as const;

export async function deskRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock; symbols: SymbolAssignment }): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: multipartLimits({ fileBytes: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 12, fieldBytes: 4096 }),
  });

  app.get<{ Params: SlugParams }>('/debates/:slug/desk', { config: preparing, schema: { params: params.slug } }, async (request, reply) => {
    const model = await deskModel(deps.db, request, reply);
    refreshWhilePending(
      reply,
      model.generations.flatMap((g) => g.renditions),
    );
    return reply.html(deskPage(model));
  });

  // -- The letter ------------------------------------------------------------------------------------------------
  app.post<{ Params: SlugParams }>(
    '/debates/:slug/letter',
    { config: preparing, schema: { params: params.slug } },
    async (request, reply) => {
      const actor = signedIn(request);
      const { debate } = request.loaded;
      // Issuing is a reviewed step of its own (the confirmation page below); this form only makes drafts.
      if (formValues(request.body).action === 'issue') return reply.redirect(`/debates/${debate.slug}/letter/issue`, 303);
      await request.command((trx, by) =>
        generateAnnouncementLetter(trx, deps.clock, { id: by.actor.id, label: by.label }, debate.slug, {
          issue: false,
          platform: PLATFORM_NAME,
          scheduler: schedulerOf(actor),
        }),
      );
      return reply.redirect(back(debate.slug, 'draft', 'letter-heading'), 303);
    },
  );

  async function renderLetterIssue(request: FastifyRequest, reply: FastifyReply, problem: { code?: string; symbol?: string } = {}) {
    const { debate } = request.loaded;
    const today = isoDateIn(deps.clock.now(), 'America/New_York');
    const issuedAs = await letterSymbolOf(deps.db, debate.id);
    const input = letterInputOf(debate, null, { platform: PLATFORM_NAME, today });
    const model = announcementLetter(input);
    const drafts = await generationsOf(deps.db, 'announcement_letter', debate.id, 1);
    const fieldProblem = problem.code && SYMBOL_FIELD_ERRORS.has(problem.code) ? messageOf(problem.code) : undefined;
    const year = model.date.slice(0, 4);
    const symbol: SymbolPart = issuedAs
      ? { kind: 'fixed', symbol: issuedAs, why: 'the letter was issued under it before, and keeps it.' }
      : deps.symbols === 'counter'
        ? { kind: 'counter', expected: `S/${year}/${(await lastNumber(deps.db, 'S', Number(year))) + 1}` }
        : { kind: 'entered', value: problem.symbol ?? '', error: fieldProblem, year };
    const other =
      problem.code && !SYMBOL_FIELD_ERRORS.has(problem.code) && problem.code !== 'document.not_confirmed'
        ? messageOf(problem.code)
        : undefined;
    const signatureLines =
      input.signatureLines.length > 0
        ? input.signatureLines
        : [`${input.senderTitle} of ${input.presidingState.formalName} to the United Nations`];
    return reply.html(
      letterIssuePage({
        actor: signedIn(request),
        debate,
        csrf: reply.csrfToken(),
        model,
        signedBy: [input.signedBy, ...signatureLines].join(', '),
        symbol,
        draftGeneration: drafts[0]?.id,
        error: other,
        confirmError: problem.code === 'document.not_confirmed' ? messageOf(problem.code) : undefined,
      }),
      statusOf(problem.code),
    );
  }

  app.get<{ Params: SlugParams }>(
    '/debates/:slug/letter/issue',
    { config: issuing, schema: { params: params.slug } },
    async (request, reply) => renderLetterIssue(request, reply),
  );

  app.post<{ Params: SlugParams }>(
    '/debates/:slug/letter/issue',
    { config: issuing, schema: { params: params.slug } },
    async (request, reply) => {
      const actor = signedIn(request);
      const { debate } = request.loaded;
      const values = formValues(request.body);
      try {
        requireConfirmation(values);
        await request.command((trx, by) =>
          generateAnnouncementLetter(trx, deps.clock, { id: by.actor.id, label: by.label }, debate.slug, {
            issue: true,
            platform: PLATFORM_NAME,
            scheduler: schedulerOf(actor),
            symbol: symbolChoiceOf(deps.symbols, values),
          }),
        );
      } catch (err) {
        if (err instanceof AppError && (SYMBOL_FIELD_ERRORS.has(err.code) || err.code === 'document.not_confirmed'))
          return renderLetterIssue(request, reply, { code: err.code, symbol: (values.symbol ?? '').slice(0, 60) });
        throw err;
      }
      return reply.redirect(back(debate.slug, 'issued', 'letter-heading'), 303);
    },
  );

  // -- The concept note ------------------------------------------------------------------------------------------
  app.post<{ Params: SlugParams }>(
    '/debates/:slug/concept-note',
    { config: { ...preparing, upload: { files: 1, fileBytes: MAX_UPLOAD_BYTES } }, schema: { params: params.slug } },
    async (request, reply) => {
      const { debate } = request.loaded;
      const body = request.body as Record<string, unknown> | undefined;
      const file = body?.file;
      const bytes = file instanceof Uint8Array ? file : undefined;
      const rerender = async (message: string, status: number) =>
        reply.html(deskPage(await deskModel(deps.db, request, reply, { importErrors: { file: message } })), status);
      if (!bytes || bytes.byteLength === 0) return rerender('Choose a Word document (.docx) to import.', 400);
      const imported = await formAttempt(
        async () => {
          // The Word document is read before the transaction, so its parsing holds no connection.
          const read = await readConceptNoteFile(bytes);
          return request.command((trx, by) =>
            importConceptNoteFile(
              trx,
              deps.clock,
              { id: by.actor.id, label: by.label },
              { slug: debate.slug, version: Number(body?.version), file: read },
            ),
          );
        },
        (err) =>
          err.code.startsWith('upload.') ||
          err.code === 'concept_note.no_sections' ||
          err.code === 'debate.changed_meanwhile' ||
          err.code === 'input.invalid'
            ? 'file'
            : undefined,
      );
      if (!imported.ok) return rerender(imported.errors.file ?? '', imported.status);
      return reply.redirect(`/debates/${debate.slug}/edit?done=imported`, 303);
    },
  );

  // Any generation's file, drafts included, for those who prepare the debate.
  app.get<{ Params: { slug: string; generation: string; file: string } }>(
    '/debates/:slug/documents/:generation/:file',
    { config: preparing, schema: { params: fileParams } },
    async (request, reply) => {
      const { debate } = request.loaded;
      const format = formatOfExtension(request.params.file);
      const generation = format ? await findGeneration(deps.db, request.params.generation) : undefined;
      if (!format || !generation || generation.subject_id !== debate.id) throw new AppError('document.not_generated');
      return sendRendition(reply, deps.db, generation.id, format, downloadName(generation.symbol, debate.slug, format));
    },
  );
}
