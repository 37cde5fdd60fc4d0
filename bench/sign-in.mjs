// Sign-in: how many password sign-ins per second Rostrum completes, set against how many argon2id verifications
// per second this machine can do at all, measured in the same run. Every sign-in checks one password with
// argon2id (src/modules/identity/passwords.ts: @node-rs/argon2 with the library's defaults), which runs on libuv's
// thread pool and costs tens of milliseconds of CPU; on a 2-core machine that, not Rostrum's own work, is the
// expected limit. So, as debate-page.mjs sets Rostrum against a bare handler, this sets it against the bare
// verification: the ratio sign-ins/s ÷ verifies/s is the figure to compare between runs.
//   1. argon2id `verify` alone, in this process, --connections at a time, of a hash made by Rostrum's own
//      hashPassword (so with the product's parameters);
//   2. Rostrum on PostgreSQL (a fresh database rostrum_bench_signin, DEMO=false), with delegate accounts
//      (delegates need no second factor, so a correct password ends signing in) sharing one password;
//   3. Rostrum on PGlite, the same (the embedded database has one connection).
// The load is autocannon posting the sign-in form (e-mail, password, CSRF token, with the CSRF cookie), each
// request for the next account in turn. Any answer other than the success redirect (303 to /) fails the run.
// Failed sign-ins are throttled; successful ones are not, so the accounts are never locked.
// Run alone with `node bench/sign-in.mjs [--duration S] [--connections N] [--no-postgres]`, or through bench/run.mjs.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { URLSearchParams, fileURLToPath } from 'node:url';
import { verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import pg from 'pg';
import { makeTempDir, removeTempDir, rostrumEnv, spawnRostrum } from './lib/children.mjs';
import { HOST, freePort, get, send, waitForOk } from './lib/http.mjs';
import { build, readOptions } from './lib/options.mjs';
import { benchDatabaseUrl, dropBenchDatabase, recreateBenchDatabase, serverVersion } from './lib/postgres.mjs';
import { formatOneDecimal, formatRatio, formatWhole, markdownTable, percentile, summarize } from './lib/stats.mjs';

export const SIGN_IN_DATABASE = 'rostrum_bench_signin';
const SIGN_IN_PATH = '/sign-in';
/** Accounts the sign-ins are spread over; all delegates of one mission, all with the same password. */
const ACCOUNTS = 50;
const MISSION = 'BRA';
/** Single verifications timed one after the other, nothing else running: the least a sign-in can take. */
const SINGLE_VERIFIES = 20;
/** libuv's default thread-pool size, when UV_THREADPOOL_SIZE is not set. */
const LIBUV_DEFAULT_THREADS = 4;

const lifetimeMs = (options) => (180 + 2 * (options.warmup + options.duration)) * 1000;

/** The emails of the benchmark's accounts, as inserted by INSERT_ACCOUNTS. */
const accountEmails = Array.from({ length: ACCOUNTS }, (_, i) => `bench-signin-${i + 1}@example.org`);

// Columns as in migrations/ (identity.accounts); the ones left out are nullable. The same SQL on both engines.
const INSERT_ACCOUNTS = `
  INSERT INTO identity.accounts (id, email, display_name, role, organisation, password_hash, created_at)
  SELECT gen_random_uuid(), 'bench-signin-' || i || '@example.org', 'Benchmark delegate ' || i, 'delegate', $1, $2, now()
  FROM generate_series(1, $3::int) AS i`;
const MISSION_EXISTS = 'SELECT count(*)::int AS n FROM delegations.missions WHERE code = $1';

/** The password every account has, and its hash made by Rostrum's own hashPassword (from the build). */
async function credentials() {
  const { hashPassword } = await import(new URL('../dist/src/modules/identity/passwords.js', import.meta.url).href);
  const password = `bench-${randomBytes(12).toString('hex')}`;
  const hash = await hashPassword(password);
  // $argon2id$v=19$m=19456,t=2,p=1$salt$hash
  const [, algorithm, , params] = hash.split('$');
  return { password, hash, algorithm, params };
}

/** The thread pool argon2 runs on, here and in the servers (they inherit this environment). */
function threadPool() {
  const set = process.env.UV_THREADPOOL_SIZE;
  return set
    ? { threads: Number(set), note: `UV_THREADPOOL_SIZE=${set}` }
    : { threads: LIBUV_DEFAULT_THREADS, note: `UV_THREADPOOL_SIZE unset: libuv's default of ${LIBUV_DEFAULT_THREADS} threads` };
}

/**
 * `concurrency` verifications in flight at all times for `seconds`; counts those that finished in time (the ones
 * in flight at the end finish, uncounted, before this returns, so nothing spills into the next measurement).
 */
async function verifyFor(seconds, concurrency, { hash, password }) {
  const endAt = performance.now() + seconds * 1000;
  const latencies = [];
  const worker = async () => {
    while (performance.now() < endAt) {
      const startedAt = performance.now();
      const ok = await verify(hash, password);
      const doneAt = performance.now();
      if (!ok) throw new Error('argon2 verify answered false for the right password.');
      if (doneAt <= endAt) latencies.push(doneAt - startedAt);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), total: latencies.length };
}

/** The baseline: argon2id verifications per second on this machine, with nothing else running. */
async function measureArgon2(creds, options) {
  if (await verify(creds.hash, 'not the password')) throw new Error('argon2 verify accepted a wrong password.');
  const single = [];
  for (let i = 0; i < SINGLE_VERIFIES; i++) {
    const startedAt = performance.now();
    await verify(creds.hash, creds.password);
    single.push(performance.now() - startedAt);
  }
  if (options.warmup > 0) await verifyFor(options.warmup, options.connections, creds);
  const loaded = await verifyFor(options.duration, options.connections, creds);
  return { ...loaded, singleMs: summarize(single).median };
}

function decodeHtmlAttribute(value) {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** One CSRF pair from the sign-in page: the cookie to send back and the form field. Valid for any number of posts. */
async function csrfPair(port) {
  const page = await get(port, SIGN_IN_PATH);
  if (page.status !== 200) throw new Error(`GET ${SIGN_IN_PATH} answered ${page.status}.`);
  const cookies = [page.headers['set-cookie'] ?? []].flat();
  const cookie = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('rostrum_csrf='));
  const field = /name="_csrf" value="([^"]*)"/.exec(page.body);
  if (!cookie || !field) throw new Error(`GET ${SIGN_IN_PATH} gave no CSRF ${cookie ? 'form field' : 'cookie'}.`);
  return { cookie, token: decodeHtmlAttribute(field[1]) };
}

