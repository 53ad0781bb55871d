/**
 * Building a plan: suite -> units -> partition -> shards with predictions and warnings.
 * The Plan object is the JSON contract (version 1) other tools read; see formats/planJson.ts.
 *
 * Predictions are the cost model's (costModel.ts): a shard's `predictedSeconds` is start-up and
 * session setup (`overhead.fixedSeconds`), with workers their start-up, collection per file,
 * module setup per file and class setup per cut class it runs (per worker that runs some of
 * them), and its tests' own seconds spread over the workers (longest first), never less than its
 * longest test. `testSeconds` is the tests' own seconds, `overheadSeconds` the rest. With
 * workers, each shard's files are passed longest first (selection.ts, costModel.ts orderSelectors). For `auto`, every unit choice is partitioned and the one
 * with the fastest slowest shard is kept (ties: whole files); a cut file whose pieces all landed in
 * one shard is then priced as one whole file again.
 *
 * What a shard passes to pytest comes from core/selection.ts: whole files, plus the shard's plugin
 * directory when it runs part of a file spread over several shards.
 */
import { lowerBound as modelLowerBound, priceShard, type CostModel, type ShardCost } from './costModel.js';
import { NO_SETUPS, type SetupModel } from './overhead.js';
import { partition, type Assignment, type Item } from './partition.js';
import { maxOf, roundMs, sum } from './stats.js';
import type { Suite, SuiteTest } from './suite.js';
import { InputError } from './errors.js';
import { compareIds, sortIds } from './nodeid.js';
import type { Algorithm, Granularity, NodeId, OverheadModel } from './types.js';
import { namePluginDirs, selectShards, xdistGroupName, type CutFile, type ShardSelection } from './selection.js';
import { filesOfSet, matchTogether } from './together.js';
import { classCost, fileCost, ownSeconds, unitChoices, wholeFileUnits, type Unit, type UnitsResult } from './units.js';

export interface PlanOptions {
  splits: number;
  granularity: Granularity;
  algorithm: Algorithm;
  workers: number;
  overhead: OverheadModel;
  /** Setups learned from first tests (overhead.ts learnSetups); none when absent. */
  setups?: SetupModel;
  /** `--together` patterns (together.ts): each pattern's tests share one shard. */
  together?: readonly string[];
}

export interface PlanShard {
  group: number;
  predictedSeconds: number;
  testSeconds: number;
  overheadSeconds: number;
  files: number;
  /**
   * The shard's plugin directory (rootdir-relative), also its first selector, when it runs part of
   * a cut file (see core/selection.ts); absent otherwise.
   */
  pluginDir?: string;
  /** Exactly the arguments the shard passes to pytest: its plugin directory first, then files. */
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
  /** Files planned in pieces (the cost model prices each piece's file and class setup); sorted. */
  splitFiles: string[];
  /** Files spread over several shards, each with the shard that owns it (runs its new tests). */
  cutFiles: CutFile[];
  /** One entry per `--together` pattern: the shard that runs its tests, and those tests (path order). */
  together: PlannedTogether[];
  shards: PlanShard[];
  /** What the plan had to guess or leave out, as data; each edge words them (src/render/warnings.ts). */
  warnings: PlanWarning[];
}

/**
 * A warning about the plan: a code and the data behind it. Core names no flag or input; the CLI
 * and the Action word each warning in their own vocabulary (src/render/warnings.ts). The plan file
 * stores the words (an array of strings), so a plan read back holds `worded` warnings.
 */
export type PlanWarning =
  /** Fewer schedulable units than shards: these shards got no tests. */
  | { code: 'empty-shards'; units: number; splits: number; groups: number[] }
  /** Tests without timing, estimated from their neighbours. */
  | { code: 'estimated-tests'; tests: number }
  /** Timing entries for tests that were not collected (ignored). */
  | { code: 'stale-entries'; ids: NodeId[] }
  /** Files the timings or the collected list name that are gone from the rootdir; `tests` of theirs left out. */
  | { code: 'missing-files'; files: string[]; collected: boolean; tests: number }
  /** Together patterns that matched no test. */
  | { code: 'unmatched-together'; patterns: string[] }
  /** Test files on disk that no timing names, planned whole. */
  | { code: 'untimed-files'; files: string[] }
  /** A warning read back from a plan file: only its words are stored. */
  | { code: 'worded'; text: string };

