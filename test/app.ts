// The web application for HTTP tests: real configuration defaults, a fixed secret key, no request logging.
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import type { Clock } from '../src/kernel/clock.js';
import type { Database } from '../src/kernel/db/database.js';
import { secretsFromKey } from '../src/kernel/secrets.js';

export function testConfig(env: Record<string, string> = {}): Config {
  const result = loadConfig({ LOG_LEVEL: 'silent', ...env });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

export const testSecrets = secretsFromKey(Buffer.alloc(32, 42));

export async function testApp(db: Database, clock: Clock, env: Record<string, string> = {}) {
  return buildApp({ config: testConfig(env), db, clock, secrets: testSecrets, logger: false });
}
