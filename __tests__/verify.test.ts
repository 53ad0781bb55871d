import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyFromRequest } from '../src/app/verify.js';
import type { PlanShard } from '../src/core/plan.js';
import type { JUnitCase, JUnitReport, MappedCase, Outcome } from '../src/core/types.js';
import { GONE_PROPERTY, GROUP_PROPERTY, reportSeconds, selects, verifyRun, type VerifyPlan, type VerifyResult } from '../src/core/verify.js';
import { formatVerify, verifyRows } from '../src/render/verify.js';
import { CLI_WORDS } from '../src/cli/words.js';

const shard = (group: number, tests: string[], selectors: string[], predictedSeconds = 10): PlanShard => ({
  group,
  predictedSeconds,
  testSeconds: predictedSeconds,
  overheadSeconds: 0,
  files: 1,
  selectors,
  tests,
  estimated: 0,
});

/** Shard 1: a whole file of known tests; 2: a class of a split file; 3: a file no timing knew. */
const PLAN: VerifyPlan = {
  shards: [shard(1, ['a.py::t1', 'a.py::t2'], ['a.py']), shard(2, ['b.py::C::t1', 'b.py::C::t2[x]'], ['b.py::C'], 20), shard(3, ['c.py'], ['c.py'])],
};

/** A ran test: `id`, or `[id, outcome]`; a collector record: `{ module, outcome }`. */
type Ran = string | [string, Outcome] | { module: string; outcome: Outcome };

/** Reports and their mapped cases, as app/verify.ts would hand them over. */
function reportsOf(spec: Record<string, Ran[]>, suiteTime: number | null = 5): { reports: JUnitReport[]; cases: MappedCase[] } {
  const reports: JUnitReport[] = [];
  const cases: MappedCase[] = [];
  Object.entries(spec).forEach(([source, ran], report) => {
    const jcases: JUnitCase[] = ran.map((r) => {
      if (typeof r === 'object' && !Array.isArray(r)) return { classname: '', name: r.module, time: 0, outcome: r.outcome };
      const [id, outcome] = typeof r === 'string' ? [r, 'passed' as Outcome] : r;
      cases.push({ id, time: 1, outcome, report });
      return { classname: 'x', name: id, time: 1, outcome };
    });
    reports.push({ source, suites: [suiteTime === null ? { name: 'pytest', cases: jcases } : { name: 'pytest', time: suiteTime, cases: jcases }] });
  });
  return { reports, cases };
}

const ALL: Record<string, Ran[]> = {
  'r1.xml': ['a.py::t1', 'a.py::t2'],
  'r2.xml': ['b.py::C::t1', 'b.py::C::t2[x]'],
  'r3.xml': ['c.py::test_x', 'c.py::T::test_y'],
};

const check = (spec: Record<string, Ran[]>, suiteTime: number | null = 5): VerifyResult => {
  const { reports, cases } = reportsOf(spec, suiteTime);
  return verifyRun(PLAN, reports, cases);
};

