// The `rostrum` command. Every command reads the same validated configuration; errors are reported as one
// clear message (what is wrong and what to do), never as a stack trace.
import { loadConfig, type Config } from '../config.js';
import { systemClock } from '../kernel/clock.js';
import { isAppError } from '../kernel/errors.js';
import { describeAuditReport, verifyAuditLog } from '../kernel/audit-verify.js';
import { loadSecrets } from '../kernel/secrets.js';
import { listOutbox, readOutboxFolder, type MailRow } from '../kernel/mail/index.js';
import { formatCredentials, formatCurrentDemo, hasDemo, loadDemo } from '../demo/load-demo.js';
import { openConfiguredDatabase, outboxFolderOf, start } from '../main.js';
import { configurePasswordHashing } from '../modules/identity/index.js';
import { closeInspectionPool } from '../modules/uploads/index.js';
import { runInspect } from './inspect.js';
import { createUserFromCli, formatCreatedUser, parseUserCreateArgs, UserCreateError, userCreateUsage } from './user-create.js';

const help = `Usage: rostrum <command> [options]

Commands:
  serve            Run the web application and the background jobs (loads the demo on a new installation).
  migrate          Bring the database schema up to date, then exit.
  demo [--reset]   Load the demonstration debates and accounts; --reset replaces them, moves the open debate's
                   deadline a few days ahead of today again, and prints new passwords.
  outbox [--limit N]
                   Show the latest e-mails (the outbox, when no SMTP_URL is set).
  audit verify     Check the audit log: every entry against its hash, the chain, and the checkpoints signed by
                   the installation's key; exit 0 intact, 2 altered.
  inspect <file> [--as statement|cover-letter] [--json]
                   Check a statement or cover letter as an upload would be checked; exit 0 accepted or with
                   warnings, 2 refused, 1 if the check could not run.
  user create --role <helpdesk|secretariat|focal_point|delegate> --email <address> --name <name> [--mission <CODE>]
                   Create an account (such as the first help-desk account) and print its password once.
  help             Show this text.

Configuration is read from the environment; see docs/CONFIG.md.`;

function config(): Config {
  const result = loadConfig(process.env);
  if (!result.ok) {
    throw new UsageError(
      `Rostrum cannot start: the configuration has ` +
        `${result.problems.length === 1 ? 'a problem' : `${result.problems.length} problems`}:\n${result.problems
          .map((p) => `  - ${p}`)
          .join('\n')}\nSee docs/CONFIG.md.`,
    );
  }
  return result.config;
}

class UsageError extends Error {}

async function withDatabase<T>(fn: (open: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const settings = config();
  // Passwords hashed here (accounts created, the demo loaded) cost what the server's do.
  configurePasswordHashing({ memoryKib: settings.PASSWORD_HASH_MEMORY_KIB, passes: settings.PASSWORD_HASH_PASSES });
  const open = await openConfiguredDatabase(settings);
  try {
    return await fn(open);
  } finally {
    await open.release();
  }
}

/**
 * The outbox's latest messages. A server running on the embedded database holds it (one process at a time), so the
 * messages are then read from the files it writes as it delivers them (kernel/mail/outbox-folder.ts): no database
 * is opened, and nothing is asked of the server over the network. Otherwise, from the database, queued ones too.
 */
async function readOutbox(limit: number): Promise<MailRow[]> {
  const settings = config();
  try {
    return await withDatabase((open) => listOutbox(open.db, { limit }));
  } catch (err) {
    if (settings.DATABASE_URL || !isAppError(err) || err.code !== 'config.data_dir_locked') throw err;
    const folder = outboxFolderOf(settings);
    console.log(
      `A Rostrum server is using ${err.detail ?? settings.dataDir}; these are the messages it has delivered, read from ${folder}.`,
    );
    return readOutboxFolder(folder, { limit });
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const running = await start(config());
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`Received ${signal}; stopping.`);
        running.stop().then(
          () => process.exit(0),
          (err: unknown) => {
            console.error(err);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
      return -1; // keep running
    }
    case 'migrate':
      await withDatabase(async () => undefined);
      console.log('The database schema is up to date.');
      return 0;
    case 'demo': {
      const reset = rest.includes('--reset');
      const settings = config();
      const loaded = await withDatabase(async (open) => {
        if (!reset && (await hasDemo(open.db))) {
          throw new UsageError(
            'The demonstration data is already loaded; nothing was changed. Run `rostrum demo --reset` to replace the demo debate ' +
              "and accounts, move the open debate's dates forward and print new passwords.",
          );
        }
        return loadDemo(open.db, systemClock, { reset });
      });
      console.log(`${reset ? 'Reloaded' : 'Loaded'} the demonstration debate of 24 May 2021.`);
      console.log(formatCurrentDemo(loaded.current, settings.publicUrl));
      console.log(formatCredentials(loaded.credentials));
      return 0;
    }
    case 'outbox': {
      const i = rest.indexOf('--limit');
      const limit = i >= 0 ? Number(rest[i + 1]) : 20;
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit takes a whole number, such as --limit 50.');
      const mails = await readOutbox(limit);
      if (mails.length === 0) console.log('No e-mail has been sent yet.');
      for (const m of mails) {
        console.log(
          `--- #${m.id} ${m.created_at.toISOString()} ${m.sent_at ? `sent via ${m.transport}` : 'queued'}\nTo: ` +
            `${m.recipients.join(', ')}\nSubject: ${m.subject}\n\n${m.text_body}\n`,
        );
      }
      return 0;
    }
    case 'audit': {
      if (rest[0] !== 'verify') throw new UsageError('Usage: rostrum audit verify');
      const settings = config();
      const secrets = await loadSecrets(settings.SECRET_KEY, settings.dataDir);
      const result = await withDatabase((open) => verifyAuditLog(open.db, secrets.signing));
      if (result.ok) {
        console.log(describeAuditReport(result));
        return 0;
      }
      console.error(describeAuditReport(result));
      return 2;
    }
    case 'inspect': {
      // Needs no configuration or database: the same checks as an upload, on a file on disk.
      const code = await runInspect(rest, (line) => console.log(line));
      await closeInspectionPool();
      return code;
    }
    case 'user': {
      if (rest[0] !== 'create') throw new UsageError(userCreateUsage);
      try {
        const input = parseUserCreateArgs(rest.slice(1));
        const { password } = await withDatabase((open) => createUserFromCli(open.db, systemClock, input));
        console.log(formatCreatedUser(input, password));
      } catch (err) {
        if (err instanceof UserCreateError) throw new UsageError(`rostrum user create: ${err.message}`);
        throw err;
      }
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(help);
      return 0;
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${help}`);
  }
}

try {
  const code = await run(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
} catch (err) {
  if (err instanceof UsageError) {
    console.error(err.message);
  } else if (isAppError(err)) {
    console.error(`Rostrum cannot continue: ${err.message}${err.detail ? `\n  (${err.detail})` : ''}`);
  } else {
    console.error('Rostrum stopped on an unexpected error:');
    console.error(err);
  }
  process.exit(1);
}
