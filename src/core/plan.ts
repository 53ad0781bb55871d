/**
 * Building a plan: suite -> units -> partition -> shards with predictions and warnings.
 * The Plan object is the JSON contract (version 1) other tools read; see formats/planJson.ts.
 *
 * Predictions are the cost model's (costModel.ts): a shard's `predictedSeconds` is start-up and
 * session setup (`overhead.fixedSeconds`), with workers their start-up, collection per file,
 * module setup per file and class setup per cut class it runs (per worker that runs some of
 * them), and its tests' own seconds spread over the workers (longest first), never less than its
 * longest test. `testSeconds` is the tests' own seconds, `overheadSeconds` the rest. With
 * workers, each shard's selectors are written longest first (costModel.ts orderSelectors). For `auto`, every unit choice is partitioned and the one
 * with the fastest slowest shard is kept (ties: whole files); a cut file whose pieces all landed in
 * one shard is then selected whole again.
 */
import { lowerBound as modelLowerBound, orderSelectors, priceShard, type CostModel, type ShardCost } from './costModel.js';
import { NO_SETUPS, type SetupModel } from './overhead.js';
import { partition, type Assignment, type Item } from './partition.js';
import { maxOf, roundMs, sum } from './stats.js';
import type { Suite, SuiteTest } from './suite.js';
import { InputError } from './errors.js';
import { compareIds, sortIds } from './nodeid.js';
import type { Algorithm, Granularity, NodeId, OverheadModel } from './types.js';
import { fileCost, groupCost, ownSeconds, unitChoices, wholeFileUnits, type Unit, type UnitsResult } from './units.js';

export interface PlanOptions {
  splits: number;
  granularity: Granularity;
  algorithm: Algorithm;
  workers: number;
  overhead: OverheadModel;
  /** Setups learned from first tests (overhead.ts learnSetups); none when absent. */
  setups?: SetupModel;
}

export interface PlanShard {
  group: number;
  predictedSeconds: number;
  testSeconds: number;
  overheadSeconds: number;
  files: number;
  selectors: string[];
  tests: NodeId[];
  estimated: number;
}

export interface Plan {
  version: 1;
  splits: number;
  granularity: Granularity;
  algorithm: Algorithm;
  workers: number;
  totalSeconds: number;
  lowerBoundSeconds: number;
  makespanSeconds: number;
  /** makespan / lower bound - 1: how far the slowest shard is from the best conceivable. */
  imbalance: number;
  overhead: OverheadModel;
  tests: number;
  estimatedTests: number;
  staleEntries: number;
  splitFiles: string[];
  shards: PlanShard[];
  warnings: string[];
}

/** How many names a warning lists before it says "and N more". */
export const WARNING_LIST_LIMIT = 5;

