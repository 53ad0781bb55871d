/**
 * Refreshing a durations file from this run's JUnit measurements. Pure: stored timings and mapped
 * JUnit cases in, the new timings and a change report out. The same inputs, in any order, give the
 * same result.
 *
 * Rules (stated in docs/refresh.md):
 * - Measurement of one id (core/measurement.ts, the rule planning uses too): the mean of its
 *   `passed` and `failed` testcases over every report (reruns inside one report and the same id in
 *   several reports all count, each attempt once). `skipped` and `error` testcases are no
 *   measurement: a skip takes about 0 s, and pytest reports `error` for a setup or teardown
 *   failure, so its time says nothing about the test.
 * - `pace` (the default): each attempt is first divided by its report's factor (core/pace.ts: how
 *   much faster or slower that report's tests ran as a whole than the run's tests did), so a shard
 *   whose machine was slow does not move its tests, while a test that moved against its
 *   shard-mates (or a whole run in a new process context) keeps its move. A measured id outside the
 *   dead band then takes the normalised measurement at once: the noise has been divided out, and
 *   what is left is a change that every later plan should see. A test that was slow once by
 *   accident costs one shard one run and is taken back the next run (also at once), while following
 *   a real shift slowly costs every shard holding moved tests for several runs (issue 11).
 * - `ema`: the stored value moves `alpha` of the way to the (raw) measurement,
 *   `stored + alpha * (measured - stored)`; `replace`: it becomes the raw measurement.
 *   DEFAULT_ALPHA = 0.5 (one run 3x slow by accident stores 2x; a test going from 1 s to 2 s stores
 *   1.5, then 1.75).
 * - Dead band: when `|measured - stored| < max(minChangeSeconds, minChangeRatio * stored)` the
 *   stored value stays. Defaults 0.1 s and 20%: most tests are faster than 0.1 s and never churn,
 *   and run-to-run noise of a slow test on shared CI runners is often 10-30%. A change smaller than
 *   the band is noise for planning, since shard sums average it out. With `pace`, an id measured
 *   only in reports without a pace while other reports have one (a shard of one or two files in
 *   a sharded run: nothing to tell its runner's speed by) has a ratio of at least 50%
 *   (UNPACED_MIN_CHANGE_RATIO). A run where no report has a pace (one serial report of a small
 *   suite) keeps the ordinary band: there is no machine speed to compare with anywhere.
 * - A new id takes its measurement as it is (rounded to milliseconds, like every value written).
 * - An id measured only as skipped/error: a stored value stays; without one nothing is stored, so
 *   the planner keeps estimating it from its neighbours instead of planning it as free (pytest-split
 *   and other platforms read the same file).
 * - Stored ids that were not run keep their value. An id is removed only when:
 *   `collected` is given and does not contain it (the collected list is then the exact set: measured
 *   ids it lacks are ignored, never added); or, without `collected`, `completeRun` is set and no
 *   report names it, even as skipped. Tests deselected with `-k`/`-m` do not appear in JUnit, so such
 *   runs are not complete. Stored ids of a module that JUnit shows only as a collector record
 *   (`uncollectedModules`: a module skipped or failing at collection) are kept in a complete run.
 * - Overhead: learned from the reports' suite times (core/overhead.ts, with the default start-up
 *   seconds: the planner swaps in its --startup-seconds); with `pace` each report's suite and test
 *   seconds are divided by its factor first and the learned model is taken as it is, with `ema` it
 *   is blended with the stored model (both numbers), with `replace` taken; samples add up. It stays
 *   when the predicted overhead of a
 *   typical shard of this run (its mean number of files) moves less than the dead band.
 * - Worker start-up (pytest-xdist, with `workers` K > 1: the `-n` the shards ran with): learned
 *   from the reports that look like xdist runs (core/xdist.ts learnWorkerStartBeyond), each
 *   report's session and testcase seconds divided by its pace factor first (as the overhead's),
 *   against the overhead model a plan from the refreshed file prices collection with (the
 *   refreshed overhead, else the planner's default). Stored with K, since what the tests spread
 *   over K workers take depends on K. With `ema` it is blended with a stored value of the same K;
 *   a value of another K is replaced. It stays when it moves less than the dead band of the stored
 *   value; reports without xdist runs (or without K) keep it as it is.
 * - `changed` is false when no id was added, updated or removed and the overhead stayed: the caller
 *   then leaves the file as it is, so a committed file does not change on every run.
 */
