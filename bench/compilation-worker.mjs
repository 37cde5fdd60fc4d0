// One measurement of the compilation benchmark, in a process of its own (started by bench/compilation.mjs), so that its
// memory figures belong to that measurement alone:
//   node bench/compilation-worker.mjs <parse|docx|html|xml|pdf> <folder> <statements> [output file]
// The folder holds what bench/compilation.mjs prepared once: the statements as .docx files (statement-0001.docx ...),
// their content models as read by `readDocxContent` (contents.jsonl: one line per statement, with its delegation and
// language) and the pictures they show (images/<sha256>).
// - parse (the baseline): reads the first N files into memory, then times `readDocxContent` of all N.
// - docx, html, xml: composes the compilation letter of the first N content models (`compilationLetter`, as the compile
//   command gives it the statements) and serialises its model as the database stores it, on a thread that then ends
//   (bench/compilation-compose.mjs; composing is timed there and reported apart); then times the product's rendering,
//   `renderInWorker` from dist/ (as the render job calls it: the model's JSON text and the pictures' bytes to a worker
//   thread with the render memory limit, the file's bytes back).
// - pdf: composes and renders the DOCX the same way (timed, reported apart), then times LibreOffice converting it,
//   sampling the peak memory of LibreOffice's processes.
// Before the timed part, the same steps run once on a compilation of 3 statements (unrecorded), so the figures are those
// of a warmed-up server rather than of a first call; the peak resident memory is then set back to the current one. The
// peak is the process's (VmHWM): this thread's and the render worker's together.
// The memory limit is the product's default, or RENDER_MEMORY_MB when it is set in the environment.
// With an output file, the output (the DOCX, HTML, XML or PDF) is written there after the timed part.
// Prints one line on stdout, "compilation-worker result: " and JSON.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { composeOnThread } from './compilation-compose.mjs';
import { descendantsHwmKiB } from './lib/memory.mjs';

const [format, folder, countArg, outputFile] = process.argv.slice(2);
const count = Number(countArg);
if (!['parse', 'docx', 'html', 'xml', 'pdf'].includes(format) || !folder || !Number.isInteger(count) || count < 1) {
  console.error('Usage: node bench/compilation-worker.mjs <parse|docx|html|xml|pdf> <folder> <statements> [output file]');
  process.exit(2);
}
/** Longest a conversion may take here (the product's default is 60 s; a 1,000-statement letter takes longer). */
const PDF_TIMEOUT_MS = 10 * 60_000;
const WARMUP_STATEMENTS = 3;
/** Longest one rendering may take here (the product's default is 60 s; a loaded machine can take longer). */
const RENDER_TIMEOUT_MS = 10 * 60_000;

const dist = (file) => new URL(`../dist/src/${file}`, import.meta.url).href;
const ownPeakKiB = () => Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
/** The highest peak seen before any reset: the process's peak over its whole life is the larger of it and the last. */
let earlierPeakKiB = 0;
/** Sets this process's peak resident memory back to its current RSS (Linux 4.0 and later), keeping the earlier peak. */
function resetOwnPeak() {
  // What the preparation left behind is collected first (the parent starts this process with --expose-gc), so that
  // the figures that follow are the timed part's own rather than depending on when the collector last ran.
  globalThis.gc?.();
  earlierPeakKiB = Math.max(earlierPeakKiB, ownPeakKiB());
  writeFileSync('/proc/self/clear_refs', '5');
}
const sha256 = (output) => createHash('sha256').update(output).digest('hex');
const byteLength = (output) => (typeof output === 'string' ? Buffer.byteLength(output, 'utf8') : output.byteLength);

