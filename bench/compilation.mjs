// Compilation: how long compiling a debate's written statements into the President's letter takes, and how much memory
// it takes, for 50, 200 and 1,000 statements of about 500 words, in each format (DOCX, HTML, Akoma Ntoso XML, and PDF
// converted from the DOCX by LibreOffice).
// The statements are made once (bench/compilation-files.mjs: Word files with footnotes, lists, tables, a chart in some,
// one in ten in Arabic and one in ten in Chinese) and read once with `readDocxContent`, as an upload is read; their
// content models are what the compile command puts in the letter's annexes. Each measurement then runs in a Node process
// of its own (bench/compilation-worker.mjs), one after the other, so that its memory figures belong to it alone; it
// renders as the product's render job does, with `renderInWorker` (a worker thread under the render memory limit,
// given the model as the JSON text the database stores), and its peak memory is the whole process's.
// The baseline, measured the same way in the same run for each size, is reading the same N statements'
// Word files (`readDocxContent`): every word of the input passed through once, so "DOCX = N× the baseline" can be
// compared between runs and machines where seconds cannot.
// The targets: for 200 statements, DOCX under 3 s and PDF under 15 s; for 1,000, DOCX under 10 s within 500 MB.
// The Akoma Ntoso XML of the largest compilation is checked against the schema (xmllint, when installed), and the DOCX
// that the PDF process converts against the DOCX process's output (the same bytes, rendered in another process).
// Run alone with `node bench/compilation.mjs`, or through bench/run.mjs (`npm run bench -- --only compilation`).
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { compilationStatementDocx } from './compilation-files.mjs';
import { makeTempDir, removeTempDir, root, spawnNode } from './lib/children.mjs';
import { build, readOptions } from './lib/options.mjs';
import { formatOneDecimal, formatWhole, markdownTable } from './lib/stats.mjs';

const WORKER = path.join('bench', 'compilation-worker.mjs');
const RESULT_PREFIX = 'compilation-worker result: ';
export const SIZES = [50, 200, 1000];
/**
 * The sizes whose PDF is measured: LibreOffice lays out every page, about 2 pages a statement. For 1,000 statements
 * (some 2,000 pages) it takes about a minute and a half of CPU time on its own, too long for a benchmark run that should
 * stay within a few minutes, so it is measured only when COMPILATION_PDF_1000=1 is set.
 */
const PDF_SIZES = process.env.COMPILATION_PDF_1000 === '1' ? [50, 200, 1000] : [50, 200];
/** Longest one measurement may run before its watchdog stops it. */
const WORKER_LIFETIME_MS = 12 * 60_000;
const SCHEMA = path.join(root, 'schemas', 'akn-3.0', 'akomantoso30.xsd');

const FORMATS = {
  parse: 'Baseline: `readDocxContent` of the N Word files',
  docx: 'DOCX (`renderInWorker`: `renderDocx` on the render worker)',
  html: 'HTML (`renderInWorker`: `renderHtmlDocument` on the render worker)',
  xml: 'Akoma Ntoso XML (`renderInWorker`: `renderAkomaNtoso` on the render worker)',
  pdf: 'PDF (`convertDocxToPdf`: LibreOffice, from the DOCX)',
};

/** The targets, by size and format: seconds, and for 1,000 statements the DOCX process's peak memory. */
const TARGETS = {
  200: { docx: { seconds: 3 }, pdf: { seconds: 15 } },
  1000: { docx: { seconds: 10, peakMiB: 500 } },
};

const SPEAKERS = [
  'Amina Diallo',
  'Carlos Mendoza',
  'Li Wei',
  'Fatima Al-Hassan',
  'Olga Petrova',
  'John Mensah',
  'Sofía Herrera',
  'Rahul Mehta',
  'Nadia Karim',
  'Pierre Dubois',
];

/**
 * Makes the N statements of the largest size once in `folder`: the Word files, their content models as read on
 * upload (contents.jsonl) and the pictures they show (images/<sha256>). Statement i is by the i-th State in English
 * order; past the 195 States, by an entity.
 */
