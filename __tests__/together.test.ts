/**
 * `--together PATTERN` (core/together.ts): matching, merging, planning as one unit, config in
 * pyproject.toml, and, with real pytest (the built CLI and Action: run `npm run build` first),
 * the tests of a pattern spread over several files all run in one shard, as one block in path
 * order even when another plugin reorders the shard, on one pytest-xdist worker with
 * `--dist loadgroup`, with their real node ids in the JUnit report.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { pytestEnv, runPytest } from '../scripts/lib/pytest.js';
import { OUTPUT } from '../src/action/constants.js';
import { DEFAULT_OVERHEAD } from '../src/core/overhead.js';
import { buildPlan, type Plan, type PlanOptions } from '../src/core/plan.js';
import { fileOf } from '../src/core/nodeid.js';
import { buildSuite } from '../src/core/suite.js';
import { pluginDirPattern } from '../src/core/selection.js';
import { compilePattern, matchTogether } from '../src/core/together.js';
import { ALGORITHMS, GRANULARITIES } from '../src/core/types.js';
import { junitNamesOf } from '../src/core/junitMap.js';
import { parseJUnit } from '../src/formats/junit.js';
import { parsePlan, formatPlan } from '../src/formats/planJson.js';
import { parsePyprojectConfig } from '../src/formats/pyprojectConfig.js';
import { groupsRunning } from './helpers/shardRun.js';
import { ACTION_ENTRY, CLI_ENTRY, runAction } from './helpers/runAction.js';
import { CLI_WORDS } from '../src/cli/words.js';
import { describeWith } from '../src/render/warnings.js';
import { describeWarnings } from '../src/render/warnings.js';
import { ACTION_WORDS } from '../src/action/words.js';

describe('matchTogether', () => {
  const suite = buildSuite({
    timings: new Map([
      ['tests/flow/test_a.py::test_1', 1],
      ['tests/flow/test_a.py::test_2', 1],
      ['tests/test_api.py::TestCheckout::test_pay', 1],
      ['tests/test_api.py::TestCheckout::test_ship[a/b]', 1],
      ['tests/test_api.py::test_other', 1],
      ['tests/test_db.py::test_x', 1],
    ]),
    discoveredFiles: ['tests/flow/test_new.py', 'tests/flow/test_a.py'],
  });

  it.each<[string, string[], string[]]>([
    [
      'a directory, files no timing knew included',
      ['tests/flow/**'],
      ['tests/flow/test_a.py::test_1', 'tests/flow/test_a.py::test_2', 'tests/flow/test_new.py'],
    ],
    [
      'a class by id (after `::`, `*` crosses the `/` of a parameter)',
      ['tests/test_api.py::TestCheckout::*'],
      ['tests/test_api.py::TestCheckout::test_pay', 'tests/test_api.py::TestCheckout::test_ship[a/b]'],
    ],
    ['in the file part `*` stays inside a directory', ['tests/*.py::test_*'], ['tests/test_api.py::test_other', 'tests/test_db.py::test_x']],
    [
      '`*` after `::` takes classes too',
      ['tests/test_api.py::*'],
      ['tests/test_api.py::TestCheckout::test_pay', 'tests/test_api.py::TestCheckout::test_ship[a/b]', 'tests/test_api.py::test_other'],
    ],
    ['a literal bracket, escaped', ['tests/test_api.py::TestCheckout::test_ship\\[a/b\\]'], ['tests/test_api.py::TestCheckout::test_ship[a/b]']],
    ['a path pattern does not reach into ids', ['tests/flow/test_a.py::test_1'], ['tests/flow/test_a.py::test_1']],
    [
      '`*` in a path pattern stays inside a directory',
      ['tests/*'],
      [
        'tests/test_api.py::TestCheckout::test_pay',
        'tests/test_api.py::TestCheckout::test_ship[a/b]',
        'tests/test_api.py::test_other',
        'tests/test_db.py::test_x',
      ],
    ],
    [
      'a brace list',
      ['tests/{test_db,test_api}.py'],
      [
        'tests/test_api.py::TestCheckout::test_pay',
        'tests/test_api.py::TestCheckout::test_ship[a/b]',
        'tests/test_api.py::test_other',
        'tests/test_db.py::test_x',
      ],
    ],
    ['nothing', ['tests/none/**'], []],
  ])('%s', (_why, patterns, tests) => {
    expect(matchTogether(suite, patterns).matches[0]?.tests).toEqual(tests);
  });

  it('merges patterns that share a test, keeps the others apart', () => {
    const { sets } = matchTogether(suite, ['tests/test_api.py::TestCheckout::*', 'tests/test_api.py', 'tests/test_db.py']);
    expect(sets.map((s) => s.patterns)).toEqual([[0, 1], [2]]);
  });

  it('a file matched by its path is whole in the group (new tests in it belong too)', () => {
    const { matches } = matchTogether(suite, ['tests/flow/**', 'tests/test_api.py::TestCheckout::*']);
    expect(matches.map((m) => m.wholeFiles)).toEqual([['tests/flow/test_a.py', 'tests/flow/test_new.py'], []]);
  });

  it('an empty pattern is a usage error naming the option (in the words the edge passes)', () => {
    expect(() => matchTogether(suite, [' '])).toThrow('together: a pattern must not be empty');
    expect(() => compilePattern(' ', '--together')).toThrow('--together: a pattern must not be empty');
  });
});

describe('planning with --together', () => {
  const options = fc.record({
    splits: fc.integer({ min: 2, max: 6 }),
    granularity: fc.constantFrom(...GRANULARITIES),
    algorithm: fc.constantFrom(...ALGORITHMS),
    workers: fc.constantFrom(1, 2),
    overhead: fc.constant(DEFAULT_OVERHEAD),
  });
  const suiteArb = fc
    .uniqueArray(
      fc.tuple(
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom('', 'TestA::', 'TestFlow::'),
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
      ),
      {
        minLength: 4,
        maxLength: 60,
        selector: ([f, c, t]) => `${f}${c}${t}`,
      },
    )
    .map((rows) => new Map(rows.map(([f, c, t, s]) => [`tests/test_m${f}.py::${c}test_${t}`, s])));

  it('every matched test lands in one shard, runs exactly once there, and the plan stays deterministic', () => {
    fc.assert(
      fc.property(
        suiteArb,
        options,
        fc.constantFrom(['tests/*.py::TestFlow::*'], ['tests/test_m[0-3].py'], ['tests/*.py::TestFlow::*', 'tests/test_m1.py']),
        (timings, opts: PlanOptions, together) => {
          const plan = buildPlan(buildSuite({ timings }), { ...opts, together });
          for (const t of plan.together) {
            if (t.tests.length === 0) continue;
            const groups = new Set(plan.shards.filter((s) => s.tests.some((id) => t.tests.includes(id))).map((s) => s.group));
            expect([...groups]).toEqual([t.group]);
            expect(plan.shards[t.group - 1]?.pluginDir).toMatch(pluginDirPattern(t.group));
            // Files the group touches are owned by its shard when cut: new tests in them run there too.
            for (const c of plan.cutFiles) if (t.tests.some((id) => fileOf(id) === c.file)) expect(c.owner).toBe(t.group);
          }
          const file = fileOf([...timings.keys()][0] as string);
          const ids = [...timings.keys(), `${file}::TestFlow::test_added`, `${file}::test_added`];
          for (const [id, groups] of groupsRunning(plan, ids)) expect({ id, n: groups.length }).toEqual({ id, n: 1 });
          expect(formatPlan(parsePlan(formatPlan(plan, describeWith(CLI_WORDS)), 'p.json'), describeWith(CLI_WORDS))).toBe(
            formatPlan(plan, describeWith(CLI_WORDS)),
          );
          expect(formatPlan(buildPlan(buildSuite({ timings: new Map([...timings].reverse()) }), { ...opts, together }), describeWith(CLI_WORDS))).toBe(
            formatPlan(plan, describeWith(CLI_WORDS)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a pattern that matches nothing is a warning; the plan is as without it', () => {
    const timings = new Map([
      ['tests/test_a.py::t', 1],
      ['tests/test_b.py::t', 2],
    ]);
    const opts: PlanOptions = { splits: 2, granularity: 'auto', algorithm: 'balanced', workers: 1, overhead: DEFAULT_OVERHEAD };
    const plan = buildPlan(buildSuite({ timings }), { ...opts, together: ['nothing/**'] });
    expect(plan.warnings).toEqual([{ code: 'unmatched-together', patterns: ['nothing/**'] }]);
    // Each edge words it in its own vocabulary: the CLI's flag, the Action's input.
    expect(describeWarnings(plan, CLI_WORDS)).toEqual(['--together pattern(s) matched no test: "nothing/**"']);
    expect(describeWarnings(plan, ACTION_WORDS)).toEqual(['together pattern(s) matched no test: "nothing/**"']);
    expect(plan.together).toEqual([{ pattern: 'nothing/**', group: 0, name: 'split-plan-together-1', files: [], tests: [] }]);
    expect(plan.shards).toEqual(buildPlan(buildSuite({ timings }), opts).shards);
  });
});

describe('[tool.split-plan] in pyproject.toml', () => {
  it.each<[string, string, string[] | string]>([
    ['no mention of split-plan: not even parsed', '[tool.pytest.ini_options\nbroken', []],
    [
      'the table',
      '[tool.split-plan]\ntogether = ["tests/flow/**", "tests/test_api.py::TestCheckout::*"]\n',
      ['tests/flow/**', 'tests/test_api.py::TestCheckout::*'],
    ],
    ['a quoted table name, other tables beside it', '[tool.pytest.ini_options]\naddopts = "-q"\n[tool."split-plan"]\ntogether = []\n', []],
    [
      'bad TOML: one line naming the file, line and column',
      '[tool.split-plan]\ntogether = ["a",\n x = 1\n',
      'pyproject.toml: invalid TOML at line 3, column 2: invalid value',
    ],
    [
      'together not a list',
      '[tool.split-plan]\ntogether = "tests/**"\n',
      'pyproject.toml: [tool.split-plan] together must be a list of non-empty glob pattern strings',
    ],
    ['an unknown key', '[tool.split-plan]\ntogehter = ["x"]\n', 'pyproject.toml: [tool.split-plan] has unknown key "togehter" (known: together)'],
    ['not a table', '[tool]\nsplit-plan = 3\n', 'pyproject.toml: [tool.split-plan] must be a table'],
  ])('%s', (_why, text, expected) => {
    if (typeof expected === 'string') expect(() => parsePyprojectConfig(text, 'pyproject.toml')).toThrow(expected);
    else expect(parsePyprojectConfig(text, 'pyproject.toml').together).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Real pytest

const required = process.env.SPLIT_PLAN_REQUIRE_PYTEST === '1';
function importable(module: string, extra: Record<string, string> = {}): boolean {
  try {
    execFileSync('python3', ['-c', `import ${module}`], { env: pytestEnv(extra), stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
const havePytest = importable('pytest');
if (!havePytest && !required) console.warn('together: python3 -m pytest is not available; skipping the real pytest runs');
const XDIST_ENV: Record<string, string> = process.env.SPLIT_PLAN_XDIST_PYTHONPATH ? { PYTHONPATH: process.env.SPLIT_PLAN_XDIST_PYTHONPATH } : {};
const haveXdist = havePytest && importable('xdist', XDIST_ENV);
const requireXdist = process.env.SPLIT_PLAN_REQUIRE_XDIST === '1';

/**
 * Three "flow" steps (one per file, each 4 s, plus an ordinary 4 s test in the same file) that a
 * plan without --together spreads over shards; six other files of two 2 s tests. A conftest
 * reverses every shard's order, as a random-order plugin might.
 */
