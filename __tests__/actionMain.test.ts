/**
 * The Action's main.run with a typed fake core (no subprocess): input validation, failures that
 * name the input and write nothing, path traversal, outputs, annotations and the job summary.
 * The bundled Action, run as the runner runs it, is covered by actionRun.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Plan } from '../src/core/plan.js';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { planFromRequest } from '../src/app/plan.js';
import { timingAnnotations } from '../src/action/annotations.js';
import { INPUT, MAX_ANNOTATIONS, OUTPUT } from '../src/action/constants.js';
import type { ActionEnv, Annotation } from '../src/action/core.js';
import { FakeCore } from './helpers/fakeCore.js';
import { lines } from '../src/action/inputs.js';
import { escapeMarkdown, formatJobSummary } from '../src/action/jobSummary.js';
import { failureMessage, run } from '../src/action/main.js';
import { resolveWritePath } from '../src/action/paths.js';
import { InputError, UsageError } from '../src/core/errors.js';
import type { Suite, SuiteTest } from '../src/core/suite.js';
import { formatArgsFile } from '../src/formats/argsFile.js';
import { formatMatrix } from '../src/formats/matrix.js';
import { formatPlan, parsePlan } from '../src/formats/planJson.js';
import { EXAMPLE_DURATIONS, repoRoot, testTimings } from './helpers/paths.js';
import { ACTION_WORDS } from '../src/action/words.js';
import { describeWith } from '../src/render/warnings.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'split-plan-action-main-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

let counter = 0;
/** A fresh workspace holding a copy of the repository's example suite under examples/. */
function workspace(): { ws: string; env: ActionEnv } {
  const ws = join(root, `ws-${++counter}`);
  cpSync(join(repoRoot, 'examples'), join(ws, 'examples'), { recursive: true });
  cpSync(EXAMPLE_DURATIONS, join(ws, 'examples', '.test_durations'));
  const runnerTemp = join(root, `temp-${counter}`);
  mkdirSync(runnerTemp);
  return { ws, env: { workspace: ws, runnerTemp, hasSummary: true } };
}

