// Uploads are refused before they are read. A form with files (multipart/form-data) is parsed into memory within its
// limits, which makes reading it the expensive part of a request, so by the time its body is read the sender must be
// signed in with the right access (the policy check, which runs first: someone whose session ended is sent to sign
// in), its CSRF token (in the form's address) must be right, and:
// - a declared size over the route's limit is refused at once (413, the limit in the message);
// - a route that takes no files refuses a multipart body;
// - one account sends only a few uploads at a time (a browser retrying, or a script, cannot pile up 10 MB bodies).
// A refusal closes the connection rather than read what is left of the body.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../kernel/errors.js';
import { isApi, isMultipart } from './session.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A route that takes files (a multipart form): how many at most, and the largest in bytes when it is not
     * UPLOAD_MAX_MB. Routes without it refuse multipart bodies.
     */
    upload?: { files: number; fileBytes?: number };
  }
  interface FastifyRequest {
    /** Set while this request counts among its account's uploads in progress. */
    uploadSlot: (() => void) | undefined;
  }
}

export interface UploadOptions {
  /** The largest file, in bytes (UPLOAD_MAX_MB). */
  maxFileBytes: number;
  /** Uploads one account may send at once (UPLOADS_PER_ACCOUNT). */
  perAccount: number;
}

/** Room for the form's text fields and the multipart framing around the files. */
const FIELDS_ALLOWANCE = 256 * 1024;

/** The largest body a multipart route accepts: its files at the size limit, and its fields. */
export function uploadLimitBytes(files: number, maxFileBytes: number): number {
  return files * maxFileBytes + FIELDS_ALLOWANCE;
}

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

export const uploadGuard = fp(async (app: FastifyInstance, options: UploadOptions) => {
  const inProgress = new Map<string, number>();
  app.decorateRequest('uploadSlot', undefined);

  app.addHook('onRequest', (request, reply, done) => {
    // The JSON API authenticates with a bearer token and never a cookie: it needs no CSRF token.
    if (!isMultipart(request) || request.method === 'GET' || request.method === 'HEAD' || isApi(request)) {
      done();
      return;
    }
    app.csrfProtection(request, reply, (err?: Error) => {
      if (err) done(new AppError('http.csrf', { cause: err }));
      else {
        request.csrfChecked = true;
        done();
      }
    });
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!isMultipart(request) || request.method === 'GET' || request.method === 'HEAD') return;
    const upload = request.routeOptions.config.upload;
    if (upload === undefined) throw new AppError('http.bad_request', { detail: `${request.method} ${request.url} takes no files` });
    const fileBytes = upload.fileBytes ?? options.maxFileBytes;
    const limit = uploadLimitBytes(upload.files, fileBytes);
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      throw new AppError('http.payload_too_large', {
        detail: `declared ${declared} bytes; the limit is ${limit}`,
        values: { limit: `${megabytes(fileBytes)} a file` },
      });
    }
    const actor = request.actor;
    if (actor.kind !== 'account') return;
    const count = inProgress.get(actor.id) ?? 0;
    if (count >= options.perAccount)
      throw new AppError('http.uploads_in_progress', {
        detail: `${count} uploads of ${actor.id} in progress`,
        values: { count: options.perAccount },
      });
    inProgress.set(actor.id, count + 1);
    let released = false;
    request.uploadSlot = () => {
      if (released) return;
      released = true;
      const left = (inProgress.get(actor.id) ?? 1) - 1;
      if (left <= 0) inProgress.delete(actor.id);
      else inProgress.set(actor.id, left);
    };
    // The response's end, or its connection's, whichever way it goes; a connection that closed while the hooks before
    // this one waited (on the database) will send no 'close' again, so its place is given back at once.
    reply.raw.once('close', request.uploadSlot);
    if (reply.raw.closed || request.raw.socket.destroyed) request.uploadSlot();
  });
});
