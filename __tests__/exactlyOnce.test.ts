/**
 * Exactly once by construction, end to end with real pytest (the built CLI and Action: run
 * `npm run build` first).
 *
 * A suite is timed, then changed the way a pull request changes it: tests added to a file and to
 * a class that are each bigger than a shard's fair share (so the plan cuts them across shards),
 * to a file the plan keeps whole, and in a new file; tests deleted and renamed in each of those;
 * one whole file deleted. The plan is made from the old timings (and, in one case, from the old
 * collected list), every shard runs from what split-plan wrote for it (args file, plugin
 * directory) with --junitxml, and then:
 * - every shard exits 0;
 * - every test `pytest --collect-only -q` finds now ran in exactly one report (checked here by
 *   JUnit names, independently of split-plan);
 * - `split-plan verify` passes, lists the added tests as new and the deleted or renamed ones as
 *   gone.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { collect, pytestEnv, runPytest } from '../scripts/lib/pytest.js';
import { verifyFromRequest } from '../src/app/verify.js';
import { junitNamesOf } from '../src/core/junitMap.js';
import type { Plan } from '../src/core/plan.js';
import { parseJUnit } from '../src/formats/junit.js';
import { OUTPUT } from '../src/action/constants.js';
import { ACTION_ENTRY, CLI_ENTRY, runAction } from './helpers/runAction.js';
import { CLI_WORDS } from '../src/cli/words.js';
import { describeWarnings } from '../src/render/warnings.js';
import { parsePlan } from '../src/formats/planJson.js';

const SPLITS = 3;
const required = process.env.SPLIT_PLAN_REQUIRE_PYTEST === '1';

function pytestWorks(extra: Record<string, string> = {}, module = 'pytest'): boolean {
  try {
    execFileSync('python3', ['-c', `import ${module}`], { env: pytestEnv(extra), stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
const havePytest = pytestWorks();
if (!havePytest && !required) console.warn('exactlyOnce: python3 -m pytest is not available; skipping the real pytest runs');
const describeReal = havePytest || required ? describe : describe.skip;

/**
 * pytest-xdist: installed, or unpacked where SPLIT_PLAN_XDIST_PYTHONPATH points (the Debian
 * package, see the brief). SPLIT_PLAN_REQUIRE_XDIST=1 turns its absence into a failure.
 */
const XDIST_ENV: Record<string, string> = process.env.SPLIT_PLAN_XDIST_PYTHONPATH ? { PYTHONPATH: process.env.SPLIT_PLAN_XDIST_PYTHONPATH } : {};
const haveXdist = havePytest && pytestWorks(XDIST_ENV, 'xdist');
const requireXdist = process.env.SPLIT_PLAN_REQUIRE_XDIST === '1';
if (havePytest && !haveXdist && !requireXdist)
  console.warn('exactlyOnce: pytest-xdist is not importable (set SPLIT_PLAN_XDIST_PYTHONPATH); skipping the -n 2 runs');

// ---------------------------------------------------------------------------------------------
// The suite: files of module-level tests and classes, rendered to Python.

interface FileSpec {
  funcs?: string[];
  /** One parametrized test: name and its ids. */
  param?: { name: string; values: string[] };
  classes?: Record<string, string[]>;
}

function render(spec: FileSpec): string {
  const out = ['import pytest', ''];
  for (const f of spec.funcs ?? []) out.push(`def ${f}():`, '    pass', '');
  if (spec.param) out.push(`@pytest.mark.parametrize("v", ${JSON.stringify(spec.param.values)})`, `def ${spec.param.name}(v):`, '    pass', '');
  for (const [cls, methods] of Object.entries(spec.classes ?? {})) {
    out.push(`class ${cls}:`);
    for (const m of methods) out.push(`    def ${m}(self):`, '        pass', '');
  }
  return out.join('\n');
}

