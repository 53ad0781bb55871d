/**
 * Every name the Action exposes, in one place. Inputs and outputs are kebab-case and use the same
 * words as the CLI flags (`splits` is `--splits`, `plan-file` is where `--json` writes). action.yml
 * declares exactly these names; __tests__/workflows.test.ts checks that the two agree.
 */

export const INPUT = {
  mode: 'mode',
  splits: 'splits',
  durations: 'durations',
  junit: 'junit',
  collected: 'collected',
  rootdir: 'rootdir',
  granularity: 'granularity',
  algorithm: 'algorithm',
  workers: 'workers',
  fixedOverhead: 'fixed-overhead',
  perFileOverhead: 'per-file-overhead',
  startupSeconds: 'startup-seconds',
  workerStartup: 'worker-startup',
  discover: 'discover',
  together: 'together',
  workingDirectory: 'working-directory',
  group: 'group',
  planFile: 'plan-file',
  // splits: auto (the same words as the CLI's --splits auto flags)
  targetSeconds: 'target-seconds',
  jobOverhead: 'job-overhead',
  maxSplits: 'max-splits',
  // mode refresh (the same words as `split-plan refresh` flags, plus how to commit)
  completeRun: 'complete-run',
  smoothing: 'smoothing',
  alpha: 'alpha',
  minChange: 'min-change',
  minChangeRatio: 'min-change-ratio',
  githubToken: 'github-token',
  commit: 'commit',
  pullRequest: 'pull-request',
  branch: 'branch',
  commitMessage: 'commit-message',
} as const;

export type InputName = (typeof INPUT)[keyof typeof INPUT];

export const OUTPUT = {
  /** plan: `{"include":[{"group":1,"splits":4},...]}` for `strategy.matrix`. */
  matrix: 'matrix',
  /** plan: absolute path of the plan JSON written. */
  planFile: 'plan-file',
  /** plan: the number of shards. */
  splits: 'splits',
  /** plan: predicted seconds of the slowest shard. */
  makespanSeconds: 'makespan-seconds',
  /** shard: absolute path of the group's pytest args file (`pytest @FILE`). */
  argsFile: 'args-file',
  /** shard: how many tests the group runs. */
  tests: 'tests',
  /** shard: predicted seconds of the group. */
  predictedSeconds: 'predicted-seconds',
  /** refresh: true when the durations file was committed (or, with commit false, written). */
  changed: 'changed',
  /** refresh: how many tests were added, updated, removed. */
  added: 'added',
  updated: 'updated',
  removed: 'removed',
  /** refresh: the commit written ('' when none). */
  commitSha: 'commit-sha',
  /** refresh with pull-request: the pull request opened or updated ('' when none). */
  pullRequestNumber: 'pull-request-number',
  pullRequestUrl: 'pull-request-url',
  /** verify: true when every planned test ran exactly once. */
  ok: 'ok',
  /** verify: counts of lost, doubled and unexpected tests. */
  lost: 'lost',
  doubled: 'doubled',
  unexpected: 'unexpected',
} as const;

export type OutputName = (typeof OUTPUT)[keyof typeof OUTPUT];

export type Mode = 'plan' | 'shard' | 'refresh' | 'verify';
export const MODES: readonly Mode[] = ['plan', 'shard', 'refresh', 'verify'];

/** Defaults, also written in action.yml (the runner passes those; these cover a direct run). */
export const DEFAULTS = {
  mode: 'plan' as Mode,
  rootdir: '.',
  granularity: 'auto',
  algorithm: 'balanced',
  workers: '1',
  discover: 'true',
  workingDirectory: '.',
  completeRun: 'false',
  commit: 'true',
  pullRequest: 'false',
  commitMessage: 'Refresh test durations [skip ci]',
} as const;

/** Mode refresh with pull-request: the head branch the refreshed file is proposed from. */
export function refreshBranchName(base: string): string {
  return `split-plan/refresh-durations/${base}`;
}

/** Where plan mode writes the plan when `plan-file` is empty (relative to working-directory). */
export const DEFAULT_PLAN_FILE = 'split-plan.json';

/** The args file shard mode writes for group K (in RUNNER_TEMP, else working-directory). */
export function argsFileName(group: number): string {
  return `split-plan-group-${group}.args`;
}

/** At most this many per-test annotations (estimated tests, stale entries), then one "and N more". */
export const MAX_ANNOTATIONS = 10;
