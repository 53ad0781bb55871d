/** The plan job shared by the CLI and the Action: inputs in, Plan out. */
import { join, resolve } from 'node:path';
import { defaultWorkerStartSeconds } from '../core/costModel.js';
import { DEFAULT_OVERHEAD, DEFAULT_STARTUP_SECONDS, learnSetups, runsOf, type SetupModel } from '../core/overhead.js';
import { learnWorkerStart } from '../core/xdist.js';
import { buildPlan, type Plan, type PlanOptions } from '../core/plan.js';
import { buildSuite, suiteFiles, withoutFiles, type Suite } from '../core/suite.js';
import type { Algorithm, Granularity, OverheadModel } from '../core/types.js';
import { parsePyprojectConfig } from '../formats/pyprojectConfig.js';
import { discoverTestFiles, isFileUnder, readText } from '../io/files.js';
import { loadTimings, type LoadedTimings, type TimingRequest } from './inputs.js';

export interface PlanRequest extends Omit<TimingRequest, 'junitRequired'> {
  splits: number;
  granularity: Granularity;
  algorithm: Algorithm;
  workers: number;
  /**
   * Look at the disk: plan test files that nothing names (with `collected`: under directories it
   * has tests in), and leave out named files that no longer exist.
   */
  discover: boolean;
  fixedOverhead?: number;
  perFileOverhead?: number;
  /** `--together` patterns; `[tool.split-plan] together` in the rootdir's pyproject.toml adds its own first. */
  together?: readonly string[];
  /** With workers > 1: seconds to bring the workers up beyond a plain start (`--worker-startup`). */
  workerStartup?: number;
}

export interface PlanResult {
  plan: Plan;
  loaded: LoadedTimings;
  /** The test set the plan covers (which tests were estimated, which timings were stale). */
  suite: Suite;
  /** The setups the plan priced (learned from JUnit), if any. */
  setups?: SetupModel;
}

/**
 * Flags win, then what this run's JUnit shows, then what a refresh stored, then the default.
 * `startupSeconds` replaces the default start-up inside a learned or stored fixed cost (refresh
 * stores what it learned with the default).
 */
export function chooseOverhead(
  req: Pick<PlanRequest, 'fixedOverhead' | 'perFileOverhead' | 'startupSeconds'>,
  loaded: Pick<LoadedTimings, 'learned' | 'stored'>,
): OverheadModel {
  let base = loaded.learned ?? loaded.stored ?? DEFAULT_OVERHEAD;
  if (req.startupSeconds !== undefined && base.source !== 'junit') {
    const withoutStartup = base.source === 'default' ? 0 : Math.max(0, base.fixedSeconds - DEFAULT_STARTUP_SECONDS);
    base = { ...base, fixedSeconds: req.startupSeconds + withoutStartup, ...(base.source === 'default' ? { source: 'flag' as const } : {}) };
  }
  if (req.fixedOverhead === undefined && req.perFileOverhead === undefined) return base;
  return {
    fixedSeconds: req.fixedOverhead ?? (base.source === 'default' ? (req.startupSeconds ?? DEFAULT_STARTUP_SECONDS) : base.fixedSeconds),
    perFileSeconds: req.perFileOverhead ?? base.perFileSeconds,
    source: 'flag',
    samples: base.samples,
  };
}

/**
 * Setups hidden in the JUnit reports' first tests (core/overhead.ts), unless `--per-file-overhead`
 * states the per-file cost outright (then timings are taken as they are). With
 * `--fixed-overhead`, that figure already covers the session setup.
 */
export function chooseSetups(
  req: Pick<PlanRequest, 'fixedOverhead' | 'perFileOverhead'>,
  loaded: Pick<LoadedTimings, 'cases' | 'parallel'>,
): SetupModel | undefined {
  // A pytest-xdist report's order is the order its tests finished in, over several workers: its
  // first tests say nothing about setups.
  const parallel = loaded.parallel;
  const cases = parallel && parallel.size > 0 ? loaded.cases.filter((c) => !parallel.has(c.report)) : loaded.cases;
  if (req.perFileOverhead !== undefined || cases.length === 0) return undefined;
  const setups = learnSetups(runsOf(cases));
  return req.fixedOverhead !== undefined ? { ...setups, sessionSeconds: 0 } : setups;
}

/**
 * With K > 1 workers, the seconds a shard spends bringing them up (core/costModel.ts): the
 * `--worker-startup` flag, else what this run's pytest-xdist reports show (core/xdist.ts), else a
 * worker's start like pytest's own (`--startup-seconds`, default 0.3 s) plus execnet's bring-up.
 * When only xdist reports were given, they also teach collection per file.
 */