import { moduleOfFile } from './junitMap.js';
import { compareIds, fileOf } from './nodeid.js';
import { isMeasurement, meanSeconds } from './measurement.js';
import { DEFAULT_OVERHEAD, DEFAULT_STARTUP_SECONDS, learnOverhead, type OverheadSample } from './overhead.js';
import { reportPaces, type Paces } from './pace.js';
import { learnTestPace, type TestPaceChange, type TestPaceResult } from './testPace.js';
import { roundMs, sum } from './stats.js';
import type { Durations, MappedCase, NodeId, OverheadModel } from './types.js';
import { learnWorkerStartBeyond, type ParallelSample, type StoredWorkerStart } from './xdist.js';

export type Smoothing = 'pace' | 'ema' | 'replace';
export const SMOOTHINGS: readonly Smoothing[] = ['pace', 'ema', 'replace'];

export const DEFAULT_SMOOTHING: Smoothing = 'pace';
export const DEFAULT_ALPHA = 0.5;
export const DEFAULT_MIN_CHANGE_SECONDS = 0.1;
export const DEFAULT_MIN_CHANGE_RATIO = 0.2;
/**
 * The dead band's ratio for an uncorroborated measurement (`pace`): a test measured only in
 * reports too small to have a pace (a shard of one or two files) while other reports of the run
 * have one. Such a shard cannot tell its machine from its tests, so its move must exceed the
 * run-to-run noise of one runner (on libcst a 15 s test alone in a shard measured 14.1, 14.6 and
 * 20.6 s on one machine within minutes) before it is believed; beyond it it is taken at once.
 */
export const UNPACED_MIN_CHANGE_RATIO = 0.5;

export interface RefreshOptions {
  /** Every test that exists now (`pytest --collect-only -q`): the authority for removal. */
  collected?: readonly NodeId[];
  /** The reports cover the whole suite: stored ids none of them names are gone (without `collected`). */
  completeRun?: boolean;
  /** Dotted module names of JUnit collector records (classname ""); their stored tests are kept. */
  uncollectedModules?: readonly string[];
  smoothing: Smoothing;
  /** EMA weight of the new measurement, 0 < alpha <= 1. */
  alpha: number;
  minChangeSeconds: number;
  minChangeRatio: number;
  storedOverhead?: OverheadModel;
  /** The file's test pace before this refresh (core/testPace.ts). */
  storedTestPace?: number;
  /** One per report (app/inputs.ts overheadSamples); with `pace`, `report` says whose factor applies. */
  overheadSamples?: readonly OverheadSample[];
  /** The pytest-xdist workers (`-n`) each shard ran with; the worker start-up is learned only with 2 or more. */
  workers?: number;
  /** The worker start-up the file holds (formats/durations.ts). */
  storedWorkerStart?: StoredWorkerStart;
  /** The reports taken for xdist runs (core/xdist.ts parallelSamples); with `pace`, `report` says whose factor applies. */
  parallelSamples?: readonly ParallelSample[];
}

export type OverheadChange = 'added' | 'updated' | 'unchanged' | 'none';

export interface RefreshResult {
  /** The new timings, in id order. Unchanged values are kept exactly as stored. */
  timings: Map<NodeId, number>;
  /** The overhead to store (undefined when none was stored or learned). */
  overhead?: OverheadModel;
  overheadChange: OverheadChange;
  /** Sorted id lists. */
  added: NodeId[];
  updated: NodeId[];
  removed: NodeId[];
  /** Stored ids kept with their value (measured within the dead band, or not measured). */
  unchanged: number;
  /** Of `unchanged`: ids this run did not measure (not run, or only skipped/error). */
  notMeasured: number;
  /** Ids seen only as skipped/error that have no stored value: nothing was stored for them. */
  unrecorded: NodeId[];
  /** Measured ids the collected list does not contain: not added. */
  ignored: NodeId[];
  totalBefore: number;
  totalAfter: number;
  changed: boolean;
  /** The test pace to store (core/testPace.ts; learned with `pace` smoothing only) and what happened to it. */
  testPace?: number;
  testPaceChange: TestPaceChange;
  /** With `pace`: the run's pace and each report's (core/pace.ts). */
  paces?: Paces;
  /** The worker start-up to store (undefined when none was stored or learned) and what happened to it. */
  workerStart?: StoredWorkerStart;
  workerStartChange: OverheadChange;
  /** How many reports looked like pytest-xdist runs while no worker count (K >= 2) was given: nothing learned from them. */
  xdistWithoutWorkers?: number;
}

