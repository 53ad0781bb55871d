/**
 * The Action's inputs, read once and validated into one typed object. Every error names the
 * input (`splits must be an integer from 1 to 256, got "abc"`), using the same parsers as the CLI.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_CHANGE_RATIO, DEFAULT_MIN_CHANGE_SECONDS, DEFAULT_SMOOTHING, SMOOTHINGS, type Smoothing } from '../core/refresh.js';
import { DEFAULT_DURATIONS_FILE } from '../app/inputs.js';
import { MAX_SPLITS, parseAlpha, parseChoice, parseIntFlag, parseRatio, parseSeconds } from '../app/options.js';
import { parsePlanOptions, type PlanSettings } from '../app/planOptions.js';
import { parseChooseOptions, resolvePlan, type ParsedChoose, type ResolvedPlan } from '../app/resolvePlan.js';
import { DEFAULTS, INPUT, MODES, type Mode } from './constants.js';
import type { ActionEnv, CoreLike } from './core.js';
import { ACTION_WORDS } from './words.js';

/** The plan inputs (shared with the CLI's flags, src/app/planOptions.ts) and the Action's own. */
export interface ActionInputs extends PlanSettings {
  mode: Mode;
  /** Absolute; every relative path input is resolved against it. */
  workingDirectory: string;
  /** What `splits: auto` weighs: target-seconds, job-overhead, max-splits. */
  choose: ParsedChoose;
  /** Mode shard: the 1-based shard (checked against the plan's splits once the plan is known). */
  group?: number;
  /** As given (relative to workingDirectory); undefined when empty. */
  planFile?: string;
  /** Mode refresh only: its inputs, validated. */
  refresh?: RefreshInputs;
}

/** The inputs of mode refresh (read only in that mode, so a stray value cannot fail another mode). */
export interface RefreshInputs {
  /** The one durations file to refresh, relative to workingDirectory. */
  durations: string;
  completeRun: boolean;
  smoothing: Smoothing;
  alpha: number;
  minChangeSeconds: number;
  minChangeRatio: number;
  /** Commit through the GitHub API (else only write the file in the workspace). */
  commit: boolean;
  pullRequest: boolean;
  /** '' unless commit is true. */
  token: string;
  /** The branch to commit to (or the PR's base); undefined: the branch the run is on. */
  branch?: string;
  commitMessage: string;
}

