/**
 * Building a plan: suite -> units -> partition -> shards with predictions and warnings.
 * The Plan object is the JSON contract (version 1) other tools read; see formats/planJson.ts.
 */
import { shardSeconds } from './overhead.js';
import { partition } from './partition.js';
import { maxOf, roundMs, sum } from './stats.js';
import type { Suite } from './suite.js';
import { InputError } from './errors.js';
import type { Algorithm, Granularity, NodeId, OverheadModel } from './types.js';
import { buildUnits, type Unit } from './units.js';

export interface PlanOptions {
  splits: number;
  granularity: Granularity;
  algorithm: Algorithm;
  workers: number;
  overhead: OverheadModel;
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
  const { splits, workers, overhead } = opts;
  const { units, splitFiles } = buildUnits(suite, opts);
  if (units.length === 0) {
    throw new InputError('nothing to plan: no timings, no collected tests and no test files were found');
  }
  const items = units.map((u) => ({ cost: u.seconds / workers, file: u.file }));
  const assignment = partition(items, opts.algorithm, { splits, perFile: overhead.perFileSeconds });

  const exact = assignment.map((idxs) => shardCost(idxs.map((k) => units[k] as Unit), opts));
  const shards = assignment.map((idxs, i) => toShard(i + 1, idxs.map((k) => units[k] as Unit), exact[i] as ShardCost));
  const allTests = sum(units.map((u) => u.tests.length));
  const estimatedTests = sum(units.map((u) => u.estimated));
  const totalSeconds = sum(units.map((u) => u.seconds));
  const longest = maxOf(units.map((u) => u.longest));
  const fileCount = new Set(units.map((u) => u.file)).size;
  const lowerBound =
    overhead.fixedSeconds +
    Math.max(
      (overhead.perFileSeconds * fileCount + totalSeconds / workers) / splits,
      overhead.perFileSeconds + Math.max(longest, totalSeconds / workers / splits),
    );
  const makespan = maxOf(exact.map((c) => c.predicted));

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
      `${splitFiles.length} file(s) are split across shards without --collected, so tests added to them since the timings were taken will not run: ${listSome(splitFiles)}`,
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
    },
    tests: allTests,
    estimatedTests,
    staleEntries: suite.stale.length,
    splitFiles,
    shards,
    warnings,
  };
}

interface ShardCost {
  predicted: number;
  testSeconds: number;
  own: number;
  files: number;
}

function shardCost(units: Unit[], opts: PlanOptions): ShardCost {
  const testSeconds = sum(units.map((u) => u.seconds));
  const files = new Set(units.map((u) => u.file)).size;
  const longest = maxOf(units.map((u) => u.longest));
  const predicted = shardSeconds(opts.overhead, files, testSeconds, longest, opts.workers);
  const own = files === 0 ? 0 : Math.max(testSeconds / opts.workers, longest);
  return { predicted, testSeconds, own, files };
}

function toShard(group: number, units: Unit[], cost: ShardCost): PlanShard {
  return {
    group,
    predictedSeconds: roundMs(cost.predicted),
    testSeconds: roundMs(cost.testSeconds),
    overheadSeconds: roundMs(cost.predicted - cost.own),
    files: cost.files,
    selectors: units.flatMap((u) => u.selectors).sort(),
    tests: units.flatMap((u) => u.tests).sort(),
    estimated: sum(units.map((u) => u.estimated)),
  };
}

export function listSome(names: readonly string[], limit = WARNING_LIST_LIMIT): string {
  const shown = names.slice(0, limit).join(', ');
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}
