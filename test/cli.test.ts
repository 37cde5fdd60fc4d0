// The `rostrum` command as an operator runs it: the compiled build, a real process, a clean environment.
// Failures must end in one clear message on stderr (what is wrong, what to do) and never in a stack trace.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/kernel/db/database.js';
import { bin, freePort, Harness, root, STACK_LINE, type Result } from './cli-harness.js';

const DEBATE_PATH = '/debates/sc-2021-05-24-peacekeepers-safety';
const THEME = 'United Nations peacekeeping operations: improving safety and security of peacekeepers';

interface Serving {
  child: ChildProcess;
  url: string;
  output(): { stdout: string; stderr: string };
  /** Sends SIGTERM and resolves with how the process ended. */
  stop(): Promise<Result>;
}

const h = new Harness();
const cleanups = h.cleanups;
const track = (child: ChildProcess) => h.track(child);
const tempDir = () => h.tempDir();
const cleanEnv = (overrides?: Record<string, string>) => h.cleanEnv(overrides);
const run = (args: string[], env: NodeJS.ProcessEnv, timeoutMs?: number) => h.run(args, env, timeoutMs);

/** Starts `rostrum serve` and resolves once it says it is serving; rejects with its output if it stops first. */
function serve(env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<Serving> {
  const child = track(spawn(process.execPath, [bin, 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const closed = new Promise<Result>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve did not start within ${timeoutMs} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`)),
      timeoutMs,
    );
    const onData = () => {
      if (!/Rostrum is serving /.test(stdout)) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve({
        child,
        url: `http://127.0.0.1:${env.PORT}`,
        output: () => ({ stdout, stderr }),
        stop: async () => {
          child.kill('SIGTERM');
          return closed;
        },
      });
    };
    child.stdout?.on('data', onData);
    void closed.then((r) => {
      clearTimeout(timer);
      reject(new Error(`serve stopped before serving (code ${r.code}).\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`));
    });
  });
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.text() };
}

/** The demo accounts printed on stdout: one line per account, "label  email  password". */
function demoAccountsIn(stdout: string): Array<{ email: string; password: string }> {
  return [...stdout.matchAll(/^ {2}.+? {2}(\S+@demo\.rostrum\.example) {2}(\S+)$/gm)].map((m) => ({
    email: m[1] ?? '',
    password: m[2] ?? '',
  }));
}

/** A failed command: non-zero exit, one message on stderr that matches every pattern, no stack trace. */
function expectOneClearError(result: Result, ...patterns: Array<string | RegExp>): void {
  expect(result.signal, result.stderr).toBeNull();
  expect(result.code, result.stderr).not.toBe(0);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr.match(/Rostrum (cannot start|cannot continue|stopped)/g) ?? [], result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/unexpected error/i);
  expect(result.stderr.trim().split('\n').length, result.stderr).toBeLessThanOrEqual(6);
  for (const p of patterns) expect(result.stderr).toMatch(p);
}

afterEach(() => h.cleanUp());