const formHeaders = (csrf) => ({ 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie });
const formBody = (csrf, email, password) => new URLSearchParams({ _csrf: csrf.token, email, password }).toString();

function headerValue(headers, name) {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : [headers[key]].flat()[0];
}

/** The readable text of an HTML answer (the head and the tags left out), to say why a sign-in was refused. */
const pageText = (body) =>
  String(body ?? '')
    .replace(/<head>[\s\S]*?<\/head>/i, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 600);

const isSuccess = (status, headers) => status === 303 && headerValue(headers, 'location') === '/';

/** One sign-in by hand before the load, so that a refusal (CSRF, wrong password, missing account) is explained plainly. */
async function signInOnce(port, csrf, password) {
  const answer = await send(port, {
    method: 'POST',
    path: SIGN_IN_PATH,
    headers: formHeaders(csrf),
    body: formBody(csrf, accountEmails[0], password),
  });
  if (!isSuccess(answer.status, answer.headers)) {
    throw new Error(
      `A test sign-in answered ${answer.status} (location ${headerValue(answer.headers, 'location') ?? 'none'}), not 303 to ` +
        `/:\n${pageText(answer.body)}`,
    );
  }
}

/**
 * autocannon posting the sign-in form for `duration` seconds, each request for the next account in turn.
 * Checks every answer: anything but a 303 to / (a refusal, a lockout, a CSRF error) fails the run.
 */
