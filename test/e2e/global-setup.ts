// Builds Rostrum (unless dist/ is current: in `npm test`, vitest's setup has just built it), starts it as a user
// would (`rostrum serve`) on a fresh database, waits until it answers, and stops it after the suite.
//
// Before the server, a loopback SMTP sink starts (no authentication, no STARTTLS): Rostrum gets
// SMTP_URL=smtp://127.0.0.1:<port>, so its e-mails really leave through nodemailer over SMTP. Every message
// received is kept in a JSON file (E2E_MAILBOX); the demo accounts' passwords, printed once by the server at
// first start, in another (E2E_DEMO_ACCOUNTS). Workers start after this setup and inherit its environment,
// which is how the tests find both files (test/e2e/support.ts reads them).
import { spawn } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { ensureBuilt } from '../build.js';
import { parseMessage, type DemoAccount, type ReceivedMail } from './mail-format.js';

// E2E_PORT lets two suites run side by side on one machine (each with its own server and database).
const PORT = Number(process.env.E2E_PORT ?? 3917);
const E2E_DB = PORT === 3917 ? 'rostrum_e2e' : `rostrum_e2e_${PORT}`;

async function freshPostgres(url: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${E2E_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${E2E_DB}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${E2E_DB}`;
  return u.href;
}

async function waitFor(url: string, child: { exitCode: number | null }, output: () => string, ready: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Rostrum exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(url);
      // The start-up lines (demo passwords, then "serving") are printed before listen; wait until they arrived too.
      if (res.ok && ready()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Rostrum did not answer at ${url} within 60 s:\n${output()}`);
}

/** A loopback SMTP server that accepts every message and appends it, decoded, to `file`. */
async function startSmtpSink(file: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const received: ReceivedMail[] = [];
  writeFileSync(file, '[]');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        try {
          const to = session.envelope.rcptTo.map((r) => r.address);
          received.push({ ...parseMessage(Buffer.concat(chunks).toString('latin1')), to, receivedAt: new Date().toISOString() });
          // Written whole each time (a few messages per run) and renamed into place: a reader never sees half a file.
          writeFileSync(`${file}.tmp`, JSON.stringify(received, null, 2));
          renameSync(`${file}.tmp`, file);
          callback();
        } catch (err) {
          callback(err as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The lines `  <label>  <email>  <password>` that `rostrum serve` prints once when it loads the demo. */
export function parseDemoAccounts(log: string): DemoAccount[] {
  const accounts: DemoAccount[] = [];
  for (const line of log.split('\n')) {
    const m = /^ {2}(\S.*?) {2,}(\S+@\S+) {2}(\S+)\s*$/.exec(line);
    if (m) accounts.push({ label: m[1]!.trim(), email: m[2]!, password: m[3]! });
  }
  return accounts;
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = path.resolve(import.meta.dirname, '../..');
  ensureBuilt(root);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rostrum-e2e-'));
  // Outside DATA_DIR: the server owns that folder.
  const filesDir = mkdtempSync(path.join(os.tmpdir(), 'rostrum-e2e-files-'));
  const mailbox = path.join(filesDir, 'mailbox.json');
  const demoFile = path.join(filesDir, 'demo-accounts.json');
  const smtp = await startSmtpSink(mailbox);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    // Links in e-mails must lead to the address the browser uses, or the session cookie would be another host's.
    PUBLIC_URL: `http://127.0.0.1:${PORT}`,
    DATA_DIR: dataDir,
    DEMO: 'true',
    LOG_LEVEL: 'warn',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Rostrum <no-reply@rostrum.test>',
    // Mail leaves through the job runner; poll often so the tests do not wait on it.
    JOBS_POLL_MS: '100',
    // Every journey comes from one address, many times faster than people sign in: the per-address limits are
    // tested on their own (src/app.test.ts), not here.
    RATE_LIMIT_PER_MINUTE: '100000',
    SIGN_IN_RATE_PER_MINUTE: '10000',
  };
  delete env.DATABASE_URL;
  delete env.SECRET_KEY;
  if (process.env.TEST_DATABASE_URL) env.DATABASE_URL = await freshPostgres(process.env.TEST_DATABASE_URL);
  const child = spawn(process.execPath, [path.join(root, 'bin/rostrum.js'), 'serve'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  try {
    await waitFor(
      `http://127.0.0.1:${PORT}/healthz`,
      child,
      () => log,
      () => log.includes('Rostrum is serving'),
    );
    const accounts = parseDemoAccounts(log);
    if (accounts.length === 0) throw new Error(`Rostrum printed no demo accounts at its first start:\n${log}`);
    writeFileSync(demoFile, JSON.stringify(accounts, null, 2));
  } catch (err) {
    child.kill('SIGTERM');
    await smtp.stop();
    throw err;
  }
  process.env.E2E_MAILBOX = mailbox;
  process.env.E2E_DEMO_ACCOUNTS = demoFile;

  return async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await smtp.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(filesDir, { recursive: true, force: true });
    if (process.env.E2E_SHOW_SERVER_LOG) console.log(log);
  };
}
