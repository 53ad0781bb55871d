/**
 * Plan-level invariants on random suites: every test in exactly one shard, selectors (with the
 * shard plugin's rule, helpers/shardRun.ts) that run exactly the shard's tests, N shards, and
 * byte-identical output whatever the input order.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { classKeyOf as overheadClassKeyOf, DEFAULT_OVERHEAD } from '../src/core/overhead.js';
import { buildPlan, type Plan, type PlanOptions } from '../src/core/plan.js';
import { buildSuite } from '../src/core/suite.js';
import { classKeyOf, fileOf, parseNodeId } from '../src/core/nodeid.js';
import { pluginDirPattern } from '../src/core/selection.js';
import { sum } from '../src/core/stats.js';
import { ALGORITHMS, GRANULARITIES, type OverheadModel } from '../src/core/types.js';
import { unitChoices } from '../src/core/units.js';
import { formatPlan } from '../src/formats/planJson.js';
import { groupsRunning } from './helpers/shardRun.js';
import { randomSuite, shuffled } from './helpers/suites.js';
import { CLI_WORDS } from '../src/cli/words.js';
import { describeWith } from '../src/render/warnings.js';
import { describeWarnings } from '../src/render/warnings.js';

function checkExactlyOnce(plan: Plan, ids: readonly string[]): void {
  const seen = new Map<string, number>();
  for (const s of plan.shards) for (const t of s.tests) seen.set(t, (seen.get(t) ?? 0) + 1);
  expect([...seen.keys()].sort()).toEqual([...ids].sort());
  expect([...seen.values()].every((c) => c === 1)).toBe(true);
  // What the shards run (selectors, then each shard's plugin) is each test once, in its own shard.
  for (const [id, groups] of groupsRunning(plan, ids)) {
    expect({ id, groups }).toEqual({ id, groups: [plan.shards.find((s) => s.tests.includes(id))?.group] });
  }
}

const options = fc.record({
  splits: fc.integer({ min: 1, max: 9 }),
  granularity: fc.constantFrom(...GRANULARITIES),
  algorithm: fc.constantFrom(...ALGORITHMS),
  workers: fc.constantFrom(1, 4),
  overhead: fc.constantFrom<OverheadModel>(DEFAULT_OVERHEAD, { fixedSeconds: 1, perFileSeconds: 0.2, source: 'flag', samples: 0 }),
});

/** Suites of a few big files (so that auto cuts some), with classes and one slow file. */
const fewFileSuite = fc
  .uniqueArray(
    fc.tuple(
      fc.integer({ min: 0, max: 4 }),
      fc.constantFrom('', 'TestA::', 'TestB::'),
      fc.integer({ min: 0, max: 999 }),
      fc.double({ min: 0, max: 3, noNaN: true }),
    ),
    { minLength: 2, maxLength: 80, selector: ([f, c, t]) => `${f}${c}${t}` },
  )
  .map((rows) => new Map(rows.map(([f, c, t, secs]) => [`tests/test_m${f}.py::${c}test_${t}`, f === 0 ? secs * 4 : secs])));

