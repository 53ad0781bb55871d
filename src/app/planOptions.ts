/**
 * The plan options the CLI flags and the Action inputs share, from the values as given (strings,
 * lists, a boolean) to the typed settings of a PlanRequest. Each error names the option in the
 * edge's words (`--workers` for the CLI, `workers` for the Action).
 */
import type { Algorithm, Granularity } from '../core/types.js';
import { MAX_SPLITS, parseAlgorithm, parseGranularity, parseIntFlag, parseSeconds } from './options.js';
import type { PlanRequest } from './plan.js';
import type { OptionWords } from './words.js';

/** `--splits auto` / `splits: auto`: choose the number of shards (core/recommend.ts). */
export const AUTO = 'auto';

/** The largest number of pytest-xdist workers a shard may ask for. */
export const MAX_WORKERS = 1024;

/** The plan options as given; undefined means not given (the Action passes an empty input as undefined). */
export interface PlanOptionValues {
  rootdir?: string | undefined;
  durations?: readonly string[] | undefined;
  junit?: readonly string[] | undefined;
  collected?: string | undefined;
  /** A number of shards, or `auto`. */
  splits?: string | undefined;
  granularity?: string | undefined;
  algorithm?: string | undefined;
  workers?: string | undefined;
  discover?: boolean | undefined;
  together?: readonly string[] | undefined;
  fixedOverhead?: string | undefined;
  perFileOverhead?: string | undefined;
  startupSeconds?: string | undefined;
  workerStartup?: string | undefined;
}

/** Everything a PlanRequest holds but where it runs and the final N. */
export interface PlanSettings {
  rootdir: string;
  durations: string[];
  junit: string[];
  collected?: string;
  /** A number of shards, `auto` (choose it), or undefined (not given). */
  splits?: number | typeof AUTO;
  granularity: Granularity;
  algorithm: Algorithm;
  workers: number;
  discover: boolean;
  together: string[];
  fixedOverhead?: number;
  perFileOverhead?: number;
  startupSeconds?: number;
  workerStartup?: number;
}

/** A number of shards from 1 to MAX_SPLITS, or `auto`. */
export function parseSplitsOrAuto(raw: string, name: string): number | typeof AUTO {
  return raw.trim() === AUTO ? AUTO : parseIntFlag(name, raw, 1, MAX_SPLITS);
}

export function parsePlanOptions(values: PlanOptionValues, words: OptionWords): PlanSettings {
  // Parsed in the order the CLI always checked them, so the first error reported stays the same.
  const splits = values.splits === undefined ? undefined : parseSplitsOrAuto(values.splits, words.option('splits'));
  const settings: PlanSettings = {
    rootdir: values.rootdir ?? '.',
    durations: [...(values.durations ?? [])],
    junit: [...(values.junit ?? [])],
    granularity: parseGranularity(values.granularity ?? 'auto', words.option('granularity')),
    algorithm: parseAlgorithm(values.algorithm ?? 'balanced', words.option('algorithm')),
    workers: parseIntFlag(words.option('workers'), values.workers ?? '1', 1, MAX_WORKERS),
    discover: values.discover !== false,
    together: [...(values.together ?? [])],
  };
  if (splits !== undefined) settings.splits = splits;
  if (values.collected !== undefined) settings.collected = values.collected;
  const seconds = (name: string, raw: string | undefined): number | undefined => (raw === undefined ? undefined : parseSeconds(words.option(name), raw));
  const fixed = seconds('fixed-overhead', values.fixedOverhead);
  if (fixed !== undefined) settings.fixedOverhead = fixed;
  const perFile = seconds('per-file-overhead', values.perFileOverhead);
  if (perFile !== undefined) settings.perFileOverhead = perFile;
  const startup = seconds('startup-seconds', values.startupSeconds);
  if (startup !== undefined) settings.startupSeconds = startup;
  const workerStartup = seconds('worker-startup', values.workerStartup);
  if (workerStartup !== undefined) settings.workerStartup = workerStartup;
  return settings;
}

/** The request planFromRequest takes, for `splits` shards (the settings' own N, or a chosen one). */
export function planRequestOf(settings: PlanSettings, cwd: string, splits: number, words: OptionWords): PlanRequest {
  const req: PlanRequest = {
    cwd,
    words,
    rootdir: settings.rootdir,
    durations: settings.durations,
    junit: settings.junit,
    splits,
    granularity: settings.granularity,
    algorithm: settings.algorithm,
    workers: settings.workers,
    discover: settings.discover,
  };
  if (settings.together.length > 0) req.together = settings.together;
  if (settings.collected !== undefined) req.collected = settings.collected;
  if (settings.fixedOverhead !== undefined) req.fixedOverhead = settings.fixedOverhead;
  if (settings.perFileOverhead !== undefined) req.perFileOverhead = settings.perFileOverhead;
  if (settings.startupSeconds !== undefined) req.startupSeconds = settings.startupSeconds;
  if (settings.workerStartup !== undefined) req.workerStartup = settings.workerStartup;
  return req;
}