describe('verifyRun', () => {
  it.each<[string, Record<string, Ran[]>, Partial<VerifyResult>]>([
    ['every planned test ran once: ok', ALL, { ok: true, lost: [], doubled: [], unexpected: [], missingShards: [] }],
    [
      "a shard's report is missing: its tests are lost, by name",
      { 'r1.xml': ALL['r1.xml'] as Ran[], 'r3.xml': ALL['r3.xml'] as Ran[] },
      {
        ok: false,
        missingShards: [2],
        lost: [
          { entry: 'b.py::C::t1', group: 2 },
          { entry: 'b.py::C::t2[x]', group: 2 },
        ],
      },
    ],
    [
      'one test selected by its class did not run: lost',
      { ...ALL, 'r2.xml': ['b.py::C::t1'] },
      { ok: false, missingShards: [], lost: [{ entry: 'b.py::C::t2[x]', group: 2 }], gone: [] },
    ],
    [
      'a test of a file its shard ran whole did not appear: gone since planning, not lost',
      { ...ALL, 'r1.xml': ['a.py::t1'] },
      { ok: true, missingShards: [], lost: [], gone: [{ entry: 'a.py::t2', group: 1 }] },
    ],
    [
      'no test of a file its shard selects whole ran: lost, not gone',
      { 'r1.xml': ['b.py::C::t1', 'b.py::C::t2[x]', 'c.py::x'], 'r2.xml': [] },
      {
        ok: false,
        lost: [
          { entry: 'a.py::t1', group: 1 },
          { entry: 'a.py::t2', group: 1 },
        ],
        gone: [],
      },
    ],
    [
      'a test ran in two shards: doubled, naming both reports',
      { ...ALL, 'r2.xml': ['b.py::C::t1', 'b.py::C::t2[x]', 'a.py::t1'] },
      { ok: false, lost: [], doubled: [{ id: 'a.py::t1', reports: ['r1.xml', 'r2.xml'] }], unexpected: [] },
    ],
    ['a rerun inside one report is not a double', { ...ALL, 'r1.xml': [['a.py::t1', 'failed'], 'a.py::t1', 'a.py::t2'] }, { ok: true, doubled: [] }],
    [
      'a test the plan does not have: unexpected',
      { ...ALL, 'r2.xml': ['b.py::C::t1', 'b.py::C::t2[x]', 'd.py::t'] },
      { ok: false, unexpected: [{ id: 'd.py::t', report: 'r2.xml' }], selectedNew: [] },
    ],
    [
      "a new test inside its shard's whole-file selector: not unexpected",
      { ...ALL, 'r1.xml': ['a.py::t1', 'a.py::t2', 'a.py::t3'] },
      { ok: true, unexpected: [], selectedNew: [{ id: 'a.py::t3', report: 'r1.xml' }] },
    ],
    [
      "a new test inside its shard's class selector: not unexpected",
      { ...ALL, 'r2.xml': ['b.py::C::t1', 'b.py::C::t2[x]', 'b.py::C::t3[1]'] },
      { ok: true, selectedNew: [{ id: 'b.py::C::t3[1]', report: 'r2.xml' }] },
    ],
    [
      "a new test of a split file outside its shard's selectors: unexpected",
      { ...ALL, 'r2.xml': ['b.py::C::t1', 'b.py::C::t2[x]', 'b.py::D::t'] },
      { ok: false, unexpected: [{ id: 'b.py::D::t', report: 'r2.xml' }] },
    ],
    ['a whole-file entry is covered by any test of the file', { ...ALL, 'r3.xml': ['c.py::only_one'] }, { ok: true, lost: [] }],
    [
      'a whole-file entry with no test run is lost',
      { 'r1.xml': ALL['r1.xml'] as Ran[], 'r2.xml': ALL['r2.xml'] as Ran[], 'r3.xml': [] },
      { ok: false, lost: [{ entry: 'c.py', group: 3 }], missingShards: [3], unmatchedReports: ['r3.xml'] },
    ],
    [
      'skipped tests count as run',
      {
        ...ALL,
        'r1.xml': [
          ['a.py::t1', 'skipped'],
          ['a.py::t2', 'error'],
        ],
      },
      { ok: true },
    ],
    [
      'a module skipped at collection counts as run; one failing at collection stays lost',
      { 'r1.xml': [{ module: 'a', outcome: 'skipped' }], 'r2.xml': ALL['r2.xml'] as Ran[], 'r3.xml': [{ module: 'c', outcome: 'error' }] },
      { ok: false, lost: [{ entry: 'c.py', group: 3 }], skippedModules: ['a'], missingShards: [3] },
    ],
    [
      'a report that ran only unknown tests belongs to no shard',
      { ...ALL, 'stray.xml': ['z.py::t'] },
      { ok: false, unmatchedReports: ['stray.xml'], unexpected: [{ id: 'z.py::t', report: 'stray.xml' }] },
    ],
  ])('%s', (_name, spec, expected) => {
    expect(check(spec)).toMatchObject(expected);
  });

  it('matches reports to shards by the planned tests they ran, whatever their names and order', () => {
    const r = check({ 'z.xml': ['a.py::t1', 'a.py::t2'], 'a.xml': ['c.py::x', 'c.py::y', 'b.py::C::t1'], 'm.xml': ['b.py::C::t2[x]', 'b.py::C::t1'] });
    expect(r.shards.map((s) => s.reports)).toEqual([['z.xml'], ['m.xml'], ['a.xml']]);
    expect(r.doubled).toEqual([{ id: 'b.py::C::t1', reports: ['a.xml', 'm.xml'] }]);
  });

  it('a tie goes to the lower group', () => {
    const r = check({ 'x.xml': ['c.py::x', 'a.py::t1'] });
    expect(r.shards[0]?.reports).toEqual(['x.xml']);
    expect(r.shards[2]?.reports).toEqual([]);
  });

  it('per shard: predicted vs actual (suite time, else the sum of testcases), ran and lost counts', () => {
    const timed = check({ ...ALL, 'r2b.xml': ['b.py::C::t2[x]'] }, 5);
    expect(timed.shards.map((s) => [s.group, s.predictedSeconds, s.actualSeconds, s.ran, s.lost])).toEqual([
      [1, 10, 5, 2, 0],
      [2, 20, 10, 2, 0],
      [3, 10, 5, 2, 0],
    ]);
    const untimed = check({ 'r1.xml': ALL['r1.xml'] as Ran[] }, null);
    expect(untimed.shards.map((s) => s.actualSeconds)).toEqual([2, undefined, undefined]);
    expect(
      reportSeconds({
        source: 's',
        suites: [
          { name: 'a', time: 1, cases: [] },
          { name: 'b', cases: [{ classname: 'c', name: 'n', time: 7, outcome: 'passed' }] },
        ],
      }),
    ).toBe(7);
  });

  it.each<[string, string, boolean]>([
    ['a.py', 'a.py::t', true],
    ['a.py', 'a.py::C::t[1]', true],
    ['a.py', 'a.pyx::t', false],
    ['a.py::C', 'a.py::C::t', true],
    ['a.py::C', 'a.py::Cx::t', false],
    ['a.py::t', 'a.py::t[1]', true],
    ['a.py::t', 'a.py::t2', false],
    ['a.py::t[1]', 'a.py::t[1]', true],
  ])('selects(%j, %j) is %s', (sel, id, expected) => {
    expect(selects(sel, id)).toBe(expected);
  });
});

