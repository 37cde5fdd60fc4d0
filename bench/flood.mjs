// Deadline day under attack: a flood of anonymous sign-ins while people signed in keep working, and a volley of
// large anonymous uploads. On each engine (PostgreSQL when reachable, then PGlite), against `node bin/rostrum.js
// serve` with the demo debate and its default settings, except TRUST_PROXY=127.0.0.1: the benchmark stands for the
// reverse proxy, so every visitor can come from an address of its own (X-Forwarded-For), as they do on the internet.
//   1. Baseline: 20 signed-in delegates, each from its own address, load pages one after the other (the debate page,
//      their statement page, their account page, in turn) for a few seconds; latency of every page.
//   2. The flood: 300 sign-ins with random e-mail addresses and passwords, all sent at once, each from its own
//      address, while the same 20 delegates go on loading pages until every sign-in is answered. Reported: the
//      answers by status (5xx counted, 500 apart), how long the flood took, and the delegates' p99 during it, set
//      against the baseline's (the ratio is the figure to compare between runs).
//   3. Uploads: 30 anonymous 10 MB multipart uploads at once to the statement form, each from its own address,
//      streamed whole; the server's resident memory is sampled every 10 ms, and its peak is set against idle.
// Run alone with `node bench/flood.mjs [--no-postgres]`, or through bench/run.mjs (`--only flood`).
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { URLSearchParams, fileURLToPath } from 'node:url';
import pg from 'pg';
import { makeTempDir, removeTempDir, rostrumEnv, spawnRostrum } from './lib/children.mjs';
import { DEBATE_PATH, HOST, freePort, readMemory, send, waitForOk } from './lib/http.mjs';
import { build, readOptions } from './lib/options.mjs';
import { benchDatabaseUrl, dropBenchDatabase, recreateBenchDatabase, serverVersion } from './lib/postgres.mjs';
import { formatOneDecimal, formatRatio, formatWhole, markdownTable, percentile } from './lib/stats.mjs';

export const FLOOD_DATABASE = 'rostrum_bench_flood';
const MEMBERS = 20;
const SIGN_INS = 300;
const UPLOADS = 30;
const UPLOAD_BYTES = 10 * 1024 * 1024;
const BASELINE_SECONDS = 5;
const WARM_UP_SECONDS = 3;
const MISSION = 'BRA';
const SERVER_LIFETIME_MS = 10 * 60_000;
const TARGETS = { fiveHundreds: 0, p99Ms: 1000, uploadMiB: 100 };

/** Pages a signed-in delegate loads in turn. */
const MEMBER_PAGES = [DEBATE_PATH, `${DEBATE_PATH}/statement`, '/account'];

// Delegates of one mission with the statements module, sharing a password (as bench/sign-in.mjs inserts them).
const INSERT_MEMBERS = `
  WITH made AS (
    INSERT INTO identity.accounts (id, email, display_name, role, organisation, password_hash, created_at)
    SELECT gen_random_uuid(), 'bench-flood-' || i || '@example.org', 'Flood benchmark delegate ' || i, 'delegate', $1, $2, now()
    FROM generate_series(1, $3::int) AS i
    RETURNING id
  )
  INSERT INTO identity.module_grants (id, account_id, module, granted_at)
  SELECT gen_random_uuid(), id, 'statements', now() FROM made`;

/** A visitor's own address: 10.x.y.z from a number, as the proxy would say it. */
const addressOf = (n) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

function cookiesOf(headers) {
  return [headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]);
}

async function password() {
  const { hashPassword } = await import(new URL('../dist/src/modules/identity/passwords.js', import.meta.url).href);
  const secret = `bench-${randomBytes(12).toString('hex')}`;
  return { secret, hash: await hashPassword(secret) };
}

/** A visitor's CSRF pair (cookie and field) from the sign-in page. */
async function csrfFor(port, address) {
  const page = await send(port, { path: '/sign-in', headers: { 'x-forwarded-for': address } });
  if (page.status !== 200) throw new Error(`GET /sign-in answered ${page.status}.`);
  const cookie = cookiesOf(page.headers).find((c) => c.startsWith('rostrum_csrf='));
  const token = /name="_csrf" value="([^"]*)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
  if (!cookie || !token) throw new Error('The sign-in page gave no CSRF pair.');
  return { cookie, token };
}

