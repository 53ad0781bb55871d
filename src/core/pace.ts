/**
 * Telling runner noise from real change, from the reports themselves (refresh.ts, `pace`
 * smoothing). Pure: stored timings and mapped JUnit cases in, one factor per report out.
 *
 * - A report's pace is how fast its run went against the stored timings: per test file, the
 *   weighted median of measured / stored over its measured tests that have a stored value; then the
 *   median over the report's files. A test weighs min(1, stored / PACE_FLOOR_SECONDS): tests long
 *   enough to be above timer and scheduler noise count one each, shorter ones less; a file counts
 *   one once its tests weigh one. A slow machine slows every file; a few tests that really moved,
 *   or one big file whose tests all changed together (its code, its fixtures), cannot set the pace.
 *   A report resting on less than MIN_PACE_EVIDENCE such files has no pace (a shard of one or two
 *   files cannot tell its machine from its tests: its measurements are not divided, and refresh.ts
 *   widens their dead band to UNPACED_MIN_CHANGE_RATIO while other reports of the run have a pace).
 * - The run's pace is what the whole run agrees on: the weighted quantiles 0.25 and 0.75 of the
 *   reports' paces, each report weighing the stored seconds it measured, and the stored seconds no
 *   report measured weighing pace 1 (they did not move). The run pace is the value of
 *   [q0.25, q0.75] nearest 1: a shift is believed only when three quarters of the measured seconds
 *   show it (every shard running in a new process context, a new interpreter), and "nothing moved"
 *   wins when the shards disagree, so one of two shards running 3x slow moves nothing, and neither
 *   do two of three caught in a slow spell of a shared machine (libcst, issue 11: shards at 0.98,
 *   1.99 and 1.73 x; the first rule, quantiles 0.4 and 0.6, took the run for 1.73 x and raised
 *   the stored total from 51 to 69 s). Shards at 0.87 and 0.78 x (every libcst shard runs faster
 *   than its serial run) still give 0.87.
 * - A report's factor is how much faster or slower its runner was than the run as a whole, as two
 *   measures agree on it. By files: its pace over the run's pace. By seconds: its seconds ratio
 *   (the sum of its measured seconds over the sum of their stored seconds, every test counting
 *   with its weight in a shard's wall) over the run's seconds ratio (the same quantile rule over
 *   the reports' seconds ratios). A slow runner slows every test, short and long, so both measures
 *   show it: the factor is the one of the two nearer 1 (1 when they disagree on the side), and it
 *   is taken only beyond RUNNER_FACTOR (1.35 x either way); within it the report's tests are taken
 *   as they ran. Refresh divides the report's measurements by the factor before comparing them
 *   with the stored values, so a shard whose tests all ran 3x slow (a slow or busy runner) stores
 *   what the others would have measured, and a test that moved against its shard-mates keeps its
 *   whole move (it is a real change).
 *
 * Why both measures and the band (libcst, issue 11): what a shard holds moves its figures as much
 * as its runner does. The shards of one round, run one after another on one machine, ran at
 * 0.60-1.41 x their stored seconds (the machine's slow spells, and what each held); one shard's
 * many short tests ran at 0.67 x the serial run while its long ones did not (0.85 of the run by
 * seconds). Dividing by the files' figure alone took that for the runner's speed: it stored long
 * tests up to 1.5 x too high, learned a test pace of 1.055 from four shards whose seconds summed
 * to 0.74-0.93 x, and divided a shard at 0.79 x by files (0.84 by seconds, against 0.98 for the
 * other shard) back to its stored timings, so the refresh learned no test pace from it.
 *
 * Limit: a change shared by most files of one shard and by no other shard, of 1.35 x or more in
 * both measures, reads as that shard's runner. It is learned once those tests run beside tests
 * that did not change (a plan that mixes them, or one refresh with `--smoothing replace`).
 */
import { isMeasurement } from './measurement.js';
import { fileOf } from './nodeid.js';
import { sum } from './stats.js';
import type { Durations, MappedCase } from './types.js';

/** Stored seconds from which a test counts fully in its report's pace. */
export const PACE_FLOOR_SECONDS = 0.05;
/** Weighted files a report's pace must rest on (three files with a test above the floor). */
export const MIN_PACE_EVIDENCE = 3;
/**
 * A report is taken for a slow (or fast) runner only when both measures put it this many times
 * off the run; within it its tests are measured as they ran. On libcst the shards of one round
 * ran at 0.60-1.41 x their stored seconds, partly from what they held (issue 11), the machine's
 * own speed moved 0.85-1.61 x over minutes, and a bad CI runner is 2-3 x. Chosen by replaying the
 * refresh on three kept libcst runs (`npm run e2e:real:replay`, 72 plain and 25 xdist shard runs
 * predicted): 1.35 and 1.5 predicted the plain runs alike, 1.35 the xdist ones better (10.5%
 * against 15.3% mean error), 1.25 and below the plain runs worse.
 */
export const RUNNER_FACTOR = 1.35;
/** The run pace is taken from the weighted quantiles 0.5 -/+ this of the reports' paces. */
export const RUN_PACE_SPREAD = 0.25;

export interface ReportPace {
  /** The report's index (MappedCase.report). */
  report: number;
  /** Median over its files of measured / stored; undefined when the report has too little evidence. */
  pace?: number;
  /** The weighted number of files the pace rests on. */
  evidence: number;
  /** Stored seconds of the tests it measured: its weight in the run pace. */
  storedSeconds: number;
  /** Sum of its measured seconds over the sum of their stored seconds (tests with a stored value). */
  secondsRatio?: number;
  /** What its measurements are divided by (see the module comment), or 1 without a pace. */
  factor: number;
}

