// The installation's secret key, and the keys derived from it: one to sign cookies, one to encrypt secrets
// kept in the database (MFA seeds), so a copy of the database alone does not give them away.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from './errors.js';

export interface Secrets {
  /** For @fastify/cookie signatures (CSRF secret cookie). */
  cookieKey: string;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

function derive(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `rostrum ${purpose}`, 32));
}

export function secretsFromKey(master: Buffer): Secrets {
  if (master.length !== 32) throw new Error('The secret key must be 32 bytes');
  const sealing = derive(master, 'sealing');
  return {
    cookieKey: derive(master, 'cookies').toString('base64'),
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealing, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || body === undefined || !tag) throw new AppError('internal', { detail: 'sealed value in an unknown format' });
      const decipher = createDecipheriv('aes-256-gcm', sealing, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw new AppError('internal', { detail: 'a sealed value does not open with this installation key (was SECRET_KEY changed?)', cause });
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
