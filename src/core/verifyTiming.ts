/**
 * How a run's timing compared with its plan (`verify --html/--markdown`, the Action's verify
 * summary): per shard the predicted against the measured seconds, and the tests whose measured time
 * moved most against the stored one, so a slow shard can be told from a wrong prediction.
 * Pure: the plan, the verify result, the run's mapped cases and the stored timings in, data out
 * (renderers live in src/render/).
 *
 * Per shard:
 * - predicted: the plan's prediction less the start-up it counts outside pytest's session
 *   (`overhead.startupSeconds`), since a JUnit report only covers the session;
 * - measured: the session seconds of the shard's reports (verify.ts reportSeconds);
 * - model on this run: the cost model (costModel.ts) priced with this run's own test times instead
 *   of the stored ones, with the plan's overhead: the fixed part, the workers' start-up, collection
 *   of the files the shard ran, and its testcases spread over the workers;
 * - test ratio: the median over its tests of measured / stored seconds (tests stored at
 *   MIN_RATIO_SECONDS or more), how much faster or slower the shard's tests ran as a whole.
 *
 * The reason for a miss beyond ERROR_TOLERANCE: when most of the shard's tests moved by about the
 * same factor, the shard's machine ran them at another speed (a slow or busy runner); else when
 * the model on this run is within the tolerance, the stored timings of some tests are off (they
 * are listed); else the overhead is (start-up, collection, workers).
 */
import { fixedCost, spreadSeconds } from './costModel.js';
import { compareIds, fileOf } from './nodeid.js';
import type { Plan } from './plan.js';
import { median } from './stats.js';
import { junitDurations } from './timings.js';
import type { Durations, MappedCase, NodeId, OverheadModel } from './types.js';
import type { VerifyResult } from './verify.js';

/** A prediction within this fraction of the measurement is as good as timings allow. */
export const ERROR_TOLERANCE = 0.15;
/** A shard whose tests' median ratio is beyond this factor (either way) ran on a machine of another speed. */
export const RUNNER_FACTOR = 1.3;
/** Tests shorter than this are left out of a shard's test ratio (their times are mostly noise). */
export const MIN_RATIO_SECONDS = 0.01;
/** Moved tests listed unless the caller says otherwise. */
export const DEFAULT_MOVED_LIMIT = 10;

export type Verdict = 'as-predicted' | 'runner-speed' | 'tests-moved' | 'overhead' | 'missing';

export interface ShardTiming {
  group: number;
  /** The plan's prediction less its start-up outside pytest's session. */
  predictedSeconds: number;
  /** Session seconds of its reports; undefined when none belongs to it. */
  measuredSeconds?: number;
  /** The cost model on this run's test times. */
  modelSeconds?: number;
  /** measured / predicted - 1. */
  error?: number;
  /** Median measured / stored over its tests; undefined without stored timings. */
  testRatio?: number;
  verdict: Verdict;
  /** One line saying why. */
  reason: string;
}

export interface MovedTest {
  id: NodeId;
  /** The shard whose report ran it (0 when its report belongs to no shard). */
  group: number;
  storedSeconds: number;
  measuredSeconds: number;
  /** measured - stored. */
  changeSeconds: number;
}

export interface TimingReport {
  workers: number;
  /** The start-up outside pytest's session that the predictions held (taken off them here). */
  startupSeconds: number;
  shards: ShardTiming[];
  /** Whether stored timings were given: without them nothing can be said about moved tests. */
  stored: boolean;
  /** The tests with a stored timing that moved most, by absolute change (bounded). */
  moved: MovedTest[];
  /** How many tests ran that have a stored timing, and how many ran without one. */
  compared: number;
  unstored: number;
}

export interface TimingOptions {
  /** Stored timings (the durations files); none: no moved tests, no test ratios. */
  stored?: Durations;
  /** Moved tests listed (default DEFAULT_MOVED_LIMIT). */
  limit?: number;
}

