/** The plan job shared by the CLI and the Action: inputs in, Plan out. */
import { resolve } from 'node:path';
import { DEFAULT_OVERHEAD, DEFAULT_STARTUP_SECONDS } from '../core/overhead.js';
import { buildPlan, type Plan } from '../core/plan.js';
import { buildSuite, type Suite } from '../core/suite.js';
import type { Algorithm, Granularity, OverheadModel } from '../core/types.js';
import { discoverTestFiles } from '../io/files.js';
import { loadTimings, type LoadedTimings, type TimingRequest } from './inputs.js';

export interface PlanRequest extends Omit<TimingRequest, 'junitRequired'> {
  splits: number;
  granularity: Granularity;
  algorithm: Algorithm;
  workers: number;
  /** Look for test files on disk that no timing names (ignored with `collected`). */
  discover: boolean;
  fixedOverhead?: number;
  perFileOverhead?: number;
}

export interface PlanResult {
  plan: Plan;
  loaded: LoadedTimings;
  /** The test set the plan covers (which tests were estimated, which timings were stale). */
  suite: Suite;
}

/** Flags win, then what this run's JUnit shows, then what a refresh stored, then the default. */
export function chooseOverhead(req: Pick<PlanRequest, 'fixedOverhead' | 'perFileOverhead'>, loaded: Pick<LoadedTimings, 'learned' | 'stored'>): OverheadModel {
  const base = loaded.learned ?? loaded.stored ?? DEFAULT_OVERHEAD;
  if (req.fixedOverhead === undefined && req.perFileOverhead === undefined) return base;
  return {
    fixedSeconds: req.fixedOverhead ?? (base.source === 'default' ? DEFAULT_STARTUP_SECONDS : base.fixedSeconds),
    perFileSeconds: req.perFileOverhead ?? base.perFileSeconds,
    source: 'flag',
    samples: base.samples,
  };
}

export function planFromRequest(req: PlanRequest): PlanResult {
  const loaded = loadTimings({ ...req, junitRequired: false });
  const discoveredFiles = req.discover && !loaded.collected ? discoverTestFiles(resolve(req.cwd, req.rootdir)) : undefined;
  const suite = buildSuite({
    timings: loaded.timings,
    ...(loaded.collected ? { collected: loaded.collected } : {}),
    ...(discoveredFiles ? { discoveredFiles } : {}),
  });
  const plan = buildPlan(suite, {
    splits: req.splits,
    granularity: req.granularity,
    algorithm: req.algorithm,
    workers: req.workers,
    overhead: chooseOverhead(req, loaded),
  });
  return { plan, loaded, suite };
}