export async function prepareStatements(folder, count) {
  const { allStates, entityNameForms } = await import(new URL('../dist/src/modules/delegations/index.js', import.meta.url).href);
  const { readDocxContent, withoutImageBytes } = await import(new URL('../dist/src/kernel/ooxml/content.js', import.meta.url).href);
  await mkdir(path.join(folder, 'images'));
  const states = allStates();
  const lines = [];
  let words = 0;
  let bytes = 0;
  const languages = { en: 0, ar: 0, zh: 0 };
  for (let i = 0; i < count; i++) {
    const state = states[i];
    const delegation = state
      ? { code: state.iso3, kind: 'state', names: { sortKey: state.sortKey, runningText: state.runningText, heading: state.heading } }
      : {
          code: `E${String(i + 1).padStart(4, '0')}`,
          kind: 'entity',
          names: entityNameForms(`Regional Partnership for Peace ${i + 1}`, 'the'),
        };
    const made = await compilationStatementDocx({
      index: i,
      missionName: state ? `Permanent Mission of ${state.names.en}` : `the Regional Partnership for Peace ${i + 1}`,
      theme: 'protection of civilians: the safety and security of peacekeepers',
      date: '24 May 2021',
    });
    const file = path.join(folder, `statement-${String(i + 1).padStart(4, '0')}.docx`);
    await writeFile(file, made.bytes);
    const content = readDocxContent(made.bytes);
    for (const image of content.images) await writeFile(path.join(folder, 'images', image.sha256), image.bytes);
    const speaker = { name: SPEAKERS[i % SPEAKERS.length], title: state ? 'Permanent Representative' : 'Head of Delegation' };
    lines.push(JSON.stringify({ delegation, speaker, language: made.language, content: withoutImageBytes(content) }));
    words += made.words;
    bytes += made.bytes.byteLength;
    languages[made.language]++;
  }
  await writeFile(path.join(folder, 'contents.jsonl'), lines.join('\n'));
  return { count, averageWords: words / count, averageBytes: bytes / count, languages };
}

/** One measurement in its own process; resolves with its figures, or throws with the worker's output when it fails. */
/** The file the XML worker of the largest compilation writes its output to, in the statements' folder. */
const XML_FILE = 'compilation.xml';

async function runWorker(format, folder, count, outputFile) {
  const loadBefore = os.loadavg()[0];
  const tempDir = await makeTempDir('rostrum-bench-compilation-');
  try {
    // --expose-gc: the worker collects what its preparation left behind before the timed part (see the worker).
    const worker = spawnNode(['--expose-gc', WORKER, format, folder, String(count), ...(outputFile ? [outputFile] : [])], {
      env: { ...process.env, TMPDIR: tempDir },
      maxLifetimeMs: WORKER_LIFETIME_MS,
      tempDir,
    });
    const { code, signal } = await worker.exited;
    const line = worker
      .output()
      .split('\n')
      .findLast((l) => l.startsWith(RESULT_PREFIX));
    if (code !== 0 || !line)
      throw new Error(`${WORKER} ${format} ${count} ended with ${signal ?? `code ${code}`} and no result:\n${worker.output()}`);
    return { ...JSON.parse(line.slice(RESULT_PREFIX.length)), loadAverage: [loadBefore, os.loadavg()[0]] };
  } finally {
    await removeTempDir(tempDir);
  }
}

/** xmllint against the Akoma Ntoso 3.0 schema: 'valid', the first lines of its complaint, or undefined without xmllint. */
function validateXml(file) {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, file], { encoding: 'utf8', timeout: 5 * 60_000 });
  if (run.error) return undefined;
  return run.status === 0 ? 'valid' : run.stderr.split('\n').slice(0, 3).join(' ');
}

