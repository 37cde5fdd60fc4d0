// The Secretariat's actions on a compilation run's record, beside the builds and the issue (routes.ts): start a
// corrigendum of an issued run, upload a hand-corrected final (and read back every version uploaded), and try the
// failed formats of a run again. A refusal shows the compilation page again with the reason, and changes nothing.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError, errorCatalogue, isAppError } from '../../../kernel/errors.js';
import { MEDIA_TYPES } from '../../documents/index.js';
import { actingAs } from '../../identity/index.js';
import { findDebateBySlug } from '../../meetings/index.js';
import { servedCopy } from '../../uploads/index.js';
import { COMPILATION_MANAGE } from '../policies.js';
import { startCorrigendum } from '../commands/corrigendum.js';
import { FINAL_MAX_BYTES, finalTooLarge, uploadFinal } from '../commands/final-upload.js';
import { retryRunRendering } from '../commands/retry-render.js';
import { findRun } from '../db.js';
import { signedIn } from '../../../web/session.js';
import { readMultipartForm } from '../../../web/multipart.js';

export interface RecordRoutesOptions {
  db: Database;
  clock: Clock;
  /** Shows the compilation page again with a message at the top and this status. */
  renderRuns(
    request: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    error?: string,
    status?: number,
  ): Promise<FastifyReply>;
}

const runParams = {
  type: 'object',
  properties: { slug: { type: 'string', maxLength: 120 }, seq: { type: 'integer', minimum: 1, maximum: 100000 } },
  required: ['slug', 'seq'],
} as const;
const finalParams = {
  type: 'object',
  properties: {
    slug: { type: 'string', maxLength: 120 },
    seq: { type: 'integer', minimum: 1, maximum: 100000 },
    id: { type: 'string', format: 'uuid' },
  },
  required: ['slug', 'seq', 'id'],
} as const;

/** Refusals shown on the page; anything else goes to the error boundary. */
const SHOWN = new Set([
  'compilation.not_found',
  'compilation.nothing_accepted',
  'compilation.briefers_unconfirmed',
  'compilation.corrigendum_of_draft',
  'compilation.final_of_draft',
  'document.nothing_to_retry',
  'document.not_generated',
]);

export async function compilationRecordRoutes(app: FastifyInstance, options: RecordRoutesOptions): Promise<void> {
  const { db, clock, renderRuns } = options;
  // The corrected file is parsed before the handler (the CSRF check reads the token from the body). A file over the
  // limit is cut one byte past it rather than failing the request, so the page can say what is wrong.
  await app.register(multipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: false,
    limits: { fileSize: FINAL_MAX_BYTES + 1, files: 1, fields: 4, parts: 5, fieldSize: 4096 },
  });

  async function attempt(
    request: FastifyRequest<{ Params: { slug: string; seq: number } }>,
    reply: FastifyReply,
    work: () => Promise<unknown>,
    done: string,
  ) {
    try {
      await work();
    } catch (err) {
      if (isAppError(err) && SHOWN.has(err.code)) return renderRuns(request, reply, err.message, err.status);
      throw err;
    }
    return reply.redirect(`/debates/${request.params.slug}/compilation/runs?done=${done}`, 303);
  }

  app.post<{ Params: { slug: string; seq: number } }>(
    '/debates/:slug/compilation/runs/:seq/corrigendum',
    { config: { policy: COMPILATION_MANAGE }, schema: { params: runParams } },
    async (request, reply) =>
      attempt(
        request,
        reply,
        () => request.command((trx, by) => startCorrigendum(trx, clock, by, request.params.slug, request.params.seq)),
        'corrigendum',
      ),
  );

  app.post<{ Params: { slug: string; seq: number } }>(
    '/debates/:slug/compilation/runs/:seq/retry',
    { config: { policy: COMPILATION_MANAGE }, schema: { params: runParams } },
    async (request, reply) =>
      attempt(
        request,
        reply,
        () => request.command((trx, by) => retryRunRendering(trx, clock, by, request.params.slug, request.params.seq)),
        'retried',
      ),
  );

  app.post<{ Params: { slug: string; seq: number } }>(
    '/debates/:slug/compilation/runs/:seq/final',
    { config: { policy: COMPILATION_MANAGE, upload: { files: 1, fileBytes: FINAL_MAX_BYTES } }, schema: { params: runParams } },
    async (request, reply) => {
      const by = await actingAs(db, signedIn(request));
      const file = request.isMultipart() ? (await readMultipartForm(request, ['file'])).files.file : undefined;
      if (!file) return renderRuns(request, reply, 'Choose the corrected file (.docx or .pdf), then upload it. Nothing was saved.', 400);
      try {
        const outcome = file.truncated
          ? finalTooLarge()
          : await uploadFinal(db, clock, by, request.params.slug, request.params.seq, { name: file.name, bytes: file.bytes });
        if (!outcome.ok) return renderRuns(request, reply, outcome.message, errorCatalogue[outcome.code].status);
      } catch (err) {
        if (isAppError(err) && SHOWN.has(err.code)) return renderRuns(request, reply, err.message, err.status);
        throw err;
      }
      return reply.redirect(`/debates/${request.params.slug}/compilation/runs?done=final`, 303);
    },
  );

  app.get<{ Params: { slug: string; seq: number; id: string } }>(
    '/debates/:slug/compilation/runs/:seq/finals/:id',
    { config: { policy: COMPILATION_MANAGE }, schema: { params: finalParams } },
    async (request, reply) => {
      const debate = await findDebateBySlug(db, request.params.slug);
      if (!debate) throw new AppError('debate.not_found');
      const run = await findRun(db, debate.id, request.params.seq);
      const final = run
        ? await db
            .selectFrom('compilation.finals')
            .selectAll()
            .where('id', '=', request.params.id)
            .where('run_id', '=', run.id)
            .executeTakeFirst()
        : undefined;
      if (!run || !final) throw new AppError('compilation.not_found');
      const blob = await servedCopy(db, { sha256: final.blob_sha256, cleanSha256: final.clean_sha256 });
      if (!blob) throw new AppError('blob.not_found');
      const name = `${(run.symbol ?? 'compilation').replace(/\//g, '-')}-corrected-${final.version}.${final.format}`;
      return reply
        .header('content-type', MEDIA_TYPES[final.format])
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, blob.bytes.byteLength));
    },
  );
}
