/**
 * The bundled Action (dist/index.js, run `npm run build` first) run exactly as the GitHub runner
 * runs it (see helpers/runAction.ts), on Node 20 and on Node 24, in both modes. Its outputs must
 * parse and agree byte for byte with the CLI (dist/cli.js) given the same inputs; bad inputs must
 * fail the step naming the input with nothing written; a 50k-test plan's matrix stays small; and
 * the args files it writes make the real pytest select exactly the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTPUT } from '../src/action/constants.js';
import { parsePlan } from '../src/formats/planJson.js';
import {
  actionDefaults,
  inputEnvName,
  NODE_BINARIES,
  parseOutputFile,
  parseWorkflowCommands,
  REPO_ROOT,
  requireNode,
  runAction,
  runCli,
  type NodeBinary,
} from './helpers/runAction.js';
import { describeWithPytest, PYTHON } from './helpers/needs.js';
import { EXAMPLE_DURATIONS, testTimings } from './helpers/paths.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'split-plan-action-run-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

let counter = 0;
/** A workspace holding a copy of examples/ plus a second durations file and a collected list. */
function workspace(): { ws: string; dir: string } {
  const ws = join(root, `ws-${++counter}`, 'repo');
  const dir = join(ws, 'examples');
  cpSync(join(REPO_ROOT, 'examples'), dir, { recursive: true });
  cpSync(EXAMPLE_DURATIONS, join(dir, '.test_durations'));
  // A second durations file (an older measurement of two tests) and a collected list with two
  // tests nothing has timed and one timed test that is gone.
  writeFileSync(
    join(dir, 'older.test_durations'),
    JSON.stringify({ 'tests/api/test_users.py::test_list_users': 0.5, 'tests/models/test_pricing.py::test_discount_slow': 0.7 }),
  );
  const timed = Object.keys(testTimings(readFileSync(join(dir, '.test_durations'), 'utf8')));
  const collected = [...timed.filter((id) => !id.endsWith('test_arithmetic')), 'tests/api/test_users.py::test_new_one', 'tests/test_smoke.py::test_new_two'];
  writeFileSync(join(dir, 'collected.txt'), collected.join('\n') + '\n\n20 tests collected in 0.02s\n');
  return { ws, dir };
}

/** Plan inputs as the Action takes them, and the same as CLI flags. */
interface Case {
  name: string;
  inputs: Record<string, string>;
  flags: string[];
}

const CASES: Case[] = [
  { name: 'defaults, ./.test_durations found by itself', inputs: { splits: '3' }, flags: ['--splits', '3'] },
  {
    name: 'test granularity, lpt',
    inputs: { splits: '2', granularity: 'test', algorithm: 'lpt' },
    flags: ['--splits', '2', '--granularity', 'test', '--algorithm', 'lpt'],
  },
  {
    name: 'two durations files, collected list, workers, overheads',
    inputs: {
      splits: '4',
      durations: '.test_durations\nolder.test_durations\n',
      collected: 'collected.txt',
      workers: '2',
      'fixed-overhead': '0.4',
      'per-file-overhead': '0.05',
    },
    flags: [
      '--splits',
      '4',
      '--durations',
      '.test_durations',
      '--durations',
      'older.test_durations',
      '--collected',
      'collected.txt',
      '--workers',
      '2',
      '--fixed-overhead',
      '0.4',
      '--per-file-overhead',
      '0.05',
    ],
  },
  {
    name: 'splits: auto with a target, as --splits auto chooses',
    inputs: { splits: 'auto', 'target-seconds': '1.5', 'job-overhead': '0', 'max-splits': '6' },
    flags: ['--splits', 'auto', '--target-seconds', '1.5', '--job-overhead', '0', '--max-splits', '6'],
  },
  {
    name: 'splits: auto without a target',
    inputs: { splits: 'auto', 'job-overhead': '0', 'max-splits': '6' },
    flags: ['--splits', 'auto', '--job-overhead', '0', '--max-splits', '6'],
  },
];

