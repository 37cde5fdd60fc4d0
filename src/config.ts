// Every setting Rostrum reads, in one schema, checked at boot. Nothing else reads process.env: the environment beyond
// the settings (where programs are found, what a child program inherits) is handed out here too.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A URL with one of `protocols` and a host (an http: or https: URL always has one); `message` says what is expected. */
const urlOf = (protocols: readonly string[], message: string) =>
  z.string().refine(
    (v) => {
      try {
        const u = new URL(v);
        return protocols.includes(u.protocol) && u.hostname !== '';
      } catch {
        return false;
      }
    },
    { message },
  );

const postgresUrl = urlOf(['postgres:', 'postgresql:'], 'must be a URL such as postgres://user:password@host:5432/database');
const smtpUrl = urlOf(['smtp:', 'smtps:'], 'must be a URL such as smtp://user:password@mail.example.org:587 or smtps://...');
const httpUrl = urlOf(['http:', 'https:'], 'must be an http:// or https:// URL');

const count = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

// proxy-addr's names for address ranges, which Fastify accepts among the trusted proxies.
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address (192.0.2.7, 2001:db8::1), a range in CIDR form (10.0.0.0/8, fd00::/8) or a named range. */
export function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * The reverse proxies whose X-Forwarded-For Rostrum believes: a list of addresses or ranges. Believing any sender
 * (`true`) would let anyone choose the address their requests are counted under, so it is refused.
 */
const trustedProxies = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
  )
  .superRefine((entries, ctx) => {
    if (entries.length === 1 && ['true', 'yes', '1'].includes(entries[0]!.toLowerCase())) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must list the addresses of the reverse proxies (such as 127.0.0.1 or 10.0.0.0/8), not true: trusting every sender would ' +
          'let anyone pick the address they are counted under',
      });
      return;
    }
    const wrong = entries.filter((e) => !isProxyAddress(e) && !['false', 'no', '0'].includes(e.toLowerCase()));
    if (wrong.length > 0)
      ctx.addIssue({
        code: 'custom',
        message:
          `must be addresses or ranges such as 127.0.0.1, ::1, 10.0.0.0/8 or loopback, separated by commas (${wrong.join(', ')} is ` +
          `not)`,
      });
  })
  .transform((entries) => entries.filter((e) => !['false', 'no', '0'].includes(e.toLowerCase())));

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

