/**
 * `mode: refresh`. The bundled Action (dist/index.js; run `npm run build` first) is run as the
 * runner runs it (helpers/runAction.ts) against a local fake of the GitHub REST API
 * (helpers/fakeGitHub.ts, reached through GITHUB_API_URL), with a real event payload file. The file
 * it commits must equal, byte for byte, what `split-plan refresh` (dist/cli.js) writes from the same
 * reports onto the same stored content, and that stored content is the branch's, read through the
 * API, not the workspace copy. Also: no commit when nothing moved, a concurrent update re-merged,
 * the pull request form, pull request events refused (forks by name), a missing permission named.
 * In-process tests with a typed fake core cover the input validation and the event and branch
 * rules; commitFile's content-function form is tested against the fake server directly.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DEFAULTS, INPUT, OUTPUT, refreshBranchName } from '../src/action/constants.js';
import type { ActionEnv } from '../src/action/core.js';
import { FakeCore } from './helpers/fakeCore.js';
import { commitFile } from '../src/action/github/commitFile.js';
import { MODE_HANDLERS, run } from '../src/action/main.js';
import { branchOfRef, refreshMode, type RunInfo } from '../src/action/modes/refresh.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_CHANGE_RATIO, DEFAULT_MIN_CHANGE_SECONDS, DEFAULT_SMOOTHING } from '../src/core/refresh.js';
import { startFakeGitHub, type FakeGitHub } from './helpers/fakeGitHub.js';
import { pytestJUnit, type JUnitCase } from './helpers/pytestJunit.js';
import { NODE_BINARIES, REPO_ROOT, requireNode, runActionAsync, runCli, type ActionRun, type NodeBinary } from './helpers/runAction.js';
import { EXAMPLE_DURATIONS, testTimings } from './helpers/paths.js';

const TOKEN = 'fake-token';
const REPO_PATH = 'examples/.test_durations';
const PR_BRANCH = refreshBranchName('main');

/** The example suite's committed timings. */
const STORED = testTimings(readFileSync(EXAMPLE_DURATIONS, 'utf8'));
const IDS = Object.keys(STORED);
const NEW_TEST = 'tests/api/test_users.py::test_delete_user';
const GONE_TEST = 'tests/test_smoke.py::test_arithmetic';
/** On the branch, not in the checkout: committed by someone after the workflow's checkout. */
const REMOTE_ONLY = 'tests/models/test_inventory.py::test_audit';
const CONCURRENT = 'tests/models/test_inventory.py::test_concurrent';

const durationsText = (o: Record<string, number>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), null, 4) + '\n';
const CHECKOUT = durationsText(STORED);
const REMOTE = durationsText({ ...STORED, [REMOTE_ONLY]: 0.3 });
const THEIRS = durationsText({ ...STORED, [REMOTE_ONLY]: 0.3, [CONCURRENT]: 0.25, 'tests/api/test_orders.py::TestOrders::test_place': 0.5 });

/** This run: the two slowest tests took much longer, the rest as stored, one new test, one test gone. */
const MEASURED: JUnitCase[] = [
  ...IDS.filter((id) => id !== GONE_TEST).map((id) => ({
    id,
    seconds: id.endsWith('test_discount_slow') ? 0.9 : id.endsWith('test_place') ? 0.7 : (STORED[id] as number),
  })),
  { id: NEW_TEST, seconds: 0.2 },
];
const AS_STORED: JUnitCase[] = IDS.map((id) => ({ id, seconds: STORED[id] as number }));
const COLLECTED = [...IDS.filter((id) => id !== GONE_TEST), NEW_TEST, REMOTE_ONLY, CONCURRENT];

let root: string;
let gh: FakeGitHub | undefined;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'split-plan-action-refresh-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

async function fake(files: Record<string, string> = { [REPO_PATH]: REMOTE }): Promise<FakeGitHub> {
  gh = await startFakeGitHub({ token: TOKEN, files });
  return gh;
}

