/**
 * `--together PATTERN`: tests that must share a shard (order-dependent tests, pytest-dependency).
 *
 * A pattern is a glob (picomatch: `*` within a path segment, `**` across segments, `?`, `[...]`,
 * `{a,b}`; `\\[` for a literal bracket). Without `::` it matches test files by path, so
 * `tests/integration/**` takes every test under that directory; with `::` it matches node ids:
 * its part before the first `::` the file, the rest the rest of the id, where `*` matches any
 * characters (`tests/test_flow.py::TestCheckout::*` is one class, parametrized tests included). Each pattern is one set; sets that share a
 * test are merged, since their tests must then all share one shard. The planner places a set as
 * one unit (units.ts); the shard plugin keeps its tests in path order and on one pytest-xdist
 * worker (src/python/conftest.py).
 */
import picomatch from 'picomatch';
import { UsageError } from './errors.js';
import { compareIds, fileOf } from './nodeid.js';
import type { Suite } from './suite.js';
import type { NodeId } from './types.js';

/** What one pattern matched. */
export interface TogetherMatch {
  pattern: string;
  /** Matched test ids (and files no timing knew, as their path), sorted. */
  tests: NodeId[];
  /** Files every test of which the pattern matches through the file's own path (all their tests, new ones too, belong to the group). */
  wholeFiles: string[];
}

/** Tests that must share one shard: one or more patterns' matches, merged. */
export interface TogetherSet {
  /** Indices into the matches (patterns) merged here, ascending. */
  patterns: number[];
  ids: Set<NodeId>;
  /** Files no timing knew (planned whole) in the set. */
  unknownFiles: Set<string>;
}

/** Stands in for `/` after a node id's file part, where it is no directory separator. */
const SLASH = '\uE000';

/**
 * A pattern's test: `(id, file) => boolean`. Without `::` it matches the file path (a glob over
 * paths). With `::` its file part must match the file path and the rest the rest of the id,
 * where `/` is plain text (a parameter such as `[a/b]`), so `*` there matches any characters.
 * `label` names the option in errors; src/app checks every pattern first with the edge's words
 * (`--together`, `together`).
 */
export function compilePattern(pattern: string, label = 'together'): (id: NodeId, file: string) => boolean {
  if (pattern.trim() === '') throw new UsageError(`${label}: a pattern must not be empty`);
  const cut = pattern.indexOf('::');
  try {
    const opts = { dot: true };
    if (cut === -1) {
      const path = picomatch(pattern, opts);
      return (_id, file) => path(file);
    }
    const path = picomatch(pattern.slice(0, cut), opts);
    const rest = picomatch(pattern.slice(cut + 2).replaceAll('/', SLASH), opts);
    return (id, file) => id.length > file.length + 2 && path(file) && rest(id.slice(file.length + 2).replaceAll('/', SLASH));
  } catch (e) {
    throw new UsageError(`${label}: ${JSON.stringify(pattern)} is not a valid glob pattern (${(e as Error).message})`);
  }
}

/** Every pattern's matches in the suite, and the sets they form (patterns sharing a test merge). */
export function matchTogether(suite: Pick<Suite, 'tests' | 'unknownFiles'>, patterns: readonly string[]): { matches: TogetherMatch[]; sets: TogetherSet[] } {
  const matchers = patterns.map((p) => compilePattern(p));
  const matches: TogetherMatch[] = patterns.map((pattern) => ({ pattern, tests: [], wholeFiles: [] }));
  // A pattern without `::` matches files: all their tests belong (new ones too: see wholeFiles).
  const wholeFile = patterns.map((p) => !p.includes('::'));
  const files = new Map<string, boolean[]>();
  const fileHits = (file: string): boolean[] => {
    let hit = files.get(file);
    if (!hit) files.set(file, (hit = matchers.map((m, k) => wholeFile[k] === true && m('', file))));
    return hit;
  };
  for (const t of suite.tests) {
    const whole = fileHits(t.file);
    matchers.forEach((m, k) => {
      if (whole[k] || (!wholeFile[k] && m(t.id, t.file))) (matches[k] as TogetherMatch).tests.push(t.id);
    });
  }
  for (const u of suite.unknownFiles) fileHits(u.file).forEach((hit, k) => hit && (matches[k] as TogetherMatch).tests.push(u.file));
  for (const [file, hits] of files) hits.forEach((hit, k) => hit && (matches[k] as TogetherMatch).wholeFiles.push(file));
  for (const m of matches) {
    m.tests.sort(compareIds);
    m.wholeFiles.sort(compareIds);
  }
  return { matches, sets: mergeSets(matches, new Set(suite.unknownFiles.map((u) => u.file))) };
}

/** Union of the matches that share a test; sets in the order of their first pattern. */
function mergeSets(matches: readonly TogetherMatch[], unknown: ReadonlySet<string>): TogetherSet[] {
  const parent = matches.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const firstOwner = new Map<NodeId, number>();
  matches.forEach((m, k) => {
    for (const id of m.tests) {
      const other = firstOwner.get(id);
      if (other === undefined) firstOwner.set(id, k);
      else {
        const [a, b] = [find(other), find(k)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const sets = new Map<number, TogetherSet>();
  matches.forEach((m, k) => {
    if (m.tests.length === 0) return;
    const root = find(k);
    let set = sets.get(root);
    if (!set) sets.set(root, (set = { patterns: [], ids: new Set(), unknownFiles: new Set() }));
    set.patterns.push(k);
    for (const id of m.tests) (unknown.has(id) && !id.includes('::') ? set.unknownFiles : set.ids).add(id);
  });
  return [...sets.values()];
}

/** The files a set touches, sorted. */
export function filesOfSet(set: TogetherSet): string[] {
  return [...new Set([...[...set.ids].map(fileOf), ...set.unknownFiles])].sort(compareIds);
}
