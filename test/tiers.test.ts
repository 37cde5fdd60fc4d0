// The tiers lose no test file: every *.test.ts of the repository is in exactly one project of the vitest
// configuration, and the classification puts the files whose cost is known where they belong.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config from '../vitest.config.js';
import { classifyTestFiles, engineDependentOnly } from './tiers.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every *.test.ts in the repository, wherever it is (outside node_modules, dist and dot folders). */
function everyTestFile(dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.') ? [] : everyTestFile(rel);
    return e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

describe('test tiers', () => {
  const tierOf = new Map(classifyTestFiles(root).map((f) => [f.file, f.tier]));

  it('puts every test file in exactly one project', () => {
    const projects = (config.test?.projects ?? []) as Array<{ test: { name: string; include: string[] } }>;
    expect(projects.map((p) => p.test.name)).toEqual(['unit', 'db', 'slow']);
    const listed = projects.flatMap((p) => p.test.include);
    expect(listed.length).toBe(new Set(listed).size);
    // On server PostgreSQL only the engine-dependent files are listed (vitest.config.ts).
    const serverOnly = engineDependentOnly();
    const engineDependent = new Set(
      classifyTestFiles(root)
        .filter((f) => f.engineDependent)
        .map((f) => f.file),
    );
    const expected = everyTestFile().filter((f) => !serverOnly || engineDependent.has(f));
    expect([...listed].sort()).toEqual(expected.sort());
  });

  it('sorts files by what they do', () => {
    expect(tierOf.get('src/modules/meetings/domain/submission-window.test.ts')).toBe('unit');
    expect(tierOf.get('src/modules/identity/policies.test.ts')).toBe('unit');
    expect(tierOf.get('src/modules/meetings/commands/create-debate.test.ts')).toBe('db');
    expect(tierOf.get('test/cli.test.ts')).toBe('slow');
    expect(tierOf.get('src/modules/documents/render/pdf.test.ts')).toBe('slow');
    expect(tierOf.get('src/modules/uploads/pool.test.ts')).toBe('slow');
    expect(tierOf.get('test/authorization-matrix.test.ts')).toBe('slow');
    expect(tierOf.get('test/tiers.test.ts')).toBe('unit');
  });
});