let counter = 0;
interface Setup {
  ws: string;
  dir: string;
  reports: string;
  inputs: Record<string, string>;
}
/** A checkout of examples/ and, outside it (as in RUNNER_TEMP), three shard reports and the collected list. */
function setup(cases: readonly JUnitCase[] = MEASURED): Setup {
  const base = join(root, `run-${++counter}`);
  const ws = join(base, 'repo');
  const dir = join(ws, 'examples');
  cpSync(join(REPO_ROOT, 'examples'), dir, { recursive: true });
  // The checkout's file: the example timings without a stored overhead, so a run's learning is visible.
  writeFileSync(join(dir, '.test_durations'), CHECKOUT);
  const reports = join(base, 'reports');
  mkdirSync(reports);
  const files = ['tests/api/', 'tests/models/', 'tests/test_'];
  files.forEach((prefix, i) =>
    writeFileSync(
      join(reports, `group-${i + 1}.xml`),
      pytestJUnit(
        cases.filter((c) => c.id.startsWith(prefix)),
        0.4 + i / 10,
      ),
    ),
  );
  writeFileSync(join(reports, 'collected.txt'), COLLECTED.join('\n') + `\n\n${COLLECTED.length} tests collected in 0.05s\n`);
  const inputs = {
    mode: 'refresh',
    junit: `${reports}/*.xml`,
    collected: join(reports, 'collected.txt'),
    durations: '.test_durations',
    'working-directory': 'examples',
    'github-token': TOKEN,
  };
  return { ws, dir, reports, inputs };
}

/** What `split-plan refresh` writes from the same reports onto `stored` (in the same checkout). */
function cliRefresh(s: Setup, stored: string, extra: string[] = []): string {
  const file = join(s.dir, `cli-${++counter}.test_durations`);
  writeFileSync(file, stored);
  const r = runCli(process.execPath, s.dir, [
    'refresh',
    '--junit',
    `${s.reports}/*.xml`,
    '--collected',
    join(s.reports, 'collected.txt'),
    '--durations',
    file,
    ...extra,
  ]);
  expect(r.status).toBe(0);
  const out = readFileSync(file, 'utf8');
  rmSync(file);
  return out;
}

interface EventOptions {
  name?: string;
  payload?: object;
  ref?: string;
}
function runEnv(s: Setup, fakeGh: FakeGitHub, ev: EventOptions = {}): Record<string, string> {
  const ref = ev.ref ?? 'refs/heads/main';
  const eventPath = join(s.ws, '..', 'event.json');
  writeFileSync(eventPath, JSON.stringify(ev.payload ?? { ref, repository: { full_name: fakeGh.fullName, default_branch: 'main' } }));
  return {
    GITHUB_EVENT_NAME: ev.name ?? 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: fakeGh.fullName,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_API_URL: fakeGh.baseUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
  };
}

async function refresh(s: Setup, fakeGh: FakeGitHub, opts: { node?: string; inputs?: Record<string, string>; event?: EventOptions } = {}): Promise<ActionRun> {
  return runActionAsync({
    node: opts.node ?? process.execPath,
    workspace: s.ws,
    inputs: { ...s.inputs, ...opts.inputs },
    env: runEnv(s, fakeGh, opts.event),
  });
}

const workspaceFile = (s: Setup): string => readFileSync(join(s.dir, '.test_durations'), 'utf8');

