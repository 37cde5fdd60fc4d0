import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  formatSecret,
  hotp,
  newTotpSecret,
  normaliseTotpCode,
  otpauthUri,
  totpAt,
  totpStep,
  verifyTotp,
} from './totp.js';

// RFC 6238, appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_SECRET = base32Encode(RFC_KEY);

describe('base32 (RFC 4648)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as %s (the RFC vectors, without padding)', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded)?.toString()).toBe(plain);
  });

  it('encodes the RFC 6238 seed as authenticator apps expect it', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it.each([
    ['lower case', 'mzxw6ytboi', 'foobar'],
    ['grouped with spaces', 'MZXW 6YTB OI', 'foobar'],
    ['with hyphens', 'MZXW-6YTB-OI', 'foobar'],
    ['with padding', 'MZXW6YTBOI======', 'foobar'],
  ])('decodes %s', (_case, text, plain) => {
    expect(base32Decode(text)?.toString()).toBe(plain);
  });

  it.each([
    ['a digit outside the alphabet', 'MZXW6YTB01'],
    ['punctuation', 'MZXW6YTB!I'],
    ['an impossible length', 'MZX'],
  ])('refuses %s', (_case, text) => {
    expect(base32Decode(text)).toBeNull();
  });

  it('round-trips random secrets of 20 bytes in 32 characters', () => {
    for (let i = 0; i < 20; i++) {
      const secret = newTotpSecret();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(base32Encode(base32Decode(secret)!)).toBe(secret);
    }
  });
});

describe('TOTP (RFC 6238, SHA-1)', () => {
  // Appendix B: T in seconds, 8-digit codes; authenticator apps show the last 6 digits.
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at T=%i gives %s (8 digits) and its 6-digit truncation', (seconds, eight) => {
    const at = new Date(seconds * 1000);
    expect(totpAt(RFC_SECRET, at, 8)).toBe(eight);
    expect(totpAt(RFC_SECRET, at)).toBe(eight.slice(2));
    expect(hotp(RFC_KEY, totpStep(at), 6)).toBe(eight.slice(2));
  });

  const now = new Date(1111111111_000); // code 050471
  const step = totpStep(now);
  const code = (offset: number) => hotp(RFC_KEY, step + offset);

  it.each([
    ['the current step', code(0), null, step],
    ['the step before (a slow typist)', code(-1), null, step - 1],
    ['the step after (a clock running fast)', code(1), null, step + 1],
    ['two steps before', code(-2), null, null],
    ['two steps after', code(2), null, null],
    ['a replay of the step already used', code(0), step, null],
    ['an older step after a newer one was used', code(-1), step, null],
    ['a newer step after an older one was used', code(1), step, step + 1],
    ['the current step after the previous one was used', code(0), step - 1, step],
    ['spaces as an app shows them', `${code(0).slice(0, 3)} ${code(0).slice(3)}`, null, step],
    ['a wrong code', '000000', null, null],
    ['five digits', code(0).slice(1), null, null],
    ['seven digits', `${code(0)}1`, null, null],
    ['the 8-digit form', '14050471', null, null],
    ['letters', 'abcdef', null, null],
    ['an empty string', '', null, null],
    ['digits in another script', '٠٥٠٤٧١', null, null],
  ] as const)('%s', (_case, candidate, lastStep, expected) => {
    expect(verifyTotp(RFC_SECRET, candidate, now, lastStep)).toBe(expected);
  });

  it('accepts nothing with a secret that is not base32', () => {
    expect(verifyTotp('not base32!', code(0), now, null)).toBeNull();
  });

  it('normalises codes', () => {
    expect(normaliseTotpCode(' 287 082 ')).toBe('287082');
    expect(normaliseTotpCode('287-082')).toBe('287082');
    expect(normaliseTotpCode('28708')).toBeNull();
  });
});

describe('presentation', () => {
  it('groups the secret by four', () => {
    expect(formatSecret('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
    expect(formatSecret('ABCDEF')).toBe('ABCD EF');
  });

  it('builds the otpauth address apps read from a QR code', () => {
    const uri = otpauthUri({ secret: RFC_SECRET, account: 'focal.point@mission.example.org', issuer: 'Rostrum' });
    expect(uri).toBe(
      `otpauth://totp/Rostrum:focal.point%40mission.example.org?secret=${RFC_SECRET}&issuer=Rostrum&algorithm=SHA1&digits=6&period=30`,
    );
  });
});
