// Start-up: how long from `node bin/rostrum.js serve` to the first debate page, and how much memory the
// process holds then and after some traffic. Four cases, each repeated --runs times:
//   PGlite cold      a new, empty DATA_DIR: the embedded database is created, migrated and the demo loaded;
//   PGlite warm      the same DATA_DIR again: an existing embedded database is reopened;
//   PostgreSQL cold  an empty database on the server: migrations and demo;
//   PostgreSQL warm  the same database again.
// Also timed: compiling from scratch (no previous build), which a fresh clone pays once before its first start.
// Run alone with `node bench/cold-start.mjs [--runs N]`, or through bench/run.mjs.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { SERVING, makeTempDir, removeTempDir, root, rostrumEnv, spawnRostrum } from './lib/children.mjs';
import { DEBATE_PATH, freePort, load, readMemory, waitForOk } from './lib/http.mjs';
import { build, readOptions } from './lib/options.mjs';
import { benchDatabaseUrl, dropBenchDatabase, recreateBenchDatabase, serverVersion } from './lib/postgres.mjs';
import { formatSummary, markdownTable, summarize } from './lib/stats.mjs';

// A start-up that takes longer than this is a failure, not a figure.
const SERVER_LIFETIME_MS = 5 * 60_000;
// The warm load is a fixed number of requests; a few connections, so it exercises concurrency without the
// throughput benchmark's 50.
const WARM_LOAD_CONNECTIONS = 10;

/** One start: spawn, poll for the debate page, read memory, send the warm load, read memory, stop. */
async function startOnce(env, options) {
  const port = await freePort();
  const spawnedAt = performance.now();
  const server = spawnRostrum(await rostrumEnv({ ...env, PORT: String(port) }), SERVER_LIFETIME_MS);
  try {
    const firstPageAt = await waitForOk(server, port, DEBATE_PATH);
    const afterFirstPage = readMemory(server.pid);
    const warm = await load(port, DEBATE_PATH, { connections: WARM_LOAD_CONNECTIONS, amount: options.warmRequests });
    if (warm.failures > 0) throw new Error(`${warm.failures} of ${warm.total} warm-load requests failed:\n${server.output()}`);
    const afterLoad = readMemory(server.pid);
    const stopMs = await server.stop();
    const { code } = await server.exited;
    if (code !== 0) throw new Error(`Rostrum exited with code ${code} after SIGTERM:\n${server.output()}`);
    return {
      firstPageMs: firstPageAt - spawnedAt,
      listeningMs: (server.seenAt(SERVING) ?? Number.NaN) - spawnedAt,
      stopMs,
      afterFirstPage,
      afterLoad,
    };
  } finally {
    await server.stop(); // already stopped unless something above failed
  }
}

/** The embedded database: cold on a new DATA_DIR, then warm on the same one. The folder is always removed. */
async function measurePGlite(options) {
  const dataDir = await makeTempDir('rostrum-bench-');
  try {
    const cold = await startOnce({ DATA_DIR: dataDir }, options);
    const warm = await startOnce({ DATA_DIR: dataDir }, options);
    return { cold, warm };
  } finally {
    await removeTempDir(dataDir);
  }
}

/** Server PostgreSQL: cold on a just-created empty database, then warm on the same one. */
async function measurePostgres(options) {
  await recreateBenchDatabase(options.postgresUrl);
  // DATA_DIR still points at a temporary folder, so that nothing is written in the project's ./data.
  const dataDir = await makeTempDir('rostrum-bench-');
  try {
    const env = { DATABASE_URL: benchDatabaseUrl(options.postgresUrl), DATA_DIR: dataDir };
    const cold = await startOnce(env, options);
    const warm = await startOnce(env, options);
    return { cold, warm };
  } finally {
    await removeTempDir(dataDir);
  }
}

/** Compiles the whole project into a temporary folder with no previous build state, as on a fresh clone. */
async function measureCleanBuild() {
  const outDir = await makeTempDir('rostrum-bench-build-');
  try {
    const startedAt = performance.now();
    const args = ['run', 'build', '--silent', '--', '--outDir', outDir, '--tsBuildInfoFile', `${outDir}/.tsbuildinfo`];
    const code = await new Promise((resolve) => spawn('npm', args, { cwd: root, stdio: 'inherit' }).once('exit', resolve));
    if (code !== 0) throw new Error('Compiling from scratch failed.');
    return performance.now() - startedAt;
  } finally {
    await removeTempDir(outDir);
  }
}

