/**
 * Why a plan looks the way it does (`split-plan explain`, the Action's summary, the HTML report):
 * how much of it rests on measured timings, what was estimated or ignored, where the time goes,
 * which files were cut across shards and why, and (against an older plan) which tests moved.
 * Pure: everything comes from the plan and the suite it was built from.
 *
 * Every list is bounded by `limit` and says how many it left out. Reasons are codes with their
 * data; src/render/explain.ts words them in an edge's words.
 */
import { compareIds, fileOf } from './nodeid.js';
import type { Plan } from './plan.js';
import { roundMs, sum } from './stats.js';
import type { Suite } from './suite.js';
import type { SetupModel } from './overhead.js';
import { workerStartSeconds } from './costModel.js';
import { fileShares } from './units.js';
import type { NodeId } from './types.js';

/** Items per list unless the caller says otherwise. */
export const DEFAULT_EXPLAIN_LIMIT = 10;

/** A list cut to its first `limit` items; `total` counts them all. */
export interface Bounded<T> {
  total: number;
  items: T[];
}

export interface Coverage {
  /** Tests (and whole unknown files, one each) the plan covers. */
  tests: number;
  knownTests: number;
  estimatedTests: number;
  seconds: number;
  knownSeconds: number;
  estimatedSeconds: number;
}

export interface EstimatedFile {
  file: string;
  /** Tests of the file without timing (1 for a file planned whole). */
  estimated: number;
  tests: number;
  estimatedSeconds: number;
  /** True for a file found on disk that no timing names: planned whole, its tests unknown. */
  wholeFile: boolean;
}

export interface SlowTest {
  id: NodeId;
  seconds: number;
  estimated: boolean;
  group: number;
}

export interface SlowFile {
  file: string;
  seconds: number;
  tests: number;
  groups: number[];
}

/**
 * Why a file was cut across shards, as a code with its data (src/render/explain.ts words it):
 * the plan schedules classes or tests singly (`granularity`), the file costs more than a shard's
 * fair share (`over-share`), there are fewer files than shards (`few-files`), or cutting it gave a
 * faster slowest shard (`faster`).
 */
export type SplitReason =
  | { code: 'granularity'; granularity: 'class' | 'test' }
  | { code: 'over-share'; shareSeconds: number }
  | { code: 'few-files'; files: number; splits: number }
  | { code: 'faster'; shareSeconds: number };

export type SplitFile = {
  file: string;
  /** What the file costs one shard, as `auto` weighs it (units.ts fileShares). */
  costSeconds: number;
  groups: number[];
} & SplitReason;

/** Why a file's tests moved shard against an older plan, as a code with its data. */
export type MoveReason =
  | { code: 'splits-changed'; oldSplits: number; splits: number }
  | { code: 'settings-changed'; oldGranularity: string; granularity: string; oldAlgorithm: string; algorithm: string }
  | { code: 'now-cut' }
  | { code: 'no-longer-cut' }
  | { code: 'tests-changed'; added: number; removed: number }
  | { code: 'rebalanced'; oldTotalSeconds: number; totalSeconds: number };

export type MovedFile = {
  file: string;
  /** Tests of this file now in another shard than in the old plan. */
  moved: number;
  from: number[];
  to: number[];
} & MoveReason;

export interface Moves {
  oldSplits: number;
  /** Tests in both plans, in different shards. */
  moved: number;
  /** Tests only in the new plan. */
  added: number;
  /** Tests only in the old plan. */
  removed: number;
  files: Bounded<MovedFile>;
}

/** What every shard pays beyond its tests, as the cost model (costModel.ts) prices it. */
export interface ShardOverhead {
  workers: number;
  /** Start-up and session setup. */
  fixedSeconds: number;
  /** With workers: bringing them up. */
  workerStartSeconds: number;
  /** Collection of each file it runs (by every worker, with workers). */
  perFileSeconds: number;
}

export interface Explanation {
  splits: number;
  /** What every shard pays beyond its tests. */
  cost: ShardOverhead;
  coverage: Coverage;
  estimatedFiles: Bounded<EstimatedFile>;
  stale: Bounded<NodeId>;
  slowestTests: Bounded<SlowTest>;
  slowestFiles: Bounded<SlowFile>;
  /** The share of work one shard should carry (see splitReason). */
  fairShareSeconds: number;
  splitFiles: Bounded<SplitFile>;
  moves?: Moves;
}

export interface ExplainOptions {
  limit?: number;
  /** An earlier plan to compare with. */
  against?: Plan;
  /** The setups the plan was built with (learned from JUnit), so costs and the fair share match the planner's. */
  setups?: SetupModel;
}

interface FileStats {
  file: string;
  tests: number;
  seconds: number;
  estimated: number;
  estimatedSeconds: number;
  wholeFile: boolean;
}

