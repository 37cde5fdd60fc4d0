// The server's PDF converter: one LibreOffice kept running between conversions. Starting LibreOffice costs about 4 s of
// a core for each file; converting the announcement letter in a LibreOffice already running takes a few tenths of a
// second.
//
// How: LibreOffice runs headless on a user profile of its own, listening on a named pipe (`--accept`: without it,
// LibreOffice ends a few seconds after starting) with a small text document open (without one, it ends after the first
// conversion handed to it). It is ready once that pipe exists: the pipe is opened last, after a new profile's restart. A
// conversion runs `soffice --convert-to` on the same profile, as a file-by-file conversion would: that soffice finds
// the running LibreOffice by the profile (LibreOffice's own pipe for other instances), hands its command line over,
// waits for the conversion to be done and exits. The file is converted by the LibreOffice kept running.
//
// Safety, as for a conversion of its own: LibreOffice runs in a process group of its own, under a small shell that ends
// the whole group when this process goes away (its standard input, a pipe from here, closes), so no LibreOffice outlives
// the server, even one killed outright. Conversions go one at a time. One that runs out of time has its soffice and the
// LibreOffice kept running killed; the next conversion starts a new one. LibreOffice is also replaced after
// MAX_CONVERSIONS files, so that whatever it keeps from one file to the next stays bounded. When it cannot be started
// (its pipe is not found, or the first conversion fails), conversions fall back to starting LibreOffice for each file
// (pdf.ts), and starting it is tried again a minute later. Without LibreOffice, the answer is 'unavailable' with the
// reason, as before.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { childEnvironment } from '../../../config.js';
import { AppError } from '../../../kernel/errors.js';
import { instancePipePaths, pipePaths } from './office-pipes.js';
import {
  conversionArgs,
  converterBinary,
  convertOnce,
  outcomeDetail,
  PDF_FILTER,
  runSoffice,
  timeoutOf,
  type ConversionOptions,
  type ConversionResult,
  type Converted,
} from './pdf.js';

export interface ConverterLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface PdfConverterOptions {
  /** The LibreOffice binary (the SOFFICE_PATH setting); undefined: soffice or libreoffice found on PATH. */
  soffice?: string;
  /** Keep LibreOffice running between conversions (true by default); false: start it for each file. */
  warm?: boolean;
  log?: ConverterLog;
  /** Longest that starting LibreOffice, up to its first conversion, may take; 60 s by default. */
  startTimeoutMs?: number;
  /** Conversions by one LibreOffice before it is replaced; MAX_CONVERSIONS by default. */
  maxConversions?: number;
}

export const MAX_CONVERSIONS = 200;
const START_TIMEOUT_MS = 60_000;
/** After LibreOffice could not be started, conversions start it for each file for this long before it is tried again. */
const RETRY_START_MS = 60_000;
const PIPE_POLL_MS = 50;
/** Enough of LibreOffice's chatter to explain a failure; older output is dropped. */
const MAX_OUTPUT = 64 * 1024;

/**
 * The shell LibreOffice runs under: its standard input is a pipe from the server, read to its end by `cat`; when the
 * server goes away the pipe closes, and the whole process group is killed. When LibreOffice ends by itself, so does the
 * group. "$@" is the soffice command.
 */
const GUARD = 'exec 3<&0 </dev/null; "$@" & office=$!; { cat <&3 >/dev/null; kill -KILL 0; } & wait "$office"; kill -KILL 0';

/** The smallest Word document, converted first to check that LibreOffice answers and to load its Word import and PDF export. */
const FIRST_DOCUMENT = zipSync(
  {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Ready.</w:t></w:r></w:p></w:body></w:document>',
    ),
  },
  { mtime: new Date('2000-01-01T00:00:00Z') },
);

const FOLDER_PREFIX = 'rostrum-office-';
/** A folder without its pid file younger than this may be one another process is starting right now. */
const STARTING_FOLDER_MS = 10 * 60_000;
let abandonedRemoved = false;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes, once per process, what a LibreOffice kept running left behind when its server was killed outright (the
 * guard then ends LibreOffice, but nothing is left to remove its folder and pipes): folders whose process group is gone.
 */
