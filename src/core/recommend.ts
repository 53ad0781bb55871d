/**
 * Choosing the number of shards N (`--splits auto`, `split-plan recommend`).
 *
 * Every N considered is planned with the same `buildPlan` as `--splits N`, so each row's numbers
 * are exactly what that plan predicts. For each N:
 * - slowest: the plan's predicted slowest shard (its `makespanSeconds`);
 * - wall: job overhead + slowest, when the last CI job is done (job overhead is what every job pays
 *   before pytest starts: VM start, checkout, dependency install);
 * - billed minutes: over the shards that have tests, the sum of ceil((job overhead + shard) / 60),
 *   as CI providers bill each job rounded up to the minute;
 * - efficiency: test seconds / (jobs x wall), the share of the machine time held that runs tests.
 *
 * The pick:
 * - with a target T: the smallest N whose wall is at most T;
 * - without one (or when no N up to the maximum meets T): the N past which more shards stop paying
 *   off. Let E be the largest N whose efficiency is at least 50% (1 if none is): beyond E more than
 *   half of the machine time paid for is spent starting jobs or waiting for the slowest one. The
 *   pick is the smallest N whose wall is within 5% of E's wall, so no shard is added once the wall
 *   has flattened (a long test or file sets the floor) even while efficiency is still high.
 *
 * Finally, CI bills whole minutes: when the wall at the pick is just over a minute boundary and the
 * smallest N (at most twice the pick) that brings it under that boundary bills no more minutes,
 * that N is taken instead (on the demo suite 5 shards finish in under a minute for 5 billed
 * minutes, where 4 take just over one and bill 8).
 *
 * Search: the wall falls and the efficiency drops as N grows (up to small bumps), so each boundary
 * is found by probing N = 1, 2, 4, 8, ... and bisecting the last gap on a log scale: about
 * 2 log2(pick) + 4 plans instead of maxSplits, never far beyond the pick (large N plan slowest),
 * and deterministic. `exhaustive` plans every N from 1 to maxSplits and applies the rules exactly.
 */
import { buildPlan, type Plan, type PlanOptions } from './plan.js';
import { roundMs, sum } from './stats.js';
import type { Suite } from './suite.js';

/** Job overhead when no flag says: a typical VM start, checkout and dependency install. */
export const DEFAULT_JOB_OVERHEAD_SECONDS = 30;
/** Without a target, N grows only while tests fill at least this share of the machine time. */
export const MIN_EFFICIENCY = 0.5;
/** ...and then shrinks to the smallest N whose wall is within this fraction of that N's wall. */
export const WALL_TOLERANCE = 0.05;
/** CI jobs are billed per started minute. */
export const BILLING_UNIT_SECONDS = 60;
/** Plans kept in memory while searching (the pick is nearly always one of the last few). */
const RECENT_PLANS = 3;

export interface SplitsRow {
  splits: number;
  /** Shards that have tests: the CI jobs that actually run. */
  jobs: number;
  /** The plan's predicted slowest shard (`makespanSeconds`). */
  slowestSeconds: number;
  /** Job overhead + slowest shard. */
  wallSeconds: number;
  /** Sum over jobs of ceil((job overhead + shard seconds) / 60). */
  billedMinutes: number;
  /** Test seconds / (jobs x wall), rounded to 4 decimals (0 to 1). */
  efficiency: number;
}

export type PickRule = 'target' | 'efficiency' | 'target-unreachable';

export interface Choice {
  splits: number;
  rule: PickRule;
  /** One line saying why. */
  reason: string;
}

export interface ChooseOptions {
  maxSplits: number;
  targetSeconds?: number;
  /** Evaluate every N from 1 to maxSplits and apply the rules exactly. */
  exhaustive?: boolean;
}

