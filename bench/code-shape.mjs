// The shape of the source: the largest files, the longest functions, import cycles between files, imports that reach
// into another module's insides (anything but its two doors, index.ts and web/index.ts), and lines over the
// formatter's width. `node bench/code-shape.mjs [root]` prints a Markdown table; the root defaults to this checkout,
// so the same script measures an older checkout for a before-and-after comparison.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const WIDTH = 140;

/** Every TypeScript source file under `dir` (tests excluded), as paths relative to `root` with forward slashes. */
function sourceFiles(root, dir) {
  const found = [];
  const walk = (at) => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) found.push(full);
    }
  };
  walk(path.join(root, dir));
  return found.map((file) => path.relative(root, file).split(path.sep).join('/')).sort();
}

/** The relative module specifiers a file imports or re-exports, static or dynamic. */
function specifiersOf(source) {
  const found = [];
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteral(first)) found.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((specifier) => specifier.startsWith('.'));
}

/** Where a relative specifier of `from` lands among `known` files (`.js` written for `.ts`, or a folder's index). */
function resolve(from, specifier, known) {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}/index.ts`];
  return candidates.find((candidate) => known.has(candidate));
}

/** The import graph of `src/`: each file and the source files it imports. */
export function importGraph(root) {
  const files = sourceFiles(root, 'src');
  const known = new Set(files);
  const graph = new Map();
  const sources = new Map();
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    sources.set(file, source);
    const targets = specifiersOf(source)
      .map((specifier) => resolve(file, specifier, known))
      .filter(Boolean);
    graph.set(file, [...new Set(targets)]);
  }
  return { graph, sources };
}

/** Strongly connected components of more than one file (Tarjan), each a sorted list of files. */
export function cycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const connect = (file) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file), index.get(target)));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) connect(file);
  return found;
}

const moduleOf = (file) => /^src\/modules\/([^/]+)\//.exec(file)?.[1];
const DOORS = ['index.ts', 'web/index.ts'];

/** Imports from outside module X into X's files other than its doors (`src/db-schema.ts` may read `tables.ts`). */
export function reachIns(graph) {
  const found = [];
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

/** Imports from the kernel to anything outside it (the kernel sits at the bottom of the ladder). */
export function kernelUpward(graph) {
  const found = [];
  for (const [file, targets] of graph) {
    if (!file.startsWith('src/kernel/')) continue;
    for (const target of targets) if (!target.startsWith('src/kernel/')) found.push({ from: file, to: target });
  }
  return found;
}

/** Every function-like node with its name and length in lines, longest first. */
function functionLengths(sources) {
  const found = [];
  for (const [file, source] of sources) {
    const visit = (node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        found.push({ file, line: start + 1, name: functionName(node), lines: end - start + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found.sort((a, b) => b.lines - a.lines);
}

function functionName(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isCallExpression(parent)) {
    const callee = parent.expression.getText();
    const [first] = parent.arguments;
    return first && ts.isStringLiteral(first) ? `${callee}('${first.text}', …)` : `(argument of ${callee})`;
  }
  return '(anonymous)';
}

/** Lines over the formatter's width in the given files. */
function longLines(root, files) {
  let count = 0;
  for (const file of files) {
    for (const line of readFileSync(path.join(root, file), 'utf8').split('\n')) if (line.length > WIDTH) count += 1;
  }
  return count;
}

/** Every measure, as plain data. */
export function codeShape(root) {
  const { graph, sources } = importGraph(root);
  const files = [...graph.keys()];
  const sizes = files
    .map((file) => ({ file, lines: readFileSync(path.join(root, file), 'utf8').split('\n').length }))
    .sort((a, b) => b.lines - a.lines);
  const allTs = [...files, ...sourceFiles(root, 'test'), ...sourceFilesIfPresent(root, 'migrations')];
  const found = cycles(graph);
  return {
    files: files.length,
    lines: sizes.reduce((sum, { lines }) => sum + lines, 0),
    largest: sizes.slice(0, 5),
    filesOver300: sizes.filter(({ lines }) => lines > 300).length,
    longest: functionLengths(sources).slice(0, 5),
    cycles: found.length,
    filesInCycles: found.reduce((sum, component) => sum + component.length, 0),
    reachIns: reachIns(graph),
    kernelUpward: kernelUpward(graph),
    longLinesSrc: longLines(root, files),
    longLinesAll: longLines(root, allTs),
  };
}

function sourceFilesIfPresent(root, dir) {
  try {
    return sourceFiles(root, dir);
  } catch {
    return [];
  }
}

function report(shape) {
  const rows = [
    ['Source files (src, without tests)', `${shape.files} files, ${shape.lines} lines`],
    [
      'Largest source file',
      shape.largest
        .map(({ file, lines }) => `${file} (${lines})`)
        .slice(0, 3)
        .join('; '),
    ],
    ['Files over 300 lines', String(shape.filesOver300)],
    [
      'Longest function',
      shape.longest
        .map(({ file, line, name, lines }) => `${name} ${file}:${line} (${lines})`)
        .slice(0, 3)
        .join('; '),
    ],
    ['Import cycles (files in them)', `${shape.cycles} (${shape.filesInCycles})`],
    ["Imports into another module's insides", String(shape.reachIns.length)],
    ['Kernel imports from above it', String(shape.kernelUpward.length)],
    [`Lines over ${WIDTH} columns (src / src, test, migrations)`, `${shape.longLinesSrc} / ${shape.longLinesAll}`],
  ];
  return ['| Measure | Value |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const shape = codeShape(root);
  console.log(report(shape));
  if (process.argv.includes('--list')) {
    for (const { from, to } of shape.reachIns) console.log(`reach-in: ${from} -> ${to}`);
    for (const { from, to } of shape.kernelUpward) console.log(`kernel up: ${from} -> ${to}`);
  }
}
