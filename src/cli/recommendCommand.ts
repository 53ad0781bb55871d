/**
 * `split-plan recommend`: the table behind `--splits auto`. Also home of how every command decides
 * N: `--splits N`, `--splits auto` (core/recommend.ts) or `--group auto` (the CI's job count,
 * core/ciGroup.ts).
 */
import type { Argv } from 'yargs';
import { detectCiGroup, splitsFromCi, type CiGroup, type Env } from '../core/ciGroup.js';
import { UsageError } from '../core/errors.js';
import type { Plan } from '../core/plan.js';
import type { SetupModel } from '../core/overhead.js';
import {
  compareWorkers,
  coreBudgets,
  DEFAULT_JOB_OVERHEAD_SECONDS,
  formatRecommendation,
  recommend,
  WORKER_CHOICES,
  type Recommendation,
} from '../core/recommend.js';
import type { Suite } from '../core/suite.js';
import { planFromRequest, prepareSuite } from '../app/plan.js';
import { MAX_SPLITS, parseIntFlag, parseSeconds, parseSplits } from '../app/options.js';
import { emit } from './output.js';
import { planOptions, planRequestFrom } from './planCommand.js';

export const command = 'recommend';
export const describe = 'choose the number of shards: predicted slowest shard, billed minutes and efficiency for each N';

export const AUTO = 'auto';

/** The flags of `--splits auto` (also taken by `recommend`, which always chooses). */
export function chooseOptions<T>(y: Argv<T>) {
  return y
    .option('target-seconds', { type: 'string', describe: 'pick the smallest N whose job overhead + slowest shard is at most this (--splits auto, recommend)' })
    .option('job-overhead', {
      type: 'string',
      describe: `seconds each CI job spends before pytest starts: VM, checkout, install (--splits auto, recommend; default ${DEFAULT_JOB_OVERHEAD_SECONDS})`,
    })
    .option('max-splits', { type: 'string', describe: `the largest N to consider, 1 to ${MAX_SPLITS} (--splits auto, recommend; default ${MAX_SPLITS})` });
}

export interface ChooseSettings {
  jobOverheadSeconds: number;
  maxSplits: number;
  targetSeconds?: number;
}

const CHOOSE_FLAGS = ['--target-seconds', '--job-overhead', '--max-splits'] as const;

export function chooseSettingsFrom(argv: Record<string, unknown>): { settings: ChooseSettings; given: string[] } {
  const raw = (flag: string): unknown => argv[flag.slice(2)];
  const given = CHOOSE_FLAGS.filter((f) => raw(f) !== undefined);
  const settings: ChooseSettings = {
    jobOverheadSeconds: raw('--job-overhead') === undefined ? DEFAULT_JOB_OVERHEAD_SECONDS : parseSeconds('--job-overhead', raw('--job-overhead')),
    maxSplits: raw('--max-splits') === undefined ? MAX_SPLITS : parseIntFlag('--max-splits', raw('--max-splits'), 1, MAX_SPLITS),
  };
  if (raw('--target-seconds') !== undefined) settings.targetSeconds = parseSeconds('--target-seconds', raw('--target-seconds'));
  return { settings, given };
}

export interface ResolvedPlan {
  plan: Plan;
  suite: Suite;
  /** The setups the plan priced (learned from JUnit), if any. */
  setups?: SetupModel;
  /** With --splits auto: the table behind the choice. */
  recommendation?: Recommendation;
  /** With --group auto: the shard the CI says this job is. */
  ci?: CiGroup;
}

const isAuto = (v: unknown): boolean => typeof v === 'string' && v.trim() === AUTO;

/** Plans with the N the flags ask for: a number, `--splits auto`, or the CI's count with `--group auto`. */
export async function resolvePlan(argv: Record<string, unknown>, cwd: string, env: Env): Promise<ResolvedPlan> {
  const autoSplits = isAuto(argv.splits);
  const { settings, given } = chooseSettingsFrom(argv);
  if (!autoSplits && given.length > 0) throw new UsageError(`${given[0]} only applies with --splits auto`);
  if (isAuto(argv.group)) {
    const ci = detectCiGroup(env, MAX_SPLITS);
    if (autoSplits) throw new UsageError(`--splits auto cannot be combined with --group auto: ${ci.source.totalVar} already fixes the number of shards`);
    const splits = splitsFromCi(ci, argv.splits === undefined ? undefined : parseSplits(argv.splits));
    return { ...(await planFromRequest(planRequestFrom(argv, cwd, splits))), ci };
  }
  if (argv.splits === undefined) {
    // Worded like yargs' own message for a missing required flag, which --splits was before auto.
    throw new UsageError(`Missing required argument: splits (a number of shards from 1 to ${MAX_SPLITS}, or auto; or take it from the CI with --group auto)`);
  }
  if (!autoSplits) return planFromRequest(planRequestFrom(argv, cwd));
  const { suite, options } = await prepareSuite(planRequestFrom(argv, cwd, 1));
  const recommendation = recommend(suite, { plan: options, ...settings });
  return { plan: recommendation.plan, suite, recommendation, ...(options.setups ? { setups: options.setups } : {}) };
}

/** One line for stderr saying what `--splits auto` chose. */
export function describeChoice(rec: Recommendation): string {
  return `split-plan: --splits auto chose ${rec.splits}: ${rec.reason}\n`;
}

export function builder<T>(y: Argv<T>) {
  return chooseOptions(planOptions(y))
    .option('workers', {
      type: 'string',
      default: '1',
      describe: 'pytest-xdist workers inside each shard, or auto: also weigh the same cores as more shards or more workers (1, 2, 4)',
    })
    .option('all', { type: 'boolean', default: false, describe: 'plan every N from 1 to --max-splits (exact, slower) instead of searching' })
    .option('json', { type: 'string', describe: 'also write the table as JSON to PATH (- for stdout instead of the table)' });
}

export async function handler(argv: Record<string, unknown>): Promise<void> {
  if (argv.splits !== undefined) throw new UsageError('recommend chooses the number of shards itself; drop --splits');
  const cwd = process.cwd();
  const { settings } = chooseSettingsFrom(argv);
  // --workers auto: the table for plain shards, then the same cores as shards or as workers. The
  // suite is prepared for workers, so their start-up is learned (or defaulted) once for all K.
  const autoWorkers = isAuto(argv.workers);
  const { suite, options } = await prepareSuite(planRequestFrom(autoWorkers ? { ...argv, workers: String(Math.max(...WORKER_CHOICES)) } : argv, cwd, 1));
  const plain = autoWorkers ? { ...options, workers: 1 } : options;
  const rec = recommend(suite, { plan: plain, ...settings, exhaustive: argv.all === true, context: true });
  if (autoWorkers) {
    rec.workers = compareWorkers(suite, {
      plan: options,
      jobOverheadSeconds: settings.jobOverheadSeconds,
      cores: coreBudgets(rec.splits, 4 * settings.maxSplits),
      maxSplits: settings.maxSplits,
    });
  }
  const json = argv.json === undefined ? undefined : String(argv.json);
  const table = formatRecommendation(rec);
  const outputs = [];
  if (json !== undefined) {
    const { plan: _plan, ...rest } = rec;
    outputs.push({ to: json, label: '--json', content: JSON.stringify(rest, null, 2) + '\n' });
  }
  if (json === undefined || (json !== '-' && json !== '')) outputs.push({ to: '-', label: 'the table', content: table });
  else process.stderr.write(table);
  emit(outputs, cwd);
}