describe('verifyRun with files cut across shards (the shard plugin)', () => {
  /** a.py is cut: group 1 owns it; group 2 runs a.py::t3 and a.py::t4. b.py is whole in group 2. */
  const CUT: VerifyPlan = {
    shards: [
      { ...shard(1, ['a.py::t1', 'a.py::t2'], ['.split-plan/group-1', 'a.py']), pluginDir: '.split-plan/group-1' },
      { ...shard(2, ['a.py::t3', 'a.py::t4', 'b.py::t'], ['.split-plan/group-2', 'a.py', 'b.py']), pluginDir: '.split-plan/group-2' },
    ],
    cutFiles: [{ file: 'a.py', owner: 1, groups: [1, 2] }],
  };
  /** source -> [ids ran, group property or undefined, gone ids or undefined] */
  type Spec = Record<string, [string[], string?, string[]?]>;
  const run = (spec: Spec): VerifyResult => {
    const reports: JUnitReport[] = [];
    const cases: MappedCase[] = [];
    Object.entries(spec).forEach(([source, [ids, group, gone]], report) => {
      for (const id of ids) cases.push({ id, time: 1, outcome: 'passed', report });
      const properties = [
        ...(group !== undefined ? [{ name: GROUP_PROPERTY, value: group }] : []),
        ...(gone !== undefined ? [{ name: GONE_PROPERTY, value: JSON.stringify(gone) }] : []),
      ];
      reports.push({
        source,
        suites: [
          {
            name: 'pytest',
            time: 2,
            cases: ids.map((name) => ({ classname: 'x', name, time: 1, outcome: 'passed' })),
            ...(properties.length ? { properties } : {}),
          },
        ],
      });
    });
    return verifyRun(CUT, reports, cases);
  };
  const OK: Spec = { 'g1.xml': [['a.py::t1', 'a.py::t2'], '1', []], 'g2.xml': [['a.py::t3', 'a.py::t4', 'b.py::t'], '2', []] };

  it.each<[string, Spec, Partial<VerifyResult>]>([
    ['everything ran: ok', OK, { ok: true, lost: [], gone: [], selectedNew: [], unexpected: [] }],
    [
      'a test added to the cut file ran in its owner: new',
      { ...OK, 'g1.xml': [['a.py::t1', 'a.py::t2', 'a.py::t9'], '1', []] },
      { ok: true, selectedNew: [{ id: 'a.py::t9', report: 'g1.xml' }], unexpected: [] },
    ],
    [
      'a test added to the cut file ran in another shard: unexpected',
      { ...OK, 'g2.xml': [['a.py::t3', 'a.py::t4', 'a.py::t9', 'b.py::t'], '2', []] },
      { ok: false, selectedNew: [], unexpected: [{ id: 'a.py::t9', report: 'g2.xml' }] },
    ],
    [
      'planned tests the plugins report gone: gone, not lost',
      { 'g1.xml': [['a.py::t1'], '1', ['a.py::t2']], 'g2.xml': [['a.py::t4', 'b.py::t'], '2', ['a.py::t3']] },
      {
        ok: true,
        lost: [],
        gone: [
          { entry: 'a.py::t2', group: 1 },
          { entry: 'a.py::t3', group: 2 },
        ],
      },
    ],
    [
      "gone counts only in the report of the test's own shard",
      { 'g1.xml': [['a.py::t1', 'a.py::t2'], '1', ['a.py::t3']], 'g2.xml': [['a.py::t4', 'b.py::t'], '2', []] },
      { ok: false, lost: [{ entry: 'a.py::t3', group: 2 }], gone: [] },
    ],
    [
      'a planned test of a cut file that did not run and no plugin reported: lost',
      { 'g1.xml': [['a.py::t1'], '1', []], 'g2.xml': [['a.py::t3', 'a.py::t4', 'b.py::t'], '2', []] },
      { ok: false, lost: [{ entry: 'a.py::t2', group: 1 }], gone: [] },
    ],
    [
      'the plugin did not load (no properties): the whole file ran twice, doubled',
      { 'g1.xml': [['a.py::t1', 'a.py::t2', 'a.py::t3', 'a.py::t4']], 'g2.xml': [['a.py::t1', 'a.py::t2', 'a.py::t3', 'a.py::t4', 'b.py::t']] },
      {
        ok: false,
        doubled: [
          { id: 'a.py::t1', reports: ['g1.xml', 'g2.xml'] },
          { id: 'a.py::t2', reports: ['g1.xml', 'g2.xml'] },
          { id: 'a.py::t3', reports: ['g1.xml', 'g2.xml'] },
          { id: 'a.py::t4', reports: ['g1.xml', 'g2.xml'] },
        ],
      },
    ],
  ])('%s', (_name, spec, expected) => {
    expect(run(spec)).toMatchObject(expected);
  });

  it('a report that names its group belongs to it, whatever it ran', () => {
    const r = run({ 'x.xml': [['a.py::t1', 'a.py::t2'], '2', []], 'y.xml': [['a.py::t3', 'a.py::t4', 'b.py::t'], '1', []] });
    expect(r.shards.map((s) => s.reports)).toEqual([['y.xml'], ['x.xml']]);
  });

  it('a gone property that is not a JSON list of ids is an input error naming the report', () => {
    const reports: JUnitReport[] = [{ source: 'bad.xml', suites: [{ name: 'pytest', cases: [], properties: [{ name: GONE_PROPERTY, value: '{"a": 1}' }] }] }];
    expect(() => verifyRun(CUT, reports, [])).toThrow('bad.xml: property split-plan-gone is not a JSON list of node ids');
  });

  it('says how many tests are new and gone when ok', () => {
    const r = run({ 'g1.xml': [['a.py::t1', 'a.py::t9'], '1', ['a.py::t2']], 'g2.xml': [['a.py::t3', 'a.py::t4', 'b.py::t'], '2', []] });
    const text = formatVerify(r);
    expect(text.split('\n')[0]).toBe(
      'split-plan verify: ok: every planned test ran exactly once (5 tests in 2 shards; 1 new since planning; 1 planned test(s) gone since planning)',
    );
    expect(text).toContain('new: not planned, ran once in the shard that runs new tests of their file (1):\n  a.py::t9  (g1.xml)\n');
    expect(text).toContain('gone: planned, but no longer collected (deleted or renamed since the timings) (1):\n  a.py::t2  (group 1)\n');
  });
});

