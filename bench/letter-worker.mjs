// One format of the announcement letter, measured in a process of its own (started by bench/letter.mjs), so that
// its memory figures belong to that format alone:
//   node bench/letter-worker.mjs <baseline|docx|html|xml|pdf> <demo|large> <warm-ups> <timed renders>
// It imports only what the format needs, composes the letter's document model, reads its resident memory (the
// figure before rendering), renders the warm-ups, then times each of the timed renders, and reads the peak resident
// memory of the whole process and of the rendering alone. Every output is hashed (outside the timed
// part, and dropped at once, so no output stays in memory) to tell whether the renders gave the same bytes.
// Prints one line on stdout, "letter-worker result: " and JSON: the times, the memory figures, the output size and the
// hashes (the prefix tells it apart from anything else the process may print).
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { descendantsHwmKiB } from './lib/memory.mjs';

const [format, modelName, warmupsArg, rendersArg] = process.argv.slice(2);
const warmups = Number(warmupsArg);
const renders = Number(rendersArg);
const FORMATS = ['baseline', 'docx', 'html', 'xml', 'pdf'];
if (!FORMATS.includes(format) || !['demo', 'large'].includes(modelName) || !Number.isInteger(warmups) || !(renders >= 1)) {
  console.error('Usage: node bench/letter-worker.mjs <baseline|docx|html|xml|pdf> <demo|large> <warm-ups> <timed renders>');
  process.exit(2);
}

const dist = (file) => new URL(`../dist/src/${file}`, import.meta.url).href;
/**
 * In the larger letter, the concept note's paragraphs are each repeated this many times: 8 × 45 = 360 numbered
 * paragraphs, about 50 A4 pages as PDF.
 */
const LARGE_REPEAT = 45;

// What composing the model needs, in every child alike.
const { demoLetterInput } = await import(dist('demo/demo-letter.js'));
const { announcementLetter } = await import(dist('modules/meetings/domain/announcement-letter.js'));
const { documentText } = await import(dist('modules/documents/domain/document-model.js'));

/**
 * The demo debate's letter, as the renderer tests build it (both from src/demo/demo-letter.ts). For the larger letter,
 * each section of the concept note has its paragraphs repeated, so that announcementLetter numbers the 360 paragraphs itself.
 */
function letterModel(name) {
  return announcementLetter(demoLetterInput(name === 'large' ? { repeatConceptNote: LARGE_REPEAT } : {}));
}

/** Numbered paragraphs anywhere in the document (the letter, its annex, the enclosure). */
function countNumbered(model) {
  const inAttachment = (a) => a.blocks.filter((b) => b.kind === 'numbered').length + a.attachments.reduce((n, c) => n + inAttachment(c), 0);
  return inAttachment(model);
}

const sha256 = (output) => createHash('sha256').update(output).digest('hex');
const byteLength = (output) => (typeof output === 'string' ? Buffer.byteLength(output, 'utf8') : output.byteLength);
/** For PDF: the hash of the DOCX it converts, so the parent can compare it with the DOCX child's (another process, later). */
let docxSha256;

/** This process's peak resident memory (VmHWM) in KiB, from /proc (Linux). */
function ownPeakKiB() {
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
}

/**
 * Sets this process's peak resident memory back to its current RSS (Linux 4.0 and later), so that the peak read after
 * rendering is rendering's own: loading the modules can peak higher than rendering does, and would hide it.
 */
function resetOwnPeak() {
  writeFileSync('/proc/self/clear_refs', '5');
}

/** The render function for the format: takes nothing, answers the output (bytes or a string). */
async function renderer(model) {
  switch (format) {
    // The baseline: writing the model out as JSON and reading it back, a pass over every word and no layout at all
    // (the JSON is the output whose size and hash are reported).
    case 'baseline':
      return () => {
        const json = JSON.stringify(model);
        JSON.parse(json);
        return json;
      };
    case 'docx': {
      const { renderDocx } = await import(dist('modules/documents/render/docx/letter.js'));
      return () => renderDocx(model);
    }
    case 'html': {
      const { renderHtmlDocument } = await import(dist('modules/documents/render/html/letter.js'));
      return () => renderHtmlDocument(model);
    }
    case 'xml': {
      const { renderAkomaNtoso } = await import(dist('modules/documents/render/akn/letter.js'));
      return () => renderAkomaNtoso(model);
    }
    case 'pdf': {
      // PDF is converted from the DOCX, as the product does it; the DOCX is made once, before the memory figures start.
      const { renderDocx } = await import(dist('modules/documents/render/docx/letter.js'));
      const { convertDocxToPdf } = await import(dist('modules/documents/render/pdf.js'));
      const docx = await renderDocx(model);
      docxSha256 = sha256(docx);
      return async () => {
        const result = await convertDocxToPdf(docx);
        if (!result.ok) throw new Error(`PDF conversion ${result.reason}: ${result.detail}`);
        return result.pdf;
      };
    }
  }
}

const model = letterModel(modelName);
const render = await renderer(model);
// The peak so far (start-up, imports, the model) is read before the reset, which clears it.
const startupPeakKiB = process.resourceUsage().maxRSS;
const rssBeforeKiB = process.memoryUsage.rss() / 1024;
resetOwnPeak();

// LibreOffice runs in processes of its own: their peak memory is sampled while they run (VmHWM only grows, so the
// last sample before a process exits is within one interval of its peak).
let libreOfficePeakKiB = 0;
const sampler =
  format === 'pdf' ? setInterval(() => (libreOfficePeakKiB = Math.max(libreOfficePeakKiB, descendantsHwmKiB())), 50) : undefined;

for (let i = 0; i < warmups; i++) await render();
const times = [];
const hashes = new Set();
let size;
for (let i = 0; i < renders; i++) {
  const start = performance.now();
  const output = await render();
  times.push(performance.now() - start);
  hashes.add(sha256(output));
  size = byteLength(output);
}
if (sampler) clearInterval(sampler);
const renderingPeakKiB = ownPeakKiB();

process.stdout.write(
  `letter-worker result: ${JSON.stringify({
    format,
    model: modelName,
    warmups,
    times,
    size,
    distinctOutputs: hashes.size,
    sha256: hashes.size === 1 ? [...hashes][0] : undefined,
    docxSha256,
    rssBeforeRenderingMiB: rssBeforeKiB / 1024,
    peakRssMiB: Math.max(startupPeakKiB, renderingPeakKiB) / 1024,
    renderingPeakRssMiB: renderingPeakKiB / 1024,
    libreOfficePeakMiB: sampler ? libreOfficePeakKiB / 1024 : undefined,
    numberedParagraphs: countNumbered(model),
    words: documentText(model).split(/\s+/).filter(Boolean).length,
  })}\n`,
);
