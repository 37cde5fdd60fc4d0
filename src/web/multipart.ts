// A form sent as multipart/form-data, read after @fastify/multipart has parsed it into the body (attachFieldsToBody):
// its text fields (the CSRF token left out: the session plugin has checked it) and the files of the fields asked
// for. An empty file input (nothing chosen) counts as no file.
import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';

export interface FormFile {
  name: string;
  bytes: Uint8Array;
  /** Cut at the route's size limit. */
  truncated: boolean;
}

export async function readMultipartForm<F extends string>(
  request: FastifyRequest,
  fileFields: readonly F[],
): Promise<{ values: Record<string, string>; files: Partial<Record<F, FormFile>> }> {
  const values: Record<string, string> = {};
  const files: Partial<Record<F, FormFile>> = {};
  for (const part of Object.values((request.body ?? {}) as Record<string, Multipart | Multipart[]>).flat()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if ((fileFields as readonly string[]).includes(part.fieldname) && bytes.byteLength > 0)
        files[part.fieldname as F] = { name: part.filename, bytes, truncated: part.file.truncated };
    } else if (typeof part.value === 'string' && part.fieldname !== '_csrf') {
      values[part.fieldname] = part.value;
    }
  }
  return { values, files };
}