async function signInLoad(port, csrf, password, { connections, duration }) {
  let next = 0;
  let succeeded = 0;
  let failed = 0;
  let firstFailure;
  const result = await autocannon({
    url: `http://${HOST}:${port}${SIGN_IN_PATH}`,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: SIGN_IN_PATH,
        headers: formHeaders(csrf),
        setupRequest: (request) => ({ ...request, body: formBody(csrf, accountEmails[next++ % ACCOUNTS], password) }),
        onResponse: (status, body, _context, headers) => {
          if (isSuccess(status, headers)) succeeded++;
          else {
            failed++;
            firstFailure ??= `${status} (location ${headerValue(headers, 'location') ?? 'none'}): ${pageText(body)}`;
          }
        },
      },
    ],
  });
  const otherStatuses = Object.keys(result.statusCodeStats ?? {}).filter((code) => code !== '303');
  const errors = result.errors + result.timeouts;
  if (failed > 0 || errors > 0 || otherStatuses.length > 0 || succeeded === 0) {
    throw new Error(
      `Sign-in load: ${succeeded} successes, ${failed} other answers (${otherStatuses.join(', ') || 'none'}), ${errors} errors or ` +
        `timeouts.` +
        (firstFailure ? `\nFirst other answer: ${firstFailure}` : ''),
    );
  }
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: succeeded };
}

/** Warm-up (checked like the rest, unrecorded), a pause for the server to finish what the warm-up left, then the measurement. */
async function measureSignIns(server, port, password, options) {
  const csrf = await csrfPair(port);
  await signInOnce(port, csrf, password);
  if (options.warmup > 0) {
    const warm = await signInLoad(port, csrf, password, { connections: options.connections, duration: options.warmup });
    // autocannon leaves the requests still in flight when its time is up; the server still checks their passwords.
    // They would take thread-pool time from the measurement, so wait about as long as the slowest answers took.
    await sleep(Math.min(10_000, 500 + 1.5 * warm.p99));
  }
  if (server.hasExited()) throw new Error(`Rostrum exited during the warm-up:\n${server.output()}`);
  return signInLoad(port, csrf, password, { connections: options.connections, duration: options.duration });
}