describe('buildPlan', () => {
  it('runs every test exactly once, in exactly N shards (timings only)', () => {
    fc.assert(
      fc.property(randomSuite(), options, (suite, opts: PlanOptions) => {
        const plan = buildPlan(buildSuite({ timings: suite.timings }), opts);
        expect(plan.shards).toHaveLength(opts.splits);
        checkExactlyOnce(plan, suite.ids);
        const empty = plan.shards.filter((s) => s.tests.length === 0).length;
        if (suite.ids.length >= opts.splits) expect(empty).toBe(0);
        else expect(describeWarnings(plan, CLI_WORDS).join('\n')).toMatch(/have no tests; use fewer splits/);
      }),
      { numRuns: 200 },
    );
  });

  it('with a collected list, plans exactly that list and estimates the unknown', () => {
    fc.assert(
      fc.property(randomSuite(), randomSuite(40), options, (timed, extra, opts: PlanOptions) => {
        const collected = [...new Set([...timed.ids.slice(0, Math.ceil(timed.ids.length / 2)), ...extra.ids])];
        const plan = buildPlan(buildSuite({ timings: timed.timings, collected }), opts);
        checkExactlyOnce(plan, collected);
        const unknown = collected.filter((id) => !timed.timings.has(id)).length;
        expect(plan.estimatedTests).toBe(unknown);
        expect(plan.staleEntries).toBe(timed.ids.filter((id) => !collected.includes(id)).length);
      }),
      { numRuns: 150 },
    );
  });

  it('gives byte-identical JSON whatever the order of keys and collected lines', () => {
    fc.assert(
      fc.property(randomSuite(), options, fc.integer(), (suite, opts: PlanOptions, seed) => {
        const a = formatPlan(buildPlan(buildSuite({ timings: suite.timings, collected: suite.ids }), opts), describeWith(CLI_WORDS));
        const order = shuffled(suite.ids, seed);
        const timings = new Map(order.map((id) => [id, suite.timings.get(id) as number]));
        const b = formatPlan(buildPlan(buildSuite({ timings, collected: shuffled(suite.ids, seed + 1) }), opts), describeWith(CLI_WORDS));
        expect(b).toBe(a);
      }),
      { numRuns: 150 },
    );
  });

  it('selects whole files only, the plugin directory first where a file is spread over shards', () => {
    let cut = 0;
    fc.assert(
      fc.property(fewFileSuite, options, (timings, opts: PlanOptions) => {
        const plan = buildPlan(buildSuite({ timings }), opts);
        const groupsOf = new Map<string, Set<number>>();
        for (const s of plan.shards) for (const id of s.tests) groupsOf.set(fileOf(id), (groupsOf.get(fileOf(id)) ?? new Set()).add(s.group));
        const spread = [...groupsOf]
          .filter(([, g]) => g.size > 1)
          .map(([f]) => f)
          .sort();
        expect(plan.cutFiles.map((c) => c.file)).toEqual(spread);
        for (const c of plan.cutFiles) {
          expect(c.groups).toEqual([...(groupsOf.get(c.file) ?? [])].sort((a, b) => a - b));
          // The owner holds the largest share of the file's seconds (ties: more tests, lower group).
          const share = (g: number): number => sum((plan.shards[g - 1]?.tests ?? []).filter((id) => fileOf(id) === c.file).map((id) => timings.get(id) ?? 0));
          for (const g of c.groups) expect(share(g)).toBeLessThanOrEqual(share(c.owner) + 1e-9);
        }
        for (const s of plan.shards) {
          const files = [...new Set(s.tests.map(fileOf))].sort();
          const needs = files.some((f) => spread.includes(f));
          if (needs) expect(s.pluginDir).toMatch(pluginDirPattern(s.group));
          else expect(s.pluginDir).toBeUndefined();
          // Path order with one worker; with several, the same files longest first (the plugin dir stays first).
          const passed = needs ? s.selectors.slice(1) : s.selectors;
          if (needs) expect(s.selectors[0]).toBe(s.pluginDir);
          expect(opts.workers > 1 ? [...passed].sort() : passed).toEqual(files);
        }
        cut += spread.length;
      }),
      { numRuns: 300 },
    );
    expect(cut).toBeGreaterThan(0); // the property met files that were cut
  });

  it('never reports a slowest shard below the lower bound', () => {
    fc.assert(
      fc.property(randomSuite(), options, (suite, opts: PlanOptions) => {
        const plan = buildPlan(buildSuite({ timings: suite.timings }), opts);
        expect(plan.makespanSeconds).toBeGreaterThanOrEqual(plan.lowerBoundSeconds - 0.0015);
      }),
      { numRuns: 150 },
    );
  });
});

describe('classKeyOf: the one class key (cut classes, class setups, class units)', () => {
  it.each([
    ['tests/test_a.py::test_f', undefined],
    ['tests/test_a.py::test_f[x::Y]', undefined],
    ['tests/test_a.py', undefined],
    ['tests/test_a.py::TestA::test_f', 'tests/test_a.py::TestA'],
    ['tests/test_a.py::TestA::TestB::test_f[p a.b::C]', 'tests/test_a.py::TestA'],
    ['tests/test_a.py::TestA::test_f[a/b::TestZ::test_g]', 'tests/test_a.py::TestA'],
  ])('%s -> %s', (id, key) => {
    expect(classKeyOf(id)).toBe(key);
    expect(classKeyOf(parseNodeId(id))).toBe(key);
    expect(overheadClassKeyOf(id)).toBe(key);
  });

  it('class units: one per class key, holding exactly the tests with that key', () => {
    const ids = ['t/test_a.py::TestA::test_1', 't/test_a.py::TestA::TestIn::test_2[x::TestB]', 't/test_a.py::test_3[p]', 't/test_a.py::TestB::test_4'];
    const suite = buildSuite({ timings: new Map(ids.map((id) => [id, 1])) });
    const [choice] = unitChoices(suite, { granularity: 'class', splits: 2, workers: 1, overhead: DEFAULT_OVERHEAD });
    const classUnits = (choice?.units ?? []).filter((u) => classKeyOf(u.tests[0] as string) !== undefined);
    expect(classUnits.map((u) => u.selectors)).toEqual([['t/test_a.py::TestA'], ['t/test_a.py::TestB']]);
    for (const u of classUnits) expect([...u.tests].sort()).toEqual(ids.filter((id) => classKeyOf(id) === u.selectors[0]).sort());
  });
});

