// `rostrum inspect <file>`: runs the checks a written statement or a cover letter gets on upload (the same
// inspection, on the same worker pool) and prints the outcome, for the Secretariat's help desk and for scripts.
// Exit code 0 when the file would be accepted (with or without warnings), 2 when it would be refused, 1 when the
// check itself could not run (a wrong option, an unreadable path).
import { open, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  closeInspectionPool,
  inspectInWorker,
  DEFAULT_MAX_BYTES,
  tooLargeError,
  type InspectionKind,
  type InspectionResult,
} from '../modules/uploads/index.js';

export const inspectUsage =
  'Usage: rostrum inspect <file> [--as statement|cover-letter] [--json] [--guidance <words>] [--signatory <name>]...\n' +
  '  --as         what the file is submitted as (statement unless given)\n' +
  '  --json       print one JSON object: outcome, words, footnoteWords, warnings, error\n' +
  '  --guidance   the debate’s guidance on length, in words (a longer statement gets a warning)\n' +
  '  --signatory  an authorised signatory of the mission, once per name (a cover letter naming none gets a warning)';

interface Parsed {
  file: string;
  kind: InspectionKind;
  json: boolean;
  guidance?: number;
  signatories: string[];
}

class UsageError extends Error {}

export async function runInspect(args: string[], out: (s: string) => void): Promise<number> {
  const json = args.includes('--json');
  let parsed: Parsed;
  try {
    parsed = parse(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    return failure(out, json, 'input.invalid', `rostrum inspect: ${err.message}\n${inspectUsage}`);
  }

  let result: Pick<InspectionResult, 'outcome' | 'kind' | 'words' | 'footnoteWords' | 'warnings' | 'error'>;
  try {
    const size = (await stat(parsed.file)).size;
    // A file over the limit is refused without reading it: it could be any size at all.
    if (size > DEFAULT_MAX_BYTES) {
      result = { outcome: 'reject', warnings: [], error: tooLargeError(size) };
    } else {
      const bytes = await readAtMost(parsed.file, DEFAULT_MAX_BYTES + 1);
      result = await inspectInWorker(parsed.kind, bytes, {
        ...(parsed.guidance !== undefined ? { wordGuidance: parsed.guidance } : {}),
        ...(parsed.signatories.length > 0 ? { signatories: parsed.signatories } : {}),
      });
    }
  } catch (err) {
    const reason = fileProblem(err);
    if (reason !== undefined) return failure(out, json, 'input.invalid', `rostrum inspect: cannot read ${parsed.file}: ${reason}.`);
    return failure(out, json, 'internal', `rostrum inspect: the check could not run: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await closeInspectionPool();
  }

  out(parsed.json ? JSON.stringify(jsonOutput(result)) : humanOutput(parsed.file, result));
  return result.outcome === 'reject' ? 2 : 0;
}

function parse(args: string[]): Parsed {
  let values: { as?: string | undefined; json?: boolean | undefined; guidance?: string | undefined; signatory?: string[] | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: {
        as: { type: 'string' },
        json: { type: 'boolean' },
        guidance: { type: 'string' },
        signatory: { type: 'string', multiple: true },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (err) {
    // Node's messages ("Unknown option '--x'", "Option '--as <value>' argument missing") are clear enough.
    throw new UsageError((err as Error).message.replace(/\.?$/, '.'));
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'Give the file to inspect.' : 'Give one file at a time.');
  const kind = values.as ?? 'statement';
  if (kind !== 'statement' && kind !== 'cover-letter') throw new UsageError(`--as takes statement or cover-letter, not "${kind}".`);
  let guidance: number | undefined;
  if (values.guidance !== undefined) {
    guidance = Number(values.guidance);
    if (!Number.isInteger(guidance) || guidance < 1)
      throw new UsageError('--guidance takes a whole number of words, such as --guidance 500.');
  }
  return {
    file: positionals[0]!,
    kind,
    json: values.json === true,
    ...(guidance !== undefined ? { guidance } : {}),
    signatories: values.signatory ?? [],
  };
}

async function readAtMost(file: string, limit: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(limit);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, limit - length, null);
      if (bytesRead === 0 || (length += bytesRead) >= limit) break;
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
  } finally {
    await handle.close();
  }
}

function fileProblem(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'there is no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    default:
      return typeof code === 'string' && code.startsWith('E') ? `${code}` : undefined;
  }
}

function failure(out: (s: string) => void, json: boolean, code: string, message: string): number {
  out(json ? JSON.stringify({ error: { code, message } }) : message);
  return 1;
}

function jsonOutput(result: Pick<InspectionResult, 'outcome' | 'words' | 'footnoteWords' | 'warnings' | 'error'>): object {
  return {
    outcome: result.outcome,
    ...(result.words !== undefined ? { words: result.words, footnoteWords: result.footnoteWords ?? 0 } : {}),
    warnings: result.warnings.map((w) => ({ code: w.code, message: w.message })),
    ...(result.error ? { error: { code: result.error.code, message: result.error.message } } : {}),
  };
}

function humanOutput(
  file: string,
  result: Pick<InspectionResult, 'outcome' | 'kind' | 'words' | 'footnoteWords' | 'warnings' | 'error'>,
): string {
  if (result.outcome === 'reject') {
    const lines = [`${file}: refused (${result.error?.code ?? 'unknown'})`, `  ${result.error?.message ?? ''}`];
    if (result.error?.detail) lines.push(`  Detail: ${result.error.detail}`);
    return lines.join('\n');
  }
  const what =
    result.kind === 'pdf'
      ? 'PDF'
      : `Word document, ${plural(result.words ?? 0, 'word')}${
          result.footnoteWords ? `, and ${plural(result.footnoteWords, 'word')} in footnotes and endnotes` : ''
        }`;
  const head = result.warnings.length === 0 ? 'accepted' : `accepted with ${plural(result.warnings.length, 'warning')}`;
  return [`${file}: ${head} (${what})`, ...result.warnings.map((w) => `  - ${w.code}: ${w.message}`)].join('\n');
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
