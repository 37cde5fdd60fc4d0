// The JSON schemas of the statements endpoints of the API (./statements.ts): the address parameters and the answers,
// the submission's multipart form, as the OpenAPI document describes them.
import { OFFICIAL_LANGUAGES } from '../kernel/i18n/languages.js';
import { isoInstant } from './schemas.js';

export const slugParams = {
  type: 'object',
  properties: { slug: { type: 'string', maxLength: 120, description: 'The debate’s identifier.' } },
  required: ['slug'],
} as const;

export const receiptAnswer = {
  type: 'object',
  description:
    'The signed receipt. Keep it: anyone can check it on /receipts/verify, or with the public key at /receipts/key (Ed25519 over the receipt’s canonical JSON: keys sorted, no spaces, UTF-8).',
  required: ['reference', 'revision', 'receipt', 'signature'],
  additionalProperties: false,
  properties: {
    reference: { type: 'string', description: 'R-XXXX-XXXX-XXXX.' },
    revision: { type: 'integer', minimum: 1 },
    receipt: {
      type: 'object',
      additionalProperties: true,
      description:
        'What was received, from whom, when (UTC and the debate’s time), files by SHA-256; from version 2, `log`: the hash of its audit log entry (provable at /audit/proof?entry=<hash> once sealed) and the log’s latest signed checkpoint.',
    },
    signature: { type: 'string', description: 'Ed25519 signature, base64url.' },
  },
} as const;

export const refusal = {
  type: 'object',
  description:
    'The submission was refused and nothing was submitted or kept: the statement or cover letter did not pass the checks, or a file or a field is missing (each named in fields). Send the whole request again, corrected.',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'fields'],
      additionalProperties: false,
      properties: {
        code: {
          type: 'string',
          description:
            'statement.file_refused or statement.incomplete, or a window or signatory code (statement.closed, statement.not_yet_open, statement.signatory_unknown).',
        },
        message: { type: 'string' },
        fields: {
          type: 'object',
          description: 'What is wrong with each field: statement, cover, signatoryId, originalLanguage, onBehalfOf, groupMembers.',
          additionalProperties: {
            type: 'object',
            required: ['message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

export const stateAnswer = {
  type: 'object',
  description: 'Your delegation’s statement to the debate: its state and every version received.',
  required: ['debate', 'delegation', 'state', 'revisions'],
  additionalProperties: false,
  properties: {
    debate: { type: 'string' },
    delegation: { type: 'string', description: 'Your mission’s code.' },
    state: { type: 'string', enum: ['none', 'submitted', 'withdrawn'] },
    revisions: {
      type: 'array',
      description: 'Every version received, the latest first.',
      items: {
        type: 'object',
        required: ['revision', 'action', 'reference', 'receivedAt', 'late'],
        additionalProperties: false,
        properties: {
          revision: { type: 'integer' },
          action: { type: 'string', enum: ['submit', 'withdraw'] },
          reference: { type: 'string' },
          receivedAt: isoInstant('When it was received (UTC).'),
          late: { type: 'boolean' },
          statementSha256: { type: ['string', 'null'] },
          words: { type: ['integer', 'null'] },
        },
      },
    },
  },
} as const;

/** The fields of a submission's multipart form (the OpenAPI document's request body; the route reads them itself). */
export const submissionForm = {
  type: 'object',
  required: ['statement', 'cover', 'signatoryId', 'originalLanguage'],
  properties: {
    statement: {
      type: 'string',
      contentMediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      description: 'The statement, a Word document (.docx).',
    },
    cover: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The signed cover letter, .docx or .pdf.' },
    signatoryId: {
      type: 'string',
      format: 'uuid',
      description: 'One of your mission’s authorised signatories (GET /missions/{code}/signatories).',
    },
    originalLanguage: { type: 'string', enum: [...OFFICIAL_LANGUAGES] },
    onBehalfOf: { type: 'string', description: 'The group the statement speaks for, if any.' },
    groupMembers: { type: 'string', description: 'The group’s members, one a line.' },
  },
} as const;