const range = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Before: test_big.py (a big file), test_cls.py (a big class), four small files. */
const BEFORE: Record<string, FileSpec> = {
  'tests/test_big.py': { funcs: range('test_b', 10), param: { name: 'test_param', values: ['a b', 'x::y', 'q"uote'] } },
  'tests/test_cls.py': { funcs: ['test_free'], classes: { TestHuge: range('test_h', 10) } },
  'tests/test_s1.py': { funcs: range('test_s1_', 3) },
  'tests/test_s2.py': { funcs: range('test_s2_', 3) },
  'tests/test_s3.py': { funcs: range('test_s3_', 3) },
  'tests/test_s4.py': { funcs: range('test_s4_', 3) },
};

const without = (xs: string[], drop: string[], add: string[] = []): string[] => [...xs.filter((x) => !drop.includes(x)), ...add];

/** After: added, deleted and renamed tests in the cut file, the cut class and an uncut file; a new file; test_s4.py deleted. */
const AFTER: Record<string, FileSpec> = {
  'tests/test_big.py': {
    funcs: without(range('test_b', 10), ['test_b3', 'test_b5'], ['test_b5_renamed', 'test_added_big_1', 'test_added_big_2']),
    param: { name: 'test_param', values: ['a b', 'x::y', 'new one'] },
  },
  'tests/test_cls.py': {
    funcs: ['test_free'],
    classes: { TestHuge: without(range('test_h', 10), ['test_h2', 'test_h7'], ['test_h7_renamed', 'test_added_cls']) },
  },
  'tests/test_s1.py': { funcs: without(range('test_s1_', 3), ['test_s1_1', 'test_s1_2'], ['test_s1_2_renamed', 'test_added_s1']) },
  'tests/test_s2.py': BEFORE['tests/test_s2.py'] as FileSpec,
  'tests/test_s3.py': BEFORE['tests/test_s3.py'] as FileSpec,
  'tests/test_new.py': { funcs: ['test_brand_new_1', 'test_brand_new_2'] },
};

function writeSuite(root: string, specs: Record<string, FileSpec>): void {
  mkdirSync(join(root, 'tests'), { recursive: true });
  writeFileSync(join(root, 'pytest.ini'), '[pytest]\n');
  for (const f of readdirSync(join(root, 'tests'))) if (f.endsWith('.py') && !(`tests/${f}` in specs)) unlinkSync(join(root, 'tests', f));
  for (const [file, spec] of Object.entries(specs)) writeFileSync(join(root, file), render(spec));
}

/** The timings taken before the change: the big file and class cost more than a third of the suite each. */
function secondsOf(id: string): number {
  if (id.startsWith('tests/test_big.py::')) return 3;
  if (id.startsWith('tests/test_cls.py::TestHuge::')) return 3;
  return 1;
}

// ---------------------------------------------------------------------------------------------
// Running and checking

interface Scenario {
  name: string;
  /** Plan from the collected list taken before the change (stale). */
  collected: boolean;
  xdist: boolean;
  via: 'cli' | 'action';
  granularity?: 'auto' | 'class' | 'test';
}

interface Outcome {
  before: string[];
  after: string[];
  plan: Plan;
  reports: string[];
  exitCodes: number[];
}

function cli(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [CLI_ENTRY, ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    const err = e as { status: number | null; stdout: string; stderr: string };
    return { status: err.status, stdout: err.stdout, stderr: err.stderr };
  }
}

let base: string;
let counter = 0;