describe('rostrum: bad settings and environments end in one clear message', () => {
  it('rejects a DATABASE_URL that is not a PostgreSQL URL', async () => {
    const result = await run(['serve'], await cleanEnv({ DATABASE_URL: 'mysql://x/y' }));
    expectOneClearError(result, /DATABASE_URL/, /postgres:\/\//, /docs\/CONFIG\.md/);
  });

  it('lists every bad setting at once', async () => {
    const result = await run(['serve'], await cleanEnv({ PORT: 'eighty', LOG_LEVEL: 'loud' }));
    expectOneClearError(result, /2 problems/, /^ {2}- PORT .*"eighty"/m, /^ {2}- LOG_LEVEL .*"loud"/m);
  });

  it('names the database it cannot reach', async () => {
    const result = await run(['serve'], await cleanEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' }));
    expectOneClearError(result, /The database cannot be reached/, /Check DATABASE_URL/, /127\.0\.0\.1:1\b/);
  });

  it('says when the data folder cannot be created (a path under a regular file, which stops root too)', async () => {
    const file = path.join(await tempDir(), 'a-file');
    await writeFile(file, 'not a folder');
    const dataDir = path.join(file, 'data');
    const result = await run(['serve'], await cleanEnv({ DATA_DIR: dataDir }));
    expectOneClearError(result, /The data folder cannot be created or written to/, /Set DATA_DIR/);
    expect(result.stderr).toContain(dataDir);
  });

  it('says when the port is taken, before opening the database or printing demo passwords', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
    const address = blocker.address();
    if (typeof address !== 'object' || address === null) throw new Error('no port');
    const env = await cleanEnv({ PORT: String(address.port) });
    const result = await run(['serve'], env, 40_000);
    expectOneClearError(result, /The port is already in use/, /set PORT to a free port/, `127.0.0.1:${address.port}`);
    // Nothing was loaded, so the next start still shows the demo passwords.
    expect(result.stdout).not.toContain('@demo.rostrum.example');
    expect(existsSync(path.join(env.DATA_DIR!, 'db'))).toBe(false);
  }, 45_000);

  it('refuses a second serve on a data folder another process is using', async () => {
    const env = await cleanEnv();
    const first = await serve(env);
    const second = await run(['serve'], { ...env, PORT: String(await freePort()) });
    expectOneClearError(second, /already using this data folder/, /set DATA_DIR to another folder/);
    expect(second.stderr).toContain(`process ${first.child.pid}`);
    // The first one is unharmed and still answers.
    expect((await get(`${first.url}${DEBATE_PATH}`)).status).toBe(200);
    expect((await first.stop()).code).toBe(0);
  }, 45_000);

  it('prints the usage for --help (exit 0) and for an unknown command (exit 1)', async () => {
    const env = await cleanEnv();
    const help = await run(['--help'], env);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'demo']) expect(help.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    expect(help.stderr).toBe('');

    const unknown = await run(['frobnicate'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    expect(unknown.stderr).toContain('Usage: rostrum <command>');
    expect(unknown.stderr).not.toMatch(STACK_LINE);
  });
});

describe('rostrum: happy paths', () => {
  it('serves the demo on a new installation, stops on SIGTERM, and keeps the data without loading the demo twice', async () => {
    const env = await cleanEnv();
    const first = await serve(env);
    const accounts = demoAccountsIn(first.output().stdout);
    expect(accounts, first.output().stdout).toHaveLength(5);
    for (const a of accounts) expect(a.password).toMatch(/^[A-Za-z0-9]{20}$/);
    const page = await get(`${first.url}${DEBATE_PATH}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(THEME);
    const stopped = await first.stop();
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toBe('');
    // The server sealed the demo's audit entries, at the latest when it stopped, with the installation's key.
    const verify = await run(['audit', 'verify'], env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(
      /^The audit log is intact: [1-9]\d* entries sealed under [1-9]\d* signed checkpoints?, each matching its hash and the chain; none awaiting a seal\.$/m,
    );

    const second = await serve(env);
    const again = await get(`${second.url}${DEBATE_PATH}`);
    expect(again.status).toBe(200);
    expect(again.body).toContain(THEME);
    const home = await get(`${second.url}/`);
    expect(home.body.split(`href="${DEBATE_PATH}"`).length - 1).toBe(1);
    expect(second.output().stdout).not.toContain('demo.rostrum.example');
    expect(second.output().stdout).not.toContain('Demo accounts');
    expect((await second.stop()).code).toBe(0);
  }, 60_000);

  it(
    'migrates a new data folder, then reloads the demo with new passwords each time and one debate, and will not load it twice without ' +
      '--reset',
    async () => {
      const env = await cleanEnv();
      const migrate = await run(['migrate'], env);
      expect(migrate.code, migrate.stderr).toBe(0);
      expect(migrate.stdout).toContain('The database schema is up to date.');

      const first = await run(['demo', '--reset'], env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(
        /^The demo's open debate takes written statements until .+: http:\/\/localhost:\d+\/debates\/sc-open-debate-protection-of-aid-workers$/m,
      );
      const second = await run(['demo', '--reset'], env);
      expect(second.code, second.stderr).toBe(0);
      const a = demoAccountsIn(first.stdout);
      const b = demoAccountsIn(second.stdout);
      expect(a).toHaveLength(5);
      expect(b.map((x) => x.email)).toEqual(a.map((x) => x.email));
      for (const [i, x] of b.entries()) expect(x.password).not.toBe(a[i]?.password);

      // Without --reset, a loaded demo is left alone, with a message rather than a database error.
      const again = await run(['demo'], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already loaded');
      expect(again.stderr).toContain('rostrum demo --reset');
      expect(again.stderr).not.toMatch(STACK_LINE);
      expect(again.stderr.trim().split('\n')).toHaveLength(1);
      expect(again.stdout).not.toContain('demo.rostrum.example');

      // The commands have exited and released the folder: look inside.
      const open = await openDatabase({ kind: 'pglite', dataDir: path.join(env.DATA_DIR ?? '', 'db') });
      try {
        const debates = await open.db.selectFrom('meetings.debates').select('slug').execute();
        // The 2021 reproduction and the open debate, one of each however many times the demo was reloaded.
        expect(debates.map((d) => d.slug).sort()).toEqual([
          'sc-2021-05-24-peacekeepers-safety',
          'sc-open-debate-protection-of-aid-workers',
        ]);
        const accounts = await open.db.selectFrom('identity.accounts').select('email').execute();
        expect(accounts.map((x) => x.email).sort()).toEqual(b.map((x) => x.email).sort());
      } finally {
        await open.close();
      }
    },
    60_000,
  );

  it('verifies the audit log: entries awaiting a seal checked against their hashes (exit 0), a changed one named (exit 2)', async () => {
    const env = await cleanEnv();
    const created = await run(['user', 'create', '--role', 'helpdesk', '--email', 'help@example.org', '--name', 'Help Desk'], env);
    expect(created.code, created.stderr).toBe(0);
    // No server ran, so nothing is sealed yet.
    const verify = await run(['audit', 'verify'], env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(
      /^The audit log is intact: 0 entries sealed under 0 signed checkpoints, each matching its hash and the chain; 1 awaiting a seal/m,
    );

    // Someone with access to the database changes the entry.
    const open = await openDatabase({ kind: 'pglite', dataDir: path.join(env.DATA_DIR ?? '', 'db') });
    let changed = 0;
    try {
      changed = (await open.db.selectFrom('kernel.audit_log').select('seq').executeTakeFirstOrThrow()).seq;
      await sql`ALTER TABLE kernel.audit_log DISABLE TRIGGER USER`.execute(open.db);
      await sql`UPDATE kernel.audit_log SET actor_label = 'someone else' WHERE seq = ${changed}`.execute(open.db);
    } finally {
      await open.close();
    }
    const altered = await run(['audit', 'verify'], env);
    expect(altered.code).toBe(2);
    expect(altered.stdout).toBe('');
    expect(altered.stderr.trim()).toBe(
      `The audit log has been altered (entry ${changed}): the entry’s content does not match its hash (it was changed); it awaits its ` +
        `seal.`,
    );
  }, 90_000);

  it('reads the outbox beside a server that holds the embedded database, from the files it writes as it delivers', async () => {
    const env = await cleanEnv();
    const server = await serve(env);
    // A visitor asks for a password link: the server queues the mail, and its job delivers it to the outbox.
    const form = await fetch(`${server.url}/password/forgot`, { signal: AbortSignal.timeout(10_000) });
    const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const asked = await fetch(`${server.url}/password/forgot`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: token, email: 'delegate.brazil@demo.rostrum.example' }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    expect(asked.status).toBe(303);
    let outbox: Result | undefined;
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      outbox = await run(['outbox'], env);
      if (outbox.code !== 0 || outbox.stdout.includes('Subject: Rostrum: choose a new password')) break;
    }
    expect(outbox?.code, outbox?.stderr).toBe(0);
    expect(outbox?.stdout).toContain(`A Rostrum server is using ${env.DATA_DIR} (process ${server.child.pid})`);
    expect(outbox?.stdout).toContain('To: delegate.brazil@demo.rostrum.example');
    expect(outbox?.stdout).toMatch(/\/password\/reset\/[A-Za-z0-9_-]{43}\b/);
    // The server was not disturbed; once it stops, the command reads the database itself, the same message.
    expect((await get(`${server.url}${DEBATE_PATH}`)).status).toBe(200);
    expect((await server.stop()).code).toBe(0);
    const stopped = await run(['outbox', '--limit', '1'], env);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).not.toContain('A Rostrum server is using');
    expect(stopped.stdout).toContain('Subject: Rostrum: choose a new password');
  }, 90_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'serves the demo from a PostgreSQL server',
    async () => {
      const url = new URL(await h.freshPostgres('rostrum_cli_test'));

      const server = await serve(await cleanEnv({ DATABASE_URL: url.href }));
      expect(server.output().stdout).toContain('(PostgreSQL)');
      expect(demoAccountsIn(server.output().stdout)).toHaveLength(5);
      const page = await get(`${server.url}${DEBATE_PATH}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain(THEME);
      expect((await server.stop()).code).toBe(0);
    },
    45_000,
  );
});