export interface RecommendOptions {
  /** Everything `buildPlan` needs except the number of shards. */
  plan: Omit<PlanOptions, 'splits'>;
  jobOverheadSeconds: number;
  maxSplits: number;
  targetSeconds?: number;
  exhaustive?: boolean;
  /** Also plan N-1, N+1 around the pick and the powers of two up to twice the pick, for the table. */
  context?: boolean;
}

export interface Recommendation extends Choice {
  jobOverheadSeconds: number;
  targetSeconds?: number;
  /** Every N that was planned, ascending. */
  rows: SplitsRow[];
  /** The plan at the pick. */
  plan: Plan;
  /** With `--workers auto`: the same cores as more shards or more workers (compareWorkers). */
  workers?: WorkersRow[];
}

export function rowOf(plan: Plan, jobOverheadSeconds: number): SplitsRow {
  const ran = plan.shards.filter((s) => s.tests.length > 0);
  const wall = roundMs(jobOverheadSeconds + plan.makespanSeconds);
  // Whole milliseconds, so 30 s + 30.000 s is exactly one minute, not a hair over.
  const unitMs = BILLING_UNIT_SECONDS * 1000;
  const billed = sum(ran.map((s) => Math.ceil(Math.round((jobOverheadSeconds + s.predictedSeconds) * 1000) / unitMs)));
  const work = plan.totalSeconds / plan.workers;
  const efficiency = ran.length === 0 ? 0 : wall === 0 ? 1 : Math.min(1, work / (ran.length * wall));
  return {
    splits: plan.splits,
    jobs: ran.length,
    slowestSeconds: plan.makespanSeconds,
    wallSeconds: wall,
    billedMinutes: billed,
    efficiency: Math.round(efficiency * 1e4) / 1e4,
  };
}

/** Plans as few N as the rules need (all of them when exhaustive) and picks one. */
export function recommend(suite: Suite, opts: RecommendOptions): Recommendation {
  const { jobOverheadSeconds, maxSplits } = opts;
  const rows = new Map<number, SplitsRow>();
  const recent: Plan[] = [];
  const planFor = (splits: number): Plan => buildPlan(suite, { ...opts.plan, splits });
  const evaluate = (splits: number): SplitsRow => {
    const known = rows.get(splits);
    if (known) return known;
    const plan = planFor(splits);
    recent.push(plan);
    if (recent.length > RECENT_PLANS) recent.shift();
    const row = rowOf(plan, jobOverheadSeconds);
    rows.set(splits, row);
    return row;
  };
  const choice = chooseSplits(evaluate, {
    maxSplits,
    ...(opts.targetSeconds !== undefined ? { targetSeconds: opts.targetSeconds } : {}),
    ...(opts.exhaustive ? { exhaustive: true } : {}),
  });
  const plan = recent.find((p) => p.splits === choice.splits) ?? planFor(choice.splits);
  if (opts.context) for (const n of contextSplits(choice.splits, maxSplits)) evaluate(n);
  return {
    ...choice,
    jobOverheadSeconds,
    ...(opts.targetSeconds !== undefined ? { targetSeconds: opts.targetSeconds } : {}),
    rows: [...rows.values()].sort((a, b) => a.splits - b.splits),
    plan,
  };
}

/**
 * The rules above over any evaluator (memoize it: the same N may be asked for twice). Pure apart
 * from the calls to `evaluate`.
 */
export function chooseSplits(evaluate: (splits: number) => SplitsRow, opts: ChooseOptions): Choice {
  const max = opts.maxSplits;
  if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`maxSplits must be a positive integer, got ${max}`);
  if (opts.exhaustive) for (let n = 1; n <= max; n++) evaluate(n);
  const target = opts.targetSeconds;
  const exhaustive = opts.exhaustive === true;
  if (target === undefined) return efficiencyPick(evaluate, max, exhaustive, '');
  const meets = (n: number): boolean => evaluate(n).wallSeconds <= target;
  const hit = exhaustive ? firstOf(1, max, meets) : firstTrueFromOne(meets, max);
  if (hit !== undefined) {
    return {
      splits: hit,
      rule: 'target',
      reason: `${hit} is the smallest N whose predicted wall (job overhead + slowest shard, ${fmt(evaluate(hit).wallSeconds)} s) meets the ${fmt(target)} s target`,
    };
  }
  const fallback = efficiencyPick(evaluate, max, exhaustive, `no N up to ${max} meets the ${fmt(target)} s target; `);
  return { ...fallback, rule: 'target-unreachable' };
}

