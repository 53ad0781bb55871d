/**
 * Mutations between rounds of an end-to-end test: tests and modules added, deleted or renamed
 * (a rename is a removal plus an addition), the way a suite changes between CI runs.
 */
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeText } from './generate.js';
import { Lines, lit } from './python.js';
import { listDirsOf } from './render.js';

export interface NewFile {
  /** Relative posix path under tests/, basename test_*.py; missing packages get an __init__.py. */
  path: string;
  /** Plain tests test_new_1..test_new_N; default 3. */
  tests?: number;
  /** Seconds each test sleeps (already scaled); default 0.001. */
  sleep?: number;
}
export interface AddTests {
  /** An existing test module (relative path). */
  file: string;
  /** Appends module-level tests test_added_<k>, numbering on from the highest existing k. */
  count: number;
  /** Seconds each test sleeps; default 0.001. */
  sleep?: number;
}
export interface SuiteMutation {
  /** Selectors `file::test_fn`, `file::Class::test_method`, `file::Outer::Inner` (no `[params]`):
   *  the definition is deleted from the file, with all its parametrized cases. Tests a class
   *  inherits cannot be removed this way (they are not defined in the file). */
  removeTests?: string[];
  removeFiles?: string[];
  addTestsTo?: AddTests[];
  addFiles?: Array<string | NewFile>;
}
export interface MutationResult {
  /** Node ids of the new tests (all plain, non-parametrized). */
  added: string[];
  /** The selectors and files removed, as given. */
  removed: string[];
  /** Test modules after the mutation, sorted (as GeneratedSuite.files). */
  files: string[];
}

/** Applies removals first (tests, then files), then additions (tests, then files). */
export function mutateSuite(root: string, mutation: SuiteMutation): MutationResult {
  const added: string[] = [];
  const removed: string[] = [];
  for (const sel of mutation.removeTests ?? []) {
    removeDefinition(root, sel);
    removed.push(sel);
  }
  for (const file of mutation.removeFiles ?? []) {
    const abs = modulePath(root, file);
    if (!existsSync(abs)) throw new Error(`mutateSuite: no such test module ${file}`);
    unlinkSync(abs);
    removed.push(file);
  }
  for (const a of mutation.addTestsTo ?? []) added.push(...appendTests(root, a));
  for (const f of mutation.addFiles ?? []) added.push(...createModule(root, typeof f === 'string' ? { path: f } : f));
  return { added, removed, files: listTestModules(root) };
}

/** Test modules (test_*.py) under root/tests, as sorted relative posix paths. */
function listTestModules(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, ...rel.split('/'))).sort()) {
      const childRel = `${rel}/${name}`;
      const st = statSync(join(root, ...childRel.split('/')));
      if (st.isDirectory()) {
        if (name !== '__pycache__') walk(childRel);
      } else if (/^test_.*\.py$/.test(name)) out.push(childRel);
    }
  };
  if (existsSync(join(root, 'tests'))) walk('tests');
  return out.sort();
}

function modulePath(root: string, rel: string): string {
  if (!/^tests\/(?:[A-Za-z0-9_]+\/)*test_[A-Za-z0-9_]*\.py$/.test(rel)) {
    throw new Error(`mutateSuite: ${JSON.stringify(rel)} is not a tests/.../test_*.py path`);
  }
  return join(root, ...rel.split('/'));
}

