// The compiled build (dist/) for the tests that run it: the command-line tests, the worker threads and the browser
// suite's server. A build writes a digest of its inputs into dist/; a later call with the same inputs skips tsc, so
// `npm test` builds once (vitest's setup, then Playwright's) and a run with nothing changed builds not at all.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const INPUT_DIRS = ['src', 'migrations'];
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const STAMP = path.join('dist', '.test-build-inputs');

/** A digest of everything the build reads: the TypeScript under src/ and migrations/, the compiler settings, the lock file. */
function inputsDigest(root: string): string {
  const hash = createHash('sha256');
  const files = INPUT_DIRS.flatMap((d) =>
    readdirSync(path.join(root, d), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => path.join(d, f)),
  );
  for (const f of [...files.sort(), ...INPUT_FILES].filter((f) => existsSync(path.join(root, f)))) {
    hash.update(`${f}\0`);
    hash.update(readFileSync(path.join(root, f)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Runs `npm run build` in `root` unless dist/ was built from the sources as they are now. */
export function ensureBuilt(root: string): void {
  const digest = inputsDigest(root);
  const stamp = path.join(root, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return;
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, timeout: 120_000, stdio: 'inherit' });
  writeFileSync(stamp, digest);
}