describe('mode refresh, the bundled Action against a fake GitHub API', () => {
  it.each(NODE_BINARIES.map((b) => [b.label, b] as const))(
    'on push (%s): merges onto the branch content and commits exactly what the CLI writes',
    async (_label, bin: NodeBinary) => {
      const node = requireNode(bin);
      const fakeGh = await fake();
      const s = setup();
      const r = await refresh(s, fakeGh, { node });
      expect(r.failure).toBeUndefined();
      expect(r.status).toBe(0);

      const committed = fakeGh.getFile('main', REPO_PATH) as string;
      expect(committed).toBe(cliRefresh(s, REMOTE));
      // Merged onto the branch's content (which has REMOTE_ONLY), not onto the older checkout.
      expect(committed).toContain(REMOTE_ONLY);
      expect(committed).toContain(NEW_TEST);
      expect(committed).not.toContain(GONE_TEST);
      expect(cliRefresh(s, CHECKOUT)).not.toBe(committed);

      const head = fakeGh.history('main')[0];
      expect(head?.message).toBe(DEFAULTS.commitMessage);
      expect(r.outputs).toEqual({
        [OUTPUT.changed]: 'true',
        [OUTPUT.added]: '1',
        [OUTPUT.updated]: '2',
        [OUTPUT.removed]: '1',
        [OUTPUT.commitSha]: head?.sha,
        [OUTPUT.pullRequestNumber]: '',
        [OUTPUT.pullRequestUrl]: '',
      });
      const puts = fakeGh.requestsFor('PUT', '/contents/');
      expect(puts).toHaveLength(1);
      expect(puts[0]?.body).toMatchObject({ branch: 'main', sha: fakeGh.commit(head?.parents[0] as string)?.tree.get(REPO_PATH) });
      expect(fakeGh.requestsFor('GET', '/contents/')[0]?.query).toEqual({ ref: 'main' });
      for (const req of fakeGh.requests) expect(req.auth).toBe(`token ${TOKEN}`);
      // The workspace copy now holds what was committed, for later steps.
      expect(workspaceFile(s)).toBe(committed);
      expect(r.summary).toContain('## split-plan refresh: 1 added, 2 updated, 1 removed');
      expect(r.summary).toContain(`\`${fakeGh.fullName}@main:${REPO_PATH}\` committed as \`${head?.sha}\`.`);
      expect(r.stdout).toContain('split-plan refresh: 1 added, 2 updated, 1 removed');
    },
  );

  it('when nothing moved beyond the threshold: no commit, changed false', async () => {
    const fakeGh = await fake({ [REPO_PATH]: CHECKOUT });
    const s = setup(AS_STORED);
    // The first run learns the shards' start-up overhead from the suite times: that is a change.
    const first = await refresh(s, fakeGh);
    expect(first.outputs[OUTPUT.changed]).toBe('true');
    expect(first.outputs[OUTPUT.updated]).toBe('0');
    const afterFirst = fakeGh.branchSha('main');
    const putsBefore = fakeGh.requestsFor('PUT').length;

    const second = await refresh(s, fakeGh);
    expect(second.failure).toBeUndefined();
    expect(fakeGh.requestsFor('PUT')).toHaveLength(putsBefore);
    expect(fakeGh.branchSha('main')).toBe(afterFirst);
    expect(second.outputs).toMatchObject({
      [OUTPUT.changed]: 'false',
      [OUTPUT.added]: '0',
      [OUTPUT.updated]: '0',
      [OUTPUT.removed]: '0',
      [OUTPUT.commitSha]: '',
    });
    expect(second.summary).toContain('left unchanged: nothing moved beyond the threshold, so nothing was committed.');
  });

  it('when the file changes between read and write (409): re-reads, re-merges onto their version, commits', async () => {
    const fakeGh = await fake();
    const s = setup();
    let theirs = '';
    fakeGh.beforeNext('PUT', '/contents/', () => {
      theirs = fakeGh.setFile('main', REPO_PATH, THEIRS, 'a concurrent refresh').commitSha;
    });
    const r = await refresh(s, fakeGh);
    expect(r.failure).toBeUndefined();
    expect(fakeGh.requestsFor('PUT', '/contents/').map((p) => p.status)).toEqual([409, 200]);
    const committed = fakeGh.getFile('main', REPO_PATH) as string;
    expect(committed).toBe(cliRefresh(s, THEIRS));
    expect(committed).toContain(CONCURRENT);
    expect(fakeGh.history('main')[0]?.parents).toEqual([theirs]);
    expect(r.outputs[OUTPUT.commitSha]).toBe(fakeGh.branchSha('main'));
  });

  it('with pull-request: proposes the file from split-plan/refresh-durations/main, then updates the same PR', async () => {
    const fakeGh = await fake();
    const s = setup();
    const first = await refresh(s, fakeGh, { inputs: { [INPUT.pullRequest]: 'true' } });
    expect(first.failure).toBeUndefined();
    expect(fakeGh.getFile('main', REPO_PATH)).toBe(REMOTE);
    expect(fakeGh.getFile(PR_BRANCH, REPO_PATH)).toBe(cliRefresh(s, REMOTE));
    expect(fakeGh.pulls).toEqual([expect.objectContaining({ number: 1, state: 'open', head: PR_BRANCH, base: 'main', title: 'Refresh test durations' })]);
    expect(fakeGh.pulls[0]?.body).toContain('https://github.com/octo-org/octo-repo/actions/runs/4242');
    expect(first.outputs).toMatchObject({
      [OUTPUT.changed]: 'true',
      [OUTPUT.pullRequestNumber]: '1',
      [OUTPUT.pullRequestUrl]: `https://github.com/${fakeGh.fullName}/pull/1`,
      [OUTPUT.commitSha]: fakeGh.branchSha(PR_BRANCH),
    });
    expect(first.summary).toContain(`proposed in https://github.com/${fakeGh.fullName}/pull/1`);

    // The next run merges onto the open PR's version (the earlier refresh), not the base's.
    const onPr = fakeGh.getFile(PR_BRANCH, REPO_PATH) as string;
    const second = await refresh(s, fakeGh, { inputs: { [INPUT.pullRequest]: 'true' } });
    expect(second.failure).toBeUndefined();
    expect(fakeGh.pulls).toHaveLength(1);
    expect(fakeGh.requestsFor('PATCH', '/pulls/1')).toHaveLength(1);
    expect(fakeGh.getFile(PR_BRANCH, REPO_PATH)).toBe(cliRefresh(s, onPr));
    expect(second.outputs[OUTPUT.pullRequestNumber]).toBe('1');
  });

  it.each<[string, EventOptions, string]>([
    [
      'a pull_request from a fork',
      {
        name: 'pull_request',
        payload: { number: 7, pull_request: { head: { repo: { full_name: 'mallory/octo-repo' } }, base: { repo: { full_name: 'octo-org/octo-repo' } } } },
      },
      'refresh refused on pull_request from fork mallory/octo-repo: a fork must not be able to change the timings of octo-org/octo-repo; run refresh from a push, schedule or workflow_dispatch workflow',
    ],
    [
      'a pull_request from a branch of the same repository',
      { name: 'pull_request', payload: { number: 8, pull_request: { head: { repo: { full_name: 'octo-org/octo-repo' } } } } },
      'refresh refused on pull_request: pull request code must not change the committed timings; run refresh from a push, schedule or workflow_dispatch workflow',
    ],
  ])('refuses %s before reading anything, naming why', async (_name, event, expected) => {
    const fakeGh = await fake();
    const s = setup();
    const r = await refresh(s, fakeGh, { event });
    expect(r.status).toBe(1);
    expect(r.failure).toBe(r.failure?.split('\n')[0]);
    expect(r.failure).toContain(expected);
    expect(fakeGh.requests).toHaveLength(0);
    expect(r.outputs).toEqual({});
    expect(workspaceFile(s)).toBe(CHECKOUT);
  });

  it.each<[string, Partial<FakeGitHub['permissions']>, Record<string, string>, string]>([
    [
      'contents: write',
      { contents: 'read' },
      {},
      'GitHub API: updating examples/.test_durations on main failed: 403 Resource not accessible by integration (the workflow needs permissions: contents: write)',
    ],
    [
      'pull-requests: write (PR form)',
      { pullRequests: 'read' },
      { [INPUT.pullRequest]: 'true' },
      `GitHub API: creating a pull request from ${PR_BRANCH} into main failed: 403 Resource not accessible by integration (the workflow needs permissions: pull-requests: write)`,
    ],
  ])('names the missing permission %s (403), with no outputs and the workspace untouched', async (_name, permissions, inputs, expected) => {
    const fakeGh = await fake();
    Object.assign(fakeGh.permissions, permissions);
    const s = setup();
    const r = await refresh(s, fakeGh, { inputs });
    expect(r.status).toBe(1);
    expect(r.failure).toBe(expected);
    expect(r.outputs).toEqual({});
    expect(workspaceFile(s)).toBe(CHECKOUT);
    expect(fakeGh.getFile('main', REPO_PATH)).toBe(REMOTE);
  });

  it('with commit: false, refreshes the workspace file like the CLI and calls no API (no token needed)', async () => {
    const fakeGh = await fake();
    const s = setup();
    const expected = cliRefresh(s, CHECKOUT);
    const r = await refresh(s, fakeGh, { inputs: { [INPUT.commit]: 'false', [INPUT.githubToken]: '' } });
    expect(r.failure).toBeUndefined();
    expect(fakeGh.requests).toHaveLength(0);
    expect(workspaceFile(s)).toBe(expected);
    expect(r.outputs).toMatchObject({ [OUTPUT.changed]: 'true', [OUTPUT.added]: '1', [OUTPUT.commitSha]: '' });
  });
});

