/**
 * The cost model: what one shard costs, in wall seconds (README "Cost model"). The planner
 * (plan.ts, and units.ts when `auto` weighs files), `explain`, `recommend` and `verify` all ask
 * this module, so a shard is priced the same way everywhere.
 *
 * A shard's wall seconds are
 *
 *   start-up + session setup                        (overhead.fixedSeconds, session folded in)
 *   + worker start-up                               (only with K > 1 pytest-xdist workers)
 *   + collection per file it runs                   (overhead.perFileSeconds each)
 *   + its tests spread over the K workers, with every module (and cut class) setup paid once
 *     per worker that runs some of its tests.
 *
 * How pytest-xdist runs a shard (measured with xdist 3.1, `-n 2`, see README): the controller
 * starts like a plain pytest (start-up), then brings up K workers inside its session; each worker
 * is a fresh interpreter that imports pytest, the plugins and the conftests again (worker
 * start-up, paid in parallel by the workers, so once in wall time), then collects EVERY file of the
 * shard (collection is not divided by K), runs the session fixtures once, and takes tests from the
 * controller. With `--dist load` a worker gets consecutive chunks of the collection and more as
 * it finishes, so the tests spread like a list scheduler; the plan writes a shard's selectors
 * longest first, which makes that close to longest-processing-time first (LPT) over the shard's
 * tests. The tests' part is therefore the LPT makespan of the tests' own seconds over K workers,
 * and never less than (tests + setups) / K. With one worker it is simply tests + setups.
 *
 * Pure: everything is a function of its arguments.
 */
import { sortIds } from './nodeid.js';
import type { OverheadModel } from './types.js';

/** Module and class setups the model charges, as overhead.ts learns them (only the parts priced here). */
export interface SetupCosts {
  fileSeconds: ReadonlyMap<string, number>;
  classSeconds: ReadonlyMap<string, number>;
}

const NO_SETUP_COSTS: SetupCosts = { fileSeconds: new Map(), classSeconds: new Map() };

/** Seconds each worker's execnet bring-up takes beyond a plain pytest start-up (bare `-n 2` minus bare plain, quiet 2-core machine). */
export const DEFAULT_WORKER_BOOT_SECONDS = 0.4;

/** What prices a shard: the workers per shard, the overhead model and the setups. */
export interface CostModel {
  workers: number;
  /** `fixedSeconds` already holds the session setup (plan.ts folds it in). */
  overhead: OverheadModel;
  setups?: SetupCosts;
}

/**
 * Seconds a shard with K > 1 workers pays to bring them up, beyond a plain start: what the plan's
 * overhead says (learned from xdist JUnit reports, a flag, or the default the app sets), 0 with one
 * worker (plain pytest, no xdist).
 */
export function workerStartSeconds(model: Pick<CostModel, 'workers' | 'overhead'>): number {
  return model.workers > 1 ? (model.overhead.workerStartSeconds ?? 0) : 0;
}

/** Default worker start-up: a worker starts like pytest itself (interpreter, plugins, conftests), plus execnet's bring-up. */
export function defaultWorkerStartSeconds(startupSeconds: number): number {
  return startupSeconds + DEFAULT_WORKER_BOOT_SECONDS;
}

/** Seconds every non-empty shard pays whatever it runs: start-up, session setup, worker start-up. */
export function fixedCost(model: Pick<CostModel, 'workers' | 'overhead'>): number {
  return model.overhead.fixedSeconds + workerStartSeconds(model);
}

/** How many of K workers run some of a file's (or cut class's) `tests` tests (xdist spreads them): each pays its setup. */
export function payingWorkers(tests: number, workers: number): number {
  return Math.min(tests, workers);
}

/** What a unit of `seconds` own test time adds to a shard, as the partitioner adds it up: spread over the workers. */
export function itemCost(model: Pick<CostModel, 'workers'>, seconds: number): number {
  return seconds / model.workers;
}

/** Seconds a shard pays once for a file it runs `tests` tests of: collection plus module setup (per worker that runs some, spread). */
export function fileCost(model: CostModel, file: string, tests: number): number {
  const setup = (model.setups ?? NO_SETUP_COSTS).fileSeconds.get(file) ?? 0;
  return model.overhead.perFileSeconds + (setup * payingWorkers(tests, model.workers)) / model.workers;
}

/** Seconds a shard pays once for a cut class (`file::Class`) it runs `tests` tests of (per worker that runs some, spread). */
export function classCost(model: CostModel, cutClass: string, tests: number): number {
  const setup = (model.setups ?? NO_SETUP_COSTS).classSeconds.get(cutClass) ?? 0;
  return (setup * payingWorkers(tests, model.workers)) / model.workers;
}

/**
 * The makespan of jobs of these seconds over K workers, longest first, each to the least loaded
 * worker (LPT). At least max(sum / K, longest); the sum with one worker.
 */
export function spreadSeconds(seconds: readonly number[], workers: number): number {
  if (seconds.length === 0) return 0;
  let total = 0;
  for (const s of seconds) total += s;
  if (workers <= 1) return total;
  if (seconds.length <= workers) return Math.max(...seconds);
  const sorted = Float64Array.from(seconds).sort().reverse();
  const loads = new Float64Array(workers);
  if (workers <= 16) {
    for (const s of sorted) {
      let min = 0;
      for (let w = 1; w < workers; w++) if ((loads[w] as number) < (loads[min] as number)) min = w;
      loads[min] = (loads[min] as number) + s;
    }
    return Math.max(...loads);
  }
  // Many workers: a binary min-heap of loads.
  const heap = loads; // all zero: already a heap
  for (const s of sorted) {
    heap[0] = (heap[0] as number) + s;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < workers && (heap[l] as number) < (heap[m] as number)) m = l;
      if (r < workers && (heap[r] as number) < (heap[m] as number)) m = r;
      if (m === i) break;
      const t = heap[i] as number;
      heap[i] = heap[m] as number;
      heap[m] = t;
      i = m;
    }
  }
  return Math.max(...heap);
}