export function refreshDurations(stored: Durations, measured: readonly MappedCase[], opts: RefreshOptions): RefreshResult {
  const paces = opts.smoothing === 'pace' ? reportPaces(stored, measured) : undefined;
  const factors = new Map<number, number>((paces?.reports ?? []).map((r) => [r.report, r.factor]));
  // Reports whose machine speed was told apart from their tests' (they have a pace). When some
  // report of the run has one, an id measured only in reports without one is uncorroborated.
  const paced = new Set((paces?.reports ?? []).filter((r) => r.pace !== undefined).map((r) => r.report));
  const corroborated = new Set<NodeId>();
  const times = new Map<NodeId, number[]>();
  const seen = new Set<NodeId>();
  for (const c of measured) {
    seen.add(c.id);
    if (!isMeasurement(c.outcome)) continue;
    if (paced.has(c.report)) corroborated.add(c.id);
    const t = c.time / (factors.get(c.report) ?? 1);
    const list = times.get(c.id);
    if (list) list.push(t);
    else times.set(c.id, [t]);
  }
  const measurement = (id: NodeId): number | undefined => {
    const list = times.get(id);
    return list === undefined ? undefined : meanSeconds(list);
  };

  const collected = opts.collected ? new Set(opts.collected) : undefined;
  const protectedModules = new Set(opts.uncollectedModules ?? []);
  const exists = (id: NodeId): boolean => {
    if (collected) return collected.has(id);
    if (opts.completeRun) return seen.has(id) || protectedModules.has(moduleOfFile(fileOf(id)));
    return true;
  };

  const timings = new Map<NodeId, number>();
  const added: NodeId[] = [];
  const updated: NodeId[] = [];
  const removed: NodeId[] = [];
  const unrecorded: NodeId[] = [];
  const ignored: NodeId[] = [];
  let unchanged = 0;
  let notMeasured = 0;
  const pacePairs: [number, number][] = [];

  const ids = [...new Set([...stored.keys(), ...seen])].sort(compareIds);
  for (const id of ids) {
    const old = stored.get(id);
    const m = measurement(id);
    if (old === undefined) {
      if (!exists(id)) ignored.push(id);
      else if (m === undefined) unrecorded.push(id);
      else {
        timings.set(id, roundMs(m));
        added.push(id);
      }
      continue;
    }
    if (!exists(id)) {
      removed.push(id);
      continue;
    }
    const uncorroborated = paced.size > 0 && !corroborated.has(id);
    const next =
      m === undefined
        ? undefined
        : nextValue(old, m, uncorroborated ? { ...opts, minChangeRatio: Math.max(opts.minChangeRatio, UNPACED_MIN_CHANGE_RATIO) } : opts);
    if (m !== undefined) pacePairs.push([m, next ?? old]);
    if (next === undefined) {
      timings.set(id, old);
      unchanged++;
      if (m === undefined) notMeasured++;
    } else {
      timings.set(id, next);
      updated.push(id);
    }
  }

  const { overhead, change } = refreshOverhead(opts, factors);
  const worker = refreshWorkerStart(opts, factors, overhead);
  const pace: TestPaceResult =
    opts.smoothing === 'pace'
      ? learnTestPace(pacePairs, opts.storedTestPace)
      : opts.storedTestPace === undefined
        ? { change: 'none' }
        : { testPace: opts.storedTestPace, change: 'unchanged' };
  const changed =
    added.length + updated.length + removed.length > 0 ||
    change === 'added' ||
    change === 'updated' ||
    pace.change === 'added' ||
    pace.change === 'updated' ||
    pace.change === 'removed' ||
    worker.change === 'added' ||
    worker.change === 'updated';
  return {
    timings,
    ...(overhead ? { overhead } : {}),
    overheadChange: change,
    ...(pace.testPace !== undefined ? { testPace: pace.testPace } : {}),
    testPaceChange: pace.change,
    added,
    updated,
    removed,
    unchanged,
    notMeasured,
    unrecorded,
    ignored,
    totalBefore: sortedSum(stored.values()),
    totalAfter: sortedSum(timings.values()),
    changed,
    ...(paces ? { paces } : {}),
    ...(worker.workerStart ? { workerStart: worker.workerStart } : {}),
    workerStartChange: worker.change,
    ...xdistWithoutWorkers(opts),
  };
}

/** The value to store for a measured id, or undefined when the stored one stays. */
function nextValue(old: number, measured: number, opts: RefreshOptions): number | undefined {
  if (Math.abs(measured - old) < band(old, opts)) return undefined;
  const next = roundMs(opts.smoothing === 'ema' ? old + opts.alpha * (measured - old) : measured);
  return next === roundMs(old) ? undefined : next;
}

function band(old: number, opts: Pick<RefreshOptions, 'minChangeSeconds' | 'minChangeRatio'>): number {
  return Math.max(opts.minChangeSeconds, opts.minChangeRatio * Math.abs(old));
}

