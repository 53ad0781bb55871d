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
 * - Run shift (`pace`): when the run pace is RUN_SHIFT_RATIO or more away from 1, a measured id
 *   inside the dead band around stored x run pace stores that (so sub-band tests follow a shift
 *   the whole run shows); outside it, the rules below apply.
 * - Dead band: when `|measured - stored| < max(minChangeSeconds, minChangeRatio * stored)` the
 *   stored value stays. Defaults 0.1 s and 20%: most tests are faster than 0.1 s and never churn,
 *   and run-to-run noise of a slow test on shared CI runners is often 10-30%. A change smaller than
 *   the band is noise for planning, since shard sums average it out.
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
 * - `changed` is false when no id was added, updated or removed and the overhead stayed: the caller
 *   then leaves the file as it is, so a committed file does not change on every run.
 */
import { oneLine } from './text.js';
import { moduleOfFile } from './junitMap.js';
import { compareIds, fileOf } from './nodeid.js';
import { isMeasurement, meanSeconds } from './measurement.js';
import { learnOverhead, type OverheadSample } from './overhead.js';
import { reportPaces, type Paces } from './pace.js';
import { roundMs, sum } from './stats.js';
import type { Durations, MappedCase, NodeId, OverheadModel } from './types.js';

export type Smoothing = 'pace' | 'ema' | 'replace';
export const SMOOTHINGS: readonly Smoothing[] = ['pace', 'ema', 'replace'];

export const DEFAULT_SMOOTHING: Smoothing = 'pace';
export const DEFAULT_ALPHA = 0.5;
export const DEFAULT_MIN_CHANGE_SECONDS = 0.1;
export const DEFAULT_MIN_CHANGE_RATIO = 0.2;
/**
 * With `pace`: a run pace this far from 1 or farther (a shift the whole run agrees on) moves every
 * measured test, also those whose own move is inside the dead band. Most tests of a real suite are
 * shorter than the band's 0.1 s (libcst: 1,811 of 1,991 tests, 36 of its 102 s): one by one they
 * never move, so a shift they all share (shards running in smaller processes than the serial run
 * the file came from) would stay out of the file and every later prediction would miss by it.
 */
export const RUN_SHIFT_RATIO = 0.1;

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
  /** One per report (app/inputs.ts overheadSamples); with `pace`, `report` says whose factor applies. */
  overheadSamples?: readonly OverheadSample[];
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
  /** With `pace`: the run's pace and each report's (core/pace.ts). */
  paces?: Paces;
}

export function refreshDurations(stored: Durations, measured: readonly MappedCase[], opts: RefreshOptions): RefreshResult {
  const paces = opts.smoothing === 'pace' ? reportPaces(stored, measured) : undefined;
  const factors = new Map<number, number>((paces?.reports ?? []).map((r) => [r.report, r.factor]));
  const times = new Map<NodeId, number[]>();
  const seen = new Set<NodeId>();
  for (const c of measured) {
    seen.add(c.id);
    if (!isMeasurement(c.outcome)) continue;
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

  // The pace every measured test is expected at: the run's, when the run as a whole shifted.
  const shift = paces !== undefined && Math.abs(paces.runPace - 1) >= RUN_SHIFT_RATIO ? paces.runPace : 1;
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
    const next = m === undefined ? undefined : nextValue(old, m, opts, shift);
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
  const changed = added.length + updated.length + removed.length > 0 || change === 'added' || change === 'updated';
  return {
    timings,
    ...(overhead ? { overhead } : {}),
    overheadChange: change,
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
  };
}

/**
 * The value to store for a measured id, or undefined when the stored one stays. `shift` (1: none)
 * is the run's pace when the whole run shifted: a measurement inside the dead band around the
 * shifted value stores the shifted value.
 */
function nextValue(old: number, measured: number, opts: RefreshOptions, shift = 1): number | undefined {
  if (shift !== 1) {
    const expected = old * shift;
    if (Math.abs(measured - expected) < band(expected, opts)) {
      const next = roundMs(expected);
      return next === roundMs(old) ? undefined : next;
    }
  }
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

// ---------------------------------------------------------------------------------------------
// The change report

/** How many ids each list of the report shows before "and N more". */
export const REPORT_LIST_LIMIT = 10;

export interface RefreshReportContext {
  /** Where the timings were (or would be) written. */
  path: string;
  /** True when the file was written. */
  wrote: boolean;
  /** JUnit records that are not tests (collection errors, pytest's internal errors). */
  unmapped?: readonly string[];
}

/** The text `split-plan refresh` prints on stderr. */
export function formatRefreshReport(r: RefreshResult, ctx: RefreshReportContext, limit = REPORT_LIST_LIMIT): string {
  const lines: string[] = [];
  lines.push(
    `split-plan refresh: ${r.added.length} added, ${r.updated.length} updated, ${r.removed.length} removed, ${r.unchanged} unchanged (${r.notMeasured} not measured this run)`,
  );
  lines.push(`total ${r.totalBefore.toFixed(2)} s before, ${r.totalAfter.toFixed(2)} s after (${r.timings.size} tests)`);
  const o = r.overhead;
  if (o && r.overheadChange !== 'none') {
    lines.push(`overhead ${r.overheadChange}: ${o.fixedSeconds.toFixed(2)} s per shard + ${o.perFileSeconds.toFixed(4)} s per file (${o.samples} sample(s))`);
  }
  const list = (title: string, ids: readonly string[]): void => {
    if (ids.length === 0) return;
    lines.push(`${title} (${ids.length}):`);
    for (const id of ids.slice(0, limit)) lines.push(`  ${id}`);
    if (ids.length > limit) lines.push(`  and ${ids.length - limit} more`);
  };
  list('added', r.added);
  list('updated', r.updated);
  list('removed', r.removed);
  list('not stored (only skipped or errored, no earlier timing)', r.unrecorded);
  list('ignored (ran but not in the collected list)', r.ignored);
  list('JUnit records that are not tests (collection errors?)', ctx.unmapped ?? []);
  lines.push(ctx.wrote ? `wrote ${ctx.path}` : `${ctx.path} left unchanged (nothing moved beyond the threshold)`);
  return lines.map(oneLine).join('\n') + '\n';
}