/** A multi-value input: one value per line; blank lines and surrounding spaces are dropped. */
export function lines(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them. */
export function parseBoolean(name: string, raw: string): boolean {
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new UsageError(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

export function readInputs(core: Pick<CoreLike, 'getInput'>, env: ActionEnv): ActionInputs {
  const get = (name: string): string => core.getInput(name).trim();
  const orDefault = (name: string, fallback: string): string => get(name) || fallback;

  const mode = parseChoice(INPUT.mode, orDefault(INPUT.mode, DEFAULTS.mode), MODES);
  const workingDirectory = resolve(env.workspace, orDefault(INPUT.workingDirectory, DEFAULTS.workingDirectory));
  checkDirectory(workingDirectory);

  const collected = get(INPUT.collected);
  if (collected === '-') {
    throw new UsageError(`${INPUT.collected}: '-' (standard input) is not available in the Action; give the path of a 'pytest --collect-only -q' output file`);
  }
  // An empty input is one the step left out.
  const given = (name: string): string | undefined => get(name) || undefined;
  const plan = parsePlanOptions(
    {
      splits: given(INPUT.splits),
      durations: lines(core.getInput(INPUT.durations)),
      junit: lines(core.getInput(INPUT.junit)),
      collected: given(INPUT.collected),
      rootdir: orDefault(INPUT.rootdir, DEFAULTS.rootdir),
      granularity: orDefault(INPUT.granularity, DEFAULTS.granularity),
      algorithm: orDefault(INPUT.algorithm, DEFAULTS.algorithm),
      workers: orDefault(INPUT.workers, DEFAULTS.workers),
      discover: parseBoolean(INPUT.discover, orDefault(INPUT.discover, DEFAULTS.discover)),
      together: lines(core.getInput(INPUT.together)),
      fixedOverhead: given(INPUT.fixedOverhead),
      perFileOverhead: given(INPUT.perFileOverhead),
      startupSeconds: given(INPUT.startupSeconds),
      workerStartup: given(INPUT.workerStartup),
    },
    ACTION_WORDS,
  );
  const choose = parseChooseOptions(
    { targetSeconds: given(INPUT.targetSeconds), jobOverhead: given(INPUT.jobOverhead), maxSplits: given(INPUT.maxSplits) },
    ACTION_WORDS,
  );
  const inputs: ActionInputs = { mode, workingDirectory, ...plan, choose };
  const group = get(INPUT.group);
  if (group !== '') inputs.group = parseIntFlag(INPUT.group, group, 1, MAX_SPLITS);
  const planFile = get(INPUT.planFile);
  if (planFile !== '') inputs.planFile = planFile;
  if (mode === 'refresh') inputs.refresh = readRefreshInputs(core, inputs);
  return inputs;
}

function readRefreshInputs(core: Pick<CoreLike, 'getInput'>, inputs: ActionInputs): RefreshInputs {
  const get = (name: string): string => core.getInput(name).trim();
  const orDefault = (name: string, fallback: string): string => get(name) || fallback;
  if (inputs.junit.length === 0) {
    throw new UsageError(`${INPUT.junit} is required in mode refresh: the JUnit reports of every shard, one path or glob pattern per line`);
  }
  if (inputs.durations.length > 1) {
    throw new UsageError(
      `${INPUT.durations} takes one file in mode refresh (the file to refresh), got ${inputs.durations.length}: ${inputs.durations.join(', ')}`,
    );
  }
  const completeRun = parseBoolean(INPUT.completeRun, orDefault(INPUT.completeRun, DEFAULTS.completeRun));
  if (completeRun && inputs.collected !== undefined) {
    throw new UsageError(`use ${INPUT.collected} or ${INPUT.completeRun}, not both: the collected list already says which tests exist`);
  }
  const commit = parseBoolean(INPUT.commit, orDefault(INPUT.commit, DEFAULTS.commit));
  const pullRequest = parseBoolean(INPUT.pullRequest, orDefault(INPUT.pullRequest, DEFAULTS.pullRequest));
  if (pullRequest && !commit) {
    throw new UsageError(`${INPUT.pullRequest}: true needs ${INPUT.commit}: true (the pull request is opened through the GitHub API)`);
  }
  const token = commit ? get(INPUT.githubToken) : '';
  if (commit && token === '') {
    throw new UsageError(
      `${INPUT.githubToken} is empty: mode refresh commits through the GitHub API (the default is the job's token, with permissions contents: write); or set ${INPUT.commit}: false to only write the file`,
    );
  }
  const out: RefreshInputs = {
    durations: inputs.durations[0] ?? DEFAULT_DURATIONS_FILE,
    completeRun,
    smoothing: parseChoice(INPUT.smoothing, orDefault(INPUT.smoothing, DEFAULT_SMOOTHING), SMOOTHINGS),
    alpha: parseAlpha(orDefault(INPUT.alpha, String(DEFAULT_ALPHA)), INPUT.alpha),
    minChangeSeconds: parseSeconds(INPUT.minChange, orDefault(INPUT.minChange, String(DEFAULT_MIN_CHANGE_SECONDS))),
    minChangeRatio: parseRatio(orDefault(INPUT.minChangeRatio, String(DEFAULT_MIN_CHANGE_RATIO)), INPUT.minChangeRatio),
    commit,
    pullRequest,
    token,
    commitMessage: orDefault(INPUT.commitMessage, DEFAULTS.commitMessage),
  };
  const branch = get(INPUT.branch);
  if (branch !== '') out.branch = branch;
  return out;
}

function checkDirectory(dir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`${INPUT.workingDirectory}: ${dir} does not exist`);
  }
  if (!isDir) throw new UsageError(`${INPUT.workingDirectory}: ${dir} is not a directory`);
}

/**
 * Plans as the inputs ask (the same resolvePlan as the CLI): `splits` shards, or with
 * `splits: auto` the smallest number that meets `target-seconds` (core/recommend.ts).
 */
export function planFromInputs(inputs: ActionInputs): Promise<ResolvedPlan> {
  return resolvePlan({
    cwd: inputs.workingDirectory,
    settings: inputs,
    choose: inputs.choose,
    words: ACTION_WORDS,
    missingSplits: () => {
      const why = inputs.mode === 'shard' ? 'in mode shard without plan-file' : `in mode ${inputs.mode}`;
      return new UsageError(`${INPUT.splits} is required ${why}: the number of shards, 1 to ${MAX_SPLITS}, or auto`);
    },
  });
}
