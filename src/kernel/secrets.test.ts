import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecrets, secretsFromKey, verifySignature } from './secrets.js';

describe('secrets', () => {
  const secrets = secretsFromKey(Buffer.alloc(32, 7));

  it('seals and opens a value, differently each time', () => {
    const a = secrets.encrypt('JBSWY3DPEHPK3PXP');
    const b = secrets.encrypt('JBSWY3DPEHPK3PXP');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(secrets.decrypt(a)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a tampered value or another key', () => {
    const sealed = secrets.encrypt('secret');
    const parts = sealed.split('.');
    parts[2] = Buffer.from('other').toString('base64url');
    expect(() => secrets.decrypt(parts.join('.'))).toThrow();
    expect(() => secretsFromKey(Buffer.alloc(32, 8)).decrypt(sealed)).toThrow();
  });

  it('creates the key file once, private to its owner, and reuses it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rostrum-key-'));
    const first = await loadSecrets(undefined, dir);
    const file = path.join(dir, 'secret.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await loadSecrets(undefined, dir);
    expect(second.decrypt(first.encrypt('x'))).toBe('x');
    expect(second.cookieKey).toBe(first.cookieKey);
    expect((await readFile(file, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prefers SECRET_KEY, and says so when the key file is damaged', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rostrum-key-'));
    await writeFile(path.join(dir, 'secret.key'), 'garbage');
    await expect(loadSecrets(undefined, dir)).rejects.toThrow(/secret key file is damaged/);
    const fromSetting = await loadSecrets('ab'.repeat(32), dir);
    expect(fromSetting.decrypt(secretsFromKey(Buffer.from('ab'.repeat(32), 'hex')).encrypt('y'))).toBe('y');
  });
});

describe('the receipt signing key', () => {
  const a = secretsFromKey(Buffer.alloc(32, 7));
  const b = secretsFromKey(Buffer.alloc(32, 8));
  const data = new TextEncoder().encode('{"reference":"R-1"}');

  it('is derived from the installation key: the same key gives the same public key and id', () => {
    expect(secretsFromKey(Buffer.alloc(32, 7)).signing.publicKey).toBe(a.signing.publicKey);
    expect(a.signing.publicKey).not.toBe(b.signing.publicKey);
    expect(a.signing.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.signing.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    ['its own signature', () => verifySignature(a.signing.publicKey, data, a.signing.sign(data)), true],
    ['another key’s signature', () => verifySignature(a.signing.publicKey, data, b.signing.sign(data)), false],
    [
      'changed data',
      () => verifySignature(a.signing.publicKey, new TextEncoder().encode('{"reference":"R-2"}'), a.signing.sign(data)),
      false,
    ],
    ['a malformed signature', () => verifySignature(a.signing.publicKey, data, 'not-a-signature'), false],
    ['a malformed public key', () => verifySignature('short', data, a.signing.sign(data)), false],
  ])('verifies %s: %s', (_name, check, expected) => {
    expect(check()).toBe(expected);
  });
});
