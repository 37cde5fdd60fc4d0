// Throughput: requests per second for the debate page and the home page, Rostrum against a bare Fastify
// handler serving the same bytes, measured in the same run on the same machine. Absolute figures on a shared
// 2-core machine move from run to run; the ratio Rostrum/bare is the figure to compare between runs.
// One server at a time, so the servers never compete for the cores (autocannon itself takes a good part of one).
// Run alone with `node bench/debate-page.mjs [--duration S] [--connections N]`, or through bench/run.mjs.
import { Buffer } from 'node:buffer';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { makeTempDir, removeTempDir, rostrumEnv, spawnNode, spawnRostrum } from './lib/children.mjs';
import { DEBATE_PATH, HOME_PATH, freePort, get, load, waitForOk } from './lib/http.mjs';
import { build, readOptions } from './lib/options.mjs';
import { benchDatabaseUrl, dropBenchDatabase, recreateBenchDatabase, serverVersion } from './lib/postgres.mjs';
import { formatOneDecimal, formatRatio, formatWhole, markdownTable } from './lib/stats.mjs';

const PATHS = [DEBATE_PATH, HOME_PATH];

/** Servers live long enough for their measurements, and not much longer. */
const lifetimeMs = (options) => (60 + PATHS.length * 2 * (options.warmup + options.duration)) * 1000;

/** Load on each path: first `warmup` seconds unrecorded (JIT, caches, pool), then `duration` seconds measured. */
async function measurePaths(server, port, options, log) {
  const results = {};
  for (const p of PATHS) {
    log(`  ${p}`);
    if (options.warmup > 0) await load(port, p, { connections: options.connections, duration: options.warmup });
    const result = await load(port, p, { connections: options.connections, duration: options.duration });
    if (result.failures > 0) throw new Error(`${result.failures} of ${result.total} requests for ${p} failed:\n${server.output()}`);
    results[p] = result;
  }
  return results;
}

/**
 * Rostrum on a fresh database: waits for the first page, keeps the pages' HTML (for the bare server), measures.
 * The server is stopped, whatever happens.
 */
async function measureRostrum(env, options, log) {
  const port = await freePort();
  const server = spawnRostrum(await rostrumEnv({ ...env, PORT: String(port) }), lifetimeMs(options));
  try {
    await waitForOk(server, port, DEBATE_PATH);
    const pages = {};
    for (const p of PATHS) pages[p] = (await get(port, p)).body;
    const results = await measurePaths(server, port, options, log);
    await server.stop();
    return { pages, results };
  } finally {
    await server.stop();
  }
}

async function measureRostrumPGlite(options, log) {
  const dataDir = await makeTempDir('rostrum-bench-');
  try {
    return await measureRostrum({ DATA_DIR: dataDir }, options, log);
  } finally {
    await removeTempDir(dataDir);
  }
}

async function measureRostrumPostgres(options, log) {
  await recreateBenchDatabase(options.postgresUrl);
  const dataDir = await makeTempDir('rostrum-bench-');
  try {
    return await measureRostrum({ DATABASE_URL: benchDatabaseUrl(options.postgresUrl), DATA_DIR: dataDir }, options, log);
  } finally {
    await removeTempDir(dataDir);
    await dropBenchDatabase(options.postgresUrl).catch(() => undefined);
  }
}

/** The bare Fastify server, answering each path with the HTML Rostrum served for it. */
async function measureBare(pages, options, log) {
  const dir = await makeTempDir('rostrum-bench-bare-');
  const port = await freePort();
  let server;
  try {
    const pagesFile = path.join(dir, 'pages.json');
    await writeFile(pagesFile, JSON.stringify(pages));
    server = spawnNode(['bench/bare-server.mjs'], {
      env: { ...process.env, PORT: String(port), BENCH_PAGES: pagesFile },
      maxLifetimeMs: lifetimeMs(options),
      tempDir: dir,
    });
    await waitForOk(server, port, DEBATE_PATH);
    return await measurePaths(server, port, options, log);
  } finally {
    await server?.stop();
    await removeTempDir(dir);
  }
}

/**
 * Rostrum on PGlite first (its pages are what the bare server then serves), the bare server, then Rostrum on
 * PostgreSQL. The bare server sits between the two so that a drift of the machine's speed over the run
 * affects the two ratios alike.
 */
export async function measureThroughput(options, log = (line) => console.error(line)) {
  const postgresVersion = options.postgresUrl ? await serverVersion(options.postgresUrl) : undefined;
  if (options.postgresUrl && !postgresVersion)
    log(`PostgreSQL is not reachable at ${new URL(options.postgresUrl).host}; its rows are skipped.`);
  log('Throughput: Rostrum on PGlite...');
  const pglite = await measureRostrumPGlite(options, log);
  log('Throughput: bare Fastify...');
  const bare = await measureBare(pglite.pages, options, log);
  let postgres;
  if (postgresVersion) {
    log('Throughput: Rostrum on PostgreSQL...');
    postgres = await measureRostrumPostgres(options, log);
  }
  const pageBytes = Object.fromEntries(PATHS.map((p) => [p, Buffer.byteLength(pglite.pages[p])]));
  return { bare, pglite: pglite.results, postgres: postgres?.results, pageBytes, options };
}

/** The Markdown table: for each path, the bare server, then Rostrum on each engine with its ratio to bare. */
export function throughputSection({ bare, pglite, postgres, pageBytes, options }) {
  const rows = [];
  for (const p of PATHS) {
    const name = p === HOME_PATH ? `\`${p}\` (home)` : `\`${p}\``;
    const row = (server, r, ratio) => [
      name,
      server,
      formatWhole(r.requestsPerSecond),
      formatWhole(r.p50),
      formatWhole(r.p99),
      ratio ?? formatRatio(r.requestsPerSecond / bare[p].requestsPerSecond),
    ];
    rows.push(row(`bare Fastify (same ${formatWhole(pageBytes[p])} bytes)`, bare[p], 'baseline'));
    rows.push(row('Rostrum, PGlite', pglite[p]));
    if (postgres) rows.push(row('Rostrum, PostgreSQL', postgres[p]));
  }
  const table = markdownTable(['Path', 'Server', 'Requests/s (average)', 'Latency p50, ms', 'Latency p99, ms', 'Rostrum/bare'], rows);
  return (
    `### Requests per second

autocannon, ${options.connections} connections, ${options.duration} s per row after ${formatOneDecimal(options.warmup)} s of unrecorded ` +
    `warm-up, on 127.0.0.1; one server at a time. Every response was a 2xx (the benchmark fails otherwise).

${table}`
  );
}

// Run alone: build, measure, print the section.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = readOptions();
  build();
  console.log(throughputSection(await measureThroughput(options)));
}