export async function measureCompilation(_options, log = (line) => console.error(line)) {
  const { findPdfConverter } = await import(new URL('../dist/src/modules/documents/render/pdf.js', import.meta.url).href);
  const soffice = await findPdfConverter();
  const folder = await makeTempDir('rostrum-bench-statements-');
  try {
    const largest = Math.max(...SIZES);
    log(`Compilation: making ${largest} statements...`);
    const t0 = performance.now();
    const statements = await prepareStatements(folder, largest);
    statements.prepareSeconds = (performance.now() - t0) / 1000;
    const results = {};
    for (const size of SIZES) {
      results[size] = {};
      for (const format of ['parse', 'docx', 'html', 'xml']) {
        log(`Compilation: ${format}, ${size} statements...`);
        const keep = format === 'xml' && size === largest ? path.join(folder, XML_FILE) : undefined;
        results[size][format] = await runWorker(format, folder, size, keep);
      }
      if (soffice && PDF_SIZES.includes(size)) {
        log(`Compilation: pdf, ${size} statements (LibreOffice)...`);
        results[size].pdf = await runWorker('pdf', folder, size);
      }
    }
    // The largest compilation's XML, as its worker wrote it, checked against the schema.
    log(`Compilation: checking the ${largest}-statement Akoma Ntoso XML against the schema...`);
    const validity = validateXml(path.join(folder, XML_FILE));
    return { statements, results, soffice, validity, largest };
  } finally {
    await removeTempDir(folder);
  }
}

/** "0.412", "2.61", "18.3", "243". */
function formatSeconds(s) {
  if (s === undefined) return 'n/a';
  const digits = s < 1 ? 3 : s < 10 ? 2 : s < 100 ? 1 : 0;
  return new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(s);
}

const formatTimes = (ratio) => `${ratio >= 10 ? formatWhole(ratio) : ratio >= 1 ? formatOneDecimal(ratio) : ratio.toFixed(2)}×`;
const MIB_IN_MB = 1.048576;

/** Whether a row meets its target, judged on wall time and, where the target has one, the process's peak memory. */
function targetCell(size, format, r) {
  const target = TARGETS[size]?.[format];
  if (!target) return '';
  const parts = [`< ${target.seconds} s`];
  let met = r.seconds < target.seconds;
  if (target.peakMiB) {
    parts.push(`peak ≤ ${target.peakMiB} MB`);
    met &&= r.peakRssMiB * MIB_IN_MB <= target.peakMiB;
  }
  return `${parts.join(', ')}: ${met ? 'met' : '**not met**'}`;
}