async function removeAbandoned(): Promise<void> {
  if (abandonedRemoved) return;
  abandonedRemoved = true;
  const dir = os.tmpdir();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(FOLDER_PREFIX)) continue;
    const folder = path.join(dir, name);
    const pid = Number((await readFile(path.join(folder, 'pid'), 'utf8').catch(() => '')).trim());
    if (pid > 0) {
      if (isRunning(pid)) continue;
    } else {
      const made = (await stat(folder).catch(() => undefined))?.mtimeMs ?? 0;
      if (Date.now() - made < STARTING_FOLDER_MS) continue;
    }
    for (const pipe of [...pipePaths(name), ...instancePipePaths(pathToFileURL(path.join(folder, 'profile')).href)])
      await rm(pipe, { force: true }).catch(() => undefined);
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Why a LibreOffice could not be kept running; caught by officeFor, which logs it and converts file by file. */
const notStarted = (detail: string) => new AppError('document.converter_not_started', { detail });

class Stopped extends Error {
  constructor() {
    super('stopped');
  }
}

/** One LibreOffice kept running. */
class Office {
  readonly ready: Promise<void>;
  conversions = 0;
  private child: ChildProcess | undefined;
  private exited = false;
  private stopping = false;
  private work: string | undefined;
  private profileUrl = '';
  private pipes: string[] = [];
  private output = '';
  private dropped = 0;
  private next = 0;

  constructor(
    private readonly binary: string,
    private readonly startTimeoutMs: number,
  ) {
    this.ready = this.start();
    // A start that fails is reported to whoever awaits it; this keeps it from being an unhandled rejection meanwhile.
    this.ready.catch(() => undefined);
  }

