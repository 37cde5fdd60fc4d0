// `npm run bench`: compiles Rostrum, measures start-up (bench/cold-start.mjs), throughput (bench/debate-page.mjs),
// sign-in (bench/sign-in.mjs), the announcement letter's generation (bench/letter.mjs), written statements (checks
// and deadline surges, bench/statements.mjs), a flood of anonymous sign-ins and uploads beside people at work
// (bench/flood.mjs), compiling 50, 200 and 1,000 statements (bench/compilation.mjs) and the time from a click to every
// format ready (bench/ready.mjs), and
// prints one Markdown section with the results and the machine they came from. With --write, that section replaces
// "## Latest results" in docs/PERFORMANCE.md. --only runs some of the parts. Options: --help.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { measureStartups, startupSection } from './cold-start.mjs';
import { floodSection, measureFlood } from './flood.mjs';
import { compilationSection, measureCompilation } from './compilation.mjs';
import { measureThroughput, throughputSection } from './debate-page.mjs';
import { measureReady, readySection } from './ready.mjs';
import { letterSection, measureLetter } from './letter.mjs';
import { measureSignIn, signInSection } from './sign-in.mjs';
import { measureStatements, statementsSection } from './statements.mjs';
import { root } from './lib/children.mjs';
import { build, readOptions } from './lib/options.mjs';
import { serverVersion } from './lib/postgres.mjs';

const RESULTS_HEADING = '## Latest results';
const performanceDoc = path.join(root, 'docs', 'PERFORMANCE.md');

async function packageVersion(name) {
  const file = path.join(root, 'node_modules', name, 'package.json');
  return JSON.parse(await readFile(file, 'utf8')).version;
}

/** The PostgreSQL version inside PGlite, asked of an in-memory instance (after the measurements, so it costs them nothing). */
async function pgliteServerVersion() {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  try {
    return (await db.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await db.close();
  }
}

async function machineLine(options) {
  const cpus = os.cpus();
  const memoryGiB = (os.totalmem() / 1024 ** 3).toFixed(1);
  const postgres = options.postgresUrl ? await serverVersion(options.postgresUrl) : undefined;
  return [
    `- Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${memoryGiB} GiB memory, ${os.type()} ${os.release()}.`,
    `- Software: Node ${process.version}; PGlite ${await packageVersion('@electric-sql/pglite')} (PostgreSQL ` +
      `${await pgliteServerVersion()}); ` +
      `${postgres ? `PostgreSQL server ${postgres}` : 'PostgreSQL server not measured'}; Fastify ${await packageVersion('fastify')}; ` +
      `@node-rs/argon2 ${await packageVersion('@node-rs/argon2')}; autocannon ${await packageVersion('autocannon')}; docx ` +
      `${await packageVersion('docx')}; ` +
      `fflate ${await packageVersion('fflate')}; saxes ${await packageVersion('saxes')}.`,
  ].join('\n');
}

function commandLine() {
  const args = process.argv.slice(2);
  return `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
}

/** Whether a part (named as in PARTS, bench/lib/options.mjs) is to run: all of them unless --only names some. */
function wanted(options, part) {
  return !options.only || options.only.includes(part);
}

async function report(options, sections) {
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const startUpRuns = wanted(options, 'cold-start') ? ` (${options.runs} start-up run${options.runs === 1 ? '' : 's'})` : '';
  return `${RESULTS_HEADING}

- Measured ${when} UTC with \`${commandLine()}\`${startUpRuns}.
${await machineLine(options)}

${sections.join('\n\n')}
`;
}

/** Replaces the "## Latest results" section (up to the next "## " heading or the end) of docs/PERFORMANCE.md. */
async function writeResults(section) {
  const doc = await readFile(performanceDoc, 'utf8');
  const start = doc.indexOf(`\n${RESULTS_HEADING}\n`);
  if (start < 0) throw new Error(`${performanceDoc} has no "${RESULTS_HEADING}" heading to replace.`);
  const next = doc.indexOf('\n## ', start + 1);
  const after = next < 0 ? '' : doc.slice(next);
  await writeFile(performanceDoc, `${doc.slice(0, start + 1)}${section}${after}`);
}

const options = readOptions();
build();
const sections = [];
if (wanted(options, 'cold-start')) sections.push(startupSection(await measureStartups(options)));
if (wanted(options, 'debate-page')) sections.push(throughputSection(await measureThroughput(options)));
if (wanted(options, 'sign-in')) sections.push(signInSection(await measureSignIn(options)));
if (wanted(options, 'letter')) sections.push(letterSection(await measureLetter(options)));
if (wanted(options, 'statements')) {
  const statements = await measureStatements(options);
  sections.push(statementsSection(statements));
  // A receipt missing or not matching the database is a failure, reported in the section and by the exit code.
  if (!statements.ok) process.exitCode = 1;
}
if (wanted(options, 'flood')) {
  const flood = await measureFlood(options);
  sections.push(floodSection(flood));
  if (!flood.ok) process.exitCode = 1;
}
if (wanted(options, 'compilation')) sections.push(compilationSection(await measureCompilation(options)));
if (wanted(options, 'ready')) sections.push(readySection(await measureReady(options)));
const section = await report(options, sections);
console.log(section);
if (options.write) {
  await writeResults(section);
  console.error(`Wrote the results into ${path.relative(process.cwd(), performanceDoc)}.`);
}
