/**
 * The Action's inputs, read once and validated into one typed object. Every error names the
 * input (`splits must be an integer from 1 to 256, got "abc"`), using the same parsers as the CLI.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Algorithm, Granularity } from '../core/types.js';
import type { PlanRequest } from '../app/plan.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_CHANGE_RATIO, DEFAULT_MIN_CHANGE_SECONDS, DEFAULT_SMOOTHING, SMOOTHINGS, type Smoothing } from '../core/refresh.js';
import { DEFAULT_DURATIONS_FILE } from '../app/inputs.js';
import { parseAlgorithm, parseChoice, parseGranularity, parseIntFlag, parseSeconds, parseSplits, MAX_SPLITS } from '../app/options.js';
import { parseAlpha, parseRatio } from '../cli/refreshCommand.js';
import { DEFAULTS, INPUT, MODES, type Mode } from './constants.js';
import type { ActionEnv, CoreLike } from './core.js';

export interface ActionInputs {
  mode: Mode;
  /** Absolute; every relative path input is resolved against it. */
  workingDirectory: string;
  /** Required to plan (mode plan, and mode shard without plan-file). */
  splits?: number;
  durations: string[];
  junit: string[];
  collected?: string;
  rootdir: string;
  granularity: Granularity;
  algorithm: Algorithm;
  workers: number;
  fixedOverhead?: number;
  perFileOverhead?: number;
  startupSeconds?: number;
  discover: boolean;
  /** `together` patterns, one per line. */
  together: string[];
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
  const inputs: ActionInputs = {
    mode,
    workingDirectory,
    durations: lines(core.getInput(INPUT.durations)),
    junit: lines(core.getInput(INPUT.junit)),
    rootdir: orDefault(INPUT.rootdir, DEFAULTS.rootdir),
    granularity: parseGranularity(orDefault(INPUT.granularity, DEFAULTS.granularity), INPUT.granularity),
    algorithm: parseAlgorithm(orDefault(INPUT.algorithm, DEFAULTS.algorithm), INPUT.algorithm),
    workers: parseIntFlag(INPUT.workers, orDefault(INPUT.workers, DEFAULTS.workers), 1, 1024),
    discover: parseBoolean(INPUT.discover, orDefault(INPUT.discover, DEFAULTS.discover)),
    together: lines(core.getInput(INPUT.together)),
  };
  const splits = get(INPUT.splits);
  if (splits !== '') inputs.splits = parseSplits(splits, INPUT.splits);
  if (collected !== '') inputs.collected = collected;
  const fixed = get(INPUT.fixedOverhead);
  if (fixed !== '') inputs.fixedOverhead = parseSeconds(INPUT.fixedOverhead, fixed);
  const perFile = get(INPUT.perFileOverhead);
  if (perFile !== '') inputs.perFileOverhead = parseSeconds(INPUT.perFileOverhead, perFile);
  const startup = get(INPUT.startupSeconds);
  if (startup !== '') inputs.startupSeconds = parseSeconds(INPUT.startupSeconds, startup);
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
    alpha: parseAlpha(orDefault(INPUT.alpha, String(DEFAULT_ALPHA))),
    minChangeSeconds: parseSeconds(INPUT.minChange, orDefault(INPUT.minChange, String(DEFAULT_MIN_CHANGE_SECONDS))),
    minChangeRatio: parseRatio(orDefault(INPUT.minChangeRatio, String(DEFAULT_MIN_CHANGE_RATIO))),
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

/** The request `planFromRequest` takes (the CLI builds the same one from its flags). */
export function planRequest(inputs: ActionInputs): PlanRequest {
  if (inputs.splits === undefined) {
    const why = inputs.mode === 'shard' ? 'in mode shard without plan-file' : `in mode ${inputs.mode}`;
    throw new UsageError(`${INPUT.splits} is required ${why}: the number of shards, 1 to ${MAX_SPLITS}`);
  }
  const req: PlanRequest = {
    cwd: inputs.workingDirectory,
    rootdir: inputs.rootdir,
    durations: inputs.durations,
    junit: inputs.junit,
    splits: inputs.splits,
    granularity: inputs.granularity,
    algorithm: inputs.algorithm,
    workers: inputs.workers,
    discover: inputs.discover,
  };
  if (inputs.collected !== undefined) req.collected = inputs.collected;
  if (inputs.fixedOverhead !== undefined) req.fixedOverhead = inputs.fixedOverhead;
  if (inputs.perFileOverhead !== undefined) req.perFileOverhead = inputs.perFileOverhead;
  if (inputs.startupSeconds !== undefined) req.startupSeconds = inputs.startupSeconds;
  if (inputs.together.length > 0) req.together = inputs.together;
  return req;
}
