// Receipts: canonical JSON, references, and the signature check a delegation (or anyone) can run later.
import { describe, expect, it } from 'vitest';
import { secretsFromKey } from '../../../kernel/secrets.js';
import type { Receipt } from '../db.js';
import type { Checkpoint } from '../../../kernel/audit-seal.js';
import {
  canonicalJson,
  checkReceiptDocument,
  newReference,
  receiptBytes,
  receiptDocument,
  receiptLogSentences,
  REFERENCE,
} from './receipt.js';

const { signing } = secretsFromKey(Buffer.alloc(32, 3));
const other = secretsFromKey(Buffer.alloc(32, 4)).signing;

const receipt: Receipt = {
  version: 1,
  reference: 'R-0000-0000-0001',
  action: 'submit',
  debate: { slug: 'sc-2021-05-24-peacekeepers-safety', theme: 'Safety of peacekeepers' },
  delegation: { code: 'BRA', name: 'Permanent Mission of Brazil to the United Nations' },
  receivedAt: '2021-05-24T21:14:03.120Z',
  receivedAtLocal: 'Monday, 24 May 2021, 5.14 p.m. New York time (UTC−4)',
  revision: 1,
  late: false,
  statement: { name: 'statement.docx', sha256: 'a'.repeat(64), size: 12000, words: 498 },
  coverLetter: { name: 'cover.pdf', sha256: 'b'.repeat(64), size: 40000, type: 'pdf' },
  signatory: { name: 'A. Signatory', title: 'Permanent Representative' },
  keyId: signing.keyId,
};

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: 1, x: [3, { d: 1, c: 2 }] } }, '{"z":{"x":[3,{"c":2,"d":1}],"y":1}}'],
    [{ a: undefined, b: null }, '{"b":null}'],
    ['é “quoted”', '"é “quoted”"'],
    [[1, 'two', null], '[1,"two",null]'],
  ])('%j → %s', (value, text) => expect(canonicalJson(value)).toBe(text));

  it('gives one text whatever order the keys were written in', () => {
    const reordered = JSON.parse(JSON.stringify({ ...receipt, keyId: receipt.keyId, version: 1 })) as Receipt;
    expect(canonicalJson(reordered)).toBe(canonicalJson(receipt));
  });
});

describe('references', () => {
  it('are written R-XXXX-XXXX-XXXX without letters that can be misread', () => {
    for (let i = 0; i < 200; i++) expect(newReference()).toMatch(REFERENCE);
    expect(newReference(new Uint8Array(8))).toBe('R-0000-0000-0000');
    expect(newReference(new Uint8Array(8).fill(255))).toMatch(/^R-[0-9A-Z]{4}-ZZZZ-ZZZZ$/);
    expect(new Set(Array.from({ length: 500 }, () => newReference())).size).toBe(500);
  });
});

describe('checkReceiptDocument', () => {
  const signed = receiptDocument(receipt, signing.sign(receiptBytes(receipt)));
  const tampered = signed.replace('"words": 498', '"words": 499');

  it.each([
    ['a receipt as issued', signed, { valid: true }],
    ['a receipt whose word count was changed', tampered, { valid: false, reason: 'bad_signature' }],
    [
      'a receipt signed by another installation',
      receiptDocument({ ...receipt, keyId: other.keyId }, other.sign(receiptBytes({ ...receipt, keyId: other.keyId }))),
      { valid: false, reason: 'other_key' },
    ],
    ['text that is not JSON', 'hello', { valid: false, reason: 'not_json' }],
    ['JSON that is not a receipt', '{"a":1}', { valid: false, reason: 'not_a_receipt' }],
  ])('%s', (_name, text, expected) => {
    expect(tampered).not.toBe(signed);
    expect(checkReceiptDocument(text, signing)).toMatchObject(expected);
  });
});

describe('version 2: the receipt names its audit log entry', () => {
  const checkpoint: Checkpoint = {
    size: 40,
    head: 'c'.repeat(64),
    sealedAt: '2021-05-24T21:14:00.000Z',
    keyId: signing.keyId,
    signature: 'S'.repeat(86),
  };
  const v2: Receipt = { ...receipt, version: 2, log: { entry: 'e'.repeat(64), checkpoint } };

  it('is signed with its log: a changed entry hash or checkpoint no longer verifies', () => {
    const signed = receiptDocument(v2, signing.sign(receiptBytes(v2)));
    expect(checkReceiptDocument(signed, signing)).toMatchObject({ valid: true, receipt: { version: 2, log: { entry: 'e'.repeat(64) } } });
    expect(checkReceiptDocument(signed.replace('e'.repeat(64), 'f'.repeat(64)), signing)).toMatchObject({
      valid: false,
      reason: 'bad_signature',
    });
    expect(checkReceiptDocument(signed.replace('"size": 40', '"size": 41'), signing)).toMatchObject({
      valid: false,
      reason: 'bad_signature',
    });
  });

  const later: Checkpoint = { ...checkpoint, size: 52, head: 'd'.repeat(64), sealedAt: '2021-05-24T21:14:04.000Z' };
  const log = v2.log!;
  it.each([
    [
      'sealed, its checkpoint still the log’s',
      { state: 'sealed', seq: 77, position: 45, checkpoint: later } as const,
      checkpoint,
      [
        `Its entry in the audit log (${'e'.repeat(64)}) is sealed at position 45, under the checkpoint of 52 entries signed ` +
          `2021-05-24T21:14:04.000Z with key ${signing.keyId}; the proof is at /audit/proof?entry=${'e'.repeat(64)}.`,
        'The checkpoint of 40 entries that the receipt carries is still the log’s.',
      ],
    ],
    [
      'awaiting its seal',
      { state: 'awaiting_seal', seq: 77 } as const,
      checkpoint,
      [
        expect.stringMatching(/is recorded and awaits its seal/),
        'The checkpoint of 40 entries that the receipt carries is still the log’s.',
      ],
    ],
    [
      'missing from the log',
      { state: 'missing' } as const,
      checkpoint,
      [expect.stringMatching(/cannot be found: the log does not hold the entry this receipt names/), expect.any(String)],
    ],
    [
      'under a log rewritten since: another head for the same size',
      { state: 'sealed', seq: 77, position: 45, checkpoint: later } as const,
      { ...checkpoint, head: 'a'.repeat(64) },
      [expect.any(String), expect.stringMatching(/is not the one the log holds now: the log was rewritten/)],
    ],
    [
      'under a log rewritten since: no checkpoint of that size',
      { state: 'awaiting_seal', seq: 77 } as const,
      null,
      [expect.any(String), expect.stringMatching(/the log was rewritten/)],
    ],
  ])('%s', (_name, entry, logCheckpoint, sentences) => {
    expect(receiptLogSentences(log, entry, logCheckpoint)).toEqual(sentences);
  });

  it('says nothing about a checkpoint when the receipt carries none', () => {
    expect(receiptLogSentences({ entry: log.entry, checkpoint: null }, { state: 'awaiting_seal', seq: 1 }, null)).toHaveLength(1);
  });
});
