// The web application for HTTP tests: real configuration defaults, a fixed secret key, no request logging.
import { sign } from '@fastify/cookie';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import type { Clock } from '../src/kernel/clock.js';
import type { Database } from '../src/kernel/db/database.js';
import { secretsFromKey } from '../src/kernel/secrets.js';

/**
 * The defaults, with the per-address request limits raised out of the way: a test file makes hundreds of requests
 * a minute from a handful of addresses. Tests of the limits set them back.
 */
export function testConfig(env: Record<string, string> = {}): Config {
  const result = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000', SIGN_IN_RATE_PER_MINUTE: '100000', ...env });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

export const testSecrets = secretsFromKey(Buffer.alloc(32, 42));

/** A session token as the browser holds it in its cookie: signed with the test installation's key. */
export function sessionCookieValue(token: string): string {
  return encodeURIComponent(sign(token, testSecrets.cookieKey));
}

export async function testApp(db: Database, clock: Clock, env: Record<string, string> = {}) {
  return buildApp({ config: testConfig(env), db, clock, secrets: testSecrets, logger: false });
}
