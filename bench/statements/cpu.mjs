// Where the CPU goes during a surge, read from /proc (Linux): the Rostrum process (every thread: the event loop,
// argon2 on libuv's pool, the inspection workers), the PostgreSQL server's processes, this benchmark (the virtual
// delegates) and the whole machine, which also runs other work. And what PostgreSQL's sessions are doing
// (pg_stat_activity sampled), which shows waits on locks, on the disk, or on Rostrum itself.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** utime + stime (+ the children it has reaped, cutime + cstime) of a process, in ms; undefined if it has gone. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return ((utime + stime + cutime + cstime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Every PostgreSQL server process (the postmaster, its backends and helpers), whoever started it. */
function postgresCpuMs() {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let comm;
    try {
      comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (comm === 'postgres' || comm === 'postmaster') total += processCpuMs(entry) ?? 0;
  }
  return total;
}

/** Busy and total CPU time of the machine, in ms, from the first line of /proc/stat. */
function machineCpuMs() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: (busy * 1000) / TICKS_PER_SECOND, total: ((busy + idle + iowait) * 1000) / TICKS_PER_SECOND };
}

function snapshot(serverPid) {
  const own = process.cpuUsage();
  return {
    server: processCpuMs(serverPid) ?? 0,
    postgres: postgresCpuMs(),
    client: (own.user + own.system) / 1000,
    machine: machineCpuMs(),
    at: performance.now(),
  };
}

/** Starts counting; `stop()` returns the CPU each part used, in ms and in cores (CPU time ÷ wall time). */
export function cpuMeter(serverPid) {
  const before = snapshot(serverPid);
  return {
    stop() {
      const after = snapshot(serverPid);
      const wallMs = after.at - before.at;
      const used = {
        server: after.server - before.server,
        postgres: after.postgres - before.postgres,
        client: after.client - before.client,
        machine: after.machine.busy - before.machine.busy,
      };
      used.rest = Math.max(0, used.machine - used.server - used.postgres - used.client);
      const cores = Object.fromEntries(Object.entries(used).map(([k, v]) => [k, v / wallMs]));
      return { wallMs, ms: used, cores, machineCores: os.cpus().length };
    },
  };
}

/**
 * Samples what the database's sessions are doing every `intervalMs`: active sessions by wait event ("CPU" when
 * running), and sessions idle inside a transaction (waiting for Rostrum's next query). `stop()` gives the average
 * number of sessions in each state.
 */
export async function activitySampler(url, database, intervalMs = 100) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  const counts = new Map();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query(
        `SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ': ' || wait_event, 'running (CPU)')
                     ELSE state END AS what, count(*)::int AS n
           FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state <> 'idle' GROUP BY 1`,
        [database],
      );
      samples++;
      for (const { what, n } of rows) counts.set(what, (counts.get(what) ?? 0) + n);
      await sleep(intervalMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop.catch(() => undefined);
      await client.end();
      const average = [...counts]
        .map(([what, n]) => ({ what, sessions: n / Math.max(1, samples) }))
        .sort((a, b) => b.sessions - a.sessions);
      return { samples, average };
    },
  };
}