// ---------------------------------------------------------------------------------------------
// In process: a typed fake core

function envOf(s: Setup): ActionEnv {
  return { workspace: s.ws, hasSummary: true };
}

const pushRun = (fakeGh: FakeGitHub, extra: Partial<RunInfo> = {}): RunInfo => ({
  eventName: 'push',
  payload: {},
  repository: fakeGh.fullName,
  ref: 'refs/heads/main',
  apiUrl: fakeGh.baseUrl,
  ...extra,
});

async function runInProcess(inputs: Record<string, string>, env: ActionEnv, info: () => RunInfo): Promise<FakeCore> {
  const core = new FakeCore(inputs);
  const handler = refreshMode({ runInfo: info, octokit: (token, baseUrl) => getOctokit(token, { baseUrl }), retryDelayMs: 0 });
  await run(core, env, { ...MODE_HANDLERS, refresh: handler });
  return core;
}

describe('mode refresh inputs (typed fake core): one message naming the input, nothing written', () => {
  const noRun = (): RunInfo => {
    throw new Error('the run was consulted before the inputs were validated');
  };
  it.each<[string, Record<string, string>, string]>([
    ['no junit', { junit: '' }, 'junit is required in mode refresh: the JUnit reports of every shard, one path or glob pattern per line'],
    ['two durations files', { durations: 'a.json\nb.json' }, 'durations takes one file in mode refresh (the file to refresh), got 2: a.json, b.json'],
    ['complete-run: yes', { 'complete-run': 'yes' }, 'complete-run must be true or false, got "yes"'],
    ['complete-run with collected', { 'complete-run': 'true' }, 'use collected or complete-run, not both: the collected list already says which tests exist'],
    ['smoothing: median', { smoothing: 'median' }, 'smoothing must be one of pace, ema, replace, got "median"'],
    ['alpha: 0', { alpha: '0' }, 'alpha must be a number above 0 and at most 1, got "0"'],
    ['alpha: 1.5', { alpha: '1.5' }, 'alpha must be a number above 0 and at most 1, got "1.5"'],
    ['alpha: x', { alpha: 'x' }, 'alpha must be a number above 0 and at most 1, got "x"'],
    ['min-change: -1', { 'min-change': '-1' }, 'min-change must be a non-negative number of seconds, got "-1"'],
    ['min-change-ratio: lots', { 'min-change-ratio': 'lots' }, 'min-change-ratio must be a non-negative number (0.2 means 20%), got "lots"'],
    ['commit: maybe', { commit: 'maybe' }, 'commit must be true or false, got "maybe"'],
    ['pull-request: 1', { 'pull-request': '1' }, 'pull-request must be true or false, got "1"'],
    [
      'pull-request without commit',
      { 'pull-request': 'true', commit: 'false' },
      'pull-request: true needs commit: true (the pull request is opened through the GitHub API)',
    ],
    [
      'an empty github-token',
      { 'github-token': '' },
      "github-token is empty: mode refresh commits through the GitHub API (the default is the job's token, with permissions contents: write); or set commit: false to only write the file",
    ],
  ])('%s', async (_name, override, expected) => {
    const s = setup();
    const core = await runInProcess({ ...s.inputs, ...override }, envOf(s), noRun);
    expect(core.failures).toEqual([expected]);
    expect(core.outputs).toEqual({});
    expect(workspaceFile(s)).toBe(CHECKOUT);
  });

  it('ignores refresh inputs in other modes (a stray alpha cannot fail a plan)', async () => {
    const s = setup();
    const core = new FakeCore({ splits: '2', alpha: 'x', commit: 'maybe', 'working-directory': 'examples' });
    await run(core, { ...envOf(s), runnerTemp: s.reports });
    expect(core.failures).toEqual([]);
  });

  it('action.yml declares the same refresh defaults as the CLI', () => {
    const meta = parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
    const d = (name: string): string | undefined => meta.inputs[name]?.default;
    expect([d(INPUT.smoothing), d(INPUT.alpha), d(INPUT.minChange), d(INPUT.minChangeRatio)]).toEqual([
      DEFAULT_SMOOTHING,
      String(DEFAULT_ALPHA),
      String(DEFAULT_MIN_CHANGE_SECONDS),
      String(DEFAULT_MIN_CHANGE_RATIO),
    ]);
    expect([d(INPUT.completeRun), d(INPUT.commit), d(INPUT.pullRequest), d(INPUT.commitMessage)]).toEqual([
      DEFAULTS.completeRun,
      DEFAULTS.commit,
      DEFAULTS.pullRequest,
      DEFAULTS.commitMessage,
    ]);
  });
});

