// Written statements: what checking an upload costs, and whether Rostrum holds a deadline surge.
//   (a) Checks per second for a 500-word statement (.docx, made with the `docx` package) and a cover letter (PDF),
//       against the least a reader must do with the same file (bench/statements/checks.mjs).
//   (b) A deadline surge on PostgreSQL: 250 delegations, 50 at a time, each signing in and submitting its statement
//       over HTTP as a browser does (bench/statements/browser.mjs), against `node bin/rostrum.js serve`; then every
//       receipt is checked in the database. The CPU bound (2 cores ÷ the CPU of one password check and of the checks
//       of two files, measured in the same run) says how far the rate is from what the machine allows.
//   (c) The same surge on a second debate, with the server killed (SIGKILL) after about half the receipts and
//       restarted at once; the delegates retry as people would, and the database is checked again.
// The data (debates, entities, accounts, access, signatories) is prepared before Rostrum starts, in a throw-away
// database `rostrum_bench_statements`, with the compiled modules (bench/statements/setup.mjs).
// Run alone with `node bench/statements.mjs [--no-postgres]`, or through bench/run.mjs (`--only statements`).
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { verify } from '@node-rs/argon2';
import { makeTempDir, removeTempDir, rostrumEnv, SERVING, spawnRostrum } from './lib/children.mjs';
import { HOST, freePort, get, waitForOk } from './lib/http.mjs';
import { build, readOptions } from './lib/options.mjs';
import { benchDatabaseUrl, dropBenchDatabase, recreateBenchDatabase, serverVersion } from './lib/postgres.mjs';
import { formatOneDecimal, formatRatio, formatWhole, markdownTable, percentile } from './lib/stats.mjs';
import { KINDS, Recorder, journey } from './statements/browser.mjs';
import { MAX_BYTES, measureChecks } from './statements/checks.mjs';
import { activitySampler, cpuMeter } from './statements/cpu.mjs';
import { coverLetterPdf, statementDocx } from './statements/files.mjs';
import { inBatches, prepareSurgeData } from './statements/setup.mjs';
import { verifySurge } from './statements/verify.mjs';

export const STATEMENTS_DATABASE = 'rostrum_bench_statements';
const DELEGATIONS = 250;
const AT_A_TIME = 50;
/** Journeys on a debate of their own before the surge: JIT compilation, the connection pool, the inspection workers. */
const WARM_UP_JOURNEYS = 25;
/** Seconds per checks row, in rounds taking turns with the other rows, after an unrecorded warm-up of each row. */
const CHECK_SECONDS = 2;
const CHECK_ROUNDS = 4;
const CHECK_WARMUP = 1;
/** CPU-bound measurement: password checks and pairs of file checks, timed one after the other. */
const BOUND_VERIFIES = 20;
const BOUND_CHECKS = 40;
const BOUND_WARM_UP_CHECKS = 200;
/** A fixed key, so that the restarted server reads the sessions and cookies the first one issued. */
const SECRET_KEY = '7b3f0c9e1d5a4b2c8e6f0a1b3c5d7e9f2a4c6e8b0d1f3a5c7e9b2d4f6a8c0e1b';
const SERVER_LIFETIME_MS = 10 * 60_000;
/** The product's stated target for a deadline surge on 2 cores. */
const TARGET = { perSecond: 50, p99Ms: 1000 };

const dist = (file) => new URL(`../dist/src/${file}`, import.meta.url).href;
const seedOf = (text) => createHash('sha256').update(text).digest().readUInt32BE(0);

const DEBATES = {
  warmUp: { slug: 'bench-warm-up', theme: 'Maintenance of international peace and security: warming up' },
  surge: {
    slug: 'bench-deadline-surge',
    theme: 'Maintenance of international peace and security: the safety and security of peacekeepers',
  },
  restart: {
    slug: 'bench-surge-through-restart',
    theme: 'Maintenance of international peace and security: protecting civilians in armed conflict',
  },
};