/** Signs one delegate in; returns the cookies of the session. */
async function signIn(port, email, secret, address) {
  const csrf = await csrfFor(port, address);
  const body = new URLSearchParams({ _csrf: csrf.token, email, password: secret }).toString();
  const answer = await send(port, {
    method: 'POST',
    path: '/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie, 'x-forwarded-for': address },
    body,
  });
  if (answer.status !== 303) throw new Error(`Signing ${email} in answered ${answer.status}.`);
  return [csrf.cookie, ...cookiesOf(answer.headers)].join('; ');
}

/** The delegates load their pages in turn until `until()` is true; every answer must be 200. */
async function membersLoad(port, members, until) {
  const latencies = [];
  const statuses = new Map();
  await Promise.all(
    members.map(async (member, i) => {
      for (let n = i; !until(); n++) {
        const startedAt = performance.now();
        const answer = await send(port, {
          path: MEMBER_PAGES[n % MEMBER_PAGES.length],
          headers: { cookie: member.cookie, 'x-forwarded-for': member.address },
        });
        latencies.push(performance.now() - startedAt);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
    }),
  );
  return { latencies, statuses };
}

/** 300 sign-ins at once, each from its own address with its own CSRF pair (fetched first, outside the timing). */
async function flood(port) {
  const pairs = [];
  for (let i = 0; i < SIGN_INS; i++) pairs.push(await csrfFor(port, addressOf(100_000 + i)));
  const statuses = new Map();
  const latencies = [];
  const startedAt = performance.now();
  let answered = 0;
  const done = Promise.all(
    pairs.map(async (csrf, i) => {
      const body = new URLSearchParams({
        _csrf: csrf.token,
        email: `${randomBytes(6).toString('hex')}@flood.example.org`,
        password: randomBytes(9).toString('base64'),
      }).toString();
      const sentAt = performance.now();
      const answer = await send(
        port,
        {
          method: 'POST',
          path: '/sign-in',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie, 'x-forwarded-for': addressOf(100_000 + i) },
          body,
        },
        120_000,
      );
      latencies.push(performance.now() - sentAt);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      answered++;
    }),
  );
  return {
    done: done.then(() => ({ statuses, latencies, elapsedMs: performance.now() - startedAt })),
    finished: () => answered === SIGN_INS,
  };
}

