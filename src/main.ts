// Starts Rostrum: open and migrate the database, load the demo on a new installation, then serve the web
// application, run background jobs and seal the audit log in the same process.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './kernel/clock.js';
import { lockDataDir } from './kernel/db/data-dir-lock.js';
import { openDatabase, type OpenDatabase } from './kernel/db/database.js';
import { migrateToLatest } from './kernel/db/migrate.js';
import { AuditSealer } from './kernel/audit-seal.js';
import { AppError } from './kernel/errors.js';
import { loadSecrets } from './kernel/secrets.js';
import { JOBS_CHANNEL, JobRunner } from './kernel/jobs/index.js';
import { mailSendJob, outboxTransport, smtpTransport } from './kernel/mail/index.js';
import { formatCredentials, formatCurrentDemo, isEmpty, loadDemo } from './demo/load-demo.js';
import { syncReferenceMissions } from './modules/delegations/index.js';
import { convertPdfJob, PdfConverter, renderDocumentJob } from './modules/documents/index.js';
import {
  configurePasswordChecks,
  configurePasswordHashing,
  defaultPasswordConcurrency,
  passwordResetJob,
} from './modules/identity/index.js';
import { notifyLetterIssuedJob, sendRemindersJob, syncCouncilData } from './modules/meetings/index.js';
import { notifyCompilationIssuedJob } from './modules/compilation/index.js';
import { delegationsWithStatements } from './modules/statements/index.js';

export interface Running {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/**
 * Brings the schema up to date, the reference missions in step with the reference data, and the Council data filled
 * for the years the database does not have yet.
 */
async function prepare(open: OpenDatabase): Promise<void> {
  await migrateToLatest(open.db);
  await syncReferenceMissions(open.db, systemClock);
  await syncCouncilData(open.db, systemClock);
}

/** Opens the configured database (embedded in DATA_DIR/db, or PostgreSQL) and brings its schema up to date. */
export async function openConfiguredDatabase(config: Config): Promise<OpenDatabase & { release: () => Promise<void> }> {
  if (config.DATABASE_URL) {
    const open = await openDatabase({
      kind: 'postgres',
      url: config.DATABASE_URL,
      poolSize: config.DATABASE_POOL_SIZE,
      waitMs: config.DATABASE_WAIT_MS,
    });
    await prepare(open);
    return { ...open, release: open.close };
  }
  const dbDir = path.join(config.dataDir, 'db');
  await mkdir(config.dataDir, { recursive: true }).catch((cause: unknown) => {
    throw new AppError('config.data_dir_unwritable', { detail: config.dataDir, cause });
  });
  const unlock = await lockDataDir(config.dataDir);
  try {
    const open = await openDatabase({ kind: 'pglite', dataDir: dbDir });
    await prepare(open);
    return {
      ...open,
      async release() {
        await open.close();
        await unlock();
      },
    };
  } catch (err) {
    await unlock();
    throw err;
  }
}

/** Where the outbox's files are written (see kernel/mail/outbox-folder.ts). */
export function outboxFolderOf(config: Config): string {
  return path.join(config.dataDir, 'outbox');
}

/** Fails fast, before the database is opened and the demo passwords printed, when the port is taken. */
async function ensurePortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new AppError('config.port_in_use', { detail: `${host}:${port}` }) : err);
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

export async function start(config: Config, options: { clock?: Clock; print?: (line: string) => void } = {}): Promise<Running> {
  const clock = options.clock ?? systemClock;
  const print = options.print ?? ((line: string) => console.log(line));
  await ensurePortFree(config.PORT, config.HOST);
  configurePasswordChecks({
    concurrency: config.PASSWORD_CHECKS_CONCURRENCY ?? defaultPasswordConcurrency(),
    maxQueue: config.PASSWORD_CHECKS_QUEUE,
    maxWaitMs: config.PASSWORD_CHECKS_WAIT_SECONDS * 1000,
  });
  configurePasswordHashing({ memoryKib: config.PASSWORD_HASH_MEMORY_KIB, passes: config.PASSWORD_HASH_PASSES });
  const database = await openConfiguredDatabase(config);
  const { db } = database;
  let app: FastifyInstance | undefined;
  let runner: JobRunner | undefined;
  let sealer: AuditSealer | undefined;
  let converter: PdfConverter | undefined;
  try {
    if (config.DEMO && (await isEmpty(db))) {
      // Another server starting on the same database may load it first: then this one has nothing to print.
      const loaded = await loadDemo(db, clock, { reset: false }).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'debate.slug_taken') return undefined;
        throw err;
      });
      if (loaded) {
        print('Loaded the demonstration debate of 24 May 2021.');
        print(formatCurrentDemo(loaded.current, config.publicUrl));
        print(formatCredentials(loaded.credentials));
      }
    }
    const secrets = await loadSecrets(config.SECRET_KEY, config.dataDir);
    app = await buildApp({ config, db, clock, secrets });
    const log = app.log;
    const transport = config.SMTP_URL
      ? smtpTransport(config.SMTP_URL, config.MAIL_FROM)
      : outboxTransport({ folder: outboxFolderOf(config), clock });
    // LibreOffice is started with the first document made, and kept running for the next ones (SOFFICE_WARM).
    converter = new PdfConverter({ soffice: config.SOFFICE_PATH, warm: config.SOFFICE_WARM, log: app.log });
    runner = new JobRunner({
      db,
      clock,
      jobs: [
        mailSendJob(transport),
        renderDocumentJob({ memoryMb: config.RENDER_MEMORY_MB, timeoutMs: config.RENDER_TIMEOUT_SECONDS * 1000, converter }),
        convertPdfJob({ converter }),
        sendRemindersJob({ submitted: delegationsWithStatements, publicUrl: config.publicUrl }),
        passwordResetJob({ publicUrl: config.publicUrl, resetLinkMinutes: config.RESET_LINK_MINUTES }),
        notifyLetterIssuedJob({ publicUrl: config.publicUrl }),
        notifyCompilationIssuedJob({ publicUrl: config.publicUrl }),
      ],
      pollMs: config.JOBS_POLL_MS,
      log: app.log,
      // Woken as soon as a job is queued (JOBS_WAKE); the polling above stays as the fallback.
      ...(config.JOBS_WAKE ? { wakeups: (wake: () => void) => database.listen(JOBS_CHANNEL, wake, log) } : {}),
    });
    sealer = new AuditSealer({ db, clock, signing: secrets.signing, intervalMs: config.AUDIT_SEAL_INTERVAL_MS, log: app.log });
    try {
      await app.listen({ port: config.PORT, host: config.HOST });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new AppError('config.port_in_use', { detail: `${config.HOST}:${config.PORT}` });
      throw err;
    }
    runner.start();
    sealer.start();
  } catch (err) {
    await runner?.stop();
    await converter?.stop();
    await app?.close();
    await sealer?.stop();
    await database.release();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST}:${port}`;
  print(
    `Rostrum is serving ${url} ` +
      `(${database.engine === 'pglite' ? `embedded database in ${path.join(config.dataDir, 'db')}` : 'PostgreSQL'}).`,
  );
  const running = app;
  const jobs = runner;
  const seals = sealer;
  const pdfs = converter;
  return {
    app: running,
    url,
    async stop() {
      await jobs.stop();
      await pdfs.stop();
      await running.close();
      // After the last request and job: their entries are sealed before the database closes.
      await seals.stop();
      await database.release();
    },
  };
}
