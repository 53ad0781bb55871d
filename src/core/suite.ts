/**
 * Decides which tests the plan must cover and what each is expected to cost.
 *
 * With a collected list, that list is the exact set: timing entries for tests it does not contain
 * are stale and ignored, tests it contains without timing are estimated. Without one, the set is
 * every timed test, plus every test file found on disk that no timing names (planned whole, as one
 * estimated unit, since its tests are unknown).
 *
 * Estimates use the median, not the mean: one 200 s test must not make every new test look slow.
 * Neighbours first (same file), then the nearest directory with timed tests, then the whole suite;
 * with no timing at all every test counts DEFAULT_TEST_SECONDS, which balances by count.
 */
import { dirOf, fileOf } from './nodeid.js';
import { median } from './stats.js';
import type { Durations, NodeId } from './types.js';

export const DEFAULT_TEST_SECONDS = 1;

export interface SuiteTest {
  id: NodeId;
  file: string;
  seconds: number;
  estimated: boolean;
}

/** A test file nothing knows the tests of; planned as a whole. */
export interface UnknownFile {
  file: string;
  seconds: number;
}

export interface Suite {
  /** Sorted by file, then by id; ids are unique. */
  tests: SuiteTest[];
  /** Sorted by path. */
  unknownFiles: UnknownFile[];
  /** Timing entries for tests the collected list does not contain (sorted). */
  stale: NodeId[];
  /** True when the test set came from a collected list. */
  exact: boolean;
}

export interface SuiteInput {
  timings: Durations;
  collected?: readonly NodeId[];
  /** Test files found on disk (rootdir-relative, `/`-separated). Ignored with `collected`. */
  discoveredFiles?: readonly string[];
}

export function buildSuite(input: SuiteInput): Suite {
  const { timings } = input;
  let est: Estimator | undefined;
  const estimator = (): Estimator => (est ??= new Estimator(timings));
  if (input.collected) {
    // Plain sort() orders strings by UTF-16 code units, exactly like compareIds, but natively.
    const { ids, files } = canonicalOrder(new Set(input.collected));
    const wanted = new Set(ids);
    const stale = [...timings.keys()].filter((id) => !wanted.has(id)).sort();
    const tests = ids.map((id, i): SuiteTest => {
      const file = files[i] as string;
      const known = timings.get(id);
      return known === undefined
        ? { id, file, seconds: estimator().forTest(file), estimated: true }
        : { id, file, seconds: known, estimated: false };
    });
    return { tests, unknownFiles: [], stale, exact: true };
  }
  const tests: SuiteTest[] = [];
  const timedFiles = new Set<string>();
  const order = canonicalOrder(timings.keys());
  for (let i = 0; i < order.ids.length; i++) {
    const id = order.ids[i] as NodeId;
    const file = order.files[i] as string;
    timedFiles.add(file);
    tests.push({ id, file, seconds: timings.get(id) as number, estimated: false });
  }
  const unknownFiles = [...new Set(input.discoveredFiles ?? [])]
    .filter((f) => !timedFiles.has(f))
    .sort()
    .map((file) => ({ file, seconds: estimator().forFile(file) }));
  return { tests, unknownFiles, stale: [], exact: false };
}

/**
 * Ids in a canonical order that does not depend on the input's: by file, then by id. Sorting the
 * few file names and then each file's ids is several times cheaper than one sort of every id
 * (ids share long prefixes, so each comparison walks far), and units group by file anyway.
 */
function canonicalOrder(ids: Iterable<NodeId>): { ids: NodeId[]; files: string[] } {
  const byFile = new Map<string, NodeId[]>();
  for (const id of ids) {
    const file = fileOf(id);
    const list = byFile.get(file);
    if (list) list.push(id);
    else byFile.set(file, [id]);
  }
  const out: NodeId[] = [];
  const files: string[] = [];
  for (const file of [...byFile.keys()].sort()) {
    for (const id of (byFile.get(file) as NodeId[]).sort()) {
      out.push(id);
      files.push(file);
    }
  }
  return { ids: out, files };
}

/** Lazily computed medians per file, per directory and for the whole suite. */
class Estimator {
  private readonly byFile = new Map<string, number[]>();
  private readonly dirCache = new Map<string, { test: number; file: number } | null>();
  private suiteCache: { test: number; file: number } | null | undefined;

  constructor(timings: Durations) {
    for (const [id, s] of timings) {
      const f = fileOf(id);
      const list = this.byFile.get(f);
      if (list) list.push(s);
      else this.byFile.set(f, [s]);
    }
    // Sorted values make every sum below independent of the order timings arrived in.
    for (const list of this.byFile.values()) list.sort((a, b) => a - b);
  }

  forTest(file: string): number {
    const own = this.byFile.get(file);
    if (own) return median(own);
    return this.nearest(file)?.test ?? DEFAULT_TEST_SECONDS;
  }

  /** A whole file of unknown tests: the median file total of its neighbourhood. */
  forFile(file: string): number {
    return this.nearest(file)?.file ?? DEFAULT_TEST_SECONDS;
  }

  private nearest(file: string): { test: number; file: number } | null {
    if (this.byFile.size === 0) return null;
    let dir = dirOf(file);
    for (;;) {
      const stats = this.dirStats(dir);
      if (stats) return stats;
      if (dir === '') break;
      dir = dirOf(dir);
    }
    return this.suiteStats();
  }

  private dirStats(dir: string): { test: number; file: number } | null {
    const cached = this.dirCache.get(dir);
    if (cached !== undefined) return cached;
    const prefix = dir === '' ? '' : dir + '/';
    const tests: number[] = [];
    const files: number[] = [];
    for (const [f, times] of this.byFile) {
      if (dir !== '' && !f.startsWith(prefix)) continue;
      if (dir === '' && f.includes('/')) continue; // root directory: files directly in it
      for (const t of times) tests.push(t);
      files.push(times.reduce((a, b) => a + b, 0));
    }
    const stats = tests.length ? { test: median(tests), file: median(files) } : null;
    this.dirCache.set(dir, stats);
    return stats;
  }

  private suiteStats(): { test: number; file: number } | null {
    if (this.suiteCache !== undefined) return this.suiteCache;
    const tests: number[] = [];
    const files: number[] = [];
    for (const times of this.byFile.values()) {
      for (const t of times) tests.push(t);
      files.push(times.reduce((a, b) => a + b, 0));
    }
    this.suiteCache = tests.length ? { test: median(tests), file: median(files) } : null;
    return this.suiteCache;
  }
}
