// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP: HMAC-SHA1, 30-second steps, 6 digits), the kind
// every authenticator app speaks, and the base32 alphabet (RFC 4648) their secrets are written in.
// Written with node:crypto alone: the algorithm is a dozen lines and a dependency would hold the account's key.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { invariant } from '../../kernel/invariant.js';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one: phone clocks drift, and people type slowly. */
export const TOTP_WINDOW = 1;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes base32 as people copy it: any case, with spaces or hyphens between groups, padding optional.
 * Returns null for anything else (a character outside the alphabet, or a length no encoder produces).
 */
export function base32Decode(text: string): Buffer | null {
  const clean = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (!/^[A-Z2-7]*$/.test(clean)) return null;
  // 8 characters carry 5 bytes; lengths 1, 3 and 6 (mod 8) cannot come from whole bytes.
  if ([1, 3, 6].includes(clean.length % 8)) return null;
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    buffer = (buffer << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/** A new secret: 20 random bytes (160 bits, the HMAC-SHA1 block the RFC recommends), as 32 base32 characters. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The time step an instant falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** HOTP (RFC 4226) for one step: the code an authenticator app shows during that step. */
export function hotp(key: Uint8Array, step: number, digits = TOTP_DIGITS): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code for an instant, from a base32 secret. */
export function totpAt(secret: string, now: Date, digits = TOTP_DIGITS): string {
  const key = base32Decode(secret);
  invariant(key && key.length > 0, 'totpAt: the secret is not base32');
  return hotp(key, totpStep(now), digits);
}

/**
 * Checks a code against the steps around `now`. Returns the step it matched, to be stored as the account's
 * `last_step`, or null. A step at or before `lastStep` is never accepted again, so a code seen over a
 * shoulder (or replayed from a log) cannot be used a second time, nor can an older one after a newer one.
 */
export function verifyTotp(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  const candidate = normaliseTotpCode(code);
  if (candidate === null) return null;
  const key = base32Decode(secret);
  if (!key || key.length === 0) return null;
  const current = totpStep(now);
  let matched: number | null = null;
  // Every step is computed and compared, matched or not, so the time taken says nothing about which one matched.
  for (let step = Math.max(0, current - TOTP_WINDOW); step <= current + TOTP_WINDOW; step++) {
    const equal = timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(candidate));
    if (equal && matched === null && (lastStep === null || step > lastStep)) matched = step;
  }
  return matched;
}

/** Six digits, allowing the spaces and hyphens some apps show ("123 456"); null for anything else. */
export function normaliseTotpCode(code: string): string | null {
  const digits = code.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(digits) ? digits : null;
}

/** The secret in groups of four, as it is easiest to type into an app by hand. */
export function formatSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The otpauth:// address a QR code carries (Key URI Format): the app reads issuer, account, secret and settings. */
export function otpauthUri(o: { secret: string; account: string; issuer: string }): string {
  const label = `${encodeURIComponent(o.issuer)}:${encodeURIComponent(o.account)}`;
  const params = new URLSearchParams({
    secret: o.secret,
    issuer: o.issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}
