/**
 * The per-shard cost model: shard seconds = fixed + perFile x files touched + its tests' seconds
 * (spread over `workers` when pytest-xdist runs inside the shard, but never less than its longest
 * test).
 *
 * pytest's JUnit `<testsuite time>` covers the session from its start to its end, so
 * `suite time - sum of its testcases` is what the shard paid beyond its tests: collecting and
 * importing its files, plus plugin hooks. Across shards that touched different numbers of files a
 * least-squares line separates the fixed part from the per-file part; with one sample (or equal
 * file counts) it is all put on the files. Interpreter and plugin start-up happen before the
 * session starts and never show in JUnit: that part is `startupSeconds` (flag or default).
 */
import { linearRegression } from 'simple-statistics';
import { sum } from './stats.js';
import type { OverheadModel } from './types.js';

/** Used when nothing was measured: plan on test time alone (see README "Cost model"). */
export const DEFAULT_OVERHEAD: OverheadModel = { fixedSeconds: 0, perFileSeconds: 0, source: 'default', samples: 0 };

/** Seconds a bare `python -m pytest` takes before its session starts, when no flag says otherwise. */
export const DEFAULT_STARTUP_SECONDS = 0.3;

export interface OverheadSample {
  /** `<testsuite time>` */
  suiteSeconds: number;
  /** Sum of the suite's testcase times. */
  testSeconds: number;
  /** Distinct test files the suite's testcases belong to. */
  files: number;
}

export function learnOverhead(samples: readonly OverheadSample[], startupSeconds = DEFAULT_STARTUP_SECONDS): OverheadModel | undefined {
  const usable = samples
    .filter((s) => s.files > 0 && Number.isFinite(s.suiteSeconds))
    .map((s) => ({ files: s.files, extra: Math.max(0, s.suiteSeconds - s.testSeconds) }))
    .sort((a, b) => a.files - b.files || a.extra - b.extra);
  if (usable.length === 0) return undefined;
  const distinctFiles = new Set(usable.map((s) => s.files)).size;
  let fixed = 0;
  let perFile: number;
  if (distinctFiles >= 2) {
    const fit = linearRegression(usable.map((s) => [s.files, s.extra]));
    if (fit.m >= 0 && fit.b >= 0) {
      fixed = fit.b;
      perFile = fit.m;
    } else {
      perFile = ratio(usable);
    }
  } else {
    perFile = ratio(usable);
  }
  return { fixedSeconds: startupSeconds + fixed, perFileSeconds: perFile, source: 'junit', samples: usable.length };
}

function ratio(usable: { files: number; extra: number }[]): number {
  return sum(usable.map((s) => s.extra)) / sum(usable.map((s) => s.files));
}

/** A shard's predicted wall seconds under the model. */
export function shardSeconds(model: OverheadModel, files: number, testSeconds: number, longest: number, workers: number): number {
  if (files === 0) return 0;
  return model.fixedSeconds + model.perFileSeconds * files + Math.max(testSeconds / workers, longest);
}
