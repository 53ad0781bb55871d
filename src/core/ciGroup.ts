/**
 * The CI's own shard (the CLI's `--group auto`): which shard this CI job is, and how many there
 * are, read from the CI's own environment variables. Pure: takes the environment as a record and
 * returns the shard or what is wrong as data (src/render/ciGroup.ts words it for each edge).
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
  /** When the CI sets the variables (added to "is not set" messages). */
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

/** Why the environment names no shard: what was wrong, as data; src/render/ciGroup.ts words it. */
export type CiProblem =
  /** Variables of more than one CI are set, and no marker decides. */
  | { code: 'several-cis'; sources: string[]; explicit: CiSource }
  /** GitHub Actions without the explicit pair. */
  | { code: 'github-needs-pair'; explicit: CiSource }
  /** No CI's variables at all. */
  | { code: 'no-ci'; explicit: CiSource; sources: readonly CiSource[] }
  /** A variable of the chosen pair is unset or empty. */
  | { code: 'unset'; variable: string; source: CiSource; role: CiRole }
  /** A variable of the chosen pair is not a plain integer in range. */
  | { code: 'out-of-range'; variable: string; source: CiSource; role: CiRole; min: number; max: number; raw: string };

/** What a variable holds: the number of jobs, or this job's index among them. */
export type CiRole = { kind: 'total' } | { kind: 'index'; base: 0 | 1; totalVar: string; total: number };

/** The number of shards asked for (`splits`) and the CI's own count disagree. */
export interface SplitsConflict {
  code: 'splits-disagree';
  splits: number;
  ci: CiGroup;
}

/** The shard the environment names, or why it names none. */
export type CiDetection = { ok: true; ci: CiGroup } | { ok: false; problem: CiProblem };

/** True for the explicit pair (messages name no CI for it). */
export const isExplicit = (source: CiSource): boolean => source === EXPLICIT_SOURCE;

/** Finds this job's shard in the environment, or says what is wrong (naming the variable at fault). */
export function detectCiGroup(env: Env, maxSplits: number): CiDetection {
  const chosen = chooseSource(env);
  return 'code' in chosen ? { ok: false, problem: chosen } : readPair(env, chosen, maxSplits);
}

export function chooseSource(env: Env): CiSource | CiProblem {
  if (isSet(env, EXPLICIT_SOURCE.indexVar) || isSet(env, EXPLICIT_SOURCE.totalVar)) return EXPLICIT_SOURCE;
  const marked = CI_SOURCES.filter((s) => s.marker !== undefined && env[s.marker] === 'true');
  if (marked.length === 1) return marked[0] as CiSource;
  const withVars = CI_SOURCES.filter((s) => isSet(env, s.indexVar) || isSet(env, s.totalVar));
  const candidates = marked.length > 1 ? marked : withVars;
  if (candidates.length === 1) return candidates[0] as CiSource;
  if (candidates.length > 1) return { code: 'several-cis', sources: candidates.map((s) => s.name), explicit: EXPLICIT_SOURCE };
  if (env[GITHUB_MARKER] === 'true') return { code: 'github-needs-pair', explicit: EXPLICIT_SOURCE };
  return { code: 'no-ci', explicit: EXPLICIT_SOURCE, sources: CI_SOURCES };
}

function readPair(env: Env, source: CiSource, maxSplits: number): CiDetection {
  const total = readInt(env, source, source.totalVar, 1, maxSplits, { kind: 'total' });
  if (typeof total !== 'number') return { ok: false, problem: total };
  const first = source.base;
  const last = total - 1 + source.base;
  const index = readInt(env, source, source.indexVar, first, last, { kind: 'index', base: source.base, totalVar: source.totalVar, total });
  if (typeof index !== 'number') return { ok: false, problem: index };
  return { ok: true, ci: { group: index - source.base + 1, splits: total, source } };
}

function readInt(env: Env, source: CiSource, variable: string, min: number, max: number, role: CiRole): number | CiProblem {
  const raw = env[variable];
  if (raw === undefined || raw === '') return { code: 'unset', variable, source, role };
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) return { code: 'out-of-range', variable, source, role, min, max, raw };
  return n;
}

/**
 * Without a number of shards the CI's count is taken; a number given must agree with it.
 * Returns the number of shards, or the conflict.
 */
export function splitsFromCi(ci: CiGroup, splits: number | undefined): number | SplitsConflict {
  if (splits !== undefined && splits !== ci.splits) return { code: 'splits-disagree', splits, ci };
  return ci.splits;
}