/** CPU time (user + system) of this process since `start` (a process.cpuUsage() reading), in ms. */
const cpuMsSince = (start) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/** CPU time of the children this process has waited for (LibreOffice's processes, once they have exited), in ms. */
function childrenCpuMs() {
  // /proc/self/stat fields 16 and 17: cutime and cstime, in clock ticks (100 a second on Linux).
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

const files = Array.from({ length: count }, (_, i) => path.join(folder, `statement-${String(i + 1).padStart(4, '0')}.docx`));

async function parseBaseline() {
  const { readDocxContent } = await import(dist('kernel/ooxml/content.js'));
  const all = files.map((f) => new Uint8Array(readFileSync(f)));
  for (const bytes of all.slice(0, WARMUP_STATEMENTS)) readDocxContent(bytes);
  resetOwnPeak();
  const rssBeforeKiB = process.memoryUsage.rss() / 1024;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const contents = all.map((bytes) => readDocxContent(bytes));
  const ms = performance.now() - start;
  return {
    ms,
    cpuMs: cpuMsSince(cpu),
    rssBeforeKiB,
    blocks: contents.reduce((n, c) => n + c.blocks.length, 0),
    inputBytes: all.reduce((n, b) => n + b.byteLength, 0),
  };
}

async function render() {
  // The product's path: the render job's worker thread, under the default memory limit, or RENDER_MEMORY_MB when it
  // is set in the environment (as the server reads it), and a time limit long enough for a loaded machine.
  const { renderInWorker, DEFAULT_RENDER_MEMORY_MB } = await import(dist('modules/documents/render/in-worker.js'));
  const limits = {
    memoryMb: process.env.RENDER_MEMORY_MB ? Number(process.env.RENDER_MEMORY_MB) : DEFAULT_RENDER_MEMORY_MB,
    timeoutMs: RENDER_TIMEOUT_MS,
  };
  const renderedFormat = { docx: 'docx', pdf: 'docx', html: 'html', xml: 'akn' }[format];
  // The pictures are read from the store before rendering, as the render job reads them (not timed).
  const resourcesFor = (pictures) => ({
    images: new Map(
      pictures.map((sha) => [sha, { bytes: new Uint8Array(readFileSync(path.join(folder, 'images', sha))), mediaType: 'image/png' }]),
    ),
  });

  // Warm-up: the same steps on a small compilation, unrecorded.
  const small = await composeOnThread(folder, WARMUP_STATEMENTS);
  await renderInWorker(renderedFormat, small.modelJson, resourcesFor(small.pictures), limits);

  // The letter's model is composed and stored as JSON text as the database holds it, on a thread that then ends
  // (compilation-compose.mjs): this thread holds what the render job holds before rendering, the text and the pictures.
  const { modelJson, pictures, annexes, words, composeMs } = await composeOnThread(folder, count);
  const resources = resourcesFor(pictures);
  resetOwnPeak();
  const rssBeforeKiB = process.memoryUsage.rss() / 1024;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const output = await renderInWorker(renderedFormat, modelJson, resources, limits);
  const ms = performance.now() - t0;
  const result = {
    composeMs,
    ms,
    cpuMs: cpuMsSince(cpu),
    rssBeforeKiB,
    size: byteLength(output),
    sha256: sha256(output),
    annexes,
    words,
    modelJsonBytes: Buffer.byteLength(modelJson),
    memoryLimitMb: limits.memoryMb,
  };
  if (format !== 'pdf') {
    if (outputFile) writeFileSync(outputFile, output);
    return result;
  }

  // PDF: LibreOffice converts the DOCX just made; its processes' peak is sampled while it runs.
  const { convertDocxToPdf } = await import(dist('modules/documents/render/pdf.js'));
  const docxPeakKiB = ownPeakKiB();
  resetOwnPeak();
  let libreOfficePeakKiB = 0;
  const sampler = setInterval(() => (libreOfficePeakKiB = Math.max(libreOfficePeakKiB, descendantsHwmKiB())), 50);
  const t3 = performance.now();
  const converted = await convertDocxToPdf(output, { timeoutMs: PDF_TIMEOUT_MS });
  const t4 = performance.now();
  clearInterval(sampler);
  const libreOfficeCpuMs = childrenCpuMs();
  if (!converted.ok) throw new Error(`PDF conversion ${converted.reason}: ${converted.detail}`);
  if (outputFile) writeFileSync(outputFile, converted.pdf);
  const pdfText = Buffer.from(converted.pdf.buffer, converted.pdf.byteOffset, converted.pdf.byteLength).toString('latin1');
  return {
    ...result,
    docxMs: result.ms,
    docxCpuMs: result.cpuMs,
    cpuMs: libreOfficeCpuMs,
    docxSize: result.size,
    docxSha256: result.sha256,
    docxPeakKiB,
    ms: t4 - t3,
    size: converted.pdf.byteLength,
    sha256: sha256(converted.pdf),
    pages: (pdfText.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length,
    libreOfficePeakKiB,
  };
}

const figures = format === 'parse' ? await parseBaseline() : await render();
const peakKiB = ownPeakKiB();
process.stdout.write(
  `compilation-worker result: ${JSON.stringify({
    format,
    statements: count,
    ...figures,
    seconds: figures.ms / 1000,
    // The process's peak over its whole life (the figure a server's memory limit is set against), and how far it rose
    // above its resident memory just before the timed part (the inputs loaded, the modules imported).
    peakRssMiB: Math.max(earlierPeakKiB, peakKiB) / 1024,
    risenMiB: (Math.max(peakKiB, figures.docxPeakKiB ?? 0) - figures.rssBeforeKiB) / 1024,
    libreOfficePeakMiB: figures.libreOfficePeakKiB === undefined ? undefined : figures.libreOfficePeakKiB / 1024,
  })}\n`,
);