/** Tests that must share a shard (`--together PATTERN`). */
export interface PlannedTogether {
  pattern: string;
  /** The shard that runs them, 1-based; 0 when the pattern matched no test. */
  group: number;
  /** The pytest-xdist group (`xdist_group` mark) the shard plugin gives them; patterns that share tests share one. */
  name: string;
  /** Files the pattern matches by path: every test in them belongs to the set, new ones too. */
  files: string[];
  /** The planned tests it matched (a file no timing knew as its path), sorted. */
  tests: NodeId[];
}

export function buildPlan(suite: Suite, opts: PlanOptions): Plan {
  const { splits, workers } = opts;
  const setups = opts.setups ?? NO_SETUPS;
  // Session setup is paid once per shard like start-up: it joins the fixed cost.
  const overhead: OverheadModel = { ...opts.overhead, fixedSeconds: opts.overhead.fixedSeconds + setups.sessionSeconds };
  const model: PlanOptions = { ...opts, overhead, setups };
  const together = opts.together !== undefined && opts.together.length > 0 ? matchTogether(suite, opts.together) : undefined;
  const { together: _patterns, ...unitOptions } = model;
  const choices = unitChoices(suite, { ...unitOptions, ...(together ? { together: together.sets } : {}) });
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
  // A together set's unit runs its members (one per file): price the shard with them.
  const togetherShard = new Map<number, number>();
  if (together) {
    perShard = perShard.map((us, s) =>
      us.flatMap((u) => {
        if (u.members === undefined) return [u];
        togetherShard.set(u.together as number, s);
        return membersOf(u);
      }),
    );
    exact = perShard.map((us) => shardCost(us, model, perTest));
  }
  const togetherFiles = new Set(together?.sets.flatMap(filesOfSet) ?? []);
  if (opts.granularity === 'auto') ({ perShard, exact } = rejoinFiles(perShard, exact, suite, model, togetherFiles, perTest));
  const makespan = maxOf(exact.map((c) => c.predicted));
  const splitFiles = [...new Set(perShard.flatMap((us) => us.filter((u) => u.partial).map((u) => u.file)))].sort();
  const preferredOwner = new Map<string, number>();
  together?.sets.forEach((set, k) => {
    const shard = togetherShard.get(k);
    if (shard !== undefined) for (const f of filesOfSet(set)) if (!preferredOwner.has(f)) preferredOwner.set(f, shard);
  });
  const selection = selectShards(perShard, { preferredOwner, pluginShards: new Set(togetherShard.values()), workers });
  const { cutFiles } = selection;
  const placed = perShard.map((us, i) => toShard(i + 1, us, exact[i] as ShardCost, selection.shards[i] as ShardSelection));
  const allTests = sum(units.map((u) => u.tests.length));
  const estimatedTests = sum(units.map((u) => u.estimated));
  const totalSeconds = sum(suite.tests.map((t) => t.seconds)) + sum(suite.unknownFiles.map((u) => u.seconds));
  const lowerBound = lowerBoundOf(units.flatMap(membersOf), model);

  const plannedTogether = (together?.matches ?? []).map((m, k): PlannedTogether => {
    const setIndex = together?.sets.findIndex((set) => set.patterns.includes(k)) ?? -1;
    const set = together?.sets[setIndex];
    const shard = togetherShard.get(setIndex);
    return {
      pattern: m.pattern,
      group: shard === undefined ? 0 : shard + 1,
      name: xdistGroupName((set?.patterns[0] ?? k) + 1),
      files: m.wholeFiles,
      tests: m.tests,
    };
  });

  const warnings: PlanWarning[] = [];
  const emptyShards = placed.filter((s) => s.tests.length === 0).map((s) => s.group);
  if (emptyShards.length > 0) warnings.push({ code: 'empty-shards', units: units.length, splits, groups: emptyShards });
  if (estimatedTests > 0) warnings.push({ code: 'estimated-tests', tests: estimatedTests });
  if (suite.stale.length > 0) warnings.push({ code: 'stale-entries', ids: [...suite.stale] });
  const missing = suite.missingFiles ?? [];
  if (missing.length > 0) warnings.push({ code: 'missing-files', files: [...missing], collected: suite.exact, tests: suite.missingEntries ?? 0 });
  const unmatched = together?.matches.filter((m) => m.tests.length === 0).map((m) => m.pattern) ?? [];
  if (unmatched.length > 0) warnings.push({ code: 'unmatched-together', patterns: unmatched });
  if (suite.unknownFiles.length > 0) warnings.push({ code: 'untimed-files', files: suite.unknownFiles.map((u) => u.file) });

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
    staleEntries: suite.stale.length + (suite.missingEntries ?? 0),
    splitFiles,
    cutFiles,
    together: plannedTogether,
    shards: namePluginDirs({ shards: placed, cutFiles, together: plannedTogether }),
    warnings,
  };
}

