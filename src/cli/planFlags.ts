/**
 * The plan flags the default command, `recommend` and `explain` share (yargs declarations), and
 * how they become a plan through src/app (parsePlanOptions, resolvePlan).
 */
import type { Argv } from 'yargs';
import type { Env } from '../core/ciGroup.js';
import { UsageError } from '../core/errors.js';
import { DEFAULT_JOB_OVERHEAD_SECONDS } from '../core/recommend.js';
import { MAX_SPLITS } from '../app/options.js';
import { AUTO, parsePlanOptions, type PlanSettings } from '../app/planOptions.js';
import { parseChooseOptions, resolvePlan, type ResolvedPlan } from '../app/resolvePlan.js';
import type { ArgsOf } from './args.js';
import { CLI_WORDS } from './words.js';

export function timingOptions<T>(y: Argv<T>) {
  return y
    .option('durations', { type: 'string', array: true, describe: 'pytest-split durations file(s) (default: ./.test_durations if present)' })
    .option('junit', { type: 'string', array: true, describe: 'JUnit XML report(s) or glob pattern(s)' })
    .option('collected', { type: 'string', describe: "output of 'pytest --collect-only -q' (a file, or - for stdin): the exact set of tests" })
    .option('rootdir', { type: 'string', default: '.', describe: 'pytest rootdir the node ids are relative to' });
}

export function planOptions<T>(y: Argv<T>) {
  return timingOptions(y)
    .option('splits', { type: 'string', describe: 'number of shards, 1 to 256, or auto (see --target-seconds); optional with --group auto' })
    .option('granularity', { type: 'string', default: 'auto', describe: 'auto | file | class | test' })
    .option('algorithm', { type: 'string', default: 'balanced', describe: 'balanced | lpt | chunks' })
    .option('workers', { type: 'string', default: '1', describe: 'pytest-xdist workers inside each shard' })
    .option('fixed-overhead', { type: 'string', describe: 'seconds every shard pays before its first test (overrides what JUnit shows)' })
    .option('per-file-overhead', { type: 'string', describe: 'seconds a shard pays for each test file it collects' })
    .option('startup-seconds', {
      type: 'string',
      describe: "seconds pytest spends outside its JUnit session (start, conftest imports, exit): a run's wall time minus its <testsuite time>",
    })
    .option('worker-startup', {
      type: 'string',
      describe:
        "with --workers K > 1: seconds a shard spends bringing up its workers beyond a plain pytest start (a bare 'pytest -n K' run's wall minus a bare 'pytest' run's)",
    })
    .option('discover', {
      type: 'boolean',
      default: true,
      describe: 'look under --rootdir: plan test files nothing names (test_*.py, *_test.py) whole, leave out named files that are gone',
    })
    .option('together', {
      type: 'string',
      array: true,
      describe: 'glob over node ids or paths whose tests must share one shard, in path order (repeatable; also [tool.split-plan] together in pyproject.toml)',
    });
}

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

/** Every flag that decides a plan: the default command's and `explain`'s base. */
export function planAndChooseOptions<T>(y: Argv<T>) {
  return chooseOptions(planOptions(y));
}

export type PlanFlags = ArgsOf<typeof planAndChooseOptions>;

export const isAuto = (v: string | undefined): boolean => v !== undefined && v.trim() === AUTO;

/** The plan settings the flags give (src/app/planOptions.ts), errors naming the flags. */
export function planSettingsFrom(argv: PlanFlags): PlanSettings {
  return parsePlanOptions(argv, CLI_WORDS);
}

export const chooseFrom = (argv: PlanFlags) => parseChooseOptions(argv, CLI_WORDS);

/** Plans with the N the flags ask for: a number, `--splits auto`, or the CI's count with `--group auto`. */
export async function resolveFromFlags(argv: PlanFlags & { group?: string | undefined }, cwd: string, env: Env): Promise<ResolvedPlan> {
  const choose = chooseFrom(argv);
  const settings = planSettingsFrom(argv);
  return resolvePlan({
    cwd,
    settings,
    choose,
    words: CLI_WORDS,
    groupAuto: isAuto(argv.group),
    env,
    // Worded like yargs' own message for a missing required flag, which --splits was before auto.
    missingSplits: () =>
      new UsageError(`Missing required argument: splits (a number of shards from 1 to ${MAX_SPLITS}, or auto; or take it from the CI with --group auto)`),
  });
}