export interface Paces {
  /** The pace the run as a whole agrees on (1: the stored timings hold). */
  runPace: number;
  /** The seconds ratio the run as a whole agrees on (the same rule over the reports' seconds ratios). */
  runSecondsRatio: number;
  /** One per report that has measuring cases, by report index. */
  reports: ReportPace[];
}

interface Weighted {
  value: number;
  weight: number;
}

export function reportPaces(stored: Durations, cases: readonly MappedCase[]): Paces {
  // report -> file -> weighted ratios of its tests
  const byReport = new Map<number, Map<string, Weighted[]>>();
  const storedOf = new Map<number, number[]>();
  const measuredOf = new Map<number, number[]>();
  const measured = new Set<string>();
  for (const c of cases) {
    if (!isMeasurement(c.outcome)) continue;
    measured.add(c.id);
    let files = byReport.get(c.report);
    if (!files) {
      byReport.set(c.report, (files = new Map<string, Weighted[]>()));
      storedOf.set(c.report, []);
      measuredOf.set(c.report, []);
    }
    const s = stored.get(c.id);
    if (s === undefined || !(s > 0)) continue;
    const file = fileOf(c.id);
    let ratios = files.get(file);
    if (!ratios) files.set(file, (ratios = []));
    ratios.push({ value: c.time / s, weight: Math.min(1, s / PACE_FLOOR_SECONDS) });
    storedOf.get(c.report)?.push(s);
    measuredOf.get(c.report)?.push(c.time);
  }
  const reports: ReportPace[] = [...byReport.keys()]
    .sort((a, b) => a - b)
    .map((report) => {
      // Each file's own pace, then the median over files: one big file that really changed (or
      // a crowd of tests in one file) cannot pass for the machine's speed.
      const files: Weighted[] = [...(byReport.get(report) ?? new Map<string, Weighted[]>()).values()].map((ratios) => ({
        value: weightedQuantile(ratios, 0.5),
        weight: Math.min(1, sum(ratios.map((r) => r.weight).sort((a, b) => a - b))),
      }));
      const evidence = sum(files.map((f) => f.weight).sort((a, b) => a - b));
      const storedSeconds = sum((storedOf.get(report) ?? []).sort((a, b) => a - b));
      const measuredSeconds = sum((measuredOf.get(report) ?? []).sort((a, b) => a - b));
      const out: ReportPace = { report, evidence, storedSeconds, factor: 1 };
      if (storedSeconds > 0) out.secondsRatio = measuredSeconds / storedSeconds;
      if (evidence >= MIN_PACE_EVIDENCE) out.pace = weightedQuantile(files, 0.5);
      return out;
    });

  const paced = reports.filter((r) => r.pace !== undefined);
  const unmeasured = sum(
    [...stored]
      .filter(([id]) => !measured.has(id))
      .map(([, s]) => Math.max(0, s))
      .sort((a, b) => a - b),
  );
  const runPace = agreed(
    paced.map((r) => ({ value: r.pace as number, weight: r.storedSeconds })),
    unmeasured,
  );
  const runSecondsRatio = agreed(
    paced.map((r) => ({ value: r.secondsRatio ?? 1, weight: r.storedSeconds })),
    unmeasured,
  );
  for (const r of paced) {
    if (!((r.pace as number) > 0 && runPace > 0 && (r.secondsRatio ?? 0) > 0 && runSecondsRatio > 0)) continue;
    const factor = nearerOne((r.pace as number) / runPace, (r.secondsRatio as number) / runSecondsRatio);
    if (factor >= RUNNER_FACTOR || factor <= 1 / RUNNER_FACTOR) r.factor = factor;
  }
  return { runPace, runSecondsRatio, reports };
}

/**
 * What the reports agree on: of the weighted quantiles 0.5 -/+ RUN_PACE_SPREAD of their values
 * (the stored seconds no report measured voting 1), the value between them nearest 1.
 */
function agreed(reports: readonly Weighted[], unmeasured: number): number {
  const votes = unmeasured > 0 ? [...reports, { value: 1, weight: unmeasured }] : reports;
  if (!votes.some((v) => v.weight > 0)) return 1;
  const lo = weightedQuantile(votes, 0.5 - RUN_PACE_SPREAD);
  const hi = weightedQuantile(votes, 0.5 + RUN_PACE_SPREAD);
  return Math.min(hi, Math.max(lo, 1));
}

/** Of two factors, the one nearer 1 when both are on the same side of it; 1 when they disagree. */
export function nearerOne(a: number, b: number): number {
  if (a >= 1 && b >= 1) return Math.min(a, b);
  if (a <= 1 && b <= 1) return Math.max(a, b);
  return 1;
}

/**
 * The lowest value whose cumulative weight reaches q of the total (values sorted ascending, ties
 * by weight, so the result does not depend on the input order). Needs a positive total weight.
 */
export function weightedQuantile(items: readonly Weighted[], q: number): number {
  const sorted = [...items].filter((i) => i.weight > 0).sort((a, b) => a.value - b.value || a.weight - b.weight);
  const total = sum(sorted.map((i) => i.weight));
  let acc = 0;
  for (const i of sorted) {
    acc += i.weight;
    if (acc >= q * total) return i.value;
  }
  return (sorted[sorted.length - 1] as Weighted).value;
}