function runScenario(sc: Scenario): Outcome {
  const ws = join(base, `ws-${++counter}`);
  const root = join(ws, 'suite');
  writeSuite(root, BEFORE);
  const before = collect(root);
  expect(before).toHaveLength(36);
  writeFileSync(join(ws, 'durations.json'), JSON.stringify(Object.fromEntries(before.map((id) => [id, secondsOf(id)])), null, 2));
  writeFileSync(join(ws, 'collected.txt'), before.join('\n') + '\n');
  writeSuite(root, AFTER);
  const after = collect(root);

  const planArgs = ['--durations', 'durations.json', '--splits', String(SPLITS), '--rootdir', 'suite', '--json', 'plan.json', '--quiet'];
  if (sc.collected) planArgs.push('--collected', 'collected.txt');
  if (sc.granularity) planArgs.push('--granularity', sc.granularity);
  const argsFiles: string[] = [];
  if (sc.via === 'cli') {
    const planned = cli(ws, [...planArgs, '--args-dir', 'args']);
    expect({ status: planned.status, stderr: planned.stderr }).toEqual({ status: 0, stderr: '' });
    for (let k = 1; k <= SPLITS; k++) argsFiles.push(join(ws, 'args', `group-${k}.args`));
  } else {
    const planned = cli(ws, planArgs);
    expect({ status: planned.status, stderr: planned.stderr }).toEqual({ status: 0, stderr: '' });
    for (let k = 1; k <= SPLITS; k++) {
      const r = runAction({ node: process.execPath, workspace: ws, inputs: { mode: 'shard', group: String(k), 'plan-file': 'plan.json', rootdir: 'suite' } });
      expect({ status: r.status, failure: r.failure }).toEqual({ status: 0, failure: undefined });
      argsFiles.push(r.outputs[OUTPUT.argsFile] as string);
    }
  }
  const plan = parsePlan(readFileSync(join(ws, 'plan.json'), 'utf8'), 'plan.json');

  const reports: string[] = [];
  const exitCodes: number[] = [];
  for (const [k, argsFile] of argsFiles.entries()) {
    const junitxml = join(ws, 'reports', `group-${k + 1}.xml`);
    mkdirSync(dirname(junitxml), { recursive: true });
    const extra = sc.xdist ? ['-p', 'xdist', '-n', '2'] : [];
    const r = runPytest(root, [...extra, `@${argsFile}`], { junitxml, ...(sc.xdist ? { env: XDIST_ENV } : {}) });
    exitCodes.push(r.exitCode);
    if (r.exitCode !== 0) console.error(`group ${k + 1}: pytest exited ${r.exitCode}\n${r.stdout}\n${r.stderr}`);
    reports.push(junitxml);
  }
  return { before, after, plan, reports, exitCodes };
}

/** Every id in exactly one report, and no report runs a test pytest does not collect now. */
function timesRun(ids: readonly string[], reportFiles: readonly string[]): { notOnce: [string, number][]; strays: string[] } {
  const byNames = new Map<string, string>();
  for (const id of ids) {
    const { classname, name } = junitNamesOf(id);
    byNames.set(`${classname}\0${name}`, id);
  }
  const count = new Map<string, number>();
  const strays: string[] = [];
  for (const file of reportFiles) {
    const seen = new Set<string>();
    for (const c of parseJUnit(readFileSync(file, 'utf8'), file).suites.flatMap((s) => s.cases)) {
      const id = byNames.get(`${c.classname}\0${c.name}`);
      if (id === undefined) strays.push(`${c.classname}::${c.name}`);
      else seen.add(id);
    }
    for (const id of seen) count.set(id, (count.get(id) ?? 0) + 1);
  }
  return { notOnce: ids.filter((id) => count.get(id) !== 1).map((id) => [id, count.get(id) ?? 0]), strays };
}

/**
 * What must run exactly once: every test pytest collects now. With a collected list, the list is
 * the truth (README): a test file it does not name is not planned, since pytest may have left it
 * out on purpose; the stale list here predates tests/test_new.py, which the plan must not name.
 */
function expectedToRun(sc: Scenario, o: Outcome): string[] {
  const selectors = o.plan.shards.flatMap((s) => s.selectors);
  if (!sc.collected) {
    expect(selectors).toContain('tests/test_new.py');
    return o.after;
  }
  expect(selectors).not.toContain('tests/test_new.py');
  return o.after.filter((id) => !id.startsWith('tests/test_new.py::'));
}

const minus = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x)).sort();