/** The settings, each with its default and the sentence that documents it (docs/CONFIG.md). */
export const settings = {
  DATA_DIR: {
    schema: z.string().min(1).default('./data'),
    doc: 'Folder for the embedded database (when DATABASE_URL is unset) and the generated secret key.',
  },
  PORT: { schema: port.default(3000), doc: 'TCP port the web server listens on.' },
  HOST: { schema: z.string().min(1).default('127.0.0.1'), doc: 'Address the web server binds to; 0.0.0.0 to accept outside connections.' },
  PUBLIC_URL: {
    schema: httpUrl.optional(),
    doc: 'Address users reach Rostrum at, used in e-mails and feeds. Defaults to http://localhost:PORT.',
  },
  DATABASE_URL: {
    schema: postgresUrl.optional(),
    doc: 'PostgreSQL connection URL. Unset: an embedded PostgreSQL (PGlite) stored in DATA_DIR/db.',
  },
  DATABASE_POOL_SIZE: {
    schema: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(200).default(10),
    doc: 'Connections in the PostgreSQL pool (server PostgreSQL only).',
  },
  DATABASE_WAIT_MS: {
    schema: count(100, 120_000).default(5000),
    doc:
      'How long a request waits for a PostgreSQL connection, or a visitor for its turn, in milliseconds, before it is answered 503 ' +
      '(busy, try again) with Retry-After.',
  },
  ANONYMOUS_CONCURRENCY: {
    schema: count(1, 200).optional(),
    doc:
      'Requests from visitors (not signed in, or half-way through signing in) handled at once, so that they can never hold every ' +
      'database connection and people signed in keep being served. Unset: half of DATABASE_POOL_SIZE, at least 1 (2 on the embedded ' +
      'database).',
  },
  ANONYMOUS_QUEUE: {
    schema: count(0, 10_000).default(100),
    doc:
      "Visitors' requests that may wait for their turn; more are answered 503 at once. Signing in with a password waits at the " +
      'password checks instead.',
  },
  PASSWORD_CHECKS_CONCURRENCY: {
    schema: count(1, 64).optional(),
    doc:
      "Password hashes (argon2id, about 15 ms of a core each) computed at once. Unset: one fewer than the processor's cores, at least " +
      '1, so a core stays free for pages.',
  },
  PASSWORD_CHECKS_QUEUE: {
    schema: count(0, 100_000).default(500),
    doc:
      'Sign-in attempts that may wait for a password check (one check takes about 15 ms of a core); more are answered 503 at once. ' +
      'People signed in (changing a password) wait ahead of them and are not counted.',
  },
  PASSWORD_CHECKS_WAIT_SECONDS: {
    schema: count(1, 300).default(30),
    doc: 'The longest a sign-in waits for its password check before it is answered 503 (busy, try again).',
  },
  PASSWORD_HASH_MEMORY_KIB: {
    schema: count(64, 4_194_304).default(19_456),
    doc: "Memory of one argon2id password hash, in KiB (the default, 19 MiB, is the library's and OWASP's advice). Applies to hashes made from then on; a stored hash keeps its own cost. Lower only for tests.",
  },
  PASSWORD_HASH_PASSES: {
    schema: count(1, 100).default(2),
    doc: 'Passes of one argon2id password hash over its memory (time cost). Applies to hashes made from then on; a stored hash keeps its own cost.',
  },
  RATE_LIMIT_PER_MINUTE: {
    schema: count(10, 1_000_000).default(300),
    doc:
      'Requests per minute from one network address by visitors and programs not signed in to a browser session; more are answered ' +
      '429. Kept in memory, per process.',
  },
  SIGN_IN_RATE_PER_MINUTE: {
    schema: count(1, 100_000).default(30),
    doc:
      'Sign-in, second-step, password-reset and invitation forms posted per minute from one network address; more are answered 429. ' +
      'The failed-attempt locks are counted apart, in the database.',
  },
  UPLOADS_PER_ACCOUNT: {
    schema: count(1, 100).default(2),
    doc: 'Uploads (forms with files) one account may send at once; another is refused with a message until one is done.',
  },
  FORM_MAX_KB: {
    schema: count(1, 10_240).default(64),
    doc: 'Largest form without files, in kilobytes. Forms with files take UPLOAD_MAX_MB a file; the JSON API 1 MB.',
  },
  HTTP_HEADERS_TIMEOUT_SECONDS: {
    schema: count(1, 600).default(20),
    doc: "Time allowed for a request's headers to arrive; a connection that sends them slower is closed.",
  },
  HTTP_REQUEST_TIMEOUT_SECONDS: {
    schema: count(5, 3600).default(300),
    doc: 'Time allowed for a whole request, body included, to arrive. 300 s lets two 10 MB files through a 1 Mbit/s connection.',
  },
  HTTP_IDLE_TIMEOUT_SECONDS: {
    schema: count(1, 3600).default(30),
    doc: 'A connection on which nothing is sent or received for this long is closed.',
  },
  HTTP_KEEP_ALIVE_SECONDS: {
    schema: count(1, 600).default(5),
    doc: 'How long an idle connection is kept open for the next request.',
  },
  SMTP_URL: {
    schema: smtpUrl.optional(),
    doc: 'SMTP server for outgoing mail. Unset: mail is written to the outbox in the database, readable with `rostrum outbox`.',
  },
  MAIL_FROM: { schema: z.string().min(3).default('Rostrum <no-reply@localhost>'), doc: 'Sender of outgoing mail.' },
  SYMBOL_ASSIGNMENT: {
    schema: z.enum(['entered', 'counter'], { message: 'must be entered or counter' }).default('entered'),
    doc:
      'How an issued letter or compilation gets its S/ symbol: `entered`, the symbol the documents service assigned, typed and checked ' +
      "on the confirmation page; or `counter`, the next number of this installation's own count, for a body that numbers its own " +
      'documents. Corrigenda follow their original (/Corr.1, /Corr.2).',
  },
  DEMO: {
    schema: bool.default(true),
    doc: 'Load the demonstration debate and accounts on first start with an empty database.',
  },
  TRUST_PROXY: {
    schema: trustedProxies.default([]),
    doc:
      'The reverse proxies (addresses or ranges, comma-separated, e.g. 127.0.0.1 or 10.0.0.0/8) whose X-Forwarded-For and ' +
      "X-Forwarded-Proto are believed; the client's address is then the last one they did not add. Unset: none, and the connection's " +
      'own address counts.',
  },
  JOBS_POLL_MS: {
    schema: z.coerce.number({ message: 'must be a number' }).int().min(50).max(60000).default(500),
    doc: 'How often the in-process job runner looks for due jobs, in milliseconds.',
  },
  JOBS_WAKE: {
    schema: bool.default(true),
    doc:
      'Wake the job runner as soon as a job is queued (PostgreSQL LISTEN/NOTIFY, on a connection of its own; in-process on the ' +
      'embedded database), instead of at its next look every JOBS_POLL_MS. false: polling only.',
  },
  AUDIT_SEAL_INTERVAL_MS: {
    schema: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(100, 'must be at least 100')
      .max(60000, 'must be at most 60000')
      .default(1000),
    doc:
      "How often the server seals the audit log's new entries under a signed checkpoint, in milliseconds. Until sealed (and provable " +
      'at /audit/proof), an entry is protected only by its own hash.',
  },
  UPLOAD_MAX_MB: {
    schema: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(10),
    doc: 'Largest statement or cover letter accepted, in megabytes. A 500-word statement is well under 1 MB.',
  },
  SOFFICE_PATH: {
    schema: z.string().min(1).optional(),
    doc:
      'The LibreOffice program that converts documents to PDF. Unset: `soffice` or `libreoffice` found on PATH; without one, PDFs are ' +
      'marked unavailable and the other formats are still made.',
  },
  SOFFICE_WARM: {
    schema: bool.default(true),
    doc:
      'Keep one LibreOffice running, started with the first document made, and convert each PDF through it: a fraction of a second ' +
      'instead of about 4 s to start LibreOffice for each file, for about 220 MB held between conversions. false: LibreOffice is ' +
      'started afresh for each PDF.',
  },
  RENDER_MEMORY_MB: {
    schema: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(64, 'must be at least 64')
      .max(16384, 'must be at most 16384')
      .default(300),
    doc:
      'Memory (V8 heap, in megabytes) that rendering one format of a document may use, on a worker thread of its own. The DOCX of a ' +
      '1,000-statement compilation needs about 220; a document that needs more fails with a reason naming this setting.',
  },
  RENDER_TIMEOUT_SECONDS: {
    schema: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(5, 'must be at least 5')
      .max(90, 'must be at most 90')
      .default(60),
    doc:
      'Longest that rendering one format of a document may take before it is stopped and marked failed. At most 90: the three formats ' +
      "of a document must fit in the render job's 5-minute lease.",
  },
  SECRET_KEY: {
    schema: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes), for example from `openssl rand -hex 32`')
      .optional(),
    doc:
      'Key that signs cookies and encrypts MFA secrets. Unset: generated once and kept in DATA_DIR/secret.key. Set the same value on ' +
      'every server of an installation.',
  },
  SESSION_IDLE_MINUTES: {
    schema: z.coerce.number({ message: 'must be a number' }).int().min(5, 'must be at least 5').max(1440).default(60),
    doc: 'A session ends after this many minutes without a request.',
  },
  SESSION_MAX_HOURS: {
    schema: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(168).default(12),
    doc: 'A session ends this many hours after sign-in, however active.',
  },
  MFA_REQUIRED_ROLES: {
    schema: z
      .string()
      .default('helpdesk,secretariat,focal_point')
      .transform((v) =>
        v
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.enum(['helpdesk', 'secretariat', 'focal_point', 'delegate'], {
            message: 'lists roles among helpdesk, secretariat, focal_point, delegate',
          }),
        ),
      ),
    doc: 'Roles that must use two-factor authentication (comma-separated); the others may choose to.',
  },
  INVITATION_HOURS: {
    schema: z.coerce.number({ message: 'must be a number' }).int().min(1).max(720).default(72),
    doc: 'How long an invitation link stays valid.',
  },
  RESET_LINK_MINUTES: {
    schema: z.coerce.number({ message: 'must be a number' }).int().min(5).max(1440).default(60),
    doc: 'How long a password-reset or sign-in link stays valid.',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    doc: 'Server log level.',
  },
} as const;