describe('formatVerify', () => {
  const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`lost${String(i).padStart(2, '0')}.py::t`, 1]));
  const plan: VerifyPlan = { shards: [shard(1, Object.keys(many), []), shard(2, ['b.py::t'], ['b.py::t'])] };

  it('bounds each list and prints the per-shard table', () => {
    const { reports, cases } = reportsOf({ 'r2.xml': ['b.py::t'] });
    const text = formatVerify(verifyRun(plan, reports, cases), { unmapped: ['r2.xml: tests.test_broken'] }, 20);
    expect(text.split('\n')[0]).toBe('split-plan verify: FAILED: 25 lost, 0 doubled, 0 unexpected');
    expect(text).toContain('no report for group(s) 1');
    expect(text).toContain('  lost19.py::t  (group 1)\n  and 5 more\n');
    expect(text).not.toContain('lost20.py');
    expect(text).toContain('r2.xml: tests.test_broken');
    expect(text).toMatch(/group +planned +ran +lost +predicted s +actual s +diff\n +1 +25 +0 +25 +10\.00 +missing/);
    expect(text).toMatch(/ +2 +1 +1 +0 +10\.00 +5\.00 +-50%/);
  });

  it('says ok when ok', () => {
    const { reports, cases } = reportsOf(ALL);
    const r = verifyRun(PLAN, reports, cases);
    expect(formatVerify(r).split('\n')[0]).toBe('split-plan verify: ok: every planned test ran exactly once (6 tests in 3 shards)');
    expect(verifyRows(r)[0]).toEqual(['group', 'planned', 'ran', 'lost', 'predicted s', 'actual s', 'diff']);
  });
});

