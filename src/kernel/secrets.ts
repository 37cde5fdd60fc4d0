// The installation's secret key, and the keys derived from it: one to sign cookies, one to encrypt secrets
// kept in the database (MFA seeds), so a copy of the database alone does not give them away.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from './errors.js';
import { invariant } from './invariant.js';

export interface Secrets {
  /** For @fastify/cookie signatures (CSRF secret cookie). */
  cookieKey: string;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** The Ed25519 key that signs receipts: anyone can check a receipt with the public half, published by the site. */
  signing: SigningKey;
}

export interface SigningKey {
  /** The raw 32-byte public key, base64url. */
  publicKey: string;
  /** A short name for the key: the first 16 hex digits of the SHA-256 of the raw public key. */
  keyId: string;
  /** Ed25519 signature of the bytes, base64url. */
  sign(data: Uint8Array): string;
}

// An Ed25519 private key in PKCS #8 is this fixed prefix followed by the 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
// And a public key in SubjectPublicKeyInfo is this prefix followed by the 32 raw bytes.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function signingKey(seed: Buffer): SigningKey {
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const raw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length);
  return {
    publicKey: raw.toString('base64url'),
    keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16),
    sign: (data) => sign(null, data, privateKey).toString('base64url'),
  };
}

/** The public key (raw, base64url) as a key object, or undefined when it is not one. */
function publicKeyObject(publicKey: string): KeyObject | undefined {
  const raw = Buffer.from(publicKey, 'base64url');
  if (raw.length !== 32) return undefined;
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Whether `signature` (base64url) is the Ed25519 signature of `data` under `publicKey` (raw, base64url). */
export function verifySignature(publicKey: string, data: Uint8Array, signature: string): boolean {
  const key = publicKeyObject(publicKey);
  if (!key || !/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
  return verify(null, data, key, Buffer.from(signature, 'base64url'));
}

function derive(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `rostrum ${purpose}`, 32));
}

export function secretsFromKey(master: Buffer): Secrets {
  invariant(master.length === 32, 'The secret key must be 32 bytes');
  const sealing = derive(master, 'sealing');
  return {
    cookieKey: derive(master, 'cookies').toString('base64'),
    signing: signingKey(derive(master, 'receipt signing')),
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealing, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || body === undefined || !tag)
        throw new AppError('internal', { detail: 'sealed value in an unknown format' });
      const decipher = createDecipheriv('aes-256-gcm', sealing, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw new AppError('internal', {
          detail: 'a sealed value does not open with this installation key (was SECRET_KEY changed?)',
          cause,
        });
      }
    },
  };
}

/** SECRET_KEY when set; otherwise the key kept in DATA_DIR/secret.key, created (readable by its owner only) the first time. */
export async function loadSecrets(secretKey: string | undefined, dataDir: string): Promise<Secrets> {
  if (secretKey) return secretsFromKey(Buffer.from(secretKey, 'hex'));
  const file = path.join(dataDir, 'secret.key');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/.test(existing)) return secretsFromKey(Buffer.from(existing, 'hex'));
    throw new AppError('config.secret_key_damaged', { detail: file });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      if (err instanceof AppError) throw err;
      throw new AppError('config.data_dir_unwritable', { detail: file, cause: err });
    }
  }
  const key = randomBytes(32);
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadSecrets(undefined, dataDir);
    throw new AppError('config.data_dir_unwritable', { detail: file, cause: err });
  }
  return secretsFromKey(key);
}