export function compilationSection({ statements, results, soffice, validity, largest }) {
  const rows = [];
  for (const size of SIZES) {
    const baseline = results[size].parse;
    for (const format of ['parse', 'docx', 'html', 'xml', 'pdf']) {
      const r = results[size][format];
      if (!r) {
        const why = !soffice ? 'not measured: no LibreOffice' : 'not measured (COMPILATION_PDF_1000=1 measures it)';
        if (format === 'pdf') rows.push([formatWhole(size), FORMATS.pdf, why, '', '', '', '', '', '', '', '']);
        continue;
      }
      const cpu = r.cpuMs / 1000;
      const output =
        format === 'parse'
          ? `${formatWhole(r.inputBytes)} read`
          : format === 'pdf'
            ? `${formatWhole(r.size)} (${formatWhole(r.pages)} pages)`
            : formatWhole(r.size);
      rows.push([
        formatWhole(size),
        FORMATS[format],
        formatSeconds(r.seconds),
        formatSeconds(cpu),
        format === 'parse' ? 'baseline' : formatTimes(r.seconds / baseline.seconds),
        format === 'parse' ? 'baseline' : formatTimes(cpu / (baseline.cpuMs / 1000)),
        format === 'pdf' ? `${formatOneDecimal(r.libreOfficePeakMiB)} (LibreOffice)` : formatOneDecimal(r.peakRssMiB),
        format === 'pdf' ? '' : formatOneDecimal(r.risenMiB),
        output,
        r.loadAverage.map((l) => l.toFixed(1)).join(' → '),
        targetCell(size, format, r),
      ]);
    }
  }
  const notes = [];
  const composed = SIZES.map((size) => `${formatSeconds(results[size].docx.composeMs)} ms for ${formatWhole(size)}`).join(', ');
  notes.push(`- Composing the letter's model (\`compilationLetter\`, before the timed part, not in any row) takes ${composed} statements.`);
  const { docx: largestRender } = results[largest];
  notes.push(
    `- The render worker's memory limit was ${formatWhole(largestRender.memoryLimitMb)} MB (old generation; \`RENDER_MEMORY_MB\`). The ` +
      `${formatWhole(largest)}-statement model the worker was given is ${formatWhole(largestRender.modelJsonBytes)} bytes of JSON text; ` +
      `its ${formatWhole(largestRender.words)} words are in ${formatWhole(largestRender.annexes)} annexes.`,
  );
  for (const size of SIZES) {
    const { docx, pdf } = results[size];
    if (pdf) {
      notes.push(
        `- PDF, ${formatWhole(size)} statements: the PDF process first rendered the DOCX on the render worker ` +
          `(${formatSeconds(pdf.docxMs / 1000)} s, not in the PDF row), ` +
          `so from the model's text to the PDF is ${formatSeconds(pdf.docxMs / 1000 + pdf.seconds)} s. That DOCX ` +
          `${pdf.docxSha256 === docx.sha256 ? "has the same SHA-256 as the DOCX row's" : "**differs from the DOCX row's**"}.`,
      );
    }
  }
  const { docx: largestDocx } = results[largest];
  notes.push(
    `- DOCX, ${formatWhole(largest)} statements: the process (this thread and the render worker) peaked at ` +
      `${formatOneDecimal(largestDocx.peakRssMiB)} MiB (${formatWhole(largestDocx.peakRssMiB * MIB_IN_MB)} MB), of which ` +
      `${formatOneDecimal(largestDocx.rssBeforeKiB / 1024)} MiB were held before the timed part (the model's text, the pictures, the ` +
      `modules) and ${formatOneDecimal(largestDocx.risenMiB)} MiB were the rendering's own rise.`,
  );
  notes.push(
    validity === undefined
      ? `- The ${formatWhole(largest)}-statement Akoma Ntoso XML was not checked against the schema: xmllint is not installed.`
      : validity === 'valid'
        ? `- The ${formatWhole(largest)}-statement Akoma Ntoso XML validates against the Akoma Ntoso 3.0 schema (\`xmllint --schema ` +
          `schemas/akn-3.0/akomantoso30.xsd\`).`
        : `- **The ${formatWhole(largest)}-statement Akoma Ntoso XML does not validate**: ${validity}`,
  );

  return (
    `### Compilation

The President's letter compiling N written statements, each an annex. ${formatWhole(statements.count)} statements were made once with the ` +
    `\`docx\` package (${formatOneDecimal(statements.prepareSeconds)} s): about ${formatWhole(statements.averageWords)} words and ` +
    `${formatWhole(statements.averageBytes)} bytes each on average, every one with two footnotes and a bulleted list, every second one a ` +
    `table, every third one a numbered list, every fourth one a link, every tenth one a chart; ${statements.languages.en} in English, ` +
    `${statements.languages.ar} in Arabic (right to left), ${statements.languages.zh} in Chinese. They were read once with ` +
    `\`readDocxContent\`, as on upload, into the content models the compile command encloses; a compilation of N takes the first N. Each ` +
    `row is a process of its own, one after the other: the same steps on a 3-statement compilation first (unrecorded), then one timed ` +
    `compilation. The letter's model is composed and serialised as the database stores it (jsonb's text) on a thread that then ends, so ` +
    `the measuring thread holds what the render job holds, the model's text and the pictures' bytes; the timed part is the product's ` +
    `rendering, \`renderInWorker\` (a worker thread with the render memory limit is given the text, parses and validates it, renders, and ` +
    `moves the file back). Wall and CPU seconds are that rendering's (CPU: the process's user + system time, the worker's included); for ` +
    `PDF, LibreOffice converting the DOCX, started afresh as the product does (CPU: LibreOffice's processes'). Memory is the process's, ` +
    `the render worker's included: its peak RSS over its whole life, and how far it rose during the timed part above its RSS just before ` +
    `(inputs loaded, modules imported, garbage collected); for PDF, LibreOffice's processes' peak (VmHWM summed, sampled every 50 ms). ` +
    `The baseline, per size, is reading the same N Word files into content models (\`readDocxContent\`), measured the same way. "Load" is ` +
    `the machine's 1-minute load average as the row began and ended.

${markdownTable(
  [
    'Statements',
    'Format',
    'Wall, s',
    'CPU, s',
    'Wall ÷ baseline',
    'CPU ÷ baseline',
    'Peak RSS, MiB',
    'Rise, MiB',
    'Output, bytes',
    'Load',
    'Target',
  ],
  rows,
)}

${notes.join('\n')}`
  );
}

// Run alone: build, measure, print the section.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = readOptions();
  build();
  console.log(compilationSection(await measureCompilation(options)));
}
