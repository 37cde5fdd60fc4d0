// Which test files depend on the database engine: those that open a test database (testDatabase, the harness's
// injected target) themselves or through a helper under test/ (fixtures, the app and CLI harnesses). A run on
// server PostgreSQL runs only these: every other file tests pure code and gives the same result on either engine,
// so running it twice would only cost time. TEST_ALL=1 runs everything on PostgreSQL too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const OPENS_A_DATABASE = /\btestDatabase\b|inject\('testDatabase'\)|TEST_DATABASE_URL/;

function testFiles(root: string, dirs: readonly string[]): string[] {
  return dirs
    .filter((d) => existsSync(path.join(root, d)))
    .flatMap((d) => readdirSync(path.join(root, d), { recursive: true, encoding: 'utf8' }).map((f) => path.join(d, f)))
    .filter((f) => f.endsWith('.test.ts') && !f.includes('node_modules'));
}

/** The test files, relative to `root`, that touch the database engine. */
export function engineDependentTestFiles(root: string, dirs: readonly string[] = ['src', 'migrations', 'test', 'bin']): string[] {
  const known = new Map<string, boolean>();
  const depends = (file: string, seen: Set<string>): boolean => {
    const cached = known.get(file);
    if (cached !== undefined) return cached;
    if (seen.has(file)) return false;
    seen.add(file);
    const text = readFileSync(path.join(root, file), 'utf8');
    let result = OPENS_A_DATABASE.test(text);
    for (const m of result ? [] : text.matchAll(/from '(\.[^']+)'/g)) {
      // Only the test helpers are followed: product code never opens the test database.
      const target = path.normalize(path.join(path.dirname(file), m[1]!.replace(/\.js$/, '.ts')));
      const helper = target.startsWith(`test${path.sep}`) || /fixture/.test(target);
      if (helper && existsSync(path.join(root, target)) && depends(target, seen)) {
        result = true;
        break;
      }
    }
    known.set(file, result);
    return result;
  };
  return testFiles(root, dirs).filter((f) => depends(f, new Set()));
}
