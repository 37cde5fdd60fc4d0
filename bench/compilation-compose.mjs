// The untimed preparation of a compilation measurement (bench/compilation-worker.mjs), on a thread of its own: reads
// the first N statements' content models, composes the President's letter (`compilationLetter`, as the compile
// command gives it the statements) and serialises the model as PostgreSQL gives it back from its jsonb column
// (`model::text`), which is what the render job reads. The thread then ends, and the statements' and the model's
// objects go with it: the measuring thread holds what the render job holds before rendering, the model's text and
// the pictures' bytes, rather than the remains of everything the preparation allocated.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const dist = (file) => new URL(`../dist/src/${file}`, import.meta.url).href;

/** The compile command's input for the first `n` statements (compile.ts: each statement one 'content' block). */
function compilationInput(statements, n) {
  return {
    slug: 'sc-2021-05-24-peacekeepers-safety',
    organ: 'Security Council',
    symbol: 'S/2021/500',
    letterDate: '2021-05-28',
    presidentName: 'Zhang Jun',
    meeting: {
      theme: 'Protection of civilians: the safety and security of peacekeepers',
      startsAt: new Date('2021-05-24T14:00:00Z'),
      timeZone: 'America/New_York',
      format: 'videoconference',
    },
    briefers: [],
    council: [],
    live: [],
    written: statements.slice(0, n).map((s) => ({
      delegation: s.delegation,
      speaker: s.speaker,
      original: s.language,
      blocks: [{ kind: 'content', content: s.content, ...(s.language === 'ar' ? { dir: 'rtl' } : {}), lang: s.language }],
    })),
    procedure:
      'In accordance with the procedure agreed by the members of the Council for meetings held during the period (S/2020/372), the ' +
      'present letter and its annexes will be issued as a document of the Security Council.',
  };
}

const byKeyOrder = (a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * The JSON text of a value as PostgreSQL writes a jsonb value out: each object's keys shorter first, then in byte
 * order, and ", " and ": " between items.
 */
export function jsonbText(value) {
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort(byKeyOrder);
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText(value[k])}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The compilation of the first `count` statements in `folder`, composed on a thread that then ends: the model's
 * stored text, the pictures it shows (by SHA-256), its number of annexes and of words, and how long composing took.
 */
export function composeOnThread(folder, count) {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL(import.meta.url), { workerData: { role: 'compilation-compose', folder, count }, execArgv: [] });
    let answer;
    thread.once('message', (message) => (answer = message));
    thread.once('error', reject);
    thread.once('exit', (code) =>
      answer ? resolve(answer) : reject(new Error(`the composing thread stopped (exit code ${code}) without an answer`)),
    );
  });
}

if (!isMainThread && workerData?.role === 'compilation-compose') {
  const { folder, count } = workerData;
  const { compilationLetter } = await import(dist('modules/compilation/domain/compilation-letter.js'));
  const { documentPictures, documentText } = await import(dist('modules/documents/domain/document-model.js'));
  const statements = readFileSync(path.join(folder, 'contents.jsonl'), 'utf8')
    .split('\n')
    .slice(0, count)
    .map((line) => JSON.parse(line));
  const t0 = performance.now();
  const model = compilationLetter(compilationInput(statements, count));
  const composeMs = performance.now() - t0;
  const pictures = documentPictures(model);
  const images = new Map(
    pictures.map((sha) => [sha, { bytes: new Uint8Array(readFileSync(path.join(folder, 'images', sha))), mediaType: 'image/png' }]),
  );
  const words = documentText(model, { images }).split(/\s+/).filter(Boolean).length;
  parentPort.postMessage({ modelJson: jsonbText(model), pictures, annexes: model.attachments.length, words, composeMs });
}
