// PDF converted from the DOCX by LibreOffice in headless mode. The PDF is made from the DOCX rather than rendered
// separately so the two cannot differ in wording or layout decisions; LibreOffice is an optional program on the
// server, so a missing converter is an answer ('unavailable'), not an exception.
//
// convertDocxToPdf (and convertOnce, for any other LibreOffice filter) start LibreOffice for the one file, in a fresh
// temporary folder with its own user profile: conversions can then run side by side (a soffice started on a profile
// that another instance is using hands its command line to that instance rather than converting by itself), and
// nothing one conversion leaves behind reaches the next. The server converts through a LibreOffice kept running instead (office.ts, PdfConverter), and falls
// back to these when it cannot start one.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { childEnvironment, programSearchPath } from '../../../config.js';
import { instancePipePaths } from './office-pipes.js';

export type ConversionResult = { ok: true; pdf: Uint8Array } | { ok: false; reason: 'unavailable' | 'failed'; detail: string };

export interface ConversionOptions {
  /** How long soffice may run before it is killed (with everything it started); 60 s by default. */
  timeoutMs?: number;
  /** The soffice binary to run instead of the one found by {@link findPdfConverter}. */
  soffice?: string;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * LibreOffice's PDF export, tagged (the structure of headings, lists, tables and notes, and the reading order, for
 * screen readers) and marked PDF/UA: the title shown is the document's (dc:title of the DOCX), the language (/Lang)
 * the document's (the DOCX's default w:lang). The options are LibreOffice's JSON form (7.4 and later).
 */
export const PDF_FILTER = `pdf:writer_pdf_Export:${JSON.stringify({
  UseTaggedPDF: { type: 'boolean', value: 'true' },
  PDFUACompliance: { type: 'boolean', value: 'true' },
})}`;

export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The search a shell would make: the first directory on PATH holding an executable file of that name. */
async function onPath(name: string, pathVariable: string | undefined): Promise<string | undefined> {
  for (const dir of (pathVariable ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Answers by the inputs that decide them, so a test that passes its own gets its own answer. */
const converterCache = new Map<string, Promise<string | undefined>>();

/**
 * The LibreOffice binary: `soffice` (the SOFFICE_PATH setting) when it names an executable file, otherwise `soffice` or
 * `libreoffice` found on `searchPath` (PATH, as a shell searches it); undefined when there is none. Looked up once per
 * (soffice, searchPath) pair.
 */
export async function findPdfConverter(
  soffice?: string,
  searchPath: string | undefined = programSearchPath(),
): Promise<string | undefined> {
  const key = `${soffice ?? ''}\0${searchPath ?? ''}`;
  let found = converterCache.get(key);
  if (!found) {
    found = (async () => {
      if (soffice && (await isExecutableFile(soffice))) return soffice;
      return (await onPath('soffice', searchPath)) ?? (await onPath('libreoffice', searchPath));
    })();
    converterCache.set(key, found);
  }
  return found;
}

export type Converted = { ok: true; output: Uint8Array } | { ok: false; reason: 'unavailable' | 'failed'; detail: string };

export interface RunOutcome {
  /** Why the process could not be started (ENOENT, EACCES), if it could not. */
  spawnError: Error | null;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Enough of soffice's chatter to explain a failure; the rest is dropped. */
const MAX_OUTPUT = 64 * 1024;

/**
 * Runs soffice without a shell, as the leader of a new process group, so a timeout can kill the whole group: the
 * `soffice` command is a wrapper that starts `oosplash`, which starts `soffice.bin`, and killing only the wrapper would
 * leave the converter running and holding its profile folder. `spawn` rather than `execFile`, because execFile does not
 * pass `detached` on, and without it the children stay in this process's group.
 */
export function runSoffice(binary: string, args: string[], timeoutMs: number, tmpdir: string): Promise<RunOutcome> {
  return new Promise((resolve) => {
    let timedOut = false;
    let spawnError: Error | null = null;
    let stdout = '';
    let stderr = '';
    // The child gets this process's environment, as it would by default, except that LibreOffice's own temporary files
    // go in the conversion's folder, so a killed converter leaves nothing in the system's temporary folder.
    const env = childEnvironment({ TMPDIR: tmpdir });
    const child = spawn(binary, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone: 'close' reports how the process ended.
      }
    }, timeoutMs);
    // 'error' alone when the process could not be started; otherwise 'close' comes once it has exited and its output is read.
    child.on('error', (error) => {
      spawnError = error;
      if (child.pid === undefined) {
        clearTimeout(timer);
        resolve({ spawnError, code: null, signal: null, stdout, stderr, timedOut });
      }
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ spawnError, code, signal, stdout, stderr, timedOut });
    });
  });
}