/** A statement and a cover letter for one delegation and one debate; different bytes for every pair. */
async function filesFor(delegate, debate) {
  const seed = seedOf(`${delegate.code} ${debate.slug}`);
  const common = { missionName: delegate.missionName, theme: debate.theme, date: debate.dateText, seed };
  const statement = await statementDocx(common);
  const cover = coverLetterPdf({ ...common, signatory: delegate.signatory });
  const name = delegate.code.toLowerCase();
  return { statement, cover, statementName: `statement-${name}.docx`, coverName: `cover-letter-${name}.pdf` };
}

/**
 * The CPU bound of one submission: one password check (argon2id `verify` of a hash made by Rostrum's hashPassword,
 * as signing in does) and the checks of its two files on this thread, each measured with process.cpuUsage() (which
 * counts every thread, libuv's pool included) over several runs one after the other.
 */
async function cpuBound(password, files) {
  const { hashPassword } = await import(dist('modules/identity/passwords.js'));
  const { inspectStatement, inspectCoverLetter } = await import(dist('modules/uploads/inspect.js'));
  const hash = await hashPassword(password);
  // Unrecorded runs first: until the code is compiled, process.cpuUsage() also counts the compiler's threads.
  const cpuOf = async (runs, work, warmUps) => {
    for (let i = 0; i < warmUps; i++) await work(i);
    const before = process.cpuUsage();
    for (let i = 0; i < runs; i++) await work(i);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / runs;
  };
  const verifyMs = await cpuOf(
    BOUND_VERIFIES,
    async () => {
      if (!(await verify(hash, password))) throw new Error('argon2 verify refused the right password.');
    },
    3,
  );
  const statementMs = await cpuOf(
    BOUND_CHECKS,
    (i) => inspectStatement(files[i % files.length].statement, { maxBytes: MAX_BYTES, wordGuidance: 500 }),
    BOUND_WARM_UP_CHECKS,
  );
  const coverMs = await cpuOf(
    BOUND_CHECKS,
    (i) => inspectCoverLetter(files[i % files.length].cover, { maxBytes: MAX_BYTES, signatories: [] }),
    BOUND_WARM_UP_CHECKS,
  );
  const cores = os.cpus().length;
  const perSubmissionMs = verifyMs + statementMs + coverMs;
  return { verifyMs, statementMs, coverMs, perSubmissionMs, cores, perSecond: (cores * 1000) / perSubmissionMs };
}

/** `delegates` journeys, `AT_A_TIME` at a time; `onReceipt(count)` after each receipt. */
async function surge({ base, debate, delegates, files, password, retry = false, onReceipt }) {
  const recorder = new Recorder();
  let receipts = 0;
  const startedAt = performance.now();
  const results = await inBatches(delegates, AT_A_TIME, async (delegate) => {
    const result = await journey({ base, slug: debate.slug, password, recorder, retry }, delegate, files.get(delegate.code));
    if (result.reference) onReceipt?.(++receipts);
    return { code: delegate.code, ...result };
  });
  return { results, recorder, elapsedMs: performance.now() - startedAt };
}

function latencyRows(run) {
  const journeys = run.results.filter((r) => r.reference).map((r) => r.ms);
  const rows = [
    [
      'Whole journey (5 requests, signing in included)',
      journeys.length,
      percentile(journeys, 50),
      percentile(journeys, 99),
      run.results.length - journeys.length,
    ],
  ];
  for (const kind of KINDS) {
    const times = run.recorder.latencies.get(kind);
    rows.push([`\`${kind}\``, times.length, percentile(times, 50), percentile(times, 99), run.recorder.failures.get(kind)]);
  }
  return rows;
}

function summarizeRun(run) {
  const receipts = run.results.filter((r) => r.reference);
  const journeyMs = receipts.map((r) => r.ms);
  return {
    receipts: receipts.length,
    journeys: run.results.length,
    elapsedMs: run.elapsedMs,
    perSecond: receipts.length / (run.elapsedMs / 1000),
    p50: percentile(journeyMs, 50),
    p99: percentile(journeyMs, 99),
    latencies: latencyRows(run),
    failures: run.results
      .filter((r) => r.error)
      .map((r) => `${r.code}: ${r.error}`)
      .slice(0, 5),
    problems: run.recorder.problems,
    retried: run.results.filter((r) => r.retried).length,
    failedSteps: run.results.reduce((n, r) => n + (r.failedSteps ?? 0), 0),
    recovered: run.results.filter((r) => r.recovered).length,
    uploadedAgain: run.results.filter((r) => r.uploads > 1).length,
    sessionsLost: run.results.reduce((n, r) => n + (r.sessionsLost ?? 0), 0),
    causes: [...run.recorder.causes].sort((a, b) => b[1] - a[1]),
  };
}