describe('mode refresh: where it commits (typed fake core, fake API)', () => {
  it.each<[string, string | undefined]>([
    ['refs/heads/main', 'main'],
    ['refs/heads/release/1.x', 'release/1.x'],
    ['refs/tags/v1.0', undefined],
    ['refs/pull/3/merge', undefined],
    ['refs/heads/', undefined],
    ['', undefined],
  ])('branchOfRef(%j) is %j', (ref, branch) => {
    expect(branchOfRef(ref)).toBe(branch);
  });

  it.each<[string, string, object, string]>([
    [
      'pull_request_target from a fork',
      'pull_request_target',
      { pull_request: { head: { repo: { full_name: 'mallory/octo-repo' } } } },
      'refresh refused on pull_request_target from fork mallory/octo-repo',
    ],
    ['pull_request from a deleted fork', 'pull_request', { pull_request: { head: { repo: null } } }, 'refresh refused on pull_request from a deleted fork'],
    ['release', 'release', {}, 'refresh refused on release: only push, schedule and workflow_dispatch may change the timings'],
    ['an empty event name', '', {}, 'refresh refused: the event name is empty (GITHUB_EVENT_NAME not set?)'],
  ])('refuses %s, calls no API', async (_name, eventName, payload, expected) => {
    const fakeGh = await fake();
    const s = setup();
    const core = await runInProcess(s.inputs, envOf(s), () => pushRun(fakeGh, { eventName, payload }));
    expect(core.failures).toHaveLength(1);
    expect(core.failures[0]).toContain(expected);
    expect(fakeGh.requests).toHaveLength(0);
    expect(workspaceFile(s)).toBe(CHECKOUT);
  });

  it.each(['schedule', 'workflow_dispatch'])('commits on %s', async (eventName) => {
    const fakeGh = await fake();
    const s = setup();
    const core = await runInProcess(s.inputs, envOf(s), () => pushRun(fakeGh, { eventName }));
    expect(core.failures).toEqual([]);
    expect(fakeGh.requestsFor('PUT', '/contents/')).toHaveLength(1);
    expect(core.outputs[OUTPUT.commitSha]).toBe(fakeGh.branchSha('main'));
  });

  it('on a tag without branch: fails naming the branch input, calls no API', async () => {
    const fakeGh = await fake();
    const s = setup();
    const core = await runInProcess(s.inputs, envOf(s), () => pushRun(fakeGh, { ref: 'refs/tags/v1.0' }));
    expect(core.failures).toEqual(['branch is required: the run is on "refs/tags/v1.0", not a branch, so there is no branch to commit the durations to']);
    expect(fakeGh.requests).toHaveLength(0);
  });

  it('commits to the branch input instead of the run ref', async () => {
    const fakeGh = await fake();
    fakeGh.createBranch('timings');
    const s = setup();
    const core = await runInProcess({ ...s.inputs, branch: 'timings', 'commit-message': 'chore: timings' }, envOf(s), () =>
      pushRun(fakeGh, { ref: 'refs/tags/v1.0' }),
    );
    expect(core.failures).toEqual([]);
    expect(fakeGh.getFile('timings', REPO_PATH)).toBe(cliRefresh(s, REMOTE));
    expect(fakeGh.getFile('main', REPO_PATH)).toBe(REMOTE);
    expect(fakeGh.history('timings')[0]?.message).toBe('chore: timings');
  });

  it('creates the file when the branch has none yet', async () => {
    const fakeGh = await fake({});
    const s = setup();
    const core = await runInProcess(s.inputs, envOf(s), () => pushRun(fakeGh));
    expect(core.failures).toEqual([]);
    expect(fakeGh.getFile('main', REPO_PATH)).toBe(cliRefresh(s, ''));
    expect(fakeGh.requestsFor('PUT')[0]?.body.sha).toBeUndefined();
  });

  it('refuses a durations path outside the workspace before any API call', async () => {
    const fakeGh = await fake();
    const s = setup();
    const core = await runInProcess({ ...s.inputs, durations: '../../elsewhere.json' }, envOf(s), () => pushRun(fakeGh));
    expect(core.failures[0]).toMatch(/^durations: "\.\.\/\.\.\/elsewhere\.json" resolves to .*, which is not a file inside the workspace/);
    expect(fakeGh.requests).toHaveLength(0);
  });

  it('a corrupt durations file on the branch fails naming where it is', async () => {
    const fakeGh = await fake({ [REPO_PATH]: '{"tests/a.py::t": ' });
    const s = setup();
    const core = await runInProcess(s.inputs, envOf(s), () => pushRun(fakeGh));
    expect(core.failures).toHaveLength(1);
    expect(core.failures[0]).toMatch(/^durations: octo-org\/octo-repo@main:examples\/\.test_durations: invalid JSON/);
    expect(fakeGh.requestsFor('PUT')).toHaveLength(0);
  });

  it('without a repository (not in a GitHub Actions job) fails saying so', async () => {
    const fakeGh = await fake();
    const s = setup();
    const core = await runInProcess(s.inputs, envOf(s), () => pushRun(fakeGh, { repository: '' }));
    expect(core.failures[0]).toMatch(/^mode refresh needs the repository as owner\/repo in GITHUB_REPOSITORY, got ""/);
  });
});