export function outcomeDetail(outcome: RunOutcome, timeoutMs: number): string {
  const parts: string[] = [];
  if (outcome.timedOut) parts.push(`timed out after ${timeoutMs} ms`);
  else if (outcome.spawnError) parts.push(`could not start: ${outcome.spawnError.message}`);
  else if (outcome.signal) parts.push(`killed by ${outcome.signal}`);
  else parts.push(outcome.code === 0 ? 'exit code 0 but no output file' : `exit code ${outcome.code}`);
  const stderr = outcome.stderr.trim();
  const stdout = outcome.stdout.trim();
  if (stderr) parts.push(`stderr: ${stderr}`);
  if (stdout) parts.push(`stdout: ${stdout}`);
  return parts.join('; ');
}

/** setTimeout fires at once for a delay past 2^31 - 1 ms (about 24.8 days), so a longer one is clamped, not obeyed. */
export function timeoutOf(options: ConversionOptions): number {
  return Math.min(Math.max(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1), 2 ** 31 - 1);
}

/** The binary to run: the one given if it is executable, otherwise the one found on PATH; or why there is none. */
export async function converterBinary(
  soffice: string | undefined,
): Promise<{ binary: string } | { ok: false; reason: 'unavailable'; detail: string }> {
  if (soffice !== undefined) {
    if (!(await isExecutableFile(soffice))) return { ok: false, reason: 'unavailable', detail: `${soffice} is not an executable file` };
    return { binary: soffice };
  }
  const binary = await findPdfConverter();
  if (!binary) return { ok: false, reason: 'unavailable', detail: 'no soffice or libreoffice on PATH and no usable SOFFICE_PATH' };
  return { binary };
}

/** soffice's arguments for converting `source` into `outdir` with `filter`, on the profile at `profileUrl`. */
export function conversionArgs(profileUrl: string, filter: string, outdir: string, source: string): string[] {
  return [
    '--headless',
    '--norestore',
    '--nolockcheck',
    `-env:UserInstallation=${profileUrl}`,
    '--convert-to',
    filter,
    '--outdir',
    outdir,
    source,
  ];
}

/** Converts with a LibreOffice started for this file alone, on a fresh profile, and ended with it. */
export async function convertOnce(docx: Uint8Array, filter: string, extension: string, options: ConversionOptions): Promise<Converted> {
  const timeoutMs = timeoutOf(options);
  const found = await converterBinary(options.soffice);
  if (!('binary' in found)) return found;
  const { binary } = found;

  let work: string | undefined;
  try {
    work = await mkdtemp(path.join(os.tmpdir(), 'rostrum-convert-'));
    const input = path.join(work, 'in');
    const output = path.join(work, 'out');
    const profile = path.join(work, 'profile');
    const tmp = path.join(work, 'tmp');
    await Promise.all([mkdir(input), mkdir(output), mkdir(profile), mkdir(tmp)]);
    const source = path.join(input, 'document.docx');
    await writeFile(source, docx);
    const args = conversionArgs(pathToFileURL(profile).href, filter, output, source);
    const outcome = await runSoffice(binary, args, timeoutMs, tmp);
    // soffice exits with 0 even when it could not load or convert the file, so the output file is the only proof.
    const produced = path.join(output, `document.${extension}`);
    const written = await readdir(output);
    if (!outcome.timedOut && written.includes(`document.${extension}`)) {
      return { ok: true, output: new Uint8Array(await readFile(produced)) };
    }
    return { ok: false, reason: 'failed', detail: outcomeDetail(outcome, timeoutMs) };
  } catch (error) {
    return { ok: false, reason: 'failed', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    // A killed soffice may still be letting go of its profile for a moment: retry rather than leave the folder behind.
    if (work) await rm(work, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 }).catch(() => undefined);
    // LibreOffice removes its pipe when it exits, but not when it is killed.
    if (work)
      for (const pipe of instancePipePaths(pathToFileURL(path.join(work, 'profile')).href))
        await rm(pipe, { force: true }).catch(() => undefined);
  }
}

/** The DOCX as a PDF, through LibreOffice. Never throws for a conversion problem: it answers why there is no PDF. */
export async function convertDocxToPdf(docx: Uint8Array, options: ConversionOptions = {}): Promise<ConversionResult> {
  const converted = await convertOnce(docx, PDF_FILTER, 'pdf', options);
  return converted.ok ? { ok: true, pdf: converted.output } : converted;
}
