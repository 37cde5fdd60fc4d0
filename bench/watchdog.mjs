// Preloaded (`node --import bench/watchdog.mjs ...`) into every server the benchmark starts, so that no server
// outlives the benchmark even if the benchmark itself is killed with SIGKILL and cannot clean up:
// - when the IPC channel to the benchmark closes (the benchmark has gone), the server is asked to stop;
// - after BENCH_MAX_LIFETIME_MS, it is asked to stop whatever happens.
// "Asked" means SIGTERM to itself, so Rostrum closes its database cleanly; a hard exit follows if it does not.
// A benchmark that is gone cannot remove its temporary folder either: BENCH_ORPHAN_CLEANUP names the folder the
// process removes as it exits in that case.
// Nothing here keeps the process alive (unref), so a normal stop is unaffected.
import { rmSync } from 'node:fs';
import process from 'node:process';
import { setTimeout } from 'node:timers';

function stopSelf(reason) {
  process.stderr.write(`[bench watchdog] ${reason}; stopping.\n`);
  const leftover = process.env.BENCH_ORPHAN_CLEANUP;
  if (leftover) process.once('exit', () => rmSync(leftover, { recursive: true, force: true }));
  setTimeout(() => process.exit(1), 10_000).unref();
  process.kill(process.pid, 'SIGTERM');
}

if (process.channel) {
  process.once('disconnect', () => stopSelf('the benchmark has gone'));
  process.channel.unref();
}

const maxLifetimeMs = Number(process.env.BENCH_MAX_LIFETIME_MS);
if (Number.isFinite(maxLifetimeMs) && maxLifetimeMs > 0) {
  setTimeout(() => stopSelf(`still running after ${maxLifetimeMs} ms`), maxLifetimeMs).unref();
}
