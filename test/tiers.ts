// The test tiers, read from what each test file does (itself or through a helper under test/ or a fixture), so a
// new file lands in its tier without a list to keep:
// - slow: runs the compiled build (the `rostrum` command, worker threads on dist/), LibreOffice, xmllint or pdfinfo,
//   or says so in its first lines (`// Test tier: slow`), as the authorization matrix does;
// - db: opens a test database (testDatabase, the harness's injected target) and is not slow;
// - unit: everything else (pure code: domain rules, policies, renderers, the kernel, the web kit).
// Separately, the files that depend on the database engine (db and slow files that open a database): a run on
// server PostgreSQL runs only these, since every other file gives the same result on either engine. TEST_ALL=1
// runs everything on PostgreSQL too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type Tier = 'unit' | 'db' | 'slow';

const OPENS_A_DATABASE = /\btestDatabase\b|inject\('testDatabase'\)|TEST_DATABASE_URL/;
// LibreOffice (found through findPdfConverter), xmllint, pdfinfo, the compiled build (a path into dist/, the
// command's bin/rostrum.js).
const RUNS_SOMETHING_SLOW = /\bfindPdfConverter\b|['"](?:xmllint|pdfinfo|rostrum\.js)['"]|(?:\}|['"`]|\.\.\/)dist\/|bin\/rostrum\.js/;
const SAYS_SLOW = /^\/\/ Test tier: slow\b/m;

// This file names the markers without doing what they mark.
const SELF = path.join('test', 'tiers.ts');

export const TEST_DIRS: readonly string[] = ['src', 'migrations', 'test', 'bin'];

/** Every *.test.ts under `dirs`, relative to `root`, sorted. */
export function testFiles(root: string, dirs: readonly string[] = TEST_DIRS): string[] {
  return dirs
    .filter((d) => existsSync(path.join(root, d)))
    .flatMap((d) => readdirSync(path.join(root, d), { recursive: true, encoding: 'utf8' }).map((f) => path.join(d, f)))
    .filter((f) => f.endsWith('.test.ts') && !f.includes('node_modules'))
    .sort();
}

/** The code of a file without its comments (a comment that names LibreOffice does not run it). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

interface Traits {
  opensDatabase: boolean;
  slow: boolean;
}

/** What a file does, itself or through the test helpers it imports (product code never opens the test database). */
function traitsReader(root: string): (file: string) => Traits {
  const known = new Map<string, Traits>();
  const read = (file: string, seen: Set<string>): Traits => {
    const cached = known.get(file);
    if (cached) return cached;
    if (seen.has(file) || file === SELF) return { opensDatabase: false, slow: false };
    seen.add(file);
    const text = readFileSync(path.join(root, file), 'utf8');
    const body = code(text);
    const traits = { opensDatabase: OPENS_A_DATABASE.test(body), slow: RUNS_SOMETHING_SLOW.test(body) || SAYS_SLOW.test(text) };
    for (const m of body.matchAll(/from '(\.[^']+)'/g)) {
      const target = path.normalize(path.join(path.dirname(file), m[1]!.replace(/\.js$/, '.ts')));
      const helper = target.startsWith(`test${path.sep}`) || /fixture/.test(target);
      if (!helper || !existsSync(path.join(root, target))) continue;
      const t = read(target, seen);
      traits.opensDatabase ||= t.opensDatabase;
      traits.slow ||= t.slow;
    }
    known.set(file, traits);
    return traits;
  };
  return (file) => read(file, new Set());
}

/**
 * Whether this run is on server PostgreSQL and takes only the engine-dependent files (the others were run on the
 * embedded engine and give the same result on either); TEST_ALL=1 takes every file there too.
 */
export function engineDependentOnly(): boolean {
  return process.env.TEST_DATABASE_URL !== undefined && process.env.TEST_ALL !== '1';
}

/** Every test file, relative to `root`, with its tier and whether it depends on the database engine. */
export function classifyTestFiles(
  root: string,
  dirs: readonly string[] = TEST_DIRS,
): Array<{ file: string; tier: Tier; engineDependent: boolean }> {
  const traits = traitsReader(root);
  return testFiles(root, dirs).map((file) => {
    const t = traits(file);
    return { file, tier: t.slow ? 'slow' : t.opensDatabase ? 'db' : 'unit', engineDependent: t.opensDatabase };
  });
}
