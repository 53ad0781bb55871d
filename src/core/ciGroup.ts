/**
 * `--group auto`: which shard this CI job is, and how many there are, read from the CI's own
 * environment variables. Pure: takes the environment as a record.
 *
 * | CI             | index variable           | base | count variable                 |
 * |----------------|--------------------------|------|--------------------------------|
 * | any (explicit) | SPLIT_PLAN_GROUP         | 1    | SPLIT_PLAN_SPLITS              |
 * | GitLab         | CI_NODE_INDEX            | 1    | CI_NODE_TOTAL                  |
 * | CircleCI       | CIRCLE_NODE_INDEX        | 0    | CIRCLE_NODE_TOTAL              |
 * | Buildkite      | BUILDKITE_PARALLEL_JOB   | 0    | BUILDKITE_PARALLEL_JOB_COUNT   |
 *
 * GitHub Actions exposes no matrix index of its own, so a GitHub workflow sets the explicit pair
 * from its matrix (`SPLIT_PLAN_GROUP: ${{ matrix.group }}`, `SPLIT_PLAN_SPLITS: ${{ matrix.splits }}`).
 * The explicit pair wins wherever it is set. Otherwise the CI is recognised by its marker variable
 * (GITLAB_CI, CIRCLECI, BUILDKITE), or, without one, by the only CI whose variables are present.
 * Both variables of the chosen pair must be set to plain decimal integers in range.
 */
import { UsageError } from './errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface CiSource {
  /** Name used in messages. */
  name: string;
  /** Variable that says this CI is running (absent for the explicit pair). */
  marker?: string;
  indexVar: string;
  totalVar: string;
  /** 1 when the index variable counts from 1, 0 when from 0. */
  base: 0 | 1;
  /** Added to "is not set" messages: when the CI sets the variables. */
  hint?: string;
}

export const EXPLICIT_SOURCE: CiSource = { name: 'split-plan', indexVar: 'SPLIT_PLAN_GROUP', totalVar: 'SPLIT_PLAN_SPLITS', base: 1 };

export const CI_SOURCES: readonly CiSource[] = [
  {
    name: 'GitLab',
    marker: 'GITLAB_CI',
    indexVar: 'CI_NODE_INDEX',
    totalVar: 'CI_NODE_TOTAL',
    base: 1,
    hint: 'GitLab sets it only in jobs with `parallel: N`',
  },
  {
    name: 'CircleCI',
    marker: 'CIRCLECI',
    indexVar: 'CIRCLE_NODE_INDEX',
    totalVar: 'CIRCLE_NODE_TOTAL',
    base: 0,
    hint: 'CircleCI sets it in every job; give the job `parallelism: N`',
  },
  {
    name: 'Buildkite',
    marker: 'BUILDKITE',
    indexVar: 'BUILDKITE_PARALLEL_JOB',
    totalVar: 'BUILDKITE_PARALLEL_JOB_COUNT',
    base: 0,
    hint: 'Buildkite sets it only in steps with `parallelism: N`',
  },
];

/** GitHub's marker: recognised only to explain what to set. */
export const GITHUB_MARKER = 'GITHUB_ACTIONS';

export interface CiGroup {
  /** 1-based shard number. */
  group: number;
  /** Number of shards. */
  splits: number;
  source: CiSource;
}

const isSet = (env: Env, name: string): boolean => env[name] !== undefined && env[name] !== '';

/** Finds this job's shard in the environment, or throws a UsageError naming the variable at fault. */
export function detectCiGroup(env: Env, maxSplits: number): CiGroup {
  return readPair(env, chooseSource(env), maxSplits);
}

export function chooseSource(env: Env): CiSource {
  if (isSet(env, EXPLICIT_SOURCE.indexVar) || isSet(env, EXPLICIT_SOURCE.totalVar)) return EXPLICIT_SOURCE;
  const marked = CI_SOURCES.filter((s) => s.marker !== undefined && env[s.marker] === 'true');
  if (marked.length === 1) return marked[0] as CiSource;
  const withVars = CI_SOURCES.filter((s) => isSet(env, s.indexVar) || isSet(env, s.totalVar));
  const candidates = marked.length > 1 ? marked : withVars;
  if (candidates.length === 1) return candidates[0] as CiSource;
  if (candidates.length > 1) {
    throw new UsageError(
      `--group auto: variables of several CIs are set (${candidates.map((s) => s.name).join(', ')}); set ${EXPLICIT_SOURCE.indexVar} and ${EXPLICIT_SOURCE.totalVar} to say which shard this is`,
    );
  }
  if (env[GITHUB_MARKER] === 'true') {
    throw new UsageError(
      `--group auto: GitHub Actions has no matrix index variable; set ${EXPLICIT_SOURCE.indexVar}: \${{ matrix.group }} and ${EXPLICIT_SOURCE.totalVar}: \${{ matrix.splits }} in the step's env`,
    );
  }
  throw new UsageError(
    `--group auto: no CI shard variables found; set ${EXPLICIT_SOURCE.indexVar} and ${EXPLICIT_SOURCE.totalVar}, or run in a parallel GitLab (CI_NODE_INDEX), CircleCI (CIRCLE_NODE_INDEX) or Buildkite (BUILDKITE_PARALLEL_JOB) job`,
  );
}

function readPair(env: Env, source: CiSource, maxSplits: number): CiGroup {
  const total = readInt(env, source, source.totalVar, 1, maxSplits, 'the number of parallel jobs');
  const first = source.base;
  const last = total - 1 + source.base;
  const index = readInt(env, source, source.indexVar, first, last, `this job's ${first}-based index among ${source.totalVar}=${total}`);
  return { group: index - source.base + 1, splits: total, source };
}

function readInt(env: Env, source: CiSource, name: string, min: number, max: number, what: string): number {
  const where = source === EXPLICIT_SOURCE ? '' : ` (${source.name})`;
  const raw = env[name];
  if (raw === undefined || raw === '') {
    throw new UsageError(`--group auto: ${name}${where} is not set; it must hold ${what}${source.hint ? ` (${source.hint})` : ''}`);
  }
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--group auto: ${name}${where} must be an integer from ${min} to ${max} (${what}), got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** With --group auto, --splits may be left out; when given it must agree with the CI's count. */
export function splitsFromCi(ci: CiGroup, splits: number | undefined): number {
  if (splits !== undefined && splits !== ci.splits) {
    const where = ci.source === EXPLICIT_SOURCE ? '' : ` (${ci.source.name})`;
    throw new UsageError(`--splits ${splits} disagrees with ${ci.source.totalVar}=${ci.splits}${where}: drop --splits or make the two match`);
  }
  return ci.splits;
}
