// The public receipt check: anyone pastes a receipt, or chooses the file they downloaded, and learns whether Rostrum
// issued it unchanged (the signature alone decides; nothing sent is stored), and where the audit log has its entry;
// and the public key, for checking without Rostrum. A receipt is a few kilobytes, so this form takes small files only.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { checkpointOfSize, findAuditEntry } from '../../../kernel/audit-seal.js';
import { PUBLIC } from '../../../kernel/authz.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SigningKey } from '../../../kernel/secrets.js';
import { readMultipartForm } from '../../../web/multipart.js';
import { megabytes } from '../../../web/uploads.js';
import { formValues } from '../../../web/forms.js';
import { checkReceiptDocument, receiptLogSentences } from '../domain/receipt.js';
import { verifyPage } from './statement-pages.js';
import { sendHtml } from '../../../web/reply.js';

/** The largest receipt file taken; a receipt is a few kilobytes. */
export const RECEIPT_MAX_BYTES = 64 * 1024;
/** The most of a receipt's text read, pasted or from a file. */
const RECEIPT_MAX_CHARS = 20_000;

const messages = {
  not_json:
    'This is not a receipt: paste the whole text that starts with “{” and ends with “}”, or choose the receipt file you downloaded.',
  not_a_receipt: 'This text is not a Rostrum receipt.',
  other_key: 'This receipt was signed with another key: it was not issued by this installation of Rostrum.',
  bad_signature: 'This receipt is not valid: its text is not what Rostrum signed. It may have been changed.',
  too_large: `This file is larger than a receipt (${megabytes(RECEIPT_MAX_BYTES)} at most): choose the .json file Rostrum gave you, or paste the receipt’s text.`,
} as const;

export async function receiptCheckRoutes(app: FastifyInstance, deps: { db: Database; signing: SigningKey }): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: RECEIPT_MAX_BYTES, files: 1, fields: 3, parts: 4, fieldSize: 4 * RECEIPT_MAX_CHARS },
    throwFileSizeLimit: false,
  });
  const key = { publicKey: deps.signing.publicKey, keyId: deps.signing.keyId };

  app.get('/receipts/verify', { config: { policy: PUBLIC } }, async (request, reply) =>
    sendHtml(reply, verifyPage(request.actor, reply.csrfToken(), key)),
  );

  // Pasted text (a plain form), or the downloaded file (a form with a file): the file wins when both are sent.
  app.post(
    '/receipts/verify',
    { config: { policy: PUBLIC, upload: { files: 1, fileBytes: RECEIPT_MAX_BYTES } } },
    async (request, reply) => {
      let text: string;
      if (request.isMultipart()) {
        const { values, files } = await readMultipartForm(request, ['file']);
        if (files.file?.truncated)
          return sendHtml(
            reply,
            verifyPage(request.actor, reply.csrfToken(), { ...key, result: { valid: false, message: messages.too_large } }),
            413,
          );
        text = files.file ? new TextDecoder('utf-8', { fatal: false }).decode(files.file.bytes) : (values.receipt ?? '');
      } else {
        text = formValues(request.body).receipt ?? '';
      }
      text = text.slice(0, RECEIPT_MAX_CHARS);
      const check = checkReceiptDocument(text, key);
      // A version-2 receipt names its audit log entry: say where the log has it, and whether the checkpoint it carries still stands.
      const log = check.valid ? check.receipt.log : undefined;
      const logSentences =
        log && typeof log.entry === 'string' && /^[0-9a-f]{64}$/.test(log.entry)
          ? receiptLogSentences(
              log,
              await findAuditEntry(deps.db, log.entry),
              log.checkpoint ? await checkpointOfSize(deps.db, log.checkpoint.size) : null,
            )
          : [];
      const result = check.valid
        ? { valid: true, message: 'This receipt is valid: Rostrum issued it, unchanged.', receipt: check.receipt, log: logSentences }
        : { valid: false, message: messages[check.reason] };
      return sendHtml(reply, verifyPage(request.actor, reply.csrfToken(), { ...key, text, result }), check.valid ? 200 : 400);
    },
  );

  app.get('/receipts/key', { config: { policy: PUBLIC } }, async (_request, reply) =>
    reply.send({ algorithm: 'Ed25519', keyId: key.keyId, publicKey: key.publicKey, encoding: 'base64url, raw 32 bytes' }),
  );
}