/** Every file under `dir` with its size and mtime, to prove a failed run wrote nothing. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = statSync(p);
        out.push(`${relative(dir, p)} ${st.size} ${st.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}

const EXAMPLES = { [INPUT.workingDirectory]: 'examples' };

async function runWith(inputs: Record<string, string>, env: ActionEnv): Promise<FakeCore> {
  const core = new FakeCore(inputs);
  await run(core, env);
  return core;
}

describe('main.run failures: one message naming the input, nothing written, no outputs', () => {
  const notAPlan = 'not-a-plan.json';
  it.each<[string, Record<string, string>, string]>([
    ['splits: abc', { splits: 'abc' }, 'splits must be an integer from 1 to 256, got "abc"'],
    ['splits: 0', { splits: '0' }, 'splits must be an integer from 1 to 256, got "0"'],
    ['splits: 257', { splits: '257' }, 'splits must be an integer from 1 to 256, got "257"'],
    ['splits: 2.5', { splits: '2.5' }, 'splits must be an integer from 1 to 256, got "2.5"'],
    ['splits missing in plan', {}, 'splits is required in mode plan: the number of shards, 1 to 256'],
    ['mode: bogus', { mode: 'bogus', splits: '2' }, 'mode must be one of plan, shard, refresh, verify, got "bogus"'],
    ['mode: refresh without junit', { mode: 'refresh', splits: '2' }, 'junit is required in mode refresh'],
    ['mode: verify without plan-file', { mode: 'verify' }, 'plan-file is required in mode verify'],
    ['granularity: line', { splits: '2', granularity: 'line' }, 'granularity must be one of auto, file, class, test, got "line"'],
    ['algorithm: random', { splits: '2', algorithm: 'random' }, 'algorithm must be one of balanced, lpt, chunks, got "random"'],
    ['workers: 0', { splits: '2', workers: '0' }, 'workers must be an integer from 1 to 1024, got "0"'],
    ['discover: yes', { splits: '2', discover: 'yes' }, 'discover must be true or false, got "yes"'],
    ['fixed-overhead: -1', { splits: '2', 'fixed-overhead': '-1' }, 'fixed-overhead must be a non-negative number of seconds, got "-1"'],
    ['per-file-overhead: x', { splits: '2', 'per-file-overhead': 'x' }, 'per-file-overhead must be a non-negative number of seconds, got "x"'],
    ['worker-startup: -2', { splits: '2', workers: '2', 'worker-startup': '-2' }, 'worker-startup must be a non-negative number of seconds, got "-2"'],
    ['durations: missing file', { splits: '2', durations: 'missing.json' }, 'durations: {ws}/examples/missing.json does not exist'],
    ['junit: missing file', { splits: '2', junit: 'reports/missing.xml' }, 'junit: {ws}/examples/reports/missing.xml does not exist'],
    ['collected: -', { splits: '2', collected: '-' }, "collected: '-' (standard input) is not available in the Action"],
    ['collected: missing file', { splits: '2', collected: 'collected.txt' }, 'collected: {ws}/examples/collected.txt does not exist'],
    ['working-directory: missing', { splits: '2', 'working-directory': 'nope' }, 'working-directory: {ws}/nope does not exist'],
    ['rootdir: missing', { splits: '2', rootdir: 'nope' }, 'rootdir: {ws}/examples/nope'],
    // A parser's message quoting a multi-line input stays one line.
    ['durations: not JSON', { splits: '2', durations: 'pytest.ini' }, '{ws}/examples/pytest.ini: invalid JSON'],
    ['target-seconds without auto', { splits: '2', 'target-seconds': '60' }, 'target-seconds only applies with splits: auto'],
    [
      'working-directory: a file',
      { splits: '2', 'working-directory': 'examples/pytest.ini' },
      'working-directory: {ws}/examples/pytest.ini is not a directory',
    ],
    ['plan-file: ../ traversal', { splits: '2', 'plan-file': '../../outside.json' }, 'plan-file: "../../outside.json" resolves to'],
    ['plan-file: absolute outside', { splits: '2', 'plan-file': '/tmp/split-plan-outside.json' }, 'which is not a file inside the workspace {ws}'],
    ['plan-file: the workspace itself', { splits: '2', 'plan-file': '..' }, 'plan-file: ".." resolves to {ws}, which is not a file inside the workspace'],
    ['plan-file: a directory', { splits: '2', 'plan-file': 'tests' }, 'plan-file: cannot write {ws}/examples/tests'],
    ['shard: group missing', { mode: 'shard', splits: '2' }, 'group is required in mode shard'],
    ['shard: group x', { mode: 'shard', splits: '2', group: 'x' }, 'group must be an integer from 1 to 256, got "x"'],
    ['shard: group 9 of 4', { mode: 'shard', splits: '4', group: '9' }, "group must be an integer from 1 to 4 (the plan's splits), got 9"],
    ['shard: splits missing, no plan-file', { mode: 'shard', group: '1' }, 'splits is required in mode shard without plan-file'],
    ['shard: plan-file missing', { mode: 'shard', group: '1', 'plan-file': 'split-plan.json' }, 'plan-file: {ws}/examples/split-plan.json does not exist'],
    [
      'shard: plan-file not a plan',
      { mode: 'shard', group: '1', 'plan-file': notAPlan },
      `plan-file: {ws}/examples/${notAPlan}: not a split-plan plan (version 1)`,
    ],
  ])('%s', async (_name, inputs, expected) => {
    const { ws, env } = workspace();
    writeFileSync(join(ws, 'examples', notAPlan), '{"version": 1}\n');
    const before = snapshot(ws);
    const beforeTemp = snapshot(env.runnerTemp as string);
    const core = await runWith({ ...EXAMPLES, ...inputs }, env);
    expect(core.failures).toHaveLength(1);
    const message = core.failures[0] as string;
    expect(message).toContain(expected.replaceAll('{ws}', ws));
    expect(message).not.toMatch(/\n/);
    expect(message).not.toMatch(/internal error/);
    // The Action speaks of its inputs, never of the CLI's flags.
    for (const name of [...Object.values(INPUT), 'plan']) expect(message).not.toContain(`--${name}`);
    expect(core.outputs).toEqual({});
    expect(core.summaries).toEqual([]);
    expect(snapshot(ws)).toEqual(before);
    expect(snapshot(env.runnerTemp as string)).toEqual(beforeTemp);
  });

  it('refuses a plan-file that leaves the workspace through a symbolic link', async () => {
    const { ws, env } = workspace();
    const outside = mkdtempSync(join(root, 'outside-'));
    symlinkSync(outside, join(ws, 'examples', 'link'));
    const core = await runWith({ ...EXAMPLES, splits: '2', 'plan-file': 'link/plan.json' }, env);
    expect(core.failures).toEqual([`plan-file: "link/plan.json" leads outside the workspace ${ws} through a symbolic link`]);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('with plan-file, refuses a splits input that disagrees with the plan', async () => {
    const { ws, env } = workspace();
    const planned = await runWith({ ...EXAMPLES, splits: '3' }, env);
    expect(planned.failures).toEqual([]);
    const core = await runWith({ ...EXAMPLES, mode: 'shard', group: '1', splits: '4', 'plan-file': 'split-plan.json' }, env);
    expect(core.failures).toEqual([
      `splits is 4 but plan-file ${join(ws, 'examples', 'split-plan.json')} has 3 shards; leave splits empty or give the matching plan`,
    ]);
  });

  it('a group the plan left empty fails instead of writing an empty args file (pytest would run everything)', async () => {
    const { ws, env } = workspace();
    // 19 tests cannot fill 40 shards: groups 20..40 are empty.
    const core = await runWith({ ...EXAMPLES, mode: 'shard', splits: '40', group: '30' }, env);
    expect(core.failures).toEqual(['group 30 has no tests to run']);
    expect(readdirSync(env.runnerTemp as string)).toEqual([]);
    expect(readdirSync(join(ws, 'examples')).filter((f) => f.endsWith('.args'))).toEqual([]);
  });

  it('reports a bug (not a user error) as an internal error', async () => {
    const core = new FakeCore({});
    core.getInput = () => {
      throw new TypeError('boom');
    };
    await run(core, { workspace: root, hasSummary: false });
    expect(core.failures).toEqual(['split-plan internal error (please report it): boom']);
  });
});

describe('failureMessage', () => {
  const make = {
    InputError: (m: string) => new InputError(m),
    UsageError: (m: string) => new UsageError(m),
    Error: (m: string) => new Error(m),
    string: (m: string) => m,
  };
  it.each<[keyof typeof make, string, string]>([
    // Shared code names inputs in the Action's words (src/action/words.ts): nothing is rewritten here.
    ['InputError', 'durations: /w/x does not exist', 'durations: /w/x does not exist'],
    ['InputError', 'junit: no files match "r/*.xml"', 'junit: no files match "r/*.xml"'],
    ['InputError', 'rootdir: /w/src is not a directory', 'rootdir: /w/src is not a directory'],
    ['UsageError', '--pytest-args needs --group K', '--pytest-args needs --group K'],
    ['InputError', 'nothing to plan: no timings', 'nothing to plan: no timings'],
    ['InputError', 'group 3 has no tests to run, unlike --collected', 'group 3 has no tests to run, unlike --collected'],
    ['Error', 'x is undefined', 'split-plan internal error (please report it): x is undefined'],
    ['string', 'thrown string', 'split-plan internal error (please report it): thrown string'],
  ])('%s %j', (kind, message, expected) => {
    expect(failureMessage(make[kind](message))).toBe(expected);
  });
});

describe('main.run plan mode', () => {
  it('writes the same plan as planFromRequest and sets the outputs', async () => {
    const { ws, env } = workspace();
    const core = await runWith({ ...EXAMPLES, splits: '3', durations: '.test_durations\n\n' }, env);
    expect(core.failures).toEqual([]);
    const cwd = join(ws, 'examples');
    const expected = (
      await planFromRequest({
        cwd,
        words: ACTION_WORDS,
        rootdir: '.',
        durations: ['.test_durations'],
        junit: [],
        splits: 3,
        granularity: 'auto',
        algorithm: 'balanced',
        workers: 1,
        discover: true,
      })
    ).plan;
    const planPath = join(cwd, 'split-plan.json');
    expect(core.outputs).toEqual({
      [OUTPUT.matrix]: formatMatrix(expected),
      [OUTPUT.planFile]: planPath,
      [OUTPUT.splits]: '3',
      [OUTPUT.makespanSeconds]: String(expected.makespanSeconds),
    });
    expect(readFileSync(planPath, 'utf8')).toBe(formatPlan(expected, describeWith(ACTION_WORDS)));
    expect(JSON.parse(core.outputs[OUTPUT.matrix] as string)).toEqual({
      include: [1, 2, 3].map((group) => ({ group, splits: 3 })),
    });
    expect(core.summaries).toHaveLength(1);
    expect(core.warnings).toEqual([]);
  });

  it("worker-startup prices each shard's pytest-xdist bring-up (workers above 1)", async () => {
    const makespan = async (inputs: Record<string, string>): Promise<number> => {
      const { env } = workspace();
      const core = await runWith({ ...EXAMPLES, splits: '2', ...inputs }, env);
      expect(core.failures).toEqual([]);
      return Number(core.outputs[OUTPUT.makespanSeconds]);
    };
    const quick = await makespan({ workers: '2', 'worker-startup': '0' });
    const slow = await makespan({ workers: '2', 'worker-startup': '30' });
    expect(slow - quick).toBeCloseTo(30, 1);
    // With one worker there is no xdist to bring up: the input changes nothing.
    expect(await makespan({ 'worker-startup': '30' })).toBe(await makespan({}));
  });

  it('writes plan-file where asked, inside the workspace', async () => {
    const { ws, env } = workspace();
    const core = await runWith({ ...EXAMPLES, splits: '2', 'plan-file': '../plans/nested/plan.json' }, env);
    expect(core.failures).toEqual([]);
    expect(core.outputs[OUTPUT.planFile]).toBe(join(ws, 'plans', 'nested', 'plan.json'));
    expect(parsePlan(readFileSync(join(ws, 'plans', 'nested', 'plan.json'), 'utf8'), 'plan').splits).toBe(2);
  });

  it('without GITHUB_STEP_SUMMARY it still plans, and writes no summary', async () => {
    const { env } = workspace();
    const core = await runWith({ ...EXAMPLES, splits: '2' }, { ...env, hasSummary: false });
    expect(core.failures).toEqual([]);
    expect(core.summaries).toEqual([]);
  });

  it('a summary that cannot be written is a warning, not a failure', async () => {
    const { env } = workspace();
    const core = new FakeCore({ ...EXAMPLES, splits: '2' });
    core.appendSummary = () => Promise.reject(new Error('EACCES'));
    await run(core, env);
    expect(core.failures).toEqual([]);
    expect(core.outputs[OUTPUT.splits]).toBe('2');
    expect(core.warnings.map((w) => w.message)).toEqual(['the job summary could not be written: EACCES']);
  });

  it('annotates estimated tests and stale entries, at most 10 and then one "and N more"', async () => {
    const { ws, env } = workspace();
    const dir = join(ws, 'examples');
    const collectedIds = Object.keys(testTimings(readFileSync(join(dir, '.test_durations'), 'utf8')));
    // 12 new tests nothing has timed, and 3 timed tests that are no longer collected.
    const added = Array.from({ length: 12 }, (_, i) => `tests/models/test_pricing.py::test_new_${String(i).padStart(2, '0')}`);
    const gone = collectedIds.slice(0, 3);
    writeFileSync(join(dir, 'collected.txt'), [...collectedIds.slice(3), ...added].join('\n') + '\n\n19 tests collected in 0.1s\n');
    const core = await runWith({ ...EXAMPLES, splits: '2', collected: 'collected.txt' }, env);
    expect(core.failures).toEqual([]);
    expect(core.warnings).toHaveLength(MAX_ANNOTATIONS + 1);
    const estimated = core.warnings.filter((w) => w.annotation?.title === 'split-plan: estimated test');
    const stale = core.warnings.filter((w) => w.annotation?.title === 'split-plan: stale timing entry');
    expect(estimated).toHaveLength(7);
    expect(stale).toHaveLength(3);
    expect(estimated[0]?.message).toMatch(new RegExp(`^${added[0]} has no timing; planned as \\d+\\.\\d\\d s, estimated from its neighbours$`));
    expect(estimated[0]?.annotation).toEqual({ title: 'split-plan: estimated test', file: 'examples/tests/models/test_pricing.py' });
    expect(stale.map((w) => w.message)).toEqual(gone.sort().map((id) => `timing entry ${id} is stale: the test was not collected, so the entry was ignored`));
    expect(core.warnings.at(-1)?.message).toMatch(/^and 5 more \(5 estimated, 0 stale\)/);
    const summary = core.summaries[0] as string;
    expect(summary).toContain('12 test\\(s\\) have no timing');
  });
});

describe('main.run shard mode', () => {
  it('from plan-file and recomputed: the same args file, outputs from the plan', async () => {
    const { ws, env } = workspace();
    const planned = await runWith({ ...EXAMPLES, splits: '3' }, env);
    expect(planned.failures).toEqual([]);
    const plan = parsePlan(readFileSync(planned.outputs[OUTPUT.planFile] as string, 'utf8'), 'plan');
    const plannedWorkspace = snapshot(ws);
    for (const shard of plan.shards) {
      const group = String(shard.group);
      const fromFile = await runWith({ ...EXAMPLES, mode: 'shard', group, 'plan-file': 'split-plan.json' }, env);
      expect(fromFile.failures).toEqual([]);
      const argsPath = join(env.runnerTemp as string, `split-plan-group-${group}.args`);
      expect(fromFile.outputs).toEqual({
        [OUTPUT.argsFile]: argsPath,
        [OUTPUT.tests]: String(shard.tests.length),
        [OUTPUT.predictedSeconds]: String(shard.predictedSeconds),
      });
      const viaFile = readFileSync(argsPath, 'utf8');
      expect(viaFile).toBe(formatArgsFile(shard.selectors, 'x'));
      rmSync(argsPath);
      const recomputed = await runWith({ ...EXAMPLES, mode: 'shard', group, splits: '3' }, env);
      expect(recomputed.outputs).toEqual(fromFile.outputs);
      expect(readFileSync(argsPath, 'utf8')).toBe(viaFile);
    }
    // With RUNNER_TEMP the args files go there: the shard runs left the workspace as planned.
    expect(snapshot(ws)).toEqual(plannedWorkspace);
  });

  it('without RUNNER_TEMP writes the args file in working-directory', async () => {
    const { ws, env } = workspace();
    const core = await runWith({ ...EXAMPLES, mode: 'shard', splits: '2', group: '2' }, { workspace: env.workspace, hasSummary: false });
    expect(core.failures).toEqual([]);
    expect(core.outputs[OUTPUT.argsFile]).toBe(join(ws, 'examples', 'split-plan-group-2.args'));
  });
});

describe('timingAnnotations', () => {
  const test = (id: string, estimated: boolean): SuiteTest => ({ id, file: id.split('::')[0] as string, seconds: 1.5, estimated });
  const suiteWith = (estimated: number, stale: number, unknownFiles = 0): Suite => ({
    tests: [...Array.from({ length: estimated }, (_, i) => test(`tests/test_a.py::test_e${i}`, true)), test('tests/test_a.py::test_timed', false)],
    unknownFiles: Array.from({ length: unknownFiles }, (_, i) => ({ file: `tests/test_new${i}.py`, seconds: 3 })),
    stale: Array.from({ length: stale }, (_, i) => `tests/test_gone.py::test_s${i}`),
    exact: true,
  });
  const count = (xs: { annotation: Annotation }[], title: string): number => xs.filter((x) => x.annotation.title === title).length;

  it.each([
    // estimated, stale, unknown files -> estimated shown, stale shown, "and N more" text (or null)
    [0, 0, 0, 0, 0, null],
    [3, 2, 0, 3, 2, null],
    [10, 0, 0, 10, 0, null],
    [11, 0, 0, 10, 0, 'and 1 more (1 estimated, 0 stale)'],
    [0, 11, 0, 0, 10, 'and 1 more (0 estimated, 1 stale)'],
    [20, 20, 0, 5, 5, 'and 30 more (15 estimated, 15 stale)'],
    [20, 1, 0, 9, 1, 'and 11 more (11 estimated, 0 stale)'],
    [2, 20, 0, 2, 8, 'and 12 more (0 estimated, 12 stale)'],
    [0, 0, 4, 4, 0, null],
    [8, 5, 4, 5, 5, 'and 7 more (7 estimated, 0 stale)'],
  ])('%i estimated, %i stale, %i untimed files', (est, stale, files, shownEst, shownStale, more) => {
    const out = timingAnnotations(suiteWith(est, stale, files), (f) => `ws/${f}`);
    expect(count(out, 'split-plan: estimated test') + count(out, 'split-plan: untimed test file')).toBe(shownEst);
    expect(count(out, 'split-plan: stale timing entry')).toBe(shownStale);
    expect(out.length).toBeLessThanOrEqual(MAX_ANNOTATIONS + 1);
    const last = out.at(-1);
    if (more === null) expect(out.some((a) => a.message.startsWith('and '))).toBe(false);
    else expect(last?.message.startsWith(more)).toBe(true);
  });

  it('points estimated tests at their file when it is in the workspace, and names no file otherwise', () => {
    const out = timingAnnotations(suiteWith(1, 0, 1), (f) => (f.includes('new') ? undefined : `sub/${f}`));
    expect(out).toEqual([
      {
        message: 'tests/test_a.py::test_e0 has no timing; planned as 1.50 s, estimated from its neighbours',
        annotation: { title: 'split-plan: estimated test', file: 'sub/tests/test_a.py' },
      },
      {
        message: 'tests/test_new0.py has no timing; planned whole as 3.00 s until its tests are timed',
        annotation: { title: 'split-plan: untimed test file' },
      },
    ]);
  });
});

describe('job summary', () => {
  let plan: Plan;
  let md: string;
  beforeAll(async () => {
    plan = (
      await planFromRequest({
        cwd: join(repoRoot, 'examples'),
        words: ACTION_WORDS,
        rootdir: '.',
        durations: [EXAMPLE_DURATIONS],
        junit: [],
        splits: 4,
        granularity: 'auto',
        algorithm: 'balanced',
        workers: 1,
        discover: true,
      })
    ).plan;
    md = formatJobSummary(plan);
  });

  it('has one table row per shard with tests, predicted seconds and estimated count', () => {
    for (const s of plan.shards) {
      expect(md).toContain(`| ${s.group} | ${s.tests.length} | ${s.files} | ${s.predictedSeconds.toFixed(2)} | ${s.estimated} |`);
    }
  });

  it('charts the shard loads as a Mermaid xychart with one bar per shard and the bound as a line', () => {
    const chart = /```mermaid\n(xychart-beta\n[\s\S]*?)```/.exec(md)?.[1] ?? '';
    const bars = /\n {2}bar \[(.*)\]/.exec(chart)?.[1]?.split(', ').map(Number);
    expect(bars).toEqual(plan.shards.map((s) => Number(s.predictedSeconds.toFixed(2))));
    const line = /\n {2}line \[(.*)\]/.exec(chart)?.[1]?.split(', ').map(Number);
    expect(line).toEqual(plan.shards.map(() => Number(plan.lowerBoundSeconds.toFixed(2))));
    expect(chart).toContain(`x-axis "shard" ["1", "2", "3", "4"]`);
  });

  it('states the bound', () => {
    expect(md).toContain(`**Lower bound:** ${plan.lowerBoundSeconds.toFixed(2)} s`);
    expect(md).toContain(`**Slowest shard:** ${plan.makespanSeconds.toFixed(2)} s`);
  });

  it('lists warnings escaped, so node ids cannot inject markup', () => {
    const withWarning: Plan = { ...plan, warnings: [{ code: 'stale-entries', ids: ['tests/t.py::test_x[<img src=x>|*a*]'] }] };
    expect(formatJobSummary(withWarning)).toContain(
      '- 1 timing entry is for tests that were not collected and were ignored: tests/t.py::test\\_x\\[\\<img src=x\\>\\|\\*a\\*\\]',
    );
  });

  it("words the warnings with the Action's input names, not the CLI's flags", () => {
    const withWarning: Plan = { ...plan, warnings: [{ code: 'unmatched-together', patterns: ['tests/gone/**'] }] };
    expect(formatJobSummary(withWarning)).toContain('- together pattern\\(s\\) matched no test: "tests/gone/\\*\\*"');
    expect(formatJobSummary(withWarning)).not.toContain('--together');
  });

  it.each([
    ['plain text', 'plain text'],
    ['<b>&</b>', '\\<b\\>\\&\\</b\\>'],
    ['`code` *em* _u_ [l](x) #h |c| ~s~ !', '\\`code\\` \\*em\\* \\_u\\_ \\[l\\]\\(x\\) \\#h \\|c\\| \\~s\\~ \\!'],
    ['a\\b', 'a\\\\b'],
  ])('escapeMarkdown(%j)', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('resolveWritePath', () => {
  const ws = '/work/ws';
  it.each([
    ['plan.json', '/work/ws', '/work/ws/plan.json'],
    ['out/plan.json', '/work/ws/sub', '/work/ws/sub/out/plan.json'],
    ['../plan.json', '/work/ws/sub', '/work/ws/plan.json'],
    ['/work/ws/a/b.json', '/work/ws', '/work/ws/a/b.json'],
    ['..foo/plan.json', '/work/ws', '/work/ws/..foo/plan.json'],
  ])('accepts %s from %s', (raw, base, expected) => {
    expect(resolveWritePath(raw, base, ws, 'plan-file')).toBe(expected);
  });

  it.each([
    ['../plan.json', '/work/ws'],
    ['../../x', '/work/ws/sub'],
    ['/work/ws2/plan.json', '/work/ws'],
    ['/etc/passwd', '/work/ws'],
    ['.', '/work/ws'],
    ['sub/..', '/work/ws'],
  ])('refuses %s from %s', (raw, base) => {
    expect(() => resolveWritePath(raw, base, ws, 'plan-file')).toThrow(/^plan-file: ".*" resolves to .*, which is not a file inside the workspace \/work\/ws$/);
  });
});

describe('multi-value inputs', () => {
  it.each([
    ['', []],
    ['a.json', ['a.json']],
    ['a.json\nb.json', ['a.json', 'b.json']],
    ['  a.json  \r\n\n  reports/*.xml\n', ['a.json', 'reports/*.xml']],
    ['path with spaces.json\n', ['path with spaces.json']],
  ])('lines(%j)', (raw, expected) => {
    expect(lines(raw)).toEqual(expected);
  });
});