/** Starts Rostrum (DEMO=false) and waits until the sign-in page answers. */
async function startRostrum(env, options) {
  const port = await freePort();
  const server = spawnRostrum(await rostrumEnv({ ...env, DEMO: 'false', LOG_LEVEL: 'warn', PORT: String(port) }), lifetimeMs(options));
  try {
    await waitForOk(server, port, SIGN_IN_PATH);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { server, port };
}

function checkMission(count) {
  if (count !== 1) throw new Error(`The mission ${MISSION} does not exist after Rostrum started; the accounts cannot be created.`);
}

/** PostgreSQL: migrated by a first start; the accounts inserted with pg while Rostrum runs, then the load. */
async function measurePostgres(creds, options) {
  await recreateBenchDatabase(options.postgresUrl, SIGN_IN_DATABASE);
  const dataDir = await makeTempDir('rostrum-bench-');
  try {
    const databaseUrl = benchDatabaseUrl(options.postgresUrl, SIGN_IN_DATABASE);
    const { server, port } = await startRostrum({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir }, options);
    try {
      const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
      await client.connect();
      try {
        checkMission((await client.query(MISSION_EXISTS, [MISSION])).rows[0].n);
        await client.query(INSERT_ACCOUNTS, [MISSION, creds.hash, ACCOUNTS]);
      } finally {
        await client.end();
      }
      return await measureSignIns(server, port, creds.password, options);
    } finally {
      await server.stop();
    }
  } finally {
    await removeTempDir(dataDir);
    await dropBenchDatabase(options.postgresUrl, SIGN_IN_DATABASE).catch(() => undefined);
  }
}

/**
 * PGlite: the embedded database belongs to one process at a time, so Rostrum starts once to create and migrate
 * it and stops; the accounts are inserted into DATA_DIR/db from here; Rostrum starts again for the load.
 */
async function measurePGlite(creds, options) {
  const dataDir = await makeTempDir('rostrum-bench-');
  try {
    const first = await startRostrum({ DATA_DIR: dataDir }, options);
    await first.server.stop();
    const { code } = await first.server.exited;
    if (code !== 0) throw new Error(`Rostrum exited with code ${code} after SIGTERM:\n${first.server.output()}`);

    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create({ dataDir: path.join(dataDir, 'db') });
    try {
      checkMission((await db.query(MISSION_EXISTS, [MISSION])).rows[0].n);
      await db.query(INSERT_ACCOUNTS, [MISSION, creds.hash, ACCOUNTS]);
    } finally {
      await db.close();
    }

    const { server, port } = await startRostrum({ DATA_DIR: dataDir }, options);
    try {
      return await measureSignIns(server, port, creds.password, options);
    } finally {
      await server.stop();
    }
  } finally {
    await removeTempDir(dataDir);
  }
}

/**
 * Rostrum on PostgreSQL, the bare argon2 verification, then Rostrum on PGlite: the baseline sits between the two,
 * so that a drift of the machine's speed over the run affects both ratios alike.
 */
export async function measureSignIn(options, log = (line) => console.error(line)) {
  const postgresVersion = options.postgresUrl ? await serverVersion(options.postgresUrl) : undefined;
  if (options.postgresUrl && !postgresVersion)
    log(`PostgreSQL is not reachable at ${new URL(options.postgresUrl).host}; its sign-in row is skipped.`);
  const creds = await credentials();
  let postgres;
  if (postgresVersion) {
    log('Sign-in: Rostrum on PostgreSQL...');
    postgres = await measurePostgres(creds, options);
  }
  log(`Sign-in: argon2id verify alone, ${options.connections} at a time...`);
  const argon2 = await measureArgon2(creds, options);
  log('Sign-in: Rostrum on PGlite...');
  const pglite = await measurePGlite(creds, options);
  return { argon2, postgres, pglite, hash: { algorithm: creds.algorithm, params: creds.params }, pool: threadPool(), options };
}

/** The Markdown section: the argon2 baseline, then Rostrum's sign-ins on each engine with their ratio to it. */
export function signInSection({ argon2, postgres, pglite, hash, pool, options }) {
  const row = (what, r, ratio) => [
    what,
    formatOneDecimal(r.perSecond),
    formatWhole(r.p50),
    formatWhole(r.p99),
    formatWhole(r.total),
    ratio ?? formatRatio(r.perSecond / argon2.perSecond),
  ];
  const rows = [row(`argon2id \`verify\` alone, ${options.connections} at a time`, argon2, 'baseline')];
  if (postgres) rows.push(row('Rostrum sign-in, PostgreSQL', postgres));
  rows.push(row('Rostrum sign-in, PGlite (one connection)', pglite));
  const table = markdownTable(
    ['Measured', 'Per second (average)', 'Latency p50, ms', 'Latency p99, ms', 'Completed', 'Sign-ins ÷ verifies'],
    rows,
  );
  return (
    `### Sign-in

\`POST /sign-in\` with an e-mail address, the password and a CSRF token, spread over ${ACCOUNTS} delegate accounts (no second factor), by ` +
    `autocannon with ${options.connections} connections; ${options.duration} s per row after ${formatOneDecimal(options.warmup)} s of ` +
    `unrecorded warm-up, on 127.0.0.1, one server at a time, \`DEMO=false\`. Every answer was the success redirect (303 to \`/\`); the ` +
    `benchmark fails otherwise. The baseline is the password check alone: \`@node-rs/argon2\` \`verify\` of a hash made by Rostrum's own ` +
    `\`hashPassword\` (${hash.algorithm}, ${hash.params}), ${options.connections} in flight at a time, in one Node process, for the same ` +
    `${options.duration} s. It runs on libuv's thread pool (${pool.note}) and bounds any sign-in rate on this machine.

${table}

- One verification alone, nothing else running: ${formatWhole(argon2.singleMs)} ms (median of ${SINGLE_VERIFIES}).`
  );
}

// Run alone: build, measure, print the section.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = readOptions();
  build();
  console.log(signInSection(await measureSignIn(options)));
}
