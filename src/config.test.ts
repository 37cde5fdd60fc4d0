import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeSettings, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs with nothing set', () => {
    const result = loadConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.PORT).toBe(3000);
    expect(result.config.DATA_DIR).toBe('./data');
    expect(result.config.DATABASE_URL).toBeUndefined();
    expect(result.config.DEMO).toBe(true);
    expect(result.config.publicUrl).toBe('http://localhost:3000');
  });

  it.each([
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL must be a URL such as postgres://'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL must be a URL such as postgres://'],
    [{ PORT: 'eighty' }, 'PORT must be a number'],
    [{ PORT: '70000' }, 'PORT must be between 0 and 65535'],
    [{ DATABASE_URL: 'postgresql:rostrum' }, 'DATABASE_URL must be a URL such as postgres://'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL must be a URL such as smtp://'],
    [{ SMTP_URL: 'smtp:' }, 'SMTP_URL must be a URL such as smtp://'],
    [{ DEMO: 'maybe' }, 'DEMO must be true or false'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL must be an http:// or https:// URL'],
  ])('explains what is wrong with %j', (env, message) => {
    const result = loadConfig(env);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain(message);
  });

  it.each([
    { DATABASE_URL: 'postgres://db/rostrum' },
    { DATABASE_URL: 'postgresql://user:pw@db:5432/rostrum' },
    { SMTP_URL: 'smtp://mail.example.org:587' },
    { SMTP_URL: 'smtps://user:pw@mail.example.org' },
    { PUBLIC_URL: 'http://localhost:3000' },
    { PUBLIC_URL: 'https://rostrum.example.org' },
  ])('takes %j, a URL of a scheme its setting accepts, with a host', (env) => {
    expect(loadConfig(env).ok).toBe(true);
  });

  it.each([
    ['', []],
    ['false', []],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, 192.0.2.7 ,::1', ['10.0.0.0/8', '192.0.2.7', '::1']],
    ['fd00::/8,loopback', ['fd00::/8', 'loopback']],
  ])('reads TRUST_PROXY=%j as the proxies %j', (value, proxies) => {
    const result = loadConfig({ TRUST_PROXY: value });
    expect(result.ok && result.config.TRUST_PROXY).toEqual(proxies);
  });

  it.each([
    ['true', 'must list the addresses of the reverse proxies'],
    ['yes', 'must list the addresses of the reverse proxies'],
    ['proxy.internal', 'proxy.internal is not'],
    ['10.0.0.0/33', '10.0.0.0/33 is not'],
    ['10.0.0.1/8/8', '10.0.0.1/8/8 is not'],
    ['::1/129', '::1/129 is not'],
  ])('refuses TRUST_PROXY=%j, saying why', (value, message) => {
    const result = loadConfig({ TRUST_PROXY: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toContain(message);
  });

  it('lists every problem at once', () => {
    const result = loadConfig({ PORT: 'x', DATABASE_URL: 'y', LOG_LEVEL: 'loud' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.split(' ')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
  });

  it('never repeats a secret from a malformed connection URL', () => {
    const result = loadConfig({ DATABASE_URL: 'postgres://user:s3cret@' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).not.toContain('s3cret');
  });

  it('derives the public address from the port', () => {
    const result = loadConfig({ PORT: '8080', PUBLIC_URL: '' });
    expect(result.ok && result.config.publicUrl).toBe('http://localhost:8080');
  });
});

describe('docs/CONFIG.md', () => {
  it('documents every setting with its default, and no other', () => {
    const doc = readFileSync(new URL('../docs/CONFIG.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)].map((m) => ({
      name: m[1],
      default: m[2]!.trim().replace(/^`|`$/g, ''),
    }));
    const expected = describeSettings().map((s) => ({ name: s.name, default: s.default }));
    expect(rows).toEqual(expected);
  });
});