/** One anonymous 10 MB upload streamed whole; resolves with the status (0 when the server closed the connection first). */
function upload(port, address) {
  return new Promise((resolve) => {
    const boundary = `----bench${randomBytes(8).toString('hex')}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="statement"; filename="big.docx"\r\nContent-Type: ` +
        `application/octet-stream\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const request = http.request(
      {
        host: HOST,
        port,
        method: 'POST',
        path: `${DEBATE_PATH}/statement/draft`,
        agent: false,
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + UPLOAD_BYTES + tail.length,
          'x-forwarded-for': address,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', () => resolve(0));
    request.write(head);
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    let sent = 0;
    const pump = () => {
      while (sent < UPLOAD_BYTES) {
        const piece = chunk.subarray(0, Math.min(chunk.length, UPLOAD_BYTES - sent));
        sent += piece.length;
        if (!request.write(piece)) {
          request.once('drain', pump);
          return;
        }
      }
      request.end(tail);
    };
    pump();
  });
}

/** The server's resident memory every 10 ms until stopped: the idle median before `start()`, the peak after. */
function memorySampler(pid) {
  const idle = [];
  let peak = 0;
  let measuring = false;
  const timer = setInterval(() => {
    const { rss } = readMemory(pid);
    if (rss === undefined) return;
    if (measuring) peak = Math.max(peak, rss);
    else idle.push(rss);
  }, 10);
  return {
    start: () => (measuring = true),
    stop() {
      clearInterval(timer);
      return { idleMiB: percentile(idle, 50), peakMiB: peak };
    },
  };
}

async function uploads(port, pid) {
  const sampler = memorySampler(pid);
  await sleep(500);
  sampler.start();
  const startedAt = performance.now();
  const statuses = new Map();
  await Promise.all(
    Array.from({ length: UPLOADS }, async (_, i) => {
      const status = await upload(port, addressOf(200_000 + i));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }),
  );
  const elapsedMs = performance.now() - startedAt;
  await sleep(200);
  return { ...sampler.stop(), statuses, elapsedMs };
}

/** Baseline, flood and uploads against one running server. */
async function measureServer(server, port, creds, log) {
  log('Flood: signing the delegates in...');
  const members = [];
  for (let i = 0; i < MEMBERS; i++) {
    const address = addressOf(i + 1);
    members.push({ address, cookie: await signIn(port, `bench-flood-${i + 1}@example.org`, creds.secret, address) });
  }
  for (const m of members) {
    const page = await send(port, { path: MEMBER_PAGES[1], headers: { cookie: m.cookie, 'x-forwarded-for': m.address } });
    if (page.status !== 200) throw new Error(`A delegate's statement page answered ${page.status}.`);
  }
  // Unrecorded: the pages' code compiled and the connections opened, as on a server that has been up a while.
  const warmEnd = performance.now() + WARM_UP_SECONDS * 1000;
  await membersLoad(port, members, () => performance.now() >= warmEnd);
  log(`Flood: baseline, ${MEMBERS} delegates loading pages for ${BASELINE_SECONDS} s...`);
  const baselineEnd = performance.now() + BASELINE_SECONDS * 1000;
  const baseline = await membersLoad(port, members, () => performance.now() >= baselineEnd);
  log(`Flood: ${SIGN_INS} anonymous sign-ins at once, the delegates working meanwhile...`);
  const signIns = await flood(port);
  const during = await membersLoad(port, members, signIns.finished);
  const floodResult = await signIns.done;
  if (server.hasExited()) throw new Error(`Rostrum exited during the flood:\n${server.output()}`);
  log(`Flood: ${UPLOADS} anonymous uploads of 10 MB at once...`);
  const volley = await uploads(port, server.pid);
  return { baseline, during, flood: floodResult, uploads: volley };
}

async function startServer(env) {
  const port = await freePort();
  const server = spawnRostrum(
    await rostrumEnv({ ...env, PORT: String(port), TRUST_PROXY: '127.0.0.1', DEMO: 'true', LOG_LEVEL: 'warn' }, { perAddressLimits: true }),
    SERVER_LIFETIME_MS,
  );
  try {
    await waitForOk(server, port, '/sign-in');
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { server, port };
}

async function measurePostgres(creds, options, log) {
  await recreateBenchDatabase(options.postgresUrl, FLOOD_DATABASE);
  const dataDir = await makeTempDir('rostrum-bench-');
  try {
    const url = benchDatabaseUrl(options.postgresUrl, FLOOD_DATABASE);
    const { server, port } = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir });
    try {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(INSERT_MEMBERS, [MISSION, creds.hash, MEMBERS]);
      } finally {
        await client.end();
      }
      return await measureServer(server, port, creds, log);
    } finally {
      await server.stop();
    }
  } finally {
    await removeTempDir(dataDir);
    await dropBenchDatabase(options.postgresUrl, FLOOD_DATABASE).catch(() => undefined);
  }
}

async function measurePGlite(creds, log) {
  const dataDir = await makeTempDir('rostrum-bench-');
  try {
    const first = await startServer({ DATA_DIR: dataDir });
    await first.server.stop();
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create({ dataDir: path.join(dataDir, 'db') });
    try {
      await db.query(INSERT_MEMBERS, [MISSION, creds.hash, MEMBERS]);
    } finally {
      await db.close();
    }
    const { server, port } = await startServer({ DATA_DIR: dataDir });
    try {
      return await measureServer(server, port, creds, log);
    } finally {
      await server.stop();
    }
  } finally {
    await removeTempDir(dataDir);
  }
}

export async function measureFlood(options, log = (line) => console.error(line)) {
  const creds = await password();
  const postgresVersion = options.postgresUrl ? await serverVersion(options.postgresUrl) : undefined;
  const results = [];
  if (postgresVersion) {
    log('Flood: on PostgreSQL...');
    results.push({ engine: 'PostgreSQL', ...(await measurePostgres(creds, options, log)) });
  } else if (options.postgresUrl) log('PostgreSQL is not reachable; the flood is measured on PGlite only.');
  log('Flood: on PGlite...');
  results.push({ engine: 'PGlite', ...(await measurePGlite(creds, log)) });
  return { results, ok: results.every(isSound) };
}

