// Command-line options shared by bench/run.mjs, bench/cold-start.mjs, bench/debate-page.mjs, bench/sign-in.mjs,
// bench/letter.mjs, bench/statements.mjs, bench/flood.mjs, bench/compilation.mjs and bench/ready.mjs, and the build.
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { root } from './children.mjs';

/** The parts of bench/run.mjs, named after their scripts, for --only. */
export const PARTS = ['cold-start', 'debate-page', 'sign-in', 'letter', 'statements', 'flood', 'compilation', 'ready'];

export const usage = `Usage: npm run bench -- [options]
       (or node bench/run.mjs, bench/cold-start.mjs, bench/debate-page.mjs, bench/sign-in.mjs, bench/letter.mjs,
        bench/statements.mjs, bench/flood.mjs, bench/compilation.mjs, bench/ready.mjs)

  --runs N           Start-up measurements, and clicks of each document in bench/ready.mjs, repeated N times;
                     median and range reported (default 3)
  --duration S       Seconds of load per throughput or sign-in measurement (default 10)
  --warmup S         Seconds of unrecorded load before each throughput or sign-in measurement (default 2)
  --connections N    Concurrent connections for the throughput and sign-in measurements, and concurrent
                     argon2 verifications for the sign-in baseline (default 50)
  --warm-requests N  Requests sent after the first page before memory is read again (default 500)
  --postgres-url URL Server to create the throw-away databases rostrum_bench, rostrum_bench_signin,
                     rostrum_bench_statements, rostrum_bench_flood and rostrum_bench_ready on
                     (default $BENCH_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres)
  --no-postgres      Skip the PostgreSQL measurements
  --only PART        Run only this part: ${PARTS.join(', ')}; repeat to run several (run.mjs only;
                     not with --write, which replaces every result)
  --write            Replace the "## Latest results" section of docs/PERFORMANCE.md (run.mjs only)
  --help             Show this text`;

function refuse(message) {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function positiveInteger(name, raw) {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) refuse(`--${name} takes a whole number of at least 1 (got "${raw}").`);
  return n;
}

function nonNegativeNumber(name, raw) {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) refuse(`--${name} takes a number of seconds, 0 or more (got "${raw}").`);
  return n;
}

export function readOptions(argv = process.argv.slice(2)) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        runs: { type: 'string', default: '3' },
        duration: { type: 'string', default: '10' },
        warmup: { type: 'string', default: '2' },
        connections: { type: 'string', default: '50' },
        'warm-requests': { type: 'string', default: '500' },
        'postgres-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
        'no-postgres': { type: 'boolean', default: false },
        only: { type: 'string', multiple: true },
        write: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    refuse(err.message);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const unknown = (values.only ?? []).filter((part) => !PARTS.includes(part));
  if (unknown.length > 0) refuse(`--only takes one of ${PARTS.join(', ')} (got "${unknown.join('", "')}").`);
  // The results section is written whole: a partial run would drop the other parts' results from docs/PERFORMANCE.md.
  if (values.only && values.write) refuse('--only cannot be combined with --write: --write replaces every result.');
  return {
    runs: positiveInteger('runs', values.runs),
    duration: positiveInteger('duration', values.duration),
    warmup: nonNegativeNumber('warmup', values.warmup),
    connections: positiveInteger('connections', values.connections),
    warmRequests: positiveInteger('warm-requests', values['warm-requests']),
    postgresUrl: values['no-postgres'] ? undefined : values['postgres-url'],
    only: values.only,
    write: values.write,
  };
}

/** Compiles Rostrum (`npm run build`): the benchmarks run the build, as `rostrum serve` does. Incremental, so cheap when up to date. */
export function build() {
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm run build failed; nothing was measured.');
    process.exit(1);
  }
}