/**
 * All start-up measurements. The cases are interleaved run by run (not all PGlite runs, then all PostgreSQL
 * runs), so that a slow spell on the shared machine spreads over every case instead of hitting one.
 */
export async function measureStartups(options, log = (line) => console.error(line)) {
  const postgresVersion = options.postgresUrl ? await serverVersion(options.postgresUrl) : undefined;
  if (options.postgresUrl && !postgresVersion)
    log(`PostgreSQL is not reachable at ${new URL(options.postgresUrl).host}; its rows are skipped.`);
  const runs = [];
  try {
    for (let i = 1; i <= options.runs; i++) {
      log(`Start-up run ${i} of ${options.runs}: compiling from scratch...`);
      const cleanBuildMs = await measureCleanBuild();
      log(`Start-up run ${i} of ${options.runs}: PGlite...`);
      const pglite = await measurePGlite(options);
      let postgres;
      if (postgresVersion) {
        log(`Start-up run ${i} of ${options.runs}: PostgreSQL...`);
        postgres = await measurePostgres(options);
      }
      runs.push({ cleanBuildMs, pglite, postgres });
    }
  } finally {
    if (postgresVersion) await dropBenchDatabase(options.postgresUrl).catch(() => undefined);
  }
  return { runs, postgresVersion, warmRequests: options.warmRequests };
}

const cases = [
  { engine: 'pglite', phase: 'cold', label: 'PGlite, cold (new DATA_DIR: create, migrate, load demo)' },
  { engine: 'pglite', phase: 'warm', label: 'PGlite, warm (same DATA_DIR reopened)' },
  { engine: 'postgres', phase: 'cold', label: 'PostgreSQL, cold (empty database: migrate, load demo)' },
  { engine: 'postgres', phase: 'warm', label: 'PostgreSQL, warm (same database)' },
];

/** The Markdown tables for the start-up measurements. */
export function startupSection({ runs, warmRequests }) {
  const present = cases.filter((c) => runs.some((r) => r[c.engine]));
  const values = (c, pick) => runs.filter((r) => r[c.engine]).map((r) => pick(r[c.engine][c.phase]));

  const times = markdownTable(
    ['Start', 'First debate page, ms', 'Listening, ms', 'Stop (SIGTERM), ms'],
    present.map((c) => [
      c.label,
      formatSummary(values(c, (m) => m.firstPageMs)),
      formatSummary(values(c, (m) => m.listeningMs)),
      formatSummary(values(c, (m) => m.stopMs)),
    ]),
  );
  const memory = markdownTable(
    ['Start', 'VmRSS at first page', 'VmHWM at first page', `VmRSS after ${warmRequests} requests`, `VmHWM after ${warmRequests} requests`],
    present.map((c) => [
      c.label,
      formatSummary(values(c, (m) => m.afterFirstPage.rss)),
      formatSummary(values(c, (m) => m.afterFirstPage.peak)),
      formatSummary(values(c, (m) => m.afterLoad.rss)),
      formatSummary(values(c, (m) => m.afterLoad.peak)),
    ]),
  );
  // A fresh clone (after `npm ci`) runs `npm start`: compile from scratch, then a cold start on PGlite.
  const freshClone = runs.map((r) => r.cleanBuildMs + r.pglite.cold.firstPageMs);
  const slowest = summarize(freshClone)?.max;
  const verdict = slowest !== undefined && slowest <= 20_000 ? 'every run within' : 'NOT within';

  return (
    `### Start to first page

Milliseconds from spawning \`node bin/rostrum.js serve\` to the first 200 for \`${DEBATE_PATH}\` (polled every 20 ms), and to the ` +
    `"${SERVING}" line. Median over ${runs.length} run${runs.length === 1 ? '' : 's'}, range in brackets.

${times}

- Compiling from scratch (\`npm run build\` with no previous build): ${formatSummary(runs.map((r) => r.cleanBuildMs))} ms.
- Fresh clone to first page (compile from scratch + PGlite cold start; \`npm ci\` not counted): **${formatSummary(freshClone)} ms**, ` +
    `${verdict} the 20 s goal.

### Memory of the Rostrum process

Resident memory in MiB from \`/proc/<pid>/status\`: VmRSS (now) and VmHWM (peak so far), at the first page and after ${warmRequests} more ` +
    `requests for the debate page (${WARM_LOAD_CONNECTIONS} connections). PGlite runs inside the Rostrum process, so its figures include ` +
    `the database; with PostgreSQL, the server's own memory is not counted.

${memory}`
  );
}

// Run alone: build, measure, print the section.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = readOptions();
  build();
  console.log(startupSection(await measureStartups(options)));
}
