// The route kit: what every route file needs, once. A page answer (`reply.html`), a command in a transaction acting as
// the signed-in person (`request.command`), the address parameters most routes take, the query's text values (no casts
// of `request.query`), the notice a redirect asks for, the limits of a form with files, and `formAttempt`, which turns a
// command's catalogued refusal into an error on the form's field.
//
// A handler then reads: parse, load (the route's loaders already did), run one command, present or redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AccountActor, Acting } from '../kernel/authz.js';
import type { Database, Transaction } from '../kernel/db/database.js';
import { AppError, type ErrorCode } from '../kernel/errors.js';
import { attempt, noticeFor, type FieldErrors } from './forms.js';
import type { SafeHtml } from './html.js';
import { sendHtml } from './reply.js';
import { signedIn } from './session.js';

declare module 'fastify' {
  interface FastifyReply {
    /** Answers with a server-rendered page. */
    html(markup: SafeHtml, status?: number): FastifyReply;
  }
  interface FastifyRequest {
    /** Runs `work` in one transaction, as the signed-in person (refused for anyone else). */
    command<T>(work: (trx: Transaction, by: Acting) => Promise<T>): Promise<T>;
  }
}

export interface RouteKitOptions {
  db: Database;
  /** How a signed-in actor acts in a transaction (identity's `actingAs`: the account, re-read, and its audit label). */
  actingAs: (trx: Transaction, actor: AccountActor) => Promise<Acting>;
}

export const routeKit = fp(async (app: FastifyInstance, options: RouteKitOptions) => {
  app.decorateReply('html', function (this: FastifyReply, markup: SafeHtml, status = 200) {
    return sendHtml(this, markup, status);
  });
  app.decorateRequest('command', function <T>(this: FastifyRequest, work: (trx: Transaction, by: Acting) => Promise<T>): Promise<T> {
    const actor = signedIn(this);
    return options.db.transaction().execute(async (trx) => work(trx, await options.actingAs(trx, actor)));
  });
});

// -- Address parameters -----------------------------------------------------------------------------------------------

const slug = { type: 'string', maxLength: 120 } as const;
const code = { type: 'string', maxLength: 40 } as const;

/** The JSON schemas of the address parameters most routes take. */
export const params = {
  /** `/debates/:slug/…` */
  slug: { type: 'object', properties: { slug }, required: ['slug'] },
  /** `/debates/:slug/…/:code/…`: a debate and a delegation (or entity). */
  slugCode: { type: 'object', properties: { slug, code }, required: ['slug', 'code'] },
  /** `/debates/:slug/…/:seq`: a debate and a numbered item of it. */
  slugSeq: { type: 'object', properties: { slug, seq: { type: 'integer', minimum: 1 } }, required: ['slug', 'seq'] },
  /** `/missions/:code/…` */
  code: { type: 'object', properties: { code }, required: ['code'] },
} as const;

export type SlugParams = { slug: string };
export type SlugCodeParams = { slug: string; code: string };

// -- The query string -----------------------------------------------------------------------------------------------

/** One text value of the query string (`?q=…`), or undefined when it is absent or not a single text. */
export function queryText(request: FastifyRequest, name: string): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const value = query?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** The notice a redirect asked for (`?done=saved`), from the page's own list. */
export function noticeOf<N extends Record<string, string>>(request: FastifyRequest, notices: N): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  return noticeFor(query?.done, notices);
}

// -- Forms with files -----------------------------------------------------------------------------------------------

/**
 * The limits of a form with files (@fastify/multipart's `limits`): `files` files of at most `fileBytes`, and `fields`
 * text fields of at most `fieldBytes` (16 KB unless told); the parts are the files and the fields unless told.
 */
export function multipartLimits(o: { fileBytes: number; files: number; fields: number; fieldBytes?: number; parts?: number }) {
  return {
    fileSize: o.fileBytes,
    files: o.files,
    fields: o.fields,
    parts: o.parts ?? o.files + o.fields,
    fieldSize: o.fieldBytes ?? 16 * 1024,
  };
}

// -- Refusals on the form -----------------------------------------------------------------------------------------

/** The outcome of a form's command: its value, or the field errors of a refusal the form shows. */
export type FormOutcome<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; status: number };

/**
 * Runs a form's command. A refusal whose code `codeToField` names (or that it accepts, as a function) comes back as
 * that field's error with the catalogue's message (or the text `message` gives); any other error is thrown on.
 */
export async function formAttempt<T>(
  work: () => Promise<T>,
  codeToField: Partial<Record<ErrorCode, string>> | ((err: AppError) => string | undefined),
  message?: (err: AppError) => string,
): Promise<FormOutcome<T>> {
  // A plain map of codes to fields, with the catalogue's messages, is the form kit's attempt().
  if (typeof codeToField !== 'function' && message === undefined) return attempt(work, codeToField);
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    if (err instanceof AppError) {
      const field = typeof codeToField === 'function' ? codeToField(err) : codeToField[err.code];
      if (field) return { ok: false, errors: { [field]: message ? message(err) : err.message }, status: err.status };
    }
    throw err;
  }
}