function appendTests(root: string, a: AddTests): string[] {
  const abs = modulePath(root, a.file);
  if (!existsSync(abs)) throw new Error(`mutateSuite: no such test module ${a.file}`);
  if (!Number.isInteger(a.count) || a.count < 1) throw new Error(`mutateSuite: count must be >= 1`);
  let text = readFileSync(abs, 'utf8');
  let next = 0;
  for (const m of text.matchAll(/^def test_added_(\d+)\(/gm)) next = Math.max(next, Number(m[1]));
  const needsTime = !/^import time$/m.test(text);
  const ids: string[] = [];
  const chunks: string[] = [];
  for (let i = 1; i <= a.count; i++) {
    const name = `test_added_${next + i}`;
    chunks.push(`\n\ndef ${name}():\n    ${needsTime ? '__import__("time")' : 'time'}.sleep(${lit(a.sleep ?? 0.001)})\n`);
    ids.push(`${a.file}::${name}`);
  }
  text = text.replace(/\n*$/, '\n') + chunks.join('');
  writeFileSync(abs, text);
  return ids;
}

function createModule(root: string, f: NewFile): string[] {
  const abs = modulePath(root, f.path);
  if (existsSync(abs)) throw new Error(`mutateSuite: ${f.path} already exists`);
  const n = f.tests ?? 3;
  if (!Number.isInteger(n) || n < 1) throw new Error(`mutateSuite: tests must be >= 1`);
  for (const d of listDirsOf([f.path])) {
    const init = join(root, ...d.split('/'), '__init__.py');
    if (!existsSync(init)) writeText(root, `${d}/__init__.py`, '');
  }
  const L = new Lines();
  L.add(`"""Added by mutateSuite."""`, 'import time');
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    L.blank(2);
    L.add(`def test_new_${i}():`, `    time.sleep(${lit(f.sleep ?? 0.001)})`);
    ids.push(`${f.path}::test_new_${i}`);
  }
  writeText(root, f.path, L.text());
  return ids;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Deletes the `def` or `class` a selector names, with its decorators. */
function removeDefinition(root: string, selector: string): void {
  const parts = selector.split('::');
  const file = parts[0] ?? '';
  const names = parts.slice(1);
  if (names.some((n) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) && !selector.includes('[')) throw new Error(`mutateSuite: bad selector ${selector}`);
  if (names.length === 0) throw new Error(`mutateSuite: ${selector} names no test`);
  if (selector.includes('[')) throw new Error(`mutateSuite: cannot remove a single parametrized case (${selector}); name the function`);
  const abs = modulePath(root, file);
  if (!existsSync(abs)) throw new Error(`mutateSuite: no such test module ${file}`);
  const lines = readFileSync(abs, 'utf8').split('\n');

  let start = 0;
  let end = lines.length;
  let indent = 0;
  let found: { from: number; header: number; to: number } | undefined;
  for (let depth = 0; depth < names.length; depth++) {
    const name = names[depth] as string;
    const header = findHeader(lines, start, end, indent, name);
    if (header === -1) throw new Error(`mutateSuite: ${selector}: ${name} is not defined in ${file}`);
    let to = header + 1;
    while (to < end && ((lines[to] ?? '').trim() === '' || indentOf(lines[to] ?? '') > indent)) to++;
    while (to > header + 1 && (lines[to - 1] ?? '').trim() === '') to--; // keep trailing blanks outside
    let from = header;
    while (from > start && (lines[from - 1] ?? '').trim() !== '' && indentOf(lines[from - 1] ?? '') >= indent) from--;
    if ((lines[from] ?? '').trimStart()[0] !== '@' && from !== header) {
      throw new Error(`mutateSuite: ${selector}: unexpected code right above the definition`);
    }
    found = { from, header, to };
    start = header + 1;
    end = to;
    indent += 4;
  }
  if (!found) throw new Error('unreachable');
  const parentIndent = indent - 8;
  lines.splice(found.from, found.to - found.from);
  // a class left without a body gets `pass`
  if (parentIndent >= 0) {
    const parentHeader = lastClassHeaderBefore(lines, found.from, parentIndent);
    let k = parentHeader + 1;
    let hasBody = false;
    while (k < lines.length && ((lines[k] ?? '').trim() === '' || indentOf(lines[k] ?? '') > parentIndent)) {
      if ((lines[k] ?? '').trim() !== '') hasBody = true;
      k++;
    }
    if (!hasBody) lines.splice(parentHeader + 1, 0, `${' '.repeat(parentIndent + 4)}pass`);
  }
  const text = lines
    .join('\n')
    .replace(/\n{4,}/g, '\n\n\n')
    .replace(/\n*$/, '\n');
  writeFileSync(abs, text);
}

function findHeader(lines: string[], start: number, end: number, indent: number, name: string): number {
  const re = new RegExp(`^(?:async\\s+)?(?:def ${name}\\(|class ${name}[(:])`);
  for (let i = start; i < end; i++) {
    const line = lines[i] ?? '';
    if (indentOf(line) === indent && re.test(line.slice(indent))) return i;
  }
  return -1;
}

function lastClassHeaderBefore(lines: string[], at: number, indent: number): number {
  for (let i = Math.min(at, lines.length) - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (indentOf(line) === indent && line.slice(indent).startsWith('class ')) return i;
  }
  throw new Error('mutateSuite: enclosing class not found');
}