function efficiencyPick(evaluate: (n: number) => SplitsRow, max: number, exhaustive: boolean, prefix: string): Choice {
  const efficient = (n: number): boolean => evaluate(n).efficiency >= MIN_EFFICIENCY;
  let top: number;
  if (exhaustive) top = lastOf(1, max, efficient) ?? 1;
  else if (!efficient(1)) top = 1;
  else {
    const fails = firstTrueFromOne((n) => !efficient(n), max);
    top = fails === undefined ? max : fails - 1;
  }
  const limit = evaluate(top).wallSeconds * (1 + WALL_TOLERANCE);
  const near = (n: number): boolean => evaluate(n).wallSeconds <= limit;
  const knee = exhaustive || near(1) ? (firstOf(1, top, near) as number) : firstTrue(1, top, near);
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  let why = !efficient(top)
    ? `even 1 shard spends less than ${pct(MIN_EFFICIENCY)} of its machine time running tests`
    : knee === top
      ? `${top} is the largest N at which tests fill at least ${pct(MIN_EFFICIENCY)} of the machine time`
      : `${top} is the largest N at which tests fill at least ${pct(MIN_EFFICIENCY)} of the machine time, and ${knee} already comes within ${pct(WALL_TOLERANCE)} of its wall`;
  const cheaper = underNextMinute(evaluate, knee, max, exhaustive);
  if (cheaper !== undefined) {
    const a = evaluate(knee);
    const b = evaluate(cheaper);
    const minutes = Math.ceil(b.wallSeconds / BILLING_UNIT_SECONDS);
    why += `; ${cheaper} shards bring the wall within ${minutes} minute${minutes === 1 ? '' : 's'} and bill ${b.billedMinutes} min instead of ${a.billedMinutes}`;
  }
  return { splits: cheaper ?? knee, rule: 'efficiency', reason: `${prefix}more shards stop paying off: ${why}` };
}

/**
 * CI bills whole minutes: when the wall at N is just over a minute boundary, the smallest N (up to
 * 2N) that brings it under that boundary is taken when it bills no more minutes than N.
 */
function underNextMinute(evaluate: (n: number) => SplitsRow, n: number, max: number, exhaustive: boolean): number | undefined {
  const at = evaluate(n);
  const boundary = Math.ceil(at.wallSeconds / BILLING_UNIT_SECONDS - 1) * BILLING_UNIT_SECONDS;
  if (boundary <= 0) return undefined;
  const under = (k: number): boolean => evaluate(k).wallSeconds <= boundary;
  const hi = Math.min(max, 2 * n);
  if (hi <= n) return undefined;
  const found = exhaustive ? firstOf(n + 1, hi, under) : under(hi) ? firstTrue(n, hi, under) : undefined;
  if (found === undefined) return undefined;
  const row = evaluate(found);
  return row.billedMinutes <= at.billedMinutes ? found : undefined;
}

/** The rows worth showing beside the pick: its neighbours and 1, 2, 4, ... up to twice the pick. */
export function contextSplits(pick: number, max: number): number[] {
  const out = new Set<number>([pick - 1, pick + 1]);
  for (let n = 1; n <= Math.min(max, 2 * pick); n *= 2) out.add(n);
  return [...out].filter((n) => n >= 1 && n <= max).sort((a, b) => a - b);
}

/**
 * The smallest N in 1..max where pred holds, for a pred that turns true once and stays true:
 * probe 1, 2, 4, 8, ... (never planning far past the answer, where plans cost the most), then
 * bisect the last gap. undefined when pred(max) is false.
 */
