/** `--group auto`: each CI's variables (core returns the shard or a problem code, the edges word it), in range and out, missing, malformed; and the built CLI using them. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSuite, type GeneratedSuite } from '../scripts/lib/suite/index.js';
import { collect, runPytest } from '../scripts/lib/pytest.js';
import { describeWithPytest, pytestProblem } from './helpers/needs.js';
import { ciGroupFromEnv, splitsOfCi } from '../src/app/ciGroup.js';
import { ACTION_WORDS } from '../src/action/words.js';
import { CLI_WORDS } from '../src/cli/words.js';
import { detectCiGroup, splitsFromCi, type CiGroup, type CiProblem, type Env } from '../src/core/ciGroup.js';
import { UsageError } from '../src/core/errors.js';
import { describeCiProblem } from '../src/render/ciGroup.js';
import { cliPath, repoRoot } from './helpers/paths.js';

const MAX = 256;

/** The shard core finds, failing the test with the problem when it finds none. */
function found(env: Env): CiGroup {
  const r = detectCiGroup(env, MAX);
  if (!r.ok) throw new Error(`no shard: ${JSON.stringify(r.problem)}`);
  return r.ci;
}

/** What core says is wrong, failing the test when it finds a shard. */
function problemOf(env: Env): CiProblem {
  const r = detectCiGroup(env, MAX);
  if (r.ok) throw new Error(`found shard ${r.ci.group} of ${r.ci.splits}`);
  return r.problem;
}