async function checkVerified(sc: Scenario, o: Outcome): Promise<void> {
  const ws = dirname(dirname(o.reports[0] as string));
  const verified = cli(ws, ['verify', '--plan', 'plan.json', '--junit', 'reports/*.xml', '--rootdir', 'suite']);
  expect({ status: verified.status, stderr: verified.stderr }).toEqual({ status: 0, stderr: '' });
  expect(verified.stdout.split('\n')[0]).toMatch(/^split-plan verify: ok: every planned test ran exactly once/);
  const { result } = await verifyFromRequest({ cwd: ws, rootdir: 'suite', plan: 'plan.json', junit: ['reports/*.xml'], words: CLI_WORDS });
  // New: tests added to files the plan knew (the new file's tests are planned as that file).
  const added = minus(o.after, o.before).filter((id) => !id.startsWith('tests/test_new.py::'));
  expect(result.selectedNew.map((n) => n.id).sort()).toEqual(added);
  // Gone: tests deleted or renamed in files that still exist (the deleted file was never planned).
  const deleted = minus(o.before, o.after).filter((id) => !id.startsWith('tests/test_s4.py::'));
  expect(result.gone.map((g) => g.entry).sort()).toEqual(deleted);
  expect({ lost: result.lost, doubled: result.doubled, unexpected: result.unexpected }).toEqual({ lost: [], doubled: [], unexpected: [] });
  for (const id of added) expect(verified.stdout).toContain(id);
}

beforeAll(() => {
  if (!havePytest) {
    if (required) throw new Error('SPLIT_PLAN_REQUIRE_PYTEST=1 but python3 -m pytest is not available');
    return;
  }
  if (!existsSync(CLI_ENTRY) || !existsSync(ACTION_ENTRY)) throw new Error('dist/ is missing: run npm run build first');
  base = mkdtempSync(join(tmpdir(), 'split-plan-exactly-once-'));
});

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

const SCENARIOS: Scenario[] = [
  { name: 'timings only, CLI args files', collected: false, xdist: false, via: 'cli' },
  { name: 'timings only, Action shard mode', collected: false, xdist: false, via: 'action' },
  { name: 'a stale collected list, CLI args files', collected: true, xdist: false, via: 'cli' },
  { name: 'timings only, test granularity', collected: false, xdist: false, via: 'cli', granularity: 'test' },
  { name: 'a stale collected list, class granularity, Action', collected: true, xdist: false, via: 'action', granularity: 'class' },
];

describeReal('every test runs exactly once after tests are added, deleted and renamed', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))(
    '%s',
    async (_name, sc) => {
      const o = runScenario(sc);
      // The plan cut the big file and the big class's file, and kept the small files whole.
      const cut = o.plan.cutFiles.map((c) => c.file);
      expect(cut).toEqual(expect.arrayContaining(['tests/test_big.py', 'tests/test_cls.py']));
      expect(o.plan.splitFiles).toEqual(cut);
      const warnings = describeWarnings(o.plan, CLI_WORDS).join('\n');
      expect(warnings).not.toMatch(/cut into pieces/);
      expect(warnings).toMatch(/1 (timed|collected) file\(s\) no longer exist under the rootdir; their 3 test\(s\) were left out: tests\/test_s4\.py/);
      expect(o.plan.shards.flatMap((s) => s.selectors)).not.toContain('tests/test_s4.py');
      // Every selector is a file (or the shard's plugin directory, first).
      for (const s of o.plan.shards) {
        for (const [i, sel] of s.selectors.entries())
          expect(sel.includes('::') ? `${s.group}: ${sel}` : i === 0 && sel === s.pluginDir ? 'plugin' : 'file').toMatch(/^(plugin|file)$/);
      }
      expect(o.exitCodes).toEqual([0, 0, 0]);
      expect(timesRun(expectedToRun(sc, o), o.reports)).toEqual({ notOnce: [], strays: [] });
      await checkVerified(sc, o);
    },
    180_000,
  );
});

(haveXdist || requireXdist ? describe : describe.skip)('under pytest-xdist -n 2', () => {
  it.each<[string, Scenario]>([
    ['timings only', { name: 'xdist, timings only', collected: false, xdist: true, via: 'cli' }],
    ['a stale collected list, Action', { name: 'xdist, stale collected, Action', collected: true, xdist: true, via: 'action' }],
  ])(
    '%s',
    async (_name, sc) => {
      if (!haveXdist) throw new Error('SPLIT_PLAN_REQUIRE_XDIST=1 but pytest-xdist is not importable; set SPLIT_PLAN_XDIST_PYTHONPATH');
      const o = runScenario(sc);
      expect(o.exitCodes).toEqual([0, 0, 0]);
      expect(timesRun(expectedToRun(sc, o), o.reports)).toEqual({ notOnce: [], strays: [] });
      await checkVerified(sc, o);
    },
    180_000,
  );
});
