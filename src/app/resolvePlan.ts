/**
 * How every plan decides N, shared by the CLI and the Action: a number of shards, `auto` (the
 * smallest N that meets the target, core/recommend.ts), or, in the CLI, the CI's own job count
 * (`--group auto`, core/ciGroup.ts).
 */
import type { CiGroup, Env } from '../core/ciGroup.js';
import { UsageError } from '../core/errors.js';
import type { SetupModel } from '../core/overhead.js';
import type { Plan } from '../core/plan.js';
import { DEFAULT_JOB_OVERHEAD_SECONDS, recommend, type Recommendation } from '../core/recommend.js';
import type { Suite } from '../core/suite.js';
import { ciGroupFromEnv, splitsOfCi } from './ciGroup.js';
import { MAX_SPLITS, parseIntFlag, parseSeconds } from './options.js';
import { planFromRequest, prepareSuite } from './plan.js';
import { AUTO, planRequestOf, type PlanSettings } from './planOptions.js';
import type { OptionWords } from './words.js';

/** What `auto` weighs (the `target-seconds`, `job-overhead` and `max-splits` options). */
export interface ChooseSettings {
  jobOverheadSeconds: number;
  maxSplits: number;
  targetSeconds?: number;
}

export interface ChooseValues {
  targetSeconds?: string | undefined;
  jobOverhead?: string | undefined;
  maxSplits?: string | undefined;
}

export interface ParsedChoose {
  settings: ChooseSettings;
  /** The options given, in the edge's words (they only apply with `auto`). */
  given: string[];
}

export function parseChooseOptions(values: ChooseValues, words: OptionWords): ParsedChoose {
  const given: string[] = [];
  if (values.targetSeconds !== undefined) given.push(words.option('target-seconds'));
  if (values.jobOverhead !== undefined) given.push(words.option('job-overhead'));
  if (values.maxSplits !== undefined) given.push(words.option('max-splits'));
  const settings: ChooseSettings = {
    jobOverheadSeconds: values.jobOverhead === undefined ? DEFAULT_JOB_OVERHEAD_SECONDS : parseSeconds(words.option('job-overhead'), values.jobOverhead),
    maxSplits: values.maxSplits === undefined ? MAX_SPLITS : parseIntFlag(words.option('max-splits'), values.maxSplits, 1, MAX_SPLITS),
  };
  if (values.targetSeconds !== undefined) settings.targetSeconds = parseSeconds(words.option('target-seconds'), values.targetSeconds);
  return { settings, given };
}

export interface ResolvedPlan {
  plan: Plan;
  suite: Suite;
  /** The setups the plan priced (learned from JUnit), if any. */
  setups?: SetupModel;
  /** With `auto`: the table behind the choice. */
  recommendation?: Recommendation;
  /** With `--group auto`: the shard the CI says this job is. */
  ci?: CiGroup;
}

export interface ResolveRequest {
  cwd: string;
  settings: PlanSettings;
  choose: ParsedChoose;
  words: OptionWords;
  /** `--group auto` (CLI): take N, and this job's shard, from the CI's variables in `env`. */
  groupAuto?: boolean;
  env?: Env;
  /** The error when N is not given at all (each edge says what it expects). */
  missingSplits: () => Error;
}

/** Plans with the N the options ask for. */
export async function resolvePlan(req: ResolveRequest): Promise<ResolvedPlan> {
  const { settings, choose, words, cwd } = req;
  const autoSplits = settings.splits === AUTO;
  if (!autoSplits && choose.given.length > 0) throw new UsageError(`${choose.given[0]} only applies with ${words.setting('splits', AUTO)}`);
  if (req.groupAuto === true) {
    const ci = ciGroupFromEnv(req.env ?? {}, MAX_SPLITS, words);
    if (autoSplits) {
      throw new UsageError(
        `${words.setting('splits', AUTO)} cannot be combined with ${words.setting('group', AUTO)}: ${ci.source.totalVar} already fixes the number of shards`,
      );
    }
    const splits = splitsOfCi(ci, settings.splits === AUTO ? undefined : settings.splits, words);
    return { ...(await planFromRequest(planRequestOf(settings, cwd, splits, words))), ci };
  }
  if (settings.splits === undefined) throw req.missingSplits();
  if (settings.splits !== AUTO) return planFromRequest(planRequestOf(settings, cwd, settings.splits, words));
  const { suite, options } = await prepareSuite(planRequestOf(settings, cwd, 1, words));
  const recommendation = recommend(suite, { plan: options, ...choose.settings });
  return { plan: recommendation.plan, suite, recommendation, ...(options.setups ? { setups: options.setups } : {}) };
}