export function buildPlan(suite: Suite, opts: PlanOptions): Plan {
  const { splits, workers } = opts;
  const setups = opts.setups ?? NO_SETUPS;
  // Session setup is paid once per shard like start-up: it joins the fixed cost.
  const overhead: OverheadModel = { ...opts.overhead, fixedSeconds: opts.overhead.fixedSeconds + setups.sessionSeconds };
  const model: PlanOptions = { ...opts, overhead, setups };
  const choices = unitChoices(suite, model);
  const perTest = perTestSeconds(suite, setups);
  if ((choices[0] as UnitsResult).units.length === 0) {
    throw new InputError('nothing to plan: no timings, no collected tests and no test files were found');
  }
  let best: { choice: UnitsResult; assignment: Assignment; exact: ShardCost[]; makespan: number } | undefined;
  for (const choice of choices) {
    const { assignment, exact } = place(choice.units, model, perTest);
    const makespan = maxOf(exact.map((c) => c.predicted));
    if (!best || makespan < best.makespan - 1e-9 * Math.max(1, makespan)) best = { choice, assignment, exact, makespan };
  }
  const chosen = best as NonNullable<typeof best>;
  const { units } = chosen.choice;
  let perShard = chosen.assignment.map((idxs) => idxs.map((k) => units[k] as Unit));
  let exact = chosen.exact;
  if (opts.granularity === 'auto') ({ perShard, exact } = rejoinFiles(perShard, exact, suite, model, perTest));
  const makespan = maxOf(exact.map((c) => c.predicted));
  const splitFiles = [...new Set(perShard.flatMap((us) => us.filter((u) => u.partial).map((u) => u.file)))].sort();
  const shards = perShard.map((us, i) => toShard(i + 1, us, exact[i] as ShardCost, workers));
  const allTests = sum(units.map((u) => u.tests.length));
  const estimatedTests = sum(units.map((u) => u.estimated));
  const totalSeconds = sum(suite.tests.map((t) => t.seconds)) + sum(suite.unknownFiles.map((u) => u.seconds));
  const lowerBound = lowerBoundOf(units, model);

  const warnings: string[] = [];
  const emptyShards = shards.filter((s) => s.tests.length === 0).map((s) => s.group);
  if (emptyShards.length > 0) {
    warnings.push(
      `only ${units.length} schedulable unit(s) for ${splits} shards: group(s) ${emptyShards.join(', ')} have no tests; use fewer splits`,
    );
  }
  if (estimatedTests > 0) {
    warnings.push(`${estimatedTests} test(s) have no timing and were estimated from their neighbours`);
  }
  if (suite.stale.length > 0) {
    warnings.push(`${suite.stale.length} timing entr${suite.stale.length === 1 ? 'y is' : 'ies are'} for tests that were not collected and were ignored: ${listSome(suite.stale)}`);
  }
  if (suite.unknownFiles.length > 0) {
    warnings.push(
      `${suite.unknownFiles.length} test file(s) on disk have no timing and are planned whole: ${listSome(suite.unknownFiles.map((u) => u.file))}`,
    );
  }
  if (!suite.exact && splitFiles.length > 0) {
    warnings.push(
      `${splitFiles.length} file(s) are cut into pieces without --collected, so tests added to them since the timings were taken will not run: ${listSome(splitFiles)}`,
    );
  }

  return {
    version: 1,
    splits,
    granularity: opts.granularity,
    algorithm: opts.algorithm,
    workers,
    totalSeconds: roundMs(totalSeconds),
    lowerBoundSeconds: roundMs(lowerBound),
    makespanSeconds: roundMs(makespan),
    imbalance: lowerBound > 0 ? Math.round((makespan / lowerBound - 1) * 1e6) / 1e6 : 0,
    overhead: {
      fixedSeconds: roundMs(overhead.fixedSeconds),
      perFileSeconds: Math.round(overhead.perFileSeconds * 1e6) / 1e6,
      source: overhead.source,
      samples: overhead.samples,
      ...(workers > 1 ? { workerStartSeconds: roundMs(overhead.workerStartSeconds ?? 0) } : {}),
      ...(overhead.startupSeconds !== undefined ? { startupSeconds: roundMs(overhead.startupSeconds) } : {}),
    },
    tests: allTests,
    estimatedTests,
    staleEntries: suite.stale.length,
    splitFiles,
    shards,
    warnings,
  };
}

/**
 * A file `auto` cut into pieces that all landed in one shard is selected whole again: the shard
 * runs the same tests, and the file selector also runs tests added to the file since the timings
 * were taken, which selecting by id would lose. Kept only where the model prices the shard no
 * dearer (with several workers, a cut class's setup is priced per worker, a whole file's is not).
 */
