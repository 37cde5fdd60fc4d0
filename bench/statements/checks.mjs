// Checks per second: what checking one upload costs, set against the least any reader of the same file must do.
// - Statement (.docx): the baseline unzips word/document.xml with fflate and parses it with saxes, no checks at all;
//   then Rostrum's inspectStatement on this thread, and inspectInWorker (the pool the upload route uses: real worker
//   threads in the compiled build) with 1 and then 2 checks in flight.
// - Cover letter (PDF): the baseline is the file's SHA-256, which storing it costs anyway (blobs are named by hash);
//   then inspectCoverLetter on this thread and through the pool.
// Every row is warmed up (unrecorded), then the rows take turns for a few rounds, so that a slow spell of the machine
// falls on all of them; a row's process CPU (process.cpuUsage(): every thread, the pool's workers included) divided by
// the checks it did is the CPU one check costs.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { percentile } from '../lib/stats.mjs';

const dist = (file) => new URL(`../../dist/src/${file}`, import.meta.url).href;
export const MAX_BYTES = 10 * 1024 * 1024;

/** The least a reader of a .docx must do to see its text: unzip the main part and parse its XML. */
export function bareRead(bytes) {
  const files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' });
  const xml = files['word/document.xml'];
  if (!xml) throw new Error('The statement has no word/document.xml.');
  let characters = 0;
  const parser = new SaxesParser();
  parser.on('text', (text) => (characters += text.length));
  parser.write(strFromU8(xml)).close();
  return characters;
}

const cpuMs = (usage) => (usage.user + usage.system) / 1000;

/** What a row has measured so far: every check's time, the time measured and the CPU spent. */
function tally() {
  return { times: [], elapsedMs: 0, cpuMs: 0 };
}

/** Calls `check` on this thread for `seconds`, adding to `into` when given (unrecorded otherwise). */
function runSync(check, seconds, into) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  for (let now = start; now < end;) {
    check();
    const after = performance.now();
    into?.times.push(after - now);
    now = after;
  }
  if (into) {
    into.elapsedMs += performance.now() - start;
    into.cpuMs += cpuMs(process.cpuUsage(cpu));
  }
}

/**
 * `concurrency` asynchronous checks in flight at all times for `seconds`, adding to `into` when given. The calls still
 * running at the end finish before this returns, uncounted, so that none spills into the next row; their CPU is
 * counted (at most `concurrency` checks' worth, a small fraction).
 */
async function runAsync(check, concurrency, seconds, into) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const startedAt = performance.now();
      await check();
      const doneAt = performance.now();
      if (doneAt <= end) into?.times.push(doneAt - startedAt);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  if (into) {
    into.elapsedMs += Math.min(performance.now(), end) - start;
    into.cpuMs += cpuMs(process.cpuUsage(cpu));
  }
}

function summary({ times, elapsedMs, cpuMs: cpu }) {
  return {
    checks: times.length,
    perSecond: times.length / (elapsedMs / 1000),
    medianMs: percentile(times, 50),
    p99Ms: percentile(times, 99),
    cpuPerCheckMs: cpu / times.length,
  };
}

function accepted(result, what) {
  if (result.outcome === 'reject') throw new Error(`${what} was refused: ${result.error?.code} ${result.error?.detail ?? ''}`);
  return result;
}

/**
 * The rows of the checks table, for one statement and one cover letter (`files`), `signatories` being the names the
 * cover letter is checked against.
 */
export async function measureChecks(files, { seconds, warmup, rounds, signatories, log }) {
  const { inspectStatement, inspectCoverLetter } = await import(dist('modules/uploads/inspect.js'));
  const { inspectInWorker, closeInspectionPool } = await import(dist('modules/uploads/pool.js'));
  // inspectInWorker runs on worker threads only from the build, where worker.js sits beside pool.js.
  if (!existsSync(fileURLToPath(dist('modules/uploads/worker.js'))))
    throw new Error('dist/src/modules/uploads/worker.js is missing: the pool would check on the calling thread.');

  const statementOptions = { maxBytes: MAX_BYTES, wordGuidance: 500 };
  const coverOptions = { maxBytes: MAX_BYTES, signatories };
  const statementResult = accepted(inspectStatement(files.statement, statementOptions), 'The statement');
  accepted(inspectCoverLetter(files.cover, coverOptions), 'The cover letter');

  const plans = [
    {
      id: 'docx-baseline',
      label: 'baseline: `unzipSync` (word/document.xml) + saxes parse, no checks',
      sync: () => bareRead(files.statement),
    },
    { id: 'docx-inline', label: '`inspectStatement`, calling thread', sync: () => inspectStatement(files.statement, statementOptions) },
    ...[1, 2].map((concurrency) => ({
      id: `docx-pool-${concurrency}`,
      label: `\`inspectInWorker\` (worker pool), ${concurrency} at a time`,
      concurrency,
      async: async () => accepted(await inspectInWorker('statement', files.statement, statementOptions), 'The statement'),
    })),
    { id: 'pdf-baseline', label: 'baseline: SHA-256 of the bytes', sync: () => createHash('sha256').update(files.cover).digest('hex') },
    { id: 'pdf-inline', label: '`inspectCoverLetter`, calling thread', sync: () => inspectCoverLetter(files.cover, coverOptions) },
    {
      id: 'pdf-pool-2',
      label: '`inspectInWorker` (worker pool), 2 at a time',
      concurrency: 2,
      async: async () => accepted(await inspectInWorker('cover-letter', files.cover, coverOptions), 'The cover letter'),
    },
  ];
  const run = (plan, seconds, into) =>
    plan.sync ? runSync(plan.sync, seconds, into) : runAsync(plan.async, plan.concurrency, seconds, into);
  const tallies = new Map(plans.map((plan) => [plan.id, tally()]));
  try {
    log('Statements: checks per second, warming up every row...');
    for (const plan of plans) await run(plan, warmup);
    // The rows take turns, a slice each per round, so that a slow spell of the machine spreads over all of them.
    for (let round = 1; round <= rounds; round++) {
      log(`Statements: checks per second, round ${round} of ${rounds}...`);
      for (const plan of plans) await run(plan, seconds / rounds, tallies.get(plan.id));
    }
  } finally {
    await closeInspectionPool();
  }
  const rows = plans.map((plan) => ({ id: plan.id, label: plan.label, ...summary(tallies.get(plan.id)) }));
  return {
    rows,
    statement: {
      bytes: files.statement.length,
      words: statementResult.words,
      footnoteWords: statementResult.footnoteWords,
      blocks: statementResult.content?.blocks.length,
    },
    cover: { bytes: files.cover.length },
    seconds,
    warmup,
    rounds,
  };
}