/**
 * A file `auto` cut into pieces that all landed in one shard is one whole file again (it is
 * selected whole either way, see selection.ts): the shard runs the same tests. Kept only where the
 * model prices the shard no dearer (with several workers, a cut class's setup is priced per worker,
 * a whole file's is not).
 */
function rejoinFiles(
  perShard: Unit[][],
  exact: ShardCost[],
  suite: Suite,
  opts: PlanOptions,
  keep: ReadonlySet<string>,
  perTest: PerTest,
): { perShard: Unit[][]; exact: ShardCost[] } {
  const shardsOf = new Map<string, Set<number>>();
  perShard.forEach((us, s) => {
    for (const u of us) {
      if (!u.partial || keep.has(u.file)) continue;
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

/** A together unit's members (the first one carries the unit's whole time as its longest: one block), or the unit. */
function membersOf(u: Unit): Unit[] {
  if (u.members === undefined) return [u];
  return u.members.map((m, i) => (i === 0 ? { ...m, longest: u.longest } : m));
}

/** The least any plan of these units can take: every file paid once, the longest test whole (costModel.ts lowerBound). */
function lowerBoundOf(units: readonly Unit[], opts: PlanOptions): number {
  return modelLowerBound(opts, units, opts.splits);
}

/** Partitions the units with their per-file and per-class costs, and prices every shard exactly. */
function place(units: readonly Unit[], opts: PlanOptions, perTest: PerTest): { assignment: Assignment; exact: ShardCost[] } {
  const testsPerFile = new Map<string, number>();
  const testsPerClass = new Map<string, number>();
  for (const u of units) {
    testsPerFile.set(u.file, (testsPerFile.get(u.file) ?? 0) + u.tests.length);
    if (u.cutClass !== undefined) testsPerClass.set(u.cutClass, (testsPerClass.get(u.cutClass) ?? 0) + u.tests.length);
  }
  const items = units.map((u): Item => {
    const item: Item = { cost: u.seconds / opts.workers, file: u.file, fileCost: fileCost(u.file, testsPerFile.get(u.file) ?? 1, opts) };
    const paid = u.cutClass !== undefined ? classCost(u.cutClass, testsPerClass.get(u.cutClass) ?? 1, opts) : 0;
    if (paid > 0) {
      item.cutClass = u.cutClass;
      item.classCost = paid;
    }
    return item;
  });
  const assignment = partition(items, opts.algorithm, { splits: opts.splits, perFile: opts.overhead.perFileSeconds });
  const exact = assignment.map((idxs) =>
    shardCost(
      idxs.map((k) => units[k] as Unit),
      opts,
      perTest,
    ),
  );
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
      return t ? ownSeconds(t, setups, u.cutClass !== undefined) : u.seconds / u.tests.length;
    });
    cache.set(u, out);
    return out;
  };
}

function shardCost(units: Unit[], opts: CostModel, perTest: PerTest): ShardCost {
  return priceShard(opts, units, perTest);
}

function toShard(group: number, units: Unit[], cost: ShardCost, selection: ShardSelection): PlanShard {
  return {
    group,
    predictedSeconds: roundMs(cost.predicted),
    testSeconds: roundMs(cost.testSeconds),
    overheadSeconds: roundMs(cost.predicted - cost.own),
    files: cost.files,
    ...(selection.pluginDir !== undefined ? { pluginDir: selection.pluginDir } : {}),
    selectors: selection.selectors,
    tests: sortIds(units.flatMap((u) => u.tests)),
    estimated: sum(units.map((u) => u.estimated)),
  };
}