const cli = (dir: string, args: string[]): string => {
  const r = runCli(process.execPath, dir, [...args, '--quiet']);
  if (r.status !== 0) throw new Error(`CLI ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
};

describe.each(NODE_BINARIES.map((b) => [b.label, b] as [string, NodeBinary]))('dist/index.js on %s', (_label, bin) => {
  it(`is installed (run \`npm ci --prefix tools/node24\` if not)`, () => {
    const node = requireNode(bin);
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    expect(version).toMatch(bin.label === 'node24' ? /^v24\./ : /^v20\./);
  });

  it.each(CASES.map((c) => [c.name, c] as [string, Case]))('plan then shard agree with the CLI: %s', (_name, c) => {
    const node = requireNode(bin);
    const { ws, dir } = workspace();
    const plan = runAction({ node, workspace: ws, inputs: { ...c.inputs, 'working-directory': 'examples' } });
    expect(plan.failure).toBeUndefined();
    expect(plan.status).toBe(0);

    // One CLI run writes the same three things: plan JSON, matrix (stdout) and every group's args file.
    const cliDir = join(ws, '..', 'cli-out');
    const cliMatrix = cli(dir, [...c.flags, '--json', join(cliDir, 'plan.json'), '--matrix', '-', '--args-dir', cliDir]);

    const planPath = join(dir, 'split-plan.json');
    expect(plan.outputs[OUTPUT.planFile]).toBe(planPath);
    const json = readFileSync(planPath, 'utf8');
    expect(json).toBe(readFileSync(join(cliDir, 'plan.json'), 'utf8'));
    expect(plan.outputs[OUTPUT.matrix]).toBe(cliMatrix.trimEnd());
    const parsed = parsePlan(json, planPath);
    expect(JSON.parse(plan.outputs[OUTPUT.matrix] as string)).toEqual({
      include: parsed.shards.filter((s) => s.tests.length > 0).map((s) => ({ group: s.group, splits: parsed.splits })),
    });
    expect(plan.outputs[OUTPUT.splits]).toBe(String(parsed.splits));
    expect(Number(plan.outputs[OUTPUT.makespanSeconds])).toBe(parsed.makespanSeconds);
    expect(plan.summary).toContain('```mermaid\nxychart-beta');
    expect(plan.summary).toContain(`## split-plan: ${parsed.splits} shard${parsed.splits === 1 ? '' : 's'}`);

    for (const shard of parsed.shards) {
      const group = String(shard.group);
      const r = runAction({ node, workspace: ws, inputs: { mode: 'shard', group, 'plan-file': 'split-plan.json', 'working-directory': 'examples' } });
      expect(r.failure).toBeUndefined();
      const argsPath = join(r.runnerTemp, `split-plan-group-${group}.args`);
      expect(r.outputs).toEqual({
        [OUTPUT.argsFile]: argsPath,
        [OUTPUT.tests]: String(shard.tests.length),
        [OUTPUT.predictedSeconds]: String(shard.predictedSeconds),
      });
      expect(readFileSync(argsPath, 'utf8')).toBe(readFileSync(join(cliDir, `group-${group}.args`), 'utf8'));
    }
  });

  it('shard mode without plan-file recomputes the same args file as with it', () => {
    const node = requireNode(bin);
    const { ws } = workspace();
    const inputs = { splits: '3', 'working-directory': 'examples' };
    expect(runAction({ node, workspace: ws, inputs }).status).toBe(0);
    const read = (r: ReturnType<typeof runAction>): string => readFileSync(r.outputs[OUTPUT.argsFile] as string, 'utf8');
    const fromFile = runAction({ node, workspace: ws, inputs: { mode: 'shard', group: '2', 'plan-file': 'split-plan.json', 'working-directory': 'examples' } });
    const recomputed = runAction({ node, workspace: ws, inputs: { ...inputs, mode: 'shard', group: '2' } });
    expect(recomputed.outputs).toEqual({ ...fromFile.outputs, [OUTPUT.argsFile]: expect.stringMatching(/split-plan-group-2\.args$/) });
    expect(read(recomputed)).toBe(read(fromFile));
  });

  it('splits: auto says in the log what it chose and why, as the CLI does on stderr', () => {
    const node = requireNode(bin);
    const { ws, dir } = workspace();
    const inputs = { splits: 'auto', 'target-seconds': '1.5', 'job-overhead': '0' };
    const r = runAction({ node, workspace: ws, inputs: { ...inputs, 'working-directory': 'examples' } });
    expect(r.failure).toBeUndefined();
    const line = r.stdout.split('\n').find((l) => l.startsWith('split-plan: splits: auto chose '));
    expect(line).toMatch(/^split-plan: splits: auto chose 2: /);
    const chose = /chose (\d+)/.exec(line ?? '')?.[1];
    expect(r.outputs[OUTPUT.splits]).toBe(chose);
    expect(r.summary).toContain(`splits: auto chose ${chose}: `);
    const stderr = runCli(process.execPath, dir, ['--splits', 'auto', '--target-seconds', '1.5', '--job-overhead', '0']).stderr;
    expect(stderr).toContain(`${line?.replace('splits: auto', '--splits auto')}\n`);
  });

  it("words the plan's warnings with its input names, where the CLI names its flags", () => {
    const node = requireNode(bin);
    const { ws, dir } = workspace();
    const r = runAction({ node, workspace: ws, inputs: { splits: '2', together: 'tests/gone/**', 'working-directory': 'examples' } });
    expect(r.failure).toBeUndefined();
    const words = 'pattern(s) matched no test: "tests/gone/**"';
    expect(r.stdout).toContain(`warning: together ${words}`);
    expect(r.stdout).not.toContain('--together');
    const plan = JSON.parse(readFileSync(join(dir, 'split-plan.json'), 'utf8'));
    expect(plan.warnings).toEqual([`together ${words}`]);
    const cliPlan = JSON.parse(cli(dir, ['--splits', '2', '--together', 'tests/gone/**', '--json', '-']));
    expect(cliPlan.warnings).toEqual([`--together ${words}`]);
  });

  it('annotates the tests it estimated and the stale entries', () => {
    const node = requireNode(bin);
    const { ws } = workspace();
    const r = runAction({ node, workspace: ws, inputs: { ...(CASES[2] as Case).inputs, 'working-directory': 'examples' } });
    const warnings = r.commands.filter((cmd) => cmd.command === 'warning');
    expect(warnings).toEqual([
      {
        command: 'warning',
        properties: { title: 'split-plan: estimated test', file: 'examples/tests/api/test_users.py' },
        message: expect.stringMatching(/^tests\/api\/test_users\.py::test_new_one has no timing; planned as [\d.]+ s, estimated from its neighbours$/),
      },
      {
        command: 'warning',
        properties: { title: 'split-plan: estimated test', file: 'examples/tests/test_smoke.py' },
        message: expect.stringMatching(/^tests\/test_smoke\.py::test_new_two has no timing/),
      },
      {
        command: 'warning',
        properties: { title: 'split-plan: stale timing entry' },
        message: 'timing entry tests/test_smoke.py::test_arithmetic is stale: the test was not collected, so the entry was ignored',
      },
    ]);
  });

  it.each<[string, Record<string, string>, string]>([
    ['splits: abc', { splits: 'abc' }, 'splits must be an integer from 1 to 256, got "abc"'],
    ['group: 9 with 4 splits', { mode: 'shard', splits: '4', group: '9' }, "group must be an integer from 1 to 4 (the plan's splits), got 9"],
    ['a missing plan file', { mode: 'shard', group: '1', 'plan-file': 'plans/missing.json' }, 'plan-file: {dir}/plans/missing.json does not exist'],
    ['plan-file outside the workspace', { splits: '2', 'plan-file': '../../elsewhere.json' }, 'plan-file: "../../elsewhere.json" resolves to'],
    ['mode: refresh without junit', { mode: 'refresh' }, 'junit is required in mode refresh'],
    ['splits: auto with max-splits: 0', { splits: 'auto', 'max-splits': '0' }, 'max-splits must be an integer from 1 to 256, got "0"'],
    ['target-seconds without splits: auto', { splits: '3', 'target-seconds': '60' }, 'target-seconds only applies with splits: auto'],
    ['job-overhead: -1', { splits: 'auto', 'job-overhead': '-1' }, 'job-overhead must be a non-negative number of seconds, got "-1"'],
    ['no splits in mode plan', {}, 'splits is required in mode plan: the number of shards, 1 to 256, or auto'],
  ])('fails the step on %s, naming the input, writing nothing', (_name, inputs, expected) => {
    const node = requireNode(bin);
    const { ws, dir } = workspace();
    const before = readdirSync(dir).sort();
    const r = runAction({ node, workspace: ws, inputs: { ...inputs, 'working-directory': 'examples' } });
    expect(r.status).toBe(1);
    expect(r.failure).toBe(r.failure?.split('\n')[0]);
    expect(r.failure).toContain(expected.replace('{dir}', dir));
    expect(r.outputs).toEqual({});
    expect(r.summary).toBe('');
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readdirSync(r.runnerTemp)).toEqual([]);
    expect(existsSync(join(ws, '..', 'elsewhere.json'))).toBe(false);
  });
});