/** Error lines the server logged (LOG_LEVEL=warn: warnings and errors, as JSON lines), for the report. */
function serverErrors(server) {
  return server
    .output()
    .split('\n')
    .filter((line) => /"level":\s*(40|50|60)/.test(line))
    .slice(-3)
    .map((line) => line.slice(0, 600));
}

function expectedOf(delegates, files, run) {
  const byCode = new Map(run.results.map((r) => [r.code, r]));
  return delegates.map((d) => ({
    code: d.code,
    statement: files.get(d.code).statement,
    cover: files.get(d.code).cover,
    reference: byCode.get(d.code)?.reference,
  }));
}

/** (b) and (c), on a fresh database that is dropped at the end, whatever happens. */
async function measureSurges(options, log) {
  const adminUrl = options.postgresUrl;
  const url = benchDatabaseUrl(adminUrl, STATEMENTS_DATABASE);
  await recreateBenchDatabase(adminUrl, STATEMENTS_DATABASE);
  const dataDir = await makeTempDir('rostrum-bench-');
  const servers = [];
  try {
    const password = `bench-${randomBytes(12).toString('hex')}`;
    const data = await prepareSurgeData(url, { debates: Object.values(DEBATES), delegations: DELEGATIONS, password, log });
    const [warmUpDebate, surgeDebate, restartDebate] = data.debates;
    const { delegates } = data;

    log(`Statements: making ${2 * delegates.length} statements and cover letters...`);
    const filesForDebate = async (debate, list) => new Map(await inBatches(list, 1, async (d) => [d.code, await filesFor(d, debate)]));
    const surgeFiles = await filesForDebate(surgeDebate, delegates);
    const restartFiles = await filesForDebate(restartDebate, delegates);
    const warmUpFiles = await filesForDebate(warmUpDebate, delegates.slice(0, WARM_UP_JOURNEYS));

    log('Statements: the CPU bound (argon2id verify and the checks of two files, one after the other)...');
    const bound = await cpuBound(password, [...surgeFiles.values()].slice(0, 20));

    const port = await freePort();
    // The benchmark stands for the reverse proxy in front of Rostrum: each delegation comes from its own address.
    const env = await rostrumEnv({
      DATABASE_URL: url,
      DEMO: 'false',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATA_DIR: dataDir,
      SECRET_KEY,
      TRUST_PROXY: '127.0.0.1',
    });
    const start = async () => {
      const server = spawnRostrum(env, SERVER_LIFETIME_MS);
      servers.push(server);
      const firstPageAt = await waitForOk(server, port, '/sign-in');
      return { server, firstPageAt };
    };
    let { server } = await start();
    const base = `http://${HOST}:${port}`;
    const keyAnswer = await get(port, '/receipts/key');
    if (keyAnswer.status !== 200) throw new Error(`GET /receipts/key answered ${keyAnswer.status}.`);
    const key = JSON.parse(keyAnswer.body);

    log(`Statements: warm-up, ${WARM_UP_JOURNEYS} journeys on a debate of their own...`);
    const warm = await surge({ base, debate: warmUpDebate, delegates: delegates.slice(0, WARM_UP_JOURNEYS), files: warmUpFiles, password });
    const warmFailures = warm.results.filter((r) => r.error);
    if (warmFailures.length > 0) log(`Statements: ${warmFailures.length} warm-up journeys failed, first: ${warmFailures[0].error}`);

    // (b) The surge, with the CPU of each process and PostgreSQL's sessions watched.
    log(`Statements: deadline surge, ${delegates.length} delegations ${AT_A_TIME} at a time...`);
    const loadBefore = os.loadavg();
    const sampler = await activitySampler(url, STATEMENTS_DATABASE);
    const meter = cpuMeter(server.pid);
    const surgeRun = await surge({ base, debate: surgeDebate, delegates, files: surgeFiles, password });
    const cpu = meter.stop();
    const activity = await sampler.stop();
    const loadAfter = os.loadavg();
    const surgeErrors = serverErrors(server);
    log('Statements: checking the surge in the database...');
    const surgeCheck = await verifySurge(url, surgeDebate.id, expectedOf(delegates, surgeFiles, surgeRun), key);

    // (c) The same on the second debate; SIGKILL after about half the receipts, restarted at once with the same settings.
    log('Statements: surge through a restart (SIGKILL after half the receipts)...');
    const restart = { killedAfter: undefined };
    let restarting;
    const killAndRestart = async (receipts) => {
      restart.killedAfter = receipts;
      const killedAt = performance.now();
      process.kill(server.pid, 'SIGKILL');
      restart.exit = await server.exited;
      const started = await start();
      server = started.server;
      restart.downtimeMs = started.firstPageAt - killedAt;
      restart.listeningMs = (server.seenAt(SERVING) ?? started.firstPageAt) - killedAt;
    };
    const restartRun = await surge({
      base,
      debate: restartDebate,
      delegates,
      files: restartFiles,
      password,
      retry: true,
      onReceipt: (n) => {
        if (n >= delegates.length / 2 && !restarting) {
          restarting = killAndRestart(n);
          restarting.catch(() => undefined); // awaited (and so thrown) once the surge is over
        }
      },
    });
    await restarting;
    // Both servers' logs: the killed one's from after the first surge, and the new one's.
    const restartErrors = [...new Set(servers.flatMap(serverErrors))].filter((line) => !surgeErrors.includes(line));
    log('Statements: checking the surge through the restart in the database...');
    const restartCheck = await verifySurge(url, restartDebate.id, expectedOf(delegates, restartFiles, restartRun), key);

    for (const s of servers) await s.stop();
    return {
      bound,
      surge: {
        ...summarizeRun(surgeRun),
        cpu,
        activity,
        load: { before: loadBefore, after: loadAfter },
        check: surgeCheck,
        serverErrors: surgeErrors,
      },
      restart: { ...summarizeRun(restartRun), ...restart, check: restartCheck, serverErrors: restartErrors },
      warmUpFailures: warmFailures.length,
      statesByDefault: data.statesByDefault,
    };
  } finally {
    for (const s of servers) await s.stop().catch(() => undefined);
    await removeTempDir(dataDir);
    await dropBenchDatabase(adminUrl, STATEMENTS_DATABASE).catch(() => undefined);
  }
}