export function chooseWorkerStart(
  req: Pick<PlanRequest, 'workers' | 'workerStartup' | 'startupSeconds' | 'fixedOverhead' | 'perFileOverhead'>,
  loaded: Pick<LoadedTimings, 'parallelSamples' | 'learned' | 'stored'>,
  overhead: OverheadModel,
): OverheadModel {
  if (req.workers <= 1) return overhead;
  if (req.workerStartup !== undefined) return { ...overhead, workerStartSeconds: req.workerStartup };
  const startup = req.startupSeconds ?? DEFAULT_STARTUP_SECONDS;
  const samples = loaded.parallelSamples ?? [];
  // Collection per file is known when plain reports, a refresh or the flags said it.
  const knowsPerFile = loaded.learned !== undefined || loaded.stored !== undefined || req.perFileOverhead !== undefined || req.fixedOverhead !== undefined;
  const plain = knowsPerFile ? { perFileSeconds: overhead.perFileSeconds, inSessionSeconds: Math.max(0, overhead.fixedSeconds - startup) } : undefined;
  const learned = learnWorkerStart(samples, req.workers, plain);
  if (!learned) return { ...overhead, workerStartSeconds: defaultWorkerStartSeconds(startup) };
  if (plain === undefined && learned.perFileSeconds !== undefined) {
    return {
      fixedSeconds: startup,
      perFileSeconds: learned.perFileSeconds,
      source: 'junit',
      samples: learned.samples,
      workerStartSeconds: learned.workerStartSeconds,
    };
  }
  // Collection as the workers do it, when the parallel reports showed it (a flag still wins).
  const perFile = learned.perFileSeconds !== undefined && req.perFileOverhead === undefined ? { perFileSeconds: learned.perFileSeconds } : {};
  return { ...overhead, ...perFile, workerStartSeconds: learned.workerStartSeconds };
}

/**
 * Records how much of the fixed cost is pytest's start-up outside its JUnit session, when the
 * model holds one: `--startup-seconds` or its default inside a learned, stored or flagged model;
 * unknown under `--fixed-overhead` (the flag covers everything), none for the default model.
 */
export function withStartup(overhead: OverheadModel, req: Pick<PlanRequest, 'startupSeconds' | 'fixedOverhead'>): OverheadModel {
  if (req.fixedOverhead !== undefined || overhead.source === 'default') return overhead;
  return { ...overhead, startupSeconds: Math.min(overhead.fixedSeconds, req.startupSeconds ?? DEFAULT_STARTUP_SECONDS) };
}

export interface PreparedSuite {
  loaded: LoadedTimings;
  suite: Suite;
  /** Everything buildPlan needs except the number of shards. */
  options: Omit<PlanOptions, 'splits'>;
}

/** Everything before partitioning: lets `--splits auto` plan the same suite for several N. */
export async function prepareSuite(req: Omit<PlanRequest, 'splits'>): Promise<PreparedSuite> {
  const loaded = await loadTimings({ ...req, junitRequired: false });
  const rootdir = resolve(req.cwd, req.rootdir);
  const discoveredFiles = req.discover ? discoverTestFiles(rootdir) : undefined;
  let suite = buildSuite({
    timings: loaded.timings,
    ...(loaded.collected ? { collected: loaded.collected } : {}),
    ...(discoveredFiles ? { discoveredFiles } : {}),
    ...(loaded.unmeasured ? { unmeasured: loaded.unmeasured } : {}),
  });
  if (discoveredFiles) {
    const named = suiteFiles(suite);
    const missing = named.filter((f) => !isFileUnder(rootdir, f));
    // None of the named files is on disk: this is not the suite's checkout (planning from a
    // durations file alone, like the README's demo), so what lies on disk is not its tests either.
    if (named.length > 0 && missing.length === named.length) suite = { ...suite, unknownFiles: [] };
    else suite = withoutFiles(suite, new Set(missing));
  }
  const together = togetherPatterns(rootdir, req.together ?? []);
  const options = {
    ...(together.length > 0 ? { together } : {}),
    granularity: req.granularity,
    algorithm: req.algorithm,
    workers: req.workers,
    overhead: withStartup(chooseWorkerStart(req, loaded, chooseOverhead(req, loaded)), req),
    ...setupsOption(chooseSetups(req, loaded)),
  };
  return { loaded, suite, options };
}

/**
 * The together patterns: pyproject.toml's `[tool.split-plan] together` (in the rootdir, where
 * pytest reads its own settings) first, then the flag's or input's, each once.
 */
export function togetherPatterns(rootdir: string, given: readonly string[]): string[] {
  const path = join(rootdir, 'pyproject.toml');
  const fromFile = isFileUnder(rootdir, 'pyproject.toml') ? parsePyprojectConfig(readText(path, 'pyproject.toml'), path).together : [];
  return [...new Set([...fromFile, ...given])];
}

export async function planFromRequest(req: PlanRequest): Promise<PlanResult> {
  const { loaded, suite, options } = await prepareSuite(req);
  const plan = buildPlan(suite, { ...options, splits: req.splits });
  return { plan, loaded, suite, ...setupsOption(options.setups) };
}

function setupsOption(setups: SetupModel | undefined): { setups?: SetupModel } {
  return setups ? { setups } : {};
}