describe('granularity', () => {
  const timings = new Map<string, number>([
    ['tests/test_big.py::TestA::test_1', 10],
    ['tests/test_big.py::TestA::test_2', 10],
    ['tests/test_big.py::TestB::test_1', 10],
    ['tests/test_big.py::test_free[a b]', 10],
    ['tests/test_big.py::test_free[c]', 10],
    ['tests/test_small.py::test_x', 2],
    ['tests/test_small.py::test_y', 2],
    ['tests/other/test_z.py::TestZ::test_q', 3],
  ]);
  const plan = (granularity: PlanOptions['granularity'], splits = 3): Plan =>
    buildPlan(buildSuite({ timings }), { splits, granularity, algorithm: 'balanced', workers: 1, overhead: DEFAULT_OVERHEAD });

  it.each([
    ['file', [], [['tests/test_big.py'], ['tests/test_small.py'], ['tests/other/test_z.py']]],
    [
      'class',
      [{ file: 'tests/test_big.py', owner: 1, groups: [1, 2, 3] }],
      [
        ['.split-plan/group-1', 'tests/test_big.py'],
        ['.split-plan/group-2', 'tests/test_big.py'],
        ['.split-plan/group-3', 'tests/other/test_z.py', 'tests/test_big.py', 'tests/test_small.py'],
      ],
    ],
  ] as const)('%s granularity: cut files %j, selectors %j', (granularity, cutFiles, selectors) => {
    const p = plan(granularity);
    expect(p.cutFiles).toEqual(cutFiles);
    // Plugin directories are named by their content: .split-plan/group-K-<key>.
    expect(p.shards.map((s) => s.selectors.map((x) => x.replace(/-[0-9a-f]{16}$/, '')))).toEqual(selectors);
  });

  it('auto keeps small files whole and cuts only the file bigger than a fair share; no warning about it', () => {
    const p = plan('auto');
    expect(p.splitFiles).toEqual(['tests/test_big.py']);
    expect(p.cutFiles.map((c) => c.file)).toEqual(['tests/test_big.py']);
    const byFile = (f: string): number[] => p.shards.filter((s) => s.selectors.includes(f)).map((s) => s.group);
    expect(byFile('tests/test_small.py')).toHaveLength(1);
    expect(byFile('tests/other/test_z.py')).toHaveLength(1);
    expect(byFile('tests/test_big.py')).toEqual(p.cutFiles[0]?.groups);
    expect(p.warnings).toEqual([]);
  });

  it('auto with one shard keeps every file whole', () => {
    expect(plan('auto', 1).shards[0]?.selectors).toEqual(['tests/other/test_z.py', 'tests/test_big.py', 'tests/test_small.py']);
  });

  it('test granularity finds the best split (five 10 s tests cannot share two shards better than 30/27)', () => {
    const p = plan('test', 2);
    expect(p.makespanSeconds).toBe(30);
    expect(p.lowerBoundSeconds).toBe(28.5);
  });
});

describe('estimation of unknown tests', () => {
  const timings = new Map<string, number>([
    ['tests/a/test_one.py::test_1', 1],
    ['tests/a/test_one.py::test_2', 3],
    ['tests/a/test_one.py::test_3', 100],
    ['tests/a/test_two.py::test_1', 7],
    ['tests/b/test_three.py::test_1', 0.5],
  ]);
  it.each([
    ['same file: median of its tests', 'tests/a/test_one.py::test_new', 3],
    ['same directory: median of the directory', 'tests/a/test_new.py::test_x', 5],
    ['parent directory when the own one has nothing', 'tests/c/test_new.py::test_x', 3],
    ['whole suite for a file at the root', 'test_root.py::test_x', 3],
  ])('%s', (_why, id, expected) => {
    const suite = buildSuite({ timings, collected: [...timings.keys(), id] });
    const t = suite.tests.find((x) => x.id === id);
    expect(t?.estimated).toBe(true);
    expect(t?.seconds).toBe(expected);
  });

  it('a file on disk that no timing names is planned whole and estimated', () => {
    const suite = buildSuite({ timings, discoveredFiles: ['tests/a/test_one.py', 'tests/b/test_new.py'] });
    expect(suite.unknownFiles).toEqual([{ file: 'tests/b/test_new.py', seconds: 0.5 }]);
    const p = buildPlan(suite, { splits: 2, granularity: 'auto', algorithm: 'balanced', workers: 1, overhead: DEFAULT_OVERHEAD });
    expect(p.shards.flatMap((s) => s.selectors)).toContain('tests/b/test_new.py');
    expect(p.estimatedTests).toBe(1);
  });
});