const FLOW = ['tests/test_step_1.py', 'tests/test_step_2.py', 'tests/test_step_3.py'];
function writeSuite(root: string): Record<string, number> {
  const timings: Record<string, number> = {};
  const write = (rel: string, text: string): void => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  write('pytest.ini', '[pytest]\n');
  write('tests/conftest.py', 'def pytest_collection_modifyitems(items):\n    items.reverse()\n');
  FLOW.forEach((f, i) => {
    write(f, `class TestFlow:\n    def test_step(self):\n        pass\n\n\ndef test_plain_${i + 1}():\n    pass\n`);
    timings[`${f}::TestFlow::test_step`] = 4;
    timings[`${f}::test_plain_${i + 1}`] = 4;
  });
  for (let i = 1; i <= 6; i++) {
    write(`tests/test_other_${i}.py`, 'def test_x():\n    pass\n\n\ndef test_y():\n    pass\n');
    timings[`tests/test_other_${i}.py::test_x`] = 2;
    timings[`tests/test_other_${i}.py::test_y`] = 2;
  }
  return timings;
}
const PATTERN = 'tests/*.py::TestFlow::*';
const FLOW_IDS = FLOW.map((f) => `${f}::TestFlow::test_step`);

let base: string;
beforeAll(() => {
  if (!havePytest) {
    if (required) throw new Error('SPLIT_PLAN_REQUIRE_PYTEST=1 but python3 -m pytest is not available');
    return;
  }
  if (!existsSync(CLI_ENTRY) || !existsSync(ACTION_ENTRY)) throw new Error('dist/ is missing: run npm run build first');
  base = mkdtempSync(join(tmpdir(), 'split-plan-together-'));
});
afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

