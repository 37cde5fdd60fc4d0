// The layout rules of docs/ARCHITECTURE.md, checked on the import graph of src/ (no database): no import cycles
// between files; other code enters a module only by its doors (index.ts, web/index.ts); the module ladder has no
// arrow running up; and a module's SQL names only its own schema.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, moduleOf, reachIns } from './source-graph.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { graph, sources } = importGraph(ROOT);

/**
 * The ladder, lowest first: a file may import only from its own rung or from a lower one, and modules on the same
 * rung do not import each other. The kernel is at the bottom, the web shell and the settings above it, then the
 * modules, then the JSON API and the application that assembles them.
 */
const LADDER: ReadonlyArray<readonly string[]> = [
  ['kernel'],
  ['web', 'config'],
  ['documents', 'uploads', 'delegations'],
  ['identity'],
  ['meetings'],
  ['statements'],
  ['compilation'],
  ['api'],
  ['demo'],
  ['app'],
  ['main'],
  ['cli', 'db-schema'],
];

function partOf(file: string): string {
  const module = moduleOf(file);
  if (module) return module;
  const [, first = ''] = file.split('/');
  return first.replace(/\.ts$/, '');
}

function rung(part: string): number {
  const found = LADDER.findIndex((parts) => parts.includes(part));
  if (found < 0) throw new Error(`${part} is on no rung of the ladder`);
  return found;
}

// Reach-ins not yet behind a door: none remain. Each entry added here must still exist (the test fails on a stale
// one), so the list only shrinks.
const KNOWN_REACH_INS: string[] = [];

const KNOWN_UPWARD: string[] = [];

const KNOWN_FOREIGN_SQL: string[] = [];

const SCHEMAS = ['kernel', 'identity', 'delegations', 'documents', 'meetings', 'statements', 'compilation'];
const TABLE_NAME = new RegExp(`\\b(${SCHEMAS.join('|')})\\.([a-z_]+)\\b`, 'g');

/** The schema-qualified table names in a file's string literals and templates (Kysely calls and sql`` alike). */
function tablesNamed(source: ts.SourceFile): string[] {
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      for (const m of node.text.matchAll(TABLE_NAME)) found.add(`${m[1]}.${m[2]}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found];
}

function foreignSql(): string[] {
  const found: string[] = [];
  for (const [file, source] of sources) {
    const module = moduleOf(file);
    if (!module) continue;
    for (const table of tablesNamed(source)) if (!table.startsWith(`${module}.`)) found.push(`${file} -> ${table}`);
  }
  return found.sort();
}

describe('source layout', () => {
  it('has no import cycle between files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('enters a module only by its doors', () => {
    const found = reachIns(graph).map((r) => `${r.from} -> ${r.to}`);
    expect(found.sort()).toEqual([...KNOWN_REACH_INS].sort());
  });

  it('has no arrow running up the module ladder', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        const from = partOf(file);
        const to = partOf(target);
        if (from === to) continue;
        if (rung(to) >= rung(from)) upward.push(`${file} -> ${to}`);
      }
    }
    expect([...new Set(upward)].sort()).toEqual([...KNOWN_UPWARD].sort());
  });

  it('names in SQL only the tables of the module it is in', () => {
    expect(foreignSql()).toEqual([...KNOWN_FOREIGN_SQL].sort());
  });
});