  /** Running, and not being stopped. */
  get alive(): boolean {
    return this.child !== undefined && !this.exited && !this.stopping;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private mark(): number {
    return this.dropped + this.output.length;
  }

  private outputSince(mark: number): string {
    return this.output.slice(Math.max(0, mark - this.dropped)).trim();
  }

  private keep(chunk: string): void {
    this.output += chunk;
    if (this.output.length > MAX_OUTPUT) {
      const cut = this.output.length - MAX_OUTPUT;
      this.output = this.output.slice(cut);
      this.dropped += cut;
    }
  }

  private check(): void {
    if (this.stopping) throw new Stopped();
  }

  private async start(): Promise<void> {
    const started = performance.now();
    await removeAbandoned();
    this.work = await mkdtemp(path.join(os.tmpdir(), FOLDER_PREFIX));
    this.check();
    const profile = path.join(this.work, 'profile');
    const tmp = path.join(this.work, 'tmp');
    const kept = path.join(this.work, 'kept-open.txt');
    await Promise.all([
      mkdir(profile),
      mkdir(tmp),
      mkdir(path.join(this.work, 'jobs')),
      writeFile(kept, 'LibreOffice keeps this document open, and so keeps running between conversions.\n'),
    ]);
    this.check();
    this.profileUrl = pathToFileURL(profile).href;
    // The pipe is named after the folder, so that what is left of a LibreOffice killed outright can be found.
    const acceptName = path.basename(this.work);
    const accepting = pipePaths(acceptName);
    this.pipes = [...accepting, ...instancePipePaths(this.profileUrl)];
    // The child gets this process's environment, with its temporary files in its own folder.
    const env = childEnvironment({ TMPDIR: tmp });
    const args = [
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nologo',
      `--accept=pipe,name=${acceptName};urp;`,
      `-env:UserInstallation=${this.profileUrl}`,
      kept,
    ];
    const child = spawn('/bin/sh', ['-c', GUARD, 'rostrum-office', this.binary, ...args], {
      detached: true,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child = child;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.keep(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.keep(chunk));
    // The pipe is how the guard knows the server is there: an error on it (the guard gone) must not reach the process.
    child.stdin?.on('error', () => undefined);
    const exited = new Promise<void>((resolve) => {
      child.on('error', (error) => {
        this.keep(`could not start: ${error.message}\n`);
        this.exited = true;
        resolve();
      });
      child.on('exit', () => {
        this.exited = true;
        resolve();
      });
    });
    if (child.pid !== undefined) await writeFile(path.join(this.work, 'pid'), String(child.pid));

    // Ready first: a soffice started before would become a LibreOffice of its own on the same profile, or wait long.
    const deadline = started + this.startTimeoutMs;
    while (!accepting.some((p) => existsSync(p))) {
      this.check();
      if (this.exited) throw notStarted(`LibreOffice ended while starting: ${this.outputSince(0) || 'no output'}`);
      if (performance.now() > deadline)
        throw notStarted(`LibreOffice's pipe (${accepting[0]}) did not appear within ${this.startTimeoutMs} ms`);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, PIPE_POLL_MS))]);
    }
    const first = await this.convert(FIRST_DOCUMENT, PDF_FILTER, 'pdf', Math.max(1, deadline - performance.now()));
    this.check();
    if (!first.ok) throw notStarted(`LibreOffice did not convert a first document: ${first.detail}`);
    this.conversions = 0;
  }

  /** Hands one file to this LibreOffice. `lost`: LibreOffice is no longer running (killed after a timeout, or it ended). */
  async convert(docx: Uint8Array, filter: string, extension: string, timeoutMs: number): Promise<Converted & { lost: boolean }> {
    if (!this.work || !this.alive) return { ok: false, reason: 'failed', detail: 'LibreOffice is not running', lost: true };
    const job = path.join(this.work, 'jobs', String(++this.next));
    this.conversions++;
    try {
      const input = path.join(job, 'in');
      const output = path.join(job, 'out');
      const tmp = path.join(job, 'tmp');
      await mkdir(job);
      await Promise.all([mkdir(input), mkdir(output), mkdir(tmp)]);
      const source = path.join(input, 'document.docx');
      await writeFile(source, docx);
      const mark = this.mark();
      const outcome = await runSoffice(this.binary, conversionArgs(this.profileUrl, filter, output, source), timeoutMs, tmp);
      if (outcome.timedOut) {
        // LibreOffice may be stuck on this file: it goes too, and the next conversion starts another.
        this.kill();
        return { ok: false, reason: 'failed', detail: outcomeDetail(outcome, timeoutMs), lost: true };
      }
      const name = `document.${extension}`;
      if ((await readdir(output)).includes(name))
        return { ok: true, output: new Uint8Array(await readFile(path.join(output, name))), lost: !this.alive };
      // LibreOffice writes why (such as "source file could not be loaded") on its own output, a moment before the
      // handing soffice exits.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const said = this.outputSince(mark);
      return {
        ok: false,
        reason: 'failed',
        detail: `${outcomeDetail(outcome, timeoutMs)}${said ? `; LibreOffice: ${said}` : ''}`,
        lost: !this.alive,
      };
    } catch (error) {
      return { ok: false, reason: 'failed', detail: error instanceof Error ? error.message : String(error), lost: !this.alive };
    } finally {
      await rm(job, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 }).catch(() => undefined);
    }
  }

  private kill(): void {
    const pid = this.child?.pid;
    if (pid === undefined || this.exited) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  }

  /** Ends LibreOffice and everything it started, and removes its folder and pipe. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child && !this.exited) {
      const gone = new Promise<void>((resolve) => {
        if (this.exited) resolve();
        child.once('exit', () => resolve());
      });
      child.stdin?.end();
      this.kill();
      await gone;
    }
    await this.ready.catch(() => undefined);
    for (const pipe of this.pipes) await rm(pipe, { force: true }).catch(() => undefined);
    if (this.work) await rm(this.work, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 }).catch(() => undefined);
  }
}

/**
 * PDFs from DOCX files through a LibreOffice kept running (see the top of this file); with `warm: false`, LibreOffice is
 * started for each file. Never throws for a conversion problem: it answers why there is no PDF. Everything it does
 * (starting LibreOffice, converting) goes one at a time, in the order asked.
 */