let counter = 0;
function workspace(): { ws: string; root: string } {
  const ws = join(base, `ws-${++counter}`);
  const root = join(ws, 'suite');
  writeFileSync(join(mkdirOf(ws), 'durations.json'), JSON.stringify(writeSuite(root)));
  return { ws, root };
}
function mkdirOf(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
function cli(cwd: string, args: string[]): void {
  execFileSync(process.execPath, [CLI_ENTRY, ...args], { cwd, stdio: 'pipe' });
}
const planOf = (ws: string): Plan => JSON.parse(readFileSync(join(ws, 'plan.json'), 'utf8')) as Plan;
const SPLITS = 3;
const PLAN = ['--durations', 'durations.json', '--splits', String(SPLITS), '--rootdir', 'suite', '--json', 'plan.json', '--quiet'];

/** Runs every shard from its args file; returns each shard's ids in the order its JUnit report lists them. */
function runShards(root: string, argsFiles: string[], extra: string[] = [], env: Record<string, string> = {}): { ids: string[][]; out: string[] } {
  const ids: string[][] = [];
  const out: string[] = [];
  argsFiles.forEach((args, k) => {
    const junitxml = join(root, '..', `g${k + 1}.xml`);
    const r = runPytest(root, [...extra, `@${args}`], { junitxml, env });
    expect({ group: k + 1, exit: r.exitCode }).toEqual({ group: k + 1, exit: 0 });
    out.push(r.stdout);
    const byNames = new Map(
      Object.keys(JSON.parse(readFileSync(join(root, '..', 'durations.json'), 'utf8')) as object).map((id) => [Object.values(junitNamesOf(id)).join('\0'), id]),
    );
    ids.push(
      parseJUnit(readFileSync(junitxml, 'utf8'), junitxml)
        .suites.flatMap((s) => s.cases)
        .map((c) => byNames.get(`${c.classname}\0${c.name}`) ?? `?${c.classname}::${c.name}`),
    );
  });
  return { ids, out };
}

describe.each([
  ['--together on the command line', (ws: string) => cli(ws, [...PLAN, '--together', PATTERN, '--args-dir', 'args']), 'cli'],
  [
    '[tool.split-plan] in pyproject.toml',
    (ws: string) => {
      writeFileSync(join(ws, 'suite', 'pyproject.toml'), `[tool.split-plan]\ntogether = [${JSON.stringify(PATTERN)}]\n`);
      cli(ws, [...PLAN, '--args-dir', 'args']);
    },
    'cli',
  ],
  [
    'the Action input together (mode plan, then mode shard)',
    (ws: string) => {
      const r = runAction({
        node: process.execPath,
        workspace: ws,
        inputs: { splits: String(SPLITS), durations: 'durations.json', rootdir: 'suite', 'plan-file': 'plan.json', together: `${PATTERN}\n` },
      });
      expect({ status: r.status, failure: r.failure }).toEqual({ status: 0, failure: undefined });
    },
    'action',
  ],
] as const)('%s', (_name, plan, via) => {
  (havePytest || required ? it : it.skip)(
    'the flow steps run in one shard, one block in path order; the rest stays balanced',
    () => {
      const { ws, root } = workspace();
      // Without --together the steps are spread over shards.
      cli(ws, PLAN);
      const spread = new Set(
        planOf(ws)
          .shards.filter((s) => s.tests.some((id) => FLOW_IDS.includes(id)))
          .map((s) => s.group),
      );
      expect(spread.size).toBeGreaterThan(1);
      plan(ws);
      const p = planOf(ws);
      let argsFiles = [1, 2, 3].map((k) => join(ws, 'args', `group-${k}.args`));
      if (via === 'action') {
        argsFiles = [1, 2, 3].map((k) => {
          const r = runAction({
            node: process.execPath,
            workspace: ws,
            inputs: { mode: 'shard', group: String(k), 'plan-file': 'plan.json', rootdir: 'suite' },
          });
          expect(r.status).toBe(0);
          return r.outputs[OUTPUT.argsFile] as string;
        });
      }
      expect(p.together).toEqual([expect.objectContaining({ pattern: PATTERN, tests: FLOW_IDS })]);
      const home = p.together[0]?.group as number;
      // Balanced otherwise: 48 s over 3 shards, the 12 s block inside one of them.
      expect(p.makespanSeconds).toBe(16);
      const { ids } = runShards(root, argsFiles);
      const ran = ids.flat();
      expect(ran.filter((id) => id.startsWith('?'))).toEqual([]);
      expect(ran.length).toBe(new Set(ran).size);
      expect(ran.length).toBe(Object.keys(JSON.parse(readFileSync(join(ws, 'durations.json'), 'utf8')) as object).length);
      const mine = ids[home - 1] as string[];
      const at = mine.indexOf(FLOW_IDS[0] as string);
      // The conftest reversed the shard; the block is still contiguous and in path order.
      expect(mine.slice(at, at + FLOW_IDS.length)).toEqual(FLOW_IDS);
      expect(mine.filter((id) => !FLOW_IDS.includes(id))).toEqual([...mine.filter((id) => !FLOW_IDS.includes(id))].sort().reverse());
    },
    120_000,
  );
});

(haveXdist || requireXdist ? describe : describe.skip)('with pytest-xdist -n 2 --dist loadgroup', () => {
  it('the block runs on one worker, in order, and JUnit keeps the real node ids', () => {
    if (!haveXdist) throw new Error('SPLIT_PLAN_REQUIRE_XDIST=1 but pytest-xdist is not importable; set SPLIT_PLAN_XDIST_PYTHONPATH');
    const { ws, root } = workspace();
    cli(ws, [...PLAN, '--together', PATTERN, '--args-dir', 'args', '--workers', '2']);
    const home = planOf(ws).together[0]?.group as number;
    const argsFiles = [1, 2, 3].map((k) => join(ws, 'args', `group-${k}.args`));
    const { ids, out } = runShards(root, argsFiles, ['-p', 'xdist', '-n', '2', '--dist', 'loadgroup', '-vv'], XDIST_ENV);
    expect(ids.flat().filter((id) => id.startsWith('?') || id.includes('@'))).toEqual([]);
    const lines = (out[home - 1] as string).split('\n').filter((l) => FLOW_IDS.some((id) => l.includes(`PASSED ${id}`)));
    expect(lines).toHaveLength(3);
    const workers = new Set(lines.map((l) => /^\[(gw\d+)\]/.exec(l)?.[1]));
    expect(workers.size).toBe(1);
    expect(lines.map((l) => FLOW_IDS.find((id) => l.includes(id)))).toEqual(FLOW_IDS);
  }, 120_000);
});