export function explainPlan(plan: Plan, suite: Suite, opts: ExplainOptions = {}): Explanation {
  const limit = opts.limit ?? DEFAULT_EXPLAIN_LIMIT;
  const groupOf = groupsByTest(plan);
  const files = fileStats(suite);
  const all = [...files.values()];

  const estimatedTests = sum(all.map((f) => f.estimated));
  const seconds = sum(all.map((f) => f.seconds));
  const estimatedSeconds = sum(all.map((f) => f.estimatedSeconds));
  const tests = sum(all.map((f) => f.tests));
  const coverage: Coverage = {
    tests,
    knownTests: tests - estimatedTests,
    estimatedTests,
    seconds: roundMs(seconds),
    knownSeconds: roundMs(seconds - estimatedSeconds),
    estimatedSeconds: roundMs(estimatedSeconds),
  };

  const estimatedFiles = bounded(
    all
      .filter((f) => f.estimated > 0)
      .sort((a, b) => b.estimated - a.estimated || compareIds(a.file, b.file))
      .map((f): EstimatedFile => ({
        file: f.file,
        estimated: f.estimated,
        tests: f.tests,
        estimatedSeconds: roundMs(f.estimatedSeconds),
        wholeFile: f.wholeFile,
      })),
    limit,
  );

  const slowTests: SlowTest[] = suite.tests.map((t) => ({ id: t.id, seconds: t.seconds, estimated: t.estimated, group: groupOf.get(t.id) ?? 0 }));
  for (const u of suite.unknownFiles) slowTests.push({ id: u.file, seconds: u.seconds, estimated: true, group: groupOf.get(u.file) ?? 0 });
  const slowestTests = bounded(
    topBy(slowTests, limit, (a, b) => b.seconds - a.seconds || compareIds(a.id, b.id)).map((t) => ({ ...t, seconds: roundMs(t.seconds) })),
    limit,
    slowTests.length,
  );

  const groupsOfFile = fileGroups(plan);
  const slowestFiles = bounded(
    topBy(all, limit, (a, b) => b.seconds - a.seconds || compareIds(a.file, b.file)).map((f): SlowFile => ({
      file: f.file,
      seconds: roundMs(f.seconds),
      tests: f.tests,
      groups: groupsOfFile.get(f.file) ?? [],
    })),
    limit,
    all.length,
  );

  const { share, costs } = fileShares(suite, {
    granularity: plan.granularity,
    splits: plan.splits,
    workers: plan.workers,
    overhead: plan.overhead,
    ...(opts.setups ? { setups: opts.setups } : {}),
  });
  const splitFiles = bounded(
    plan.splitFiles.map((file): SplitFile => {
      const cost = costs.get(file) ?? 0;
      return { file, costSeconds: roundMs(cost), groups: groupsOfFile.get(file) ?? [], ...splitReason(plan, cost, share, all.length) };
    }),
    limit,
  );

  const model = { workers: plan.workers, overhead: plan.overhead };
  const out: Explanation = {
    splits: plan.splits,
    cost: {
      workers: plan.workers,
      fixedSeconds: plan.overhead.fixedSeconds,
      workerStartSeconds: roundMs(workerStartSeconds(model)),
      perFileSeconds: plan.overhead.perFileSeconds,
    },
    coverage,
    estimatedFiles,
    stale: bounded(suite.stale.slice(0, limit), limit, suite.stale.length),
    slowestTests,
    slowestFiles,
    fairShareSeconds: roundMs(share),
    splitFiles,
  };
  if (opts.against) out.moves = compareWith(opts.against, plan, groupOf, limit);
  return out;
}

function splitReason(plan: Plan, cost: number, share: number, fileCount: number): SplitReason {
  if (plan.granularity === 'class' || plan.granularity === 'test') return { code: 'granularity', granularity: plan.granularity };
  if (cost > share) return { code: 'over-share', shareSeconds: roundMs(share) };
  if (fileCount < plan.splits) return { code: 'few-files', files: fileCount, splits: plan.splits };
  return { code: 'faster', shareSeconds: roundMs(share) };
}