type Settings = typeof settings;
export type Config = { [K in keyof Settings]: z.output<Settings[K]['schema']> } & { publicUrl: string; dataDir: string };

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Reads the settings from an environment; lists every problem rather than stopping at the first. */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(settings)) {
    const raw = env[name];
    const parsed = setting.schema.safeParse(raw === '' ? undefined : raw);
    if (parsed.success) values[name] = parsed.data;
    else {
      // Connection URLs may carry passwords: never echo them back.
      const shown = name.endsWith('_URL') && name !== 'PUBLIC_URL' ? '' : ` (got "${raw}")`;
      problems.push(`${name} ${parsed.error.issues.map((i) => i.message).join('; ')}${shown}`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const config = values as Config;
  config.dataDir = path.resolve(config.DATA_DIR);
  config.publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  return { ok: true, config };
}

/** Settings as documented: name, default and description. */
export function describeSettings(): Array<{ name: string; default: string; doc: string }> {
  return Object.entries(settings).map(([name, s]) => {
    const d = s.schema.safeParse(undefined);
    const shown = d.success && d.data !== undefined && !(Array.isArray(d.data) && d.data.length === 0) ? String(d.data) : '(unset)';
    return { name, default: shown, doc: s.doc };
  });
}

/** The folders a program named without a path is searched in (PATH), as a shell searches them. Not a setting. */
export function programSearchPath(): string | undefined {
  return process.env.PATH;
}

/** The environment a child program (LibreOffice) starts with: this process's own, with `overrides`. Not settings. */
export function childEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