/** (a), then (b) and (c) when PostgreSQL can be reached. */
export async function measureStatements(options, log = (line) => console.error(line)) {
  const loadAtStart = os.loadavg();
  const sample = {
    code: 'BRA',
    missionName: 'Permanent Mission of Brazil to the United Nations',
    signatory: { name: 'Ronaldo Costa Filho', title: 'Permanent Representative' },
  };
  const sampleFiles = await filesFor(sample, { ...DEBATES.surge, dateText: '24 May 2021' });
  const checks = await measureChecks(sampleFiles, {
    seconds: CHECK_SECONDS,
    warmup: CHECK_WARMUP,
    rounds: CHECK_ROUNDS,
    signatories: [sample.signatory.name],
    log,
  });
  const postgresVersion = options.postgresUrl ? await serverVersion(options.postgresUrl) : undefined;
  if (options.postgresUrl && !postgresVersion)
    log(`PostgreSQL is not reachable at ${new URL(options.postgresUrl).host}; the surges are skipped.`);
  const surges = postgresVersion ? await measureSurges(options, log) : undefined;
  return { checks, surges, load: { start: loadAtStart, end: os.loadavg() }, ok: !surges || isSound(surges) };
}

/** Whether the surges delivered every receipt and the database agrees with every one of them. */
function isSound({ surge, restart }) {
  return [surge, restart].every(
    (s) =>
      s.receipts === s.journeys &&
      s.check.problems.length === 0 &&
      s.check.receiptsMatched === s.receipts &&
      s.check.submissions === s.journeys,
  );
}

