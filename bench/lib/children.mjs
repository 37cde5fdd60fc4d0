// Child processes for the benchmarks: Rostrum (`node bin/rostrum.js serve`) and the bare Fastify server.
// Every child is registered so that it is killed whatever happens to the benchmark: a failed measurement
// (try/finally around each use), Ctrl-C (signal handlers below) or the benchmark dying outright (each child
// loads bench/watchdog.mjs, which stops it when its parent goes away or it outlives its time limit).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const watchdog = fileURLToPath(new URL('../watchdog.mjs', import.meta.url));

const liveChildren = new Set();
const liveTempDirs = new Set();

// Last resort: whatever path the benchmark leaves by, no child survives it and no temporary folder remains.
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
  for (const dir of liveTempDirs) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\nReceived ${signal}; stopping the servers and leaving.`);
    process.exit(130); // the 'exit' handler above kills the children and removes the folders
  });
}

/** A fresh temporary folder, removed by `removeTempDir` or, at the latest, when the benchmark exits. */
export async function makeTempDir(prefix) {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  liveTempDirs.add(dir);
  return dir;
}

export async function removeTempDir(dir) {
  await rm(dir, { recursive: true, force: true });
  liveTempDirs.delete(dir);
}

/**
 * Spawns `node --import bench/watchdog.mjs <args>` in the project folder; `tempDir` is the temporary folder
 * the child removes itself should the benchmark vanish (see watchdog.mjs). Output is kept (the last 8 KB) to explain a
 * failure, never printed otherwise: the demo prints its accounts' passwords on first start.
 * Returns the child with `exited` (a promise), `output()`, `seenAt(text)` (when output containing one of the
 * `watch` texts first appeared, as performance.now()) and `stop()`.
 */
export function spawnNode(args, { env, maxLifetimeMs, tempDir, watch = [] }) {
  const child = spawn(process.execPath, ['--import', watchdog, ...args], {
    cwd: root,
    env: { ...env, BENCH_MAX_LIFETIME_MS: String(maxLifetimeMs), ...(tempDir ? { BENCH_ORPHAN_CLEANUP: tempDir } : {}) },
    // The IPC channel is how the watchdog notices that the benchmark has gone.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  liveChildren.add(child);
  let output = '';
  const lineSeen = new Map(watch.map((needle) => [needle, { at: undefined }]));
  const keep = (chunk) => {
    const text = chunk.toString();
    const now = performance.now();
    output = (output + text).slice(-8192);
    for (const [needle, seen] of lineSeen) if (seen.at === undefined && output.includes(needle)) seen.at = now;
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      liveChildren.delete(child);
      resolve({ code, signal });
    });
  });
  let exitStatus;
  exited.then((status) => (exitStatus = status));

  return {
    pid: child.pid,
    exited,
    hasExited: () => exitStatus !== undefined,
    output: () => output,
    seenAt: (needle) => lineSeen.get(needle)?.at,
    /** SIGTERM, then SIGKILL after `graceMs`. Resolves with the ms it took to exit; safe to call twice. */
    async stop(graceMs = 10_000) {
      if (exitStatus) return 0;
      const start = performance.now();
      child.kill('SIGTERM');
      // An unref'd timer: once the child has exited, the pending grace period must not hold the benchmark open.
      const gone = await Promise.race([exited.then(() => true), sleep(graceMs, false, { ref: false })]);
      if (!gone) {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`${args.join(' ')} did not stop within ${graceMs} ms of SIGTERM; killed.\n${output}`);
      }
      return performance.now() - start;
    },
  };
}

/**
 * The environment for one Rostrum process: the benchmark's settings and none of Rostrum's other settings
 * (src/config.ts, read from the build), so that nothing leaks in from the shell of whoever runs the benchmark:
 * a DATABASE_URL there must not turn the embedded-database run into a PostgreSQL one.
 * The load of most benchmarks comes from one address (127.0.0.1) standing for many people, so the per-address
 * limits are raised out of its way, unless `perAddressLimits` keeps them as an installation has them (bench/flood.mjs
 * gives each visitor an address of its own).
 */
export async function rostrumEnv(overrides, { perAddressLimits = false } = {}) {
  const { settings } = await import(new URL('../../dist/src/config.js', import.meta.url).href);
  const env = { ...process.env };
  for (const name of Object.keys(settings)) delete env[name];
  const oneAddress = perAddressLimits ? {} : { RATE_LIMIT_PER_MINUTE: '1000000', SIGN_IN_RATE_PER_MINUTE: '100000' };
  return { ...env, HOST: '127.0.0.1', DEMO: 'true', LOG_LEVEL: 'warn', ...oneAddress, ...overrides };
}

/** What Rostrum prints once it listens. */
export const SERVING = 'Rostrum is serving';

/** `node bin/rostrum.js serve`, exactly as an operator starts it (plus the watchdog preload, < 1 ms). */
export function spawnRostrum(env, maxLifetimeMs) {
  return spawnNode(['bin/rostrum.js', 'serve'], { env, maxLifetimeMs, tempDir: env.DATA_DIR, watch: [SERVING] });
}
