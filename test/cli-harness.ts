// Running the `rostrum` command in tests as an operator would: the compiled build (built once by
// test/global-setup.ts), a real process, an environment without any Rostrum setting but a fresh DATA_DIR.
// Each test file keeps its own list of clean-ups and of running children, and empties it after each test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { settings } from '../src/config.js';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = path.join(root, 'bin', 'rostrum.js');
export const STACK_LINE = /^\s+at /m;

export interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export class Harness {
  readonly children = new Set<ChildProcess>();
  readonly cleanups: Array<() => Promise<unknown>> = [];

  track(child: ChildProcess): ChildProcess {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  async tempDir(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rostrum-cli-'));
    this.cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  /** The test runner's environment without any Rostrum setting, plus a fresh DATA_DIR and a free PORT. */
  async cleanEnv(overrides: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of Object.keys(settings)) delete env[name];
    env.LOG_LEVEL = 'warn';
    env.DATA_DIR = path.join(await this.tempDir(), 'data');
    env.PORT = String(await freePort());
    return { ...env, ...overrides };
  }

  /** Runs `rostrum <args>` to its end. */
  run(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<Result> {
    const child = this.track(
      spawn(process.execPath, [bin, ...args], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
      }),
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
  }

  /** A new, empty PostgreSQL database on the TEST_DATABASE_URL server, dropped at clean-up; its URL. */
  async freshPostgres(name: string): Promise<string> {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    };
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${name}`);
    this.cleanups.push(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.href;
  }

  /** Kills what still runs and undoes what was made, newest first. */
  async cleanUp(): Promise<void> {
    const running = [...this.children];
    for (const child of running) child.kill('SIGKILL');
    await Promise.all(running.map(exited));
    this.children.clear();
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  }
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}