export class PdfConverter {
  private readonly warm: boolean;
  private readonly log: ConverterLog | undefined;
  private readonly startTimeoutMs: number;
  private readonly maxConversions: number;
  private office: Office | undefined;
  private startAgainAt = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: PdfConverterOptions = {}) {
    this.warm = options.warm ?? true;
    this.log = options.log;
    this.startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
    this.maxConversions = options.maxConversions ?? MAX_CONVERSIONS;
  }

  /** The pid of the LibreOffice process group kept running, if there is one (for tests and diagnostics). */
  get officePid(): number | undefined {
    return this.office?.alive ? this.office.pid : undefined;
  }

  private inTurn<T>(task: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(task);
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Starts LibreOffice in the background (when it is to be kept running and is not), so that the conversion to come
   * finds it running. Never throws.
   */
  prepare(): void {
    if (!this.warm || this.stopped || this.office?.alive) return;
    void this.inTurn(async () => {
      const found = await converterBinary(this.options.soffice);
      if ('binary' in found) await this.officeFor(found.binary);
    });
  }

  /** The running LibreOffice, started if need be; undefined when it cannot be (convert file by file then). */
  private async officeFor(binary: string): Promise<Office | undefined> {
    if (this.stopped) return undefined;
    if (this.office?.alive) return this.office;
    if (this.office) void this.office.stop();
    this.office = undefined;
    if (Date.now() < this.startAgainAt) return undefined;
    const office = new Office(binary, this.startTimeoutMs);
    this.office = office;
    const t0 = performance.now();
    try {
      await office.ready;
      this.log?.info({ pid: office.pid, ms: Math.round(performance.now() - t0) }, 'LibreOffice is running for PDF conversions');
      return office.alive ? office : undefined;
    } catch (err) {
      if (this.office === office) this.office = undefined;
      void office.stop();
      if (err instanceof Stopped) return undefined;
      this.startAgainAt = Date.now() + RETRY_START_MS;
      this.log?.warn({ err }, 'LibreOffice could not be kept running; for a minute, each PDF starts it for itself');
      return undefined;
    }
  }

  /** The DOCX as a PDF (tagged, PDF/UA). */
  convertToPdf(docx: Uint8Array, options: Pick<ConversionOptions, 'timeoutMs'> = {}): Promise<ConversionResult> {
    return this.inTurn(async () => {
      const timeoutMs = timeoutOf(options);
      const found = await converterBinary(this.options.soffice);
      if (!('binary' in found)) return found;
      const office = this.warm ? await this.officeFor(found.binary) : undefined;
      let converted: Converted;
      if (office) {
        const handed = await office.convert(docx, PDF_FILTER, 'pdf', timeoutMs);
        if (handed.lost || office.conversions >= this.maxConversions) this.retire(office);
        converted = handed;
      } else {
        converted = await convertOnce(docx, PDF_FILTER, 'pdf', { soffice: found.binary, timeoutMs });
      }
      return converted.ok ? { ok: true, pdf: converted.output } : { ok: false, reason: converted.reason, detail: converted.detail };
    });
  }

  /** Lets this LibreOffice go (killed, ended, or done enough files); the next one starts in the background. */
  private retire(office: Office): void {
    if (this.office === office) this.office = undefined;
    void office.stop();
    this.prepare();
  }

  /**
   * Ends the LibreOffice kept running, at once (the server stops the job runner first, so no conversion is in hand), and
   * waits for anything queued to settle; conversions asked for later start LibreOffice for each file.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    // A LibreOffice still starting is ended now rather than waited for.
    const starting = this.office;
    await starting?.stop();
    await this.queue;
    const office = this.office;
    this.office = undefined;
    await office?.stop();
  }
}