describe('a 50,000-test plan', () => {
  it('keeps the matrix output under 10 KB at 256 shards, and the args file carries the rest', () => {
    const ws = join(root, 'big', 'repo');
    mkdirSync(ws, { recursive: true });
    const timings: Record<string, number> = {};
    let seed = 7;
    for (let f = 0; f < 1000; f++) {
      for (let t = 0; t < 50; t++) {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        timings[`tests/pkg${f % 20}/test_module_${f}.py::TestThing::test_case_${t}[param-${t}]`] = Math.round((seed / 2 ** 32) ** 3 * 5000) / 1000;
      }
    }
    expect(Object.keys(timings)).toHaveLength(50_000);
    writeFileSync(join(ws, '.test_durations'), JSON.stringify(timings));
    const node = process.execPath;
    const plan = runAction({ node, workspace: ws, inputs: { splits: '256' } });
    expect(plan.failure).toBeUndefined();
    const matrix = plan.outputs[OUTPUT.matrix] as string;
    expect(Buffer.byteLength(matrix)).toBeLessThan(10 * 1024);
    expect((JSON.parse(matrix) as { include: unknown[] }).include).toHaveLength(256);

    const shard = runAction({ node, workspace: ws, inputs: { mode: 'shard', group: '17', 'plan-file': 'split-plan.json' } });
    expect(shard.failure).toBeUndefined();
    const args = readFileSync(shard.outputs[OUTPUT.argsFile] as string, 'utf8');
    expect(args.split('\n').filter(Boolean).length).toBeGreaterThan(0);
    expect(Number(shard.outputs[OUTPUT.tests])).toBeGreaterThan(100);
  }, 120_000);
});

