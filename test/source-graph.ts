// The import graph of src/: which file imports (or re-exports) which, read with the TypeScript parser. Used by the
// layout test (test/source-layout.test.ts) and by reports on the shape of the code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Each source file (relative to the root, forward slashes) and the source files it imports. */
export type ImportGraph = Map<string, string[]>;

export interface SourceGraph {
  graph: ImportGraph;
  /** Each file's parsed source, for checks that read more than the imports. */
  sources: Map<string, ts.SourceFile>;
}

function sourceFiles(root: string, dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) found.push(full);
    }
  };
  walk(path.join(root, dir));
  return found.map((file) => path.relative(root, file).split(path.sep).join('/')).sort();
}

/** The relative specifiers of a file's static imports and re-exports. */
function specifiersOf(source: ts.SourceFile): string[] {
  const found: string[] = [];
  for (const node of source.statements) {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      found.push(node.moduleSpecifier.text);
  }
  return found.filter((specifier) => specifier.startsWith('.'));
}

function resolve(from: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return [base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}/index.ts`].find((candidate) => known.has(candidate));
}

/** The import graph of `rootDir/src` (tests left out). */
export function importGraph(rootDir: string): SourceGraph {
  const files = sourceFiles(rootDir, 'src');
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  const sources = new Map<string, ts.SourceFile>();
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(path.join(rootDir, file), 'utf8'), ts.ScriptTarget.Latest, true);
    sources.set(file, source);
    const targets = specifiersOf(source).flatMap((specifier) => resolve(file, specifier, known) ?? []);
    graph.set(file, [...new Set(targets)]);
  }
  return { graph, sources };
}

/** Import cycles: the strongly connected components of more than one file (Tarjan), each sorted. */
export function cycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) connect(file);
  return found;
}

/** The module a file belongs to (`src/modules/<name>/...`), if any. */
export function moduleOf(file: string): string | undefined {
  return /^src\/modules\/([^/]+)\//.exec(file)?.[1];
}

/** A module's two doors: what other code may import from it. */
export const DOORS = ['index.ts', 'web/index.ts'];

/** Imports from outside a module into its files other than its doors (`src/db-schema.ts` may read `tables.ts`). */
export function reachIns(graph: ImportGraph): Array<{ from: string; to: string }> {
  const found: Array<{ from: string; to: string }> = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const owner = moduleOf(target);
      if (owner === undefined || moduleOf(file) === owner) continue;
      const inside = target.slice(`src/modules/${owner}/`.length);
      if (DOORS.includes(inside)) continue;
      if (file === 'src/db-schema.ts' && inside === 'tables.ts') continue;
      found.push({ from: file, to: target });
    }
  }
  return found;
}
