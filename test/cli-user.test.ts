// `rostrum user create` as an operator runs it on a new installation: the compiled build, a real process, a
// fresh DATA_DIR. Success prints the password once; every mistake ends in one line on stderr, never a stack trace.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/kernel/db/database.js';
import { verifyPassword } from '../src/modules/identity/index.js';
import { Harness, STACK_LINE, type Result } from './cli-harness.js';

const h = new Harness();
const cleanEnv = (overrides?: Record<string, string>) => h.cleanEnv(overrides);
const run = (args: string[], env: NodeJS.ProcessEnv) => h.run(args, env, 60_000);

const create = (env: NodeJS.ProcessEnv, ...options: string[]) => run(['user', 'create', ...options], env);

function passwordIn(stdout: string): string | undefined {
  return /^Password \(shown this once[^)]*\): (\S+)$/m.exec(stdout)?.[1];
}

/** Exit 1, exactly one line on stderr that matches, no stack trace, nothing on stdout. */
function expectOneLineError(result: Result, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr).not.toMatch(/unexpected error/i);
  expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
  expect(result.stderr).toMatch(/^rostrum user create: /);
  expect(result.stderr).toMatch(pattern);
  expect(result.stdout).toBe('');
}

afterAll(() => h.cleanUp());

describe('rostrum user create', () => {
  it('is in the help text', async () => {
    const help = await run(['--help'], await cleanEnv());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /^ {2}user create --role <helpdesk\|secretariat\|focal_point\|delegate> --email <address> --name <name> \[--mission <CODE>\]$/m,
    );
  });

  it.each([
    [
      ['--role', 'admin', '--email', 'a@example.org', '--name', 'Ada'],
      /Unknown role "admin": use one of helpdesk, secretariat, focal_point, delegate\./,
    ],
    [['--role', 'delegate', '--email', 'a@example.org', '--name', 'Ada'], /A delegate belongs to a mission: add --mission/],
    [['--role', 'focal_point', '--email', 'a@example.org', '--name', 'Ada'], /A focal_point belongs to a mission/],
    [['--role', 'helpdesk', '--email', 'a@example.org', '--name', 'Ada', '--mission', 'BRA'], /belong to no mission: leave out --mission/],
    [['--role', 'delegate', '--email', 'a@example.org', '--name', 'Ada', '--mission', 'Brazil'], /"Brazil" is not a mission code/],
    [['--role', 'helpdesk', '--email', 'not-an-address', '--name', 'Ada'], /"not-an-address" is not a valid e-mail address/],
    [['--role', 'helpdesk', '--email', 'a@example.org'], /Missing --name\. Usage: rostrum user create/],
    [['--role', 'helpdesk'], /Missing --email, --name\./],
    [['--role', 'helpdesk', '--email', 'a@example.org', '--name', 'A'], /The name must be 2 to 200 characters long\./],
    [['--role', 'helpdesk', '--email', 'a@example.org', '--name', 'Ada', '--admin'], /Unknown option '--admin'/],
    [['--role', 'helpdesk', '--email', 'a@example.org', '--name', 'Ada', 'extra'], /Usage: rostrum user create/],
    [['--role'], /argument missing/],
  ])('refuses %j in one line', async (options, pattern) => {
    expectOneLineError(await create(await cleanEnv(), ...options), pattern);
  });

  it('answers `rostrum user` without a subcommand with the usage', async () => {
    const result = await run(['user'], await cleanEnv());
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Usage: rostrum user create --role <helpdesk|secretariat|focal_point|delegate> --email <address> --name <name> [--mission <CODE>]',
    );
  });

  it('bootstraps a new installation: creates accounts with a password shown once, audited, and refuses duplicates and unknown missions', async () => {
    const env = await cleanEnv();
    const first = await create(env, '--role', 'helpdesk', '--email', 'Ada.Help@example.org', '--name', 'Ada  Help');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('Created the helpdesk account for Ada Help <Ada.Help@example.org>.');
    const password = passwordIn(first.stdout);
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);

    const focal = await create(env, '--role', 'focal_point', '--email', 'focal@example.org', '--name=Focal Point', '--mission', 'BRA');
    expect(focal.code, focal.stderr).toBe(0);
    expect(focal.stdout).toContain('(mission BRA)');
    const entity = await create(env, '--role', 'delegate', '--email', 'eu@example.org', '--name', 'EU Delegate', '--mission', 'eu');
    expect(entity.code, entity.stderr).toBe(0);
    expect(passwordIn(focal.stdout)).not.toBe(password);

    // The same address in other capitals is the same address.
    expectOneLineError(
      await create(env, '--role', 'secretariat', '--email', 'ada.help@EXAMPLE.org', '--name', 'Someone Else'),
      /An account with the e-mail address ada\.help@EXAMPLE\.org already exists; nothing was changed\./,
    );
    expectOneLineError(
      await create(env, '--role', 'delegate', '--email', 'x@example.org', '--name', 'X Y', '--mission', 'XYZ'),
      /There is no mission with the code "XYZ"/,
    );

    const verify = await run(['audit', 'verify'], env);
    expect(verify.code, verify.stderr).toBe(0);

    const open = await openDatabase({ kind: 'pglite', dataDir: path.join(env.DATA_DIR ?? '', 'db') });
    try {
      const accounts = await open.db
        .selectFrom('identity.accounts')
        .select(['email', 'display_name', 'role', 'organisation', 'password_hash'])
        .orderBy('created_at')
        .orderBy('email')
        .execute();
      expect(accounts.map((a) => [a.email, a.display_name, a.role, a.organisation]).sort()).toEqual(
        [
          ['Ada.Help@example.org', 'Ada Help', 'helpdesk', null],
          ['eu@example.org', 'EU Delegate', 'delegate', 'eu'],
          ['focal@example.org', 'Focal Point', 'focal_point', 'BRA'],
        ].sort(),
      );
      const ada = accounts.find((a) => a.role === 'helpdesk');
      expect(ada?.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(ada?.password_hash ?? '', password ?? '')).toBe(true);
      const audit = await open.db
        .selectFrom('kernel.audit_log')
        .select(['action', 'actor_id', 'actor_label', 'data'])
        .orderBy('seq')
        .execute();
      expect(audit).toEqual([
        {
          action: 'account.created',
          actor_id: null,
          actor_label: 'command line (rostrum user create)',
          data: { role: 'helpdesk', organisation: null },
        },
        {
          action: 'account.created',
          actor_id: null,
          actor_label: 'command line (rostrum user create)',
          data: { role: 'focal_point', organisation: 'BRA' },
        },
        {
          action: 'account.created',
          actor_id: null,
          actor_label: 'command line (rostrum user create)',
          data: { role: 'delegate', organisation: 'eu' },
        },
      ]);
      expect(JSON.stringify(audit)).not.toContain(password);
      // Creating a user does not load the demonstration data.
      expect(await open.db.selectFrom('meetings.debates').select('id').execute()).toEqual([]);
    } finally {
      await open.close();
    }
  }, 120_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'works the same on a PostgreSQL server',
    async () => {
      const url = new URL(await h.freshPostgres('rostrum_cli_user_test'));
      const env = await cleanEnv({ DATABASE_URL: url.href });

      const first = await create(env, '--role', 'secretariat', '--email', 'officer@example.org', '--name', 'Officer');
      expect(first.code, first.stderr).toBe(0);
      expect(passwordIn(first.stdout)).toMatch(/^[A-Za-z0-9]{20}$/);
      expectOneLineError(
        await create(env, '--role', 'secretariat', '--email', 'OFFICER@example.org', '--name', 'Officer'),
        /already exists/,
      );
      expectOneLineError(
        await create(env, '--role', 'focal_point', '--email', 'f@example.org', '--name', 'Focal', '--mission', 'QQQ'),
        /There is no mission with the code "QQQ"/,
      );
    },
    120_000,
  );
});
