// The web application for HTTP tests: real configuration defaults, a fixed secret key, no request logging.
import { sign } from '@fastify/cookie';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import type { Clock } from '../src/kernel/clock.js';
import type { Database } from '../src/kernel/db/database.js';
import { secretsFromKey } from '../src/kernel/secrets.js';
import { configurePasswordHashing } from '../src/modules/identity/index.js';

/**
 * The defaults, with the per-address request limits raised out of the way (a test file makes hundreds of requests
 * a minute from a handful of addresses; tests of the limits set them back) and passwords hashed at a small cost
 * (64 KiB, one pass: a hash in well under a millisecond rather than tens).
 */
export function testConfig(env: Record<string, string> = {}): Config {
  const result = loadConfig({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000',
    SIGN_IN_RATE_PER_MINUTE: '100000',
    PASSWORD_HASH_MEMORY_KIB: '64',
    PASSWORD_HASH_PASSES: '1',
    ...env,
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

export const testSecrets = secretsFromKey(Buffer.alloc(32, 42));

/** A session token as the browser holds it in its cookie: signed with the test installation's key. */
export function sessionCookieValue(token: string): string {
  return encodeURIComponent(sign(token, testSecrets.cookieKey));
}

/** The application on `db`; the passwords it hashes cost what the configuration says, as the server's do. */
export async function testApp(db: Database, clock: Clock, env: Record<string, string> = {}) {
  const config = testConfig(env);
  configurePasswordHashing({ memoryKib: config.PASSWORD_HASH_MEMORY_KIB, passes: config.PASSWORD_HASH_PASSES });
  return buildApp({ config, db, clock, secrets: testSecrets, logger: false });
}