function rejoinFiles(perShard: Unit[][], exact: ShardCost[], suite: Suite, opts: PlanOptions, perTest: PerTest): { perShard: Unit[][]; exact: ShardCost[] } {
  const shardsOf = new Map<string, Set<number>>();
  perShard.forEach((us, s) => {
    for (const u of us) {
      if (!u.partial) continue;
      const set = shardsOf.get(u.file) ?? new Set<number>();
      shardsOf.set(u.file, set.add(s));
    }
  });
  const inOneShard = [...shardsOf].filter(([, set]) => set.size === 1).map(([file, set]) => ({ file, shard: [...set][0] as number }));
  if (inOneShard.length === 0) return { perShard, exact };
  const whole = wholeFileUnits(suite, new Set(inOneShard.map((c) => c.file)), opts.setups);
  const out = perShard.slice();
  const outExact = exact.slice();
  for (const { file, shard } of inOneShard.sort((a, b) => a.shard - b.shard || compareIds(a.file, b.file))) {
    const next = (out[shard] as Unit[]).filter((u) => u.file !== file || !u.partial);
    next.push(whole.get(file) as Unit);
    next.sort((a, b) => compareIds(a.key, b.key));
    const cost = shardCost(next, opts, perTest);
    if (cost.predicted <= (outExact[shard] as ShardCost).predicted + 1e-9) {
      out[shard] = next;
      outExact[shard] = cost;
    }
  }
  return { perShard: out, exact: outExact };
}

/** The least any plan of these units can take: every file paid once, the longest test whole (costModel.ts lowerBound). */
function lowerBoundOf(units: readonly Unit[], opts: PlanOptions): number {
  return modelLowerBound(opts, units, opts.splits);
}

/** Partitions the units with their per-file and per-class costs, and prices every shard exactly. */
function place(units: readonly Unit[], opts: PlanOptions, perTest: PerTest): { assignment: Assignment; exact: ShardCost[] } {
  const testsPerFile = new Map<string, number>();
  const testsPerGroup = new Map<string, number>();
  for (const u of units) {
    testsPerFile.set(u.file, (testsPerFile.get(u.file) ?? 0) + u.tests.length);
    if (u.group !== undefined) testsPerGroup.set(u.group, (testsPerGroup.get(u.group) ?? 0) + u.tests.length);
  }
  const items = units.map((u): Item => {
    const item: Item = { cost: u.seconds / opts.workers, file: u.file, fileCost: fileCost(u.file, testsPerFile.get(u.file) ?? 1, opts) };
    const paid = u.group !== undefined ? groupCost(u.group, testsPerGroup.get(u.group) ?? 1, opts) : 0;
    if (paid > 0) {
      item.group = u.group;
      item.groupCost = paid;
    }
    return item;
  });
  const assignment = partition(items, opts.algorithm, { splits: opts.splits, perFile: opts.overhead.perFileSeconds });
  const exact = assignment.map((idxs) => shardCost(idxs.map((k) => units[k] as Unit), opts, perTest));
  return { assignment, exact };
}

/** A unit's tests' own seconds (asked only with workers, to spread them). */
type PerTest = (u: Unit) => readonly number[];

/** Own seconds of each unit's tests, from the suite and the setups, as units.ts computes a unit's total. */
function perTestSeconds(suite: Suite, setups: SetupModel): PerTest {
  let byId: Map<string, SuiteTest> | undefined;
  const cache = new WeakMap<Unit, readonly number[]>();
  return (u) => {
    let out = cache.get(u);
    if (out) return out;
    byId ??= new Map(suite.tests.map((t) => [t.id, t]));
    const tests = byId;
    // A whole unknown file is one unit with one "test" (its path) and no suite test.
    out = u.tests.map((id) => {
      const t = tests.get(id);
      return t ? ownSeconds(t, setups, u.group !== undefined) : u.seconds / u.tests.length;
    });
    cache.set(u, out);
    return out;
  };
}

function shardCost(units: Unit[], opts: CostModel, perTest: PerTest): ShardCost {
  return priceShard(opts, units, perTest);
}

function toShard(group: number, units: Unit[], cost: ShardCost, workers: number): PlanShard {
  return {
    group,
    predictedSeconds: roundMs(cost.predicted),
    testSeconds: roundMs(cost.testSeconds),
    overheadSeconds: roundMs(cost.predicted - cost.own),
    files: cost.files,
    selectors: orderSelectors(units, workers),
    tests: sortIds(units.flatMap((u) => u.tests)),
    estimated: sum(units.map((u) => u.estimated)),
  };
}

export function listSome(names: readonly string[], limit = WARNING_LIST_LIMIT): string {
  const shown = names.slice(0, limit).join(', ');
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}
