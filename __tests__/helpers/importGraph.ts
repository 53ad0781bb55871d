/**
 * The import graph of a TypeScript source tree, read with the compiler's own import scanner
 * (ts.preProcessFile: static imports, `export ... from`, `import type` and dynamic `import()`),
 * and the layering rules of src/ (BRIEF.md, "Shape of the code") checked over it.
 * NodeNext specifiers name the emitted file (`./plan.js`); each maps back to its `.ts` source.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

export interface ImportGraph {
  /** Every source file, `/`-separated and relative to the root (`core/plan.ts`). */
  files: string[];
  /** Per file: the source files it imports (root-relative). */
  edges: ReadonlyMap<string, readonly string[]>;
  /** Per file: the specifiers that are not relative (`node:fs`, `yargs`, `@actions/core`). */
  packages: ReadonlyMap<string, readonly string[]>;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Reads every `.ts` file under `root`; a relative import that reaches no source file is an error. */
export function importGraph(root: string): ImportGraph {
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  const files = sourceFiles(root).map(rel).sort();
  const edges = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    const targets: string[] = [];
    const bare: string[] = [];
    for (const { fileName: spec } of info.importedFiles) {
      if (!spec.startsWith('.')) {
        bare.push(spec);
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(file), spec.replace(/\.js$/, '.ts')));
      if (!existsSync(join(root, target))) throw new Error(`${file}: import ${JSON.stringify(spec)} reaches no source file (${target})`);
      targets.push(target);
    }
    edges.set(file, [...new Set(targets)].sort());
    packages.set(file, [...new Set(bare)].sort());
  }
  return { files, edges, packages };
}

/** A graph from a table: `{ 'a.ts': ['b.ts'] }`, packages as `{ 'a.ts': ['node:fs'] }`. */
export function graphOf(edges: Record<string, string[]>, packages: Record<string, string[]> = {}): ImportGraph {
  const files = [...new Set([...Object.keys(edges), ...Object.values(edges).flat(), ...Object.keys(packages)])].sort();
  return {
    files,
    edges: new Map(files.map((f) => [f, edges[f] ?? []])),
    packages: new Map(files.map((f) => [f, packages[f] ?? []])),
  };
}

const layer = (file: string): string => file.split('/')[0] ?? '';

/** Packages src/core may not use: the file system, the process, the Action's runtime. */
export const IMPURE_PACKAGE = /^(node:)?(fs|fs\/promises|process|child_process|os|net|http|https|worker_threads)$|^@actions\//;

/**
 * The rules, one message per broken one: the two edges never import each other, and src/core
 * imports only src/core and no impure package.
 */
export function layeringViolations(g: ImportGraph): string[] {
  const out: string[] = [];
  for (const file of g.files) {
    for (const target of g.edges.get(file) ?? []) {
      const from = layer(file);
      const to = layer(target);
      if ((from === 'action' && to === 'cli') || (from === 'cli' && to === 'action'))
        out.push(`${file} imports ${target}: the CLI and the Action never import each other`);
      if (from === 'core' && to !== 'core') out.push(`${file} imports ${target}: src/core imports only src/core`);
    }
    if (layer(file) === 'core') {
      for (const pkg of g.packages.get(file) ?? []) if (IMPURE_PACKAGE.test(pkg)) out.push(`${file} imports ${pkg}: src/core is pure`);
    }
  }
  return out;
}

/** One import cycle, as the files around it (the first file again at the end), or undefined. */
export function findCycle(g: ImportGraph): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of g.edges.get(file) ?? []) {
      const s = state.get(next);
      if (s === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (s === undefined) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of g.files) {
    if (state.has(file)) continue;
    const found = visit(file);
    if (found) return found;
  }
  return undefined;
}