/** What one shard runs, as the model sees it. */
export interface ShardLoad {
  /** Distinct test files it runs any test of. */
  files: number;
  /** Its tests' own seconds (setups taken off). */
  testSeconds: number;
  /**
   * Seconds of module and class setup the shard's workers pay together: each file's (and each
   * cut class's) setup once per worker that runs any of its tests.
   */
  setupSeconds: number;
  /** Its longest test. */
  longest: number;
  /** The tests' own seconds spread over the workers (spreadSeconds); max(testSeconds / K, longest) when absent. */
  spread?: number;
}

/** The part of a shard's seconds its tests and setups take once spread over the workers. */
export function testsPart(load: ShardLoad, workers: number): number {
  if (load.files === 0) return 0;
  const spread = load.spread ?? Math.max(load.testSeconds / workers, load.longest);
  return Math.max(spread, (load.testSeconds + load.setupSeconds) / workers);
}

/** A shard's predicted wall seconds under the model (0 for a shard without tests). */
export function shardSeconds(overhead: OverheadModel, load: ShardLoad, workers: number): number {
  if (load.files === 0) return 0;
  return fixedCost({ workers, overhead }) + overhead.perFileSeconds * load.files + testsPart(load, workers);
}

/** One schedulable piece of a shard, as the model prices it (units.ts Unit has these fields). */
export interface PricedUnit {
  file: string;
  /** `file::Class` when the unit is part of a cut class (it pays the class setup). */
  cutClass?: string;
  tests: readonly unknown[];
  /** Its tests' own seconds. */
  seconds: number;
  longest: number;
}

/** A shard's price, and its parts. */
export interface ShardCost {
  predicted: number;
  /** Its tests' own seconds (setups taken off). */
  testSeconds: number;
  /** The tests' part once spread over the workers (the rest of `predicted` is overhead). */
  own: number;
  files: number;
}

/**
 * Prices a shard exactly. `perTest` gives a unit's tests' own seconds; it is asked only with
 * K > 1 workers, to spread the tests (without it, units count as max(seconds / K, longest)).
 */
export function priceShard<U extends PricedUnit>(model: CostModel, units: readonly U[], perTest?: (u: U) => readonly number[]): ShardCost {
  const { workers } = model;
  const setups = model.setups ?? NO_SETUP_COSTS;
  let testSeconds = 0;
  let longest = 0;
  const perFile = new Map<string, number>();
  const perClass = new Map<string, number>();
  for (const u of units) {
    testSeconds += u.seconds;
    if (u.longest > longest) longest = u.longest;
    perFile.set(u.file, (perFile.get(u.file) ?? 0) + u.tests.length);
    if (u.cutClass !== undefined) perClass.set(u.cutClass, (perClass.get(u.cutClass) ?? 0) + u.tests.length);
  }
  let setupSeconds = 0;
  for (const [f, n] of perFile) setupSeconds += (setups.fileSeconds.get(f) ?? 0) * payingWorkers(n, workers);
  for (const [c, n] of perClass) setupSeconds += (setups.classSeconds.get(c) ?? 0) * payingWorkers(n, workers);
  const files = perFile.size;
  const load: ShardLoad = { files, testSeconds, setupSeconds, longest };
  if (workers > 1 && perTest && files > 0)
    load.spread = Math.max(
      spreadSeconds(
        units.flatMap((u) => perTest(u)),
        workers,
      ),
      longest,
    );
  const predicted = shardSeconds(model.overhead, load, workers);
  const own = files === 0 ? 0 : (load.spread ?? Math.max(testSeconds / workers, longest));
  return { predicted, testSeconds, own, files };
}

/**
 * The least any plan of these units over `splits` shards can take: every shard's fixed cost,
 * every file collected (and set up) once, the longest test whole.
 */
export function lowerBound(model: CostModel, units: readonly PricedUnit[], splits: number): number {
  const { workers, overhead } = model;
  const setups = model.setups ?? NO_SETUP_COSTS;
  let own = 0;
  let longest = 0;
  const files = new Set<string>();
  for (const u of units) {
    own += u.seconds;
    if (u.longest > longest) longest = u.longest;
    files.add(u.file);
  }
  let once = 0;
  for (const f of files) once += overhead.perFileSeconds + (setups.fileSeconds.get(f) ?? 0) / workers;
  return fixedCost(model) + Math.max((once + own / workers) / splits, overhead.perFileSeconds + Math.max(longest, own / workers / splits));
}

/**
 * The order a shard's selectors are written in. With K > 1 workers, longest unit first: xdist
 * hands tests out in collection order, which follows the arguments, so the long ones start first
 * and the tail is short (ties: the units' order). With one worker, node-id (path) order, as users
 * expect. `lead` (e.g. a plugin directory the plan passes first) stays first either way.
 */
export function orderSelectors(units: readonly { selectors: readonly string[]; seconds: number }[], workers: number, lead: readonly string[] = []): string[] {
  if (workers <= 1) return [...lead, ...sortIds(units.flatMap((u) => u.selectors))];
  const ordered = units.map((u, i) => ({ u, i })).sort((a, b) => b.u.seconds - a.u.seconds || a.i - b.i);
  return [...lead, ...ordered.flatMap((x) => x.u.selectors)];
}