// -- The Markdown section. ----------------------------------------------------------------------------------------

const ms = (n) => (n === undefined ? 'n/a' : n < 10 ? formatOneDecimal(n) : formatWhole(n));
/** CPU times per operation: "16.8", "3.6", "0.048". */
const cpuMs = (n) => (n < 1 ? n.toFixed(3) : formatOneDecimal(n));
const loads = (l) => l.map((v) => v.toFixed(2)).join(', ');

function checksTable({ rows }) {
  const baselineOf = (row) => rows.find((r) => r.id === (row.id.startsWith('docx') ? 'docx-baseline' : 'pdf-baseline'));
  const file = (row) => (row.id.startsWith('docx') ? 'Statement (.docx)' : 'Cover letter (PDF)');
  return markdownTable(
    ['File', 'Measured', 'Checks/s', 'Median, ms', 'p99, ms', 'CPU per check, ms', 'Checks/s ÷ baseline'],
    rows.map((r) => [
      file(r),
      r.label,
      formatWhole(r.perSecond),
      r.medianMs < 1 ? r.medianMs.toFixed(3) : formatOneDecimal(r.medianMs),
      r.p99Ms < 1 ? r.p99Ms.toFixed(3) : formatOneDecimal(r.p99Ms),
      r.cpuPerCheckMs < 1 ? r.cpuPerCheckMs.toFixed(3) : formatOneDecimal(r.cpuPerCheckMs),
      r.id.endsWith('baseline') ? 'baseline' : formatRatio(r.perSecond / baselineOf(r).perSecond),
    ]),
  );
}

function latencyTable(run) {
  return markdownTable(
    ['Request', 'Answered', 'p50, ms', 'p99, ms', 'Failed'],
    run.latencies.map(([what, n, p50, p99, failed]) => [what, formatWhole(n), ms(p50), ms(p99), formatWhole(failed)]),
  );
}

function checkLines(check, received) {
  const lines = [
    `${formatWhole(check.submissions)} submissions and ${formatWhole(check.revisions)} revisions for the debate; ` +
      `${formatWhole(check.receiptsMatched)} of the ${formatWhole(received)} receipts received are revisions of the delegation's own ` +
      `submission whose \`statement_sha256\` and \`cover_sha256\` are the SHA-256 of the bytes it sent, with both files stored ` +
      `(\`kernel.blobs\`, content hashing to its name, size matching)`,
    `every submission's current revision exists and is its own, \`revisions\` equals the number of its revisions, every revision has a ` +
      `receipt, and ${formatWhole(check.signaturesChecked)} receipt signatures check out with the server's public key (\`/receipts/key\`)`,
    `the audit log (entries, chain and signed checkpoints) is ${
      check.auditEntries !== undefined ? `intact (${formatWhole(check.auditEntries)} entries)` : '**broken**'
    }; ${formatWhole(check.drafts)} drafts left over`,
  ];
  const problems =
    check.problems.length > 0
      ? `\n  - **Problems found (${check.problems.length}${check.problems.length >= 30 ? '+' : ''}):** ` +
        `${check.problems.slice(0, 5).join(' ')}`
      : '';
  return `- Checked in the database afterwards: ${lines.join('; ')}.${problems}`;
}

function troubleLines(run) {
  const lines = [];
  if (run.failures.length > 0)
    lines.push(`- **Journeys that did not end with a receipt** (first ${run.failures.length}): ${run.failures.join('; ')}`);
  if (run.problems.length > 0 && run.failures.length > 0) lines.push(`- First unexpected answers: ${run.problems.slice(0, 3).join('; ')}`);
  if (run.serverErrors.length > 0) lines.push(`- Rostrum logged errors: \`${run.serverErrors.join('` `')}\``);
  return lines;
}