export function timingReport(
  plan: Pick<Plan, 'workers' | 'overhead' | 'shards'>,
  result: VerifyResult,
  reports: readonly { source: string }[],
  cases: readonly MappedCase[],
  opts: TimingOptions = {},
): TimingReport {
  // A plan file needs neither field (formats/planSchema.ts): one worker and no overhead then.
  const workers = Number.isInteger(plan.workers) && plan.workers > 0 ? plan.workers : 1;
  const o: Partial<OverheadModel> = plan.overhead ?? {};
  const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);
  const overhead: OverheadModel = {
    fixedSeconds: num(o.fixedSeconds),
    perFileSeconds: num(o.perFileSeconds),
    source: o.source ?? 'default',
    samples: o.samples ?? 0,
    workerStartSeconds: num(o.workerStartSeconds),
    startupSeconds: num(o.startupSeconds),
  };
  const startup = overhead.startupSeconds ?? 0;
  const groupOfSource = new Map<string, number>();
  for (const s of result.shards) for (const src of s.reports) groupOfSource.set(src, s.group);
  const groupOfReport = reports.map((r) => groupOfSource.get(r.source) ?? 0);
  const measured = junitDurations(cases);
  const casesOfGroup = new Map<number, MappedCase[]>();
  for (const c of cases) {
    const g = groupOfReport[c.report] ?? 0;
    const list = casesOfGroup.get(g);
    if (list) list.push(c);
    else casesOfGroup.set(g, [c]);
  }
  const stored = opts.stored;

  const shards = result.shards.map((check): ShardTiming => {
    const predicted = Math.max(0, check.predictedSeconds - (check.predictedSeconds > 0 ? startup : 0));
    const out: ShardTiming = { group: check.group, predictedSeconds: round(predicted), verdict: 'missing', reason: 'no report belongs to this shard' };
    if (check.actualSeconds === undefined) return out;
    const mine = casesOfGroup.get(check.group) ?? [];
    out.measuredSeconds = round(check.actualSeconds);
    const files = new Set(mine.map((c) => fileOf(c.id))).size;
    if (files > 0) {
      const inSession = fixedCost({ workers, overhead }) - startup;
      out.modelSeconds = round(
        Math.max(0, inSession) +
          overhead.perFileSeconds * files +
          spreadSeconds(
            mine.map((c) => c.time),
            workers,
          ),
      );
    }
    if (predicted > 0) out.error = round4(check.actualSeconds / predicted - 1);
    if (stored) {
      const ratios: number[] = [];
      for (const id of new Set(mine.map((c) => c.id))) {
        const s = stored.get(id);
        const m = measured.get(id);
        if (s !== undefined && m !== undefined && s >= MIN_RATIO_SECONDS) ratios.push(m / s);
      }
      if (ratios.length > 0) out.testRatio = round4(median(ratios));
    }
    Object.assign(out, judge(out));
    return out;
  });

  const moved: MovedTest[] = [];
  let compared = 0;
  let unstored = 0;
  const groupOfId = new Map<NodeId, number>();
  for (const c of cases) if (!groupOfId.has(c.id)) groupOfId.set(c.id, groupOfReport[c.report] ?? 0);
  for (const [id, m] of measured) {
    const s = stored?.get(id);
    if (s === undefined) {
      unstored++;
      continue;
    }
    compared++;
    moved.push({ id, group: groupOfId.get(id) ?? 0, storedSeconds: round(s), measuredSeconds: round(m), changeSeconds: round(m - s) });
  }
  moved.sort((a, b) => Math.abs(b.changeSeconds) - Math.abs(a.changeSeconds) || compareIds(a.id, b.id));
  return {
    workers,
    startupSeconds: startup,
    shards,
    stored: stored !== undefined,
    moved: moved.filter((t) => t.changeSeconds !== 0).slice(0, opts.limit ?? DEFAULT_MOVED_LIMIT),
    compared,
    unstored: stored ? unstored : 0,
  };
}

function judge(t: ShardTiming): { verdict: Verdict; reason: string } {
  const measured = t.measuredSeconds as number;
  const pct = (x: number): string => `${x >= 0 ? '+' : ''}${Math.round(x * 100)}%`;
  if (t.error === undefined || Math.abs(t.error) <= ERROR_TOLERANCE) {
    return {
      verdict: 'as-predicted',
      reason: t.error === undefined ? 'nothing was predicted' : `within ${Math.round(ERROR_TOLERANCE * 100)}% (${pct(t.error)})`,
    };
  }
  const r = t.testRatio;
  if (r !== undefined && (r >= RUNNER_FACTOR || r <= 1 / RUNNER_FACTOR)) {
    return {
      verdict: 'runner-speed',
      reason: `its tests ran ${r.toFixed(2)} x their stored times as a whole: a ${r > 1 ? 'slower or busier' : 'faster'} machine, not a wrong plan`,
    };
  }
  if (t.modelSeconds !== undefined && Math.abs(t.modelSeconds / measured - 1) <= ERROR_TOLERANCE) {
    return {
      verdict: 'tests-moved',
      reason: `the model with this run's test times is within ${Math.round(ERROR_TOLERANCE * 100)}%: some tests' stored times are off (see the moved tests)`,
    };
  }
  return {
    verdict: 'overhead',
    reason: `even with this run's test times the model is off (${t.modelSeconds?.toFixed(2) ?? '?'} s): start-up, collection or workers cost other than modelled`,
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000 || 0;
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4 || 0;