/** Real pytest, as the workflow's test job runs it: `pytest @ARGS_FILE`. */
describeWithPytest('pytest @args-file (the workflow test job)', () => {
  const PYTEST_ENV: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
  const collect = (dir: string, args: string[]): string[] =>
    execFileSync(PYTHON, ['-m', 'pytest', '--collect-only', '-q', ...args], { cwd: dir, env: PYTEST_ENV, encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes('::'));

  it('the groups select every collected test exactly once (Action on node24)', () => {
    const node = requireNode(NODE_BINARIES[1] as NodeBinary);
    const { ws, dir } = workspace();
    expect(runAction({ node, workspace: ws, inputs: { splits: '3', 'working-directory': 'examples' } }).status).toBe(0);
    const seen: string[] = [];
    for (const group of ['1', '2', '3']) {
      const r = runAction({ node, workspace: ws, inputs: { mode: 'shard', group, 'plan-file': 'split-plan.json', 'working-directory': 'examples' } });
      seen.push(...collect(dir, [`@${r.outputs[OUTPUT.argsFile] as string}`]));
    }
    const all = collect(dir, []);
    expect(all).toHaveLength(19);
    expect(seen.sort()).toEqual(all.sort());
  }, 60_000);
});

describe('runAction helper', () => {
  it.each([
    ['splits', 'INPUT_SPLITS'],
    ['plan-file', 'INPUT_PLAN-FILE'],
    ['working-directory', 'INPUT_WORKING-DIRECTORY'],
    ['my input', 'INPUT_MY_INPUT'],
  ])('names input %j %s', (name, env) => {
    expect(inputEnvName(name)).toBe(env);
  });

  it.each<[string, Record<string, string>]>([
    ['', {}],
    ['a=1\n', { a: '1' }],
    ['a=x=y\n', { a: 'x=y' }],
    ['m<<ghadelimiter_1\n{"include":[]}\nghadelimiter_1\n', { m: '{"include":[]}' }],
    ['m<<EOF\nline 1\nline 2\nEOF\nn=2\nm<<EOF\nlater\nEOF\n', { m: 'later', n: '2' }],
    ['m<<EOF\n\nEOF\n', { m: '' }],
  ])('parses GITHUB_OUTPUT %j', (text, expected) => {
    expect(parseOutputFile(text)).toEqual(expected);
  });

  it.each(['m<<EOF\nunterminated\n', 'no equals sign\n'])('rejects a malformed GITHUB_OUTPUT %j', (text) => {
    expect(() => parseOutputFile(text)).toThrow(/GITHUB_OUTPUT/);
  });

  it('parses workflow commands with escaped properties', () => {
    expect(parseWorkflowCommands('x\n::warning title=a%2Cb,file=t%3Ax.py::50%25 done%0Anext\n::error::bad\n')).toEqual([
      { command: 'warning', properties: { title: 'a,b', file: 't:x.py' }, message: '50% done\nnext' },
      { command: 'error', properties: {}, message: 'bad' },
    ]);
  });

  it('fills in the defaults action.yml declares, as the runner does', () => {
    expect(actionDefaults()).toMatchObject({
      mode: 'plan',
      granularity: 'auto',
      algorithm: 'balanced',
      workers: '1',
      discover: 'true',
      'working-directory': '.',
    });
  });

  it('fails (does not skip) when a runtime is missing', () => {
    expect(() => requireNode({ label: 'node24', path: join(root, 'no-such-node') })).toThrow('run `npm ci --prefix tools/node24`');
  });
});
