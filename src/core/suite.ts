/**
 * Decides which tests the plan must cover and what each is expected to cost.
 *
 * With a collected list, that list names the tests: timing entries for tests it does not contain
 * are stale and ignored, tests it contains without timing are estimated. Without one, the set is
 * every timed test, and a test file found on disk that nothing names is planned whole (as one
 * estimated unit, since its tests are unknown); with a collected list no file is added that way
 * (pytest left it out on purpose, and naming it to pytest would collect it anyway).
 * {@link withoutFiles} then drops the named files that no longer exist on disk, so no shard is
 * handed a path pytest cannot find.
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
  /** Timed files that no longer exist on disk, sorted; their tests are not planned (see withoutFiles). */
  missingFiles?: string[];
  /** How many timing entries those files had. */
  missingEntries?: number;
}

export interface SuiteInput {
  timings: Durations;
  collected?: readonly NodeId[];
  /** Test files found on disk (rootdir-relative, `/`-separated); ignored with `collected`. */
  discoveredFiles?: readonly string[];
  /**
   * Tests a JUnit report names without measuring them (only skipped or errored, core/measurement.ts):
   * they exist, so without `collected` the ones no timing knows are planned with an estimate.
   */
  unmeasured?: readonly NodeId[];
}

export function buildSuite(input: SuiteInput): Suite {
  const { timings } = input;
  let est: Estimator | undefined;
  const estimator = (): Estimator => (est ??= new Estimator(timings));
  const groups = new TestsByFile();
  if (input.collected) {
    const wanted = new Set(input.collected);
    const stale = [...timings.keys()].filter((id) => !wanted.has(id)).sort();
    for (const id of wanted) {
      const file = groups.fileOf(id);
      const known = timings.get(id);
      groups.add(known === undefined ? { id, file, seconds: estimator().forTest(file), estimated: true } : { id, file, seconds: known, estimated: false });
    }
    // The collected list is the truth: pytest did not collect a test file it does not name
    // (collect_ignore, python_files, norecursedirs, --ignore), and naming that file to pytest
    // would collect it anyway. Discovery only drops named files that no longer exist (app/plan.ts).
    const tests = groups.tests();
    const unknownFiles: Suite['unknownFiles'] = [];
    return { tests, unknownFiles, stale, exact: true };
  }
  timings.forEach((seconds, id) => groups.add({ id, file: groups.fileOf(id), seconds, estimated: false }));
  for (const id of new Set(input.unmeasured ?? [])) {
    if (timings.has(id)) continue;
    const file = groups.fileOf(id);
    groups.add({ id, file, seconds: estimator().forTest(file), estimated: true });
  }
  const tests = groups.tests();
  const unknownFiles = [...new Set(input.discoveredFiles ?? [])]
    .filter((f) => !groups.has(f))
    .sort()
    .map((file) => ({ file, seconds: estimator().forFile(file) }));
  return { tests, unknownFiles, stale: [], exact: false };
}

/**
 * Collects tests by file and hands them back in a canonical order that does not depend on the
 * input's: by file, then by id. Sorting the few file names and then each file's ids is several
 * times cheaper than one sort of every id (ids share long prefixes, so each comparison walks far),
 * and units group by file anyway. Input already in this order (pytest-split writes its keys
 * sorted) is only checked, not sorted. A file's ids usually arrive together: a run of them costs
 * one map lookup and shares one file string.
 */
class TestsByFile {
  private readonly byFile = new Map<string, SuiteTest[]>();
  private run: SuiteTest[] = [];
  private runFile: string | undefined;
  private previous: NodeId | undefined;
  private ordered = true;

  /** The file part of `id`; call before add() with the test of that id. */
  fileOf(id: NodeId): string {
    const file = fileOf(id);
    if (file === this.runFile) return this.runFile;
    if (this.runFile !== undefined && !(this.runFile < file)) this.ordered = false;
    const known = this.byFile.get(file);
    if (known) this.run = known;
    else this.byFile.set(file, (this.run = []));
    this.runFile = file;
    this.previous = undefined;
    return file;
  }

  add(test: SuiteTest): void {
    if (this.previous !== undefined && !(this.previous < test.id)) this.ordered = false;
    this.previous = test.id;
    this.run.push(test);
  }

  has(file: string): boolean {
    return this.byFile.has(file);
  }

  tests(): SuiteTest[] {
    const names = this.ordered ? [...this.byFile.keys()] : [...this.byFile.keys()].sort();
    const out: SuiteTest[] = [];
    for (const file of names) {
      const list = this.byFile.get(file) as SuiteTest[];
      if (!this.ordered && !idsInOrder(list)) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const t of list) out.push(t);
    }
    return out;
  }
}

/** Whether the tests are in increasing id order (files merged from sorted files often are). */
function idsInOrder(tests: readonly SuiteTest[]): boolean {
  for (let i = 1; i < tests.length; i++) if (!((tests[i - 1] as SuiteTest).id < (tests[i] as SuiteTest).id)) return false;
  return true;
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

/** The distinct files of the suite's tests, in suite order (sorted). */
export function suiteFiles(suite: Pick<Suite, 'tests'>): string[] {
  const out: string[] = [];
  let last: string | undefined;
  for (const t of suite.tests) {
    if (t.file !== last) out.push((last = t.file));
  }
  return out;
}

/**
 * The suite without the tests of `missing` files (timed files deleted since the timings were
 * taken): they are recorded as `missingFiles` and counted in `missingEntries`, never planned.
 */
export function withoutFiles(suite: Suite, missing: ReadonlySet<string>): Suite {
  if (missing.size === 0) return suite;
  const tests = suite.tests.filter((t) => !missing.has(t.file));
  return {
    ...suite,
    tests,
    missingFiles: [...missing].sort(),
    missingEntries: (suite.missingEntries ?? 0) + suite.tests.length - tests.length,
  };
}