const count = (statuses, test) => [...statuses].filter(([s]) => test(s)).reduce((n, [, c]) => n + c, 0);
const statusList = (statuses) =>
  [...statuses]
    .sort((a, b) => a[0] - b[0])
    .map(([s, c]) => `${s === 0 ? 'connection closed' : s} × ${formatWhole(c)}`)
    .join(', ');

function isSound(r) {
  return count(r.during.statuses, (s) => s !== 200) === 0 && count(r.baseline.statuses, (s) => s !== 200) === 0;
}

export function floodSection({ results }) {
  const rows = results.map((r) => {
    const baseP99 = percentile(r.baseline.latencies, 99);
    const floodP99 = percentile(r.during.latencies, 99);
    return [
      r.engine,
      formatWhole(count(r.flood.statuses, (s) => s >= 500)),
      formatWhole(count(r.flood.statuses, (s) => s === 500)),
      statusList(r.flood.statuses),
      formatOneDecimal(r.flood.elapsedMs / 1000),
      formatWhole(percentile(r.during.latencies, 50)),
      formatWhole(floodP99),
      `${formatWhole(baseP99)} (${formatRatio(baseP99 / floodP99)})`,
      formatWhole(r.during.latencies.length),
    ];
  });
  const uploadRows = results.map((r) => [
    r.engine,
    statusList(r.uploads.statuses),
    formatOneDecimal(r.uploads.elapsedMs / 1000),
    formatOneDecimal(r.uploads.idleMiB),
    formatOneDecimal(r.uploads.peakMiB),
    formatOneDecimal(r.uploads.peakMiB - r.uploads.idleMiB),
  ]);
  const met = (r) =>
    count(r.flood.statuses, (s) => s >= 500) === TARGETS.fiveHundreds &&
    percentile(r.during.latencies, 99) < TARGETS.p99Ms &&
    r.uploads.peakMiB - r.uploads.idleMiB < TARGETS.uploadMiB;
  return (
    `### Flood

\`node bin/rostrum.js serve\` with the demo debate and default settings but \`TRUST_PROXY=127.0.0.1\`: the benchmark stands for the ` +
    `reverse proxy, so each visitor has an address of its own (\`X-Forwarded-For\`), as on the internet. ${MEMBERS} delegates of one ` +
    `mission, signed in beforehand, each from its own address, load the debate page, their statement page and their account page in turn, ` +
    `one request after the other; after ${WARM_UP_SECONDS} s unrecorded, first for ${BASELINE_SECONDS} s alone (the baseline), then while ` +
    `${SIGN_INS} sign-ins with random e-mail addresses and passwords are sent at once, each from its own address with its own CSRF pair, ` +
    `until every one is answered. Everything runs on the same 2 cores (Rostrum, the database, the benchmark).

${markdownTable(
  [
    'Engine',
    'Flood 5xx',
    'of which 500',
    'Flood answers',
    'Flood lasted, s',
    'Delegates p50 during, ms',
    'Delegates p99 during, ms',
    'Baseline p99, ms (÷ during)',
    'Delegates’ pages',
  ],
  rows,
)}

Then ${UPLOADS} anonymous uploads of 10 MB each to the statement form, sent at once and streamed whole, each from its own address; the ` +
    `server's resident memory sampled every 10 ms (idle: the median over half a second before).

${markdownTable(['Engine', 'Upload answers', 'Lasted, s', 'Idle RSS, MiB', 'Peak RSS, MiB', 'Peak above idle, MiB'], uploadRows)}

- Targets (no 5xx in the flood, the delegates' p99 under ${formatWhole(TARGETS.p99Ms)} ms during it, less than ${TARGETS.uploadMiB} MB ` +
    `above idle during the uploads): ${results.map((r) => `${r.engine} **${met(r) ? 'met' : 'not met'}**`).join(', ')}.
- Every page the delegates loaded, before and during the flood, answered 200: ${results.every(isSound) ? 'yes' : '**no**'}.`
  );
}

// Run alone: build, measure, print the section.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = readOptions();
  build();
  const result = await measureFlood(options);
  console.log(floodSection(result));
  if (!result.ok) process.exitCode = 1;
}