function firstTrueFromOne(pred: (n: number) => boolean, max: number): number | undefined {
  if (pred(1)) return 1;
  let failed = 1;
  while (failed < max) {
    const next = Math.min(max, failed * 2);
    if (pred(next)) return firstTrue(failed, next, pred);
    failed = next;
  }
  return undefined;
}

/** Midpoint on a log scale, strictly between lo and hi (which differ by at least 2). */
function midpoint(lo: number, hi: number): number {
  return Math.min(hi - 1, Math.max(lo + 1, Math.round(Math.sqrt(lo * hi))));
}

/** pred(lo) false, pred(hi) true: the smallest N in (lo, hi] where pred turns true. */
function firstTrue(lo: number, hi: number, pred: (n: number) => boolean): number {
  while (hi - lo > 1) {
    const mid = midpoint(lo, hi);
    if (pred(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

function firstOf(from: number, to: number, pred: (n: number) => boolean): number | undefined {
  for (let n = from; n <= to; n++) if (pred(n)) return n;
  return undefined;
}

function lastOf(from: number, to: number, pred: (n: number) => boolean): number | undefined {
  for (let n = to; n >= from; n--) if (pred(n)) return n;
  return undefined;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

// ---------------------------------------------------------------------------------------------
// Shards or workers

/** The pytest-xdist worker counts weighed against shards (`--workers auto`). */
export const WORKER_CHOICES: readonly number[] = [1, 2, 4];

export interface WorkersRow extends SplitsRow {
  /** N x K: the cores the jobs hold together. */
  cores: number;
  workers: number;
  /**
   * The way to use these cores worth taking: the fewest billed minutes among the splits whose wall
   * is within WALL_TOLERANCE of the fastest (ties: lower wall, then fewer workers).
   */
  best: boolean;
}

/**
 * The core budgets to compare at: 2, 4, 8, ... up to the first power of two at or above twice
 * the pick's cores (at least 4), and no more than `maxCores`.
 */
export function coreBudgets(pickCores: number, maxCores: number): number[] {
  const out: number[] = [];
  const top = Math.max(4, 2 * pickCores);
  for (let c = 2; c <= maxCores; c *= 2) {
    out.push(c);
    if (c >= top) break;
  }
  return out;
}

/**
 * For each budget of cores C, every split of it into N shards of K workers (K in WORKER_CHOICES,
 * N = C / K a whole number from 1 to maxSplits), each planned with the same `buildPlan` and cost
 * model as `--splits N --workers K`: does C run faster as more shards or as more workers? Wall
 * is job overhead + slowest shard; billed minutes count jobs (a job's runner is assumed to have a
 * core per worker, as CI's standard runners do up to their size).
 */
export function compareWorkers(
  suite: Suite,
  opts: { plan: Omit<PlanOptions, 'splits' | 'workers'>; jobOverheadSeconds: number; cores: readonly number[]; maxSplits: number },
): WorkersRow[] {
  const out: WorkersRow[] = [];
  for (const cores of opts.cores) {
    const rows: WorkersRow[] = [];
    for (const workers of WORKER_CHOICES) {
      const splits = cores / workers;
      if (!Number.isInteger(splits) || splits < 1 || splits > opts.maxSplits) continue;
      const plan = buildPlan(suite, { ...opts.plan, splits, workers });
      rows.push({ ...rowOf(plan, opts.jobOverheadSeconds), cores, workers, best: false });
    }
    const fastest = Math.min(...rows.map((r) => r.wallSeconds));
    let best: WorkersRow | undefined;
    for (const r of rows) {
      if (r.wallSeconds > fastest * (1 + WALL_TOLERANCE)) continue;
      if (!best || r.billedMinutes < best.billedMinutes || (r.billedMinutes === best.billedMinutes && r.wallSeconds < best.wallSeconds)) best = r;
    }
    if (best) best.best = true;
    out.push(...rows);
  }
  return out;
}