describe('verifyFromRequest on a real pytest report', () => {
  const FIXTURES = fileURLToPath(new URL('./fixtures/refresh/', import.meta.url));
  const F = 'tests/test_outcomes.py::';

  it('maps the JUnit names back to planned ids and whole files; collection records are not tests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-'));
    try {
      const plan = {
        version: 1,
        splits: 2,
        totalSeconds: 1,
        makespanSeconds: 1,
        lowerBoundSeconds: 1,
        shards: [
          {
            group: 1,
            predictedSeconds: 0.5,
            selectors: [`${F}test_passes`, `${F}test_param`],
            tests: [`${F}test_passes`, `${F}test_param[a b]`, `${F}test_param[c::d]`],
            estimated: 0,
          },
          {
            group: 2,
            predictedSeconds: 0.5,
            selectors: ['tests/test_optional.py', 'tests/test_broken.py'],
            tests: ['tests/test_optional.py', 'tests/test_broken.py'],
            estimated: 2,
          },
        ],
      };
      writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
      const { result, unmapped } = await verifyFromRequest({
        cwd: dir,
        rootdir: '.',
        plan: 'plan.json',
        junit: [join(FIXTURES, 'outcomes.xml')],
        words: CLI_WORDS,
      });
      // One report holds both shards' tests: it belongs to shard 1 (3 planned tests ran there).
      expect(result.shards.map((s) => s.reports.length)).toEqual([1, 0]);
      expect(result.skippedModules).toEqual(['tests.test_optional']);
      expect(result.lost).toEqual([{ entry: 'tests/test_broken.py', group: 2 }]);
      expect(result.unexpected.map((u) => u.id)).toEqual([
        `${F}TestGroup::test_in_class`,
        `${F}test_fails`,
        `${F}test_fails_then_teardown_error`,
        `${F}test_setup_error`,
        `${F}test_skipped`,
        `${F}test_xfail`,
      ]);
      expect(result.doubled).toEqual([]); // the teardown-error record repeats a test inside one report
      expect(unmapped.map((u) => u.replace(/^.*: /, ''))).toEqual(['tests.test_broken', 'tests.test_optional']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
