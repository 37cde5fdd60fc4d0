// Announcement letter: how long generating the demo debate's letter takes in each format Rostrum offers (DOCX, HTML,
// Akoma Ntoso XML, and PDF converted from the DOCX by LibreOffice), and how much memory it takes.
// Each format runs in a Node process of its own (bench/letter-worker.mjs), one after the other, so that a process's
// memory figures belong to one format: what one renderer loads and allocates does not show up under the next.
// The baseline, measured the same way in the same run, is JSON.stringify + JSON.parse of the document model: a pass
// over every word of the letter with no layout at all, so that "DOCX = N× the baseline" can be compared between runs
// and machines where absolute milliseconds cannot. Every deterministic format must give the same bytes every time it
// renders the same model (a generation is rebuilt from its stored model); the worker hashes each output to check.
// A larger letter (the concept note's paragraphs repeated to 360, about 50 pages) shows how DOCX and XML grow.
// Run alone with `node bench/letter.mjs`, or through bench/run.mjs (`npm run bench -- --only letter`).
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { makeTempDir, removeTempDir, spawnNode } from './lib/children.mjs';
import { build, readOptions } from './lib/options.mjs';
import { formatOneDecimal, formatWhole, markdownTable, percentile, summarize } from './lib/stats.mjs';

const WORKER = path.join('bench', 'letter-worker.mjs');
/** The line the worker prints its figures on (see letter-worker.mjs). */
const RESULT_PREFIX = 'letter-worker result: ';
/** Renders per format: unrecorded warm-ups (JIT compilation, lazy loading), then timed ones. */
const WARMUPS = 5;
const RENDERS = 20;
/** A PDF conversion starts LibreOffice afresh and takes seconds: fewer of them. */
const PDF_WARMUPS = 1;
const PDF_RENDERS = 5;
/** Longest a worker may run before its watchdog stops it (the PDF one takes about 15 s). */
const WORKER_LIFETIME_MS = 5 * 60_000;

const FORMATS = {
  baseline: 'Baseline: `JSON.stringify` + `JSON.parse` of the model',
  docx: 'DOCX (`renderDocx`)',
  html: 'HTML (`renderHtmlDocument`)',
  xml: 'Akoma Ntoso XML (`renderAkomaNtoso`)',
  pdf: 'PDF (`convertDocxToPdf`: LibreOffice, from the DOCX)',
};