function compareWith(old: Plan, plan: Plan, groupOf: ReadonlyMap<NodeId, number>, limit: number): Moves {
  const oldGroup = groupsByTest(old);
  const byFile = new Map<string, { moved: number; from: Set<number>; to: Set<number>; added: number; removed: number }>();
  const entry = (id: NodeId) => {
    const file = fileOf(id);
    let e = byFile.get(file);
    if (!e) byFile.set(file, (e = { moved: 0, from: new Set(), to: new Set(), added: 0, removed: 0 }));
    return e;
  };
  let moved = 0;
  let added = 0;
  let removed = 0;
  for (const [id, g] of groupOf) {
    const before = oldGroup.get(id);
    if (before === undefined) {
      added++;
      entry(id).added++;
    } else if (before !== g) {
      moved++;
      const e = entry(id);
      e.moved++;
      e.from.add(before);
      e.to.add(g);
    }
  }
  for (const id of oldGroup.keys()) {
    if (!groupOf.has(id)) {
      removed++;
      entry(id).removed++;
    }
  }
  const oldSplit = new Set(old.splitFiles);
  const newSplit = new Set(plan.splitFiles);
  const reasonFor = (file: string, e: { added: number; removed: number }): MoveReason => {
    if (old.splits !== plan.splits) return { code: 'splits-changed', oldSplits: old.splits, splits: plan.splits };
    if (old.granularity !== plan.granularity || old.algorithm !== plan.algorithm) {
      return {
        code: 'settings-changed',
        oldGranularity: old.granularity,
        granularity: plan.granularity,
        oldAlgorithm: old.algorithm,
        algorithm: plan.algorithm,
      };
    }
    if (newSplit.has(file) && !oldSplit.has(file)) return { code: 'now-cut' };
    if (oldSplit.has(file) && !newSplit.has(file)) return { code: 'no-longer-cut' };
    if (e.added > 0 || e.removed > 0) return { code: 'tests-changed', added: e.added, removed: e.removed };
    return { code: 'rebalanced', oldTotalSeconds: old.totalSeconds, totalSeconds: plan.totalSeconds };
  };
  const list = [...byFile.entries()]
    .filter(([, e]) => e.moved > 0)
    .sort(([fa, a], [fb, b]) => b.moved - a.moved || compareIds(fa, fb))
    .map(([file, e]): MovedFile => ({ file, moved: e.moved, from: sorted(e.from), to: sorted(e.to), ...reasonFor(file, e) }));
  return { oldSplits: old.splits, moved, added, removed, files: bounded(list, limit) };
}

function fileStats(suite: Suite): Map<string, FileStats> {
  const files = new Map<string, FileStats>();
  for (const t of suite.tests) {
    let f = files.get(t.file);
    if (!f) files.set(t.file, (f = { file: t.file, tests: 0, seconds: 0, estimated: 0, estimatedSeconds: 0, wholeFile: false }));
    f.tests++;
    f.seconds += t.seconds;
    if (t.estimated) {
      f.estimated++;
      f.estimatedSeconds += t.seconds;
    }
  }
  for (const u of suite.unknownFiles) {
    files.set(u.file, { file: u.file, tests: 1, seconds: u.seconds, estimated: 1, estimatedSeconds: u.seconds, wholeFile: true });
  }
  return files;
}

function groupsByTest(plan: Plan): Map<NodeId, number> {
  const out = new Map<NodeId, number>();
  for (const s of plan.shards) for (const id of s.tests) out.set(id, s.group);
  return out;
}

function fileGroups(plan: Plan): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of plan.shards) {
    const seen = new Set<string>();
    for (const id of s.tests) {
      const file = fileOf(id);
      if (seen.has(file)) continue;
      seen.add(file);
      const list = out.get(file);
      if (list) list.push(s.group);
      else out.set(file, [s.group]);
    }
  }
  return out;
}

/** The first `limit` items in `compare` order, without sorting everything (suites can be huge). */
function topBy<T>(items: readonly T[], limit: number, compare: (a: T, b: T) => number): T[] {
  if (items.length <= limit * 4) return [...items].sort(compare).slice(0, limit);
  const top: T[] = [];
  for (const it of items) {
    if (top.length < limit) {
      top.push(it);
      if (top.length === limit) top.sort(compare);
    } else if (compare(it, top[limit - 1] as T) < 0) {
      top[limit - 1] = it;
      top.sort(compare);
    }
  }
  return top.sort(compare);
}

function bounded<T>(items: T[], limit: number, total = items.length): Bounded<T> {
  return { total, items: items.slice(0, limit) };
}

function sorted(s: Set<number>): number[] {
  return [...s].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Shard bars for the report: each shard's predicted time split into overhead, known and estimated.

export interface ShardBar {
  group: number;
  tests: number;
  predictedSeconds: number;
  overheadSeconds: number;
  knownSeconds: number;
  estimatedSeconds: number;
}

/**
 * The plan's overhead for each shard as it predicts it, and the rest (its tests' time, spread over
 * workers and never below the longest test) split between measured and estimated tests in
 * proportion to their seconds.
 */
export function shardBars(plan: Plan, suite: Suite): ShardBar[] {
  const estimatedSecondsOf = new Map<NodeId, number>();
  const secondsOf = new Map<NodeId, number>();
  for (const t of suite.tests) {
    secondsOf.set(t.id, t.seconds);
    if (t.estimated) estimatedSecondsOf.set(t.id, t.seconds);
  }
  for (const u of suite.unknownFiles) {
    secondsOf.set(u.file, u.seconds);
    estimatedSecondsOf.set(u.file, u.seconds);
  }
  return plan.shards.map((s) => {
    const own = Math.max(0, s.predictedSeconds - s.overheadSeconds);
    const total = sum(s.tests.map((id) => secondsOf.get(id) ?? 0));
    const est = sum(s.tests.map((id) => estimatedSecondsOf.get(id) ?? 0));
    const estimatedSeconds = total > 0 ? roundMs((own * est) / total) : 0;
    return {
      group: s.group,
      tests: s.tests.length,
      predictedSeconds: s.predictedSeconds,
      overheadSeconds: s.overheadSeconds,
      knownSeconds: roundMs(own - estimatedSeconds),
      estimatedSeconds,
    };
  });
}