function surgeSection({ bound, surge, statesByDefault }, load) {
  const met = surge.perSecond >= TARGET.perSecond && surge.p99 !== undefined && surge.p99 < TARGET.p99Ms;
  const c = surge.cpu;
  const perSubmission = (part) => formatOneDecimal(c.ms[part] / Math.max(1, surge.receipts));
  const activity = surge.activity.average
    .slice(0, 6)
    .map((a) => `${a.what} ${a.sessions.toFixed(1)}`)
    .join(', ');
  return (
    `#### Deadline surge on PostgreSQL

${formatWhole(surge.journeys)} delegations (the ${formatWhole(statesByDefault)} States, eligible by default for a meeting outside the ` +
    `Council data's years, and ${formatWhole(surge.journeys - statesByDefault)} entities added with \`addEntity\` and ` +
    `\`addEligibleEntity\`), each with a delegate account, access to the statements module and an authorised signatory, prepared with the ` +
    `compiled commands before \`node bin/rostrum.js serve\` started (\`DEMO=false\`, \`LOG_LEVEL=warn\`, the default pool of 10 ` +
    `connections, a fresh database, \`TRUST_PROXY=127.0.0.1\`: the benchmark stands for the reverse proxy, and each delegation comes from ` +
    `a network address of its own). ${AT_A_TIME} virtual delegates at a time, each doing over HTTP what the browser does: \`GET ` +
    `/sign-in\`, \`POST /sign-in\`, \`GET\` the statement page, \`POST\` the form as multipart (its own ~500-word statement and cover ` +
    `letter PDF, never the same bytes twice), \`POST\` confirm → 303 to the receipt. Redirects are not followed (a browser would then ` +
    `load \`/\`, the preview and the receipt page). The virtual delegates run in the benchmark's own Node process, on the same 2 cores as ` +
    `Rostrum and PostgreSQL. Before the surge, ${WARM_UP_JOURNEYS} unrecorded journeys on another debate warm the server up.

${latencyTable(surge)}

- Receipts obtained: **${formatWhole(surge.receipts)}/${formatWhole(surge.journeys)}**.
- Submissions per second: **${formatOneDecimal(surge.perSecond)}** (${formatWhole(surge.receipts)} whole journeys, signing in included, ` +
    `in ${formatOneDecimal(surge.elapsedMs / 1000)} s).
- CPU bound: ${bound.cores} cores ÷ (${cpuMs(bound.verifyMs)} ms for one argon2id \`verify\` + ${cpuMs(bound.statementMs)} ms for ` +
    `\`inspectStatement\` + ${cpuMs(bound.coverMs)} ms for \`inspectCoverLetter\` (PDF), CPU time by \`process.cpuUsage()\`, one at a ` +
    `time) = **${formatOneDecimal(bound.perSecond)} submissions/s**; measured ÷ bound = ` +
    `**${formatRatio(surge.perSecond / bound.perSecond)}**.
- Target (at least ${TARGET.perSecond} submissions/s with p99 under ${formatWhole(TARGET.p99Ms)} ms on 2 cores): ` +
    `**${met ? 'met' : 'not met'}** (${formatOneDecimal(surge.perSecond)}/s, whole-journey p99 ${formatWhole(surge.p99)} ms).
- Where the CPU went during the surge (CPU time ÷ ${formatOneDecimal(c.wallMs / 1000)} s, in cores of ${c.machineCores}): Rostrum ` +
    `${c.cores.server.toFixed(2)} (${perSubmission('server')} ms per submission, against ${cpuMs(bound.perSubmissionMs)} ms for the ` +
    `password check and the file checks alone), PostgreSQL ${c.cores.postgres.toFixed(2)} (${perSubmission('postgres')} ms per ` +
    `submission), the virtual delegates ${c.cores.client.toFixed(2)}, everything else on the machine ${c.cores.rest.toFixed(2)}; the ` +
    `machine was busy ${c.cores.machine.toFixed(2)} of ${c.machineCores}.
- PostgreSQL's sessions of the benchmark database (average number in each state, ${formatWhole(surge.activity.samples)} samples of ` +
    `\`pg_stat_activity\`): ${activity || 'none active'}.
${checkLines(surge.check, surge.receipts)}
- Load average (1, 5, 15 min): ${loads(surge.load.before)} before the surge, ${loads(surge.load.after)} after; ${loads(load.start)} when ` +
    `the statements part began.
${troubleLines(surge).join('\n')}`
  ).trimEnd();
}