/** One format in its own process; resolves with its figures, or throws with the worker's output when it fails. */
async function runWorker(format, model, warmups, renders) {
  // The worker's temporary files (the PDF conversions' folders) go in a folder of its own, removed even if it is killed.
  const tempDir = await makeTempDir('rostrum-bench-letter-');
  try {
    const worker = spawnNode([WORKER, format, model, String(warmups), String(renders)], {
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
      throw new Error(`${WORKER} ${format} ${model} ended with ${signal ?? `code ${code}`} and no result:\n${worker.output()}`);
    const raw = JSON.parse(line.slice(RESULT_PREFIX.length));
    return {
      ...raw,
      medianMs: summarize(raw.times).median,
      p90Ms: percentile(raw.times, 90),
      renders: raw.times.length,
      risenMiB: raw.renderingPeakRssMiB - raw.rssBeforeRenderingMiB,
    };
  } finally {
    await removeTempDir(tempDir);
  }
}

/**
 * The demo letter in every format, then the larger letter in DOCX and XML, each with its own baseline. PDF only when
 * LibreOffice is installed (found as the product finds it); otherwise its row says so.
 */
export async function measureLetter(_options, log = (line) => console.error(line)) {
  const { findPdfConverter } = await import(new URL('../dist/src/modules/documents/render/pdf.js', import.meta.url).href);
  const soffice = await findPdfConverter();
  const demo = {};
  for (const format of ['baseline', 'docx', 'html', 'xml']) {
    log(`Letter: ${format}, demo letter...`);
    demo[format] = await runWorker(format, 'demo', WARMUPS, RENDERS);
  }
  if (soffice) {
    log('Letter: pdf, demo letter (LibreOffice)...');
    demo.pdf = await runWorker('pdf', 'demo', PDF_WARMUPS, PDF_RENDERS);
  } else {
    log('Letter: no LibreOffice (soffice or libreoffice on PATH); PDF is not measured.');
  }
  const large = {};
  for (const format of ['baseline', 'docx', 'xml']) {
    log(`Letter: ${format}, larger letter...`);
    large[format] = await runWorker(format, 'large', WARMUPS, RENDERS);
  }
  return { demo, large, soffice };
}

/** Milliseconds with about three significant digits: "0.074", "1.52", "18.3", "2,512". */
function formatMs(ms) {
  if (ms === undefined) return 'n/a';
  const digits = ms < 1 ? 3 : ms < 10 ? 2 : ms < 100 ? 1 : 0;
  return new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ms);
}

/** "243×", "1.8×". */
const formatTimes = (ratio) => `${ratio >= 10 ? formatWhole(ratio) : formatOneDecimal(ratio)}×`;

function sameBytes(r) {
  if (r.format === 'pdf') return r.distinctOutputs === 1 ? 'yes (not required)' : `no, ${r.distinctOutputs} different (not required)`;
  return r.distinctOutputs === 1 ? `yes, all ${r.renders}` : `**NO: ${r.distinctOutputs} different outputs in ${r.renders}**`;
}

function row(r, baseline, extra = []) {
  return [
    FORMATS[r.format],
    formatMs(r.medianMs),
    formatMs(r.p90Ms),
    r === baseline ? 'baseline' : formatTimes(r.medianMs / baseline.medianMs),
    ...extra,
    formatOneDecimal(r.peakRssMiB),
    formatOneDecimal(r.risenMiB),
    formatWhole(r.size),
    sameBytes(r),
  ];
}

const HEADER = ['Format', 'Median, ms', 'p90, ms', 'Median ÷ baseline'];
const MEMORY_HEADER = ['Peak RSS, MiB', 'Rise while rendering, MiB', 'Output, bytes', 'Same bytes every render'];

/** The Markdown section: the demo letter in every format, then the larger letter, each against its own baseline. */
export function letterSection({ demo, large, soffice }) {
  const demoRows = ['baseline', 'docx', 'html', 'xml'].map((f) => row(demo[f], demo.baseline));
  demoRows.push(demo.pdf ? row(demo.pdf, demo.baseline) : [FORMATS.pdf, 'not measured: no LibreOffice', '', '', '', '', '', '']);
  const largeRows = ['baseline', 'docx', 'xml'].map((f) =>
    row(large[f], large.baseline, [formatTimes(large[f].medianMs / demo[f].medianMs)]),
  );

  const notes = [];
  if (demo.pdf) {
    notes.push(
      `- PDF: each conversion runs \`${soffice}\` headless with a fresh profile, as the product does, so the time includes starting ` +
        `LibreOffice. ` +
        `LibreOffice's own processes peaked at ${formatOneDecimal(demo.pdf.libreOfficePeakMiB)} MiB resident (VmHWM of its processes ` +
        `summed, sampled every 50 ms); ` +
        `the PDF row's own figures are the converting Node process alone (its peak includes the one DOCX render that makes the input, ` +
        `before its rise is measured).`,
    );
    const docxAgain = demo.pdf.docxSha256 === demo.docx.sha256;
    notes.push(
      `- The DOCX that the PDF process rendered to convert (another process, seconds later) ` +
        `${docxAgain ? "has the same SHA-256 as the DOCX row's renders" : "**differs from the DOCX row's renders**"}.`,
    );
  }

  return (
    `### Announcement letter

The demo debate's announcement letter (the letter, its annex the concept note with ${demo.docx.numberedParagraphs} numbered paragraphs, ` +
    `and the enclosure: ${formatWhole(demo.docx.words)} words), rendered from its document model. Each format in a Node process of its ` +
    `own, one after the other: ${WARMUPS} unrecorded renders, then ${RENDERS} timed ones (PDF: ${PDF_WARMUPS} and ${PDF_RENDERS}, so its ` +
    `p90 is the slowest). Times are per render, median and p90. Memory is the process's: its peak RSS over its whole life (start-up and ` +
    `imports included), and how far its RSS rose while rendering (its peak from the first render on, less its RSS just before, with the ` +
    `imports and the model ready). The baseline is measured the same way. "Same bytes" compares the SHA-256 of every timed render's output.

${markdownTable([...HEADER, ...MEMORY_HEADER], demoRows)}
${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}
Larger letter: each of the concept note's paragraphs repeated, ${large.docx.numberedParagraphs} numbered paragraphs and ` +
    `${formatWhole(large.docx.words)} words (about 50 pages as PDF), the same ${WARMUPS} + ${RENDERS} renders per format. "Median ÷ demo ` +
    `letter" is the growth of the median time with the letter's length; the text repeats, so the DOCX (a zip) compresses much better than ` +
    `a real letter of that length would.

${markdownTable([...HEADER, 'Median ÷ demo letter', ...MEMORY_HEADER], largeRows)}`
  );
}

// Run alone: build, measure, print the section.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = readOptions();
  build();
  console.log(letterSection(await measureLetter(options)));
}