function refreshOverhead(opts: RefreshOptions, factors: ReadonlyMap<number, number>): { overhead?: OverheadModel; change: OverheadChange } {
  const old = opts.storedOverhead;
  const samples = (opts.overheadSamples ?? [])
    .filter((s) => s.files > 0)
    .map((s) => {
      const f = s.report === undefined ? 1 : (factors.get(s.report) ?? 1);
      return f === 1 ? s : { ...s, suiteSeconds: s.suiteSeconds / f, testSeconds: s.testSeconds / f };
    });
  const learned = learnOverhead(samples);
  if (learned === undefined) return old ? { overhead: old, change: 'unchanged' } : { change: 'none' };
  if (old === undefined) return { overhead: roundOverhead(learned), change: 'added' };
  const next: OverheadModel =
    opts.smoothing !== 'ema'
      ? { ...learned }
      : {
          fixedSeconds: old.fixedSeconds + opts.alpha * (learned.fixedSeconds - old.fixedSeconds),
          perFileSeconds: old.perFileSeconds + opts.alpha * (learned.perFileSeconds - old.perFileSeconds),
          source: learned.source,
          samples: 0,
        };
  next.samples = old.samples + learned.samples;
  const files = sum(samples.map((s) => s.files)) / samples.length;
  const moved = Math.abs(next.fixedSeconds - old.fixedSeconds) + Math.abs(next.perFileSeconds - old.perFileSeconds) * files;
  if (moved < band(old.fixedSeconds + old.perFileSeconds * files, opts)) return { overhead: old, change: 'unchanged' };
  return { overhead: roundOverhead(next), change: 'updated' };
}

function xdistWithoutWorkers(opts: Pick<RefreshOptions, 'workers' | 'parallelSamples'>): { xdistWithoutWorkers?: number } {
  const n = (opts.parallelSamples ?? []).length;
  return n > 0 && (opts.workers ?? 1) < 2 ? { xdistWithoutWorkers: n } : {};
}

/**
 * The worker start-up to store: learned from this run's xdist reports (each divided by its pace
 * factor) when the shards ran with K >= 2 workers, against the model a plan from the file will
 * price collection with: `overhead` (what this refresh stores) or the planner's default. Its
 * fixed part beyond pytest's start-up (DEFAULT_STARTUP_SECONDS, what refresh learns overhead
 * with) is the session's own and not the workers'.
 */
export function refreshWorkerStart(
  opts: Pick<RefreshOptions, 'workers' | 'storedWorkerStart' | 'parallelSamples' | 'smoothing' | 'alpha' | 'minChangeSeconds' | 'minChangeRatio'>,
  factors: ReadonlyMap<number, number>,
  overhead: OverheadModel | undefined,
): { workerStart?: StoredWorkerStart; change: OverheadChange } {
  const old = opts.storedWorkerStart;
  const kept = old ? { workerStart: old, change: 'unchanged' as const } : { change: 'none' as const };
  const workers = opts.workers ?? 1;
  if (workers < 2) return kept;
  const samples = (opts.parallelSamples ?? []).map((s) => {
    const f = s.report === undefined ? 1 : (factors.get(s.report) ?? 1);
    return f === 1 ? s : { ...s, suiteSeconds: s.suiteSeconds / f, caseSeconds: s.caseSeconds.map((c) => c / f) };
  });
  const model = overhead ?? DEFAULT_OVERHEAD;
  const learned = learnWorkerStartBeyond(samples, workers, {
    perFileSeconds: model.perFileSeconds,
    inSessionSeconds: Math.max(0, model.fixedSeconds - DEFAULT_STARTUP_SECONDS),
  });
  if (learned === undefined) return kept;
  const fresh = { workerStartSeconds: roundMs(learned.workerStartSeconds), workers };
  if (old === undefined) return { workerStart: fresh, change: 'added' };
  if (old.workers !== workers) return { workerStart: fresh, change: 'updated' };
  const target =
    opts.smoothing === 'ema' ? old.workerStartSeconds + opts.alpha * (learned.workerStartSeconds - old.workerStartSeconds) : learned.workerStartSeconds;
  if (Math.abs(target - old.workerStartSeconds) < band(old.workerStartSeconds, opts)) return kept;
  const next = roundMs(target);
  return next === old.workerStartSeconds ? kept : { workerStart: { workerStartSeconds: next, workers }, change: 'updated' };
}

/** The precision formatDurations writes, so the result equals what a re-read file gives. */
function roundOverhead(o: OverheadModel): OverheadModel {
  return { ...o, fixedSeconds: roundMicro(o.fixedSeconds), perFileSeconds: roundMicro(o.perFileSeconds) };
}

function roundMicro(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return r === 0 ? 0 : r;
}

function sortedSum(values: Iterable<number>): number {
  return sum([...values].sort((a, b) => a - b));
}