function restartSection({ restart }) {
  const r = restart;
  const exit = r.exit ? (r.exit.signal ?? `code ${r.exit.code}`) : 'n/a';
  return (
    `#### The same surge through a restart

The same ${formatWhole(r.journeys)} delegations, ${AT_A_TIME} at a time, on a second debate (same database, same accounts, new files). ` +
    `After receipt number ${formatWhole(r.killedAfter)}, the server is sent SIGKILL (it exited by ${exit}) and started again at once with ` +
    `the same settings; the delegates meanwhile retry what failed as a person would, after a pause of 0.25 to 0.75 s: signing in again if ` +
    `the session is gone, reloading the page and uploading again if the upload failed, confirming again if the confirmation failed, and, ` +
    `when that finds the draft already used (the first confirmation was committed but its answer lost), reading the receipt off the ` +
    `statement page.

${latencyTable(r)}

- Receipts obtained: **${formatWhole(r.receipts)}/${formatWhole(r.journeys)}**; ${formatOneDecimal(r.perSecond)} submissions per second ` +
    `over the whole run (${formatOneDecimal(r.elapsedMs / 1000)} s, downtime included); whole journey p50 ${ms(r.p50)} ms, p99 ` +
    `${ms(r.p99)} ms.
- Downtime: **${formatWhole(r.downtimeMs)} ms** from SIGKILL to the new server's first 200 for \`/sign-in\` (listening after ` +
    `${formatWhole(r.listeningMs)} ms).
- Journeys that needed a retry: **${formatWhole(r.retried)}** (${formatWhole(r.failedSteps)} failed steps in all: ` +
    `${r.causes.map(([cause, n]) => `${cause} ${formatWhole(n)}`).join(', ') || 'none'}); ${formatWhole(r.uploadedAgain)} uploaded their ` +
    `files again; ${formatWhole(r.recovered)} found their confirmation already committed and read the receipt off the statement page; ` +
    `sessions lost (a 401 or a redirect to sign in): ${formatWhole(r.sessionsLost)}.
${checkLines(r.check, r.receipts)}
${troubleLines(r).join('\n')}`
  ).trimEnd();
}

export function statementsSection({ checks, surges, load }) {
  const intro =
    `### Written statements

Checking an upload: a ${formatWhole(checks.statement.words)}-word statement (${formatWhole(checks.statement.bytes)} bytes: a title, ` +
    `headings, bold and italic text, a bulleted list and a footnote, made with the \`docx\` package) and a one-page cover letter PDF ` +
    `(${formatWhole(checks.cover.bytes)} bytes: its text and a scanned signature). Each row is measured for ${CHECK_SECONDS} s in ` +
    `${CHECK_ROUNDS} turns, the rows taking turns so that a slow spell of the machine falls on all of them, after ` +
    `${formatOneDecimal(CHECK_WARMUP)} s unrecorded, in the benchmark's process; the worker pool is Rostrum's (\`inspectInWorker\` from ` +
    `the build: 2 worker threads). CPU per check is the process's CPU time (every thread) ÷ checks. The baselines do the least any reader ` +
    `must: for the statement, unzip \`word/document.xml\` (fflate \`unzipSync\`) and parse it (saxes), no checks; for the PDF, which ` +
    `Rostrum does not parse, its SHA-256, which storing it costs anyway.

${checksTable(checks)}`;
  if (!surges) return `${intro}\n\n- The surges were not measured: no PostgreSQL server.`;
  return `${intro}\n\n${surgeSection(surges, load)}\n\n${restartSection(surges)}`;
}

// Run alone: build, measure, print the section.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = readOptions();
  build();
  const result = await measureStatements(options);
  console.log(statementsSection(result));
  if (!result.ok) process.exitCode = 1;
}