describe('detectCiGroup: valid variables of every CI', () => {
  it.each<[string, Env, number, number, string]>([
    ['GitLab, first of 4 (1-based)', { GITLAB_CI: 'true', CI_NODE_INDEX: '1', CI_NODE_TOTAL: '4' }, 1, 4, 'GitLab'],
    ['GitLab, last of 4', { GITLAB_CI: 'true', CI_NODE_INDEX: '4', CI_NODE_TOTAL: '4' }, 4, 4, 'GitLab'],
    ['GitLab without its marker', { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' }, 2, 3, 'GitLab'],
    ['CircleCI, first of 3 (0-based)', { CIRCLECI: 'true', CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '3' }, 1, 3, 'CircleCI'],
    ['CircleCI, last of 3', { CIRCLECI: 'true', CIRCLE_NODE_INDEX: '2', CIRCLE_NODE_TOTAL: '3' }, 3, 3, 'CircleCI'],
    ['CircleCI without parallelism (1 job)', { CIRCLECI: 'true', CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '1' }, 1, 1, 'CircleCI'],
    ['Buildkite, first of 5 (0-based)', { BUILDKITE: 'true', BUILDKITE_PARALLEL_JOB: '0', BUILDKITE_PARALLEL_JOB_COUNT: '5' }, 1, 5, 'Buildkite'],
    ['Buildkite, last of 5', { BUILDKITE: 'true', BUILDKITE_PARALLEL_JOB: '4', BUILDKITE_PARALLEL_JOB_COUNT: '5' }, 5, 5, 'Buildkite'],
    ['Buildkite without its marker', { BUILDKITE_PARALLEL_JOB: '1', BUILDKITE_PARALLEL_JOB_COUNT: '2' }, 2, 2, 'Buildkite'],
    ['GitHub matrix through the explicit pair', { GITHUB_ACTIONS: 'true', SPLIT_PLAN_GROUP: '3', SPLIT_PLAN_SPLITS: '8' }, 3, 8, 'split-plan'],
    [
      'explicit pair wins over the CI',
      { GITLAB_CI: 'true', CI_NODE_INDEX: '1', CI_NODE_TOTAL: '2', SPLIT_PLAN_GROUP: '5', SPLIT_PLAN_SPLITS: '6' },
      5,
      6,
      'split-plan',
    ],
    [
      'the marker decides when two CIs leave variables',
      { CIRCLECI: 'true', CIRCLE_NODE_INDEX: '1', CIRCLE_NODE_TOTAL: '2', CI_NODE_TOTAL: '1' },
      2,
      2,
      'CircleCI',
    ],
    ['maximum count', { SPLIT_PLAN_GROUP: '256', SPLIT_PLAN_SPLITS: '256' }, 256, 256, 'split-plan'],
    ['surrounding spaces are tolerated', { SPLIT_PLAN_GROUP: ' 2 ', SPLIT_PLAN_SPLITS: '3\n' }, 2, 3, 'split-plan'],
  ])('%s', (_name, env, group, splits, source) => {
    const ci = found(env);
    expect({ group: ci.group, splits: ci.splits, source: ci.source.name }).toEqual({ group, splits, source });
  });
});

describe('detectCiGroup: missing, out of range or malformed variables name the variable', () => {
  it.each<[string, Env, string]>([
    // Missing.
    ['nothing set', {}, '--group auto: no CI shard variables found; set SPLIT_PLAN_GROUP and SPLIT_PLAN_SPLITS'],
    ['GitHub without the pair', { GITHUB_ACTIONS: 'true' }, 'GitHub Actions has no matrix index variable; set SPLIT_PLAN_GROUP: ${{ matrix.group }}'],
    [
      'GitLab job without parallel:',
      { GITLAB_CI: 'true', CI_NODE_TOTAL: '1' },
      "CI_NODE_INDEX (GitLab) is not set; it must hold this job's 1-based index among CI_NODE_TOTAL=1 (GitLab sets it only in jobs with `parallel: N`)",
    ],
    ['GitLab marker and nothing else', { GITLAB_CI: 'true' }, 'CI_NODE_TOTAL (GitLab) is not set'],
    ['CircleCI index missing', { CIRCLECI: 'true', CIRCLE_NODE_TOTAL: '3' }, 'CIRCLE_NODE_INDEX (CircleCI) is not set'],
    [
      'Buildkite step without parallelism',
      { BUILDKITE: 'true' },
      'BUILDKITE_PARALLEL_JOB_COUNT (Buildkite) is not set; it must hold the number of parallel jobs (Buildkite sets it only in steps with `parallelism: N`)',
    ],
    [
      'Buildkite index empty',
      { BUILDKITE: 'true', BUILDKITE_PARALLEL_JOB: '', BUILDKITE_PARALLEL_JOB_COUNT: '2' },
      'BUILDKITE_PARALLEL_JOB (Buildkite) is not set',
    ],
    ['explicit group without splits', { SPLIT_PLAN_GROUP: '1' }, '--group auto: SPLIT_PLAN_SPLITS is not set'],
    ['explicit splits without group', { SPLIT_PLAN_SPLITS: '4' }, '--group auto: SPLIT_PLAN_GROUP is not set'],
    // Out of range.
    [
      'GitLab index 0 (it is 1-based)',
      { GITLAB_CI: 'true', CI_NODE_INDEX: '0', CI_NODE_TOTAL: '3' },
      'CI_NODE_INDEX (GitLab) must be an integer from 1 to 3 (this job\'s 1-based index among CI_NODE_TOTAL=3), got "0"',
    ],
    ['GitLab index above total', { GITLAB_CI: 'true', CI_NODE_INDEX: '4', CI_NODE_TOTAL: '3' }, 'CI_NODE_INDEX (GitLab) must be an integer from 1 to 3'],
    [
      'CircleCI index equal to total (it is 0-based)',
      { CIRCLECI: 'true', CIRCLE_NODE_INDEX: '3', CIRCLE_NODE_TOTAL: '3' },
      'CIRCLE_NODE_INDEX (CircleCI) must be an integer from 0 to 2 (this job\'s 0-based index among CIRCLE_NODE_TOTAL=3), got "3"',
    ],
    [
      'Buildkite count 0',
      { BUILDKITE: 'true', BUILDKITE_PARALLEL_JOB: '0', BUILDKITE_PARALLEL_JOB_COUNT: '0' },
      'BUILDKITE_PARALLEL_JOB_COUNT (Buildkite) must be an integer from 1 to 256 (the number of parallel jobs), got "0"',
    ],
    [
      'count above 256',
      { SPLIT_PLAN_GROUP: '1', SPLIT_PLAN_SPLITS: '257' },
      'SPLIT_PLAN_SPLITS must be an integer from 1 to 256 (the number of parallel jobs), got "257"',
    ],
    // Not an integer.
    ['negative index', { CIRCLECI: 'true', CIRCLE_NODE_INDEX: '-1', CIRCLE_NODE_TOTAL: '3' }, 'CIRCLE_NODE_INDEX (CircleCI) must be an integer from 0 to 2'],
    [
      'fractional count',
      { GITLAB_CI: 'true', CI_NODE_INDEX: '1', CI_NODE_TOTAL: '2.0' },
      'CI_NODE_TOTAL (GitLab) must be an integer from 1 to 256 (the number of parallel jobs), got "2.0"',
    ],
    ['hex index', { SPLIT_PLAN_GROUP: '0x1', SPLIT_PLAN_SPLITS: '2' }, 'SPLIT_PLAN_GROUP must be an integer from 1 to 2'],
    ['word index', { SPLIT_PLAN_GROUP: 'first', SPLIT_PLAN_SPLITS: '2' }, 'got "first"'],
    [
      'unexpanded template',
      { SPLIT_PLAN_GROUP: '${{ matrix.group }}', SPLIT_PLAN_SPLITS: '2' },
      'SPLIT_PLAN_GROUP must be an integer from 1 to 2 (this job\'s 1-based index among SPLIT_PLAN_SPLITS=2), got "${{ matrix.group }}"',
    ],
    // Ambiguous.
    [
      'two CIs, no marker',
      { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '2', CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '2' },
      'variables of several CIs are set (GitLab, CircleCI)',
    ],
    ['two markers', { GITLAB_CI: 'true', BUILDKITE: 'true', CI_NODE_INDEX: '1', CI_NODE_TOTAL: '2' }, 'variables of several CIs are set (GitLab, Buildkite)'],
  ])('%s', (_name, env, message) => {
    let caught: unknown;
    try {
      ciGroupFromEnv(env, MAX, CLI_WORDS);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UsageError);
    const msg = (caught as Error).message;
    expect(msg).toContain(message);
    expect(msg).not.toContain('\n');
  });
});

describe('core says what is wrong as a code with data, naming no option', () => {
  it.each<[string, Env, Partial<Record<string, unknown>>]>([
    ['nothing set', {}, { code: 'no-ci' }],
    ['GitHub without the pair', { GITHUB_ACTIONS: 'true' }, { code: 'github-needs-pair' }],
    ['two markers', { GITLAB_CI: 'true', BUILDKITE: 'true' }, { code: 'several-cis', sources: ['GitLab', 'Buildkite'] }],
    [
      'GitLab index missing',
      { GITLAB_CI: 'true', CI_NODE_TOTAL: '2' },
      { code: 'unset', variable: 'CI_NODE_INDEX', role: { kind: 'index', base: 1, totalVar: 'CI_NODE_TOTAL', total: 2 } },
    ],
    [
      'count above the maximum',
      { SPLIT_PLAN_GROUP: '1', SPLIT_PLAN_SPLITS: '257' },
      { code: 'out-of-range', variable: 'SPLIT_PLAN_SPLITS', min: 1, max: 256, raw: '257', role: { kind: 'total' } },
    ],
  ])('%s', (_name, env, expected) => {
    expect(problemOf(env)).toMatchObject(expected);
  });

  it('the Action words the same problems with its input names', () => {
    expect(describeCiProblem(problemOf({ GITHUB_ACTIONS: 'true' }), ACTION_WORDS)).toMatch(/^group: auto: GitHub Actions has no matrix index variable; /);
    expect(describeCiProblem(problemOf({ SPLIT_PLAN_GROUP: '1' }), ACTION_WORDS)).toBe(
      'group: auto: SPLIT_PLAN_SPLITS is not set; it must hold the number of parallel jobs',
    );
  });
});

describe('splitsFromCi', () => {
  const ci = found({ GITLAB_CI: 'true', CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' });
  it.each<[number | undefined, number | string]>([
    [undefined, 3],
    [3, 3],
    [4, '--splits 4 disagrees with CI_NODE_TOTAL=3 (GitLab): drop --splits or make the two match'],
  ])('--splits %s -> %s', (splits, expected) => {
    if (typeof expected === 'number') expect(splitsOfCi(ci, splits, CLI_WORDS)).toBe(expected);
    else expect(() => splitsOfCi(ci, splits, CLI_WORDS)).toThrow(new UsageError(expected));
  });

  it('core returns the conflict as data; the Action words it with its inputs', () => {
    expect(splitsFromCi(ci, 4)).toEqual({ code: 'splits-disagree', splits: 4, ci });
    expect(() => splitsOfCi(ci, 4, ACTION_WORDS)).toThrow(
      new UsageError('splits: 4 disagrees with CI_NODE_TOTAL=3 (GitLab): drop splits or make the two match'),
    );
  });
});

describe('split-plan --group auto (built CLI)', () => {
  const demo = join(repoRoot, 'durations', 'image-search-service.test_durations');
  /** The child sees only these variables (and PATH), never the CI variables of the machine running the tests. */
  function cli(args: string[], env: Record<string, string>) {
    const r = spawnSync(process.execPath, [cliPath, '--durations', demo, '--no-discover', '--quiet', ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it.each<[string, Record<string, string>, number, number]>([
    ['GitLab', { GITLAB_CI: 'true', CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' }, 2, 3],
    ['CircleCI', { CIRCLECI: 'true', CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '4' }, 1, 4],
    ['Buildkite', { BUILDKITE: 'true', BUILDKITE_PARALLEL_JOB: '4', BUILDKITE_PARALLEL_JOB_COUNT: '5' }, 5, 5],
    ['GitHub matrix', { GITHUB_ACTIONS: 'true', SPLIT_PLAN_GROUP: '2', SPLIT_PLAN_SPLITS: '2' }, 2, 2],
  ])('%s: prints the same args as --splits N --group K', (_ci, env, group, splits) => {
    const auto = cli(['--group', 'auto', '--pytest-args', '-'], env);
    const explicit = cli(['--splits', String(splits), '--group', String(group), '--pytest-args', '-'], {});
    expect(auto.stderr).toBe('');
    expect(auto.code).toBe(0);
    expect(explicit.code).toBe(0);
    expect(auto.stdout.length).toBeGreaterThan(0);
    expect(auto.stdout).toBe(explicit.stdout);
    // Agreeing --splits is accepted.
    expect(cli(['--splits', String(splits), '--group', 'auto', '--pytest-args', '-'], env).stdout).toBe(explicit.stdout);
  });

  it.each<[string[], Record<string, string>, string]>([
    [
      ['--group', 'auto', '--pytest-args', '-'],
      { GITLAB_CI: 'true', CI_NODE_TOTAL: '3' },
      'split-plan: error: --group auto: CI_NODE_INDEX (GitLab) is not set',
    ],
    [
      ['--group', 'auto', '--pytest-args', '-', '--splits', '4'],
      { CIRCLECI: 'true', CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '3' },
      'split-plan: error: --splits 4 disagrees with CIRCLE_NODE_TOTAL=3 (CircleCI)',
    ],
    [
      ['--group', 'auto', '--pytest-args', '-', '--splits', 'auto'],
      { SPLIT_PLAN_GROUP: '1', SPLIT_PLAN_SPLITS: '2' },
      'split-plan: error: --splits auto cannot be combined with --group auto',
    ],
    [['--group', 'auto', '--pytest-args', '-'], { GITHUB_ACTIONS: 'true' }, 'split-plan: error: --group auto: GitHub Actions has no matrix index variable'],
  ])('%j with %j fails with a usage error', (args, env, message) => {
    const r = cli(args, env);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });
});

describeWithPytest('--group auto with the real pytest: every CI job runs its own shard, together the whole suite once', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'split-plan-ci-'));
  let suite: GeneratedSuite;
  let all: string[];
  beforeAll(() => {
    if (pytestProblem() !== undefined) return; // the block's own hook already failed every test, naming why
    suite = generateSuite(join(tmp, 'suite'), { seed: 6, files: 5, scale: 0.01 });
    all = collect(suite.root);
    writeFileSync(join(suite.root, 'collected.txt'), all.join('\n') + '\n');
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it.each<[string, (job: number, total: number) => Record<string, string>]>([
    ['GitLab', (job, total) => ({ GITLAB_CI: 'true', CI_NODE_INDEX: String(job + 1), CI_NODE_TOTAL: String(total) })],
    ['CircleCI', (job, total) => ({ CIRCLECI: 'true', CIRCLE_NODE_INDEX: String(job), CIRCLE_NODE_TOTAL: String(total) })],
  ])('%s, 3 parallel jobs', (_ci, envOf) => {
    expect(all.length).toBe(suite.expectedTests);
    const ran: string[] = [];
    for (let job = 0; job < 3; job++) {
      const argsFile = join(suite.root, `job-${job}.args`);
      // split-plan ... --group auto --pytest-args > args, exactly as in the README recipe.
      const plan = spawnSync(process.execPath, [cliPath, '--collected', 'collected.txt', '--group', 'auto', '--pytest-args', '--quiet'], {
        cwd: suite.root,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', ...envOf(job, 3) },
      });
      expect(plan.stderr).toBe('');
      expect(plan.status).toBe(0);
      writeFileSync(argsFile, plan.stdout);
      const ids = collect(suite.root, [`@${argsFile}`]);
      expect(ids.length).toBeGreaterThan(0);
      ran.push(...ids);
    }
    expect(ran.length).toBe(all.length);
    expect([...ran].sort()).toEqual([...all].sort());
  });

  it('the args file runs under pytest', () => {
    const plan = spawnSync(process.execPath, [cliPath, '--collected', 'collected.txt', '--group', 'auto', '--pytest-args', 'shard.args', '--quiet'], {
      cwd: suite.root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', BUILDKITE: 'true', BUILDKITE_PARALLEL_JOB: '1', BUILDKITE_PARALLEL_JOB_COUNT: '2' },
    });
    expect(plan.status).toBe(0);
    const r = runPytest(suite.root, ['@shard.args']);
    expect(r.stdout).toMatch(/\d+ passed/);
  });
});