describe('commitFile with a content function', () => {
  const OLD = durationsText({ 'tests/a.py::t': 1 });
  const merge =
    (seen: (string | undefined)[]) =>
    (current: string | undefined): string => {
      seen.push(current);
      const o = current === undefined ? {} : (JSON.parse(current) as Record<string, number>);
      return durationsText({ ...o, 'tests/b.py::new': 2 });
    };
  const opts = (fakeGh: FakeGitHub) => ({ owner: fakeGh.owner, repo: fakeGh.repo, branch: 'main', path: REPO_PATH, message: 'm', retryDelayMs: 0 });

  it('computes the content again from the fresh file after a stale sha', async () => {
    const fakeGh = await fake({ [REPO_PATH]: OLD });
    const octokit = getOctokit(TOKEN, { baseUrl: fakeGh.baseUrl });
    const theirs = durationsText({ 'tests/a.py::t': 1, 'tests/c.py::theirs': 3 });
    fakeGh.beforeNext('PUT', '/contents/', () => fakeGh.setFile('main', REPO_PATH, theirs));
    const seen: (string | undefined)[] = [];
    const res = await commitFile(octokit, { ...opts(fakeGh), content: merge(seen) });
    expect(res.action).toBe('updated');
    expect(seen).toEqual([OLD, theirs]);
    expect(JSON.parse(fakeGh.getFile('main', REPO_PATH) as string)).toEqual({ 'tests/a.py::t': 1, 'tests/b.py::new': 2, 'tests/c.py::theirs': 3 });
  });

  it('reads a file too large for inline content through the blobs API', async () => {
    gh = await startFakeGitHub({ token: TOKEN, files: { [REPO_PATH]: OLD }, maxInlineBytes: 8 });
    const octokit = getOctokit(TOKEN, { baseUrl: gh.baseUrl });
    const seen: (string | undefined)[] = [];
    await commitFile(octokit, { ...opts(gh), content: merge(seen) });
    expect(seen).toEqual([OLD]);
    expect(gh.requestsFor('GET', '/git/blobs/')).toHaveLength(1);
  });

  it('makes no write when the function returns the current text', async () => {
    const fakeGh = await fake({ [REPO_PATH]: OLD });
    const octokit = getOctokit(TOKEN, { baseUrl: fakeGh.baseUrl });
    expect(await commitFile(octokit, { ...opts(fakeGh), content: (c) => c ?? '' })).toEqual({ action: 'unchanged' });
    expect(fakeGh.requestsFor('PUT')).toHaveLength(0);
  });

  it('PR form: checks the base, then merges onto the head branch', async () => {
    const fakeGh = await fake({ [REPO_PATH]: OLD });
    const octokit = getOctokit(TOKEN, { baseUrl: fakeGh.baseUrl });
    const seen: (string | undefined)[] = [];
    const pr = { branch: PR_BRANCH, title: 't', body: 'b' };
    await commitFile(octokit, { ...opts(fakeGh), content: merge(seen), pullRequest: pr });
    const onHead = fakeGh.getFile(PR_BRANCH, REPO_PATH);
    await commitFile(octokit, { ...opts(fakeGh), content: merge(seen), pullRequest: pr });
    expect(seen).toEqual([OLD, OLD, OLD, onHead]);
  });
});
