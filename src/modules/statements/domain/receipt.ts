// Receipts. A receipt states what the server received (files by SHA-256, words, signatory), from which delegation,
// for which debate, and when, in UTC and in the debate's time; it is signed with the installation's Ed25519 key so
// that anyone holding it can check, later and without trusting the sender, that Rostrum issued it unchanged.
//
// What is signed is the receipt's canonical JSON: keys sorted at every level, no spaces, UTF-8. The database keeps
// the receipt as jsonb (which does not keep key order), and the canonical form is computed again to verify.
import { randomBytes } from 'node:crypto';
import type { Checkpoint, EntryInLog } from '../../../kernel/audit-seal.js';
import { verifySignature } from '../../../kernel/secrets.js';
import type { Receipt } from '../db.js';

/** JSON with object keys sorted at every level: one text for one value, whatever order it was built in. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

// Crockford's base32 without I, L, O and U: nothing to misread when a reference is read out over the telephone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** "R-7KQ2-M9XD-4TWA": 60 random bits, so references cannot be guessed or counted. */
export function newReference(bytes: Uint8Array = randomBytes(8)): string {
  let bits = 0n;
  for (const b of bytes.subarray(0, 8)) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 12; i++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return `R-${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}

export const REFERENCE = /^R-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** The bytes a receipt's signature covers. */
export function receiptBytes(receipt: Receipt): Uint8Array {
  return new TextEncoder().encode(canonicalJson(receipt));
}

/** A receipt as a file a delegation keeps: the receipt, its signature and the key's id, as JSON. */
export function receiptDocument(receipt: Receipt, signature: string): string {
  return `${JSON.stringify({ receipt, signature }, null, 2)}\n`;
}

export type ReceiptCheck =
  { valid: true; receipt: Receipt } | { valid: false; reason: 'not_json' | 'not_a_receipt' | 'other_key' | 'bad_signature' };

/** Checks a receipt file (as receiptDocument writes it) against the installation's public key. Pure. */
export function checkReceiptDocument(text: string, key: { publicKey: string; keyId: string }): ReceiptCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { valid: false, reason: 'not_json' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { valid: false, reason: 'not_a_receipt' };
  const { receipt, signature } = parsed as { receipt?: Receipt; signature?: unknown };
  if (typeof receipt !== 'object' || receipt === null || typeof signature !== 'string' || typeof receipt.reference !== 'string')
    return { valid: false, reason: 'not_a_receipt' };
  if (receipt.keyId !== key.keyId) return { valid: false, reason: 'other_key' };
  return verifySignature(key.publicKey, receiptBytes(receipt), signature)
    ? { valid: true, receipt }
    : { valid: false, reason: 'bad_signature' };
}

/**
 * What the audit log says about a version-2 receipt's entry, in sentences for the receipt check: where the entry is
 * (sealed under a checkpoint, awaiting its seal, or absent), and whether the checkpoint the receipt carries is still
 * the log's checkpoint of that size (`logCheckpoint`, null when the log has none of that size). Pure.
 */
export function receiptLogSentences(log: NonNullable<Receipt['log']>, entry: EntryInLog, logCheckpoint: Checkpoint | null): string[] {
  const sentences: string[] = [];
  if (entry.state === 'sealed') {
    const c = entry.checkpoint;
    sentences.push(
      `Its entry in the audit log (${log.entry}) is sealed at position ${entry.position}, under the checkpoint of ${c.size} entries ` +
        `signed ${c.sealedAt} with key ${c.keyId}; the proof is at /audit/proof?entry=${log.entry}.`,
    );
  } else if (entry.state === 'awaiting_seal') {
    sentences.push(
      `Its entry in the audit log (${log.entry}) is recorded and awaits its seal, which comes within seconds: check again shortly.`,
    );
  } else {
    sentences.push(
      `Its entry in the audit log (${log.entry}) cannot be found: the log does not hold the entry this receipt names. Tell the ` +
        `Secretariat.`,
    );
  }
  const carried = log.checkpoint;
  if (carried) {
    const same =
      logCheckpoint !== null &&
      logCheckpoint.head === carried.head &&
      logCheckpoint.sealedAt === carried.sealedAt &&
      logCheckpoint.signature === carried.signature;
    sentences.push(
      same
        ? `The checkpoint of ${carried.size} entries that the receipt carries is still the log’s.`
        : `The checkpoint of ${carried.size} entries that the receipt carries is not the one the log holds now: the log was rewritten ` +
            `after the receipt was issued. Tell the Secretariat.`,
    );
  }
  return sentences;
}
